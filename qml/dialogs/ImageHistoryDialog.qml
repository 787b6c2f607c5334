import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// An image's layers and history, newest first: what made each step and the
// size of the layer it added, as a table; as tall as its steps need.
Dialog {
    id: dialog
    objectName: "imageHistory"
    readonly property var columns: [
        { key: "size", title: qsTr("Size"), width: 80 },
        { key: "createdBy", title: qsTr("Created by"), width: 0 },
        { key: "created", title: qsTr("Created"), width: 110 }
    ]
    width: Math.min(820, parent ? parent.width - 2 * Theme.spacingHuge : 820)
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.spacingHuge : implicitHeight)
    modal: true
    padding: Theme.spacingLarge
    standardButtons: Dialog.Close

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        InlineMessage { text: ImageHistory.lastError }
        Label {
            text: qsTr("%n step(s)", "", ImageHistory.count)
            color: Theme.textMuted
        }
        // The rows right under their titles.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0
            TableHeader {
                Layout.fillWidth: true
                columns: dialog.columns
                sortable: false
            }
            ListView {
                id: steps
                objectName: "historySteps"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: Math.min(contentHeight, 360)
                Layout.minimumHeight: Theme.rowHeight
                clip: true
                model: ImageHistory
                activeFocusOnTab: true
                Accessible.role: Accessible.Table
                Accessible.name: qsTr("History of %1").arg(dialog.title)
                ScrollBar.vertical: ScrollBar {}
                delegate: TableRow {
                    id: step
                    required property string createdBy
                    required property double size
                    required property int created
                    width: steps.width
                    columns: dialog.columns
                    monospaceColumns: ["createdBy"]
                    cells: [Format.bytes(step.size), step.createdBy, Format.ago(step.created)]
                    ToolTip.visible: hovered && step.createdBy.length > 60
                    ToolTip.delay: 500
                    ToolTip.text: step.createdBy
                }
            }
        }
    }
}
