"""muelle-desktop through the AT-SPI bus, as a screen reader drives it.

Run by accessibility.sh inside Xvfb and a session bus of its own. It starts
the app on the container a11y-web, then for each tab of that page, each page
(Ctrl+1..Ctrl+5) and the run dialog (Ctrl+N) lists every interactive control
without an accessible name, and fails on them and on a page with no control
the keyboard can reach. Then it creates a volume on the Volumes page by
keyboard alone and asks the engine whether it exists.

There is no tray on this display, so the window is the tray-less one;
its toolbar and navigation rail are checked with the first page. Keys are
real X key events (xdotool, through XTEST), as a user's would be. Each
page's tree goes to $MUELLE_ARTIFACTS/accessibility-tree.txt.
Env: A11Y_APP, A11Y_TYPED_VOLUME, MUELLE_TEST_BUS, DOCKER, MUELLE_ARTIFACTS.
"""
import os
import subprocess
import sys
import time

import pyatspi

# The roles a user operates, so a screen reader must say what each is.
# - LIST_ITEM: Qt Quick gives it to ItemDelegate (a button in a list) and to
#   nothing else unless the QML says so, so here a list item is clickable.
# - PAGE_TAB: TabButton, but Qt 6.4 also gives it to every Page, which is a
#   container (named by its title); only a page tab in a page tab list (a
#   TabBar) counts. (TabButton has no Press action in 6.4, only SetFocus.)
# - TEXT: TextField/TextArea (a Text is a LABEL), unless read-only: that is
#   content, and a screen reader reads it out. Not the TEXT inside a combo
#   box either: it is how the combo shows its choice, and the combo's name
#   is what is read (Qt 6.4 says "editable" even of a non-editable combo's).
# Left out: scroll bars (their orientation is their name, as in every
# toolkit), and labels, which Qt 6.4 reports focusable although Tab never
# stops on them.
INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_DIAL, pyatspi.ROLE_MENU, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TREE_ITEM, pyatspi.ROLE_LINK,
}

failures = []
TREE = os.path.join(os.environ.get("MUELLE_ARTIFACTS", "."), "accessibility-tree.txt")
the_app = None  # for wait_for's dump
DUMPED = {pyatspi.STATE_FOCUSABLE, pyatspi.STATE_FOCUSED, pyatspi.STATE_CHECKED, pyatspi.STATE_EDITABLE,
          pyatspi.STATE_READ_ONLY}


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def actions(acc):
    try:
        action = acc.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def has(acc, state):
    return acc.getState().contains(state)


def is_page(acc):
    """A Page: a page tab that is not in a TabBar."""
    return acc.getRole() == pyatspi.ROLE_PAGE_TAB and acc.parent.getRole() != pyatspi.ROLE_PAGE_TAB_LIST


def is_interactive(acc):
    role = acc.getRole()
    if role == pyatspi.ROLE_TEXT:
        return not has(acc, pyatspi.STATE_READ_ONLY) and acc.parent.getRole() != pyatspi.ROLE_COMBO_BOX
    return role in INTERACTIVE and not is_page(acc)


def showing(root):
    """The showing accessibles under root, depth first, with their ancestors."""
    def walk(acc, ancestors):
        for child in acc:
            # Hidden pages and closed popups stay in Qt's tree, unshown.
            if child is None or not has(child, pyatspi.STATE_SHOWING):
                continue
            yield child, ancestors
            yield from walk(child, ancestors + [child])
    yield from walk(root, [root])


def label(acc):
    name = acc.name or acc.description
    return f"{acc.getRoleName()} {name!r}" if name else acc.getRoleName()


def neighbourhood(acc, ancestors):
    """Where a control is, for a developer: its ancestors' names, named
    neighbours, description, actions and where it is on the screen."""
    path = " > ".join(label(a) for a in ancestors)
    inside = [label(a) for a, _ in showing(acc) if a.name][:3]
    siblings = [s for s in ancestors[-1] if s is not None and has(s, pyatspi.STATE_SHOWING)]
    here = next((i for i, s in enumerate(siblings) if s.path == acc.path), 0)
    named = lambda seq: next((label(s) for s in seq if s.name), "-")
    box = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return (f"in: {path}; after: {named(reversed(siblings[:here]))}; before: {named(siblings[here + 1:])}; "
            f"shows: {', '.join(inside) or '-'}; description: {acc.description!r}; "
            f"actions: {','.join(actions(acc)) or '-'}; at {box.x},{box.y} {box.width}x{box.height}")


class App:
    def __init__(self, argv):
        log = open(os.path.join(os.environ["MUELLE_ARTIFACTS"], "accessibility-app.log"), "w")
        # The registry up before the app: an app that registers before the
        # registry daemon is there is never listed on the desktop.
        pyatspi.Registry.getDesktop(0).childCount
        self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        mine = lambda: next((a for a in pyatspi.Registry.getDesktop(0)
                             if a is not None and a.get_process_id() == self.process.pid), None)
        self.acc = wait_for(mine, 30, "the app on the accessibility bus")
        # No window manager under Xvfb: give the window the X keyboard focus.
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Muelle$",
                        "windowfocus"], check=True, timeout=10, stdout=subprocess.DEVNULL)

    def fresh(self, acc):
        """acc, its states read anew: they change without our listening for events."""
        self.acc.clear_cache()
        return acc

    def window(self):
        """The main window's frame, or the modal dialog on it when one is open."""
        frame = next(c for c in self.fresh(self.acc) if c.getRole() == pyatspi.ROLE_FRAME)
        dialogs = [a for a, _ in showing(frame) if a.getRole() == pyatspi.ROLE_DIALOG]
        return dialogs[0] if dialogs else frame

    def find(self, test):
        return next((a for a, _ in showing(self.window()) if test(a)), None)

    def focused(self):
        """The deepest focused accessible: Qt 6.4 also says "focused" of
        each focus scope (the Page) on the way to it."""
        chain = [a for a, _ in showing(self.window()) if has(a, pyatspi.STATE_FOCUSED)]
        return chain[-1] if chain else None

    def settle(self):
        """Waits until what shows stops changing: pages load and models fill
        after the switch."""
        last = None
        for _ in range(30):
            now = [(a.getRoleName(), a.name) for a, _ in showing(self.window())]
            if now == last:
                return
            last = now
            time.sleep(0.3)


def wait_for(probe, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.2)
    if the_app:
        dump(the_app, f"waiting for {what}")
    raise SystemExit(f"FAIL: no {what} after {seconds} s (the tree: {TREE})")


def dump(app, where):
    """Appends what shows to TREE: what a developer reads when this fails."""
    with open(TREE, "a") as out:
        print(f"== {where}", file=out)
        for acc, ancestors in showing(app.window()):
            states = [pyatspi.stateToString(s) for s in acc.getState().getStates() if s in DUMPED]
            print(f"{'  ' * len(ancestors)}{acc.getRoleName()} {acc.name!r} {acc.description!r} "
                  f"{' '.join(states)} [{','.join(actions(acc))}]", file=out)


def key(*keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True, timeout=10)


def check_names(app, where, seen):
    """Fails on each unnamed interactive control that shows (reported once,
    where first seen: the rail shows on every page) and on a page or dialog
    with no control the keyboard can reach."""
    window = app.window()
    page = window
    if window.getRole() == pyatspi.ROLE_FRAME:  # the page is the frame's showing page tab
        page = next((a for a in window if a is not None and is_page(a) and has(a, pyatspi.STATE_SHOWING)), None)
        if page is None:
            return fail(f"{where}: no page shows")
    reachable = [a for a, _ in showing(page) if is_interactive(a) and has(a, pyatspi.STATE_FOCUSABLE)
                 and has(a, pyatspi.STATE_ENABLED)]
    if not reachable:
        fail(f"{where}: no control on the page takes the keyboard focus")
    unnamed = 0
    for acc, ancestors in showing(window):
        if not is_interactive(acc) or acc.name.strip() or acc.path in seen:
            continue
        seen.add(acc.path)
        unnamed += 1
        fail(f"{where}: unnamed {acc.getRoleName()} ({neighbourhood(acc, ancestors)})")
    dump(app, where)
    print(f"{where}: {len(reachable)} focusable controls, {unnamed} new unnamed", file=sys.stderr)


def walk_pages(app):
    seen = set()
    # The container page first: the app opened on it, and only a click on a
    # row comes back to it. A tab is chosen as a keyboard user does: focus
    # on it (as Tab would put it), Space.
    overview = wait_for(lambda: app.find(lambda a: is_interactive(a) and a.name == "Overview"), 20,
                        "container page (its Overview tab)")
    for tab in [a for a in overview.parent if a is not None and is_interactive(a)]:
        name = tab.name
        tab.queryComponent().grabFocus()
        wait_for(lambda: has(app.fresh(tab), pyatspi.STATE_FOCUSED), 5, f"focus on tab {name!r}")
        key("space")
        wait_for(lambda: has(app.fresh(tab), pyatspi.STATE_CHECKED), 10, f"tab {name!r} chosen by Space")
        app.settle()
        check_names(app, f"container page, tab {name!r}", seen)
    # The pages' titles name their Page.
    for number, title in enumerate(["Dashboard", "Containers", "Images", "Volumes", "Networks", "Registries"], 1):
        key(f"ctrl+{number}")
        wait_for(lambda: app.find(lambda a: is_page(a) and a.name == title), 10,
                 f"{title} page after Ctrl+{number}")
        app.settle()
        check_names(app, f"{title} page", seen)
    key("ctrl+k")
    wait_for(lambda: app.window().getRole() == pyatspi.ROLE_DIALOG, 10, "search dialog after Ctrl+K")
    app.settle()
    check_names(app, "search dialog", seen)
    key("Escape")
    wait_for(lambda: app.window().getRole() == pyatspi.ROLE_FRAME, 10, "search dialog closed by Escape")
    key("ctrl+n")
    wait_for(lambda: app.window().getRole() == pyatspi.ROLE_DIALOG, 10, "run dialog after Ctrl+N")
    app.settle()
    check_names(app, "run dialog", seen)
    key("Escape")
    wait_for(lambda: app.window().getRole() == pyatspi.ROLE_FRAME, 10, "run dialog closed by Escape")


def tab(app, before, what):
    """Presses Tab; the newly focused accessible, failing when it stays."""
    key("Tab")
    moved = lambda now: now if now and (before is None or now.path != before.path) else None
    return wait_for(lambda: moved(app.focused()), 3,
                    f"focus move by Tab {what} (stuck on {label(before) if before else 'nothing'})")


def create_volume_by_keyboard(app):
    """Volumes page: Tab once round the page (each Tab must move the focus
    and it must come back), then to the new volume's name; type it, Tab to
    Create, Space; the engine must then have the volume."""
    where = "keyboard, Volumes page"
    volume = os.environ["A11Y_TYPED_VOLUME"]
    key("ctrl+4")
    app.settle()
    ring = [tab(app, app.focused(), "on the Volumes page")]
    for _ in range(40):
        now = tab(app, ring[-1], f"after {label(ring[-1])}")
        if now.path == ring[0].path:
            break
        if now.path in [a.path for a in ring]:
            return fail(f"{where}: Tab goes round {label(now)} and never back to {label(ring[0])}")
        ring.append(now)
    else:
        return fail(f"{where}: 40 Tabs and the focus is not back where it started")
    order = " -> ".join(label(a) for a in ring)
    print(f"{where}: Tab order {order}", file=sys.stderr)
    # Found as a screen reader user finds it: by what it is and says.
    is_field = lambda a: a.getRole() == pyatspi.ROLE_TEXT and "volume" in (a.name + a.description).lower()
    at = next((i for i, a in enumerate(ring) if is_field(a)), None)
    if at is None:
        return fail(f"{where}: Tab never reaches the new volume's name field (order: {order})")
    field = ring[0]
    for _ in range(at):
        field = tab(app, field, "towards the name field")
    subprocess.run(["xdotool", "type", "--delay", "30", volume], check=True, timeout=30)
    text = field.queryText()
    wait_for(lambda: text.getText(0, -1) == volume, 5, f"{volume!r} typed into {label(field)}")
    create = tab(app, field, "from the name field")
    if create.getRole() != pyatspi.ROLE_PUSH_BUTTON or not create.name.lower().startswith("create"):
        return fail(f"{where}: Tab from the name field goes to {label(create)}, not the Create button")
    key("space")
    exists = lambda: subprocess.run([os.environ["DOCKER"], "volume", "inspect", volume],
                                    capture_output=True, timeout=30).returncode == 0
    wait_for(exists, 15, f"volume {volume!r} in the engine after Space on Create")
    print(f"{where}: created {volume!r} by keyboard", file=sys.stderr)


def main():
    global the_app
    started = time.monotonic()
    open(TREE, "w").close()
    app = the_app = App([os.environ["A11Y_APP"], "--bus", os.environ["MUELLE_TEST_BUS"],
                         "--container", "a11y-web", "--tab", "overview"])
    try:
        walk_pages(app)
        create_volume_by_keyboard(app)
    finally:
        app.process.terminate()
        app.process.wait(10)
    print(f"accessibility.py: {len(failures)} failures in {time.monotonic() - started:.1f} s", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
