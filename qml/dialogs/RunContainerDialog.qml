import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// docker run as a form: image, name, command, ports, environment, volumes,
// limits, restart policy. The C++ side checks each field and says what is
// wrong; the dialog stays open until the engine has the container running.
Dialog {
    id: dialog
    objectName: "runDialog"
    title: qsTr("Run a container")
    modal: true
    width: Math.min(600, parent ? parent.width - 2 * Theme.spacingHuge : 600)
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.spacingLarge : implicitHeight)
    padding: Theme.spacingLarge

    function openFor(image) {
        imageField.text = image
        nameField.text = ""
        commandField.text = ""
        portsField.text = ""
        envField.text = ""
        volumesField.text = ""
        memoryField.text = ""
        cpusField.text = ""
        restartBox.currentIndex = 0
        removeBox.checked = false
        waiting = false
        open()
    }
    property bool waiting: false

    Connections {
        target: Containers
        function onRan(id) {
            if (dialog.waiting) {
                dialog.waiting = false
                dialog.close()
            }
        }
        function onLastErrorChanged() {
            if (Containers.lastError !== "")
                dialog.waiting = false
        }
    }

    footer: DialogButtonBox {
        PrimaryButton {
            objectName: "run.accept"
            text: qsTr("Run")
            icon.source: "qrc:/icons/run.svg"
            enabled: !dialog.waiting && imageField.text.trim() !== ""
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: {
                dialog.waiting = true
                Containers.run({
                    image: imageField.text, name: nameField.text, command: commandField.text,
                    ports: portsField.text, env: envField.text, volumes: volumesField.text,
                    memory: memoryField.text, cpus: cpusField.text,
                    restart: ["no", "always", "unless-stopped", "on-failure"][restartBox.currentIndex],
                    autoRemove: removeBox.checked
                })
            }
        }
        Button {
            objectName: "run.cancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ScrollView {
        id: scroller
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true
    GridLayout {
        width: scroller.availableWidth
        columns: 2
        rowSpacing: Theme.spacing
        columnSpacing: Theme.spacingMedium
        Label { text: qsTr("Image") }
        TextField { id: imageField; objectName: "run.image"; Layout.fillWidth: true; placeholderText: "busybox:latest"; Accessible.name: qsTr("Image"); selectByMouse: true; focus: true }
        Label { text: qsTr("Name") }
        TextField { id: nameField; objectName: "run.name"; Layout.fillWidth: true; placeholderText: qsTr("optional"); Accessible.name: qsTr("Name"); selectByMouse: true }
        Label { text: qsTr("Command") }
        TextField { id: commandField; objectName: "run.command"; Layout.fillWidth: true; placeholderText: qsTr("the image's own"); Accessible.name: qsTr("Command"); selectByMouse: true }
        Label { text: qsTr("Ports") }
        TextField { id: portsField; objectName: "run.ports"; Layout.fillWidth: true; placeholderText: "8080:80, 5353:53/udp"; Accessible.name: qsTr("Ports"); selectByMouse: true }
        Label { text: qsTr("Environment"); Layout.alignment: Qt.AlignTop; Layout.topMargin: Theme.spacing }
        TextBox { id: envField; objectName: "run.env"; Layout.fillWidth: true; placeholderText: qsTr("NAME=value, one per line"); Accessible.name: qsTr("Environment"); KeyNavigation.priority: KeyNavigation.BeforeItem; KeyNavigation.tab: volumesField }
        Label { text: qsTr("Volumes"); Layout.alignment: Qt.AlignTop; Layout.topMargin: Theme.spacing }
        TextBox { id: volumesField; objectName: "run.volumes"; Layout.fillWidth: true; placeholderText: qsTr("name:/path or /host/dir:/path[:ro], one per line"); Accessible.name: qsTr("Volumes"); KeyNavigation.priority: KeyNavigation.BeforeItem; KeyNavigation.tab: memoryField }
        Label { text: qsTr("Memory limit") }
        TextField { id: memoryField; objectName: "run.memory"; Layout.fillWidth: true; placeholderText: qsTr("e.g. 512m; none when empty"); Accessible.name: qsTr("Memory limit"); selectByMouse: true }
        Label { text: qsTr("CPUs") }
        TextField { id: cpusField; objectName: "run.cpus"; Layout.fillWidth: true; placeholderText: qsTr("e.g. 1.5; all when empty"); Accessible.name: qsTr("CPUs"); selectByMouse: true }
        Label { text: qsTr("Restart") }
        ComboBox {
            id: restartBox
            objectName: "run.restart"
            Layout.fillWidth: true
            Accessible.name: qsTr("Restart policy")
            model: [qsTr("never"), qsTr("always"), qsTr("unless stopped"), qsTr("on failure")]
        }
        Item { implicitWidth: 1 }
        CheckBox { id: removeBox; objectName: "run.autoRemove"; text: qsTr("Remove it when it stops") }
        InlineMessage {
            objectName: "run.error"
            Layout.columnSpan: 2
            text: dialog.visible ? Containers.lastError : ""
        }
    }
    }
}
