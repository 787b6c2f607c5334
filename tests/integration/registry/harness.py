"""Harness for the muelle-registry end-to-end API tests.

Standard library only. Starts the real server process (``muelle-registry
serve``) on a free loopback port with a temporary storage root and a given
configuration, and offers small HTTP helpers that return
``(status, headers, body)``.

The binary is taken from $MUELLE_REGISTRY, else <repo>/build/bin/muelle-registry.
Set MUELLE_KEEP_TMP=1 to keep the temporary roots (and the server logs) of a run.

To check what a test expects against CNCF Distribution itself, set
MUELLE_REGISTRY_FLAVOR=distribution (and optionally MUELLE_REGISTRY to its
binary, default /usr/bin/docker-registry from Debian's docker-registry): the
harness then writes Distribution's config.yml instead of ours, and runs
`serve` / `garbage-collect`. Only what both share is translated (storage root,
delete, address, htpasswd); token mode, anonymous pull and access rules are
muelle-registry's own.
"""

import base64
import hashlib
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_BINARY = os.path.join(REPO_ROOT, "build", "bin", "muelle-registry")

HOST = "127.0.0.1"
HTTP_TIMEOUT = 60           # seconds, per request
START_TIMEOUT = 30          # seconds until GET /v2/ must answer
STOP_TIMEOUT = 15           # seconds between SIGTERM and SIGKILL
GC_TIMEOUT = 300

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_EMPTY = "application/vnd.oci.empty.v1+json"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
ALL_MANIFEST_TYPES = ", ".join([OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST])

EMPTY_JSON = b"{}"


# ----------------------------------------------------------------------------
# small utilities

FLAVOR = os.environ.get("MUELLE_REGISTRY_FLAVOR", "muelle")


def binary():
    if FLAVOR == "distribution":
        return os.environ.get("MUELLE_REGISTRY") or "/usr/bin/docker-registry"
    return os.environ.get("MUELLE_REGISTRY") or DEFAULT_BINARY


def require_binary():
    path = binary()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise RuntimeError("muelle-registry binary not found at %s (set MUELLE_REGISTRY)" % path)
    return path


def digest_of(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def hex_of(digest):
    return digest.split(":", 1)[1]


def unique(prefix):
    """A fresh repository name component, e.g. "blobs-3f9c0a1b2c"."""
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


def random_bytes(n):
    return os.urandom(n)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def url_path(location):
    """Path and query of a Location header (absolute or relative)."""
    if location is None:
        return None
    parts = urllib.parse.urlsplit(location)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return path


def with_query(path, **params):
    sep = "&" if "?" in path else "?"
    return path + sep + urllib.parse.urlencode(params, safe=":/,")


def basic_auth(user, password):
    raw = ("%s:%s" % (user, password)).encode()
    return "Basic " + base64.b64encode(raw).decode()


def b64url_decode(text):
    text += "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(text.encode())


def jwt_claims(token):
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError("not a JWS compact token: %r" % token[:60])
    return json.loads(b64url_decode(parts[0])), json.loads(b64url_decode(parts[1]))


def parse_challenge(value):
    """'Bearer realm="x",service="y"' -> ("bearer", {"realm": "x", "service": "y"})."""
    if not value:
        return None, {}
    scheme, _, rest = value.strip().partition(" ")
    params = dict(re.findall(r'([A-Za-z_]+)\s*=\s*"([^"]*)"', rest))
    return scheme.lower(), params


def parse_next_link(value):
    """The target of `Link: <...>; rel="next"`, or None."""
    if not value:
        return None
    for part in value.split(","):
        m = re.match(r'\s*<([^>]*)>\s*;\s*rel="?next"?\s*$', part.strip())
        if m:
            return m.group(1)
    return None


def parse_range(value):
    """'0-1023' -> (0, 1023). Returns None when absent or malformed."""
    if value is None:
        return None
    m = re.fullmatch(r"\s*(?:bytes[ =])?(\d+)-(-?\d+)\s*", value)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2))


def uploaded_size(range_header):
    """Bytes received so far according to an upload's Range header.

    "0-<last byte>" means last+1 bytes; an empty upload is written "0-0"
    by Distribution (ambiguous with one byte) or "0--1" -- callers that care
    about the empty case know which they are in.
    """
    r = parse_range(range_header)
    if r is None:
        return None
    return r[1] + 1


def yaml_scalar(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(str(value))  # a JSON string is a valid YAML double-quoted scalar


def to_yaml(value, indent=0):
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append("%s%s:" % (pad, key))
                lines.append(to_yaml(item, indent + 1))
            elif isinstance(item, list):
                lines.append("%s%s: []" % (pad, key))
            elif isinstance(item, dict):
                lines.append("%s%s: {}" % (pad, key))
            else:
                lines.append("%s%s: %s" % (pad, key, yaml_scalar(item)))
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                first = True
                for key, sub in item.items():
                    prefix = pad + ("- " if first else "  ")
                    first = False
                    if isinstance(sub, list):
                        lines.append("%s%s: [%s]" % (prefix, key, ", ".join(yaml_scalar(x) for x in sub)))
                    elif isinstance(sub, dict):
                        lines.append("%s%s:" % (prefix, key))
                        lines.append(to_yaml(sub, indent + 2))
                    else:
                        lines.append("%s%s: %s" % (prefix, key, yaml_scalar(sub)))
            else:
                lines.append("%s- %s" % (pad, yaml_scalar(item)))
    else:
        lines.append(pad + yaml_scalar(value))
    return "\n".join(lines)


def make_htpasswd(path, users):
    """users: {name: password}. Uses `htpasswd -B` (apache2-utils)."""
    create = True
    for name, password in users.items():
        args = ["htpasswd", "-B", "-b"] + (["-c"] if create else []) + [path, name, password]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        create = False
    return path


def blob_files_on_disk(root, hex_digest):
    """Files under root that hold the blob with this hex digest.

    A file named by the hex digest, or (Distribution's layout) a file "data"
    in a directory named by it. Links/pointers in repository directories are
    not counted when they are empty or a digest string only.
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            if name == hex_digest or name.startswith(hex_digest + "."):
                found.append(os.path.join(dirpath, name))
        if os.path.basename(dirpath) == hex_digest and "data" in filenames:
            found.append(os.path.join(dirpath, "data"))
    # Ignore tiny link files that only name the digest.
    real = []
    for path in found:
        try:
            if os.path.islink(path):
                continue
            size = os.path.getsize(path)
        except OSError:
            continue
        if size <= 80:
            with open(path, "rb") as f:
                content = f.read().strip()
            if content in (hex_digest.encode(), b"sha256:" + hex_digest.encode()):
                continue
        real.append(path)
    return real


def distribution_config(cfg):
    """Our config -> CNCF Distribution's config.yml (the shared subset)."""
    out = {
        "version": 0.1,
        "log": {"level": cfg["log"].get("level", "info"), "accesslog": {"disabled": not cfg["log"].get("accesslog", True)}},
        "storage": {"filesystem": {"rootdirectory": cfg["storage"]["root"]},
                    "delete": {"enabled": cfg["storage"].get("delete", {}).get("enabled", False)}},
        "http": {"addr": cfg["http"]["addr"]},
    }
    htpasswd = cfg.get("auth", {}).get("htpasswd")
    if htpasswd:
        out["auth"] = {"htpasswd": {"realm": htpasswd.get("realm", "muelle-registry"), "path": htpasswd["path"]}}
    return out


# ----------------------------------------------------------------------------
# clients and the server process

class Client:
    """HTTP and push helpers against one port; `default_headers` (e.g. an
    Authorization) go with every request unless overridden."""

    def __init__(self, port=None, default_headers=None):
        self.port = port
        self.default_headers = dict(default_headers or {})

    # ------------------------------------------------------------------ HTTP

    def request(self, method, path, body=None, headers=None, timeout=HTTP_TIMEOUT):
        """One request on a fresh connection -> Response."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            hdrs = dict(self.default_headers)
            hdrs.update(headers or {})
            try:
                conn.request(method, path, body=body, headers=hdrs)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered early and closed; read what it said
            resp = conn.getresponse()
            try:
                data = resp.read()
            except http.client.IncompleteRead as e:  # Content-Length larger than the body
                data = e.partial
                resp.headers["X-Harness-Incomplete-Read"] = "%d bytes missing" % e.expected
            return Response(method, path, resp.status, resp.headers, data)
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def head(self, path, headers=None):
        return self.request("HEAD", path, headers=headers)

    def delete(self, path, headers=None):
        return self.request("DELETE", path, headers=headers)

    def put(self, path, body=b"", headers=None):
        return self.request("PUT", path, body=body, headers=headers)

    def post(self, path, body=b"", headers=None):
        return self.request("POST", path, body=body, headers=headers)

    def patch(self, path, body=b"", headers=None):
        return self.request("PATCH", path, body=body, headers=headers)

    def raw_socket(self, timeout=HTTP_TIMEOUT):
        s = socket.create_connection((HOST, self.port), timeout=timeout)
        return s

    def send_partial(self, method, path, headers, body, send_bytes, close="fin", pause=0.3):
        """Send the request head and only `send_bytes` of `body`, then drop the
        connection: "fin" (close), "rst" (SO_LINGER 0) or "keep" (return the
        still-open socket so the caller can kill the server first)."""
        s = self.raw_socket()
        head = ["%s %s HTTP/1.1" % (method, path), "Host: %s:%d" % (HOST, self.port)]
        hdrs = dict(self.default_headers)
        hdrs.update(headers or {})
        hdrs["Content-Length"] = str(len(body))
        for k, v in hdrs.items():
            head.append("%s: %s" % (k, v))
        s.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        if send_bytes:
            s.sendall(body[:send_bytes])
        time.sleep(pause)
        if close == "keep":
            return s
        if close == "rst":
            import struct
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        return None

    def send_large(self, method, path, headers, body, chunk=65536):
        """Send a big body in chunks, stopping early when the server answers
        first (e.g. 413). Returns the Response (status None when the
        connection was reset before any answer)."""
        s = self.raw_socket()
        try:
            head = ["%s %s HTTP/1.1" % (method, path), "Host: %s:%d" % (HOST, self.port), "Connection: close"]
            hdrs = dict(self.default_headers)
            hdrs.update(headers or {})
            hdrs["Content-Length"] = str(len(body))
            for k, v in hdrs.items():
                head.append("%s: %s" % (k, v))
            s.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
            sent = 0
            try:
                while sent < len(body):
                    readable, _, _ = select.select([s], [], [], 0)
                    if readable:
                        break
                    s.sendall(body[sent:sent + chunk])
                    sent += chunk
            except (BrokenPipeError, ConnectionResetError):
                pass
            try:
                resp = http.client.HTTPResponse(s, method=method)
                resp.begin()
                data = resp.read()
                return Response(method, path, resp.status, resp.headers, data)
            except (ConnectionResetError, http.client.HTTPException, OSError) as e:
                return Response(method, path, None, http.client.HTTPMessage(), repr(e).encode())
        finally:
            s.close()

    # -------------------------------------------------------- push helpers

    def push_blob(self, repo, data, headers=None):
        """Push a blob the way docker and containerd do: POST a session, PATCH
        the bytes (streamed, no Content-Range), close with an empty PUT
        ?digest=. Tests of other features thereby do not depend on single-POST
        or PUT-with-body uploads, which test_uploads checks on their own.
        Asserts success, returns the digest."""
        dg = digest_of(data)
        hdrs = {"Content-Type": "application/octet-stream"}
        hdrs.update(headers or {})
        r = self.post("/v2/%s/blobs/uploads/" % repo, headers=headers)
        if r.status != 202:
            raise AssertionError("push_blob %s: POST upload failed: %s" % (repo, r))
        loc = url_path(r.headers.get("Location"))
        if data:
            r = self.patch(loc, body=data, headers=hdrs)
            if r.status != 202:
                raise AssertionError("push_blob %s: PATCH failed: %s" % (repo, r))
            loc = url_path(r.headers.get("Location")) or loc
        r = self.put(with_query(loc, digest=dg), body=b"", headers=headers)
        if r.status != 201:
            raise AssertionError("push_blob %s %s failed: %s" % (repo, dg, r))
        return dg

    def start_upload(self, repo, headers=None):
        r = self.post("/v2/%s/blobs/uploads/" % repo, headers=headers)
        if r.status != 202:
            raise AssertionError("POST upload session in %s failed: %s" % (repo, r))
        return url_path(r.headers.get("Location")), r

    def push_manifest(self, repo, ref, body, media_type=OCI_MANIFEST, headers=None):
        hdrs = {"Content-Type": media_type}
        hdrs.update(headers or {})
        return self.put("/v2/%s/manifests/%s" % (repo, ref), body=body, headers=hdrs)

    def get_manifest(self, repo, ref, accept=ALL_MANIFEST_TYPES, method="GET", headers=None):
        hdrs = {"Accept": accept} if accept else {}
        hdrs.update(headers or {})
        return self.request(method, "/v2/%s/manifests/%s" % (repo, ref), headers=hdrs)

    def push_image(self, repo, tag=None, layers=None, config=None, extra=None, media_type=OCI_MANIFEST):
        """Push config + layers + manifest. Returns an Image."""
        if layers is None:
            layers = [random_bytes(1024 + i * 37) for i in range(2)]
        if config is None:
            config = json.dumps({"architecture": "amd64", "os": "linux",
                                 "rootfs": {"type": "layers", "diff_ids": []},
                                 "nonce": uuid.uuid4().hex}).encode()
        for blob in [config] + list(layers):
            self.push_blob(repo, blob)
        manifest = image_manifest(config, layers, media_type=media_type, extra=extra)
        dg = digest_of(manifest)
        r = self.push_manifest(repo, tag or dg, manifest, media_type=media_type)
        if r.status != 201:
            raise AssertionError("push manifest %s:%s failed: %s" % (repo, tag or dg, r))
        return Image(repo, tag, manifest, dg, config, list(layers), media_type)



class Server(Client):
    """One muelle-registry process with its own root and config."""

    def __init__(self, config=None, name="registry", delete_enabled=True, workdir=None):
        Client.__init__(self)
        self.binary = require_binary()
        self.workdir = workdir or tempfile.mkdtemp(prefix="muelle-registry-test-")
        self.root = os.path.join(self.workdir, "root")
        os.makedirs(self.root, exist_ok=True)
        self.name = name
        self.port = None
        self.proc = None
        self.log_path = os.path.join(self.workdir, "server.log")
        self._log = None
        self._config_template = config
        self.delete_enabled = delete_enabled
        self.config_path = os.path.join(self.workdir, "config.yml")

    # The config may be a dict, or a callable(port) -> dict (for token realms
    # that must name the port).
    def _write_config(self):
        cfg = self._config_template
        if callable(cfg):
            cfg = cfg(self.port)
        cfg = dict(cfg or {})
        storage = dict(cfg.get("storage", {}))
        storage.setdefault("root", self.root)
        storage.setdefault("delete", {"enabled": self.delete_enabled})
        cfg["storage"] = storage
        http_cfg = dict(cfg.get("http", {}))
        http_cfg.setdefault("addr", "%s:%d" % (HOST, self.port))
        cfg["http"] = http_cfg
        log = dict(cfg.get("log", {}))
        log.setdefault("level", "info")
        log.setdefault("accesslog", True)
        cfg["log"] = log
        if FLAVOR == "distribution":
            cfg = distribution_config(cfg)
        with open(self.config_path, "w") as f:
            f.write(to_yaml(cfg) + "\n")

    def start(self, port=None):
        last_error = None
        for attempt in range(3):
            self.port = port or free_port()
            self._write_config()
            self._log = open(self.log_path, "ab")
            self._log.write(("\n==== start on port %d ====\n" % self.port).encode())
            self._log.flush()
            if FLAVOR == "distribution":
                cmd = [self.binary, "serve", self.config_path]
            else:
                cmd = [self.binary, "serve", self.config_path, "--addr", "%s:%d" % (HOST, self.port),
                       "--root", self.root]
            self.proc = subprocess.Popen(
                cmd,
                stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            try:
                self._wait_ready()
                return self
            except RuntimeError as e:
                last_error = e
                self._reap()
                if port is not None:
                    break
        raise last_error

    def _wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("muelle-registry exited with %s before answering:\n%s"
                                   % (self.proc.returncode, self.log_tail()))
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/v2/")
                resp = conn.getresponse()
                resp.read()
                conn.close()
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.05)
        raise RuntimeError("muelle-registry did not answer GET /v2/ within %ds:\n%s"
                           % (START_TIMEOUT, self.log_tail()))

    def _reap(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
        self.proc = None
        if self._log:
            self._log.close()
            self._log = None

    def stop(self):
        """SIGTERM, then SIGKILL after STOP_TIMEOUT. Returns the exit code."""
        code = None
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                code = self.proc.wait(timeout=STOP_TIMEOUT)
        elif self.proc is not None:
            code = self.proc.returncode
        self.proc = None
        if self._log:
            self._log.close()
            self._log = None
        return code

    def kill9(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=STOP_TIMEOUT)
        self.proc = None
        if self._log:
            self._log.close()
            self._log = None

    def client(self, headers=None):
        """A Client for this server's current port with default headers."""
        return Client(self.port, headers)

    def as_user(self, user, password):
        return self.client({"Authorization": basic_auth(user, password)})

    def restart(self):
        self.stop()
        return self.start()

    def cleanup(self):
        self.stop()
        if not os.environ.get("MUELLE_KEEP_TMP"):
            shutil.rmtree(self.workdir, ignore_errors=True)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, n=60):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read().decode(errors="replace").splitlines()
            return "\n".join(lines[-n:])
        except OSError:
            return "(no log)"

    def gc(self, extra=("--grace", "0s")):
        """Runs gc beside the server. By default with --grace 0s, as the tests
        mean to sweep at once; without it gc keeps an hour of recent links
        while a server runs (see test_gc_beside_server_keeps_recent_links)."""
        if FLAVOR == "distribution":
            cmd = [self.binary, "garbage-collect", self.config_path]
            extra = ()
        else:
            cmd = [self.binary, "gc", self.config_path, "--root", self.root]
        return subprocess.run(cmd + list(extra),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=GC_TIMEOUT)

class Image:
    def __init__(self, repo, tag, manifest, digest, config, layers, media_type):
        self.repo, self.tag, self.manifest, self.digest = repo, tag, manifest, digest
        self.config, self.layers, self.media_type = config, layers, media_type

    def descriptor(self):
        return {"mediaType": self.media_type, "digest": self.digest, "size": len(self.manifest)}

    def blob_digests(self):
        return [digest_of(self.config)] + [digest_of(l) for l in self.layers]


def descriptor(data, media_type):
    return {"mediaType": media_type, "digest": digest_of(data), "size": len(data)}


def image_manifest(config, layers, media_type=OCI_MANIFEST, config_type=None, layer_type=None,
                   extra=None):
    if media_type == DOCKER_MANIFEST:
        config_type = config_type or DOCKER_CONFIG
        layer_type = layer_type or DOCKER_LAYER
    m = {
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": descriptor(config, config_type or OCI_CONFIG),
        "layers": [descriptor(l, layer_type or OCI_LAYER) for l in layers],
    }
    if extra:
        m.update(extra)
    return json.dumps(m, indent=2).encode()


def image_index(manifests, media_type=OCI_INDEX, extra=None):
    """manifests: list of descriptors (dicts)."""
    m = {"schemaVersion": 2, "mediaType": media_type, "manifests": manifests}
    if extra:
        m.update(extra)
    return json.dumps(m).encode()


class Response:
    def __init__(self, method, path, status, headers, body):
        self.method, self.path, self.status, self.headers, self.body = method, path, status, headers, body

    def json(self):
        return json.loads(self.body.decode())

    def header(self, name):
        return self.headers.get(name)

    def __repr__(self):
        body = self.body[:600]
        hdrs = "; ".join("%s: %s" % (k, v) for k, v in self.headers.items()) if self.headers else ""
        return "<%s %s -> %s [%s] %r>" % (self.method, self.path, self.status, hdrs, body)

    __str__ = __repr__


# ----------------------------------------------------------------------------
# test-case base

class RegistryTestCase(unittest.TestCase):
    """Gives `self.srv` (the module's shared server unless a class starts its
    own) and assertion helpers."""

    srv = None
    maxDiff = 4000

    def repo(self, prefix=None):
        return unique(prefix or self.__class__.__name__.lower().replace("test", "")[:20] or "repo")

    def assertStatus(self, resp, *statuses):
        self.assertIn(resp.status, statuses, "unexpected status: %s" % resp)

    def assertError(self, resp, status, *codes):
        """status may be an int or a tuple of ints; codes are acceptable error
        codes (any of them must appear in the body's errors)."""
        statuses = status if isinstance(status, tuple) else (status,)
        self.assertIn(resp.status, statuses, "unexpected status: %s" % resp)
        if resp.method == "HEAD":
            return None
        try:
            doc = resp.json()
        except ValueError:
            self.fail("error body is not JSON: %s" % resp)
        self.assertIsInstance(doc, dict, resp)
        errors = doc.get("errors")
        self.assertIsInstance(errors, list, "no errors array: %s" % resp)
        self.assertTrue(errors, "empty errors array: %s" % resp)
        for e in errors:
            self.assertIsInstance(e, dict, resp)
            self.assertIn("code", e, resp)
            self.assertRegex(e["code"], r"^[A-Z_]+$", resp)
            if "message" in e:
                self.assertIsInstance(e["message"], str, resp)
        got = [e["code"] for e in errors]
        if codes:
            self.assertTrue(set(got) & set(codes), "want error code %s, got %s: %s" % (codes, got, resp))
        return errors

    def assertBlob(self, repo, data, srv=None):
        srv = srv or self.srv
        dg = digest_of(data)
        r = srv.get("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(hashlib.sha256(r.body).hexdigest(), hex_of(dg), "blob content differs")
        self.assertEqual(r.body, data)
        return r

    def assertNoBlob(self, repo, dg, srv=None):
        srv = srv or self.srv
        r = srv.head("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(r.status, 404, r)
        r = srv.get("/v2/%s/blobs/%s" % (repo, dg))
        self.assertError(r, 404, "BLOB_UNKNOWN", "NAME_UNKNOWN")


def shared_server(config=None, **kw):
    """Start a server for a module (setUpModule) -- returns it."""
    return Server(config, **kw).start()


def wait_until(predicate, timeout=10.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def run_in_thread(fn, *args, **kwargs):
    """Run fn in a daemon thread; returns (thread, result dict)."""
    out = {}

    def body():
        try:
            out["value"] = fn(*args, **kwargs)
        except BaseException as e:  # noqa: BLE001 -- reported to the test
            out["error"] = e
    t = threading.Thread(target=body, daemon=True)
    t.start()
    return t, out
