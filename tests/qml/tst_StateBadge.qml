import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// A state's pill: its words, white on the state's colour (Theme.stateColour)
// in both themes.
TestCase {
    name: "StateBadge"
    when: windowShown
    visible: true // its children are drawn only when it is

    Component { id: badge; StateBadge {} }

    function cleanup() { Theme.choice = "system" }

    function test_colours() {
        for (const choice of ["light", "dark"]) {
            Theme.choice = choice
            for (const kind of ["running", "paused", "restarting", "created", "dead", "exited", "weird", ""]) {
                const b = createTemporaryObject(badge, this, { kind: kind, text: kind })
                compare(b.text, kind)
                compare(b.background.color, Qt.color(Theme.stateColour(kind)), `${choice} ${kind}`)
                compare(b.color, Theme.onState)
                verify(Helpers.contrast(b.color, b.background.color) >= 4.5, `${choice} ${kind}`)
            }
        }
        const running = createTemporaryObject(badge, this, { kind: "running" })
        const exited = createTemporaryObject(badge, this, { kind: "exited" })
        verify(String(running.background.color) !== String(exited.background.color))
    }

    function test_accessibleName() {
        const b = createTemporaryObject(badge, this, { kind: "paused", text: "paused" })
        compare(b.Accessible.name, "State: paused")
    }

    function test_sizesToItsText() {
        const brief = createTemporaryObject(badge, this, { text: "up" })
        const wordy = createTemporaryObject(badge, this, { text: "restarting now" })
        verify(wordy.implicitWidth > brief.implicitWidth)
    }
}
