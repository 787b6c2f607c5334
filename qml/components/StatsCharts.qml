import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Muelle.Engine

// A container's last five minutes: CPU, memory, network and block I/O,
// live; the whole recorded history can be exported as CSV.
ColumnLayout {
    id: root
    spacing: 0

    function refill() {
        Stats.fill(cpuChart.first, memoryChart.first, networkChart.first, networkChart.second,
                   blockChart.first, blockChart.second)
    }
    Connections {
        target: Stats
        function onChanged() { root.refill() }
        function onExported(path, error) {
            if (error === "")
                Toasts.show(qsTr("Saved %1").arg(path), "success")
            else
                exportError.text = error
        }
    }
    Component.onCompleted: refill()

    Toolbar {
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            elide: Text.ElideRight
            text: qsTr("CPU %1 % · memory %2 of %3 · %n process(es)", "", Stats.pids)
                .arg(Stats.cpu.toFixed(1)).arg(Format.bytes(Stats.memory))
                .arg(Stats.memoryLimit > 0 ? Format.bytes(Stats.memoryLimit) : qsTr("no limit"))
        }
        Button {
            objectName: "statsExport"
            text: qsTr("Export CSV…")
            icon.source: "qrc:/icons/export.svg"
            onClicked: saveDialog.open()
        }
    }
    InlineMessage { id: exportError; Layout.margins: Theme.spacing }
    InlineMessage { text: Stats.lastError; Layout.margins: Theme.spacing }
    FileDialog {
        id: saveDialog
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("CSV files (*.csv)")]
        currentFile: "file:///tmp/" + Details.name + "-stats.csv"
        onAccepted: {
            exportError.text = ""
            Stats.exportCsv(selectedFile)
        }
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.margins: Theme.spacing
        columns: 2
        rowSpacing: Theme.spacing
        columnSpacing: Theme.spacing
        TimeChart {
            id: cpuChart
            objectName: "chart.cpu"
            Layout.fillWidth: true
            Layout.fillHeight: true
            name: qsTr("CPU")
            firstName: qsTr("CPU")
            axis: Stats.cpuAxis
        }
        TimeChart {
            id: memoryChart
            objectName: "chart.memory"
            Layout.fillWidth: true
            Layout.fillHeight: true
            name: qsTr("Memory")
            firstName: qsTr("Memory")
            axis: Stats.memoryAxis
        }
        TimeChart {
            id: networkChart
            objectName: "chart.network"
            Layout.fillWidth: true
            Layout.fillHeight: true
            name: qsTr("Network")
            firstName: qsTr("received")
            secondName: qsTr("sent")
            axis: Stats.networkAxis
        }
        TimeChart {
            id: blockChart
            objectName: "chart.block"
            Layout.fillWidth: true
            Layout.fillHeight: true
            name: qsTr("Block I/O")
            firstName: qsTr("read")
            secondName: qsTr("written")
            axis: Stats.blockAxis
        }
    }
}
