pragma Singleton
import QtQuick

// Asks before what cannot be undone (remove, prune, kill): a page calls
// ask() with what will be lost; the window's ConfirmDialog shows it and runs
// `action` only on the user's yes.
QtObject {
    property string title: ""
    property string body: ""
    property string confirmText: ""
    property var action: null
    signal asked()

    function ask(title_, body_, confirmText_, action_) {
        title = title_
        body = body_
        confirmText = confirmText_
        action = action_
        asked()
    }
    // A container's removal, worded once for its row and its page.
    function removeContainer(name, running, action) {
        ask(qsTr("Remove %1?").arg(name),
            running ? qsTr("It is running: it is stopped first. Its writable layer (every file it changed) and its logs are deleted; named volumes stay.")
                    : qsTr("Its writable layer (every file it changed) and its logs are deleted; named volumes stay."),
            qsTr("Remove"), action)
    }
    function confirm() {
        const run = action
        action = null
        if (run)
            run()
    }
    function dismiss() { action = null }
}
