import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Named and anonymous volumes: create, remove, prune the unused ones.
Page {
    id: page
    objectName: "volumesPage"
    title: qsTr("Volumes")

    header: RowLayout {
        spacing: 8
        Label {
            Layout.margins: 12
            text: qsTr("Volumes (%1)").arg(Volumes.count)
            font.pixelSize: 16
            font.bold: true
        }
        TextField {
            id: name
            objectName: "volumeName"
            Layout.fillWidth: true
            placeholderText: qsTr("New volume's name")
            onAccepted: create.clicked()
        }
        Button {
            id: create
            objectName: "volumeCreate"
            text: qsTr("Create")
            onClicked: {
                Volumes.create(name.text)
                name.text = ""
            }
        }
        Button {
            Layout.rightMargin: 12
            text: qsTr("Prune unused")
            onClicked: Volumes.prune()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ErrorLabel { text: Volumes.lastError }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Volumes
            delegate: ItemDelegate {
                id: volume
                required property string key
                required property string driver
                required property string mountpoint
                width: list.width
                contentItem: RowLayout {
                    Image { source: "qrc:/icons/volumes.svg"; sourceSize: Qt.size(20, 20) }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label { text: volume.key; font.bold: true; elide: Text.ElideMiddle; Layout.fillWidth: true }
                        Label { text: volume.driver + "  ·  " + volume.mountpoint; opacity: 0.7; elide: Text.ElideMiddle; Layout.fillWidth: true }
                    }
                    ToolButton {
                        icon.source: "qrc:/icons/remove.svg"
                        onClicked: Volumes.remove(volume.key)
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No volumes.")
                opacity: 0.7
            }
        }
    }
}
