import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// An image's layers and history, newest first: what made each step and the
// size of the layer it added.
Dialog {
    id: dialog
    objectName: "imageHistory"
    signal runRequested(string image)
    width: Math.min(760, parent ? parent.width - 2 * Theme.spacingHuge : 760)
    height: Math.min(480, parent ? parent.height - 2 * Theme.spacingHuge : 480)
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
        ListView {
            id: steps
            objectName: "historySteps"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: ImageHistory
            ScrollBar.vertical: ScrollBar {}
            delegate: RowLayout {
                id: step
                required property string createdBy
                required property double size
                required property int created
                width: steps.width
                spacing: Theme.spacingMedium
                Label {
                    Layout.preferredWidth: 80
                    text: Format.bytes(step.size)
                    horizontalAlignment: Text.AlignRight
                    color: step.size > 0 ? Theme.text : Theme.textMuted
                }
                Label {
                    Layout.fillWidth: true
                    text: step.createdBy
                    font.family: Theme.monospace
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                    ToolTip.visible: stepHover.hovered && truncated
                    ToolTip.text: step.createdBy
                    HoverHandler { id: stepHover }
                }
                Label {
                    text: Format.ago(step.created)
                    color: Theme.textMuted
                }
            }
        }
    }
}
