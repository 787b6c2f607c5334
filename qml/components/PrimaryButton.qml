import QtQuick
import QtQuick.Controls

// The one action a page or dialog is for, filled with the accent.
Button {
    palette.button: Theme.accentFill
    palette.buttonText: Theme.accentText
    palette.disabled.buttonText: Theme.textDisabled
    icon.color: enabled ? Theme.accentText : Theme.textDisabled
    font.bold: true
    // Fusion would lighten the accent into a pastel: a flat fill reads as the action.
    background: Rectangle {
        implicitWidth: 80
        implicitHeight: 28
        radius: Theme.radiusSmall
        color: !parent.enabled ? Theme.hover : parent.down ? Qt.darker(Theme.accentFill, 1.2)
             : parent.hovered ? Qt.lighter(Theme.accentFill, 1.1) : Theme.accentFill
        border.color: parent.visualFocus ? Theme.text : "transparent"
        border.width: parent.visualFocus ? 2 : 0
    }
}
