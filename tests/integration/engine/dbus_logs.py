#!/usr/bin/env python3
"""dbus_logs.py BUS NAME OPTIONS-JSON: calls org.muelle.Engine1.Containers.Logs
on the bus at BUS and reads the descriptor it returns to its end, printing each
frame as "<stream> <line>" (1 stdout, 2 stderr). Errors: the D-Bus error's name
and message on stderr, status 1."""
import json
import os
import struct
import sys

import dbus

bus_address, name, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
bus = dbus.bus.BusConnection(bus_address)
containers = dbus.Interface(bus.get_object("org.muelle.Engine1", "/org/muelle/Engine1/Containers"),
                            "org.muelle.Engine1.Containers")
typed = {k: (dbus.Int32(v) if isinstance(v, int) and not isinstance(v, bool) else v) for k, v in options.items()}
try:
    fd = containers.Logs(name, dbus.Dictionary(typed, signature="sv")).take()
except dbus.exceptions.DBusException as error:
    sys.exit(f"{error.get_dbus_name()}: {error.get_dbus_message()}")
with os.fdopen(fd, "rb") as stream:
    while header := stream.read(8):
        kind, size = header[0], struct.unpack(">I", header[4:8])[0]
        payload = stream.read(size)
        print(kind, payload.decode().rstrip("\n"), flush=True)
