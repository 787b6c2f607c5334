import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// A message in place: hidden without words, its border by kind, long words
// wrapped inside it.
TestCase {
    name: "InlineMessage"
    when: windowShown
    visible: true
    width: 400
    height: 300

    Component { id: message; InlineMessage { width: 300 } }

    function test_hiddenWhenEmpty() {
        const m = createTemporaryObject(message, this)
        verify(!m.visible)
        m.text = "pull access denied"
        verify(m.visible)
        compare(findChild(m, "message").text, "pull access denied")
        compare(m.Accessible.name, "pull access denied")
        m.text = ""
        verify(!m.visible)
    }

    function test_kinds_data() {
        return [
            { tag: "error", colour: "danger" },
            { tag: "warning", colour: "warning" },
            { tag: "success", colour: "success" },
            { tag: "info", colour: "info" },
        ]
    }
    function test_kinds(data) {
        const m = createTemporaryObject(message, this, { text: "something", kind: data.tag })
        compare(m.background.border.color, Theme[data.colour])
        compare(m.background.color, Theme.tint(data.tag))
    }

    function test_errorIsTheDefault() {
        const m = createTemporaryObject(message, this, { text: "no such container" })
        compare(m.background.border.color, Theme.danger)
    }

    function test_longTextWraps() {
        const m = createTemporaryObject(message, this, { text: "short" })
        waitForRendering(m)
        const oneLine = m.height
        m.text = Helpers.long + " " + Helpers.long
        waitForRendering(m)
        verify(m.height > 2 * oneLine - 10, `${m.height} tall`)
        compare(m.width, 300)
        compare(Helpers.overflowing(m), [])
    }
}
