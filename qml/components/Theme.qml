pragma Singleton
import QtQuick

// The design language in one place: colours (light and dark), the type
// scale, the spacing grid, radii and elevation. Pages take every colour and
// size from here; the palette below is what the Controls style (Fusion)
// draws with, so its controls follow the theme too.
QtObject {
    id: theme

    // "system", "light" or "dark": the system's palette decides unless the
    // user chose (Main.qml binds it to Preferences.theme).
    property string choice: "system"
    readonly property SystemPalette system: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property bool systemDark: system.window.hslLightness < 0.5
    readonly property bool dark: choice === "dark" || (choice !== "light" && systemDark)

    // Surfaces, from the window's back to what floats over it.
    readonly property color background: dark ? "#16181d" : "#f4f5f7"
    readonly property color surface: dark ? "#1f2228" : "#ffffff"
    readonly property color surfaceRaised: dark ? "#282c34" : "#ffffff"
    readonly property color surfaceSunken: dark ? "#121418" : "#eceef1"
    readonly property color hover: dark ? "#2c313a" : "#eef1f6"
    readonly property color selected: dark ? "#213552" : "#dde8fb"
    readonly property color border: dark ? "#353a44" : "#d9dde3"
    readonly property color divider: dark ? "#2a2e36" : "#e8eaee"

    // Text and the accent.
    readonly property color text: dark ? "#e6e8eb" : "#1b1f24"
    readonly property color textMuted: dark ? "#9aa3ad" : "#5d6670"
    readonly property color textDisabled: dark ? "#626a74" : "#a4abb3"
    readonly property color accent: dark ? "#5b9cff" : "#1f6feb"
    readonly property color accentText: "#ffffff"
    // What white words are drawn on (a primary or destructive button): the
    // light variant's strong colours in both, as stateColour, for 4.5:1.
    readonly property color accentFill: "#1f6feb"
    readonly property color dangerFill: "#cf222e"
    readonly property color focus: accent

    // What states mean, as pills and messages.
    readonly property color success: dark ? "#3fb950" : "#1a7f37"
    readonly property color warning: dark ? "#d29922" : "#9a6700"
    readonly property color caution: dark ? "#f0883e" : "#bc4c00"
    readonly property color info: dark ? "#58a6ff" : "#0969da"
    readonly property color danger: dark ? "#f85149" : "#cf222e"
    readonly property color neutral: dark ? "#6e7681" : "#6e7781"
    readonly property color onState: "#ffffff"
    // A message's tinted background, by its kind.
    function tint(kind) {
        const c = kind === "error" ? danger : kind === "warning" ? warning : kind === "success" ? success : info
        return Qt.rgba(c.r, c.g, c.b, dark ? 0.18 : 0.10)
    }
    // A state pill's fill: the light variant's strong colours in both, so
    // white words on it read (contrast 4.5:1 and more).
    function stateColour(kind) {
        return kind === "running" ? "#1a7f37"
             : kind === "paused" ? "#9a6700"
             : kind === "restarting" ? "#bc4c00"
             : kind === "created" ? "#0969da"
             : kind === "dead" || kind === "removing" ? "#cf222e"
             : "#6e7781"
    }

    // Chart series, distinct in both variants.
    readonly property var series: dark ? ["#5b9cff", "#d2a8ff", "#3fb950", "#f0883e"]
                                       : ["#1f6feb", "#8250df", "#1a7f37", "#bc4c00"]
    readonly property color grid: dark ? "#2d323b" : "#e6e8ec"

    // Type scale (pixels; QT_SCALE_FACTOR scales them with everything else).
    readonly property int fontCaption: 11
    readonly property int fontSmall: 12
    readonly property int fontBody: 13
    readonly property int fontSubtitle: 15
    readonly property int fontTitle: 19
    readonly property int fontDisplay: 26
    readonly property string monospace: "monospace"

    // A 4-pixel grid.
    readonly property int spacingTiny: 2
    readonly property int spacingSmall: 4
    readonly property int spacing: 8
    readonly property int spacingMedium: 12
    readonly property int spacingLarge: 16
    readonly property int spacingHuge: 24

    readonly property int radiusSmall: 4
    readonly property int radius: 6
    readonly property int radiusLarge: 10

    // Sizes of recurring things.
    readonly property int iconSmall: 16
    readonly property int icon: 20
    readonly property int iconButton: 32 // an IconButton's side
    readonly property int iconLarge: 48
    readonly property int rowHeight: 52
    readonly property int badgeWidth: 104 // a list's state pills, one width so the names line up
    readonly property int navigationWidth: 184
    readonly property int toastWidth: 360
    readonly property int toastMillis: 4000

    // The Controls style's palette (AppWindow applies it).
    readonly property color button: dark ? "#2a2e36" : "#f6f7f9"
    readonly property color toolTip: dark ? "#3a3f4a" : "#24292f"
}
