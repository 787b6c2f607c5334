import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import QtCharts
import Muelle.Engine

// A container's last five minutes: CPU, memory, network and block I/O,
// live; the whole recorded history can be exported as CSV.
ColumnLayout {
    id: root
    spacing: 4

    function refill() {
        Stats.fill(cpu, memory, rx, tx, reads, writes)
    }
    Connections {
        target: Stats
        function onChanged() { root.refill() }
        function onExported(path, error) {
            exportStatus.text = error === "" ? qsTr("Saved %1").arg(path) : error
        }
    }
    Component.onCompleted: refill()

    RowLayout {
        Layout.margins: 8
        Label {
            text: qsTr("CPU %1 % · memory %2 of %3 · %n process(es)", "", Stats.pids)
                .arg(Stats.cpu.toFixed(1)).arg(Format.bytes(Stats.memory)).arg(Format.bytes(Stats.memoryLimit))
        }
        Item { Layout.fillWidth: true }
        Label { id: exportStatus; opacity: 0.7 }
        Button {
            text: qsTr("Export CSV…")
            onClicked: saveDialog.open()
        }
    }
    ErrorLabel { text: Stats.lastError }
    FileDialog {
        id: saveDialog
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("CSV files (*.csv)")]
        currentFile: "file:///tmp/" + Details.name + "-stats.csv"
        onAccepted: Stats.exportCsv(selectedFile)
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: 2
        ChartView {
            objectName: "chart.cpu"
            title: qsTr("CPU (%)")
            Layout.fillWidth: true
            Layout.fillHeight: true
            antialiasing: true
            legend.visible: false
            ValueAxis { id: cpuTime; min: -300; max: 0; labelFormat: "%d s" }
            ValueAxis { id: cpuAxis; min: 0; max: Stats.cpuMax; labelFormat: "%.0f" }
            LineSeries { id: cpu; axisX: cpuTime; axisY: cpuAxis; name: qsTr("CPU") }
        }
        ChartView {
            title: qsTr("Memory (MiB)")
            Layout.fillWidth: true
            Layout.fillHeight: true
            antialiasing: true
            legend.visible: false
            ValueAxis { id: memoryTime; min: -300; max: 0; labelFormat: "%d s" }
            ValueAxis { id: memoryAxis; min: 0; max: Stats.memoryMax; labelFormat: "%.1f" }
            LineSeries { id: memory; axisX: memoryTime; axisY: memoryAxis; name: qsTr("Memory") }
        }
        ChartView {
            title: qsTr("Network (KiB/s)")
            Layout.fillWidth: true
            Layout.fillHeight: true
            antialiasing: true
            ValueAxis { id: netTime; min: -300; max: 0; labelFormat: "%d s" }
            ValueAxis { id: netAxis; min: 0; max: Stats.networkMax; labelFormat: "%.1f" }
            LineSeries { id: rx; axisX: netTime; axisY: netAxis; name: qsTr("received") }
            LineSeries { id: tx; axisX: netTime; axisY: netAxis; name: qsTr("sent") }
        }
        ChartView {
            title: qsTr("Block I/O (KiB/s)")
            Layout.fillWidth: true
            Layout.fillHeight: true
            antialiasing: true
            ValueAxis { id: blockTime; min: -300; max: 0; labelFormat: "%d s" }
            ValueAxis { id: blockAxis; min: 0; max: Stats.blockMax; labelFormat: "%.1f" }
            LineSeries { id: reads; axisX: blockTime; axisY: blockAxis; name: qsTr("read") }
            LineSeries { id: writes; axisX: blockTime; axisY: blockAxis; name: qsTr("written") }
        }
    }
}
