import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muelle.Engine

// The pages, one button each, with their icons and shortcuts; the theme
// and the notifications at its foot.
Pane {
    id: root
    required property string current
    property int unread: 0
    signal chosen(string page)
    signal notificationsRequested()

    padding: Theme.spacing
    background: Rectangle {
        color: Theme.surfaceSunken
        Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.border }
    }
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingTiny
        Repeater {
            model: [
                { page: "dashboard", label: qsTr("Dashboard"), icon: "dashboard", key: "Ctrl+1" },
                { page: "containers", label: qsTr("Containers"), icon: "containers", key: "Ctrl+2" },
                { page: "images", label: qsTr("Images"), icon: "images", key: "Ctrl+3" },
                { page: "volumes", label: qsTr("Volumes"), icon: "volumes", key: "Ctrl+4" },
                { page: "networks", label: qsTr("Networks"), icon: "networks", key: "Ctrl+5" },
                { page: "registries", label: qsTr("Registries"), icon: "registries", key: "Ctrl+6" }
            ]
            delegate: ItemDelegate {
                id: entry
                required property var modelData
                readonly property bool current: root.current === modelData.page
                objectName: "nav." + modelData.page
                Layout.fillWidth: true
                text: modelData.label
                icon.source: "qrc:/icons/" + modelData.icon + ".svg"
                icon.color: current ? Theme.accent : Theme.textMuted
                font.bold: current
                focusPolicy: Qt.StrongFocus
                Accessible.role: Accessible.PageTab
                Accessible.name: modelData.label
                Accessible.description: modelData.key
                Accessible.selected: current
                Accessible.onPressAction: clicked()
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("%1 (%2)").arg(modelData.label).arg(modelData.key)
                background: Rectangle {
                    radius: Theme.radius
                    color: entry.current ? Theme.selected : entry.hovered ? Theme.hover : "transparent"
                    border.color: entry.visualFocus ? Theme.focus : "transparent"
                    border.width: 2
                }
                onClicked: root.chosen(modelData.page)
            }
        }
        Item { Layout.fillHeight: true }
        ItemDelegate {
            id: bell
            objectName: "nav.notifications"
            Layout.fillWidth: true
            text: root.unread > 0 ? qsTr("Notifications (%1)").arg(root.unread) : qsTr("Notifications")
            icon.source: "qrc:/icons/bell.svg"
            icon.color: root.unread > 0 ? Theme.accent : Theme.textMuted
            focusPolicy: Qt.StrongFocus
            Accessible.name: text
            Accessible.onPressAction: clicked()
            background: Rectangle {
                radius: Theme.radius
                color: bell.hovered ? Theme.hover : "transparent"
                border.color: bell.visualFocus ? Theme.focus : "transparent"
                border.width: 2
            }
            onClicked: root.notificationsRequested()
        }
        ComboBox {
            id: theme
            objectName: "themeChoice"
            Layout.fillWidth: true
            model: [qsTr("System theme"), qsTr("Light theme"), qsTr("Dark theme")]
            readonly property var values: ["system", "light", "dark"]
            // Set, not bound: a ComboBox resets its index when its model comes.
            Component.onCompleted: currentIndex = Math.max(0, values.indexOf(Preferences.theme))
            Connections { target: Preferences; function onThemeChanged() { theme.currentIndex = Math.max(0, theme.values.indexOf(Preferences.theme)) } }
            Accessible.name: qsTr("Theme")
            onActivated: index => Preferences.theme = values[index]
        }
    }
}
