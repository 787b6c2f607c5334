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
    width: 560
    standardButtons: Dialog.Cancel

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
        Button {
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
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    GridLayout {
        anchors.fill: parent
        columns: 2
        Label { text: qsTr("Image") }
        TextField { id: imageField; objectName: "run.image"; Layout.fillWidth: true; placeholderText: "busybox:latest" }
        Label { text: qsTr("Name") }
        TextField { id: nameField; objectName: "run.name"; Layout.fillWidth: true; placeholderText: qsTr("optional") }
        Label { text: qsTr("Command") }
        TextField { id: commandField; objectName: "run.command"; Layout.fillWidth: true; placeholderText: qsTr("the image's own") }
        Label { text: qsTr("Ports") }
        TextField { id: portsField; objectName: "run.ports"; Layout.fillWidth: true; placeholderText: "8080:80, 5353:53/udp" }
        Label { text: qsTr("Environment") }
        TextArea { id: envField; objectName: "run.env"; Layout.fillWidth: true; placeholderText: qsTr("NAME=value, one per line") }
        Label { text: qsTr("Volumes") }
        TextArea { id: volumesField; objectName: "run.volumes"; Layout.fillWidth: true; placeholderText: qsTr("name:/path or /host/dir:/path[:ro], one per line") }
        Label { text: qsTr("Memory limit") }
        TextField { id: memoryField; objectName: "run.memory"; Layout.fillWidth: true; placeholderText: qsTr("e.g. 512m; none when empty") }
        Label { text: qsTr("CPUs") }
        TextField { id: cpusField; objectName: "run.cpus"; Layout.fillWidth: true; placeholderText: qsTr("e.g. 1.5; all when empty") }
        Label { text: qsTr("Restart") }
        ComboBox {
            id: restartBox
            Layout.fillWidth: true
            model: [qsTr("never"), qsTr("always"), qsTr("unless stopped"), qsTr("on failure")]
        }
        Item { width: 1 }
        CheckBox { id: removeBox; text: qsTr("Remove it when it stops") }
        ErrorLabel {
            Layout.columnSpan: 2
            text: dialog.visible ? Containers.lastError : ""
        }
    }
}
