import QtQuick
import QtTest
import Muelle

// The window in the theme's colours: its own and the palette its controls,
// dialogs and menus draw with, in both variants.
TestCase {
    name: "AppWindow"

    Component { id: appWindow; AppWindow { width: 200; height: 100 } }

    function cleanup() { Theme.choice = "system" }

    function test_themed() {
        for (const choice of ["light", "dark"]) {
            Theme.choice = choice
            const w = createTemporaryObject(appWindow, this)
            compare(w.color, Theme.background, choice)
            compare(w.palette.window, Theme.background)
            compare(w.palette.text, Theme.text)
            compare(w.palette.base, Theme.surface)
            compare(w.palette.highlight, Theme.accent)
            compare(w.font.pixelSize, Theme.fontBody)
        }
    }
}
