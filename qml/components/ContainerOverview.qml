import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A container's essentials, then its whole inspect document.
ColumnLayout {
    spacing: 6
    GridLayout {
        Layout.margins: 12
        columns: 2
        columnSpacing: 16
        Label { text: qsTr("ID"); opacity: 0.7 }
        Label { text: Details.containerId; font.family: "monospace" }
        Label { text: qsTr("Command"); opacity: 0.7 }
        Label { text: Details.command; font.family: "monospace" }
        Label { text: qsTr("Started"); opacity: 0.7 }
        Label { text: Details.started }
        Label { text: qsTr("Exit code"); opacity: 0.7; visible: Details.state !== "running" }
        Label { text: Details.exitCode; visible: Details.state !== "running" }
        Label { text: qsTr("IP address"); opacity: 0.7; visible: Details.ipAddress !== "" }
        Label { text: Details.ipAddress; visible: Details.ipAddress !== "" }
        Label { text: qsTr("Notifications"); opacity: 0.7 }
        Switch {
            checked: Notifier.muted.indexOf(Details.name) < 0
            text: checked ? qsTr("on") : qsTr("muted")
            onToggled: Notifier.setMuted(Details.name, !checked)
        }
    }
    ScrollView {
        Layout.fillWidth: true
        Layout.fillHeight: true
        TextArea {
            readOnly: true
            text: Details.inspectText
            font.family: "monospace"
            selectByMouse: true
        }
    }
}
