"""What the D-Bus test clients (dbus_build.py, dbus_registries.py) share:
their report lines and waiting for signals on GLib's main loop."""
import sys

from gi.repository import GLib


def fail(reason):
    sys.exit(f"FAIL: {reason}")


def ok(what):
    print(f"ok {what}", flush=True)


def wait_for(predicate, seconds=120):
    """Runs the main loop until predicate() is true (checked every 50 ms) or the time is up."""
    loop = GLib.MainLoop()
    met = [False]

    def check():
        if predicate():
            met[0] = True
            loop.quit()
            return False
        return True
    timer = GLib.timeout_add_seconds(seconds, loop.quit)
    GLib.timeout_add(50, check)
    loop.run()
    if met[0]:
        GLib.source_remove(timer)
    return met[0]
