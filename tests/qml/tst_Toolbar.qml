import QtQuick
import QtQuick.Controls
import QtTest
import Muelle

// A row of controls on the sunken surface, in reading order.
TestCase {
    name: "Toolbar"
    when: windowShown
    visible: true
    width: 500
    height: 200

    Component {
        id: toolbar
        Toolbar {
            width: 400
            Button { objectName: "first"; text: "First" }
            Button { objectName: "second"; text: "Second" }
        }
    }
    Item {
        id: mirrored
        anchors.fill: parent
        LayoutMirroring.enabled: true
        LayoutMirroring.childrenInherit: true
    }

    function test_row() {
        const t = createTemporaryObject(toolbar, this)
        waitForRendering(t)
        const first = findChild(t, "first"), second = findChild(t, "second")
        verify(second.x >= first.x + first.width, "in order, side by side")
        verify(first.mapToItem(t, 0, 0).x >= t.leftPadding)
        compare(t.background.color, Theme.surfaceSunken)
        verify(t.height >= first.height)
    }

    function test_rightToLeft() {
        const t = createTemporaryObject(toolbar, mirrored)
        waitForRendering(t)
        const first = findChild(t, "first"), second = findChild(t, "second")
        verify(first.x > second.x, "the first on the right")
        verify(first.mapToItem(t, 0, 0).x + first.width <= t.width - t.rightPadding + 1)
    }
}
