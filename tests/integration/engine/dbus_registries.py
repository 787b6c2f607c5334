#!/usr/bin/env python3
"""dbus_registries.py BUS REG AUTH DIST USER PASS: drives
org.muelle.Engine1.Registries as the desktop's Registries page does, against
muelle-registry anonymous (REG: test/busybox:v1 and test/tools:v1), one
under htpasswd (AUTH: test/private:v1, for USER/PASS) and CNCF Distribution
(DIST: test/busybox:v1, no search). Prints "ok ..." per check; exits 1 with
the reason on the first failure."""
import hashlib
import json
import sys
import urllib.request

import dbus
import dbus.mainloop.glib

from busclient import fail, ok, wait_for

dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
address, reg, auth, dist, user, password = sys.argv[1:7]
bus = dbus.bus.BusConnection(address)
registries = dbus.Interface(bus.get_object("org.muelle.Engine1", "/org/muelle/Engine1/Registries"),
                            "org.muelle.Engine1.Registries")
NONE = dbus.Dictionary({}, signature="sv")
signals = []


def record(name):
    def handler(*args):
        signals.append((name, [str(a) for a in args]))
    return handler


for signal in ("SearchResults", "SearchFailed", "SearchFinished"):
    bus.add_signal_receiver(record(signal), signal_name=signal, dbus_interface="org.muelle.Engine1.Registries")
# Another client of the bus listening: a search's results are not its to see.
overheard = []
other = dbus.bus.BusConnection(address)
for signal in ("SearchResults", "SearchFailed", "SearchFinished"):
    other.add_signal_receiver(lambda *args: overheard.append(args), signal_name=signal,
                              dbus_interface="org.muelle.Engine1.Registries")




def error_of(call, *args):
    try:
        call(*args)
    except dbus.exceptions.DBusException as error:
        return error.get_dbus_name(), error.get_dbus_message()
    fail(f"{call._method_name}{args} succeeded")


def known():
    return {entry["host"]: entry for entry in json.loads(registries.List(NONE))}


# Add, with bad hosts refused
for host in (reg, auth, dist, "127.0.0.1:1"):
    registries.Add(host, NONE)
for bad in ("not a host", "https://x.example", "", "nodots", "a/b"):
    name, _ = error_of(registries.Add, bad, NONE)
    if name != "org.muelle.Engine1.Error.InvalidArgument":
        fail(f"Add({bad!r}): {name}")
name, _ = error_of(registries.Add, reg, dbus.Dictionary({"color": "red"}, signature="sv"))
if name != "org.muelle.Engine1.Error.InvalidArgument":
    fail(f"an unknown option: {name}")
entries = known()
if not all(entries.get(h, {}).get("added") for h in (reg, auth, dist)) or entries[auth]["logged_in"]:
    fail(f"List after Add: {entries}")
ok("Add remembers registries; bad hosts and options are InvalidArgument")

# Login: wrong credentials keep nothing; right ones are kept, never shown
name, message = error_of(registries.Login, auth, user, "wrong", NONE)
if name != "org.muelle.Engine1.Error.Unauthenticated" or known()[auth]["logged_in"]:
    fail(f"a wrong password: {name} {message}")
if registries.Login(auth, user, password, NONE) != "Login Succeeded":
    fail("Login did not succeed")
listed = registries.List(NONE)
entry = known()[auth]
if not entry["logged_in"] or entry["username"] != user or password in listed:
    fail(f"List after Login: {listed}")
ok("Login checks the credentials, keeps them, and List never shows them")

# Check: reachable, and how each is searched
for host, search in ((reg, "muelle"), (auth, "muelle"), (dist, "catalog")):
    checked = json.loads(registries.Check(host, NONE))
    if checked != {"host": host, "search": search}:
        fail(f"Check({host}): {checked}")
name, message = error_of(registries.Check, "127.0.0.1:1", NONE)
if name != "org.muelle.Engine1.Error.Unavailable" or "refused" not in message.lower():
    fail(f"Check of a closed port: {name} {message}")
ok("Check says how each registry is searched, and why one cannot be reached")

# Catalog and Tags, paged
first = json.loads(registries.Catalog(reg, dbus.Dictionary({"n": 1}, signature="sv")))
if first["repositories"] != ["test/busybox"] or not first["next"]:
    fail(f"Catalog page 1: {first}")
second = json.loads(registries.Catalog(reg, dbus.Dictionary({"n": 1, "last": first["next"]}, signature="sv")))
if second["repositories"] != ["test/tools"] or second["next"]:
    fail(f"Catalog page 2: {second}")
private = json.loads(registries.Catalog(auth, NONE))
if private["repositories"] != ["test/private"]:
    fail(f"Catalog of the htpasswd registry, logged in: {private}")
tags = json.loads(registries.Tags(reg, "test/busybox", NONE))
if tags["tags"] != ["v1"] or tags["next"]:
    fail(f"Tags: {tags}")
ok("Catalog and Tags page with n/last, with the kept credentials")
for args, wanted in (((reg, "Bad Name", NONE), "InvalidArgument"), ((reg, "nosuch/repo", NONE), "NotFound")):
    name, _ = error_of(registries.Tags, *args)
    if name != "org.muelle.Engine1.Error." + wanted:
        fail(f"Tags{args}: {name}")
name, _ = error_of(registries.Catalog, reg, dbus.Dictionary({"n": 0}, signature="sv"))
if name != "org.muelle.Engine1.Error.InvalidArgument":
    fail(f"n=0: {name}")
name, _ = error_of(registries.Catalog, "127.0.0.1:1", NONE)
if name != "org.muelle.Engine1.Error.Unavailable":
    fail(f"an unreachable registry's Catalog: {name}")
ok("bad names, missing repositories, bad paging and unreachable registries are refused by name")

# Search across every registry at once
job = registries.Search("busybox", NONE)
if not wait_for(lambda: ("SearchFinished", [job]) in signals):
    fail(f"no SearchFinished: {signals}")
results = {a[1]: json.loads(a[2]) for s, a in signals if s == "SearchResults" and a[0] == job}
failed = {a[1]: a[2] for s, a in signals if s == "SearchFailed" and a[0] == job}
if [r["name"] for r in results.get(reg, [])] != ["test/busybox"]:
    fail(f"muelle-registry's results: {results}")
if [r["name"] for r in results.get(dist, [])] != ["test/busybox"]:
    fail(f"Distribution's results (its catalog filtered): {results}")
if results.get(auth) != []:
    fail(f"the htpasswd registry has no busybox: {results.get(auth)}")
if failed.get("127.0.0.1:1") != "org.muelle.Engine1.Error.Unavailable":
    fail(f"the unreachable registry: {failed}")
finished = [a for s, a in signals if s == "SearchFinished" and a[0] == job]
if len(finished) != 1 or list(signals[-1][1]) != [job]:
    fail(f"SearchFinished must come once, last: {signals}")
if overheard:
    fail(f"another client received the search's signals: {overheard[:2]}")
ok("Search answers per registry (search, catalog filtering, a failure) and finishes once, to its caller alone")
signals.clear()
job = registries.Search("private", NONE)
wait_for(lambda: ("SearchFinished", [job]) in signals)
results = {a[1]: json.loads(a[2]) for s, a in signals if s == "SearchResults" and a[0] == job}
if [r["name"] for r in results.get(auth, [])] != ["test/private"]:
    fail(f"the logged-in registry's search: {results}")
for term in ('"', "a\" OR \"b", "%", "ñandú", "x" * 5000):
    signals.clear()
    job = registries.Search(term, NONE)
    if not wait_for(lambda: ("SearchFinished", [job]) in signals):
        fail(f"no end for {term[:20]!r}")
ok("Search uses the kept credentials; hostile terms end normally")

# Describe: an image, an index of it, its referrers; DeleteTag
def put(path, body, content_type):
    request = urllib.request.Request(f"http://{reg}{path}", data=body, method="PUT" if "?digest" not in path else "POST",
                                     headers={"Content-Type": content_type})
    with urllib.request.urlopen(request) as response:
        return response.status


described = json.loads(registries.Describe(f"{reg}/test/busybox:v1", NONE))
config = described.get("config", {})
if not described["digest"].startswith("sha256:") or config.get("platform") != "linux/amd64" or not described["layers"]:
    fail(f"Describe of an image: {described}")
if not all(layer["local"] for layer in described["layers"]) or described["referrers"] != []:
    fail(f"the pulled image's layers are local, and it has no referrers: {described}")
if not isinstance(config.get("history"), list) or "labels" not in config:
    fail(f"the config's history and labels: {config}")
image = json.loads(registries.Describe(f"{reg}/test/busybox@{described['digest']}", NONE))
if image["digest"] != described["digest"]:
    fail(f"Describe by digest: {image}")
manifest_size = described["manifest_size"]
index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
    {"mediaType": described["media_type"], "digest": described["digest"], "size": manifest_size,
     "platform": {"os": "linux", "architecture": "amd64"}}]}).encode()
put("/v2/test/busybox/manifests/multi", index, "application/vnd.oci.image.index.v1+json")
multi = json.loads(registries.Describe(f"{reg}/test/busybox:multi", NONE))
if [p["platform"] for p in multi.get("platforms", [])] != ["linux/amd64"] or multi.get("described_platform") != "linux/amd64" \
        or multi.get("layers") != described["layers"]:
    fail(f"Describe of an index: {multi}")
other = json.loads(registries.Describe(f"{reg}/test/busybox:multi", dbus.Dictionary({"platform": "linux/s390x"},
                                                                                       signature="sv")))
if "layers" in other or len(other["platforms"]) != 1:
    fail(f"an index without the wanted platform: {other}")
empty = b"{}"
put("/v2/test/busybox/blobs/uploads/?digest=sha256:" + hashlib.sha256(empty).hexdigest(), empty,
    "application/octet-stream")
sbom = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "artifactType": "application/spdx+json",
                   "config": {"mediaType": "application/vnd.oci.empty.v1+json",
                              "digest": "sha256:" + hashlib.sha256(empty).hexdigest(), "size": 2},
                   "layers": [{"mediaType": "application/vnd.oci.empty.v1+json",
                               "digest": "sha256:" + hashlib.sha256(empty).hexdigest(), "size": 2}],
                   "subject": {"mediaType": described["media_type"], "digest": described["digest"],
                               "size": manifest_size}}).encode()
put("/v2/test/busybox/manifests/sha256:" + hashlib.sha256(sbom).hexdigest(), sbom,
    "application/vnd.oci.image.manifest.v1+json")
with_sbom = json.loads(registries.Describe(f"{reg}/test/busybox:v1", NONE))
if [r["artifact_type"] for r in with_sbom["referrers"]] != ["application/spdx+json"]:
    fail(f"the SBOM as a referrer: {with_sbom['referrers']}")
ok("Describe: an image (config, history, local layers), by digest, an index's platforms, referrers")
for ref, wanted in ((f"{reg}/test/nosuch:v1", "NotFound"), ("Bad Reference", "InvalidArgument")):
    name, _ = error_of(registries.Describe, ref, NONE)
    if name != "org.muelle.Engine1.Error." + wanted:
        fail(f"Describe({ref}): {name}")
name, _ = error_of(registries.Describe, f"{reg}/test/busybox:v1", dbus.Dictionary({"platform": "no"}, signature="sv"))
if name != "org.muelle.Engine1.Error.InvalidArgument":
    fail(f"a bad platform: {name}")
ok("Describe refuses what is missing or malformed by name")
registries.DeleteTag(f"{reg}/test/busybox:multi", NONE)
if json.loads(registries.Tags(reg, "test/busybox", NONE))["tags"] != ["v1"]:
    fail("DeleteTag left the tag")
name, _ = error_of(registries.DeleteTag, f"{dist}/test/busybox:v1", NONE)
if name != "org.muelle.Engine1.Error.FailedPrecondition":
    fail(f"Distribution's DeleteTag: {name}")
if json.loads(registries.Tags(dist, "test/busybox", NONE))["tags"] != ["v1"]:
    fail("a refused DeleteTag changed something")
name, _ = error_of(registries.DeleteTag, f"{reg}/test/busybox@{described['digest']}", NONE)
if name != "org.muelle.Engine1.Error.InvalidArgument":
    fail(f"DeleteTag of a digest: {name}")
ok("DeleteTag removes only the tag; a registry that cannot is FailedPrecondition and keeps it")

# Logout and Remove
registries.Logout(auth, NONE)
if known()[auth]["logged_in"]:
    fail("still logged in after Logout")
name, _ = error_of(registries.Logout, auth, NONE)
if name != "org.muelle.Engine1.Error.NotFound":
    fail(f"a second Logout: {name}")
registries.Remove(dist, NONE)
registries.Remove("127.0.0.1:1", NONE)
if dist in known():
    fail("Remove left it")
name, _ = error_of(registries.Remove, dist, NONE)
if name != "org.muelle.Engine1.Error.NotFound":
    fail(f"a second Remove: {name}")
ok("Logout and Remove forget; again is NotFound")
