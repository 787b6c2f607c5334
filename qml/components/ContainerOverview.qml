import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A container's essentials, then its whole inspect document.
ScrollView {
    id: root
    contentWidth: availableWidth
    clip: true

    ColumnLayout {
        width: root.availableWidth
        spacing: Theme.spacingMedium

        Card {
            Layout.fillWidth: true
            Layout.margins: Theme.spacingLarge
            Layout.bottomMargin: 0
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.spacingMedium
                Facts {
                    objectName: "overviewFacts"
                    Layout.fillWidth: true
                    facts: [
                        { label: qsTr("ID"), value: Details.containerId, monospace: true },
                        { label: qsTr("Image"), value: Details.image },
                        { label: qsTr("Command"), value: Details.command, monospace: true },
                        { label: qsTr("Started"), value: Format.when(Details.started) },
                        { label: qsTr("Exit code"), value: Details.state !== "running" && Details.state !== "" ? String(Details.exitCode) : "" },
                        { label: qsTr("IP address"), value: Details.ipAddress, monospace: true }
                    ]
                }
                RowLayout {
                    spacing: Theme.spacingMedium
                    Label {
                        Layout.preferredWidth: 140
                        text: qsTr("Notifications")
                        color: Theme.textMuted
                    }
                    Switch {
                        objectName: "notificationsSwitch"
                        checked: Notifier.muted.indexOf(Details.name) < 0
                        text: checked ? qsTr("On when it stops unexpectedly") : qsTr("Muted")
                        Accessible.name: qsTr("Notifications for %1").arg(Details.name)
                        onToggled: Notifier.setMuted(Details.name, !checked)
                    }
                }
            }
        }
        Label {
            Layout.leftMargin: Theme.spacingLarge
            text: qsTr("Inspect")
            font.bold: true
            Accessible.role: Accessible.Heading
        }
        TextBox {
            objectName: "inspectText"
            Layout.fillWidth: true
            Layout.margins: Theme.spacingLarge
            Layout.topMargin: 0
            readOnly: true
            text: Details.inspectText
            font.family: Theme.monospace
            font.pixelSize: Theme.fontSmall
            Accessible.name: qsTr("The container's inspect document")
        }
    }
}
