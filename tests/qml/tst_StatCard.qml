import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// A dashboard figure: its title, value and detail (none when empty), one
// accessible sentence, and activated() on a click or Space.
TestCase {
    name: "StatCard"
    when: windowShown
    visible: true // its children are drawn only when it is
    width: 400
    height: 300

    Component { id: card; StatCard {} }
    SignalSpy { id: activations; signalName: "activated" }

    function cleanup() { activations.clear() }

    function test_shows() {
        const c = createTemporaryObject(card, this, { title: "Running", value: "3", detail: "1 paused" })
        waitForRendering(c)
        compare(findChild(c, "title").text, "Running")
        compare(findChild(c, "value").text, "3")
        compare(findChild(c, "detail").text, "1 paused")
        verify(findChild(c, "detail").visible)
        compare(c.Accessible.name, "Running: 3, 1 paused")
    }

    function test_noDetail() {
        const c = createTemporaryObject(card, this, { title: "Images", value: "0" })
        waitForRendering(c)
        verify(!findChild(c, "detail").visible)
        compare(c.Accessible.name, "Images: 0")
    }

    function test_activated() {
        const c = createTemporaryObject(card, this, { title: "Images", value: "4" })
        activations.target = c
        waitForRendering(c)
        c.forceActiveFocus(Qt.TabFocusReason)
        verify(c.visualFocus)
        compare(c.background.border.color, Theme.focus)
        keyClick(Qt.Key_Space)
        compare(activations.count, 1)
        mouseClick(c)
        compare(activations.count, 2)
    }

    function test_longTextStaysInside() {
        const c = createTemporaryObject(card, this, { width: 220, title: Helpers.long, value: "1234567890 GiB", detail: Helpers.long })
        waitForRendering(c)
        compare(Helpers.overflowing(c), [])
    }
}
