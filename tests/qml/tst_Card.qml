import QtQuick
import QtQuick.Controls
import QtTest
import Muelle

// A raised surface in the theme's colours, its content inside its padding.
TestCase {
    name: "Card"
    when: windowShown
    visible: true
    width: 300
    height: 200

    Component { id: card; Card { Label { objectName: "content"; text: "CPU" } } }

    function cleanup() { Theme.choice = "system" }

    function test_themed() {
        Theme.choice = "light"
        const c = createTemporaryObject(card, this)
        compare(c.background.color, Theme.surface)
        compare(c.background.border.color, Theme.border)
        const light = String(c.background.color)
        Theme.choice = "dark"
        compare(c.background.color, Theme.surface)
        verify(String(c.background.color) !== light)
    }

    function test_padding() {
        const c = createTemporaryObject(card, this)
        waitForRendering(c)
        const content = findChild(c, "content")
        compare(content.mapToItem(c, 0, 0).x, Theme.spacingLarge)
        compare(c.implicitWidth, content.implicitWidth + 2 * Theme.spacingLarge)
    }
}
