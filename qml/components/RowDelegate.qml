import QtQuick
import QtQuick.Controls

// What every row of a list or table shares (ListRow, TableRow): its
// surface, hover, press and focus drawn from the theme, a divider under it,
// and the keyboard's ways in — Enter opens it as a click does, Delete asks
// for its removal (the row's own remove action, which confirms). A
// highlighted row (the one shown beside the list) keeps the selected colour.
ItemDelegate {
    id: row
    signal deleteRequested()

    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacing
    focusPolicy: Qt.StrongFocus
    Accessible.onPressAction: clicked()
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
    Keys.onDeletePressed: deleteRequested()
    background: Rectangle {
        color: row.down || row.highlighted ? Theme.selected : row.hovered || row.visualFocus ? Theme.hover : Theme.surface
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
        Rectangle {
            visible: row.visualFocus
            anchors.fill: parent
            color: "transparent"
            border.color: Theme.focus
            border.width: 2
        }
    }
}
