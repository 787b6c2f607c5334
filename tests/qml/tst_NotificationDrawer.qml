import QtQuick
import QtQuick.Controls
import QtTest
import Muelle
import "helpers.js" as Helpers

// The drawer lists every toast, newest first; opening it marks them read,
// Clear empties it and says so.
TestCase {
    name: "NotificationDrawer"
    when: windowShown
    visible: true
    width: 600
    height: 500

    NotificationDrawer { id: drawer }

    function init() { Toasts.clear() }
    function cleanup() {
        drawer.close()
        tryVerify(() => !drawer.visible)
    }

    function open() {
        drawer.open()
        tryVerify(() => drawer.opened)
        return findChild(drawer.contentItem, "notificationList")
    }

    function test_listsHistory() {
        Toasts.show("web started", "success")
        Toasts.show("pull failed", "error")
        compare(Toasts.unread, 2)
        const list = open()
        compare(list.count, 2)
        compare(Toasts.unread, 0)
        list.forceLayout()
        compare(Helpers.visibleTexts(list.itemAtIndex(0))[0].text, "pull failed")
        compare(Helpers.visibleTexts(list.itemAtIndex(1))[0].text, "web started")
        compare(Helpers.visibleTexts(list.itemAtIndex(1))[1].text, "just now")
        verify(list.itemAtIndex(0).y < list.itemAtIndex(1).y)
        Toasts.show("web stopped", "info")
        tryCompare(list, "count", 3)
    }

    function test_clear() {
        Toasts.show("web started", "success")
        const list = open()
        const clear = findChild(drawer.contentItem, "notificationsClear")
        verify(clear.enabled)
        mouseClick(clear)
        compare(Toasts.history.count, 0)
        compare(list.count, 0)
        verify(!clear.enabled)
        const empty = Helpers.findWhere(list, c => c.text === "No notifications yet.")
        verify(empty, "says there are none")
        tryVerify(() => empty.visible)
    }

    function test_emptyWhenNothingHappened() {
        const list = open()
        verify(Helpers.findWhere(list, c => c.text === "No notifications yet.").visible)
        compare(list.count, 0)
        verify(!findChild(drawer.contentItem, "notificationsClear").enabled)
    }

    function test_fromTheRightEdge() {
        open()
        verify(drawer.width <= width)
        compare(drawer.x + drawer.width, width)
    }
}
