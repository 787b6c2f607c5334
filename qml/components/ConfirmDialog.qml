import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The window's one confirmation: Confirm.ask() opens it. Its destructive
// button names the act; Escape or Cancel changes nothing.
Dialog {
    id: dialog
    objectName: "confirmDialog"
    modal: true
    width: Math.min(460, parent ? parent.width - 2 * Theme.spacingHuge : 460)
    title: Confirm.title
    padding: Theme.spacingLarge

    Connections {
        target: Confirm
        function onAsked() { dialog.open() }
    }
    onRejected: Confirm.dismiss()

    Label {
        objectName: "confirmBody"
        width: parent.width
        wrapMode: Text.Wrap
        text: Confirm.body
    }

    footer: DialogButtonBox {
        Button {
            objectName: "confirmCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            objectName: "confirmAccept"
            text: Confirm.confirmText
            palette.button: Theme.dangerFill
            palette.buttonText: Theme.onState
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            onClicked: {
                dialog.close()
                Confirm.confirm()
            }
        }
    }
}
