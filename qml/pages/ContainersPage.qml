import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Every container, newest first: search, a state filter, quick actions,
// and sparklines for the running ones. A row opens its page.
Page {
    id: page
    objectName: "containersPage"
    title: qsTr("Containers")
    signal opened(string id)
    signal runRequested()
    background: Rectangle { color: Theme.surface }

    header: PageHeader {
        title: page.title
        count: Containers.count
        searchPlaceholder: qsTr("Search by name, image or ID")
        searchField.objectName: "containersSearch"
        onSearchTextChanged: ContainersFilter.text = searchText
        actionText: qsTr("Run container…")
        actionIcon: "run"
        actionShortcut: "Ctrl+N"
        actionButton.objectName: "runButton"
        onActionTriggered: page.runRequested()
        ComboBox {
            objectName: "containersState"
            model: [qsTr("All"), qsTr("Running"), qsTr("Stopped")]
            Accessible.name: qsTr("Show containers")
            onCurrentIndexChanged: ContainersFilter.state = ["", "running", "stopped"][currentIndex]
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        InlineMessage { text: Containers.lastError; Layout.margins: Theme.spacing }

        ListView {
            id: list
            objectName: "containersList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: ContainersFilter
            keyNavigationEnabled: true
            activeFocusOnTab: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Containers")
            ScrollBar.vertical: ScrollBar {}
            delegate: ContainerRow {
                width: list.width
                onOpened: id => page.opened(id)
            }

            EmptyState {
                objectName: "containersEmpty"
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingHuge
                visible: list.count === 0
                icon: "containers"
                text: Containers.count === 0 ? qsTr("No containers yet.") : qsTr("No container matches.")
                hint: Containers.count === 0 ? qsTr("Run one from an image here, or with docker run.") : qsTr("Try another search or state.")
                actionText: Containers.count === 0 ? qsTr("Run container…") : ""
                onActionTriggered: page.runRequested()
            }
        }
    }
}
