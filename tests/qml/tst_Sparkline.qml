import QtQuick
import QtTest
import Muelle

// The CPU sparkline: draws its values scaled to the largest, nothing with
// fewer than two, in the theme's first series colour unless told.
TestCase {
    name: "Sparkline"
    when: windowShown
    visible: true // its children are drawn only when it is
    width: 200
    height: 100

    Component { id: line; Sparkline { width: 100; height: 20; color: "black" } }

    function darkPixels(image) {
        let dark = 0
        for (let x = 0; x < image.width; ++x)
            for (let y = 0; y < image.height; ++y)
                if (image.pixel(x, y).r < 0.5) // the line is black
                    ++dark
        return dark
    }

    function test_draws() {
        const s = createTemporaryObject(line, this, { values: [0, 50, 100, 20] })
        verify(s)
        waitForRendering(s)
        tryVerify(() => darkPixels(grabImage(s)) > 50)
    }

    function test_nothingWithOneValue() {
        const s = createTemporaryObject(line, this, { values: [42] })
        waitForRendering(s)
        compare(darkPixels(grabImage(s)), 0)
    }

    Component { id: themed; Sparkline { width: 100; height: 20 } }

    function test_defaultColourIsTheFirstSeries() {
        for (const choice of ["light", "dark"]) {
            Theme.choice = choice
            const s = createTemporaryObject(themed, this)
            compare(s.color, Qt.color(Theme.series[0]), choice)
        }
        Theme.choice = "system"
    }

    function test_repaintsWhenValuesChange() {
        const s = createTemporaryObject(line, this, { values: [] })
        waitForRendering(s)
        compare(darkPixels(grabImage(s)), 0)
        s.values = [1, 2, 3, 2, 1]
        tryVerify(() => darkPixels(grabImage(s)) > 20)
    }
}
