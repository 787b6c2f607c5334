import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The pages, one button each, with their icons and shortcuts.
Pane {
    id: root
    required property string current
    signal chosen(string page)

    padding: 6
    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 2
        Repeater {
            model: [
                { page: "dashboard", label: qsTr("Dashboard"), icon: "dashboard", key: "Ctrl+1" },
                { page: "containers", label: qsTr("Containers"), icon: "containers", key: "Ctrl+2" },
                { page: "images", label: qsTr("Images"), icon: "images", key: "Ctrl+3" },
                { page: "volumes", label: qsTr("Volumes"), icon: "volumes", key: "Ctrl+4" },
                { page: "networks", label: qsTr("Networks"), icon: "networks", key: "Ctrl+5" }
            ]
            delegate: ItemDelegate {
                required property var modelData
                objectName: "nav." + modelData.page
                Layout.fillWidth: true
                text: modelData.label
                icon.source: "qrc:/icons/" + modelData.icon + ".svg"
                highlighted: root.current === modelData.page
                ToolTip.visible: hovered
                ToolTip.text: modelData.key
                onClicked: root.chosen(modelData.page)
            }
        }
    }
}
