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
    // A container's state in the user's words (the engine's are English).
    function stateName(state) {
        switch (state) {
        case "running": return qsTr("running")
        case "paused": return qsTr("paused")
        case "restarting": return qsTr("restarting")
        case "created": return qsTr("created")
        case "exited": return qsTr("exited")
        case "dead": return qsTr("dead")
        case "removing": return qsTr("removing")
        }
        return state
    }
    // Seconds since the epoch, relative to Clock.now (so it ticks).
    function ago(secondsSinceEpoch) {
        const s = Math.max(0, Clock.now / 1000 - secondsSinceEpoch)
        if (s < 60) return qsTr("just now")
        if (s < 3600) return qsTr("%n minute(s) ago", "", Math.floor(s / 60))
        if (s < 86400) return qsTr("%n hour(s) ago", "", Math.floor(s / 3600))
        return qsTr("%n day(s) ago", "", Math.floor(s / 86400))
    }
    // An ISO 8601 time (the engine's, to the nanosecond) as a date and how long ago.
    function when(iso) {
        if (!iso || iso.startsWith("0001-"))
            return ""
        const date = new Date(iso.replace(/(\.\d{3})\d+/, "$1"))
        if (isNaN(date.getTime()))
            return iso
        return qsTr("%1 (%2)").arg(date.toLocaleString(Qt.locale(), Locale.ShortFormat)).arg(ago(date.getTime() / 1000))
    }
    // A value in an axis's unit ({unit, labelFormat} from Stats), for read-outs.
    function inUnit(value, axis) {
        const decimals = axis && axis.labelFormat === "%.0f" ? 0 : 1
        return value.toFixed(decimals) + " " + (axis ? axis.unit : "")
    }
}
