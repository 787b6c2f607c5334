#!/usr/bin/python3
"""slow_authority.py --delay SECONDS --allow USER[,USER...] --log FILE [--bus ADDRESS]

A stand-in for polkitd that answers late. It owns org.freedesktop.PolicyKit1
on the bus at ADDRESS (default $DBUS_SYSTEM_BUS_ADDRESS) and serves
org.freedesktop.PolicyKit1.Authority.CheckAuthorization with polkit's own
signature, ((sa{sv}) s a{ss} u s) -> ((bba{ss})), for subjects of the kind
("system-bus-name", {"name": <unique name>}): it asks the bus for that name's
uid, and SECONDS later answers (true, false, {}) when the uid is in the allow
list (uids or user names) and (false, false, {}) otherwise, whatever the
action. Each answer waits on a GLib timeout, never in the handler: while one
check waits, every other call is served.

The log tells a test where each check stands without timing, one line each:
    asked <name>                 a check arrived
    answered <name> <yes|no>     its answer went out
    failed <name> <error>        it got an error instead (unknown name, bad subject)
    cancelled <name>             CancelCheckAuthorization ended it before its answer
Ready once the name is owned (NameHasOwner on the bus); it runs until SIGTERM.
Needs Debian's python3-dbus and python3-gi."""
import argparse
import os
import pwd
import signal
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

NAME = "org.freedesktop.PolicyKit1"
PATH = "/org/freedesktop/PolicyKit1/Authority"
AUTHORITY = "org.freedesktop.PolicyKit1.Authority"
ERROR = "org.freedesktop.PolicyKit1.Error."


def uid_of(user):
    return int(user) if user.isdigit() else pwd.getpwnam(user).pw_uid


class Authority(dbus.service.Object):
    def __init__(self, bus, delay, allowed, log):
        super().__init__(bus, PATH)
        self.bus, self.delay, self.allowed, self.log_path = bus, delay, allowed, log
        self.pending = {}  # cancellation id -> (name, error callback, timeout source)

    def log(self, line):
        with open(self.log_path, "a") as log:
            print(line, file=log, flush=True)

    @dbus.service.method(AUTHORITY, in_signature="(sa{sv})sa{ss}us", out_signature="(bba{ss})",
                         async_callbacks=("reply", "error"))
    def CheckAuthorization(self, subject, action_id, details, flags, cancellation_id, reply, error):
        kind, subject_details = subject
        name = str(subject_details.get("name", ""))
        self.log(f"asked {name or '-'}")
        if kind != "system-bus-name" or not name:
            self.log(f"failed {name or '-'} unsupported subject")
            error(dbus.exceptions.DBusException(f"subject {kind} is not supported here", name=ERROR + "Failed"))
            return

        def refused(exception):
            self.log(f"failed {name} {exception.get_dbus_name()}")
            error(dbus.exceptions.DBusException(f"cannot tell who {name} is: {exception.get_dbus_message()}",
                                                name=ERROR + "Failed"))

        def known(uid):
            def answer():
                self.pending.pop(cancellation_id, None)
                allowed = int(uid) in self.allowed
                self.log(f"answered {name} {'yes' if allowed else 'no'}")
                reply(dbus.Struct((allowed, False, dbus.Dictionary({}, signature="ss")), signature="bba{ss}"))
                return GLib.SOURCE_REMOVE
            source = GLib.timeout_add(int(self.delay * 1000), answer)
            if cancellation_id:
                self.pending[cancellation_id] = (name, error, source)

        self.bus.call_async("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                            "GetConnectionUnixUser", "s", (name,), known, refused)

    @dbus.service.method(AUTHORITY, in_signature="s", out_signature="")
    def CancelCheckAuthorization(self, cancellation_id):
        if cancellation_id not in self.pending:
            raise dbus.exceptions.DBusException(f"no check is pending as {cancellation_id!r}", name=ERROR + "Failed")
        name, error, source = self.pending.pop(cancellation_id)
        GLib.source_remove(source)
        self.log(f"cancelled {name}")
        error(dbus.exceptions.DBusException("the check was cancelled", name=ERROR + "Cancelled"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[2])
    parser.add_argument("--bus", default=os.environ.get("DBUS_SYSTEM_BUS_ADDRESS"))
    parser.add_argument("--delay", type=float, required=True, help="seconds before each answer")
    parser.add_argument("--allow", default="", help="uids or user names to authorise, comma-separated")
    parser.add_argument("--log", required=True, help="file the asked/answered lines are appended to")
    args = parser.parse_args()
    if not args.bus:
        parser.error("no bus: give --bus or set DBUS_SYSTEM_BUS_ADDRESS")
    allowed = {uid_of(user) for user in args.allow.split(",") if user}

    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(args.bus)
    authority = Authority(bus, args.delay, allowed, args.log)
    # Refused by the bus policy -> an exception here; taken -> not ours: both end the run.
    if bus.request_name(NAME, dbus.bus.NAME_FLAG_DO_NOT_QUEUE) != dbus.bus.REQUEST_NAME_REPLY_PRIMARY_OWNER:
        sys.exit(f"cannot own {NAME}: another connection owns it")
    print(f"slow authority: {NAME} on {args.bus}, answers after {args.delay} s, allows uids "
          f"{sorted(allowed)}", flush=True)
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    loop.run()
    del authority


if __name__ == "__main__":
    main()
