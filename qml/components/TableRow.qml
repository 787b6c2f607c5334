import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A row of a table where people compare: its cells under TableHeader's
// columns (the same `columns`), then its actions (default children).
ItemDelegate {
    id: row
    property var columns: []
    property var cells: [] // one text per column
    property var monospaceColumns: []
    property int actionsWidth: 0 // the same in TableHeader, so columns line up
    default property alias trailing: actions.data

    implicitHeight: Math.max(Theme.rowHeight - Theme.spacingMedium, contentItem.implicitHeight + topPadding + bottomPadding)
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacing
    focusPolicy: Qt.StrongFocus
    Accessible.onPressAction: clicked()
    // The keyboard's ways in: Enter opens it as a click does; Delete asks
    // for its removal (the row's own remove action, which confirms).
    signal deleteRequested()
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
    Keys.onDeletePressed: deleteRequested()
    Accessible.name: cells.join(", ")
    background: Rectangle {
        color: row.down ? Theme.selected : row.hovered || row.visualFocus ? Theme.hover : Theme.surface
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
        Rectangle {
            visible: row.visualFocus
            anchors.fill: parent
            color: "transparent"
            border.color: Theme.focus
            border.width: 2
        }
    }
    contentItem: RowLayout {
        spacing: Theme.spacingMedium
        Repeater {
            model: row.columns
            delegate: Label {
                required property var modelData
                required property int index
                objectName: "cell." + modelData.key
                Layout.fillWidth: modelData.width === 0
                Layout.preferredWidth: modelData.width === 0 ? -1 : modelData.width
                Layout.minimumWidth: modelData.width === 0 ? 80 : modelData.width
                text: row.cells[index] !== undefined ? row.cells[index] : ""
                elide: Text.ElideRight
                font.bold: index === 0
                font.family: row.monospaceColumns.indexOf(modelData.key) >= 0 ? Theme.monospace : Qt.application.font.family
                color: index === 0 ? Theme.text : Theme.textMuted
            }
        }
        RowLayout {
            id: actions
            Layout.preferredWidth: row.actionsWidth
            spacing: Theme.spacingTiny
        }
    }
}
