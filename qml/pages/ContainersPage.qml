import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Every container, newest first, with its state and quick actions.
Page {
    id: page
    title: qsTr("Containers")

    header: Label {
        padding: 12
        text: qsTr("Containers (%1)").arg(Containers.count)
        font.pixelSize: 16
        font.bold: true
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // The engine's errors, in its words, never swallowed.
        Label {
            Layout.fillWidth: true
            Layout.margins: 12
            visible: Containers.lastError !== ""
            text: Containers.lastError
            color: "#c62828"
            wrapMode: Text.WordWrap
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Containers
            delegate: ContainerRow {
                width: list.width
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No containers yet. Run one with: docker run busybox echo hello")
                opacity: 0.7
            }
        }
    }
}
