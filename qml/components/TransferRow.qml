import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A pull or push: its reference, status and bar, and each layer's progress.
Frame {
    id: row
    required property string job
    required property string kind
    required property string reference
    required property string status
    required property double fraction
    required property var layers
    required property bool done
    required property string error
    objectName: "transfer." + reference

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        RowLayout {
            Image {
                source: row.kind === "pull" ? "qrc:/icons/pull.svg" : "qrc:/icons/push.svg"
                sourceSize: Qt.size(18, 18)
            }
            Label { text: row.reference; font.bold: true }
            Label {
                Layout.fillWidth: true
                text: row.error !== "" ? row.error : row.status
                color: row.error !== "" ? "#c62828" : palette.text
                elide: Text.ElideRight
            }
            ToolButton {
                visible: !row.done && row.job !== ""
                text: qsTr("Cancel")
                onClicked: Transfers.cancel(row.job)
            }
        }
        ProgressBar {
            Layout.fillWidth: true
            visible: !row.done || row.error === ""
            indeterminate: row.fraction < 0 && !row.done
            value: Math.max(0, row.fraction)
        }
        Repeater {
            model: row.done ? [] : row.layers
            delegate: Label {
                required property var modelData
                text: modelData.id + ": " + modelData.status
                      + (modelData.total > 0 ? "  " + Format.bytes(modelData.current) + " / " + Format.bytes(modelData.total) : "")
                font.family: "monospace"
                opacity: 0.7
            }
        }
    }
}
