import QtQuick
import QtQuick.Controls
import QtTest
import Muelle

// A framed field of several lines: a frame in both themes, the accent while
// it has the focus, long lines wrapped inside it.
TestCase {
    name: "TextBox"
    when: windowShown
    visible: true
    width: 300
    height: 200

    Component { id: box; TextBox { width: 200 } }
    Component { id: other; TextField { } }

    function cleanup() { Theme.choice = "system" }

    function test_framed() {
        for (const choice of ["light", "dark"]) {
            Theme.choice = choice
            const b = createTemporaryObject(box, this)
            compare(b.background.border.color, Theme.border)
            compare(b.background.border.width, 1)
            compare(b.background.color, Theme.surface)
            verify(b.height >= 56, "room for a few lines")
        }
    }

    function test_focusShows() {
        const b = createTemporaryObject(box, this)
        const elsewhere = createTemporaryObject(other, this, { y: 120 })
        b.forceActiveFocus()
        compare(b.background.border.color, Theme.focus)
        compare(b.background.border.width, 2)
        elsewhere.forceActiveFocus()
        compare(b.background.border.color, Theme.border)
    }

    function test_longLinesWrap() {
        const b = createTemporaryObject(box, this, { text: "NAME=" + "x".repeat(300) })
        waitForRendering(b)
        verify(b.contentWidth <= b.width, `${b.contentWidth} within ${b.width}`)
        verify(b.lineCount > 1)
    }
}
