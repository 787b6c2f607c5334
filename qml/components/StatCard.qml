import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One figure of the dashboard: what it counts, and how many or how much.
Frame {
    id: root
    property string title: ""
    property string value: ""
    property string detail: ""

    Layout.preferredWidth: 190
    ColumnLayout {
        spacing: 2
        Label { objectName: "title"; text: root.title; opacity: 0.7 }
        Label { objectName: "value"; text: root.value; font.pixelSize: 26; font.bold: true }
        Label { objectName: "detail"; text: root.detail; opacity: 0.7; visible: text !== "" }
    }
}
