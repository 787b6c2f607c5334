import QtQuick
import QtQuick.Controls
import QtTest
import Muelle
import "helpers.js" as Helpers

// A row of a list: badge or icon, title and subtitle, trailing actions;
// long words elided, mirrored right to left.
TestCase {
    name: "ListRow"
    when: windowShown
    visible: true
    width: 500
    height: 300

    Component {
        id: listRow
        ListRow {
            width: 400
            IconButton { objectName: "action"; tip: "Remove"; icon.source: "qrc:/icons/close.svg" }
        }
    }
    Item {
        id: mirrored
        anchors.fill: parent
        LayoutMirroring.enabled: true
        LayoutMirroring.childrenInherit: true
    }
    SignalSpy { id: clicks; signalName: "clicked" }

    function badgeOf(row) {
        return Helpers.visibleTexts(row).find(t => t.kind !== undefined)
    }

    function test_titleAndSubtitle() {
        const r = createTemporaryObject(listRow, this, { title: "web", subtitle: "nginx:latest" })
        waitForRendering(r)
        compare(findChild(r, "rowTitle").text, "web")
        verify(findChild(r, "rowSubtitle").visible)
        compare(r.Accessible.name, "web, nginx:latest")
        compare(badgeOf(r), undefined)
        r.subtitle = ""
        verify(!findChild(r, "rowSubtitle").visible)
        compare(r.Accessible.name, "web")
    }

    function test_badge() {
        const r = createTemporaryObject(listRow, this, { title: "web", badgeKind: "running" })
        waitForRendering(r)
        const badge = badgeOf(r)
        compare(badge.text, "running")
        compare(badge.background.color, Qt.color(Theme.stateColour("running")))
        r.badgeText = "up 3 minutes"
        compare(badge.text, "up 3 minutes")
    }

    function test_trailingActionAndClick() {
        const r = createTemporaryObject(listRow, this, { title: "web" })
        clicks.target = r
        waitForRendering(r)
        const action = findChild(r, "action")
        verify(Helpers.xIn(action, r) > Helpers.xIn(findChild(r, "rowTitle"), r))
        verify(Helpers.xIn(action, r) + action.width <= r.width)
        mouseClick(r, 20, r.height / 2)
        compare(clicks.count, 1)
    }

    function test_longTextElides() {
        const r = createTemporaryObject(listRow, this, { title: Helpers.long, subtitle: Helpers.long, badgeKind: "restarting" })
        waitForRendering(r)
        compare(Helpers.overflowing(r), [])
        const action = findChild(r, "action")
        verify(Helpers.xIn(action, r) + action.width <= r.width + 1, "the action stays inside")
        verify(findChild(r, "rowTitle").truncated)
    }

    function test_rightToLeft() {
        const r = createTemporaryObject(listRow, mirrored, { title: "web", subtitle: "nginx", badgeKind: "running" })
        waitForRendering(r)
        const title = findChild(r, "rowTitle")
        verify(Helpers.xIn(badgeOf(r), r) > Helpers.xIn(title, r), "the badge leads, on the right")
        verify(Helpers.xIn(findChild(r, "action"), r) < Helpers.xIn(title, r), "the actions trail, on the left")
        compare(Helpers.overflowing(r), [])
    }
}
