import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A row of a list where people act: a leading state badge (or icon), two
// lines of text, and trailing actions (default children, IconButtons).
ItemDelegate {
    id: row
    property string title: ""
    property string subtitle: ""
    property string badgeKind: "" // a StateBadge when set, else the icon
    property string badgeText: badgeKind
    property string leadingIcon: ""
    property bool monospaceTitle: false
    default property alias trailing: actions.data

    implicitHeight: Math.max(Theme.rowHeight, contentItem.implicitHeight + topPadding + bottomPadding)
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacing
    focusPolicy: Qt.StrongFocus
    Accessible.onPressAction: clicked()
    // The keyboard's ways in: Enter opens it as a click does; Delete asks
    // for its removal (the row's own remove action, which confirms).
    signal deleteRequested()
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
    Keys.onDeletePressed: deleteRequested()
    Accessible.name: title + (subtitle !== "" ? ", " + subtitle : "")
    background: Rectangle {
        color: row.down ? Theme.selected : row.hovered || row.visualFocus ? Theme.hover : Theme.surface
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
        Rectangle {
            visible: row.visualFocus
            anchors.fill: parent
            color: "transparent"
            border.color: Theme.focus
            border.width: 2
        }
    }

    contentItem: RowLayout {
        spacing: Theme.spacingMedium
        StateBadge {
            visible: row.badgeKind !== ""
            kind: row.badgeKind
            text: row.badgeText
            Layout.preferredWidth: 84
        }
        Image {
            visible: row.badgeKind === "" && row.leadingIcon !== ""
            source: row.leadingIcon !== "" ? "qrc:/icons/" + row.leadingIcon + ".svg" : ""
            sourceSize: Qt.size(Theme.icon, Theme.icon)
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingTiny
            Label {
                objectName: "rowTitle"
                Layout.fillWidth: true
                text: row.title
                font.bold: true
                font.family: row.monospaceTitle ? Theme.monospace : row.font.family
                elide: Text.ElideRight
            }
            Label {
                objectName: "rowSubtitle"
                Layout.fillWidth: true
                visible: text !== ""
                text: row.subtitle
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
        RowLayout {
            id: actions
            spacing: Theme.spacingTiny
        }
    }
}
