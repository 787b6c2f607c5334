#!/usr/bin/env python3
"""A registry that misbehaves, for the desktop's bad-input tests.

Usage: hostile_registry.py MODE PORT_FILE
Serves on 127.0.0.1 (a free port, written to PORT_FILE) until killed:
  garbage  /v2/ answers, every other answer is not JSON (with a JSON type)
  huge     /v2/_catalog answers one 50 MiB page of names, streamed;
           no search endpoints (404), so a search filters that catalog
  hang     accepts connections, reads the request, never answers
  missing  a repository broken/app whose tag v1 is a manifest pointing to
           a config and a layer the registry does not have (404 for both)
"""
import hashlib
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = sys.argv[1]
HUGE_BYTES = 50 << 20


def manifest():
    config = "sha256:" + hashlib.sha256(b"missing config").hexdigest()
    layer = "sha256:" + hashlib.sha256(b"missing layer").hexdigest()
    return json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": 1234},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer, "size": 5678}],
    }).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def not_found(self, code="NAME_UNKNOWN"):
        self.answer(404, json.dumps({"errors": [{"code": code, "message": "not here"}]}).encode())

    def huge_catalog(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        head = b'{"repositories":['
        self.wfile.write(head)
        sent = len(head)
        i = 0
        try:
            while sent < HUGE_BYTES - 64:
                name = b'"repo/%09d",' % i
                chunk = name * 4096
                chunk = chunk[:HUGE_BYTES - 64 - sent]
                self.wfile.write(chunk)
                sent += len(chunk)
                i += 4096
            tail = b'"last"]}'
            self.wfile.write(tail + b" " * (HUGE_BYTES - sent - len(tail)))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the engine stopped reading, as it should

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/v2/":
            return self.answer(200, b"{}")
        if MODE == "garbage":
            return self.answer(200, b"<html>this is not JSON{{{")
        if MODE == "huge":
            if path == "/v2/_catalog":
                return self.huge_catalog()
            return self.not_found()
        if MODE == "missing":
            if path == "/v2/_catalog":
                return self.answer(200, b'{"repositories":["broken/app"]}')
            if path == "/v2/broken/app/tags/list":
                return self.answer(200, b'{"name":"broken/app","tags":["v1"]}')
            if path.startswith("/v2/broken/app/manifests/"):
                body = manifest()
                return self.answer(200, body, "application/vnd.oci.image.manifest.v1+json",
                                   [("Docker-Content-Digest", "sha256:" + hashlib.sha256(body).hexdigest())])
            if path.startswith("/v2/broken/app/blobs/"):
                return self.not_found("BLOB_UNKNOWN")
            return self.not_found()
        self.not_found()


def hang(listener):
    held = []
    while True:
        connection, _ = listener.accept()
        connection.recv(65536)
        held.append(connection)  # kept open, never answered


def main():
    if MODE == "hang":
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        port = listener.getsockname()[1]
        with open(sys.argv[2], "w") as out:
            out.write(str(port))
        hang(listener)
        return
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[2], "w") as out:
        out.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
