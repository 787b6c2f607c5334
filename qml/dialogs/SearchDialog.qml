import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// Searches every registry the engine knows as one types: results grouped
// by registry, each with its description, latest tag, size, platforms and
// stars where the registry tells them; a registry that fails says why in
// its group. Up and Down move through the results, Enter opens one.
Dialog {
    id: dialog
    objectName: "searchDialog"
    signal chosen(string registry, string name, string tag)

    function openSearch() {
        open()
        field.forceActiveFocus()
        field.selectAll()
    }
    function choose(row) {
        const result = RegistrySearch.get(row)
        if (result.kind !== "result")
            return
        dialog.close()
        dialog.chosen(result.registry, result.name, result.latestTag)
    }

    modal: true
    width: Math.min(720, parent ? parent.width - 2 * Theme.spacingHuge : 720)
    height: Math.min(560, parent ? parent.height - 2 * Theme.spacingHuge : 560)
    title: qsTr("Search images")
    padding: Theme.spacingLarge

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        RowLayout {
            spacing: Theme.spacing
            TextField {
                id: field
                objectName: "searchField"
                Layout.fillWidth: true
                placeholderText: qsTr("Search every registry, e.g. nginx or team/app")
                Accessible.name: qsTr("Search images")
                selectByMouse: true
                text: RegistrySearch.terms
                onTextEdited: RegistrySearch.terms = text
                Keys.onDownPressed: results.moveBy(1)
                Keys.onUpPressed: results.moveBy(-1)
                onAccepted: {
                    if (results.currentIndex >= 0)
                        dialog.choose(results.currentIndex)
                    else
                        RegistrySearch.searchNow()
                }
            }
            BusyIndicator {
                objectName: "searchBusy"
                running: RegistrySearch.searching
                visible: running
                Layout.preferredHeight: Theme.iconButton
                Layout.preferredWidth: Theme.iconButton
            }
        }
        InlineMessage { objectName: "searchError"; text: RegistrySearch.lastError; Layout.fillWidth: true }
        ListView {
            id: results
            objectName: "searchResults"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: RegistrySearch
            currentIndex: -1
            keyNavigationEnabled: false // the field keeps focus; it moves the selection
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Results")
            ScrollBar.vertical: ScrollBar {}
            // The next (or previous) row that is a result.
            function moveBy(step) {
                let row = currentIndex
                do { row += step } while (row >= 0 && row < count && RegistrySearch.get(row).kind !== "result")
                if (row >= 0 && row < count)
                    currentIndex = row
            }
            section.property: "registry"
            section.delegate: Label {
                required property string section
                objectName: "searchGroup." + section
                width: ListView.view.width
                topPadding: Theme.spacingMedium
                bottomPadding: Theme.spacingSmall
                text: section
                font.bold: true
                color: Theme.textMuted
                Accessible.role: Accessible.Heading
            }
            delegate: ListRow {
                id: hit
                required property int index
                required property string registry
                required property string kind
                required property string name
                required property string description
                required property int stars
                required property bool official
                required property string latestTag
                required property double size
                required property string platforms
                width: ListView.view.width
                objectName: kind === "result" ? "searchHit." + registry + "/" + name : "searchNote." + registry
                enabled: kind === "result"
                highlighted: ListView.isCurrentItem
                leadingIcon: kind === "result" ? "images" : ""
                badgeKind: kind === "failed" ? "dead" : ""
                badgeText: kind === "failed" ? qsTr("failed") : ""
                title: kind === "result" ? name + (latestTag !== "" ? ":" + latestTag : "")
                     : kind === "none" ? qsTr("Nothing found here") : qsTr("This registry could not be searched")
                subtitle: kind !== "result" ? description
                    : [description, official ? qsTr("official") : "", stars > 0 ? qsTr("%n star(s)", "", stars) : "",
                       size > 0 ? Format.bytes(size) : "", platforms].filter(part => part !== "").join(" · ")
                onClicked: dialog.choose(index)
            }
            EmptyState {
                objectName: "searchEmpty"
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingHuge
                visible: results.count === 0 && !RegistrySearch.searching
                icon: "search"
                text: RegistrySearch.terms.trim() === "" ? qsTr("Type to search every registry Muelle knows.")
                                                         : qsTr("No registry answered.")
                hint: RegistrySearch.terms.trim() === "" ? qsTr("Add registries on the Registries page.") : qsTr("Add a registry, or check that they are reachable.")
            }
            Connections {
                target: RegistrySearch
                function onCountChanged() { if (results.currentIndex >= results.count) results.currentIndex = -1 }
                function onTermsChanged() { results.currentIndex = -1 }
            }
        }
        Label {
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            text: qsTr("↑ ↓ to choose, Enter to open, Esc to close")
        }
    }
}
