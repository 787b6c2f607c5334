import QtQuick
import QtQuick.Controls
import QtTest
import Muelle
import "helpers.js" as Helpers

// Confirm.ask() opens the window's dialog with what will be lost; its
// destructive button runs the action once, Cancel and Escape run nothing.
TestCase {
    name: "ConfirmDialog"
    when: windowShown
    visible: true
    width: 600
    height: 400

    ConfirmDialog { id: dialog }
    property int runs: 0

    function init() { runs = 0 }
    function cleanup() {
        dialog.close()
        tryVerify(() => !dialog.visible)
        Confirm.dismiss()
    }

    function ask() {
        Confirm.ask("Remove web?", "Its writable layer is lost.", "Remove", () => ++runs)
        tryVerify(() => dialog.opened)
    }

    function test_opensWithTheWords() {
        ask()
        compare(dialog.title, "Remove web?")
        compare(findChild(dialog.contentItem, "confirmBody").text, "Its writable layer is lost.")
        const accept = findChild(dialog.footer, "confirmAccept")
        compare(accept.text, "Remove")
        for (const choice of ["light", "dark"]) {
            Theme.choice = choice
            verify(Helpers.contrast(accept.palette.buttonText, accept.palette.button) >= 4.5, choice)
        }
        Theme.choice = "system"
        compare(runs, 0)
    }

    function test_acceptRunsOnce() {
        ask()
        mouseClick(findChild(dialog.footer, "confirmAccept"))
        compare(runs, 1)
        tryVerify(() => !dialog.visible)
        Confirm.confirm()
        compare(runs, 1)
    }

    function test_cancelRunsNothing() {
        ask()
        mouseClick(findChild(dialog.footer, "confirmCancel"))
        tryVerify(() => !dialog.visible)
        compare(runs, 0)
        Confirm.confirm()
        compare(runs, 0)
    }

    function test_escapeRunsNothing() {
        ask()
        keyClick(Qt.Key_Escape)
        tryVerify(() => !dialog.visible)
        compare(runs, 0)
        Confirm.confirm()
        compare(runs, 0)
    }

    function test_latestQuestionWins() {
        let first = 0
        Confirm.ask("Kill a?", "", "Kill", () => ++first)
        ask()
        mouseClick(findChild(dialog.footer, "confirmAccept"))
        compare(first, 0)
        compare(runs, 1)
    }

    function test_longBodyWraps() {
        Confirm.ask("Prune?", Helpers.long + " " + Helpers.long, "Prune", () => ++runs)
        tryVerify(() => dialog.opened)
        waitForRendering(dialog.contentItem)
        const body = findChild(dialog.contentItem, "confirmBody")
        verify(body.lineCount > 1)
        compare(Helpers.overflowing(dialog.contentItem), [])
        verify(dialog.width <= width)
    }
}
