import QtQuick
import QtQuick.Controls
import Muelle.Engine

// The latest notification, in the window too (the desktop's may be off),
// until dismissed or replaced.
Frame {
    id: root
    property string summary: ""
    property string body: ""
    visible: summary !== ""

    Connections {
        target: Notifier
        function onNotified(summary, body) {
            root.summary = summary
            root.body = body
        }
    }

    Row {
        spacing: 12
        Label {
            text: root.summary + (root.body !== "" ? " — " + root.body : "")
            font.bold: true
            anchors.verticalCenter: parent.verticalCenter
        }
        ToolButton {
            text: qsTr("Dismiss")
            onClicked: root.summary = ""
        }
    }
}
