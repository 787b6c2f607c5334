import QtQuick
import QtQuick.Controls
import QtTest
import Muelle

// An icon-only action: its words in the tooltip (with the shortcut) and for
// screen readers, its icon's colour by state, no click when disabled.
TestCase {
    name: "IconButton"
    when: windowShown
    visible: true
    width: 200
    height: 100

    Component { id: button; IconButton { icon.source: "qrc:/icons/close.svg" } }
    SignalSpy { id: clicks; signalName: "clicked" }

    function cleanup() { Theme.choice = "system"; clicks.clear() }

    function test_words() {
        const plain = createTemporaryObject(button, this, { tip: "Remove" })
        compare(plain.ToolTip.text, "Remove")
        compare(plain.Accessible.name, "Remove")
        compare(plain.display, AbstractButton.IconOnly)
        const withKey = createTemporaryObject(button, this, { tip: "Remove", shortcut: "Del" })
        compare(withKey.ToolTip.text, "Remove (Del)")
        compare(withKey.Accessible.name, "Remove")
        compare(withKey.Accessible.description, "Del")
    }

    function test_tooltipOnHoverAndKeyboardFocus() {
        const b = createTemporaryObject(button, this, { tip: "Stop", hoverEnabled: true })
        verify(!b.ToolTip.visible)
        mouseMove(b, b.width / 2, b.height / 2)
        tryVerify(() => b.ToolTip.visible)
        mouseMove(this, width - 1, height - 1)
        tryVerify(() => !b.ToolTip.visible)
        b.forceActiveFocus(Qt.TabFocusReason)
        tryVerify(() => b.ToolTip.visible)
    }

    function test_iconColour_data() {
        return [
            { tag: "enabled", props: { enabled: true }, colour: "text" },
            { tag: "destructive", props: { destructive: true }, colour: "danger" },
            { tag: "disabled", props: { enabled: false, destructive: true }, colour: "textDisabled" },
        ]
    }
    function test_iconColour(data) {
        for (const choice of ["light", "dark"]) {
            Theme.choice = choice
            const b = createTemporaryObject(button, this, Object.assign({ tip: "Kill" }, data.props))
            compare(b.icon.color, Theme[data.colour], choice)
        }
    }

    function test_clicks() {
        const b = createTemporaryObject(button, this, { tip: "Start" })
        clicks.target = b
        mouseClick(b)
        compare(clicks.count, 1)
        b.enabled = false
        mouseClick(b)
        compare(clicks.count, 1)
    }
}
