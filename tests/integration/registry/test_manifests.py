"""Manifests: GET/HEAD (end-3), PUT (end-7), DELETE (end-9), Accept
negotiation, validation and error codes."""

import json
import unittest

import harness
from harness import (digest_of, image_manifest, image_index, descriptor, url_path,
                     OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST, OCI_CONFIG)

SRV = None
SRV_NODELETE = None
MiB = 1024 * 1024


def setUpModule():
    global SRV, SRV_NODELETE
    SRV = harness.Server(name="manifests", delete_enabled=True).start()
    SRV_NODELETE = harness.Server(name="manifests-nodelete", delete_enabled=False).start()


def tearDownModule():
    for s in (SRV, SRV_NODELETE):
        if s:
            s.cleanup()


class Base(harness.RegistryTestCase):
    @property
    def srv(self):
        return SRV

    def blobs(self, repo, n=2, srv=None):
        srv = srv or self.srv
        config = json.dumps({"architecture": "amd64", "os": "linux", "n": harness.unique("c")}).encode()
        layers = [harness.random_bytes(500 + i) for i in range(n)]
        for b in [config] + layers:
            srv.push_blob(repo, b)
        return config, layers


class TestPutGet(Base):
    def test_put_by_tag_then_get(self):
        repo = self.repo("mf")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers)
        dg = digest_of(body)
        r = self.srv.push_manifest(repo, "latest", body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)
        self.assertTrue(r.header("Location"), r)
        # Location is pullable
        loc = self.srv.get(url_path(r.header("Location")), headers={"Accept": OCI_MANIFEST})
        self.assertEqual(loc.status, 200, loc)
        self.assertEqual(loc.body, body)
        for ref in ("latest", dg):
            g = self.srv.get_manifest(repo, ref)
            self.assertEqual(g.status, 200, g)
            self.assertEqual(g.body, body)
            self.assertEqual(g.header("Content-Type"), OCI_MANIFEST, g)
            self.assertEqual(g.header("Docker-Content-Digest"), dg, g)
            self.assertEqual(int(g.header("Content-Length")), len(body), g)

    def test_head_manifest(self):
        repo = self.repo("mf")
        img = self.srv.push_image(repo, tag="v1")
        for ref in ("v1", img.digest):
            r = self.srv.get_manifest(repo, ref, method="HEAD")
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.body, b"")
            self.assertEqual(r.header("Docker-Content-Digest"), img.digest, r)
            self.assertEqual(int(r.header("Content-Length")), len(img.manifest), r)
            self.assertEqual(r.header("Content-Type"), OCI_MANIFEST, r)

    def test_bytes_are_stored_exactly(self):
        repo = self.repo("mf")
        config, layers = self.blobs(repo)
        m = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": descriptor(config, OCI_CONFIG),
             "layers": [descriptor(l, harness.OCI_LAYER) for l in layers],
             "annotations": {"z": "last", "a": "first \u00e9"}}
        # odd whitespace and key order, non-ASCII: must come back byte for byte
        body = ("  " + json.dumps(m, indent=7, ensure_ascii=False) + "\n\n").encode("utf-8")
        r = self.srv.push_manifest(repo, "exact", body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Docker-Content-Digest"), digest_of(body))
        g = self.srv.get_manifest(repo, "exact")
        self.assertEqual(g.body, body)

    def test_put_by_digest(self):
        repo = self.repo("mf")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers)
        dg = digest_of(body)
        r = self.srv.push_manifest(repo, dg, body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)
        g = self.srv.get_manifest(repo, dg)
        self.assertEqual(g.status, 200, g)
        self.assertEqual(g.body, body)
        tags = self.srv.get("/v2/%s/tags/list" % repo)
        self.assertIn(tags.status, (200, 404), tags)  # 200 per spec: test_tags_catalog checks that
        if tags.status == 200:
            self.assertFalse(tags.json().get("tags"), tags)

    def test_put_by_wrong_digest_is_400_digest_invalid(self):
        repo = self.repo("mf")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers)
        wrong = digest_of(body + b" ")
        r = self.srv.push_manifest(repo, wrong, body)
        self.assertError(r, 400, "DIGEST_INVALID")
        self.assertEqual(self.srv.get_manifest(repo, wrong).status, 404)
        self.assertEqual(self.srv.get_manifest(repo, digest_of(body)).status, 404)

    def test_retag_moves_tag(self):
        repo = self.repo("mf")
        a = self.srv.push_image(repo, tag="moving")
        b = self.srv.push_image(repo, tag="moving")
        g = self.srv.get_manifest(repo, "moving")
        self.assertEqual(g.header("Docker-Content-Digest"), b.digest, g)
        self.assertEqual(g.body, b.manifest)
        g = self.srv.get_manifest(repo, a.digest)
        self.assertEqual(g.status, 200, g)
        self.assertEqual(g.body, a.manifest)

    def test_same_manifest_several_tags(self):
        repo = self.repo("mf")
        img = self.srv.push_image(repo, tag="one")
        r = self.srv.push_manifest(repo, "two", img.manifest)
        self.assertEqual(r.status, 201, r)
        for tag in ("one", "two"):
            self.assertEqual(self.srv.get_manifest(repo, tag).header("Docker-Content-Digest"), img.digest)

    def test_docker_schema2_manifest(self):
        repo = self.repo("mf")
        img = self.srv.push_image(repo, tag="docker", media_type=DOCKER_MANIFEST)
        g = self.srv.get_manifest(repo, "docker", accept=DOCKER_MANIFEST)
        self.assertEqual(g.status, 200, g)
        self.assertEqual(g.header("Content-Type"), DOCKER_MANIFEST, g)
        self.assertEqual(g.body, img.manifest)

    def test_oci_index_and_docker_list(self):
        repo = self.repo("mf")
        amd = self.srv.push_image(repo)
        arm = self.srv.push_image(repo)
        descs = []
        for img, arch in ((amd, "amd64"), (arm, "arm64")):
            d = img.descriptor()
            d["platform"] = {"architecture": arch, "os": "linux"}
            descs.append(d)
        idx = image_index(descs)
        r = self.srv.push_manifest(repo, "multi", idx, media_type=OCI_INDEX)
        self.assertEqual(r.status, 201, r)
        g = self.srv.get_manifest(repo, "multi", accept=OCI_INDEX)
        self.assertEqual(g.status, 200, g)
        self.assertEqual(g.header("Content-Type"), OCI_INDEX)
        self.assertEqual(g.body, idx)
        # Docker list over Docker manifests
        d1 = self.srv.push_image(repo, media_type=DOCKER_MANIFEST).descriptor()
        d1["platform"] = {"architecture": "amd64", "os": "linux"}
        lst = image_index([d1], media_type=DOCKER_LIST)
        r = self.srv.push_manifest(repo, "dlist", lst, media_type=DOCKER_LIST)
        self.assertEqual(r.status, 201, r)
        g = self.srv.get_manifest(repo, "dlist", accept=DOCKER_LIST)
        self.assertEqual(g.status, 200, g)
        self.assertEqual(g.header("Content-Type"), DOCKER_LIST, g)
        self.assertEqual(g.body, lst)

    def test_index_referencing_unknown_manifest_is_400(self):
        repo = self.repo("mf")
        self.srv.push_image(repo)
        ghost = {"mediaType": OCI_MANIFEST, "digest": digest_of(harness.random_bytes(10)), "size": 10}
        r = self.srv.push_manifest(repo, "bad-index", image_index([ghost]), media_type=OCI_INDEX)
        self.assertError(r, 400, "MANIFEST_BLOB_UNKNOWN")

    def test_content_type_parameters_ignored(self):
        repo = self.repo("mf")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers)
        r = self.srv.push_manifest(repo, "param", body, media_type=OCI_MANIFEST + "; charset=utf-8")
        self.assertEqual(r.status, 201, r)
        g = self.srv.get_manifest(repo, "param")
        self.assertEqual(g.status, 200, g)
        self.assertEqual(g.header("Content-Type").split(";")[0], OCI_MANIFEST)

    def test_exactly_4mib_manifest_is_accepted(self):
        repo = self.repo("mf")
        config, layers = self.blobs(repo)
        base = image_manifest(config, layers, extra={"annotations": {"pad": ""}})
        pad = 4 * MiB - len(base)
        body = image_manifest(config, layers, extra={"annotations": {"pad": "x" * pad}})
        self.assertEqual(len(body), 4 * MiB)
        r = self.srv.push_manifest(repo, "big", body)
        self.assertEqual(r.status, 201, r)
        g = self.srv.get_manifest(repo, "big")
        self.assertEqual(g.status, 200)
        self.assertEqual(g.body, body)


class TestAccept(Base):
    def test_unacceptable_type_is_404_manifest_unknown(self):
        # Distribution: "OCI manifest found, but accept header does not
        # support OCI manifests" -> 404 MANIFEST_UNKNOWN.
        repo = self.repo("acc")
        img = self.srv.push_image(repo, tag="oci")
        for ref in ("oci", img.digest):
            r = self.srv.get_manifest(repo, ref, accept=DOCKER_MANIFEST)
            self.assertError(r, 404, "MANIFEST_UNKNOWN")

    def test_unacceptable_index_is_404(self):
        repo = self.repo("acc")
        img = self.srv.push_image(repo)
        idx = image_index([img.descriptor()])
        self.assertEqual(self.srv.push_manifest(repo, "idx", idx, media_type=OCI_INDEX).status, 201)
        r = self.srv.get_manifest(repo, "idx", accept=OCI_MANIFEST)
        self.assertError(r, 404, "MANIFEST_UNKNOWN")

    def test_accept_list_forms(self):
        repo = self.repo("acc")
        img = self.srv.push_image(repo, tag="t")
        forms = [
            OCI_MANIFEST,
            "%s, %s" % (DOCKER_MANIFEST, OCI_MANIFEST),
            "%s;q=0.9,%s;q=0.5" % (OCI_INDEX, OCI_MANIFEST),
        ]
        for accept in forms:
            r = self.srv.get_manifest(repo, "t", accept=accept)
            self.assertEqual(r.status, 200, "Accept %r: %s" % (accept, r))
            self.assertEqual(r.body, img.manifest)
        # the same header repeated: http.client cannot send duplicates, use a raw socket
        s = self.srv.raw_socket()
        try:
            s.sendall(("GET /v2/%s/manifests/t HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                       "Accept: %s\r\nAccept: %s\r\n\r\n" % (repo, DOCKER_MANIFEST, OCI_MANIFEST)).encode())
            import http.client
            resp = http.client.HTTPResponse(s, method="GET")
            resp.begin()
            body = resp.read()
            self.assertEqual(resp.status, 200, body)
            self.assertEqual(body, img.manifest)
        finally:
            s.close()


class TestValidation(Base):
    def test_missing_layer_is_400_manifest_blob_unknown(self):
        repo = self.repo("val")
        config, layers = self.blobs(repo)
        ghost = harness.random_bytes(100)
        body = image_manifest(config, layers + [ghost])
        r = self.srv.push_manifest(repo, "t", body)
        errors = self.assertError(r, 400, "MANIFEST_BLOB_UNKNOWN")
        self.assertTrue(errors)
        self.assertEqual(self.srv.get_manifest(repo, "t").status, 404)

    def test_missing_config_is_400_manifest_blob_unknown(self):
        repo = self.repo("val")
        _, layers = self.blobs(repo)
        body = image_manifest(b'{"never":"pushed"}', layers)
        r = self.srv.push_manifest(repo, "t", body)
        self.assertError(r, 400, "MANIFEST_BLOB_UNKNOWN")

    def test_blob_only_in_other_repository_is_400(self):
        a, b = self.repo("val-a"), self.repo("val-b")
        config, layers = self.blobs(a)
        self.srv.push_blob(b, config)   # b has the config but not the layers
        body = image_manifest(config, layers)
        r = self.srv.push_manifest(b, "t", body)
        self.assertError(r, 400, "MANIFEST_BLOB_UNKNOWN")

    def test_invalid_json_is_400_manifest_invalid(self):
        repo = self.repo("val")
        for body in (b"{not json", b"", b"[]", b"\"string\""):
            r = self.srv.push_manifest(repo, "t", body)
            self.assertError(r, 400, "MANIFEST_INVALID")

    def test_wrong_schema_version_is_400(self):
        repo = self.repo("val")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers, extra={"schemaVersion": 1})
        r = self.srv.push_manifest(repo, "t", body)
        self.assertError(r, 400, "MANIFEST_INVALID")

    def test_media_type_mismatch_is_400(self):
        repo = self.repo("val")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers, extra={"mediaType": OCI_INDEX})
        r = self.srv.push_manifest(repo, "t", body, media_type=OCI_MANIFEST)
        self.assertError(r, 400, "MANIFEST_INVALID")

    def test_bad_descriptor_is_400(self):
        repo = self.repo("val")
        config, layers = self.blobs(repo)
        m = json.loads(image_manifest(config, layers))
        m["layers"][0]["digest"] = "sha256:xyz"
        r = self.srv.push_manifest(repo, "t", json.dumps(m).encode())
        self.assertError(r, 400, "MANIFEST_INVALID", "DIGEST_INVALID")

    def test_over_4mib_is_413(self):
        repo = self.repo("val")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers, extra={"annotations": {"pad": "x" * (4 * MiB + 10)}})
        r = self.srv.send_large("PUT", "/v2/%s/manifests/huge" % repo, {"Content-Type": OCI_MANIFEST}, body)
        self.assertEqual(r.status, 413, r)
        if r.body.strip():
            self.assertError(r, 413, "SIZE_INVALID", "MANIFEST_INVALID")
        self.assertEqual(self.srv.get_manifest(repo, "huge").status, 404)

    def test_name_invalid(self):
        body = b'{"schemaVersion":2}'
        for bad in ("UPPER", "a/-b", "trailing_", "a___b", "x" * 300):
            r = self.srv.push_manifest(bad, "latest", body)
            self.assertError(r, 400, "NAME_INVALID")
            r = self.srv.get_manifest(bad, "latest")
            self.assertError(r, 400, "NAME_INVALID")

    def test_tag_invalid(self):
        repo = self.repo("val")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers)
        for bad in ("-dash-first", ".dot-first", "t" * 129, "sp%20ace", "a+b"):
            r = self.srv.push_manifest(repo, bad, body)
            self.assertError(r, 400, "TAG_INVALID")
            # A tag that cannot exist is unknown to read (OCI conformance).
            r = self.srv.get_manifest(repo, bad)
            self.assertError(r, 404, "MANIFEST_UNKNOWN")
            self.assertEqual(self.srv.get_manifest(repo, bad, method="HEAD").status, 404)

    def test_tag_valid_edge_cases(self):
        repo = self.repo("val")
        config, layers = self.blobs(repo)
        body = image_manifest(config, layers)
        for good in ("_underscore", "UPPER", "v1.2.3-rc_1", "t" * 128):
            r = self.srv.push_manifest(repo, good, body)
            self.assertEqual(r.status, 201, "tag %r: %s" % (good, r))


class TestUnknown(Base):
    def test_unknown_tag_is_404_manifest_unknown(self):
        repo = self.repo("unk")
        self.srv.push_image(repo, tag="exists")
        r = self.srv.get_manifest(repo, "missing")
        self.assertError(r, 404, "MANIFEST_UNKNOWN")
        r = self.srv.get_manifest(repo, "missing", method="HEAD")
        self.assertEqual(r.status, 404, r)
        self.assertEqual(r.body, b"")

    def test_unknown_digest_is_404(self):
        repo = self.repo("unk")
        self.srv.push_image(repo, tag="exists")
        r = self.srv.get_manifest(repo, digest_of(harness.random_bytes(9)))
        self.assertError(r, 404, "MANIFEST_UNKNOWN")

    def test_unknown_repository_is_404(self):
        r = self.srv.get_manifest(self.repo("nosuch"), "latest")
        self.assertError(r, 404, "NAME_UNKNOWN", "MANIFEST_UNKNOWN")

    def test_manifest_not_visible_in_other_repository(self):
        a, b = self.repo("unk-a"), self.repo("unk-b")
        img = self.srv.push_image(a, tag="t")
        self.srv.push_image(b, tag="t2")
        r = self.srv.get_manifest(b, img.digest)
        self.assertError(r, 404, "MANIFEST_UNKNOWN")
        r = self.srv.get("/v2/%s/blobs/%s" % (b, img.digest))
        self.assertEqual(r.status, 404, r)


class TestDelete(Base):
    def test_delete_by_digest(self):
        repo = self.repo("del")
        img = self.srv.push_image(repo, tag="t1")
        self.assertEqual(self.srv.push_manifest(repo, "t2", img.manifest).status, 201)
        r = self.srv.delete("/v2/%s/manifests/%s" % (repo, img.digest))
        self.assertEqual(r.status, 202, r)
        for ref in (img.digest, "t1", "t2"):
            self.assertError(self.srv.get_manifest(repo, ref), 404, "MANIFEST_UNKNOWN")
        tags = self.srv.get("/v2/%s/tags/list" % repo)
        if tags.status == 200:
            self.assertFalse(tags.json().get("tags"), tags)
        else:
            self.assertError(tags, 404, "NAME_UNKNOWN")

    def test_delete_by_tag(self):
        repo = self.repo("del")
        img = self.srv.push_image(repo, tag="gone")
        self.assertEqual(self.srv.push_manifest(repo, "stays", img.manifest).status, 201)
        r = self.srv.delete("/v2/%s/manifests/gone" % repo)
        self.assertEqual(r.status, 202, r)
        self.assertError(self.srv.get_manifest(repo, "gone"), 404, "MANIFEST_UNKNOWN")
        self.assertEqual(self.srv.get_manifest(repo, "stays").status, 200)
        self.assertEqual(self.srv.get_manifest(repo, img.digest).status, 200)
        self.assertEqual(self.srv.get("/v2/%s/tags/list" % repo).json()["tags"], ["stays"])

    def test_delete_unknown_is_404(self):
        repo = self.repo("del")
        self.srv.push_image(repo, tag="t")
        r = self.srv.delete("/v2/%s/manifests/%s" % (repo, digest_of(b"nope")))
        self.assertError(r, 404, "MANIFEST_UNKNOWN")
        r = self.srv.delete("/v2/%s/manifests/nosuchtag" % repo)
        self.assertError(r, 404, "MANIFEST_UNKNOWN")

    def test_delete_keeps_blobs_until_gc(self):
        repo = self.repo("del")
        img = self.srv.push_image(repo, tag="t")
        self.assertEqual(self.srv.delete("/v2/%s/manifests/%s" % (repo, img.digest)).status, 202)
        for blob in [img.config] + img.layers:
            self.assertBlob(repo, blob)

    def test_push_again_after_delete(self):
        repo = self.repo("del")
        img = self.srv.push_image(repo, tag="t")
        self.assertEqual(self.srv.delete("/v2/%s/manifests/%s" % (repo, img.digest)).status, 202)
        r = self.srv.push_manifest(repo, "t", img.manifest)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(self.srv.get_manifest(repo, "t").body, img.manifest)

    def test_delete_disabled_is_405_unsupported(self):
        srv = SRV_NODELETE
        repo = self.repo("del-off")
        img = srv.push_image(repo, tag="t")
        r = srv.delete("/v2/%s/manifests/%s" % (repo, img.digest))
        self.assertError(r, 405, "UNSUPPORTED")
        r = srv.delete("/v2/%s/manifests/t" % repo)
        self.assertError(r, 405, "UNSUPPORTED")
        self.assertEqual(srv.get_manifest(repo, "t").status, 200)


if __name__ == "__main__":
    unittest.main()
