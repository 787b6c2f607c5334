import QtQuick
import QtQuick.Controls
import QtTest
import Muelle
import "helpers.js" as Helpers

// A table's row: each cell under its column's title (left to right and
// mirrored), long cells elided, missing cells empty.
TestCase {
    id: testCase
    name: "TableRow"
    when: windowShown
    visible: true
    width: 600
    height: 300

    readonly property var columns: [{ key: "name", title: "Name", width: 0 },
                                    { key: "size", title: "Size", width: 100 },
                                    { key: "created", title: "Created", width: 140 }]
    Component {
        id: table
        Column {
            width: 500
            property alias header: header
            property alias row: row
            TableHeader { id: header; width: parent.width; columns: testCase.columns; actionsWidth: Theme.iconButton }
            TableRow {
                id: row
                width: parent.width
                columns: testCase.columns
                actionsWidth: Theme.iconButton
                IconButton { objectName: "action"; tip: "Remove"; icon.source: "qrc:/icons/close.svg" }
            }
        }
    }
    Component { id: bare; TableRow { width: 500; columns: testCase.columns } }
    Item {
        id: mirrored
        anchors.fill: parent
        LayoutMirroring.enabled: true
        LayoutMirroring.childrenInherit: true
    }

    // Where a column's words start, in the table's coordinates.
    function headerTextX(t, key) {
        const title = findChild(t.header, "column." + key)
        return Helpers.xIn(title.contentItem, t)
    }
    function cellX(t, key) { return Helpers.xIn(findChild(t.row, "cell." + key), t) }

    function test_cells() {
        const r = createTemporaryObject(bare, this, { cells: ["web", "12 MiB"] })
        compare(findChild(r, "cell.name").text, "web")
        compare(findChild(r, "cell.size").text, "12 MiB")
        compare(findChild(r, "cell.created").text, "")
        compare(r.Accessible.name, "web, 12 MiB")
    }

    function test_cellsUnderTheirColumns() {
        const t = createTemporaryObject(table, this)
        t.row.cells = ["web", "12 MiB", "yesterday"]
        waitForRendering(t)
        for (const column of columns)
            fuzzyCompare(cellX(t, column.key), headerTextX(t, column.key), 1)
    }

    function test_longCellsElide() {
        const t = createTemporaryObject(table, this)
        t.row.cells = [Helpers.long, Helpers.long, Helpers.long]
        waitForRendering(t)
        compare(Helpers.overflowing(t.row), [])
        verify(findChild(t.row, "cell.name").truncated)
        const action = findChild(t.row, "action")
        verify(Helpers.xIn(action, t.row) + action.width <= t.row.width + 1)
        for (const column of columns)
            fuzzyCompare(cellX(t, column.key), headerTextX(t, column.key), 1)
    }

    function test_rightToLeft() {
        const t = createTemporaryObject(table, mirrored)
        t.row.cells = ["web", "12 MiB", "yesterday"]
        waitForRendering(t)
        verify(cellX(t, "name") > cellX(t, "size"), "the first column on the right")
        verify(Helpers.xIn(findChild(t.row, "action"), t) < cellX(t, "created"), "the actions on the left")
        // Right-aligned words: a title ends where its cell ends, give or take
        // the title delegate's own (unmirrored) inset, under a grid step.
        for (const column of columns) {
            const title = findChild(t.header, "column." + column.key), cell = findChild(t.row, "cell." + column.key)
            fuzzyCompare(Helpers.xIn(cell, t) + cell.width, Helpers.xIn(title.contentItem, t) + title.contentItem.width,
                         Theme.spacing)
        }
    }
}
