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
    background: Rectangle { color: Theme.surface }

    header: PageHeader {
        title: page.title
        count: Networks.count
        Button {
            objectName: "networksPrune"
            text: qsTr("Prune unused…")
            icon.source: "qrc:/icons/prune.svg"
            onClicked: Confirm.ask(qsTr("Prune unused networks?"),
                qsTr("Every network of yours that no container is connected to is deleted; the predefined ones stay."),
                qsTr("Prune"), () => Networks.prune())
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Toolbar {
            Layout.fillWidth: true
            TextField {
                id: name
                objectName: "networkName"
                Layout.fillWidth: true
                placeholderText: qsTr("New network's name")
                Accessible.name: qsTr("New network's name")
                selectByMouse: true
                onAccepted: create.clicked()
            }
            TextField {
                id: subnet
                objectName: "networkSubnet"
                Layout.preferredWidth: 240
                placeholderText: qsTr("Subnet (optional), e.g. 10.10.0.0/24")
                Accessible.name: qsTr("Subnet (optional)")
                selectByMouse: true
                onAccepted: create.clicked()
            }
            PrimaryButton {
                id: create
                objectName: "networkCreate"
                text: qsTr("Create network")
                enabled: name.text.trim() !== ""
                onClicked: {
                    Networks.create(name.text, subnet.text)
                    name.text = ""
                    subnet.text = ""
                }
            }
        }
        InlineMessage {
            objectName: "subnetInvalid"
            kind: "warning"
            Layout.margins: Theme.spacing
            text: subnet.text.trim() !== "" && !/^[0-9.]+\/[0-9]{1,2}$|^[0-9a-fA-F:]+\/[0-9]{1,3}$/.test(subnet.text.trim())
                  ? qsTr("A subnet is an address and a prefix length, e.g. 10.10.0.0/24.") : ""
        }
        InlineMessage { text: Networks.lastError; Layout.margins: Theme.spacing }
        ListView {
            id: list
            objectName: "networksList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Networks
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Networks")
            ScrollBar.vertical: ScrollBar {}
            delegate: ListRow {
                id: network
                required property string key
                required property string name
                required property string driver
                required property string subnet
                required property bool predefined
                width: list.width
                objectName: "networkRow." + name
                leadingIcon: "networks"
                title: name + (predefined ? "  " + qsTr("(predefined)") : "")
                subtitle: driver + (subnet !== "" ? "  ·  " + subnet : "") + "  ·  " + key.substring(0, 12)
                onDeleteRequested: if (removeButton.visible) removeButton.clicked()
                IconButton {
                    id: removeButton
                    objectName: "remove"
                    shortcut: qsTr("Delete")
                    visible: !network.predefined
                    tip: qsTr("Remove %1…").arg(network.name)
                    icon.source: "qrc:/icons/remove.svg"
                    destructive: true
                    onClicked: Confirm.ask(qsTr("Remove %1?").arg(network.name),
                        qsTr("The network goes; containers must be disconnected from it first."),
                        qsTr("Remove"), () => Networks.remove(network.key))
                }
            }
        }
    }
}
