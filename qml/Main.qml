import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The main window: the engine's state above, the pages beside a navigation
// rail, the tray icon, and the shortcuts of the common actions.
ApplicationWindow {
    id: window
    width: 1100
    height: 700
    visible: true
    title: qsTr("Muelle")

    // "dashboard", "containers", "container", "images", "volumes", "networks"
    property string currentPage: "dashboard"
    readonly property var pages: ["dashboard", "containers", "images", "volumes", "networks", "container"]
    readonly property bool trayAvailable: tray.available
    property int containerTab: 0 // the container page's first tab

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
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            Image {
                source: "qrc:/icons/muelle.svg"
                sourceSize: Qt.size(28, 28)
            }
            Label {
                text: qsTr("Muelle")
                font.bold: true
                font.pixelSize: 18
            }
            Item { Layout.fillWidth: true }
            Label {
                visible: Transfers.active > 0
                text: qsTr("%n transfer(s) running", "", Transfers.active)
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
            Layout.preferredWidth: 170
            current: window.currentPage === "container" ? "containers" : window.currentPage
            onChosen: page => window.currentPage = page
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            // An engine that is not there is said so, with how to start it.
            Frame {
                Layout.fillWidth: true
                visible: !Engine.connected
                Label {
                    width: parent.width
                    wrapMode: Text.WordWrap
                    text: qsTr("The Muelle engine is not running. Start it with: sudo systemctl start muelled")
                }
            }

            NotificationBanner {
                Layout.fillWidth: true
            }

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: window.pages.indexOf(window.currentPage)

                // Each page is made the first time it is shown, so the app
                // starts small (the charts cost most).
                PageLoader { page: "dashboard"; sourceComponent: DashboardPage {} }
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
    }

    Shortcut { sequence: "Ctrl+1"; onActivated: window.currentPage = "dashboard" }
    Shortcut { sequence: "Ctrl+2"; onActivated: window.currentPage = "containers" }
    Shortcut { sequence: "Ctrl+3"; onActivated: window.currentPage = "images" }
    Shortcut { sequence: "Ctrl+4"; onActivated: window.currentPage = "volumes" }
    Shortcut { sequence: "Ctrl+5"; onActivated: window.currentPage = "networks" }
    Shortcut { sequence: "Ctrl+N"; onActivated: runDialog.openFor("") }
    Shortcut {
        sequence: StandardKey.Refresh
        onActivated: {
            Containers.refresh(); Images.refresh(); Volumes.refresh(); Networks.refresh(); Summary.refresh()
        }
    }
    Shortcut { sequence: StandardKey.Quit; onActivated: Qt.quit() }
}
