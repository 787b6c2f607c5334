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
    signal back()

    header: RowLayout {
        spacing: 8
        ToolButton {
            text: "←"
            onClicked: page.back()
        }
        StateBadge {
            kind: Details.state
            text: Details.state
        }
        Label {
            text: Details.name
            font.pixelSize: 16
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            text: Details.image
            opacity: 0.7
            elide: Text.ElideRight
        }
        Button {
            objectName: "containerStop"
            text: Details.state === "running" ? qsTr("Stop") : qsTr("Start")
            icon.source: Details.state === "running" ? "qrc:/icons/stop.svg" : "qrc:/icons/start.svg"
            onClicked: Containers.act(Details.state === "running" ? "stop" : "start", Details.containerId)
        }
        Button {
            text: qsTr("Restart")
            icon.source: "qrc:/icons/restart.svg"
            onClicked: Containers.act("restart", Details.containerId)
        }
        Button {
            Layout.rightMargin: 12
            text: qsTr("Remove")
            icon.source: "qrc:/icons/remove.svg"
            onClicked: {
                Containers.act("remove", Details.containerId)
                page.back()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ErrorLabel { text: Details.lastError || Containers.lastError }
        TabBar {
            id: tabs
            objectName: "containerTabs"
            Layout.fillWidth: true
            currentIndex: page.initialTab
            TabButton { objectName: "tab.overview"; text: qsTr("Overview") }
            TabButton { objectName: "tab.logs"; text: qsTr("Logs (%1)").arg(Logs.count) }
            TabButton { objectName: "tab.stats"; text: qsTr("Stats") }
            TabButton {
                objectName: "tab.processes"
                text: qsTr("Processes")
                onClicked: Details.refreshProcesses()
            }
        }
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
