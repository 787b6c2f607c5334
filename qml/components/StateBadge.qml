import QtQuick
import QtQuick.Controls

// A container's (or the engine's) state as a coloured pill.
Label {
    property string kind: ""

    padding: 4
    leftPadding: 8
    rightPadding: 8
    horizontalAlignment: Text.AlignHCenter
    color: "white"
    font.pixelSize: 12
    background: Rectangle {
        radius: height / 2
        color: kind === "running" ? "#2e7d32"
             : kind === "paused" ? "#f9a825"
             : kind === "restarting" ? "#ef6c00"
             : kind === "created" ? "#1565c0"
             : kind === "dead" ? "#c62828"
             : "#757575"
    }
}
