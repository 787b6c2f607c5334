import QtQuick
import QtQuick.Controls

// A field of several lines, framed like a one-line field (Fusion draws a
// TextArea bare), its frame in the accent while it has the focus.
TextArea {
    id: box
    selectByMouse: true
    wrapMode: TextEdit.WrapAnywhere
    padding: Theme.spacing
    background: Rectangle {
        implicitHeight: 56
        color: box.enabled ? Theme.surface : Theme.surfaceSunken
        radius: Theme.radiusSmall
        border.color: box.activeFocus ? Theme.focus : Theme.border
        border.width: box.activeFocus ? 2 : 1
    }
}
