import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// An engine's error in its words, never swallowed; hidden when there is none.
Label {
    Layout.fillWidth: true
    Layout.margins: 12
    visible: text !== ""
    color: "#c62828"
    wrapMode: Text.WordWrap
}
