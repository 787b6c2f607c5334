import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Named and anonymous volumes: create, remove, prune the unused ones.
Page {
    id: page
    objectName: "volumesPage"
    title: qsTr("Volumes")
    background: Rectangle { color: Theme.surface }

    header: PageHeader {
        title: page.title
        count: Volumes.count
        Button {
            objectName: "volumesPrune"
            text: qsTr("Prune unused…")
            icon.source: "qrc:/icons/prune.svg"
            onClicked: Confirm.ask(qsTr("Prune unused volumes?"),
                qsTr("Every volume no container uses is deleted, with all the data in it."),
                qsTr("Prune"), () => Volumes.prune())
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Toolbar {
            Layout.fillWidth: true
            TextField {
                id: name
                objectName: "volumeName"
                Layout.fillWidth: true
                placeholderText: qsTr("New volume's name")
                Accessible.name: qsTr("New volume's name")
                selectByMouse: true
                validator: RegularExpressionValidator { regularExpression: /[a-zA-Z0-9][a-zA-Z0-9_.-]*/ }
                onAccepted: create.clicked()
            }
            PrimaryButton {
                id: create
                objectName: "volumeCreate"
                text: qsTr("Create volume")
                onClicked: {
                    Volumes.create(name.text)
                    name.text = ""
                }
            }
        }
        InlineMessage { text: Volumes.lastError; Layout.margins: Theme.spacing }
        ListView {
            id: list
            objectName: "volumesList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Volumes
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Volumes")
            ScrollBar.vertical: ScrollBar {}
            delegate: ListRow {
                id: volume
                required property string key
                required property string driver
                required property string mountpoint
                width: list.width
                objectName: "volumeRow." + key
                leadingIcon: "volumes"
                title: key
                subtitle: driver + "  ·  " + mountpoint
                onDeleteRequested: if (removeButton.visible) removeButton.clicked()
                IconButton {
                    id: removeButton
                    objectName: "remove"
                    shortcut: qsTr("Delete")
                    tip: qsTr("Remove %1…").arg(volume.key)
                    icon.source: "qrc:/icons/remove.svg"
                    destructive: true
                    onClicked: Confirm.ask(qsTr("Remove %1?").arg(volume.key),
                        qsTr("The volume and every file in it are deleted. A volume that a container uses cannot be removed."),
                        qsTr("Remove"), () => Volumes.remove(volume.key))
                }
            }
            EmptyState {
                objectName: "volumesEmpty"
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingHuge
                visible: list.count === 0
                icon: "volumes"
                text: qsTr("No volumes.")
                hint: qsTr("A volume keeps data beyond the containers that use it.")
                actionText: qsTr("Create a volume")
                onActionTriggered: name.forceActiveFocus()
            }
        }
    }
}
