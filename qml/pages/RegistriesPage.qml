import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The registries the engine knows, beside a browser of the chosen one:
// its repositories (filtered as you type), a repository's tags, a tag's
// page. Adding, logging in and out and removing a registry; the search
// across all of them is the window's (Ctrl+K).
Page {
    id: page
    objectName: "registriesPage"
    title: qsTr("Registries")
    signal searchRequested()
    signal runRequested(string image)
    // 0: no registry chosen, 1: repositories, 2: tags, 3: a tag
    property int level: 0
    background: Rectangle { color: Theme.surface }

    function browse(host) {
        Repositories.filter = ""
        Repositories.open(host)
        level = 1
    }
    function openRepository(host, repository) {
        if (Repositories.host !== host)
            Repositories.open(host)
        Tags.open(host, repository)
        level = 2
    }
    function openTag(host, repository, tag) {
        if (Tags.host !== host || Tags.repository !== repository)
            openRepository(host, repository)
        TagPage.open(host + "/" + repository + ":" + tag)
        level = 3
    }
    function back() { if (level > 1) level = level - 1 }

    header: PageHeader {
        title: page.title
        count: Registries.count
        actionText: qsTr("Add registry…")
        actionIcon: "add"
        actionShortcut: "Ctrl+Shift+N"
        onActionTriggered: registryDialog.openToAdd()
        Component.onCompleted: actionButton.objectName = "addRegistry"
        Shortcut { sequence: "Ctrl+Shift+N"; enabled: page.visible; onActivated: registryDialog.openToAdd() }
        Button {
            objectName: "openSearch"
            text: qsTr("Search images…")
            icon.source: "qrc:/icons/search.svg"
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: qsTr("Ctrl+K")
            onClicked: page.searchRequested()
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: false
            Layout.preferredWidth: 380
            Layout.fillHeight: true
            spacing: 0
            InlineMessage { objectName: "registriesError"; text: Registries.lastError; Layout.margins: Theme.spacing; Layout.fillWidth: true }
            ListView {
                id: registries
                objectName: "registriesList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Registries
                activeFocusOnTab: true
                keyNavigationEnabled: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Registries")
                ScrollBar.vertical: ScrollBar {}
                delegate: ListRow {
                    id: registry
                    required property string host
                    required property bool added
                    required property bool loggedIn
                    required property string username
                    required property bool insecure
                    required property bool mirror
                    required property string state
                    required property string search
                    required property string problem
                    width: ListView.view.width
                    objectName: "registryRow." + host
                    highlighted: Repositories.host === host && page.level > 0
                    title: host
                    wrapSubtitle: true
                    badgeKind: state === "reachable" ? "running" : state === "checking" ? "created" : "dead"
                    badgeText: state === "reachable" ? qsTr("reachable") : state === "checking" ? qsTr("checking") : qsTr("unreachable")
                    subtitle: state === "unreachable" ? problem
                        : [loggedIn ? qsTr("logged in as %1").arg(username) : qsTr("anonymous"),
                           search === "muelle" || search === "docker" ? qsTr("search") : search === "catalog" ? qsTr("no search: names filtered") : "",
                           insecure ? qsTr("insecure") : "", mirror ? qsTr("mirror") : ""].filter(part => part !== "").join(" · ")
                    onClicked: page.browse(host)
                    IconButton {
                        objectName: "login"
                        visible: !registry.loggedIn
                        tip: qsTr("Log in to %1…").arg(registry.host)
                        icon.source: "qrc:/icons/login.svg"
                        onClicked: registryDialog.openToLogIn(registry.host)
                    }
                    IconButton {
                        objectName: "logout"
                        visible: registry.loggedIn
                        tip: qsTr("Log out of %1").arg(registry.host)
                        icon.source: "qrc:/icons/logout.svg"
                        onClicked: Registries.logout(registry.host)
                    }
                    onDeleteRequested: if (removeRegistry.visible) removeRegistry.clicked()
                    IconButton {
                        id: removeRegistry
                        objectName: "remove"
                        visible: registry.added
                        shortcut: qsTr("Delete")
                        tip: qsTr("Remove %1…").arg(registry.host)
                        icon.source: "qrc:/icons/remove.svg"
                        destructive: true
                        onClicked: Confirm.ask(qsTr("Remove %1?").arg(registry.host),
                            qsTr("Muelle forgets the registry; its images stay in it. A login to it stays until you log out."),
                            qsTr("Remove"), () => {
                                if (Repositories.host === registry.host) page.level = 0
                                Registries.remove(registry.host)
                            })
                    }
                }
                EmptyState {
                    objectName: "registriesEmpty"
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingLarge
                    visible: registries.count === 0
                    icon: "registries"
                    text: qsTr("No registries yet.")
                    hint: qsTr("Add your company's registry or a muelle-registry, e.g. registry.local:5000.")
                    actionText: qsTr("Add a registry")
                    onActionTriggered: registryDialog.openToAdd()
                }
            }
        }
        Rectangle { Layout.fillHeight: true; Layout.preferredWidth: 1; color: Theme.border }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: page.level
            Item {
                EmptyState {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingHuge
                    icon: "registries"
                    text: qsTr("Choose a registry to browse its repositories.")
                    hint: qsTr("Or search every registry at once with Ctrl+K.")
                }
            }
            RepositoryList { onOpened: name => page.openRepository(Repositories.host, name) }
            TagList {
                onBack: page.back()
                onOpened: tag => page.openTag(Tags.host, Tags.repository, tag)
                onRunRequested: image => page.runRequested(image)
            }
            TagView {
                onBack: page.back()
                onRunRequested: image => page.runRequested(image)
            }
        }
    }

    // Alt+Left: one level up, as the container page's back.
    Shortcut { sequence: "Alt+Left"; enabled: page.visible && page.level > 1; onActivated: page.back() }

    RegistryDialog { id: registryDialog; anchors.centerIn: parent }
}
