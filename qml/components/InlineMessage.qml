import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A message where it belongs — the engine's error on the page or dialog
// that asked, a field's validation — in the engine's words, never
// swallowed; hidden when there is none. kind: error, warning, info, success.
Pane {
    id: root
    property string text: ""
    property string kind: "error"

    visible: text !== ""
    Layout.fillWidth: true
    padding: Theme.spacing
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text
    background: Rectangle {
        radius: Theme.radius
        color: Theme.tint(root.kind)
        border.color: root.kind === "error" ? Theme.danger : root.kind === "warning" ? Theme.warning
                    : root.kind === "success" ? Theme.success : Theme.info
    }
    Label {
        objectName: "message"
        width: parent.width
        text: root.text
        color: Theme.text
        wrapMode: Text.Wrap
    }
}
