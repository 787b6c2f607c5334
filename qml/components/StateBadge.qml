import QtQuick
import QtQuick.Controls

// A container's (or the engine's) state as a coloured pill.
Label {
    property string kind: ""

    topPadding: Theme.spacingTiny
    bottomPadding: Theme.spacingTiny
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    horizontalAlignment: Text.AlignHCenter
    color: Theme.onState
    font.pixelSize: Theme.fontCaption
    font.bold: true
    Accessible.name: qsTr("State: %1").arg(text)
    background: Rectangle {
        radius: height / 2
        color: Theme.stateColour(kind)
    }
}
