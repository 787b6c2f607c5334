import QtQuick
import Qt.labs.platform as Platform
import Muelle.Engine

// The tray: the engine's state, the running containers with stop, restart
// and logs, "Pull image…", "Search images…", the window, quit. Where the desktop has no tray,
// `available` is false and the window's close quits as usual.
Platform.SystemTrayIcon {
    id: tray
    objectName: "tray"
    signal showWindow()
    signal showLogs(string id)
    signal pullRequested()
    signal searchRequested()

    visible: available
    icon.source: "qrc:/icons/muelle.svg"
    tooltip: Engine.connected ? qsTr("Muelle: %n running", "", Summary.running) : qsTr("Muelle: the engine is not running")
    onActivated: reason => { if (reason === Platform.SystemTrayIcon.Trigger) tray.showWindow() }

    menu: Platform.Menu {
        Platform.MenuItem {
            text: Engine.connected ? qsTr("Engine running") : qsTr("Engine not running")
            enabled: false
        }
        Platform.MenuSeparator {}
        Instantiator {
            model: Containers
            delegate: Platform.Menu {
                required property string containerId
                required property string name
                required property string containerState
                title: name
                visible: containerState === "running"
                Platform.MenuItem { text: qsTr("Stop"); onTriggered: Containers.act("stop", containerId) }
                Platform.MenuItem { text: qsTr("Restart"); onTriggered: Containers.act("restart", containerId) }
                Platform.MenuItem { text: qsTr("Logs"); onTriggered: tray.showLogs(containerId) }
            }
            onObjectAdded: (index, object) => tray.menu.insertMenu(index + 2, object)
            onObjectRemoved: (index, object) => tray.menu.removeMenu(object)
        }
        Platform.MenuSeparator {}
        Platform.MenuItem { text: qsTr("Pull image…"); onTriggered: tray.pullRequested() }
        Platform.MenuItem { objectName: "traySearch"; text: qsTr("Search images…"); onTriggered: tray.searchRequested() }
        Platform.MenuItem { text: qsTr("Open Muelle"); onTriggered: tray.showWindow() }
        Platform.MenuItem { text: qsTr("Quit"); onTriggered: Qt.quit() }
    }
}
