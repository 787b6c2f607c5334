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
    signal navigate(string page)
    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: page.title
        subtitle: Summary.version === "" ? "" : qsTr("Muelle engine %1 (API %2) · %3").arg(Summary.version).arg(Summary.apiVersion).arg(Summary.host)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacingLarge

        InlineMessage { text: Summary.lastError }

        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacingMedium
            StatCard {
                objectName: "card.running"
                title: qsTr("Running")
                value: Summary.running
                detail: qsTr("%1 paused, %2 stopped").arg(Summary.paused).arg(Summary.stopped)
                onActivated: page.navigate("containers")
            }
            StatCard { objectName: "card.images"; title: qsTr("Images"); value: Summary.images; detail: Format.bytes(Summary.imagesSize); onActivated: page.navigate("images") }
            StatCard { objectName: "card.volumes"; title: qsTr("Volumes"); value: Summary.volumes; detail: Format.bytes(Summary.volumesSize); onActivated: page.navigate("volumes") }
            StatCard {
                objectName: "card.disk"
                title: qsTr("Disk use")
                value: Format.bytes(Summary.imagesSize + Summary.containersSize + Summary.volumesSize)
                detail: qsTr("containers: %1").arg(Format.bytes(Summary.containersSize))
                onActivated: page.navigate("images")
            }
        }

        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: 0
            ColumnLayout {
                anchors.fill: parent
                spacing: 0
                Label {
                    Layout.margins: Theme.spacingLarge
                    Layout.bottomMargin: Theme.spacing
                    text: qsTr("Recent events")
                    font.pixelSize: Theme.fontSubtitle
                    font.bold: true
                    Accessible.role: Accessible.Heading
                }
                ListView {
                    id: events
                    objectName: "recentEvents"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.leftMargin: Theme.spacingLarge
                    Layout.rightMargin: Theme.spacingLarge
                    clip: true
                    model: Summary.recentEvents
                    ScrollBar.vertical: ScrollBar {}
                    delegate: Label {
                        required property string modelData
                        width: events.width
                        elide: Text.ElideRight
                        topPadding: Theme.spacingTiny
                        bottomPadding: Theme.spacingTiny
                        text: modelData
                        font.family: Theme.monospace
                        font.pixelSize: Theme.fontSmall
                    }
                    EmptyState {
                        anchors.centerIn: parent
                        width: parent.width
                        visible: events.count === 0
                        icon: "bell"
                        text: qsTr("Nothing has happened since the app started.")
                        hint: qsTr("Containers starting and stopping, pulls and removals show here as they happen.")
                    }
                }
            }
        }
    }
}
