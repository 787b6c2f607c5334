import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// One container of the list: state, name, image, status, ports, its CPU of
// the last minute, and actions. Clicking it opens its page.
ItemDelegate {
    id: row
    required property string containerId
    required property string name
    required property string image
    required property string containerState
    required property string status
    required property string ports
    required property double cpu
    required property double memory
    required property var cpuHistory
    required property var memoryHistory
    readonly property bool running: containerState === "running"
    signal opened(string id)

    objectName: "containerRow." + name
    onClicked: row.opened(row.containerId)

    contentItem: RowLayout {
        spacing: 12
        StateBadge {
            kind: row.containerState
            text: row.containerState
            Layout.preferredWidth: 80
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                text: row.name
                font.bold: true
            }
            Label {
                text: row.image + "  ·  " + row.status + (row.ports !== "" ? "  ·  " + row.ports : "")
                opacity: 0.7
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Sparkline {
            objectName: "cpuSparkline"
            visible: row.running
            values: row.cpuHistory
            ToolTip.visible: cpuHover.hovered
            ToolTip.text: qsTr("CPU, the last minute")
            HoverHandler { id: cpuHover }
        }
        Sparkline {
            visible: row.running
            values: row.memoryHistory
            color: "#6a1b9a"
            ToolTip.visible: memoryHover.hovered
            ToolTip.text: qsTr("Memory, the last minute")
            HoverHandler { id: memoryHover }
        }
        Label {
            visible: row.running
            Layout.preferredWidth: 120
            text: row.cpu.toFixed(1) + " % · " + Format.bytes(row.memory)
            opacity: 0.8
        }
        ToolButton {
            objectName: row.running ? "stop" : "start"
            icon.source: row.running ? "qrc:/icons/stop.svg" : "qrc:/icons/start.svg"
            ToolTip.visible: hovered
            ToolTip.text: row.running ? qsTr("Stop") : qsTr("Start")
            onClicked: Containers.act(row.running ? "stop" : "start", row.containerId)
        }
        ToolButton {
            icon.source: "qrc:/icons/restart.svg"
            enabled: row.running
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Restart")
            onClicked: Containers.act("restart", row.containerId)
        }
        ToolButton {
            text: "⋯"
            onClicked: more.open()
            Menu {
                id: more
                MenuItem {
                    text: row.containerState === "paused" ? qsTr("Unpause") : qsTr("Pause")
                    enabled: row.running || row.containerState === "paused"
                    onTriggered: Containers.act(row.containerState === "paused" ? "unpause" : "pause", row.containerId)
                }
                MenuItem {
                    text: qsTr("Kill")
                    enabled: row.running
                    onTriggered: Containers.act("kill", row.containerId)
                }
                MenuItem {
                    text: Notifier.muted.indexOf(row.name) >= 0 ? qsTr("Unmute notifications") : qsTr("Mute notifications")
                    onTriggered: Notifier.setMuted(row.name, Notifier.muted.indexOf(row.name) < 0)
                }
                MenuItem {
                    text: qsTr("Remove")
                    onTriggered: Containers.act("remove", row.containerId)
                }
            }
        }
    }
}
