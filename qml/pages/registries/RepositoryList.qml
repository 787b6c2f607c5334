import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// A registry's repositories, read page by page while the first shows;
// the field filters them as one types.
ColumnLayout {
    id: root
    signal opened(string name)
    spacing: 0

    Toolbar {
        Layout.fillWidth: true
        Label {
            text: Repositories.host
            font.bold: true
            elide: Text.ElideMiddle
            Layout.maximumWidth: 240
        }
        TextField {
            id: filter
            objectName: "repositoryFilter"
            Layout.fillWidth: true
            placeholderText: qsTr("Filter repositories")
            Accessible.name: qsTr("Filter repositories")
            selectByMouse: true
            text: Repositories.filter
            onTextEdited: Repositories.filter = text
            Keys.onDownPressed: { list.forceActiveFocus(); list.currentIndex = 0 }
            onAccepted: if (list.count > 0) root.opened(Repositories.nameAt(0))
        }
        BusyIndicator { running: Repositories.loading; visible: running; Layout.preferredHeight: Theme.iconButton; Layout.preferredWidth: Theme.iconButton }
        Label {
            objectName: "repositoryCount"
            color: Theme.textMuted
            text: Repositories.filter !== "" ? qsTr("%1 of %2").arg(Repositories.count).arg(Repositories.total)
                                             : qsTr("%n repository(s)", "", Repositories.total)
        }
        IconButton {
            objectName: "repositoriesReload"
            tip: qsTr("Read the catalog again")
            icon.source: "qrc:/icons/restart.svg"
            onClicked: Repositories.reload()
        }
    }
    InlineMessage { objectName: "repositoriesError"; text: Repositories.lastError; Layout.margins: Theme.spacing; Layout.fillWidth: true }
    ListView {
        id: list
        objectName: "repositoryList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: Repositories
        reuseItems: true
        activeFocusOnTab: true
        keyNavigationEnabled: true
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Repositories")
        ScrollBar.vertical: ScrollBar {}
        delegate: ListRow {
            required property string name
            required property int index
            width: ListView.view.width
            objectName: "repositoryRow." + name
            leadingIcon: "images"
            title: name
            highlighted: ListView.isCurrentItem && list.activeFocus
            onClicked: root.opened(name)
            Keys.onReturnPressed: root.opened(name)
        }
        Keys.onReturnPressed: if (currentIndex >= 0) root.opened(Repositories.nameAt(currentIndex))
        EmptyState {
            objectName: "repositoriesEmpty"
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.spacingHuge
            visible: list.count === 0 && !Repositories.loading && Repositories.lastError === ""
            icon: "images"
            text: Repositories.filter !== "" ? qsTr("No repository holds “%1”.").arg(Repositories.filter) : qsTr("This registry has no repositories.")
            hint: Repositories.filter !== "" ? qsTr("Clear the filter to see them all.") : qsTr("Push an image to it, e.g. from the Images page.")
        }
    }
}
