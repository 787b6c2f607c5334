import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A container's processes (ps -ef inside it), refreshed on demand.
ColumnLayout {
    spacing: 4
    RowLayout {
        Layout.margins: 8
        Label {
            text: Details.state === "running" ? qsTr("%n process(es)", "", Details.processes.length) : qsTr("The container is not running.")
        }
        Item { Layout.fillWidth: true }
        Button {
            text: qsTr("Refresh")
            icon.source: "qrc:/icons/restart.svg"
            onClicked: Details.refreshProcesses()
        }
    }
    ListView {
        id: processes
        objectName: "processList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: Details.processes
        header: Label {
            leftPadding: 8
            text: Details.processTitles.join("\t")
            font.family: "monospace"
            font.bold: true
        }
        delegate: Label {
            required property var modelData
            leftPadding: 8
            width: processes.width
            elide: Text.ElideRight
            text: modelData.join("\t")
            font.family: "monospace"
        }
    }
}
