import QtQuick
import QtTest
import Muelle

// A state's pill: its words and a colour per state.
TestCase {
    name: "StateBadge"
    when: windowShown
    visible: true // its children are drawn only when it is

    Component { id: badge; StateBadge {} }

    function test_colours() {
        const colours = {}
        for (const kind of ["running", "paused", "restarting", "created", "dead", "exited"]) {
            const b = createTemporaryObject(badge, this, { kind: kind, text: kind })
            verify(b)
            compare(b.text, kind)
            colours[kind] = b.background.color.toString()
        }
        // Each state its own colour, but exited and any other share grey.
        verify(colours.running !== colours.paused)
        verify(colours.running !== colours.exited)
        verify(colours.dead !== colours.exited)
        const unknown = createTemporaryObject(badge, this, { kind: "weird" })
        compare(unknown.background.color.toString(), colours.exited)
    }

    function test_sizesToItsText() {
        const brief = createTemporaryObject(badge, this, { text: "up" })
        const wordy = createTemporaryObject(badge, this, { text: "restarting now" })
        verify(wordy.implicitWidth > brief.implicitWidth)
    }
}
