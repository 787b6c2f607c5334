"""GET /v2/ and the generic shape of answers (end-1, error bodies)."""

import json
import unittest

import harness

SRV = None


def setUpModule():
    global SRV
    SRV = harness.Server(name="base").start()


def tearDownModule():
    if SRV:
        SRV.cleanup()


class Base(harness.RegistryTestCase):
    @property
    def srv(self):
        return SRV


class TestBase(Base):
    def test_get_v2_is_200_with_api_version_header(self):
        r = self.srv.get("/v2/")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Docker-Distribution-API-Version"), "registry/2.0", r)
        if r.body.strip():
            json.loads(r.body.decode())  # optional body, but JSON when present

    def test_get_v2_without_trailing_slash(self):
        # Distribution answers /v2 like /v2/ (its router redirects or matches).
        r = self.srv.get("/v2")
        self.assertIn(r.status, (200, 301, 307, 308), r)

    def test_head_v2(self):
        r = self.srv.head("/v2/")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, b"")

    def test_unknown_route_is_404(self):
        r = self.srv.get("/v3/")
        self.assertEqual(r.status, 404, r)
        r = self.srv.get("/v2/%s/nonsense/xyz" % self.repo("base"))
        self.assertEqual(r.status, 404, r)

    def test_wrong_method_on_known_route(self):
        repo = self.repo("base")
        r = self.srv.request("POST", "/v2/%s/tags/list" % repo, body=b"")
        self.assertIn(r.status, (404, 405), r)
        r = self.srv.request("PATCH", "/v2/%s/manifests/latest" % repo, body=b"")
        self.assertIn(r.status, (404, 405), r)

    def test_error_body_shape(self):
        # An error answer carries {"errors":[{"code","message","detail"?}]} as JSON.
        repo = self.repo("base")
        r = self.srv.get("/v2/%s/blobs/%s" % (repo, harness.digest_of(b"nothing here")))
        errors = self.assertError(r, 404, "BLOB_UNKNOWN", "NAME_UNKNOWN")
        ctype = (r.header("Content-Type") or "").split(";")[0].strip()
        self.assertEqual(ctype, "application/json", r)
        self.assertIn("message", errors[0], r)

    def test_keep_alive_connection_serves_several_requests(self):
        import http.client
        conn = http.client.HTTPConnection(harness.HOST, self.srv.port, timeout=30)
        try:
            for _ in range(5):
                conn.request("GET", "/v2/")
                resp = conn.getresponse()
                resp.read()
                self.assertEqual(resp.status, 200)
        finally:
            conn.close()

    def test_sigterm_stops_the_server(self):
        srv = harness.Server(name="sigterm").start()
        try:
            code = srv.stop()
            self.assertIsNotNone(code)
            self.assertFalse(srv.alive())
            self.assertIn(code, (0, -15), "exit status after SIGTERM: %s\n%s" % (code, srv.log_tail()))
        finally:
            srv.cleanup()

    def test_restart_keeps_content(self):
        srv = harness.Server(name="restart").start()
        try:
            repo = self.repo("base")
            img = srv.push_image(repo, tag="v1")
            srv.restart()
            r = srv.get_manifest(repo, "v1")
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.body, img.manifest)
            for blob in [img.config] + img.layers:
                self.assertBlob(repo, blob, srv=srv)
        finally:
            srv.cleanup()


if __name__ == "__main__":
    unittest.main()
