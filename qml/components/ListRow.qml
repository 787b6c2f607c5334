import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A row of a list where people act: a leading state badge (or icon), two
// lines of text, and trailing actions (default children, IconButtons).
RowDelegate {
    id: row
    property string title: ""
    property string subtitle: ""
    property string badgeKind: "" // a StateBadge when set, else the icon
    property string badgeText: Format.stateName(badgeKind)
    property string leadingIcon: ""
    property bool monospaceTitle: false
    property bool wrapSubtitle: false // all of it, on as many lines as it takes
    default property alias trailing: actions.data

    implicitHeight: Math.max(Theme.rowHeight, contentItem.implicitHeight + topPadding + bottomPadding)
    Accessible.name: title + (subtitle !== "" ? ", " + subtitle : "")

    contentItem: RowLayout {
        spacing: Theme.spacingMedium
        StateBadge {
            visible: row.badgeKind !== ""
            kind: row.badgeKind
            text: row.badgeText
            Layout.preferredWidth: Math.max(Theme.badgeWidth, implicitWidth)
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
                elide: row.wrapSubtitle ? Text.ElideNone : Text.ElideRight
                wrapMode: row.wrapSubtitle ? Text.Wrap : Text.NoWrap
            }
        }
        RowLayout {
            id: actions
            spacing: Theme.spacingTiny
        }
    }
}
