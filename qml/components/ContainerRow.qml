import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// One container of the list: name, image, state, status, ports, actions.
ItemDelegate {
    id: row
    required property string containerId
    required property string name
    required property string image
    required property string containerState
    required property string status
    required property string ports

    contentItem: RowLayout {
        spacing: 12
        StateBadge {
            kind: row.containerState
            text: row.containerState
            Layout.preferredWidth: 80
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                text: row.name
                font.bold: true
            }
            Label {
                text: row.image + "  ·  " + row.status + (row.ports !== "" ? "  ·  " + row.ports : "")
                opacity: 0.7
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Button {
            text: row.containerState === "running" ? qsTr("Stop") : qsTr("Start")
            onClicked: Containers.act(row.containerState === "running" ? "stop" : "start", row.containerId)
        }
        Button {
            text: qsTr("Remove")
            onClicked: Containers.act("remove", row.containerId)
        }
    }
}
