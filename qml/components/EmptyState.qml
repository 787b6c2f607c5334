import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What an empty page says: an icon, a sentence, and the action that fills
// it (when there is one).
ColumnLayout {
    id: root
    property string icon: "containers"
    property string text: ""
    property string hint: ""
    property string actionText: ""
    signal actionTriggered()

    spacing: Theme.spacing
    Accessible.role: Accessible.StaticText
    Accessible.name: text
    Image {
        Layout.alignment: Qt.AlignHCenter
        source: "qrc:/icons/" + root.icon + ".svg"
        sourceSize: Qt.size(Theme.iconLarge, Theme.iconLarge)
        opacity: 0.45
    }
    Label {
        objectName: "emptyText"
        Layout.alignment: Qt.AlignHCenter
        Layout.fillWidth: true // up to its maximum, never past a narrower parent
        Layout.maximumWidth: 420
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: root.text
        font.pixelSize: Theme.fontSubtitle
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        Layout.fillWidth: true
        Layout.maximumWidth: 420
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        visible: text !== ""
        text: root.hint
        color: Theme.textMuted
    }
    PrimaryButton {
        objectName: "emptyAction"
        Layout.alignment: Qt.AlignHCenter
        Layout.topMargin: Theme.spacing
        visible: root.actionText !== ""
        text: root.actionText
        onClicked: root.actionTriggered()
    }
}
