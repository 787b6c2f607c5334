import QtQuick
import QtTest
import Muelle

// A table's column titles: a click asks to sort by that column, the sorted
// one shows which way.
TestCase {
    name: "TableHeader"
    when: windowShown
    visible: true
    width: 600
    height: 100

    readonly property var columns: [{ key: "name", title: "Name", width: 0 },
                                    { key: "size", title: "Size", width: 100 },
                                    { key: "created", title: "Created", width: 140 }]
    Component { id: header; TableHeader { width: 500; columns: testCase.columns } }
    SignalSpy { id: sorts; signalName: "sortRequested" }
    id: testCase

    function test_clickAsksToSort() {
        const h = createTemporaryObject(header, this)
        sorts.target = h
        waitForRendering(h)
        mouseClick(findChild(h, "column.size"))
        compare(sorts.count, 1)
        compare(sorts.signalArguments[0][0], "size")
        mouseClick(findChild(h, "column.name"))
        compare(sorts.signalArguments[1][0], "name")
    }

    function test_arrowOnTheSortedColumn() {
        const h = createTemporaryObject(header, this, { sortColumn: "size", ascending: true })
        const name = findChild(h, "column.name"), size = findChild(h, "column.size")
        compare(name.text, "Name")
        compare(size.text, "Size  ▲")
        compare(size.Accessible.name, "Size, sorted ascending")
        compare(name.Accessible.name, "Name, sort by it")
        h.ascending = false
        compare(size.text, "Size  ▼")
        compare(size.Accessible.name, "Size, sorted descending")
        h.sortColumn = "name"
        compare(size.text, "Size")
        compare(name.text, "Name  ▼")
    }

    function test_widths() {
        const h = createTemporaryObject(header, this, { actionsWidth: 60 })
        waitForRendering(h)
        compare(findChild(h, "column.size").width, 100)
        compare(findChild(h, "column.created").width, 140)
        const created = findChild(h, "column.created")
        verify(created.x + created.width <= h.width - 60, "the rows' actions keep their room")
        verify(findChild(h, "column.name").width > 80, "the free column takes the rest")
    }

    function test_notSortable() {
        const h = createTemporaryObject(header, this, { sortable: false })
        sorts.clear()
        sorts.target = h
        waitForRendering(h)
        mouseClick(findChild(h, "column.size"))
        compare(sorts.count, 0)
        compare(findChild(h, "column.size").Accessible.name, "Size")
        compare(findChild(h, "column.size").focusPolicy, Qt.NoFocus)
    }
}
