import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A container's log, followed while it runs: search, timestamps, copy.
// The list only makes the lines in view, so long logs scroll smoothly.
ColumnLayout {
    id: root
    spacing: 0
    property bool showTimes: false

    Toolbar {
        Layout.fillWidth: true
        TextField {
            id: search
            objectName: "logSearch"
            Layout.fillWidth: true
            placeholderText: qsTr("Search the log (Ctrl+F)")
            Accessible.name: qsTr("Search the log")
            selectByMouse: true
            onTextChanged: LogSearch.text = text
            Shortcut { sequence: StandardKey.Find; enabled: search.visible; onActivated: search.forceActiveFocus() }
        }
        Label {
            text: LogSearch.text === "" ? qsTr("%n line(s)", "", Logs.count) : qsTr("%1 of %2 lines").arg(LogSearch.count).arg(Logs.count)
            color: Theme.textMuted
        }
        CheckBox {
            objectName: "logTimestamps"
            text: qsTr("Timestamps")
            checked: root.showTimes
            onToggled: root.showTimes = checked
        }
        CheckBox {
            id: follow
            objectName: "logFollow"
            text: qsTr("Follow")
            checked: true
        }
        IconButton {
            objectName: "logCopy"
            tip: qsTr("Copy the log")
            icon.source: "qrc:/icons/copy.svg"
            enabled: Logs.count > 0
            onClicked: {
                Logs.copy(0, Logs.count - 1, root.showTimes)
                Toasts.show(qsTr("Copied %n line(s)", "", Logs.count), "success")
            }
        }
        StateBadge {
            kind: Logs.following ? "running" : "exited"
            text: Logs.following ? qsTr("following") : qsTr("ended")
        }
    }
    InlineMessage { text: Logs.lastError; Layout.margins: Theme.spacing }
    Rectangle {
        Layout.fillWidth: true
        Layout.fillHeight: true
        color: Theme.surface
        ListView {
            id: lines
            objectName: "logLines"
            anchors.fill: parent
            anchors.margins: Theme.spacingSmall
            clip: true
            model: LogSearch
            reuseItems: true
            ScrollBar.vertical: ScrollBar {}
            onCountChanged: if (follow.checked) positionViewAtEnd()
            delegate: Label {
                required property string line
                required property string stream
                required property string time
                width: lines.width
                leftPadding: Theme.spacing
                font.family: Theme.monospace
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                color: stream === "stderr" ? Theme.danger : Theme.text
                text: (root.showTimes ? time + "  " : "") + line
            }
        }
        EmptyState {
            objectName: "logEmpty"
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.spacingHuge
            visible: lines.count === 0 && Logs.lastError === ""
            icon: "logs"
            text: Logs.count > 0 ? qsTr("No line matches “%1”.").arg(LogSearch.text)
                : Logs.following ? qsTr("Nothing logged yet.") : qsTr("This container logged nothing.")
            hint: Logs.count > 0 ? "" : Logs.following ? qsTr("Lines appear here as the container writes them.") : ""
        }
    }
}
