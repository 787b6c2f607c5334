import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The top of a page: its title and how many things it lists, what the page
// puts beside them (default children: filters, secondary actions), a search
// field when the page can search, and its primary action.
Pane {
    id: root
    property string title: ""
    property string subtitle: "" // beside the title, muted (a container's image)
    property int count: -1
    property string searchPlaceholder: "" // no search field when empty
    property alias searchText: search.text
    property alias searchField: search
    property string actionText: "" // no primary action when empty
    property string actionIcon: ""
    property string actionShortcut: ""
    property alias actionButton: action
    default property alias tools: tools.data
    property alias leading: leadingRow.data // before the title (a back button)
    signal actionTriggered()

    padding: Theme.spacingMedium
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacingLarge
    background: Rectangle {
        color: Theme.surface
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacingMedium
        RowLayout {
            id: leadingRow
            spacing: Theme.spacing
            visible: children.length > 0
        }
        Label {
            objectName: "pageTitle"
            Layout.fillWidth: true // shrinks (elided) when the row is short, never grows
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: Math.min(implicitWidth, root.availableWidth / 4)
            text: root.title
            elide: Text.ElideRight
            font.pixelSize: Theme.fontTitle
            font.bold: true
            Accessible.role: Accessible.Heading
        }
        Label {
            objectName: "pageCount"
            visible: root.count >= 0
            text: root.count
            color: Theme.textMuted
            leftPadding: Theme.spacing
            rightPadding: Theme.spacing
            background: Rectangle { radius: height / 2; color: Theme.surfaceSunken }
            Accessible.name: qsTr("%n item(s)", "", root.count)
        }
        Label {
            objectName: "pageSubtitle"
            Layout.fillWidth: true
            Layout.minimumWidth: 40
            text: root.subtitle
            color: Theme.textMuted
            elide: Text.ElideMiddle
        }
        RowLayout {
            id: tools
            spacing: Theme.spacing
        }
        TextField {
            id: search
            objectName: "pageSearch"
            visible: root.searchPlaceholder !== ""
            Layout.preferredWidth: 260
            Layout.minimumWidth: 140
            Layout.fillWidth: visible
            Layout.maximumWidth: 320
            placeholderText: root.searchPlaceholder
            Accessible.name: root.searchPlaceholder
            Accessible.description: qsTr("Ctrl+F")
            // Only while its page shows: another page's search has its own.
            Shortcut { sequence: StandardKey.Find; enabled: search.visible; onActivated: search.forceActiveFocus() }
            selectByMouse: true
        }
        PrimaryButton {
            id: action
            objectName: "pageAction"
            visible: root.actionText !== ""
            text: root.actionText
            icon.source: root.actionIcon !== "" ? "qrc:/icons/" + root.actionIcon + ".svg" : ""
            ToolTip.visible: hovered && root.actionShortcut !== ""
            ToolTip.delay: 500
            ToolTip.text: root.actionShortcut
            onClicked: root.actionTriggered()
        }
    }
}
