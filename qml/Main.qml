import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The main window: the engine's state above the pages.
ApplicationWindow {
    id: window
    width: 1000
    height: 640
    visible: true
    title: qsTr("Muelle")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            Label {
                text: qsTr("Muelle")
                font.bold: true
                font.pixelSize: 18
            }
            Item { Layout.fillWidth: true }
            StateBadge {
                kind: Engine.connected ? "running" : "exited"
                text: Engine.connected ? qsTr("Engine running") : qsTr("Engine not running")
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // An engine that is not there is said so, with how to start it.
        Frame {
            Layout.fillWidth: true
            visible: !Engine.connected
            Label {
                width: parent.width
                wrapMode: Text.WordWrap
                text: qsTr("The Muelle engine is not running. Start it with: sudo systemctl start muelled")
            }
        }

        ContainersPage {
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }
}
