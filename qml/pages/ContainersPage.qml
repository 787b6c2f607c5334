import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Every container, newest first: search, a state filter, quick actions,
// and a CPU sparkline for the running ones. A row opens its page.
Page {
    id: page
    objectName: "containersPage"
    title: qsTr("Containers")
    signal opened(string id)
    signal runRequested()

    header: RowLayout {
        spacing: 8
        Label {
            Layout.margins: 12
            text: qsTr("Containers (%1)").arg(Containers.count)
            font.pixelSize: 16
            font.bold: true
        }
        TextField {
            objectName: "containersSearch"
            Layout.fillWidth: true
            placeholderText: qsTr("Search by name, image or ID")
            onTextChanged: ContainersFilter.text = text
        }
        ComboBox {
            model: [qsTr("All"), qsTr("Running"), qsTr("Stopped")]
            onCurrentIndexChanged: ContainersFilter.state = ["", "running", "stopped"][currentIndex]
        }
        Button {
            objectName: "runButton"
            Layout.rightMargin: 12
            text: qsTr("Run container…")
            icon.source: "qrc:/icons/run.svg"
            onClicked: page.runRequested()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ErrorLabel { text: Containers.lastError }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: ContainersFilter
            delegate: ContainerRow {
                width: list.width
                onOpened: id => page.opened(id)
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: Containers.count === 0 ? qsTr("No containers yet. Run one with: docker run busybox echo hello")
                                             : qsTr("No container matches.")
                opacity: 0.7
            }
        }
    }
}
