import QtQuick
import QtTest
import Muelle

// A dashboard figure shows its title, value and detail (none when empty).
TestCase {
    name: "StatCard"
    when: windowShown
    visible: true // its children are drawn only when it is

    Component { id: card; StatCard {} }

    function test_shows() {
        const c = createTemporaryObject(card, this, { title: "Running", value: "3", detail: "1 paused" })
        waitForRendering(c)
        compare(findChild(c, "title").text, "Running")
        compare(findChild(c, "value").text, "3")
        compare(findChild(c, "detail").text, "1 paused")
        verify(findChild(c, "detail").visible)
    }

    function test_noDetail() {
        const c = createTemporaryObject(card, this, { title: "Images", value: "0" })
        waitForRendering(c)
        verify(!findChild(c, "detail").visible)
    }
}
