import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A row of a table where people compare: its cells under TableHeader's
// columns (the same `columns`), then its actions (default children).
RowDelegate {
    id: row
    property var columns: []
    property var cells: [] // one text per column
    property var monospaceColumns: []
    property int actionsWidth: 0 // the same in TableHeader, so columns line up
    default property alias trailing: actions.data

    implicitHeight: Math.max(Theme.rowHeight - Theme.spacingMedium, contentItem.implicitHeight + topPadding + bottomPadding)
    Accessible.name: cells.join(", ")
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
