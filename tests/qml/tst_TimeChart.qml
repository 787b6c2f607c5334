import QtQuick
import QtTest
import Muelle

// A chart of the last five minutes: its name and unit, one or two series in
// the theme's colours, and the values read out at the pointer's time.
TestCase {
    name: "TimeChart"
    when: windowShown
    visible: true
    width: 500
    height: 320

    readonly property var percent: ({ max: 100, tickCount: 5, unit: "%", labelFormat: "%.0f" })
    Component { id: chart; TimeChart { anchors.fill: parent; name: "CPU"; firstName: "used"; axis: percent } }

    function cleanup() { Theme.choice = "system" }

    function test_oneSeries() {
        const c = createTemporaryObject(chart, this)
        compare(c.title, "CPU (%)")
        compare(c.Accessible.name, "CPU (%)")
        verify(!c.second.visible)
        verify(!c.legend.visible)
        compare(c.first.color, Qt.color(Theme.series[0]))
    }

    function test_twoSeriesInTheThemesColours() {
        Theme.choice = "dark"
        const c = createTemporaryObject(chart, this, { secondName: "limit" })
        verify(c.second.visible)
        verify(c.legend.visible)
        compare(c.first.color, Qt.color(Theme.series[0]))
        compare(c.second.color, Qt.color(Theme.series[1]))
        compare(c.backgroundColor, Theme.surface)
    }

    function test_readout() {
        const c = createTemporaryObject(chart, this, { secondName: "limit" })
        for (const t of [-300, -200, -100, 0]) {
            c.first.append(t, 10 - t / 10)
            c.second.append(t, 80)
        }
        waitForRendering(c)
        c.readAt(c.mapToPosition(Qt.point(-195, 0), c.first))
        compare(c.readout, "-200 s: used 30 %, limit 80 %")
        verify(findChild(c, "readout").visible)
        c.readAt(Qt.point(1, 1)) // outside the plot: before -300 s
        compare(c.readout, "")
        verify(!findChild(c, "readout").visible)
    }

    function test_empty() {
        const c = createTemporaryObject(chart, this)
        waitForRendering(c)
        c.readAt(Qt.point(c.width / 2, c.height / 2))
        compare(c.readout, "")
    }
}
