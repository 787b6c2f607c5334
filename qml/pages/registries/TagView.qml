import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// One tag: its platforms (an index's), layers (which are already here),
// what refers to it (signatures, SBOMs, attestations), config, labels and
// history; pull, pull and run, copy, delete, and compare with another tag.
ColumnLayout {
    id: root
    signal back()
    signal runRequested(string image)
    spacing: 0
    readonly property var described: TagPage.described
    readonly property var config: described.config || ({})

    function kindName(kind) {
        return kind === "signature" ? qsTr("Signature") : kind === "sbom" ? qsTr("SBOM")
             : kind === "attestation" ? qsTr("Attestation") : qsTr("Artifact")
    }

    Toolbar {
        Layout.fillWidth: true
        IconButton {
            objectName: "tagBack"
            tip: qsTr("Back to the tags")
            shortcut: "Alt+Left"
            icon.source: "qrc:/icons/back.svg"
            onClicked: root.back()
        }
        Label {
            objectName: "tagTitle"
            Layout.fillWidth: true
            text: TagPage.reference
            font.bold: true
            elide: Text.ElideMiddle
        }
        BusyIndicator { running: TagPage.loading; visible: running; Layout.preferredHeight: Theme.iconButton; Layout.preferredWidth: Theme.iconButton }
        PrimaryButton {
            objectName: "tagPull"
            text: qsTr("Pull")
            icon.source: "qrc:/icons/pull.svg"
            enabled: TagPage.error === "" && !TagPage.loading
            onClicked: Transfers.pull(TagPage.reference)
        }
        Button {
            objectName: "tagRun"
            text: qsTr("Pull and run…")
            icon.source: "qrc:/icons/run.svg"
            enabled: TagPage.error === "" && !TagPage.loading
            onClicked: root.runRequested(TagPage.reference)
        }
        IconButton {
            objectName: "tagCopy"
            tip: qsTr("Copy %1").arg(TagPage.reference)
            icon.source: "qrc:/icons/copy.svg"
            onClicked: Clipboard.copy(TagPage.reference)
        }
        IconButton {
            objectName: "tagDelete"
            tip: qsTr("Delete the tag %1…").arg(TagPage.tag)
            icon.source: "qrc:/icons/remove.svg"
            destructive: true
            enabled: TagPage.tag !== ""
            onClicked: Confirm.ask(qsTr("Delete %1?").arg(TagPage.reference),
                qsTr("The tag goes from the registry; other tags of the same image stay. Whoever pulls it by this name afterwards gets nothing."),
                qsTr("Delete"), () => TagPage.deleteTag())
        }
    }
    InlineMessage { objectName: "tagError"; text: TagPage.error; Layout.margins: Theme.spacing; Layout.fillWidth: true }
    InlineMessage { id: deleteError; objectName: "tagDeleteError"; text: ""; Layout.margins: Theme.spacing; Layout.fillWidth: true }
    Connections {
        target: TagPage
        function onDeleteFailed(error) { deleteError.text = error }
        function onChanged() { deleteError.text = "" }
        function onDeleted(reference) {
            Toasts.show(qsTr("Deleted %1").arg(reference), "success")
            Tags.reload()
            root.back()
        }
    }

    ScrollView {
        id: scroll
        objectName: "tagScroll"
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: TagPage.error === "" && !TagPage.loading
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth
            spacing: Theme.spacingLarge

            Facts {
                Layout.fillWidth: true
                Layout.margins: Theme.spacingLarge
                facts: [
                    { label: qsTr("Digest"), value: root.described.digest || "", monospace: true },
                    { label: qsTr("Type"), value: root.described.media_type || "" },
                    { label: qsTr("Platform"), value: TagPage.platform !== "" ? TagPage.platform : (root.config.platform || "") },
                    { label: qsTr("Created"), value: Format.when(root.config.created || "") },
                    { label: qsTr("Size"), value: root.described.size !== undefined ? qsTr("%1 in %n layer(s), %2 of them here already", "", TagPage.layers.length).arg(Format.bytes(root.described.size)).arg(TagPage.localLayers) : "" },
                    { label: qsTr("Command"), value: (root.config.entrypoint || []).concat(root.config.cmd || []).join(" "), monospace: true },
                    { label: qsTr("Working directory"), value: root.config.working_dir || "", monospace: true },
                    { label: qsTr("User"), value: root.config.user || "" },
                    { label: qsTr("Ports"), value: (root.config.exposed_ports || []).join(", ") },
                    { label: qsTr("Environment"), value: (root.config.env || []).join("\n"), monospace: true }
                ]
            }

            TitledCard {
                objectName: "tagPlatforms"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingLarge
                Layout.rightMargin: Theme.spacingLarge
                visible: TagPage.platforms.length > 0
                title: qsTr("Platforms of this index")
                ColumnLayout {
                    Layout.fillWidth: true
                    Repeater {
                        model: TagPage.platforms
                        delegate: ListRow {
                            required property var modelData
                            Layout.fillWidth: true
                            objectName: "platformRow." + modelData.platform
                            leadingIcon: "images"
                            title: modelData.platform !== "" ? modelData.platform : qsTr("no platform")
                            subtitle: modelData.digest
                            highlighted: modelData.platform === TagPage.platform
                            onClicked: TagPage.open(TagPage.reference, modelData.platform)
                        }
                    }
                }
            }

            TitledCard {
                objectName: "tagLayers"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingLarge
                Layout.rightMargin: Theme.spacingLarge
                title: qsTr("Layers")
                ColumnLayout {
                    Layout.fillWidth: true
                    Repeater {
                        model: TagPage.layers
                        delegate: ListRow {
                            required property var modelData
                            required property int index
                            Layout.fillWidth: true
                            objectName: "layerRow." + index
                            badgeKind: modelData.local ? "running" : "created"
                            badgeText: modelData.local ? qsTr("here") : qsTr("to pull")
                            title: modelData.shortDigest + "  " + Format.bytes(modelData.size)
                            monospaceTitle: true
                            subtitle: modelData.mediaType
                        }
                    }
                    Label { visible: TagPage.layers.length === 0; text: qsTr("No layers."); color: Theme.textMuted }
                }
            }

            TitledCard {
                objectName: "tagReferrers"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingLarge
                Layout.rightMargin: Theme.spacingLarge
                title: qsTr("Signatures, SBOMs and attestations")
                ColumnLayout {
                    Layout.fillWidth: true
                    Repeater {
                        model: TagPage.referrers
                        delegate: ListRow {
                            required property var modelData
                            Layout.fillWidth: true
                            objectName: "referrerRow." + modelData.kind
                            badgeKind: "created"
                            badgeText: root.kindName(modelData.kind)
                            title: modelData.artifactType !== "" ? modelData.artifactType : qsTr("(no artifact type)")
                            subtitle: modelData.digest + (modelData.created !== "" ? " · " + Format.when(modelData.created) : "")
                        }
                    }
                    Label {
                        objectName: "noReferrers"
                        visible: TagPage.referrers.length === 0
                        text: qsTr("Nothing refers to this image: it is not signed and has no SBOM here.")
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }

            TitledCard {
                objectName: "tagCompare"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingLarge
                Layout.rightMargin: Theme.spacingLarge
                title: qsTr("Compare with another tag")
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RowLayout {
                        spacing: Theme.spacing
                        ComboBox {
                            id: other
                            objectName: "compareTag"
                            Layout.preferredWidth: 240
                            model: Tags
                            textRole: "tag"
                            Accessible.name: qsTr("Tag to compare with")
                        }
                        Button {
                            objectName: "compareButton"
                            text: qsTr("Compare")
                            icon.source: "qrc:/icons/compare.svg"
                            enabled: other.currentText !== "" && TagPage.layers.length > 0
                            onClicked: TagPage.compareWith(other.currentText)
                        }
                    }
                    InlineMessage { text: TagPage.comparison.error || ""; Layout.fillWidth: true }
                    Label {
                        objectName: "comparisonSummary"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        visible: TagPage.comparison.shared !== undefined
                        text: TagPage.comparison.shared === undefined ? ""
                            : qsTr("%1 layers shared (%2): stored and pulled once. %3 only in %4, %5 only in %6. %6 is %7 %8.")
                                .arg(TagPage.comparison.shared).arg(Format.bytes(TagPage.comparison.sharedSize))
                                .arg(TagPage.comparison.onlyFirst.length).arg(TagPage.tag)
                                .arg(TagPage.comparison.onlySecond.length).arg(TagPage.comparison.other)
                                .arg(Format.bytes(Math.abs(TagPage.comparison.delta)))
                                .arg(TagPage.comparison.delta >= 0 ? qsTr("larger") : qsTr("smaller"))
                    }
                    Repeater {
                        model: TagPage.comparison.onlySecond || []
                        delegate: Label {
                            required property var modelData
                            text: qsTr("+ %1  %2").arg(modelData.digest.slice(7, 19)).arg(Format.bytes(modelData.size))
                            font.family: Theme.monospace
                        }
                    }
                    Repeater {
                        model: TagPage.comparison.onlyFirst || []
                        delegate: Label {
                            required property var modelData
                            text: qsTr("− %1  %2").arg(modelData.digest.slice(7, 19)).arg(Format.bytes(modelData.size))
                            font.family: Theme.monospace
                            color: Theme.textMuted
                        }
                    }
                }
            }

            TitledCard {
                objectName: "tagLabels"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingLarge
                Layout.rightMargin: Theme.spacingLarge
                visible: TagPage.labels.length > 0
                title: qsTr("Labels")
                Facts {
                    Layout.fillWidth: true
                    labelWidth: 260
                    facts: TagPage.labels.map(label => ({ label: label.key, value: label.value }))
                }
            }

            TitledCard {
                objectName: "tagHistory"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingLarge
                Layout.rightMargin: Theme.spacingLarge
                Layout.bottomMargin: Theme.spacingLarge
                visible: TagPage.history.length > 0
                title: qsTr("History")
                ColumnLayout {
                    Layout.fillWidth: true
                    Repeater {
                        model: TagPage.history
                        delegate: Label {
                            required property var modelData
                            Layout.fillWidth: true
                            text: modelData.createdBy !== "" ? modelData.createdBy : qsTr("(no command)")
                            color: modelData.empty ? Theme.textMuted : Theme.text
                            font.family: Theme.monospace
                            wrapMode: Text.WrapAnywhere
                        }
                    }
                }
            }
        }
    }
}
