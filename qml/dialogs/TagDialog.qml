import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Another name for an image: [registry/]repository[:tag], checked as it is
// typed; the engine's refusal shows on the page that asked.
Dialog {
    id: dialog
    objectName: "tagDialog"
    property string imageId: ""
    property string current: ""
    // Docker's reference grammar, loosely: lower-case path components,
    // an optional registry host[:port], an optional tag of 1–128 characters.
    readonly property var grammar: /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/
    readonly property bool valid: grammar.test(target.text.trim())

    function openFor(id, reference) {
        imageId = id
        current = reference
        target.text = ""
        open()
        target.forceActiveFocus()
    }
    modal: true
    width: Math.min(460, parent ? parent.width - 2 * Theme.spacingHuge : 460)
    title: qsTr("Tag %1").arg(current)
    onAccepted: Images.tag(imageId, target.text.trim())

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label { text: qsTr("New name"); Accessible.role: Accessible.StaticText }
        TextField {
            id: target
            objectName: "tagTarget"
            Layout.fillWidth: true
            focus: true
            placeholderText: qsTr("repository:tag")
            Accessible.name: qsTr("New name")
            selectByMouse: true
            onAccepted: if (dialog.valid) dialog.accept()
        }
        InlineMessage {
            objectName: "tagInvalid"
            kind: "warning"
            text: target.text.trim() !== "" && !dialog.valid
                  ? qsTr("Not an image name: lower-case letters, digits and . _ - / only, then an optional :tag.") : ""
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "tagCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        PrimaryButton {
            objectName: "tagAccept"
            text: qsTr("Tag")
            enabled: dialog.valid
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
}
