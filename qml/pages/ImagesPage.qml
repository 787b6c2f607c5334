import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The images here as a table to compare (repository, tag, ID, size,
// created; sortable), with pull (each layer's progress), tag, push, remove,
// and run one.
Page {
    id: page
    objectName: "imagesPage"
    title: qsTr("Images")
    signal runRequested(string image)
    signal buildRequested()
    background: Rectangle { color: Theme.surface }

    readonly property int actionsWidth: 4 * Theme.iconButton + 3 * Theme.spacingTiny
    readonly property var columns: [
        { key: "repository", title: qsTr("Repository"), width: 0 },
        { key: "tag", title: qsTr("Tag"), width: 110 },
        { key: "shortId", title: qsTr("ID"), width: 110 },
        { key: "size", title: qsTr("Size"), width: 80 },
        { key: "created", title: qsTr("Created"), width: 110 }
    ]

    header: PageHeader {
        title: page.title
        count: Images.count
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Toolbar {
            Layout.fillWidth: true
            TextField {
                id: reference
                objectName: "pullField"
                Layout.fillWidth: true
                placeholderText: qsTr("Image to pull, e.g. registry.local:5000/team/app:1.0")
                Accessible.name: qsTr("Image to pull")
                selectByMouse: true
                onAccepted: if (pull.enabled) pull.clicked()
            }
            Button {
                objectName: "buildImage"
                text: qsTr("Build image…")
                icon.source: "qrc:/icons/add.svg"
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Ctrl+B")
                onClicked: page.buildRequested()
            }
            PrimaryButton {
                id: pull
                objectName: "pullButton"
                text: qsTr("Pull")
                icon.source: "qrc:/icons/pull.svg"
                enabled: reference.text.trim() !== ""
                onClicked: {
                    Transfers.pull(reference.text.trim())
                    reference.text = ""
                }
            }
        }
        InlineMessage { text: Images.lastError; Layout.margins: Theme.spacing }

        ListView {
            objectName: "transfers"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 200)
            visible: count > 0
            clip: true
            model: Transfers
            ScrollBar.vertical: ScrollBar {}
            delegate: TransferRow { width: ListView.view.width }
        }

        TableHeader {
            Layout.fillWidth: true
            columns: page.columns
            sortColumn: ImagesTable.sortColumn
            ascending: ImagesTable.ascending
            actionsWidth: page.actionsWidth
            onSortRequested: key => ImagesTable.sortBy(key)
            visible: list.count > 0
        }

        ListView {
            id: list
            objectName: "imagesList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: ImagesTable
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.Table
            Accessible.name: qsTr("Images")
            ScrollBar.vertical: ScrollBar {}
            delegate: TableRow {
                id: image
                required property string key
                required property string id
                required property string reference
                required property string tags
                required property string repository
                required property string tag
                required property string shortId
                required property double size
                required property int created
                readonly property int names: tags === "<none>" ? 0 : tags.split(", ").length
                // What the row is called in words: its name, else its short ID.
                readonly property string label: reference !== "" ? reference : shortId
                width: list.width
                objectName: "imageRow." + key
                columns: page.columns
                actionsWidth: page.actionsWidth
                monospaceColumns: ["shortId"]
                cells: [repository, tag, shortId, Format.bytes(size), Format.ago(created)]
                onClicked: {
                    ImageHistory.open(image.id)
                    historyDialog.title = image.label
                    historyDialog.open()
                }
                IconButton {
                    objectName: "run"
                    tip: qsTr("Run a container of %1").arg(image.label)
                    icon.source: "qrc:/icons/run.svg"
                    onClicked: page.runRequested(image.reference !== "" ? image.reference : image.id)
                }
                IconButton {
                    objectName: "push"
                    tip: qsTr("Push %1").arg(image.reference)
                    icon.source: "qrc:/icons/push.svg"
                    enabled: image.reference !== ""
                    onClicked: Transfers.push(image.reference)
                }
                IconButton {
                    objectName: "tag"
                    tip: qsTr("Tag %1…").arg(image.label)
                    icon.source: "qrc:/icons/tag.svg"
                    onClicked: tagDialog.openFor(image.key, image.label)
                }
                onDeleteRequested: if (removeButton.visible) removeButton.clicked()
                IconButton {
                    id: removeButton
                    objectName: "remove"
                    shortcut: qsTr("Delete")
                    tip: qsTr("Remove %1…").arg(image.label)
                    icon.source: "qrc:/icons/remove.svg"
                    destructive: true
                    onClicked: Confirm.ask(qsTr("Remove %1?").arg(image.label),
                        image.names > 1 ? qsTr("Only this name goes; the image stays under its other names.")
                            : qsTr("The image and its layers that no other image uses are deleted (%1). Containers of it must be removed first.").arg(Format.bytes(image.size)),
                        qsTr("Remove"), () => Images.remove(image.key, false))
                }
            }
            EmptyState {
                objectName: "imagesEmpty"
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingHuge
                visible: list.count === 0
                icon: "images"
                text: qsTr("No images yet.")
                hint: qsTr("Pull one by its name above, e.g. registry.local:5000/team/app:1.0.")
                actionText: qsTr("Pull an image")
                onActionTriggered: reference.forceActiveFocus()
            }
        }
    }

    ImageHistoryDialog {
        id: historyDialog
        anchors.centerIn: parent
    }

    TagDialog { id: tagDialog; anchors.centerIn: parent }
}
