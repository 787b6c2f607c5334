pragma Singleton
import QtQuick

// How sizes and times read in the app.
QtObject {
    function bytes(n) {
        if (n === undefined || n < 0) return "—"
        const units = ["B", "KiB", "MiB", "GiB", "TiB"]
        let i = 0
        while (n >= 1024 && i < units.length - 1) { n /= 1024; ++i }
        return (i === 0 ? n : n.toFixed(1)) + " " + units[i]
    }
    function ago(secondsSinceEpoch) {
        const s = Math.max(0, Date.now() / 1000 - secondsSinceEpoch)
        if (s < 60) return qsTr("just now")
        if (s < 3600) return qsTr("%n minute(s) ago", "", Math.floor(s / 60))
        if (s < 86400) return qsTr("%n hour(s) ago", "", Math.floor(s / 3600))
        return qsTr("%n day(s) ago", "", Math.floor(s / 86400))
    }
}
