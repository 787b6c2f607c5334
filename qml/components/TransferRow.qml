import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A pull or push: its reference, status and bar, and each layer's progress.
Pane {
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
    padding: Theme.spacing
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacingLarge
    Accessible.name: (kind === "pull" ? qsTr("Pull of %1") : qsTr("Push of %1")).arg(reference) + ": " + (error !== "" ? error : status)
    background: Rectangle {
        color: row.error !== "" ? Theme.tint("error") : Theme.surface
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacingSmall
        RowLayout {
            spacing: Theme.spacing
            Image {
                source: row.kind === "pull" ? "qrc:/icons/pull.svg" : "qrc:/icons/push.svg"
                sourceSize: Qt.size(Theme.iconSmall, Theme.iconSmall)
            }
            Label { text: row.reference; font.bold: true; elide: Text.ElideMiddle; Layout.maximumWidth: row.width / 2 }
            Label {
                Layout.fillWidth: true
                text: row.error !== "" ? row.error : row.status
                color: row.error !== "" ? Theme.danger : Theme.textMuted
                elide: Text.ElideRight
            }
            IconButton {
                visible: !row.done && row.job !== ""
                tip: qsTr("Cancel the transfer of %1").arg(row.reference)
                icon.source: "qrc:/icons/close.svg"
                onClicked: Transfers.cancel(row.job)
            }
        }
        ProgressBar {
            Layout.fillWidth: true
            visible: !row.done
            indeterminate: row.fraction < 0
            value: Math.max(0, row.fraction)
            Accessible.name: qsTr("Progress of %1").arg(row.reference)
        }
        Repeater {
            model: row.done ? [] : row.layers
            delegate: Label {
                required property var modelData
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: modelData.id + ": " + modelData.status
                      + (modelData.total > 0 ? "  " + Format.bytes(modelData.current) + " / " + Format.bytes(modelData.total) : "")
                font.family: Theme.monospace
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
        }
    }
}
