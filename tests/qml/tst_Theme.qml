import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// The theme's two variants: each its own colours, and words that read on
// what they are drawn on (WCAG AA, 4.5:1).
TestCase {
    name: "Theme"

    function cleanup() { Theme.choice = "system" }

    function test_variantsDiffer() {
        Theme.choice = "light"
        verify(!Theme.dark)
        const light = [Theme.background, Theme.surface, Theme.text, Theme.series[0]].map(String)
        Theme.choice = "dark"
        verify(Theme.dark)
        const dark = [Theme.background, Theme.surface, Theme.text, Theme.series[0]].map(String)
        for (let i = 0; i < light.length; ++i)
            verify(light[i] !== dark[i], `${light[i]} is the same in both`)
        verify(Helpers.contrast(Theme.background, Qt.color("black")) < 2, "dark background is dark")
    }

    function test_contrast_data() {
        return [{ tag: "light", choice: "light" }, { tag: "dark", choice: "dark" }]
    }
    function test_contrast(data) {
        Theme.choice = data.choice
        const pairs = [
            ["text on background", Theme.text, Theme.background],
            ["text on surface", Theme.text, Theme.surface],
            ["text on raised surface", Theme.text, Theme.surfaceRaised],
            ["muted text on surface", Theme.textMuted, Theme.surface],
            ["primary button", Theme.accentText, Theme.accentFill],
            ["destructive button", Theme.onState, Theme.dangerFill],
        ]
        for (const kind of ["running", "paused", "restarting", "created", "dead", "removing", "exited", ""])
            pairs.push([`white on ${kind || "unknown"}`, Theme.onState, Theme.stateColour(kind)])
        for (const [what, fore, back] of pairs) {
            const ratio = Helpers.contrast(fore, back)
            verify(ratio >= 4.5, `${data.choice}: ${what} ${fore} on ${back}: ${ratio.toFixed(2)}:1`)
        }
        compare(Theme.onState, Qt.color("white"))
    }

    function test_statesHaveTheirOwnColours() {
        const colours = ["running", "paused", "restarting", "created", "dead", "exited"].map(k => String(Theme.stateColour(k)))
        compare(new Set(colours).size, colours.length)
        compare(String(Theme.stateColour("removing")), String(Theme.stateColour("dead")))
        compare(String(Theme.stateColour("whatever")), String(Theme.stateColour("exited")))
    }

    function test_tintFollowsKind() {
        Theme.choice = "light"
        const error = Theme.tint("error"), info = Theme.tint("info")
        verify(String(error) !== String(info))
        fuzzyCompare(error.r, Theme.danger.r, 0.01)
        verify(error.a < 0.5, "a tint is translucent")
    }
}
