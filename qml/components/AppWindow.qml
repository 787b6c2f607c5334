import QtQuick
import QtQuick.Controls

// The app's window as the theme draws it: the Controls style's palette and
// font from Theme (dialogs, menus and tooltips inherit them), and mirrored
// layouts where the language reads right to left.
ApplicationWindow {
    color: Theme.background
    font.pixelSize: Theme.fontBody
    LayoutMirroring.enabled: Qt.application.layoutDirection === Qt.RightToLeft
    LayoutMirroring.childrenInherit: true

    palette.window: Theme.background
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.surfaceSunken
    palette.text: Theme.text
    palette.button: Theme.button
    palette.buttonText: Theme.text
    palette.brightText: Theme.accentText
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.textMuted
    palette.toolTipBase: Theme.toolTip
    palette.toolTipText: Theme.accentText
    palette.link: Theme.accent
    palette.light: Theme.surfaceRaised
    palette.midlight: Theme.hover
    palette.mid: Theme.border
    palette.dark: Theme.border
    palette.shadow: Theme.surfaceSunken
    palette.disabled.windowText: Theme.textDisabled
    palette.disabled.text: Theme.textDisabled
    palette.disabled.buttonText: Theme.textDisabled
}
