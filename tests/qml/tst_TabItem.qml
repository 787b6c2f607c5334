import QtQuick
import QtQuick.Controls
import QtTest
import Muelle

// A tab: bold, in the text colour and underlined when current; a click or
// the screen reader's press makes it current.
TestCase {
    name: "TabItem"
    when: windowShown
    visible: true
    width: 400
    height: 100

    Component {
        id: bar
        TabBar {
            TabItem { objectName: "logs"; text: "Logs" }
            TabItem { objectName: "stats"; text: "Stats" }
        }
    }

    function underline(tab) { return tab.background.children[0] }

    function test_current() {
        const b = createTemporaryObject(bar, this)
        waitForRendering(b)
        const logs = findChild(b, "logs"), stats = findChild(b, "stats")
        verify(logs.checked && logs.font.bold)
        compare(logs.palette.buttonText, Theme.text)
        compare(underline(logs).height, 3)
        verify(!stats.checked && !stats.font.bold)
        compare(stats.palette.buttonText, Theme.textMuted)
        compare(underline(stats).height, 0)
        mouseClick(stats)
        compare(b.currentIndex, 1)
        verify(stats.font.bold && !logs.font.bold)
        compare(underline(logs).height, 0)
    }

    function test_sizedToItsWords() {
        const b = createTemporaryObject(bar, this)
        const logs = findChild(b, "logs")
        compare(logs.width, logs.implicitWidth)
        verify(logs.width >= logs.contentItem.implicitWidth + 2 * Theme.spacingLarge)
    }
}
