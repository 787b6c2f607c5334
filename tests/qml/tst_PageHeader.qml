import QtQuick
import QtQuick.Controls
import QtTest
import Muelle
import "helpers.js" as Helpers

// A page's top: a search field and a primary action only when the page has
// them, long titles kept inside, mirrored for right-to-left languages.
TestCase {
    name: "PageHeader"
    when: windowShown
    visible: true
    width: 700
    height: 300

    Component { id: header; PageHeader { width: 600 } }
    Item {
        id: mirrored
        width: 600
        height: 100
        LayoutMirroring.enabled: true
        LayoutMirroring.childrenInherit: true
    }
    SignalSpy { id: triggered; signalName: "actionTriggered" }

    function test_titleOnly() {
        const h = createTemporaryObject(header, this, { title: "Volumes" })
        waitForRendering(h)
        compare(findChild(h, "pageTitle").text, "Volumes")
        verify(!findChild(h, "pageSearch").visible)
        verify(!findChild(h, "pageAction").visible)
        verify(!findChild(h, "pageCount").visible)
    }

    function test_searchCountAndAction() {
        const h = createTemporaryObject(header, this, { title: "Containers", count: 3, searchPlaceholder: "Search containers",
                                                        actionText: "Run", actionShortcut: "Ctrl+N" })
        triggered.target = h
        waitForRendering(h)
        const search = findChild(h, "pageSearch"), action = findChild(h, "pageAction"), count = findChild(h, "pageCount")
        verify(search.visible)
        compare(search.placeholderText, "Search containers")
        verify(action.visible)
        compare(action.text, "Run")
        compare(action.ToolTip.text, "Ctrl+N")
        verify(count.visible)
        compare(count.text, "3")
        compare(count.Accessible.name, "3 item(s)")
        verify(Helpers.xIn(action, h) + action.width <= h.width, "the action is inside")
        mouseClick(action)
        compare(triggered.count, 1)
        search.forceActiveFocus()
        keyClick(Qt.Key_W)
        keyClick(Qt.Key_E)
        compare(h.searchText, "we")
    }

    function test_longTitleAndSubtitleStayInside() {
        const h = createTemporaryObject(header, this, { title: Helpers.long, subtitle: Helpers.long, count: 12,
                                                        searchPlaceholder: "Search", actionText: "Run" })
        waitForRendering(h)
        compare(Helpers.overflowing(h), [])
        const title = findChild(h, "pageTitle")
        verify(title.truncated)
        verify(title.width > 60, `the title keeps ${title.width} px`)
        const action = findChild(h, "pageAction")
        verify(Helpers.xIn(action, h) + action.width <= h.width + 1, "the action is still inside")
    }

    function test_rightToLeft() {
        const h = createTemporaryObject(header, mirrored, { title: "Images", actionText: "Pull" })
        waitForRendering(h)
        const title = findChild(h, "pageTitle"), action = findChild(h, "pageAction")
        verify(Helpers.xIn(title, h) > Helpers.xIn(action, h), "the title leads, on the right")
        verify(Helpers.xIn(title, h) > h.width / 2)
    }
}
