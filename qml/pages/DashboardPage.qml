import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The engine at a glance: version, containers by state, images, disk use,
// and what happened last.
Page {
    id: page
    objectName: "dashboardPage"
    title: qsTr("Dashboard")

    header: Label {
        padding: 12
        text: qsTr("Dashboard")
        font.pixelSize: 16
        font.bold: true
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 12

        Label {
            text: Summary.version === "" ? "" : qsTr("Muelle engine %1 (API %2) · %3").arg(Summary.version).arg(Summary.apiVersion).arg(Summary.host)
            opacity: 0.8
        }
        ErrorLabel { text: Summary.lastError }

        Flow {
            Layout.fillWidth: true
            spacing: 12
            StatCard {
                objectName: "card.running"
                title: qsTr("Running")
                value: Summary.running
                detail: qsTr("%1 paused, %2 stopped").arg(Summary.paused).arg(Summary.stopped)
            }
            StatCard { title: qsTr("Images"); value: Summary.images; detail: Format.bytes(Summary.imagesSize) }
            StatCard { title: qsTr("Volumes"); value: Summary.volumes; detail: Format.bytes(Summary.volumesSize) }
            StatCard {
                title: qsTr("Disk use")
                value: Format.bytes(Summary.imagesSize + Summary.containersSize + Summary.volumesSize)
                detail: qsTr("containers: %1").arg(Format.bytes(Summary.containersSize))
            }
        }

        Label {
            text: qsTr("Recent events")
            font.bold: true
        }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Summary.recentEvents
            delegate: Label {
                required property string modelData
                text: modelData
                font.family: "monospace"
            }
            Label {
                anchors.centerIn: parent
                visible: parent.count === 0
                text: qsTr("Nothing has happened since the app started.")
                opacity: 0.7
            }
        }
    }
}
