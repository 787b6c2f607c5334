import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// One container of the list: state, name, image, status, ports, its CPU and
// memory of the last minute, and actions. Clicking it opens its page.
ListRow {
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
    readonly property bool paused: containerState === "paused"
    signal opened(string id)

    objectName: "containerRow." + name
    title: name
    subtitle: image + "  ·  " + status + (ports !== "" ? "  ·  " + ports : "")
    badgeKind: containerState
    onClicked: row.opened(row.containerId)
    onDeleteRequested: row.confirmRemoval()
    function confirmRemoval() {
        Confirm.removeContainer(row.name, row.running, () => Containers.act("remove", row.containerId))
    }

    Sparkline {
        objectName: "cpuSparkline"
        visible: row.running && row.width > 720
        values: row.cpuHistory
        color: Theme.series[0]
        ToolTip.visible: cpuHover.hovered
        ToolTip.text: qsTr("CPU, the last minute")
        HoverHandler { id: cpuHover }
    }
    Sparkline {
        visible: row.running && row.width > 720
        values: row.memoryHistory
        color: Theme.series[1]
        ToolTip.visible: memoryHover.hovered
        ToolTip.text: qsTr("Memory, the last minute")
        HoverHandler { id: memoryHover }
    }
    Label {
        visible: row.running
        Layout.preferredWidth: 128
        horizontalAlignment: Text.AlignRight
        text: row.cpu.toFixed(1) + " % · " + Format.bytes(row.memory)
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
    }
    IconButton {
        objectName: row.running ? "stop" : "start"
        tip: row.running ? qsTr("Stop %1").arg(row.name) : qsTr("Start %1").arg(row.name)
        icon.source: row.running ? "qrc:/icons/stop.svg" : "qrc:/icons/start.svg"
        enabled: !row.paused
        onClicked: Containers.act(row.running ? "stop" : "start", row.containerId)
    }
    IconButton {
        objectName: "restart"
        tip: qsTr("Restart %1").arg(row.name)
        icon.source: "qrc:/icons/restart.svg"
        enabled: row.running
        onClicked: Containers.act("restart", row.containerId)
    }
    IconButton {
        objectName: "more"
        tip: qsTr("More actions for %1").arg(row.name)
        shortcut: qsTr("Delete removes")
        icon.source: "qrc:/icons/more.svg"
        onClicked: more.popup()
        Menu {
            id: more
            MenuItem {
                text: row.paused ? qsTr("Unpause") : qsTr("Pause")
                enabled: row.running || row.paused
                onTriggered: Containers.act(row.paused ? "unpause" : "pause", row.containerId)
            }
            MenuItem {
                text: qsTr("Kill…")
                enabled: row.running
                onTriggered: Confirm.ask(qsTr("Kill %1?").arg(row.name),
                    qsTr("Its processes get SIGKILL at once: whatever they have not written is lost."),
                    qsTr("Kill"), () => Containers.act("kill", row.containerId))
            }
            MenuItem {
                text: Notifier.muted.indexOf(row.name) >= 0 ? qsTr("Unmute notifications") : qsTr("Mute notifications")
                onTriggered: Notifier.setMuted(row.name, Notifier.muted.indexOf(row.name) < 0)
            }
            MenuSeparator {}
            MenuItem {
                objectName: "remove"
                text: qsTr("Remove…")
                onTriggered: row.confirmRemoval()
            }
        }
    }
}
