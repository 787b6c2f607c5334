import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Adds a registry (its host, whether it may be insecure, and optionally a
// login) or logs in to a known one. The credentials go to the engine,
// which checks them with the registry before keeping them; the dialog
// stays open with the registry's words when it refuses.
Dialog {
    id: dialog
    objectName: "registryDialog"
    property bool adding: true
    // host[:port]: a name with a dot, a port or "localhost", as Docker tells a registry apart.
    readonly property var hostGrammar: /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/
    readonly property string hostText: host.text.trim().replace(/^https?:\/\//, "").replace(/\/+$/, "")
    readonly property bool hostValid: hostGrammar.test(hostText)
        && (hostText.indexOf(".") >= 0 || hostText.indexOf(":") >= 0 || hostText === "localhost")
    readonly property bool valid: hostValid && (adding ? (username.text === "" || password.text !== "") : username.text !== "")
    property string error: ""

    function openToAdd() {
        adding = true
        host.text = ""
        insecure.checked = false
        username.text = ""
        password.text = ""
        error = ""
        open()
        host.forceActiveFocus()
    }
    function openToLogIn(known) {
        adding = false
        host.text = known
        username.text = ""
        password.text = ""
        error = ""
        open()
        username.forceActiveFocus()
    }
    function submit() {
        if (!valid || Registries.busy)
            return
        error = ""
        if (adding)
            Registries.add(hostText, insecure.checked, username.text, password.text)
        else
            Registries.login(hostText, username.text, password.text)
    }

    modal: true
    width: Math.min(480, parent ? parent.width - 2 * Theme.spacingHuge : 480)
    title: adding ? qsTr("Add a registry") : qsTr("Log in to %1").arg(host.text)
    closePolicy: Registries.busy ? Popup.NoAutoClose : Popup.CloseOnEscape

    Connections {
        target: Registries
        function onAnswered(answeredHost, answerError) {
            if (!dialog.visible || answeredHost !== dialog.hostText)
                return
            if (answerError === "") {
                password.text = ""
                dialog.close()
            } else {
                dialog.error = answerError
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label { text: qsTr("Registry"); visible: dialog.adding }
        TextField {
            id: host
            objectName: "registryHost"
            Layout.fillWidth: true
            visible: dialog.adding
            placeholderText: qsTr("registry.example.com:5000")
            Accessible.name: qsTr("Registry")
            selectByMouse: true
            onAccepted: dialog.submit()
        }
        InlineMessage {
            objectName: "registryHostInvalid"
            kind: "warning"
            Layout.fillWidth: true
            text: dialog.adding && host.text.trim() !== "" && !dialog.hostValid
                  ? qsTr("Not a registry: a host name with a dot or a port, e.g. registry.local:5000.") : ""
        }
        CheckBox {
            id: insecure
            objectName: "registryInsecure"
            visible: dialog.adding
            text: qsTr("Plain HTTP or an unverified certificate")
        }
        Label { text: dialog.adding ? qsTr("Username (optional)") : qsTr("Username") }
        TextField {
            id: username
            objectName: "registryUsername"
            Layout.fillWidth: true
            Accessible.name: qsTr("Username")
            selectByMouse: true
            onAccepted: password.forceActiveFocus()
        }
        Label { text: qsTr("Password or token") }
        TextField {
            id: password
            objectName: "registryPassword"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            Accessible.name: qsTr("Password or token")
            onAccepted: dialog.submit()
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            text: qsTr("The engine checks the login with the registry and keeps it, as docker login does; Muelle does not store it.")
        }
        InlineMessage { objectName: "registryError"; text: dialog.error; Layout.fillWidth: true }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "registryCancel"
            text: qsTr("Cancel")
            enabled: !Registries.busy
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        PrimaryButton {
            objectName: "registryAccept"
            text: Registries.busy ? qsTr("Checking…") : dialog.adding ? qsTr("Add") : qsTr("Log in")
            enabled: dialog.valid && !Registries.busy
            // Not AcceptRole: the dialog closes when the engine says yes.
            onClicked: dialog.submit()
        }
    }
}
