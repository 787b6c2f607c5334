import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The main window: the engine's state above, the pages beside a navigation
// rail, the tray icon, and the shortcuts of the common actions.
AppWindow {
    id: window
    width: 1100
    height: 700
    minimumWidth: 760
    minimumHeight: 480
    visible: true
    title: qsTr("Muelle")

    // "dashboard", "containers", "container", "images", "volumes", "networks", "registries"
    property string currentPage: "dashboard"
    readonly property var pages: ["dashboard", "containers", "images", "volumes", "networks", "container", "registries"]
    readonly property bool trayAvailable: tray.available
    property int containerTab: 0 // the container page's first tab
    property string pullThenRun: "" // a reference being pulled, to run once it is here

    // Pulls the image (its progress on the Images page's list), then opens
    // the run dialog for it.
    function pullAndRun(reference) {
        pullThenRun = reference
        Transfers.pull(reference)
    }
    function openSearch() {
        window.show()
        window.raise()
        searchDialog.openSearch()
    }
    function openSearchResult(registry, name, tag) {
        currentPage = "registries"
        if (tag !== "")
            registriesPage.item.openTag(registry, name, tag)
        else
            registriesPage.item.openRepository(registry, name)
    }

    function openContainer(id) {
        Details.open(id)
        Logs.open(id)
        Stats.open(id)
        currentPage = "container"
    }

    // Closing the window keeps the app in the tray, where there is one.
    onClosing: close => {
        if (tray.available) {
            close.accepted = false
            window.hide()
        }
    }

    header: ToolBar {
        padding: Theme.spacing
        leftPadding: Theme.spacingLarge
        rightPadding: Theme.spacingLarge
        background: Rectangle {
            color: Theme.surface
            Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
        }
        RowLayout {
            anchors.fill: parent
            spacing: Theme.spacingMedium
            Image {
                source: "qrc:/icons/muelle.svg"
                sourceSize: Qt.size(Theme.icon + Theme.spacing, Theme.icon + Theme.spacing)
                Accessible.ignored: true
            }
            Label {
                text: qsTr("Muelle")
                font.bold: true
                font.pixelSize: Theme.fontSubtitle
            }
            Item { Layout.fillWidth: true }
            Label {
                visible: Transfers.active > 0
                text: qsTr("%n transfer(s) running", "", Transfers.active)
                color: Theme.textMuted
            }
            StateBadge {
                objectName: "engineState"
                kind: Engine.connected ? "running" : "exited"
                text: Engine.connected ? qsTr("Engine running") : qsTr("Engine not running")
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        NavigationRail {
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.navigationWidth
            current: window.currentPage === "container" ? "containers" : window.currentPage
            unread: Toasts.unread
            onChosen: page => window.currentPage = page
            onNotificationsRequested: notifications.open()
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            // An engine that is not there is said so, with how to start it.
            InlineMessage {
                objectName: "engineMissing"
                Layout.margins: Theme.spacing
                kind: "warning"
                text: Engine.connected ? "" : qsTr("The Muelle engine is not running. Start it with: sudo systemctl start muelled")
            }

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: window.pages.indexOf(window.currentPage)

                // Each page is made the first time it is shown, so the app
                // starts small (the charts cost most).
                PageLoader { page: "dashboard"; sourceComponent: DashboardPage { onNavigate: page => window.currentPage = page } }
                PageLoader {
                    page: "containers"
                    sourceComponent: ContainersPage {
                        onOpened: id => window.openContainer(id)
                        onRunRequested: runDialog.openFor("")
                    }
                }
                PageLoader {
                    page: "images"
                    sourceComponent: ImagesPage {
                        onRunRequested: image => runDialog.openFor(image)
                        onBuildRequested: buildWizard.openWizard()
                    }
                }
                PageLoader { page: "volumes"; sourceComponent: VolumesPage {} }
                PageLoader { page: "networks"; sourceComponent: NetworksPage {} }
                PageLoader {
                    page: "container"
                    sourceComponent: ContainerPage {
                        initialTab: window.containerTab
                        onBack: window.currentPage = "containers"
                    }
                }
                PageLoader {
                    id: registriesPage
                    page: "registries"
                    sourceComponent: RegistriesPage {
                        onSearchRequested: window.openSearch()
                        onRunRequested: image => window.pullAndRun(image)
                    }
                }
            }
        }
    }

    component PageLoader: Loader {
        required property string page
        active: window.currentPage === page || status === Loader.Ready
    }

    RunContainerDialog {
        id: runDialog
        anchors.centerIn: parent
    }
    BuildWizardDialog {
        id: buildWizard
        anchors.centerIn: parent
        onRunRequested: image => runDialog.openFor(image)
    }
    SearchDialog {
        id: searchDialog
        anchors.centerIn: parent
        onChosen: (registry, name, tag) => window.openSearchResult(registry, name, tag)
    }
    ConfirmDialog { anchors.centerIn: parent }
    NotificationDrawer { id: notifications }
    ToastLayer { anchors.fill: parent; z: 10 }

    // The user's theme (Preferences, saved) drives the design system's.
    Component.onCompleted: Theme.choice = Preferences.theme
    Connections { target: Preferences; function onThemeChanged() { Theme.choice = Preferences.theme } }

    // Results of what the user did, and the engine's news, as toasts.
    Connections { target: Notifier; function onNotified(summary, body) { Toasts.show(body !== "" ? summary + " — " + body : summary, "info") } }
    Connections { target: Containers; function onSucceeded(message) { Toasts.show(message, "success") } }
    Connections { target: Images; function onSucceeded(message) { Toasts.show(message, "success") } }
    Connections { target: Volumes; function onSucceeded(message) { Toasts.show(message, "success") } }
    Connections { target: Networks; function onSucceeded(message) { Toasts.show(message, "success") } }
    Connections { target: Transfers; function onSucceeded(message) { Toasts.show(message, "success") } }
    Connections { target: Registries; function onSucceeded(message) { Toasts.show(message, "success") } }
    Connections {
        target: Transfers
        function onFinished(kind, reference, error) {
            if (kind !== "pull" || reference !== window.pullThenRun)
                return
            window.pullThenRun = ""
            if (error === "")
                runDialog.openFor(reference)
        }
    }

    Connections {
        target: Containers
        function onRan(id) { window.openContainer(id) }
    }

    TrayIcon {
        id: tray
        onShowWindow: {
            window.show()
            window.raise()
            window.requestActivate()
        }
        onShowLogs: id => {
            window.show()
            window.openContainer(id)
        }
        onPullRequested: {
            window.show()
            window.currentPage = "images"
        }
        onSearchRequested: window.openSearch()
    }

    Shortcut { sequence: "Ctrl+1"; onActivated: window.currentPage = "dashboard" }
    Shortcut { sequence: "Ctrl+2"; onActivated: window.currentPage = "containers" }
    Shortcut { sequence: "Ctrl+3"; onActivated: window.currentPage = "images" }
    Shortcut { sequence: "Ctrl+4"; onActivated: window.currentPage = "volumes" }
    Shortcut { sequence: "Ctrl+5"; onActivated: window.currentPage = "networks" }
    Shortcut { sequence: "Ctrl+6"; onActivated: window.currentPage = "registries" }
    Shortcut { sequence: "Ctrl+K"; onActivated: window.openSearch() }
    Shortcut { sequence: "Ctrl+B"; onActivated: { window.show(); buildWizard.openWizard() } }
    Shortcut { sequence: "Ctrl+N"; onActivated: runDialog.openFor("") }
    Shortcut {
        sequence: StandardKey.Refresh
        onActivated: {
            Containers.refresh(); Images.refresh(); Volumes.refresh(); Networks.refresh(); Summary.refresh(); Registries.refresh()
        }
    }
    Shortcut { sequence: StandardKey.Quit; onActivated: Qt.quit() }
}
