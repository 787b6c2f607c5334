import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// One container: what it is (inspect), its log, its resource charts and
// its processes, with its actions.
Page {
    id: page
    objectName: "containerPage"
    property int initialTab: 0
    readonly property bool running: Details.state === "running"
    signal back()
    background: Rectangle { color: Theme.surface }

    header: ColumnLayout {
        spacing: 0
        PageHeader {
            Layout.fillWidth: true
            title: Details.name
            subtitle: Details.image
            leading: IconButton {
                objectName: "containerBack"
                tip: qsTr("Back to the containers")
                shortcut: "Alt+Left"
                icon.source: "qrc:/icons/back.svg"
                onClicked: page.back()
            }
            StateBadge {
                kind: Details.state
                text: Format.stateName(Details.state)
            }
            Button {
                objectName: "containerStop"
                text: page.running ? qsTr("Stop") : qsTr("Start")
                icon.source: page.running ? "qrc:/icons/stop.svg" : "qrc:/icons/start.svg"
                enabled: Details.state !== "paused" && Details.state !== ""
                onClicked: Containers.act(page.running ? "stop" : "start", Details.containerId)
            }
            Button {
                objectName: "containerRestart"
                text: qsTr("Restart")
                icon.source: "qrc:/icons/restart.svg"
                enabled: page.running
                onClicked: Containers.act("restart", Details.containerId)
            }
            Button {
                objectName: "containerRemove"
                text: qsTr("Remove…")
                icon.source: "qrc:/icons/remove.svg"
                onClicked: Confirm.removeContainer(Details.name, page.running, () => {
                    Containers.act("remove", Details.containerId)
                    page.back()
                })
            }
        }
        TabBar {
            id: tabs
            objectName: "containerTabs"
            Layout.fillWidth: true
            currentIndex: page.initialTab
            background: Rectangle {
                color: Theme.surface
                Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
            }
            TabItem { objectName: "tab.overview"; text: qsTr("Overview") }
            TabItem { objectName: "tab.logs"; text: qsTr("Logs (%1)").arg(Logs.count) }
            TabItem { objectName: "tab.stats"; text: qsTr("Stats") }
            TabItem {
                objectName: "tab.processes"
                text: qsTr("Processes")
                onClicked: Details.refreshProcesses()
            }
        }
    }

    Shortcut { sequence: "Alt+Left"; enabled: page.visible; onActivated: page.back() }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        InlineMessage { text: Details.lastError || Containers.lastError; Layout.margins: Theme.spacing }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex
            ContainerOverview {}
            LogView {}
            // The charts are made when first shown.
            Loader { active: tabs.currentIndex === 2 || status === Loader.Ready; sourceComponent: StatsCharts {} }
            ProcessList {}
        }
    }
}
