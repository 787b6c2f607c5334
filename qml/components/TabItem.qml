import QtQuick
import QtQuick.Controls

// A tab of a TabBar: its words, and the accent under the current one.
TabButton {
    id: tab
    width: implicitWidth
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacingLarge
    topPadding: Theme.spacing
    bottomPadding: Theme.spacing
    font.bold: checked
    Accessible.onPressAction: { checked = true; clicked() }
    palette.buttonText: checked ? Theme.text : Theme.textMuted
    background: Rectangle {
        color: tab.hovered || tab.visualFocus ? Theme.hover : "transparent"
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: tab.checked ? 3 : 0
            color: Theme.accent
        }
        Rectangle {
            visible: tab.visualFocus
            anchors.fill: parent
            color: "transparent"
            border.color: Theme.focus
            border.width: 2
        }
    }
}
