import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// What an empty page says: its sentence, a hint and an action only when
// given, long words wrapped inside it.
TestCase {
    name: "EmptyState"
    when: windowShown
    visible: true
    width: 600
    height: 400

    Component { id: empty; EmptyState { width: 300 } }
    SignalSpy { id: triggered; signalName: "actionTriggered" }

    function test_sentenceOnly() {
        const e = createTemporaryObject(empty, this, { text: "No containers yet." })
        waitForRendering(e)
        compare(findChild(e, "emptyText").text, "No containers yet.")
        compare(e.Accessible.name, "No containers yet.")
        verify(!findChild(e, "emptyAction").visible)
        compare(Helpers.visibleTexts(e).map(t => t.text), ["No containers yet."])
    }

    function test_hintAndAction() {
        const e = createTemporaryObject(empty, this, { text: "No images.", hint: "Pull one.", actionText: "Pull image" })
        triggered.target = e
        waitForRendering(e)
        const action = findChild(e, "emptyAction")
        verify(action.visible)
        compare(action.text, "Pull image")
        mouseClick(action)
        compare(triggered.count, 1)
        verify(Helpers.visibleTexts(e).some(t => t.text === "Pull one."))
    }

    function test_longTextWraps() {
        const e = createTemporaryObject(empty, this, { text: Helpers.long, hint: Helpers.long, actionText: "Go" })
        waitForRendering(e)
        compare(Helpers.overflowing(e), [])
    }
}
