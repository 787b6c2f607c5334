import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Networks: the predefined ones and bridges of the user's; create (with a
// subnet when given), remove, prune the unused ones.
Page {
    id: page
    objectName: "networksPage"
    title: qsTr("Networks")

    header: RowLayout {
        spacing: 8
        Label {
            Layout.margins: 12
            text: qsTr("Networks (%1)").arg(Networks.count)
            font.pixelSize: 16
            font.bold: true
        }
        TextField {
            id: name
            objectName: "networkName"
            Layout.fillWidth: true
            placeholderText: qsTr("New network's name")
        }
        TextField {
            id: subnet
            placeholderText: qsTr("Subnet (optional), e.g. 10.10.0.0/24")
        }
        Button {
            objectName: "networkCreate"
            text: qsTr("Create")
            onClicked: {
                Networks.create(name.text, subnet.text)
                name.text = ""
                subnet.text = ""
            }
        }
        Button {
            Layout.rightMargin: 12
            text: qsTr("Prune unused")
            onClicked: Networks.prune()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ErrorLabel { text: Networks.lastError }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Networks
            delegate: ItemDelegate {
                id: network
                required property string key
                required property string name
                required property string driver
                required property string subnet
                required property bool predefined
                width: list.width
                contentItem: RowLayout {
                    Image { source: "qrc:/icons/networks.svg"; sourceSize: Qt.size(20, 20) }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label { text: network.name; font.bold: true }
                        Label { text: network.driver + (network.subnet !== "" ? "  ·  " + network.subnet : "") + "  ·  " + network.key.substring(0, 12); opacity: 0.7 }
                    }
                    ToolButton {
                        visible: !network.predefined
                        icon.source: "qrc:/icons/remove.svg"
                        onClicked: Networks.remove(network.key)
                    }
                }
            }
        }
    }
}
