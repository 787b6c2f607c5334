import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A row of controls under a page's header (a form that adds to the page,
// a tab's options), on the page's sunken surface.
Pane {
    default property alias content: row.data
    padding: Theme.spacing
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacingLarge
    background: Rectangle {
        color: Theme.surfaceSunken
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
    }
    RowLayout {
        id: row
        anchors.fill: parent
        spacing: Theme.spacing
    }
}
