import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// The page's one action: filled with the accent, its words in bold.
TestCase {
    name: "PrimaryButton"
    when: windowShown
    visible: true
    width: 300
    height: 100

    Component { id: button; PrimaryButton { text: "Run container" } }
    SignalSpy { id: clicks; signalName: "clicked" }

    function cleanup() { Theme.choice = "system" }

    function test_filledWithTheAccent() {
        for (const choice of ["light", "dark"]) {
            Theme.choice = choice
            const b = createTemporaryObject(button, this)
            compare(b.palette.button, Theme.accentFill)
            compare(b.palette.buttonText, Theme.accentText)
            verify(b.font.bold)
            verify(Helpers.contrast(b.palette.buttonText, b.palette.button) >= 4.5, choice)
        }
    }

    function test_disabled() {
        const b = createTemporaryObject(button, this, { enabled: false })
        compare(b.icon.color, Theme.textDisabled)
        clicks.target = b
        mouseClick(b)
        compare(clicks.count, 0)
        b.enabled = true
        compare(b.icon.color, Theme.accentText)
        mouseClick(b)
        compare(clicks.count, 1)
    }
}
