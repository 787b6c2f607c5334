"""Invalid references at every image endpoint, and API versions outside the
range served: the status and {"message": ...} body Docker gives.

What Docker gives was checked against a private dockerd (Debian's docker.io
20.10.24) and moby's current code:
  POST /images/create?fromImage=UPPER     400 invalid reference format: repository name must be lowercase
  GET  /images/Bad..Name/json             400 (20.10: "no such image: Bad..Name: invalid reference format: ...")
  GET  /images/Bad..Name/history          400 invalid reference format: ...
  DELETE /images/Bad..Name                400 invalid reference format: ...
  POST /images/x/tag?repo=BAD&tag=bad tag 404 No such image: x:latest (the source is looked up first in
                                          20.10; moby >= 23 checks repo/tag first: 400)
  POST /images/Bad..Name/push             400
  GET  /v9.99/version                     400 client version 9.99 is too new. Maximum supported API version is X
  GET  /v1.10/version                     400 client version 1.10 is too old. Minimum supported API version is Y,
                                          please upgrade your client to a newer version
muelled (engine/api/rest/apiversion.cpp) serves 1.24..1.50."""

import base64
import unittest
import urllib.parse

import engine_harness as h
from engine_harness import Layer, file_entry

INVALID = "invalid reference format"
# An X-Registry-Auth header (base64url JSON): Docker 20.10 refuses a push without one before looking at the name.
AUTH = {"X-Registry-Auth": base64.urlsafe_b64encode(b"{}").decode()}


def q(**params):
    return urllib.parse.urlencode(params)


class ApiErrors(h.EngineTestCase):

    def assertError(self, reply, statuses, *fragments):
        if isinstance(statuses, int):
            statuses = (statuses,)
        self.assertIn(reply.status, statuses, reply)
        self.assertTrue((reply.header("Content-Type") or "").startswith("application/json"), reply.headers)
        message = reply.message
        self.assertTrue(message, "an error must have a {\"message\": ...} body: %r" % reply)
        for fragment in fragments:
            self.assertIn(fragment, message, reply)
        return message

    # -- pull

    def test_create_with_uppercase_name(self):
        r = self.engine.request("POST", "/images/create?" + q(fromImage="UPPER"))
        self.assertError(r, 400, INVALID)

    def test_create_with_bad_names(self):
        for name in ["Bad..Name", "a//b", "-leading", "x/UPPER", "registry.example/a b", "a" * 300 + ":x/y"]:
            with self.subTest(name=name):
                r = self.engine.request("POST", "/images/create?" + q(fromImage=name))
                self.assertError(r, 400, INVALID)

    def test_create_with_bad_tag(self):
        r = self.engine.request("POST", "/images/create?" + q(fromImage="busybox", tag="bad tag"))
        self.assertError(r, 400, "invalid")

    def test_create_without_from_image(self):
        r = self.engine.request("POST", "/images/create")
        self.assertError(r, (400, 500))

    # -- inspect, history, delete: Docker parses the name first, 400 when it is not a reference

    def test_inspect_invalid_reference(self):
        for name in ["Bad..Name", "UPPER"]:
            with self.subTest(name=name):
                r = self.engine.request("GET", "/images/%s/json" % name)
                self.assertError(r, 400, INVALID)

    def test_history_invalid_reference(self):
        r = self.engine.request("GET", "/images/Bad..Name/history")
        self.assertError(r, 400, INVALID)

    def test_delete_invalid_reference(self):
        for name in ["Bad..Name", "UPPER"]:
            with self.subTest(name=name):
                r = self.engine.request("DELETE", "/images/%s" % name)
                self.assertError(r, 400, INVALID)

    def test_valid_but_unknown_names_are_404(self):
        for method, path in [("GET", "/images/nosuch/json"), ("GET", "/images/nosuch:v1/history"),
                             ("DELETE", "/images/nosuch"), ("GET", "/images/sha256:%s/json" % ("ab" * 32))]:
            with self.subTest(path=path):
                r = self.engine.request(method, path)
                self.assertError(r, 404, "No such image")

    # -- tag

    def test_tag_unknown_source_with_bad_target(self):
        r = self.engine.request("POST", "/images/x/tag?" + q(repo="BAD", tag="bad tag"))
        self.assertError(r, (400, 404))

    def test_tag_existing_image_with_bad_target(self):
        layer = Layer.of([file_entry("f", b"x")])
        self.serve("api/tagme", [layer])
        self.assertPullOk(self.pull("api/tagme"))
        source = self.registry.ref("api/tagme")
        for repo, tag in [("BAD", "ok"), ("ok", "bad tag"), ("Bad..Name", ""), ("ok", "-dash")]:
            with self.subTest(repo=repo, tag=tag):
                r = self.engine.request("POST", "/images/%s/tag?%s" % (source, q(repo=repo, tag=tag)))
                self.assertError(r, 400, INVALID)
        tags = self.engine.inspect(source).json()["RepoTags"]
        self.assertEqual(tags, [source + ":latest"], "a refused tag must not be recorded")

    # -- push

    def test_push_invalid_reference(self):
        for name, tag in [("Bad..Name", ""), ("UPPER", "latest"), ("ok", "bad tag")]:
            with self.subTest(name=name, tag=tag):
                path = "/images/%s/push" % name + ("?" + q(tag=tag) if tag else "")
                r = self.engine.request("POST", path, headers=AUTH)
                self.assertError(r, 400, INVALID)

    # -- API versions

    def versions(self):
        r = self.engine.request("GET", "/version")
        self.assertEqual(r.status, 200, r)
        v = r.json()
        return v["ApiVersion"], v["MinAPIVersion"]

    def test_api_version_too_new(self):
        current, _ = self.versions()
        r = self.engine.request("GET", "/v9.99/version")
        message = self.assertError(r, 400)
        self.assertEqual(message, "client version 9.99 is too new. Maximum supported API version is %s" % current)

    def test_api_version_too_old(self):
        _, minimum = self.versions()
        r = self.engine.request("GET", "/v1.10/version")
        message = self.assertError(r, 400)
        self.assertEqual(message, "client version 1.10 is too old. Minimum supported API version is %s, please "
                                  "upgrade your client to a newer version" % minimum)

    def test_api_versions_in_range_are_served(self):
        current, minimum = self.versions()
        for version in [current, minimum, "1.41"]:
            with self.subTest(version=version):
                r = self.engine.request("GET", "/v%s/version" % version)
                self.assertEqual(r.status, 200, r)
                r = self.engine.request("GET", "/v%s/images/json" % version)
                self.assertEqual(r.status, 200, r)
                self.assertEqual(r.json(), [])

    def test_api_version_errors_on_image_endpoints(self):
        for method, path in [("GET", "/v9.99/images/json"), ("POST", "/v1.10/images/create?fromImage=busybox"),
                             ("DELETE", "/v9.99/images/busybox")]:
            with self.subTest(path=path):
                r = self.engine.request(method, path)
                self.assertError(r, 400, "client version")
        self.assertEqual(self.registry.requests, [], "a refused request must not reach a registry")


if __name__ == "__main__":
    unittest.main()
