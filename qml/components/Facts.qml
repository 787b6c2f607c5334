import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Labelled values, one per line, the labels in a column of their own;
// a fact whose value is empty is left out (so nothing shifts onto another).
// facts: [{ label, value, monospace }]
ColumnLayout {
    id: root
    property var facts: []
    property int labelWidth: 140

    spacing: Theme.spacing
    Repeater {
        model: root.facts.filter(fact => fact.value !== undefined && fact.value !== "")
        delegate: RowLayout {
            required property var modelData
            objectName: "fact." + modelData.label
            Layout.fillWidth: true
            spacing: Theme.spacingMedium
            Label {
                Layout.preferredWidth: root.labelWidth
                Layout.alignment: Qt.AlignTop
                text: modelData.label
                color: Theme.textMuted
                elide: Text.ElideRight
            }
            TextEdit {
                objectName: "factValue"
                Layout.fillWidth: true
                text: modelData.value
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap // at words, or anywhere in a word longer than the line
                color: Theme.text
                selectionColor: Theme.accent
                selectedTextColor: Theme.accentText
                font.family: modelData.monospace ? Theme.monospace : Qt.application.font.family
                font.pixelSize: Theme.fontBody
                Accessible.name: modelData.label
                Accessible.role: Accessible.StaticText
            }
        }
    }
}
