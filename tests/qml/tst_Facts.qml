import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// Labelled values: empty ones left out, each on its own lines, long values
// wrapped inside, labels on the right when mirrored.
TestCase {
    name: "Facts"
    when: windowShown
    visible: true
    width: 500
    height: 400

    Component { id: facts; Facts { width: 400 } }
    Item {
        id: mirrored
        anchors.fill: parent
        LayoutMirroring.enabled: true
        LayoutMirroring.childrenInherit: true
    }

    function test_emptyValuesLeftOut() {
        const f = createTemporaryObject(facts, this, { facts: [
            { label: "Image", value: "nginx" }, { label: "Command", value: "" },
            { label: "Ports", value: undefined }, { label: "Id", value: "4f2a", monospace: true }] })
        waitForRendering(f)
        verify(findChild(f, "fact.Image"))
        verify(findChild(f, "fact.Id"))
        compare(findChild(f, "fact.Command"), null)
        compare(findChild(f, "fact.Ports"), null)
        compare(Helpers.findAll(f, "factValue").map(v => v.text), ["nginx", "4f2a"])
        compare(Helpers.findAll(f, "factValue")[1].font.family, Theme.monospace)
    }

    function test_none() {
        const f = createTemporaryObject(facts, this)
        waitForRendering(f)
        compare(Helpers.findAll(f, "factValue").length, 0)
        compare(Helpers.visibleTexts(f).length, 0)
    }

    function test_longValuesWrapWithoutOverlap() {
        const f = createTemporaryObject(facts, this, { facts: [
            { label: "Command", value: Helpers.long }, { label: Helpers.long, value: "x" },
            { label: "Id", value: Helpers.long + Helpers.long, monospace: true }, { label: "Name", value: "web" }] })
        waitForRendering(f)
        compare(Helpers.overflowing(f), [])
        const rows = ["Command", Helpers.long, "Id", "Name"].map(label => findChild(f, "fact." + label))
        for (let i = 1; i < rows.length; ++i)
            verify(rows[i].y >= rows[i - 1].y + rows[i - 1].height, `${i} starts below ${i - 1}`)
        const values = Helpers.findAll(f, "factValue")
        verify(values[0].lineCount > 1, "the long value wraps")
        compare(values[0].x, values[3].x)
    }

    function test_rightToLeft() {
        const f = createTemporaryObject(facts, mirrored, { facts: [{ label: "Image", value: "nginx" }] })
        waitForRendering(f)
        const value = Helpers.findAll(f, "factValue")[0]
        const label = Helpers.visibleTexts(f).find(t => t.text === "Image")
        verify(Helpers.xIn(label, f) > Helpers.xIn(value, f), "the label leads, on the right")
    }
}
