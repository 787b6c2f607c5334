.pragma library

// What the component tests ask of any component: contrast, text that stays
// inside, and finding children by name.

// WCAG 2 contrast ratio of two colours (1 to 21); AA asks 4.5 for body text.
function contrast(a, b) {
    function luminance(c) {
        const linear = v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
    }
    const la = luminance(Qt.color(a)), lb = luminance(Qt.color(b))
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

function visibleTexts(item) {
    let found = []
    for (let i = 0; i < item.children.length; ++i) {
        const child = item.children[i]
        if (!child.visible)
            continue
        if (typeof child.text === "string" && child.text !== "" && child.contentWidth !== undefined)
            found.push(child)
        found = found.concat(visibleTexts(child))
    }
    return found
}

// The visible texts under `root` whose words are drawn past their own box
// (neither elided nor wrapped) or whose box reaches past root's left or right
// edge; [] when every text stays inside.
function overflowing(root) {
    const out = []
    for (const text of visibleTexts(root)) {
        const padding = (text.leftPadding || 0) + (text.rightPadding || 0)
        const left = text.mapToItem(root, 0, 0).x
        if (text.contentWidth > text.width - padding + 1 || left < -1 || left + text.width > root.width + 1)
            out.push(`"${text.text.slice(0, 24)}" at ${Math.round(left)}, ${Math.round(text.width)} wide`
                     + ` (${Math.round(text.contentWidth)} drawn) in ${root.width}`)
    }
    return out
}

// Every item under `item` with that objectName, in the order of the tree.
function findAll(item, name) {
    let found = []
    for (let i = 0; i < item.children.length; ++i) {
        const child = item.children[i]
        if (child.objectName === name)
            found.push(child)
        found = found.concat(findAll(child, name))
    }
    return found
}

// The first item under `item` for which `test` is true, or null.
function findWhere(item, test) {
    for (let i = 0; i < item.children.length; ++i) {
        const child = item.children[i]
        const found = test(child) ? child : findWhere(child, test)
        if (found)
            return found
    }
    return null
}

// x of `item` in `root`'s coordinates.
function xIn(item, root) {
    return item.mapToItem(root, 0, 0).x
}

const long = "a-very-long-name-that-does-not-fit-anywhere-reasonable-"
             + "and-goes-on-and-on-past-every-edge-of-the-window-0123456789abcdef"
