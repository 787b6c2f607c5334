import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The titles of a table's columns; a click sorts by that column (again:
// the other way). columns: [{ key, title, width }] (width 0: the rest);
// TableRow lays its cells out by the same list.
Rectangle {
    id: root
    property var columns: []
    property string sortColumn: ""
    property bool ascending: true
    property bool sortable: true // false: the titles only say what is below them
    property int actionsWidth: 0 // the rows' actions (TableRow's actionsWidth)
    signal sortRequested(string key)

    implicitHeight: row.implicitHeight
    color: Theme.surfaceSunken
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }

    RowLayout {
        id: row
        anchors.fill: parent
        // TableRow's paddings and its actions, so a title stands over its cells.
        anchors.leftMargin: Theme.spacingLarge
        anchors.rightMargin: Theme.spacing + root.actionsWidth + Theme.spacingMedium
        spacing: Theme.spacingMedium
        Repeater {
            model: root.columns
            delegate: ItemDelegate {
                id: title
                required property var modelData
                readonly property bool sorted: root.sortColumn === modelData.key
                objectName: "column." + modelData.key
                Layout.fillWidth: modelData.width === 0
                Layout.preferredWidth: modelData.width === 0 ? -1 : modelData.width
                Layout.minimumWidth: modelData.width === 0 ? 80 : modelData.width
                leftPadding: 0
                rightPadding: 0
                text: modelData.title + (sorted ? (root.ascending ? "  ▲" : "  ▼") : "")
                font.bold: true
                font.pixelSize: Theme.fontSmall
                focusPolicy: root.sortable ? Qt.StrongFocus : Qt.NoFocus
                enabled: root.sortable
                palette.disabled.windowText: Theme.text
                palette.disabled.text: Theme.text
                palette.disabled.buttonText: Theme.text
                Accessible.role: Accessible.ColumnHeader
                Accessible.onPressAction: clicked()
                Accessible.name: !root.sortable ? modelData.title : sorted ? (root.ascending ? qsTr("%1, sorted ascending") : qsTr("%1, sorted descending")).arg(modelData.title)
                                        : qsTr("%1, sort by it").arg(modelData.title)
                ToolTip.visible: hovered && root.sortable
                ToolTip.delay: 500
                ToolTip.text: qsTr("Sort by %1").arg(modelData.title)
                background: Rectangle { color: title.hovered || title.visualFocus ? Theme.hover : "transparent"; radius: Theme.radiusSmall }
                onClicked: root.sortRequested(modelData.key)
            }
        }
    }
}
