import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A Card with a heading: a section of a detail page (a tag's layers, its
// history). Its children stack below the heading, each as wide as the card
// when it asks to fill (Layout.fillWidth).
Pane {
    id: root
    property string title: ""
    default property alias content: body.data

    padding: Theme.spacingLarge
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radiusLarge
        border.color: Theme.border
    }
    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            objectName: "cardTitle"
            Layout.fillWidth: true
            text: root.title
            font.bold: true
            font.pixelSize: Theme.fontSubtitle
            elide: Text.ElideRight
            Accessible.role: Accessible.Heading
        }
        ColumnLayout {
            id: body
            Layout.fillWidth: true
            spacing: Theme.spacing
        }
    }
}
