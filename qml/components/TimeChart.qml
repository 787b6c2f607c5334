import QtQuick
import QtQuick.Controls
import QtCharts

// One chart of the last five minutes: one or two series over an axis with
// nice numbers in a unit that scales (Stats' cpuAxis, memoryAxis, ...:
// max, tickCount, unit, labelFormat), in the theme's colours, and a read-out
// of the values at the time under the pointer.
ChartView {
    id: chart
    property string name: ""
    property var axis: ({ max: 1, tickCount: 5, unit: "", labelFormat: "%.0f" })
    property string firstName: ""
    property string secondName: "" // one series when empty
    readonly property alias first: firstSeries
    readonly property alias second: secondSeries
    property string readout: ""

    title: name + " (" + axis.unit + ")"
    titleColor: Theme.text
    titleFont.bold: true
    titleFont.pixelSize: Theme.fontBody
    backgroundColor: Theme.surface
    backgroundRoundness: Theme.radiusLarge
    plotAreaColor: Theme.surface
    antialiasing: true
    legend.visible: secondName !== ""
    legend.labelColor: Theme.textMuted
    legend.alignment: Qt.AlignBottom
    legend.font.pixelSize: Theme.fontCaption
    Accessible.role: Accessible.Chart
    Accessible.name: name + " (" + axis.unit + ")"
    Accessible.description: readout

    ValueAxis {
        id: time
        min: -300
        max: 0
        tickCount: 6
        labelFormat: "%d s"
        labelsColor: Theme.textMuted
        labelsFont.pixelSize: Theme.fontCaption
        gridLineColor: Theme.grid
        color: Theme.border
    }
    ValueAxis {
        id: values
        min: 0
        max: chart.axis.max
        tickCount: chart.axis.tickCount
        labelFormat: chart.axis.labelFormat
        labelsColor: Theme.textMuted
        labelsFont.pixelSize: Theme.fontCaption
        gridLineColor: Theme.grid
        color: Theme.border
    }
    LineSeries { id: firstSeries; axisX: time; axisY: values; name: chart.firstName; color: Theme.series[0]; width: 2 }
    LineSeries { id: secondSeries; axisX: time; axisY: values; name: chart.secondName; color: Theme.series[1]; width: 2; visible: chart.secondName !== "" }

    // The sample nearest the pointer's time in a series (its points are in time order).
    function nearest(series, x) {
        let low = 0, high = series.count - 1
        if (high < 0)
            return null
        while (low < high) {
            const middle = Math.floor((low + high) / 2)
            if (series.at(middle).x < x) low = middle + 1; else high = middle
        }
        if (low > 0 && Math.abs(series.at(low - 1).x - x) < Math.abs(series.at(low).x - x))
            --low
        return series.at(low)
    }
    function readAt(position) {
        const t = chart.mapToValue(position, firstSeries).x
        const a = nearest(firstSeries, t)
        if (!a || t < time.min || t > time.max) {
            readout = ""
            return
        }
        let text = qsTr("%1 s: %2").arg(Math.round(a.x)).arg(Format.inUnit(a.y, chart.axis))
        if (secondName !== "") {
            const b = nearest(secondSeries, t)
            text = qsTr("%1 s: %2 %3, %4 %5").arg(Math.round(a.x)).arg(firstName).arg(Format.inUnit(a.y, chart.axis))
                .arg(secondName).arg(b ? Format.inUnit(b.y, chart.axis) : "—")
        }
        readout = text
        marker.x = chart.mapToPosition(a, firstSeries).x
    }

    MouseArea {
        anchors.fill: parent
        hoverEnabled: true
        acceptedButtons: Qt.NoButton
        onPositionChanged: mouse => chart.readAt(Qt.point(mouse.x, mouse.y))
        onExited: chart.readout = ""
    }
    Rectangle {
        id: marker
        visible: chart.readout !== ""
        y: chart.plotArea.y
        width: 1
        height: chart.plotArea.height
        color: Theme.textMuted
    }
    Label {
        objectName: "readout"
        visible: chart.readout !== ""
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        text: chart.readout
        color: Theme.text
        font.pixelSize: Theme.fontCaption
        padding: Theme.spacingSmall
        background: Rectangle { color: Theme.surfaceRaised; border.color: Theme.border; radius: Theme.radiusSmall }
    }
}
