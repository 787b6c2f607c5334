#!/usr/bin/env python3
"""dbus_build.py BUS: drives org.muelle.Engine1.Images.Build, Cancel and
ParseDockerfile on the bus at BUS, as the desktop's build wizard does: the
context is a tar stream written into a pipe while the engine reads the other
end (passed as a unix fd). Checks the BuildStep / BuildStepDone / BuildOutput
/ BuildFinished signals of a build, of its rebuild (every step cached, the
same image), of a failing RUN (its message and Dockerfile line), of a
cancelled build, of a hostile context and of bad options. Prints "ok ..." per
check; exits 1 with the reason on the first failure. Needs a "busybox" image
in the engine."""
import io
import json
import os
import sys
import tarfile
import threading

import dbus
import dbus.mainloop.glib

from busclient import fail, ok, wait_for

dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.bus.BusConnection(sys.argv[1])
images = dbus.Interface(bus.get_object("org.muelle.Engine1", "/org/muelle/Engine1/Images"),
                        "org.muelle.Engine1.Images")
signals = []


def record(name):
    def handler(*args):
        signals.append((name, [a if not isinstance(a, dbus.Array) else list(a) for a in args]))
    return handler


for signal in ("BuildStep", "BuildStepDone", "BuildOutput", "BuildFinished"):
    bus.add_signal_receiver(record(signal), signal_name=signal, dbus_interface="org.muelle.Engine1.Images")




def tar_of(files):
    """A tar of {name: bytes}, written as a stream."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def of_job(job, name=None):
    return [args for signal, args in signals if args[0] == job and (name is None or signal == name)]


def build(payload, options, on_step=None):
    """Starts a build, writes the context through a pipe; returns (job, finished args)."""
    read_end, write_end = os.pipe()
    job = str(images.Build(dbus.types.UnixFd(read_end), dbus.Dictionary(options, signature="sv")))
    os.close(read_end)

    def writer():
        with os.fdopen(write_end, "wb") as stream:
            for start in range(0, len(payload), 65536):
                stream.write(payload[start:start + 65536])
    threading.Thread(target=writer, daemon=True).start()
    if on_step:
        wait_for(lambda: on_step(job))
    if not wait_for(lambda: of_job(job, "BuildFinished")):
        fail(f"build {job}: no BuildFinished")
    return job, of_job(job, "BuildFinished")[0]


# A build and its signals.
dockerfile = b"FROM busybox\nARG WHO=world\nCOPY hello.txt /hello.txt\nRUN echo hello $WHO && cat /hello.txt\n"
context = tar_of({"Dockerfile": dockerfile, "hello.txt": b"from the context\n"})
options = {"tags": dbus.Array(["viadbus:built"], signature="s"), "buildargs": '{"WHO": "bus"}'}
job, finished = build(context, options)
_, image, tags, error, message, line = finished
if error:
    fail(f"the build failed: {error} {message} (line {line})")
if list(tags) != ["viadbus:built"] or not str(image).startswith("sha256:"):
    fail(f"BuildFinished: {finished}")
ok("Build ends with BuildFinished: the image and its tags")
steps = of_job(job, "BuildStep")
if [(s[1], s[2], str(s[3]), s[4]) for s in steps] != [
        (1, 4, "FROM busybox", 1), (2, 4, "ARG WHO=world", 2), (3, 4, "COPY hello.txt /hello.txt", 3),
        (4, 4, "RUN echo hello $WHO && cat /hello.txt", 4)]:
    fail(f"BuildStep signals: {steps}")
ok("BuildStep: each step's number, total, instruction and line")
output = "".join(str(s[1]) for s in of_job(job, "BuildOutput"))
if "hello bus" not in output or "from the context" not in output:
    fail(f"BuildOutput: {output!r}")
ok("BuildOutput: the RUN step's output")
done = of_job(job, "BuildStepDone")
if len(done) != 4 or any(d[2] for d in done) or str(done[-1][3]) != str(image):
    fail(f"BuildStepDone: {done}")
ok("BuildStepDone: each step's image, none from the cache")

# The rebuild: every step from the cache, the same image.
job, finished = build(context, options)
done = of_job(job, "BuildStepDone")
if str(finished[1]) != str(image) or [bool(d[2]) for d in done] != [False, True, True, True]:
    fail(f"rebuild: {finished} {done}")
ok("a rebuild takes every step from the cache and gives the same image")

# A failing RUN: the builder's words and the line.
context = tar_of({"Dockerfile": b"FROM busybox\n\nRUN exit 3\n"})
job, finished = build(context, {})
if not str(finished[3]).endswith(".FailedPrecondition") or "returned a non-zero code: 3" not in str(finished[4]) \
        or finished[5] != 3:
    fail(f"failing RUN: {finished}")
ok("a failing RUN: its message and its Dockerfile line")

# A parse error: its line.
job, finished = build(tar_of({"Dockerfile": b"FROM busybox\nFORM busybox\n"}), {})
if not str(finished[3]).endswith(".InvalidArgument") or "unknown instruction: FORM" not in str(finished[4]) \
        or finished[5] != 2:
    fail(f"parse error: {finished}")
ok("a Dockerfile that does not parse: the error and its line")

# Cancel while a step runs: Cancelled, nothing tagged.
context = tar_of({"Dockerfile": b"FROM busybox\nRUN echo started && sleep 60\n"})


def started(job):
    if "started" in "".join(str(s[1]) for s in of_job(job, "BuildOutput")):
        images.Cancel(job, dbus.Dictionary({}, signature="sv"))
        return True
    return False


job, finished = build(context, {"tags": dbus.Array(["viadbus:cancelled"], signature="s")}, on_step=started)
if not str(finished[3]).endswith(".Cancelled"):
    fail(f"cancel: {finished}")
ok("Cancel stops a running build: BuildFinished says Cancelled")

# A hostile context: nothing written outside it.
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w") as archive:
    for name, data in (("Dockerfile", b"FROM busybox\n"), ("../escaped", b"x")):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
job, finished = build(buffer.getvalue(), {})
if not str(finished[3]).endswith(".InvalidArgument") or "escaped" not in str(finished[4]):
    fail(f"hostile context: {finished}")
ok("a context with '../' is refused, naming the entry")

# Bad options: refused before anything starts.
for bad, words in (({"tags": "notalist"}, "wrong type"), ({"platform": "linux/s390x"}, "not supported"),
                   ({"buildargs": "[1]"}, "not a JSON object"), ({"tags": dbus.Array(["Bad:Tag"], signature="s")},
                                                                "invalid reference format")):
    read_end, write_end = os.pipe()
    try:
        images.Build(dbus.types.UnixFd(read_end), dbus.Dictionary(bad, signature="sv"))
        fail(f"options {bad} were accepted")
    except dbus.exceptions.DBusException as refused:
        if not refused.get_dbus_name().endswith(".InvalidArgument") or words not in refused.get_dbus_message():
            fail(f"options {bad}: {refused.get_dbus_name()} {refused.get_dbus_message()}")
    finally:
        os.close(read_end)
        os.close(write_end)
ok("bad options are InvalidArgument")

# ParseDockerfile: the wizard's live checking.
summary = json.loads(str(images.ParseDockerfile(
    "ARG BASE=busybox\nFROM $BASE AS build\nARG MODE=fast\nRUN true\nFROM busybox\nCOPY --from=build /x /x\n",
    dbus.Dictionary({}, signature="sv"))))
if [(s["index"], s["name"], s["base"], s["line"], s["dependsOn"]) for s in summary["stages"]] != [
        (0, "build", "busybox", 2, []), (1, "", "busybox", 5, [0])]:
    fail(f"ParseDockerfile stages: {summary}")
if [(a["name"], a["default"], a["line"], a["stage"]) for a in summary["args"]] != [
        ("BASE", "busybox", 1, -1), ("MODE", "fast", 3, 0)] or summary["errors"]:
    fail(f"ParseDockerfile args: {summary}")
ok("ParseDockerfile: stages, their dependencies, ARGs with defaults and lines")
summary = json.loads(str(images.ParseDockerfile("FROM busybox\nRUN true\nFORM x\n", dbus.Dictionary({}, signature="sv"))))
if [(e["line"], e["message"]) for e in summary["errors"]] != [
        (3, "dockerfile parse error line 3: unknown instruction: FORM")]:
    fail(f"ParseDockerfile errors: {summary}")
ok("ParseDockerfile: an error in the builder's words, with its line")
