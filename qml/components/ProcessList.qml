import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A container's processes (ps -ef inside it), refreshed on demand.
ColumnLayout {
    spacing: 0
    Toolbar {
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            text: Details.state === "running" ? qsTr("%n process(es)", "", Details.processes.length) : qsTr("The container is not running.")
        }
        Button {
            objectName: "processesRefresh"
            text: qsTr("Refresh")
            icon.source: "qrc:/icons/restart.svg"
            enabled: Details.state === "running"
            onClicked: Details.refreshProcesses()
        }
    }
    Rectangle {
        Layout.fillWidth: true
        Layout.fillHeight: true
        color: Theme.surface
        ListView {
            id: processes
            objectName: "processList"
            anchors.fill: parent
            anchors.margins: Theme.spacingSmall
            clip: true
            // By index: a list of lists as a model hands delegates single cells.
            model: Details.processes.length
            visible: Details.state === "running"
            ScrollBar.vertical: ScrollBar {}
            header: Label {
                leftPadding: Theme.spacing
                bottomPadding: Theme.spacingSmall
                text: Details.processTitles.join("\t")
                font.family: Theme.monospace
                font.pixelSize: Theme.fontSmall
                font.bold: true
                color: Theme.textMuted
            }
            delegate: Label {
                required property int index
                leftPadding: Theme.spacing
                width: processes.width
                elide: Text.ElideRight
                text: (Details.processes[index] || []).join("\t")
                font.family: Theme.monospace
                font.pixelSize: Theme.fontSmall
            }
        }
        EmptyState {
            anchors.centerIn: parent
            visible: processes.count === 0 || !processes.visible
            icon: "containers"
            text: Details.state === "running" ? qsTr("No processes listed yet.") : qsTr("A stopped container has no processes.")
        }
    }
}
