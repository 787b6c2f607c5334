import QtQuick
import QtQuick.Controls

// A raised surface that groups what belongs together (a figure, a chart,
// a form's section): the theme's surface, border and radius.
Pane {
    padding: Theme.spacingLarge
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radiusLarge
        border.color: Theme.border
    }
}
