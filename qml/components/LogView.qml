import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A container's log, followed while it runs: search, timestamps, copy.
// The list only makes the lines in view, so long logs scroll smoothly.
ColumnLayout {
    id: root
    spacing: 4
    property bool showTimes: false

    RowLayout {
        Layout.margins: 8
        TextField {
            objectName: "logSearch"
            Layout.fillWidth: true
            placeholderText: qsTr("Search the log (Ctrl+F)")
            onTextChanged: LogSearch.text = text
            Shortcut { sequence: StandardKey.Find; onActivated: parent.forceActiveFocus() }
        }
        Label {
            text: LogSearch.text === "" ? qsTr("%n line(s)", "", Logs.count) : qsTr("%1 of %2 lines").arg(LogSearch.count).arg(Logs.count)
            opacity: 0.7
        }
        CheckBox {
            text: qsTr("Timestamps")
            checked: root.showTimes
            onToggled: root.showTimes = checked
        }
        CheckBox {
            id: follow
            text: qsTr("Follow")
            checked: true
        }
        Button {
            text: qsTr("Copy")
            onClicked: Logs.copy(0, Logs.count - 1, root.showTimes)
        }
        Label {
            text: Logs.following ? qsTr("following") : qsTr("ended")
            opacity: 0.7
        }
    }
    ErrorLabel { text: Logs.lastError }
    ListView {
        id: lines
        objectName: "logLines"
        Layout.fillWidth: true
        Layout.fillHeight: true
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
            leftPadding: 8
            font.family: "monospace"
            elide: Text.ElideRight
            color: stream === "stderr" ? "#c62828" : palette.text
            text: (root.showTimes ? time + "  " : "") + line
        }
    }
}
