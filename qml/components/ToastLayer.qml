import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The toasts of the moment, bottom right over every page: each goes after
// Theme.toastMillis (errors stay until dismissed), and all stay in the
// notification drawer.
Item {
    id: toastLayer // not `layer`: inside a toast that name is the toast's own Item.layer
    ListModel { id: showing }
    property int serial: 0

    Connections {
        target: Toasts
        function onPosted(text, kind) {
            showing.append({ text: text, kind: kind, serial: ++toastLayer.serial })
            if (showing.count > 3)
                showing.remove(0)
        }
    }
    function dismiss(serial) {
        for (let i = 0; i < showing.count; ++i)
            if (showing.get(i).serial === serial) { showing.remove(i); return }
    }

    Column {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing
        Repeater {
            model: showing
            delegate: Pane {
                id: toast
                required property string text
                required property string kind
                required property int serial
                objectName: "toast"
                width: Theme.toastWidth
                padding: Theme.spacingMedium
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
                background: Rectangle {
                    color: Theme.surfaceRaised
                    radius: Theme.radius
                    border.color: toast.kind === "error" ? Theme.danger : toast.kind === "success" ? Theme.success : Theme.border
                    Rectangle {
                        width: Theme.spacingSmall
                        height: parent.height
                        radius: Theme.radiusSmall
                        color: toast.kind === "error" ? Theme.danger : toast.kind === "success" ? Theme.success : Theme.info
                    }
                }
                Timer {
                    interval: Theme.toastMillis
                    running: toast.kind !== "error"
                    onTriggered: toastLayer.dismiss(toast.serial)
                }
                RowLayout {
                    anchors.fill: parent
                    spacing: Theme.spacing
                    Label {
                        objectName: "toastText"
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.spacing
                        text: toast.text
                        wrapMode: Text.Wrap
                    }
                    IconButton {
                        tip: qsTr("Dismiss")
                        icon.source: "qrc:/icons/close.svg"
                        onClicked: toastLayer.dismiss(toast.serial)
                    }
                }
            }
        }
    }
}
