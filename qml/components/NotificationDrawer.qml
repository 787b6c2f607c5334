import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Every toast of this session, newest first, from the window's right edge.
Drawer {
    id: drawer
    objectName: "notificationDrawer"
    edge: Qt.RightEdge
    width: Math.min(Theme.toastWidth + 2 * Theme.spacingLarge, parent ? parent.width * 0.8 : 400)
    height: parent ? parent.height : 0
    onOpened: Toasts.unread = 0
    background: Rectangle {
        color: Theme.surface
        Rectangle { width: 1; height: parent.height; color: Theme.border }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing
        RowLayout {
            Label {
                Layout.fillWidth: true
                text: qsTr("Notifications")
                font.pixelSize: Theme.fontSubtitle
                font.bold: true
                Accessible.role: Accessible.Heading
            }
            Button {
                objectName: "notificationsClear"
                text: qsTr("Clear")
                enabled: Toasts.history.count > 0
                onClicked: Toasts.clear()
            }
        }
        ListView {
            id: list
            objectName: "notificationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacing
            model: Toasts.history
            ScrollBar.vertical: ScrollBar {}
            delegate: Pane {
                id: entry
                required property string text
                required property string kind
                required property double time
                width: list.width
                padding: Theme.spacing
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                background: Rectangle { radius: Theme.radius; color: Theme.tint(parent.kind) }
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.spacingTiny
                    Label { Layout.fillWidth: true; text: entry.text; wrapMode: Text.Wrap }
                    Label {
                        text: Format.ago(entry.time / 1000)
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
            }
            EmptyState {
                anchors.centerIn: parent
                width: parent.width
                visible: list.count === 0
                icon: "bell"
                text: qsTr("No notifications yet.")
                hint: qsTr("Results of what you do and containers that stop unexpectedly appear here.")
            }
        }
    }
}
