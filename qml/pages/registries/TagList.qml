import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A repository's tags, newest first, with size and platforms as each is
// described; pull, pull and run, copy the reference, delete.
ColumnLayout {
    id: root
    signal back()
    signal opened(string tag)
    signal runRequested(string image)
    spacing: 0

    readonly property int actionsWidth: 3 * Theme.iconButton + 2 * Theme.spacingTiny
    readonly property var columns: [
        { key: "tag", title: qsTr("Tag"), width: 0 },
        { key: "created", title: qsTr("Created"), width: 120 },
        { key: "size", title: qsTr("Size"), width: 90 },
        { key: "platforms", title: qsTr("Platforms"), width: 180 }
    ]

    Toolbar {
        Layout.fillWidth: true
        IconButton {
            objectName: "tagsBack"
            tip: qsTr("Back to the repositories")
            shortcut: "Alt+Left"
            icon.source: "qrc:/icons/back.svg"
            onClicked: root.back()
        }
        Label {
            objectName: "tagsTitle"
            Layout.fillWidth: true
            text: Tags.host + "/" + Tags.repository
            font.bold: true
            elide: Text.ElideMiddle
        }
        BusyIndicator { running: Tags.loading; visible: running; Layout.preferredHeight: Theme.iconButton; Layout.preferredWidth: Theme.iconButton }
        Label { color: Theme.textMuted; text: qsTr("%n tag(s)", "", Tags.count) }
        IconButton {
            objectName: "tagsReload"
            tip: qsTr("List the tags again")
            icon.source: "qrc:/icons/restart.svg"
            onClicked: Tags.reload()
        }
    }
    InlineMessage { objectName: "tagsError"; text: Tags.lastError; Layout.margins: Theme.spacing; Layout.fillWidth: true }
    TableHeader {
        Layout.fillWidth: true
        columns: root.columns
        actionsWidth: root.actionsWidth
        visible: list.count > 0
    }
    ListView {
        id: list
        objectName: "tagList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: Tags
        activeFocusOnTab: true
        keyNavigationEnabled: true
        Accessible.role: Accessible.Table
        Accessible.name: qsTr("Tags")
        ScrollBar.vertical: ScrollBar {}
        delegate: TableRow {
            id: row
            required property string tag
            required property string reference
            required property int created
            required property double size
            required property string platforms
            required property bool described
            required property string problem
            width: list.width
            objectName: "tagRow." + tag
            columns: root.columns
            actionsWidth: root.actionsWidth
            cells: [tag,
                problem !== "" ? qsTr("unreadable") : created > 0 ? Format.ago(created) : described ? "—" : "…",
                described && problem === "" ? Format.bytes(size) : "",
                problem !== "" ? problem : platforms]
            onClicked: root.opened(tag)
            IconButton {
                objectName: "pull"
                tip: qsTr("Pull %1").arg(row.reference)
                icon.source: "qrc:/icons/pull.svg"
                onClicked: Transfers.pull(row.reference)
            }
            IconButton {
                objectName: "pullAndRun"
                tip: qsTr("Pull %1 and run it").arg(row.reference)
                icon.source: "qrc:/icons/run.svg"
                onClicked: root.runRequested(row.reference)
            }
            IconButton {
                objectName: "copy"
                tip: qsTr("Copy %1").arg(row.reference)
                icon.source: "qrc:/icons/copy.svg"
                onClicked: Clipboard.copy(row.reference)
            }
        }
        EmptyState {
            objectName: "tagsEmpty"
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.spacingHuge
            visible: list.count === 0 && !Tags.loading && Tags.lastError === ""
            icon: "tag"
            text: qsTr("This repository has no tags.")
        }
    }
}
