import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The images here, with sizes and tags: pull (with each layer's progress),
// tag, push, remove, and run one.
Page {
    id: page
    objectName: "imagesPage"
    title: qsTr("Images")
    signal runRequested(string image)

    header: RowLayout {
        spacing: 8
        Label {
            Layout.margins: 12
            text: qsTr("Images (%1)").arg(Images.count)
            font.pixelSize: 16
            font.bold: true
        }
        TextField {
            id: reference
            objectName: "pullField"
            Layout.fillWidth: true
            placeholderText: qsTr("Image to pull, e.g. registry.local:5000/team/app:1.0")
            onAccepted: pull.clicked()
        }
        Button {
            id: pull
            objectName: "pullButton"
            Layout.rightMargin: 12
            text: qsTr("Pull")
            icon.source: "qrc:/icons/pull.svg"
            enabled: reference.text.trim() !== ""
            onClicked: {
                Transfers.pull(reference.text)
                reference.text = ""
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ErrorLabel { text: Images.lastError }

        ListView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 220)
            clip: true
            model: Transfers
            delegate: TransferRow { width: ListView.view.width }
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Images
            delegate: ItemDelegate {
                id: image
                required property string key
                required property string tags
                required property string shortId
                required property double size
                required property int created
                width: list.width
                objectName: "imageRow." + tags
                onClicked: {
                    ImageHistory.open(image.key)
                    historyDialog.title = image.tags
                    historyDialog.open()
                }
                contentItem: RowLayout {
                    spacing: 12
                    Image {
                        source: "qrc:/icons/images.svg"
                        sourceSize: Qt.size(20, 20)
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label { text: image.tags; font.bold: true }
                        Label {
                            text: image.shortId + "  ·  " + Format.bytes(image.size) + "  ·  " + Format.ago(image.created)
                            opacity: 0.7
                        }
                    }
                    ToolButton {
                        icon.source: "qrc:/icons/run.svg"
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Run a container of it")
                        onClicked: page.runRequested(image.tags.split(", ")[0])
                    }
                    ToolButton {
                        objectName: "push"
                        icon.source: "qrc:/icons/push.svg"
                        enabled: image.tags !== "<none>"
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Push")
                        onClicked: pushMenu.open()
                        // Which of its names to push.
                        Menu {
                            id: pushMenu
                            Repeater {
                                model: image.tags.split(", ")
                                MenuItem {
                                    required property string modelData
                                    objectName: "push." + modelData
                                    text: modelData
                                    onTriggered: Transfers.push(modelData)
                                }
                            }
                        }
                    }
                    ToolButton {
                        objectName: "tag"
                        text: qsTr("Tag…")
                        onClicked: tagDialog.openFor(image.key)
                    }
                    ToolButton {
                        icon.source: "qrc:/icons/remove.svg"
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Remove")
                        onClicked: Images.remove(image.tags !== "<none>" ? image.tags.split(", ")[0] : image.key, false)
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No images yet: pull one above.")
                opacity: 0.7
            }
        }
    }

    ImageHistoryDialog {
        id: historyDialog
        anchors.centerIn: parent
        onRunRequested: image => page.runRequested(image)
    }

    Dialog {
        id: tagDialog
        objectName: "tagDialog"
        property string imageId: ""
        function openFor(id) { imageId = id; target.text = ""; open() }
        anchors.centerIn: parent
        title: qsTr("Tag image")
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField {
            id: target
            objectName: "tagTarget"
            width: 360
            focus: true
            onAccepted: tagDialog.accept()
            placeholderText: qsTr("repository:tag")
        }
        onAccepted: Images.tag(imageId, target.text)
    }
}
