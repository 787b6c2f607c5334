import QtQuick
import QtQuick.Controls
import QtTest
import Muelle

// What rows share: Enter opens a focused row as a click does, Delete asks
// for its removal, the focus is drawn; and a container's removal is worded
// by whether it runs.
TestCase {
    name: "RowDelegate"
    when: windowShown
    visible: true
    width: 400
    height: 200

    Component { id: rowComponent; RowDelegate { width: 300; text: "web" } }
    SignalSpy { id: clicks; signalName: "clicked" }
    SignalSpy { id: deletions; signalName: "deleteRequested" }
    SignalSpy { id: asked; target: Confirm; signalName: "asked" }

    function test_keyboard() {
        const row = createTemporaryObject(rowComponent, this)
        clicks.target = row
        deletions.target = row
        clicks.clear(); deletions.clear()
        row.forceActiveFocus(Qt.TabFocusReason)
        verify(row.visualFocus)
        verify(row.background.children[1].visible, "the focus frame shows")
        keyClick(Qt.Key_Return)
        compare(clicks.count, 1)
        keyClick(Qt.Key_Enter)
        compare(clicks.count, 2)
        keyClick(Qt.Key_Delete)
        compare(deletions.count, 1)
        compare(clicks.count, 2, "Delete does not open it")
    }

    function test_unfocusedDrawsNoFrame() {
        const row = createTemporaryObject(rowComponent, this)
        verify(!row.background.children[1].visible)
        compare(row.background.color, Theme.surface)
    }

    function test_containerRemovalWording() {
        asked.clear()
        let ran = 0
        Confirm.removeContainer("web", true, () => ++ran)
        compare(asked.count, 1)
        compare(Confirm.title, "Remove web?")
        verify(Confirm.body.indexOf("stopped first") >= 0)
        Confirm.removeContainer("batch", false, () => ++ran)
        verify(Confirm.body.indexOf("stopped first") < 0)
        verify(Confirm.body.indexOf("writable layer") >= 0)
        Confirm.confirm()
        compare(ran, 1, "only the last question's action runs")
    }
}
