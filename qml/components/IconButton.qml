import QtQuick
import QtQuick.Controls

// An action drawn as its icon alone: the tooltip says what it does and its
// shortcut, and screen readers hear the same words (Accessible.name).
ToolButton {
    id: button
    required property string tip
    property string shortcut: ""
    property bool destructive: false

    display: AbstractButton.IconOnly
    implicitWidth: Theme.iconButton
    implicitHeight: Theme.iconButton
    text: tip
    icon.width: Theme.icon
    icon.height: Theme.icon
    icon.color: !enabled ? Theme.textDisabled : destructive ? Theme.danger : Theme.text
    focusPolicy: Qt.StrongFocus
    Accessible.name: tip
    Accessible.description: shortcut
    ToolTip.visible: hovered || visualFocus
    ToolTip.delay: 500
    ToolTip.text: shortcut === "" ? tip : qsTr("%1 (%2)").arg(tip).arg(shortcut)
}
