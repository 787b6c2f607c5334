import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One figure of the dashboard: what it counts, and how many or how much;
// clicking it (or Space on it) opens the page of what it counts.
AbstractButton {
    id: root
    property string title: ""
    property string value: ""
    property string detail: ""
    signal activated()

    implicitWidth: Math.max(200, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: implicitContentHeight + topPadding + bottomPadding
    padding: Theme.spacingLarge
    focusPolicy: Qt.StrongFocus
    hoverEnabled: true
    text: title + ": " + value + (detail !== "" ? ", " + detail : "")
    Accessible.name: text
    onClicked: activated()
    HoverHandler { cursorShape: Qt.PointingHandCursor }
    background: Rectangle {
        color: root.hovered ? Theme.hover : Theme.surface
        radius: Theme.radiusLarge
        border.color: root.visualFocus ? Theme.focus : Theme.border
        border.width: root.visualFocus ? 2 : 1
    }
    contentItem: ColumnLayout {
        spacing: Theme.spacingSmall
        Label { objectName: "title"; Layout.fillWidth: true; elide: Text.ElideRight; text: root.title; color: Theme.textMuted; font.pixelSize: Theme.fontCaption; font.capitalization: Font.AllUppercase; font.letterSpacing: 0.5 }
        Label { objectName: "value"; Layout.fillWidth: true; elide: Text.ElideRight; text: root.value; font.pixelSize: Theme.fontDisplay; font.bold: true }
        Label { objectName: "detail"; Layout.fillWidth: true; elide: Text.ElideRight; text: root.detail; color: Theme.textMuted; visible: text !== "" }
    }
}
