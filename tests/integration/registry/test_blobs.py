"""Blobs: GET/HEAD (end-2), Range reads, DELETE (end-10), per-repository
visibility and single-instance storage on disk."""

import unittest

import harness
from harness import digest_of, hex_of

SRV = None
SRV_NODELETE = None


def setUpModule():
    global SRV, SRV_NODELETE
    SRV = harness.Server(name="blobs", delete_enabled=True).start()
    SRV_NODELETE = harness.Server(name="blobs-nodelete", delete_enabled=False).start()


def tearDownModule():
    for s in (SRV, SRV_NODELETE):
        if s:
            s.cleanup()


class Base(harness.RegistryTestCase):
    @property
    def srv(self):
        return SRV


class TestBlobGet(Base):
    def test_get_pushed_blob(self):
        repo = self.repo("blobs")
        data = harness.random_bytes(10000)
        dg = self.srv.push_blob(repo, data)
        r = self.srv.get("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, data)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)
        self.assertEqual(int(r.header("Content-Length")), len(data), r)

    def test_head_pushed_blob(self):
        repo = self.repo("blobs")
        data = harness.random_bytes(4321)
        dg = self.srv.push_blob(repo, data)
        r = self.srv.head("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, b"")
        self.assertEqual(int(r.header("Content-Length")), len(data), r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)

    def test_empty_blob(self):
        repo = self.repo("blobs")
        dg = self.srv.push_blob(repo, b"")
        self.assertEqual(dg, "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        r = self.srv.get("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, b"")
        self.assertEqual(r.header("Content-Length"), "0", r)

    def test_large_blob_roundtrip(self):
        repo = self.repo("blobs")
        data = harness.random_bytes(6 * 1024 * 1024 + 17)
        self.srv.push_blob(repo, data)
        self.assertBlob(repo, data)

    def test_unknown_blob_is_404_blob_unknown(self):
        repo = self.repo("blobs")
        self.srv.push_blob(repo, b"something so that the repository exists")
        dg = digest_of(b"never pushed " + harness.random_bytes(8))
        r = self.srv.get("/v2/%s/blobs/%s" % (repo, dg))
        self.assertError(r, 404, "BLOB_UNKNOWN")
        r = self.srv.head("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(r.status, 404, r)
        self.assertEqual(r.body, b"")

    def test_blob_in_unknown_repository(self):
        r = self.srv.get("/v2/%s/blobs/%s" % (self.repo("nosuch"), digest_of(b"x")))
        self.assertError(r, 404, "BLOB_UNKNOWN", "NAME_UNKNOWN")

    def test_invalid_digest_in_path(self):
        repo = self.repo("blobs")
        self.srv.push_blob(repo, b"exists")
        for bad in ("sha256:abc", "sha256:" + "g" * 64, "nodigest", "md5:" + "0" * 32):
            r = self.srv.get("/v2/%s/blobs/%s" % (repo, bad))
            self.assertIn(r.status, (400, 404), r)
            if r.status == 400:
                self.assertError(r, 400, "DIGEST_INVALID")

    def test_invalid_repository_name(self):
        dg = digest_of(b"x")
        for bad in ("UPPER", "trailing-", "a/-b", "a___b"):
            r = self.srv.get("/v2/%s/blobs/%s" % (bad, dg))
            self.assertError(r, 400, "NAME_INVALID")


class TestBlobRange(Base):
    def setUp(self):
        self.repo_name = self.repo("range")
        self.data = bytes(range(256)) * 40  # 10240 bytes
        self.dg = self.srv.push_blob(self.repo_name, self.data)
        self.path = "/v2/%s/blobs/%s" % (self.repo_name, self.dg)

    def test_range_first_bytes(self):
        r = self.srv.get(self.path, headers={"Range": "bytes=0-99"})
        self.assertEqual(r.status, 206, r)
        self.assertEqual(r.body, self.data[0:100])
        self.assertEqual(r.header("Content-Range"), "bytes 0-99/%d" % len(self.data), r)
        self.assertEqual(int(r.header("Content-Length")), 100, r)

    def test_range_middle(self):
        r = self.srv.get(self.path, headers={"Range": "bytes=1000-1999"})
        self.assertEqual(r.status, 206, r)
        self.assertEqual(r.body, self.data[1000:2000])
        self.assertEqual(r.header("Content-Range"), "bytes 1000-1999/%d" % len(self.data), r)

    def test_range_open_ended(self):
        r = self.srv.get(self.path, headers={"Range": "bytes=10000-"})
        self.assertEqual(r.status, 206, r)
        self.assertEqual(r.body, self.data[10000:])
        self.assertEqual(r.header("Content-Range"), "bytes 10000-10239/10240", r)

    def test_range_suffix(self):
        r = self.srv.get(self.path, headers={"Range": "bytes=-40"})
        self.assertEqual(r.status, 206, r)
        self.assertEqual(r.body, self.data[-40:])
        self.assertEqual(r.header("Content-Range"), "bytes 10200-10239/10240", r)

    def test_range_end_past_size_is_clamped(self):
        r = self.srv.get(self.path, headers={"Range": "bytes=10200-99999"})
        self.assertEqual(r.status, 206, r)
        self.assertEqual(r.body, self.data[10200:])
        self.assertEqual(r.header("Content-Range"), "bytes 10200-10239/10240", r)

    def test_range_unsatisfiable_is_416(self):
        r = self.srv.get(self.path, headers={"Range": "bytes=10240-"})
        self.assertEqual(r.status, 416, r)
        self.assertEqual(r.header("Content-Range"), "bytes */10240", r)
        r = self.srv.get(self.path, headers={"Range": "bytes=20000-30000"})
        self.assertEqual(r.status, 416, r)

    def test_resumed_pull_reassembles(self):
        # Resumable pull: fetch in pieces and put them together.
        got = b""
        for _ in range(20):
            if len(got) >= len(self.data):
                break
            r = self.srv.get(self.path, headers={"Range": "bytes=%d-%d" % (len(got), len(got) + 3000 - 1)})
            self.assertEqual(r.status, 206, r)
            got += r.body
        self.assertEqual(got, self.data)

    def test_head_with_range(self):
        r = self.srv.head(self.path, headers={"Range": "bytes=0-9"})
        self.assertIn(r.status, (200, 206), r)
        self.assertEqual(r.body, b"")


class TestBlobDelete(Base):
    def test_delete_blob_202_then_404(self):
        repo = self.repo("bdel")
        data = harness.random_bytes(777)
        dg = self.srv.push_blob(repo, data)
        r = self.srv.delete("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(r.status, 202, r)
        self.assertNoBlob(repo, dg)

    def test_delete_unknown_blob_404(self):
        repo = self.repo("bdel")
        self.srv.push_blob(repo, b"repo exists")
        r = self.srv.delete("/v2/%s/blobs/%s" % (repo, digest_of(harness.random_bytes(16))))
        self.assertError(r, 404, "BLOB_UNKNOWN")

    def test_delete_in_one_repository_keeps_others(self):
        a, b = self.repo("bdel-a"), self.repo("bdel-b")
        data = harness.random_bytes(2048)
        dg = self.srv.push_blob(a, data)
        self.srv.push_blob(b, data)
        r = self.srv.delete("/v2/%s/blobs/%s" % (a, dg))
        self.assertEqual(r.status, 202, r)
        self.assertNoBlob(a, dg)
        self.assertBlob(b, data)

    def test_push_again_after_delete(self):
        repo = self.repo("bdel")
        data = harness.random_bytes(999)
        dg = self.srv.push_blob(repo, data)
        self.assertEqual(self.srv.delete("/v2/%s/blobs/%s" % (repo, dg)).status, 202)
        self.srv.push_blob(repo, data)
        self.assertBlob(repo, data)

    def test_delete_disabled_is_405_unsupported(self):
        srv = SRV_NODELETE
        repo = self.repo("bdel-off")
        data = harness.random_bytes(100)
        dg = srv.push_blob(repo, data)
        r = srv.delete("/v2/%s/blobs/%s" % (repo, dg))
        self.assertError(r, 405, "UNSUPPORTED")
        self.assertBlob(repo, data, srv=srv)


class TestBlobVisibility(Base):
    def test_blob_not_visible_in_other_repository(self):
        a, b = self.repo("vis-a"), self.repo("vis-b")
        data = harness.random_bytes(3000)
        dg = self.srv.push_blob(a, data)
        self.srv.push_blob(b, b"b exists")
        r = self.srv.get("/v2/%s/blobs/%s" % (b, dg))
        self.assertError(r, 404, "BLOB_UNKNOWN")
        r = self.srv.head("/v2/%s/blobs/%s" % (b, dg))
        self.assertEqual(r.status, 404, r)
        # ...nor in a repository that does not exist at all
        r = self.srv.get("/v2/%s/blobs/%s" % (self.repo("vis-c"), dg))
        self.assertError(r, 404, "BLOB_UNKNOWN", "NAME_UNKNOWN")

    def test_blob_stored_once_for_three_repositories(self):
        data = harness.random_bytes(50000)
        dg = digest_of(data)
        repos = [self.repo("dedup") for _ in range(3)]
        for repo in repos:
            self.assertEqual(self.srv.push_blob(repo, data), dg)
        for repo in repos:
            self.assertBlob(repo, data)
        files = harness.blob_files_on_disk(self.srv.root, hex_of(dg))
        self.assertEqual(len(files), 1, "blob %s should be on disk exactly once, found %s" % (dg, files))
        with open(files[0], "rb") as f:
            self.assertEqual(f.read(), data)

    def test_nested_repository_names(self):
        repo = "%s/sub/deeper" % self.repo("nested")
        data = harness.random_bytes(100)
        self.srv.push_blob(repo, data)
        self.assertBlob(repo, data)
        parent = repo.rsplit("/", 1)[0]
        r = self.srv.get("/v2/%s/blobs/%s" % (parent, digest_of(data)))
        self.assertError(r, 404, "BLOB_UNKNOWN", "NAME_UNKNOWN")


if __name__ == "__main__":
    unittest.main()
