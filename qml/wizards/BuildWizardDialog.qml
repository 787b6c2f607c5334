import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Muelle.Engine

// Building an image step by step: where the Dockerfile is (a folder, or a
// new one written from a few answers), the Dockerfile itself checked as it
// is edited, the tags and options, the build as it runs, and the result:
// run it, push it, tag it. Enter goes on, Esc asks before leaving; the
// build keeps running if the wizard is closed.
Dialog {
    id: wizard
    objectName: "buildWizard"
    signal runRequested(string image)
    property int step: 0
    readonly property var stepNames: [qsTr("Source"), qsTr("Dockerfile"), qsTr("Tags and options"), qsTr("Build"), qsTr("Result")]
    readonly property bool building: Build.state === "sending" || Build.state === "building"
    property bool fromNothing: false
    property string error: ""

    function openWizard() {
        if (!building && Build.state !== "succeeded" && Build.state !== "failed")
            step = 0
        error = ""
        open()
    }
    // Next, from each step: what it checks before going on.
    function next() {
        error = ""
        if (step === 0) {
            if (fromNothing) {
                const written = form.writeInto(newFolder.text.trim(), binary.text.trim())
                if (written !== "") { error = written; return }
                BuildWizard.folder = newFolder.text.trim()
            }
            if (BuildWizard.folderProblem !== "" || BuildWizard.folder === "") {
                error = BuildWizard.folderProblem !== "" ? BuildWizard.folderProblem : qsTr("Choose a folder.")
                return
            }
            step = 1
        } else if (step === 1) {
            if (BuildWizard.errors.length > 0) { error = qsTr("The Dockerfile has errors: see the lines marked."); return }
            step = 2
        } else if (step === 2) {
            const started = BuildWizard.build()
            if (started !== "") { error = started; return }
            step = 3
        } else if (step === 3 && Build.state === "succeeded") {
            step = 4
        }
    }
    function editAndRetry() {
        step = 1
        editor.forceActiveFocus()
        if (Build.errorLine > 0)
            editor.cursorPosition = editor.positionOfLine(Build.errorLine)
    }

    modal: true
    width: Math.min(900, parent ? parent.width - 2 * Theme.spacingLarge : 900)
    height: Math.min(640, parent ? parent.height - 2 * Theme.spacingLarge : 640)
    padding: Theme.spacingLarge
    title: qsTr("Build an image — %1 (step %2 of 5)").arg(stepNames[step]).arg(step + 1)
    closePolicy: Popup.NoAutoClose

    Connections {
        target: Build
        function onFinished() {
            content.forceActiveFocus()
            if (Build.state === "succeeded" && wizard.step === 3)
                wizard.step = 4
        }
    }

    DockerfileForm { id: form; Component.onCompleted: useStartingPoint("static-site") }

    // Each step starts with the keyboard in the wizard, not on a control
    // that went away (a finished build's Cancel).
    onStepChanged: content.forceActiveFocus()
    onOpened: content.forceActiveFocus()

    ColumnLayout {
        id: content
        anchors.fill: parent
        spacing: Theme.spacing
        focus: true
        // Enter goes on from any control that does not take it itself; Esc
        // asks before leaving (the dialog does not close on it).
        Keys.onReturnPressed: if (nextButton.visible && nextButton.enabled) wizard.next()
        Keys.onEnterPressed: if (nextButton.visible && nextButton.enabled) wizard.next()
        Keys.onEscapePressed: leave.open()

        RowLayout {
            spacing: Theme.spacing
            Repeater {
                model: wizard.stepNames
                delegate: Label {
                    required property string modelData
                    required property int index
                    objectName: "wizardStep." + index
                    text: (index + 1) + ". " + modelData
                    font.bold: index === wizard.step
                    color: index === wizard.step ? Theme.accent : Theme.textMuted
                }
            }
        }
        InlineMessage { objectName: "wizardError"; text: wizard.error; Layout.fillWidth: true }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: wizard.step

            // 1. Source
            ColumnLayout {
                spacing: Theme.spacing
                RadioButton {
                    objectName: "sourceFolder"
                    text: qsTr("A folder with a Dockerfile")
                    checked: !wizard.fromNothing
                    onClicked: wizard.fromNothing = false
                }
                RowLayout {
                    enabled: !wizard.fromNothing
                    spacing: Theme.spacing
                    TextField {
                        objectName: "folderField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("/home/me/project")
                        Accessible.name: qsTr("Folder")
                        text: BuildWizard.folder
                        onEditingFinished: BuildWizard.folder = text
                        onAccepted: wizard.next()
                    }
                    Button { text: qsTr("Choose…"); onClicked: folderDialog.open() }
                    ComboBox {
                        objectName: "dockerfileChoice"
                        Layout.preferredWidth: 200
                        model: BuildWizard.dockerfiles
                        visible: count > 1
                        Accessible.name: qsTr("Dockerfile")
                        onActivated: BuildWizard.dockerfilePath = currentText
                    }
                }
                InlineMessage { text: wizard.fromNothing ? "" : BuildWizard.folderProblem; kind: "warning"; Layout.fillWidth: true }
                RadioButton {
                    objectName: "sourceNothing"
                    text: qsTr("Start from nothing")
                    checked: wizard.fromNothing
                    onClicked: wizard.fromNothing = true
                }
                GridLayout {
                    enabled: wizard.fromNothing
                    columns: 2
                    columnSpacing: Theme.spacingMedium
                    rowSpacing: Theme.spacing
                    Label { text: qsTr("Starting point") }
                    ComboBox {
                        objectName: "startingPoint"
                        Layout.fillWidth: true
                        textRole: "label"
                        valueRole: "name"
                        model: [{ name: "static-site", label: qsTr("A static site served by busybox httpd") },
                                { name: "shell-script", label: qsTr("A shell script") },
                                { name: "binary", label: qsTr("A compiled program on scratch") }]
                        Accessible.name: qsTr("Starting point")
                        onActivated: form.useStartingPoint(currentValue)
                    }
                    Label { text: qsTr("Base image") }
                    TextField { objectName: "formBase"; Layout.fillWidth: true; text: form.base; onTextEdited: form.base = text; Accessible.name: qsTr("Base image") }
                    Label { text: qsTr("Command") }
                    TextField { objectName: "formCommand"; Layout.fillWidth: true; text: form.command; onTextEdited: form.command = text; Accessible.name: qsTr("Command") }
                    Label { text: qsTr("New folder") }
                    TextField { id: newFolder; objectName: "newFolder"; Layout.fillWidth: true; placeholderText: qsTr("/home/me/new-image"); Accessible.name: qsTr("New folder") }
                    Label { text: qsTr("Program"); visible: form.entrypoint !== "" }
                    TextField { id: binary; objectName: "formBinary"; Layout.fillWidth: true; visible: form.entrypoint !== ""; placeholderText: qsTr("the compiled program to copy"); Accessible.name: qsTr("Program") }
                }
                InlineMessage { text: wizard.fromNothing ? form.problem : ""; kind: "warning"; Layout.fillWidth: true }
                TextArea {
                    objectName: "formPreview"
                    visible: wizard.fromNothing
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    readOnly: true
                    text: form.dockerfile
                    font.family: Theme.monospace
                    Accessible.name: qsTr("The Dockerfile it writes")
                }
                Item { Layout.fillHeight: true; visible: !wizard.fromNothing }
            }

            // 2. Dockerfile
            RowLayout {
                spacing: Theme.spacingLarge
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    RowLayout {
                        spacing: Theme.spacing
                        Label {
                            objectName: "lineNumbers"
                            Layout.alignment: Qt.AlignTop
                            topPadding: editor.topPadding
                            font: editor.font
                            color: Theme.textMuted
                            horizontalAlignment: Text.AlignRight
                            text: Array.from({ length: editor.lineCount }, (v, i) => {
                                const line = i + 1
                                return BuildWizard.errors.some(e => e.line === line) ? "▶ " + line : String(line)
                            }).join("\n")
                        }
                        TextArea {
                            id: editor
                            objectName: "dockerfileEditor"
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignTop
                            font.family: Theme.monospace
                            wrapMode: TextEdit.NoWrap
                            selectByMouse: true
                            text: BuildWizard.dockerfileText
                            onTextChanged: if (text !== BuildWizard.dockerfileText) BuildWizard.dockerfileText = text
                            Accessible.name: qsTr("Dockerfile")
                            function positionOfLine(line) {
                                let at = 0
                                for (let i = 1; i < line; ++i) at = text.indexOf("\n", at) + 1
                                return Math.max(0, at)
                            }
                        }
                    }
                }
                ColumnLayout {
                    Layout.preferredWidth: 300
                    Layout.fillWidth: false
                    Layout.fillHeight: true
                    spacing: Theme.spacing
                    Label { text: BuildWizard.checking ? qsTr("Checking…") : BuildWizard.errors.length === 0 ? qsTr("The Dockerfile is right.") : qsTr("%n error(s)", "", BuildWizard.errors.length); font.bold: true }
                    Repeater {
                        model: BuildWizard.errors
                        delegate: InlineMessage {
                            required property var modelData
                            objectName: "dockerfileError"
                            Layout.fillWidth: true
                            text: modelData.line > 0 ? qsTr("Line %1: %2").arg(modelData.line).arg(modelData.message) : modelData.message
                        }
                    }
                    Label { text: qsTr("Target stage"); visible: BuildWizard.stages.length > 1 }
                    ComboBox {
                        objectName: "targetChoice"
                        Layout.fillWidth: true
                        visible: BuildWizard.stages.length > 1
                        model: [qsTr("the last stage")].concat(BuildWizard.stages)
                        Accessible.name: qsTr("Target stage")
                        onActivated: index => BuildWizard.target = index === 0 ? "" : BuildWizard.stages[index - 1]
                    }
                    Repeater {
                        model: BuildWizard.args
                        delegate: TextField {
                            required property var modelData
                            objectName: "arg." + modelData.name
                            Layout.fillWidth: true
                            placeholderText: modelData.name + " = " + modelData.default
                            text: modelData.value
                            Accessible.name: qsTr("Build argument %1").arg(modelData.name)
                            onTextEdited: BuildWizard.setArg(modelData.name, text)
                        }
                    }
                    Label {
                        objectName: "contextSummary"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: BuildWizard.contextProblem !== "" ? BuildWizard.contextProblem
                            : qsTr("Sends %n file(s), %1; .dockerignore leaves out %2.", "", BuildWizard.contextFiles)
                                .arg(Format.bytes(BuildWizard.contextBytes)).arg(BuildWizard.contextIgnored)
                              + (BuildWizard.counting ? " " + qsTr("(still counting)") : "")
                    }
                    Repeater {
                        model: BuildWizard.largestFiles
                        delegate: Label {
                            required property var modelData
                            Layout.fillWidth: true
                            elide: Text.ElideMiddle
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            text: Format.bytes(modelData.size) + "  " + modelData.path
                        }
                    }
                    Item { Layout.fillHeight: true }
                }
            }

            // 3. Tags and options
            ColumnLayout {
                spacing: Theme.spacing
                Label { text: qsTr("Names (space between several)") }
                TextField {
                    objectName: "tagsField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("registry.local:5000/team/app:1.0 team/app:latest")
                    text: BuildWizard.tags
                    onTextEdited: BuildWizard.tags = text
                    onAccepted: wizard.next()
                    Accessible.name: qsTr("Names")
                }
                InlineMessage { objectName: "tagsProblem"; text: BuildWizard.tagsProblem; kind: "warning"; Layout.fillWidth: true }
                CheckBox { objectName: "noCache"; text: qsTr("Do not use the cache"); checked: BuildWizard.noCache; onToggled: BuildWizard.noCache = checked }
                CheckBox { objectName: "pullBase"; text: qsTr("Pull the base images again"); checked: BuildWizard.pull; onToggled: BuildWizard.pull = checked }
                RowLayout {
                    spacing: Theme.spacing
                    Label { text: qsTr("Network for RUN") }
                    ComboBox {
                        objectName: "networkChoice"
                        model: [qsTr("default"), "none", "host"]
                        Accessible.name: qsTr("Network for RUN")
                        onActivated: index => BuildWizard.networkMode = index === 0 ? "" : currentText
                    }
                }
                Label { text: qsTr("Labels (key=value, one per line)") }
                TextBox {
                    objectName: "labelsField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 80
                    text: BuildWizard.labels
                    onTextChanged: BuildWizard.labels = text
                    Accessible.name: qsTr("Labels")
                }
                Item { Layout.fillHeight: true }
            }

            // 4. Build
            ColumnLayout {
                spacing: Theme.spacing
                ProgressBar {
                    objectName: "buildProgress"
                    Layout.fillWidth: true
                    from: 0
                    to: Math.max(1, Build.total)
                    value: Build.finishedSteps
                    indeterminate: Build.state === "sending"
                }
                Label {
                    objectName: "buildState"
                    text: Build.state === "sending" ? qsTr("Sending the context (%1)…").arg(Format.bytes(Build.contextBytes))
                        : Build.state === "building" ? qsTr("Step %1 of %2").arg(Build.finishedSteps + 1).arg(Build.total)
                        : Build.state === "succeeded" ? qsTr("Built %1").arg(Build.tags.length > 0 ? Build.tags.join(", ") : Build.image.slice(7, 19))
                        : Build.state === "cancelled" ? qsTr("Cancelled") : Build.state === "failed" ? qsTr("Failed") : ""
                    font.bold: true
                }
                InlineMessage {
                    objectName: "buildError"
                    Layout.fillWidth: true
                    text: Build.state === "failed" ? (Build.errorLine > 0 ? qsTr("Line %1: %2").arg(Build.errorLine).arg(Build.error) : Build.error) : ""
                }
                ListView {
                    objectName: "buildSteps"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 180
                    clip: true
                    model: Build
                    ScrollBar.vertical: ScrollBar {}
                    delegate: ListRow {
                        required property int number
                        required property string instruction
                        required property bool cached
                        required property double milliseconds
                        required property bool running
                        width: ListView.view.width
                        monospaceTitle: true
                        title: number + ". " + instruction
                        badgeKind: running ? "restarting" : milliseconds < 0 ? "dead" : cached ? "created" : "running"
                        badgeText: running ? qsTr("running") : milliseconds < 0 ? qsTr("stopped") : cached ? qsTr("cached") : qsTr("%1 s").arg((milliseconds / 1000).toFixed(1))
                    }
                }
                TextArea {
                    id: output
                    objectName: "buildOutput"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    readOnly: true
                    font.family: Theme.monospace
                    font.pixelSize: Theme.fontSmall
                    wrapMode: TextEdit.WrapAnywhere
                    Accessible.name: qsTr("Build output")
                    Connections { target: Build; function onOutputChanged() { output.text = Build.outputTail(300) } }
                }
            }

            // 5. Result
            ColumnLayout {
                spacing: Theme.spacing
                Facts {
                    Layout.fillWidth: true
                    facts: [
                        { label: qsTr("Image"), value: Build.image, monospace: true },
                        { label: qsTr("Names"), value: Build.tags.join("\n") },
                        { label: qsTr("Steps"), value: qsTr("%1, %2 from the cache").arg(Build.total).arg(Build.cachedSteps) }
                    ]
                }
                RowLayout {
                    spacing: Theme.spacing
                    PrimaryButton {
                        objectName: "resultRun"
                        text: qsTr("Run…")
                        icon.source: "qrc:/icons/run.svg"
                        onClicked: { wizard.close(); wizard.runRequested(Build.tags.length > 0 ? Build.tags[0] : Build.image) }
                    }
                    Button {
                        objectName: "resultPush"
                        text: qsTr("Push")
                        icon.source: "qrc:/icons/push.svg"
                        enabled: Build.tags.length > 0
                        onClicked: Build.tags.forEach(tag => Transfers.push(tag))
                    }
                    Button {
                        objectName: "resultTag"
                        text: qsTr("Tag…")
                        icon.source: "qrc:/icons/tag.svg"
                        onClicked: tagDialog.openFor(Build.image, Build.tags.length > 0 ? Build.tags[0] : Build.image.slice(7, 19))
                    }
                }
                ListView {
                    objectName: "resultTransfers"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: Transfers
                    delegate: TransferRow { width: ListView.view.width }
                }
            }
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "wizardClose"
            text: wizard.building ? qsTr("Close (the build goes on)") : qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            onClicked: leave.open()
        }
        Button {
            objectName: "wizardBack"
            text: qsTr("Back")
            enabled: wizard.step > 0 && wizard.step !== 3 || (wizard.step === 3 && !wizard.building)
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: wizard.step = wizard.step === 4 ? 2 : wizard.step - 1
        }
        Button {
            objectName: "buildCancel"
            visible: wizard.building
            text: qsTr("Cancel the build")
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: Build.cancel()
        }
        Button {
            objectName: "editAndRetry"
            visible: wizard.step === 3 && Build.state === "failed"
            text: qsTr("Edit and retry")
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: wizard.editAndRetry()
        }
        PrimaryButton {
            id: nextButton
            objectName: "wizardNext"
            visible: wizard.step < 4
            text: wizard.step === 2 ? qsTr("Build") : qsTr("Next")
            enabled: wizard.step === 3 ? Build.state === "succeeded"
                   : wizard.step === 2 ? BuildWizard.ready && !wizard.building
                   : wizard.step === 1 ? !BuildWizard.checking && BuildWizard.errors.length === 0
                   : true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: wizard.next()
        }
    }

    // Leaving asks first: a build in progress goes on, anything typed stays.
    Dialog {
        id: leave
        objectName: "leaveWizard"
        anchors.centerIn: parent
        modal: true
        width: Math.min(440, wizard.width - 2 * Theme.spacingHuge)
        title: qsTr("Close the build wizard?")
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: wizard.building ? qsTr("The build goes on; its end is notified.") : qsTr("What you chose stays for the next time.")
        }
        standardButtons: Dialog.Yes | Dialog.No
        onAccepted: wizard.close()
    }

    FolderDialog {
        id: folderDialog
        onAccepted: BuildWizard.folder = selectedFolder
    }
    TagDialog { id: tagDialog; objectName: "wizardTagDialog"; anchors.centerIn: parent }
}
