pragma Singleton
import QtQuick

// The time relative times are measured from: it ticks, so "2 minutes ago"
// becomes "3 minutes ago" without a refresh.
QtObject {
    property double now: Date.now()
    readonly property Timer ticker: Timer {
        interval: 15000
        running: true
        repeat: true
        onTriggered: Clock.now = Date.now()
    }
}
