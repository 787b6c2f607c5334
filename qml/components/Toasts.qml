pragma Singleton
import QtQuick

// Results and the engine's news, as toasts that go by themselves and stay
// in the history (the notification drawer). kind: success, error, info.
QtObject {
    id: toasts
    readonly property ListModel history: ListModel {}
    property int unread: 0
    signal posted(string text, string kind)

    function show(text, kind) {
        if (text === "")
            return
        history.insert(0, { text: text, kind: kind || "info", time: Date.now() })
        if (history.count > 200)
            history.remove(200, history.count - 200)
        ++unread
        posted(text, kind || "info")
    }
    function clear() {
        history.clear()
        unread = 0
    }
}
