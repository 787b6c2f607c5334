import QtQuick
import QtTest
import Muelle
import "helpers.js" as Helpers

// Toasts.show() keeps every toast in the history and shows it over the page:
// at most three at once, each gone after Theme.toastMillis but errors, which
// stay until dismissed.
TestCase {
    name: "ToastLayer"
    when: windowShown
    visible: true
    width: 600
    height: 400

    Component { id: toastLayer; ToastLayer { anchors.fill: parent } }
    property Item shown: null

    function toasts() { return Helpers.findAll(shown, "toast").map(t => findChild(t, "toastText").text) }
    function init() {
        Toasts.clear()
        shown = createTemporaryObject(toastLayer, this)
    }

    function test_history() {
        Toasts.show("web started", "success")
        Toasts.show("pull failed", "error")
        Toasts.show("ignored, no words", "")
        Toasts.show("", "info")
        compare(Toasts.history.count, 3)
        compare(Toasts.unread, 3)
        compare(Toasts.history.get(0).kind, "info", "no kind: info")
        compare(Toasts.history.get(1).text, "pull failed")
        compare(Toasts.history.get(2).text, "web started")
        Toasts.clear()
        compare(Toasts.history.count, 0)
        compare(Toasts.unread, 0)
    }

    function test_showsAtMostThree() {
        for (const n of [1, 2, 3, 4])
            Toasts.show("toast " + n, "error")
        tryVerify(() => toasts().length === 3)
        compare(toasts(), ["toast 2", "toast 3", "toast 4"])
        compare(Toasts.history.count, 4)
    }

    function test_goesButErrorsStay() {
        Toasts.show("web stopped", "success")
        Toasts.show("no such image", "error")
        tryVerify(() => toasts().length === 2)
        wait(Theme.toastMillis / 2)
        compare(toasts().length, 2, "not gone too soon")
        tryVerify(() => toasts().length === 1, Theme.toastMillis + 1000)
        compare(toasts(), ["no such image"])
        wait(500)
        compare(toasts(), ["no such image"])
        mouseClick(Helpers.findWhere(shown, item => item.tip === "Dismiss"))
        tryVerify(() => toasts().length === 0)
        compare(Toasts.history.count, 2, "the history keeps both")
    }

    function test_longTextWraps() {
        Toasts.show(Helpers.long + " " + Helpers.long, "error")
        tryVerify(() => toasts().length === 1)
        const toast = Helpers.findAll(shown, "toast")[0]
        waitForRendering(toast)
        compare(toast.width, Theme.toastWidth)
        compare(Helpers.overflowing(toast), [])
        verify(toast.x + toast.parent.x + toast.width <= shown.width)
    }
}
