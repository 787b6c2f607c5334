"""Harness for muelled's pull tests under bad input and faults.

Standard library only. Three parts:

* ``Engine``: the real muelled on a temporary data root and a short unix
  socket path under /tmp, with the Docker Engine API spoken over that socket
  (http.client with a unix-socket connection class), restartable on the same
  data root, killable with SIGKILL, its stderr kept in a log file.

* ``HostileRegistry``: an OCI Distribution registry written here
  (http.server.ThreadingHTTPServer on 127.0.0.1, plain HTTP), serving
  manifests and blobs from in-memory dicts, with per-blob / per-manifest
  behaviours: wrong bytes, a truncated body (the full Content-Length is
  announced, then the connection closes), N errors then success, always an
  error, hanging without answering, serving slowly. It counts every request.
  A hostile registry cannot be made from a well-behaved one.

* Image builders: tar layers made with ``tarfile`` (anything tarfile can
  write, including names and links a safe extractor must refuse or confine),
  gzip-compressed with ``gzip``, and OCI / Docker manifests and configs with
  their diff IDs computed here.

The binary is $MUELLED, else <repo>/build/bin/muelled. MUELLE_KEEP_TMP=1
keeps the temporary directories (data roots, muelled logs).
"""

import gzip
import hashlib
import http.client
import http.server
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tarfile
import tempfile
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_BINARY = os.path.join(REPO_ROOT, "build", "bin", "muelled")

START_TIMEOUT = 30      # seconds until GET /_ping answers
STOP_TIMEOUT = 15       # seconds between SIGTERM and SIGKILL
HTTP_TIMEOUT = 120      # seconds, per API request (a pull included)

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip"

MTIME = 1700000000      # every tar entry's mtime: layers are reproducible


def binary():
    return os.environ.get("MUELLED") or DEFAULT_BINARY


def require_binary():
    path = binary()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise RuntimeError("muelled binary not found at %s (set MUELLED)" % path)
    return path


def keep_tmp():
    return os.environ.get("MUELLE_KEEP_TMP") == "1"


def digest_of(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def hex_of(digest):
    return digest.split(":", 1)[1]


def short(digest):
    """The 12-hex-digit ID muelled (like docker) shows for a layer."""
    return hex_of(digest)[:12]


def chain_ids(diff_ids):
    chain = []
    for diff_id in diff_ids:
        chain.append(diff_id if not chain else digest_of(("%s %s" % (chain[-1], diff_id)).encode()))
    return chain


def host_arch():
    machine = os.uname().machine
    return {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "i686": "386",
            "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64"}.get(machine, machine)


# ----------------------------------------------------------------------------
# layers and images

class Entry:
    """One tar entry: a TarInfo and, for regular files, its data."""

    def __init__(self, info, data=None):
        self.info = info
        self.data = data


def _info(name, type_, mode):
    info = tarfile.TarInfo(name)
    info.type = type_
    info.mode = mode
    info.mtime = MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def file_entry(name, data=b"", mode=0o644):
    info = _info(name, tarfile.REGTYPE, mode)
    info.size = len(data)
    return Entry(info, data)


def dir_entry(name, mode=0o755):
    return Entry(_info(name, tarfile.DIRTYPE, mode))


def symlink_entry(name, target):
    info = _info(name, tarfile.SYMTYPE, 0o777)
    info.linkname = target
    return Entry(info)


def hardlink_entry(name, target):
    info = _info(name, tarfile.LNKTYPE, 0o644)
    info.linkname = target
    return Entry(info)


def chardev_entry(name, major, minor):
    info = _info(name, tarfile.CHRTYPE, 0o666)
    info.devmajor, info.devminor = major, minor
    return Entry(info)


def blockdev_entry(name, major, minor):
    info = _info(name, tarfile.BLKTYPE, 0o660)
    info.devmajor, info.devminor = major, minor
    return Entry(info)


def fifo_entry(name):
    return Entry(_info(name, tarfile.FIFOTYPE, 0o644))


def make_tar(entries):
    """The tar stream of `entries`, names and link targets written as given
    (tarfile does not sanitize what it writes)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for entry in entries:
            tar.addfile(entry.info, io.BytesIO(entry.data) if entry.data is not None else None)
    return out.getvalue()


def many_files_tar(count, dirs=100):
    """A tar of `dirs` directories holding `count` small regular files
    (d007/f000007 holding "000007\\n"), built from one header template: the
    tarfile module takes seconds for 100000 entries."""
    parts = [dir_entry("d%03d" % i).info.tobuf(tarfile.GNU_FORMAT) for i in range(dirs)]
    template = bytearray(file_entry("d000/f000000", b"000000\n").info.tobuf(tarfile.GNU_FORMAT))
    assert len(template) == 512
    padding = bytes(512 - 7)
    for i in range(count):
        header = template[:]
        header[0:12] = b"d%03d/f%06d" % (i % dirs, i)
        header[148:156] = b"        "
        header[148:156] = b"%06o\0 " % sum(header)
        parts.append(bytes(header))
        parts.append(b"%06d\n" % i + padding)
    parts.append(bytes(1024))
    return b"".join(parts)


def tar_names(tar_bytes):
    """The raw names in a tar stream (to check tarfile wrote them as given)."""
    with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:") as tar:
        return [m.name for m in tar.getmembers()]


class Layer:
    """A layer blob: `blob` is what the registry serves, `diff_id` the
    sha256 of the uncompressed tar."""

    def __init__(self, tar_bytes, compress=True, level=6, media_type=None):
        self.tar = tar_bytes
        self.diff_id = digest_of(tar_bytes)
        if compress:
            self.blob = gzip.compress(tar_bytes, compresslevel=level, mtime=0)
            self.media_type = media_type or OCI_LAYER_GZIP
        else:
            self.blob = tar_bytes
            self.media_type = media_type or OCI_LAYER_TAR
        self.digest = digest_of(self.blob)
        self.size = len(self.blob)

    @classmethod
    def of(cls, entries, **kwargs):
        return cls(make_tar(entries), **kwargs)

    def descriptor(self):
        return {"mediaType": self.media_type, "digest": self.digest, "size": self.size}


class Image:
    """A single-platform image (no index): its config and manifest bytes,
    diff IDs computed from the layers."""

    def __init__(self, layers, docker=False, diff_ids=None, created="2024-01-01T00:00:00Z", labels=None):
        self.layers = list(layers)
        self.diff_ids = list(diff_ids) if diff_ids is not None else [l.diff_id for l in self.layers]
        config = {
            "architecture": host_arch(),
            "os": "linux",
            "created": created,
            "config": {"Cmd": ["/bin/sh"], "Labels": labels or {}},
            "rootfs": {"type": "layers", "diff_ids": self.diff_ids},
            "history": [{"created": created, "created_by": "engine_harness layer %d" % i}
                        for i in range(len(self.layers))],
        }
        self.config = json.dumps(config, sort_keys=True).encode()
        self.config_digest = digest_of(self.config)
        manifest_type = DOCKER_MANIFEST if docker else OCI_MANIFEST
        manifest = {
            "schemaVersion": 2,
            "mediaType": manifest_type,
            "config": {"mediaType": DOCKER_CONFIG if docker else OCI_CONFIG,
                       "digest": self.config_digest, "size": len(self.config)},
            "layers": [self._descriptor(l, docker) for l in self.layers],
        }
        self.manifest = json.dumps(manifest, indent=3).encode()
        self.manifest_type = manifest_type
        self.manifest_digest = digest_of(self.manifest)

    @staticmethod
    def _descriptor(layer, docker):
        descriptor = layer.descriptor()
        if docker and layer.media_type == OCI_LAYER_GZIP:
            descriptor["mediaType"] = DOCKER_LAYER_GZIP
        return descriptor

    @property
    def id(self):
        return self.config_digest

    @property
    def chain_ids(self):
        return chain_ids(self.diff_ids)


# ----------------------------------------------------------------------------
# the hostile registry

class Behaviour:
    """How the registry answers one blob or manifest. serve() writes the
    whole answer; the default is a correct 200."""

    def serve(self, handler, body, content_type, digest):
        handler.send_body(200, body, content_type, digest)


class Normal(Behaviour):
    pass


class WrongBytes(Behaviour):
    """Serves `data` instead of the content the digest names."""

    def __init__(self, data):
        self.data = data

    def serve(self, handler, body, content_type, digest):
        handler.send_body(200, self.data, content_type, digest)


class Truncate(Behaviour):
    """Announces the full Content-Length, sends the first `keep` bytes
    (default: half), then closes the connection."""

    def __init__(self, keep=None):
        self.keep = keep

    def serve(self, handler, body, content_type, digest):
        keep = len(body) // 2 if self.keep is None else self.keep
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        if digest:
            handler.send_header("Docker-Content-Digest", digest)
        handler.end_headers()
        try:
            handler.wfile.write(body[:keep])
            handler.wfile.flush()
        except OSError:
            pass
        handler.close_connection = True


class Fail(Behaviour):
    """Answers `status` the first `times` times (every time when None), then
    behaves as `then`."""

    def __init__(self, times=None, status=500, then=None, body=None, content_type="application/json"):
        self.times = times
        self.status = status
        self.body = body
        self.content_type = content_type
        self.then = then or Normal()
        self.failed = 0
        self.lock = threading.Lock()

    def serve(self, handler, body, content_type, digest):
        with self.lock:
            failing = self.times is None or self.failed < self.times
            if failing:
                self.failed += 1
        if not failing:
            return self.then.serve(handler, body, content_type, digest)
        error = self.body
        if error is None:
            error = json.dumps({"errors": [{"code": "UNKNOWN", "message": "hostile registry: injected %d"
                                            % self.status}]}).encode()
        handler.send_body(self.status, error, self.content_type)


class Times(Behaviour):
    """Behaves as `first` the first `times` times, then as `then`."""

    def __init__(self, times, first, then=None):
        self.times = times
        self.first = first
        self.then = then or Normal()
        self.used = 0
        self.lock = threading.Lock()

    def serve(self, handler, body, content_type, digest):
        with self.lock:
            use_first = self.used < self.times
            if use_first:
                self.used += 1
        return (self.first if use_first else self.then).serve(handler, body, content_type, digest)


class Hang(Behaviour):
    """Reads the request and never answers (until the registry stops)."""

    def serve(self, handler, body, content_type, digest):
        handler.registry.hang(handler)


class Slow(Behaviour):
    """A correct answer, sent `chunk` bytes at a time with `delay` seconds
    between chunks. Stops quietly when the client goes away."""

    def __init__(self, chunk=64 * 1024, delay=0.01):
        self.chunk = chunk
        self.delay = delay

    def serve(self, handler, body, content_type, digest):
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        if digest:
            handler.send_header("Docker-Content-Digest", digest)
        handler.end_headers()
        stop = handler.registry.stopping
        try:
            for at in range(0, len(body), self.chunk):
                if stop.is_set():
                    break
                handler.wfile.write(body[at:at + self.chunk])
                handler.wfile.flush()
                handler.registry.note_sent(handler.path, min(at + self.chunk, len(body)))
                stop.wait(self.delay)
        except OSError:
            pass
        handler.close_connection = True


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hostile-registry/1"
    registry = None  # set per server class

    def handle(self):
        # muelled tries TLS first on 127.0.0.0/8: a ClientHello (0x16) is not
        # HTTP. A plain-HTTP registry drops it at once (unless it hangs).
        try:
            first = self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            return
        if first == b"\x16":
            self.registry.note_tls_probe()
            if self.registry.hang_everything:
                self.registry.hang(self)
            return
        super().handle()

    def log_message(self, format, *args):  # noqa: A002 (http.server's name)
        pass

    def send_body(self, status, body, content_type, digest=None, head=False):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        if digest:
            self.send_header("Docker-Content-Digest", digest)
        self.end_headers()
        if not head and self.command != "HEAD":
            try:
                self.wfile.write(body)
            except OSError:
                pass

    def not_found(self, code, message):
        body = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
        self.send_body(404, body, "application/json")

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        reg = self.registry
        path = urllib.parse.urlsplit(self.path).path
        reg.note_request(self.command, path)
        if reg.hang_everything:
            return reg.hang(self)
        if path == "/v2/" or path == "/v2":
            behaviour = reg.behaviour_for("ping") or Normal()
            return behaviour.serve(self, b"{}", "application/json", None)
        m = re.fullmatch(r"/v2/(.+)/(manifests|blobs)/([^/]+)", path)
        if not m:
            return self.not_found("UNSUPPORTED", "no such endpoint")
        repo, kind, ref = m.groups()
        if kind == "manifests":
            found = reg.manifest(repo, ref)
            if not found:
                return self.not_found("MANIFEST_UNKNOWN", "manifest unknown")
            body, media_type, digest = found
            behaviour = reg.behaviour_for(("manifest", repo, ref)) or reg.behaviour_for(digest)
            return (behaviour or Normal()).serve(self, body, media_type, digest)
        body = reg.blobs.get(ref)
        if body is None:
            return self.not_found("BLOB_UNKNOWN", "blob unknown to registry")
        return (reg.behaviour_for(ref) or Normal()).serve(self, body, "application/octet-stream", ref)

    def do_POST(self):
        self.registry.note_request(self.command, self.path)
        self.send_body(405, b'{"errors":[{"code":"UNSUPPORTED","message":"read-only"}]}', "application/json")

    do_PUT = do_PATCH = do_DELETE = do_POST


class HostileRegistry:
    """A registry on 127.0.0.1:<free port> serving what add_image() put in,
    answering as the behaviours set with behave() say."""

    def __init__(self):
        self.blobs = {}
        self.manifests = {}        # (repo, tag-or-digest) -> (bytes, media type, digest)
        self.behaviours = {}       # digest | "ping" | ("manifest", repo, ref) -> Behaviour
        self.requests = []         # (method, path), in arrival order
        self.sent = {}             # path -> bytes written so far (Slow)
        self.tls_probes = 0
        self.hang_everything = False
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.server = None
        self.thread = None

    # -- content

    def add_image(self, repo, tag, image):
        for layer in image.layers:
            self.blobs[layer.digest] = layer.blob
        self.blobs[image.config_digest] = image.config
        entry = (image.manifest, image.manifest_type, image.manifest_digest)
        self.manifests[(repo, tag)] = entry
        self.manifests[(repo, image.manifest_digest)] = entry
        return image

    def manifest(self, repo, ref):
        return self.manifests.get((repo, ref))

    # -- behaviours and bookkeeping

    def behave(self, key, behaviour):
        with self.lock:
            if behaviour is None:
                self.behaviours.pop(key, None)
            else:
                self.behaviours[key] = behaviour

    def behaviour_for(self, key):
        with self.lock:
            return self.behaviours.get(key)

    def note_request(self, method, path):
        with self.lock:
            self.requests.append((method, path))

    def note_tls_probe(self):
        with self.lock:
            self.tls_probes += 1

    def note_sent(self, path, n):
        with self.lock:
            self.sent[path] = n

    def reset_counts(self):
        with self.lock:
            self.requests = []
            self.sent = {}
            self.tls_probes = 0

    def count(self, method="GET", contains=""):
        with self.lock:
            return sum(1 for m, p in self.requests if m == method and contains in p)

    def blob_gets(self, digest):
        return self.count("GET", "/blobs/" + digest)

    def hang(self, handler):
        """Keeps a connection open and silent until the registry stops."""
        self.stopping.wait()
        handler.close_connection = True

    # -- lifecycle

    def start(self):
        handler = type("Handler", (_Handler,), {"registry": self})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                       daemon=True)
        self.thread.start()
        return self

    @property
    def host(self):
        return "127.0.0.1:%d" % self.server.server_address[1]

    def ref(self, repo):
        return "%s/%s" % (self.host, repo)

    def stop(self):
        self.stopping.set()
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


# ----------------------------------------------------------------------------
# muelled

class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=HTTP_TIMEOUT):
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect(self.unix_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name)

    def json(self):
        return json.loads(self.body)

    @property
    def message(self):
        try:
            value = self.json()
        except ValueError:
            return None
        return value.get("message") if isinstance(value, dict) else None

    def __repr__(self):
        return "<Reply %d %r>" % (self.status, self.body[:400])


class PullResult:
    """What POST /images/create answered: the HTTP status, the JSON lines of
    the stream, and the error (the {"message"} of an HTTP error, or the
    errorDetail of the stream's last line)."""

    def __init__(self, status, body, elapsed):
        self.status = status
        self.body = body
        self.elapsed = elapsed
        self.lines = []
        self.error = None
        if status != 200:
            try:
                self.error = json.loads(body).get("message")
            except ValueError:
                self.error = body.decode(errors="replace")
            return
        for raw in body.splitlines():
            raw = raw.strip()
            if not raw:
                continue
            line = json.loads(raw)
            self.lines.append(line)
            if "errorDetail" in line or "error" in line:
                self.error = (line.get("errorDetail") or {}).get("message") or line.get("error")

    @property
    def ok(self):
        return self.status == 200 and self.error is None

    def statuses(self, layer_id=None):
        return [l.get("status") for l in self.lines if layer_id is None or l.get("id") == layer_id]

    def __repr__(self):
        return "<Pull %d error=%r after %.1fs, %d lines: %r>" % (
            self.status, self.error, self.elapsed, len(self.lines),
            [(l.get("id"), l.get("status")) for l in self.lines][-12:])


class Engine:
    """muelled on `workdir`/root and a unix socket under /tmp (socket paths
    must be short). start() may be called again after kill9()/stop(): the
    same data root, socket and log (appended)."""

    def __init__(self, workdir, env=None, storage_driver=None, extra_args=()):
        self.workdir = workdir
        self.root = os.path.join(workdir, "root")
        self.sockdir = tempfile.mkdtemp(prefix="me.", dir="/tmp")
        self.sock = os.path.join(self.sockdir, "s.sock")
        self.log_path = os.path.join(workdir, "muelled.log")
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.args = ["--data-root", self.root, "--exec-root", os.path.join(self.sockdir, "x"),
                     "-H", "unix://" + self.sock, "--log-level", "debug"]
        if storage_driver:
            self.args += ["-s", storage_driver]
        self.args += list(extra_args)
        self.proc = None
        self.log_offset = 0

    # -- process

    def start(self):
        exe = require_binary()
        log = open(self.log_path, "ab")
        self.log_offset = log.tell()
        self.proc = subprocess.Popen([exe] + self.args, stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=self.env)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("muelled exited with %s:\n%s" % (self.proc.returncode, self.log()[-3000:]))
            try:
                r = self.request("GET", "/_ping", timeout=2)
                if r.status == 200 and r.body == b"OK":
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("muelled not ready after %ss:\n%s" % (START_TIMEOUT, self.log()[-3000:]))

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill9(self):
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=STOP_TIMEOUT)

    def stop(self):
        if not self.alive():
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=STOP_TIMEOUT)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.sockdir, ignore_errors=True)

    def log(self, since_start=False):
        try:
            with open(self.log_path, "rb") as f:
                if since_start:
                    f.seek(self.log_offset)
                return f.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def status_field(self, field):
        """A /proc/PID/status field in kB (VmHWM, VmRSS)."""
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise KeyError(field)

    # -- API

    def request(self, method, path, body=None, headers=None, timeout=HTTP_TIMEOUT):
        conn = UnixHTTPConnection(self.sock, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            data = resp.read()
            return Reply(resp.status, {k: v for k, v in resp.getheaders()}, data)
        finally:
            conn.close()

    def pull(self, name, tag="latest", timeout=HTTP_TIMEOUT):
        query = urllib.parse.urlencode({"fromImage": name, "tag": tag})
        started = time.monotonic()
        r = self.request("POST", "/images/create?" + query, timeout=timeout)
        return PullResult(r.status, r.body, time.monotonic() - started)

    def pull_in_background(self, name, tag="latest"):
        """Starts a pull on a thread; returns (thread, box): box["result"] or
        box["exception"] once the thread ends (a killed engine: exception)."""
        box = {}

        def run():
            try:
                box["result"] = self.pull(name, tag)
            except Exception as e:  # the engine dies under it in crash tests
                box["exception"] = e

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread, box

    def images(self):
        r = self.request("GET", "/images/json")
        if r.status != 200:
            raise AssertionError("GET /images/json: %r" % r)
        return r.json()

    def inspect(self, name):
        return self.request("GET", "/images/%s/json" % name)

    # -- data root

    @property
    def blobs_dir(self):
        return os.path.join(self.root, "content", "blobs", "sha256")

    @property
    def ingest_dir(self):
        return os.path.join(self.root, "content", "ingest")

    @property
    def snapshots_dir(self):
        return os.path.join(self.root, "snapshots")

    @property
    def snapshot_tmp_dir(self):
        return os.path.join(self.root, "snapshots", "tmp")

    def snapshot(self, chain_id):
        return os.path.join(self.snapshots_dir, hex_of(chain_id))

    def has_blob(self, digest):
        return os.path.isfile(os.path.join(self.blobs_dir, hex_of(digest)))

    def has_snapshot(self, chain_id):
        return os.path.isdir(self.snapshot(chain_id))

    def ingest_files(self):
        return _listdir(self.ingest_dir)

    def snapshot_tmp_entries(self):
        return _listdir(self.snapshot_tmp_dir)

    def snapshot_names(self):
        return sorted(n for n in _listdir(self.snapshots_dir) if n not in ("tmp", "containers"))

    def bad_blobs(self):
        """Blob files whose content does not hash to their name."""
        bad = []
        for name in _listdir(self.blobs_dir):
            h = hashlib.sha256()
            with open(os.path.join(self.blobs_dir, name), "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            if h.hexdigest() != name:
                bad.append((name, h.hexdigest()))
        return bad


def _listdir(path):
    try:
        return sorted(os.listdir(path))
    except FileNotFoundError:
        return []


# ----------------------------------------------------------------------------
# test case base

class EngineTestCase(unittest.TestCase):
    """Each test gets a fresh registry and a fresh muelled (data root under a
    temp dir). Subclasses may set ENGINE_ENV, or call new_engine()."""

    ENGINE_ENV = {}
    DATA_ON_TMPFS = False   # see new_engine()
    SETTLE = 3.0   # seconds the store may take to be clean after a pull answered

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="muelle-engine-%s." % self.id().rsplit(".", 1)[-1][:40])
        self.engines = []
        self.registry = None
        # cleanups, not tearDown: they also run when a setUp fails half way
        self.addCleanup(self._clean_up)
        self.registry = HostileRegistry().start()
        self.engine = self.new_engine(env=self.ENGINE_ENV, on_tmpfs=self.DATA_ON_TMPFS)

    def _clean_up(self):
        failed = self._outcome_failed()
        for engine in self.engines:
            engine.cleanup()
        if self.registry:
            self.registry.stop()
        if failed:
            for engine in self.engines:
                print("\n---- muelled log %s (last 40 lines)" % engine.log_path)
                print("\n".join(engine.log().splitlines()[-40:]))
        if keep_tmp() or (failed and os.environ.get("MUELLE_KEEP_FAILED") == "1"):
            print("temp dir kept: %s" % self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _outcome_failed(self):
        outcome = getattr(self, "_outcome", None)
        result = getattr(outcome, "result", None)
        if result is None:
            return False
        ours = [t for t, _ in result.failures + result.errors if t is self]
        return bool(ours)

    def new_engine(self, env=None, name=None, on_tmpfs=False, **kwargs):
        """A started muelled. on_tmpfs: its data root under /dev/shm (when
        that is a writable tmpfs) instead of the temp dir: for tests that
        write and delete a great many files, which on a disk mounted with
        `discard` takes minutes and measures the disk, not muelled."""
        base = self.tmp
        if on_tmpfs and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
            base = tempfile.mkdtemp(prefix="muelle-engine.", dir="/dev/shm")
            self.addCleanup(shutil.rmtree, base, ignore_errors=True)
        workdir = os.path.join(base, name or "engine%d" % len(self.engines))
        os.makedirs(workdir)
        engine = Engine(workdir, env=env, **kwargs).start()
        self.engines.append(engine)
        return engine

    # -- helpers

    def serve(self, repo, layers, tag="latest", **image_kwargs):
        image = Image(layers, **image_kwargs)
        self.registry.add_image(repo, tag, image)
        return image

    def pull(self, repo, tag="latest", engine=None, timeout=HTTP_TIMEOUT):
        return (engine or self.engine).pull(self.registry.ref(repo), tag, timeout=timeout)

    def assertPullFails(self, result, *fragments):
        self.assertFalse(result.ok, "the pull should have failed: %r" % result)
        self.assertTrue(result.error, "a failed pull must say why: %r" % result)
        for fragment in fragments:
            self.assertIn(fragment, result.error, result)
        return result.error

    def assertPullOk(self, result):
        self.assertTrue(result.ok, "the pull should have succeeded: %r\n%s"
                        % (result, "\n".join(self.engine.log().splitlines()[-15:])))

    def assertNoImage(self, engine=None):
        engine = engine or self.engine
        self.assertEqual(engine.images(), [], "a failed pull must record no image")

    def assertStoreConsistent(self, engine=None, absent_blobs=(), absent_snapshots=(), settle=None):
        """No partial blob in content/ingest, no unpacking left in
        snapshots/tmp, every blob hashes to its name, and the named blobs and
        snapshots are absent. A pull's answer may come a moment before its
        workers have cleaned up: waits up to `settle` seconds for that, and
        says so when it had to wait."""
        engine = engine or self.engine
        settle = self.SETTLE if settle is None else settle
        deadline = time.monotonic() + settle
        first_problems = None
        while True:
            problems = []
            if engine.ingest_files():
                problems.append("content/ingest holds %s" % engine.ingest_files())
            if engine.snapshot_tmp_entries():
                problems.append("snapshots/tmp holds %s" % engine.snapshot_tmp_entries())
            bad = engine.bad_blobs()
            if bad:
                problems.append("blobs that do not hash to their name: %s" % bad)
            for digest in absent_blobs:
                if engine.has_blob(digest):
                    problems.append("blob %s is stored" % digest)
            for chain_id in absent_snapshots:
                if engine.has_snapshot(chain_id):
                    problems.append("snapshot %s exists" % chain_id)
            if not problems or time.monotonic() > deadline:
                break
            if first_problems is None:
                first_problems = problems
            time.sleep(0.05)
        self.assertEqual(problems, [], "the store is not consistent")
        if first_problems:
            print("\nnote: %s: the store settled only after the pull had answered (at first: %s)"
                  % (self.id(), "; ".join(first_problems)))

    def assertDoesNotExist(self, path):
        self.assertFalse(os.path.lexists(path), "%s exists: something escaped the data root" % path)
