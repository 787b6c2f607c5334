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
    width: 760
    height: 480
    modal: true
    standardButtons: Dialog.Close

    ColumnLayout {
        anchors.fill: parent
        ErrorLabel { text: ImageHistory.lastError }
        Label {
            text: qsTr("%n step(s)", "", ImageHistory.count)
            opacity: 0.7
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
                Label {
                    Layout.preferredWidth: 80
                    text: Format.bytes(step.size)
                    horizontalAlignment: Text.AlignRight
                    opacity: step.size > 0 ? 1 : 0.5
                }
                Label {
                    Layout.fillWidth: true
                    text: step.createdBy
                    font.family: "monospace"
                    elide: Text.ElideRight
                }
                Label {
                    text: Format.ago(step.created)
                    opacity: 0.7
                }
            }
        }
    }
}
