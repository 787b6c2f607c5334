"""Blob uploads: POST (end-4a/4b), PATCH (end-5), PUT (end-6), GET status
(end-13), DELETE cancel (end-14) and cross-repository mount (end-11)."""

import threading
import unittest

import harness
from harness import digest_of, url_path, with_query, parse_range

SRV = None
OCTET = {"Content-Type": "application/octet-stream"}


def setUpModule():
    global SRV
    SRV = harness.Server(name="uploads").start()


def tearDownModule():
    if SRV:
        SRV.cleanup()


class Base(harness.RegistryTestCase):
    @property
    def srv(self):
        return SRV

    def patch_chunk(self, loc, data, start, content_range=True):
        hdrs = dict(OCTET)
        if content_range:
            hdrs["Content-Range"] = "%d-%d" % (start, start + len(data) - 1)
        return self.srv.patch(loc, body=data, headers=hdrs)

    def assertUploadRange(self, r, size):
        """Range: 0-<size-1> (an empty upload may say 0-0 or nothing)."""
        rng = r.header("Range")
        if size == 0:
            if rng is not None:
                self.assertIn(rng.replace("bytes=", ""), ("0-0", "0--1"), r)
            return
        self.assertIsNotNone(rng, "no Range header: %s" % r)
        self.assertEqual(parse_range(rng), (0, size - 1), r)


class TestMonolithic(Base):
    def test_post_with_digest_is_201(self):
        repo = self.repo("mono")
        data = harness.random_bytes(5000)
        dg = digest_of(data)
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % repo, digest=dg), body=data, headers=OCTET)
        self.assertEqual(r.status, 201, r)
        loc = r.header("Location")
        self.assertTrue(loc, r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)
        # Location is a pullable URL
        r2 = self.srv.get(url_path(loc))
        self.assertEqual(r2.status, 200, r2)
        self.assertEqual(r2.body, data)

    def test_post_with_wrong_digest_is_400_digest_invalid(self):
        repo = self.repo("mono")
        data = harness.random_bytes(1000)
        wrong = digest_of(b"something else")
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % repo, digest=wrong), body=data, headers=OCTET)
        self.assertError(r, 400, "DIGEST_INVALID")
        self.assertNoBlob(repo, wrong)
        self.assertNoBlob(repo, digest_of(data))

    def test_post_then_put(self):
        repo = self.repo("mono")
        data = harness.random_bytes(3333)
        dg = digest_of(data)
        loc, r = self.srv.start_upload(repo)
        r = self.srv.put(with_query(loc, digest=dg), body=data, headers=OCTET)
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.header("Location"), r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)
        self.assertBlob(repo, data)

    def test_post_with_malformed_digest_is_400(self):
        repo = self.repo("mono")
        r = self.srv.post("/v2/%s/blobs/uploads/?digest=sha256:nothex" % repo, body=b"abc", headers=OCTET)
        self.assertError(r, 400, "DIGEST_INVALID")


class TestSession(Base):
    def test_post_opens_session(self):
        repo = self.repo("sess")
        r = self.srv.post("/v2/%s/blobs/uploads/" % repo)
        self.assertEqual(r.status, 202, r)
        self.assertTrue(r.header("Location"), r)
        self.assertTrue(r.header("Docker-Upload-UUID"), r)
        self.assertUploadRange(r, 0)
        # the session's status
        st = self.srv.get(url_path(r.header("Location")))
        self.assertEqual(st.status, 204, st)
        self.assertEqual(st.body, b"")
        self.assertUploadRange(st, 0)
        self.assertTrue(st.header("Docker-Upload-UUID"), st)

    def test_chunked_upload(self):
        repo = self.repo("chunk")
        data = harness.random_bytes(3 * 100000 + 123)
        dg = digest_of(data)
        loc, _ = self.srv.start_upload(repo)
        chunks = [data[0:100000], data[100000:200000], data[200000:]]
        offset = 0
        for c in chunks:
            r = self.patch_chunk(loc, c, offset)
            self.assertEqual(r.status, 202, r)
            offset += len(c)
            self.assertUploadRange(r, offset)
            self.assertTrue(r.header("Location"), r)
            self.assertTrue(r.header("Docker-Upload-UUID"), r)
            loc = url_path(r.header("Location"))
            st = self.srv.get(loc)
            self.assertEqual(st.status, 204, st)
            self.assertUploadRange(st, offset)
        # not visible before the closing PUT
        self.assertNoBlob(repo, dg)
        r = self.srv.put(with_query(loc, digest=dg))
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)
        self.assertTrue(r.header("Location"), r)
        self.assertBlob(repo, data)

    def test_streamed_patch_without_content_range(self):
        repo = self.repo("stream")
        data = harness.random_bytes(70000)
        loc, _ = self.srv.start_upload(repo)
        r = self.patch_chunk(loc, data[:50000], 0, content_range=False)
        self.assertEqual(r.status, 202, r)
        self.assertUploadRange(r, 50000)
        loc = url_path(r.header("Location"))
        r = self.patch_chunk(loc, data[50000:], 50000, content_range=False)
        self.assertEqual(r.status, 202, r)
        self.assertUploadRange(r, 70000)
        loc = url_path(r.header("Location"))
        r = self.srv.put(with_query(loc, digest=digest_of(data)))
        self.assertEqual(r.status, 201, r)
        self.assertBlob(repo, data)

    def test_final_chunk_in_put(self):
        repo = self.repo("lastput")
        data = harness.random_bytes(20000)
        loc, _ = self.srv.start_upload(repo)
        r = self.patch_chunk(loc, data[:12000], 0)
        self.assertEqual(r.status, 202, r)
        loc = url_path(r.header("Location"))
        hdrs = dict(OCTET)
        hdrs["Content-Range"] = "12000-19999"
        r = self.srv.put(with_query(loc, digest=digest_of(data)), body=data[12000:], headers=hdrs)
        self.assertEqual(r.status, 201, r)
        self.assertBlob(repo, data)

    def test_out_of_order_chunk_is_416(self):
        repo = self.repo("ooo")
        data = harness.random_bytes(30000)
        loc, _ = self.srv.start_upload(repo)
        r = self.patch_chunk(loc, data[:10000], 0)
        self.assertEqual(r.status, 202, r)
        loc = url_path(r.header("Location"))
        # skip a chunk
        r = self.patch_chunk(loc, data[20000:], 20000)
        self.assertEqual(r.status, 416, r)
        if r.body.strip():
            self.assertError(r, 416, "RANGE_INVALID", "BLOB_UPLOAD_INVALID", "SIZE_INVALID")
        # overlap / restart from 0
        r = self.patch_chunk(loc, data[:5000], 0)
        self.assertEqual(r.status, 416, r)
        # the status still says 0-9999 and the upload goes on from there
        st = self.srv.get(loc)
        self.assertEqual(st.status, 204, st)
        self.assertUploadRange(st, 10000)
        loc = url_path(st.header("Location")) or loc
        r = self.patch_chunk(loc, data[10000:], 10000)
        self.assertEqual(r.status, 202, r)
        loc = url_path(r.header("Location"))
        r = self.srv.put(with_query(loc, digest=digest_of(data)))
        self.assertEqual(r.status, 201, r)
        self.assertBlob(repo, data)

    def test_first_chunk_must_start_at_zero(self):
        repo = self.repo("ooo")
        loc, _ = self.srv.start_upload(repo)
        r = self.patch_chunk(loc, b"x" * 100, 100)
        self.assertEqual(r.status, 416, r)

    def test_put_digest_mismatch_is_400_and_invisible(self):
        repo = self.repo("mismatch")
        data = harness.random_bytes(8000)
        claimed = digest_of(data[:-1] + b"\x00")
        loc, _ = self.srv.start_upload(repo)
        r = self.patch_chunk(loc, data, 0)
        self.assertEqual(r.status, 202, r)
        loc = url_path(r.header("Location"))
        r = self.srv.put(with_query(loc, digest=claimed))
        self.assertError(r, 400, "DIGEST_INVALID")
        self.assertNoBlob(repo, claimed)
        self.assertNoBlob(repo, digest_of(data))

    def test_put_without_digest_is_400(self):
        repo = self.repo("nodigest")
        loc, _ = self.srv.start_upload(repo)
        r = self.patch_chunk(loc, b"abc", 0)
        loc = url_path(r.header("Location"))
        r = self.srv.put(loc)
        self.assertError(r, 400, "DIGEST_INVALID", "BLOB_UPLOAD_INVALID")

    def test_cancel_upload(self):
        repo = self.repo("cancel")
        loc, _ = self.srv.start_upload(repo)
        r = self.patch_chunk(loc, b"partial data", 0)
        self.assertEqual(r.status, 202, r)
        loc = url_path(r.header("Location"))
        r = self.srv.delete(loc)
        self.assertEqual(r.status, 204, r)
        r = self.srv.get(loc)
        self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")
        r = self.patch_chunk(loc, b" more", 12)
        self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")
        r = self.srv.put(with_query(loc, digest=digest_of(b"partial data")))
        self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")
        r = self.srv.delete(loc)
        self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")

    def test_unknown_upload_is_404(self):
        repo = self.repo("unknownup")
        self.srv.push_blob(repo, b"exists")
        path = "/v2/%s/blobs/uploads/%s" % (repo, "00000000-0000-4000-8000-000000000000")
        self.assertError(self.srv.get(path), 404, "BLOB_UPLOAD_UNKNOWN")
        self.assertError(self.patch_chunk(path, b"x", 0), 404, "BLOB_UPLOAD_UNKNOWN")
        self.assertError(self.srv.put(with_query(path, digest=digest_of(b"x"))), 404, "BLOB_UPLOAD_UNKNOWN")
        self.assertError(self.srv.delete(path), 404, "BLOB_UPLOAD_UNKNOWN")

    def test_completed_session_is_gone(self):
        repo = self.repo("done")
        data = b"complete me"
        loc, _ = self.srv.start_upload(repo)
        r = self.srv.put(with_query(loc, digest=digest_of(data)), body=data, headers=OCTET)
        self.assertEqual(r.status, 201, r)
        r = self.srv.get(loc)
        self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")
        r = self.patch_chunk(loc, b"more", len(data))
        self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")

    def test_session_belongs_to_its_repository(self):
        a, b = self.repo("owner-a"), self.repo("owner-b")
        loc, r = self.srv.start_upload(a)
        uid = r.header("Docker-Upload-UUID")
        self.srv.push_blob(b, b"b exists")
        r = self.srv.get("/v2/%s/blobs/uploads/%s" % (b, uid))
        self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")

    def test_parallel_uploads_of_same_blob(self):
        repo = self.repo("para")
        data = harness.random_bytes(200000)
        dg = digest_of(data)
        results = []

        def push():
            try:
                loc, _ = self.srv.start_upload(repo)
                r = self.patch_chunk(loc, data, 0)
                loc = url_path(r.header("Location"))
                results.append(self.srv.put(with_query(loc, digest=dg)).status)
            except Exception as e:  # noqa: BLE001
                results.append(repr(e))
        threads = [threading.Thread(target=push) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(results, [201] * 4)
        self.assertBlob(repo, data)
        self.assertEqual(len(harness.blob_files_on_disk(self.srv.root, harness.hex_of(dg))), 1)

    def test_many_small_chunks(self):
        repo = self.repo("small")
        data = harness.random_bytes(64 * 50)
        loc, _ = self.srv.start_upload(repo)
        for i in range(50):
            r = self.patch_chunk(loc, data[i * 64:(i + 1) * 64], i * 64)
            self.assertEqual(r.status, 202, r)
            loc = url_path(r.header("Location"))
        r = self.srv.put(with_query(loc, digest=digest_of(data)))
        self.assertEqual(r.status, 201, r)
        self.assertBlob(repo, data)


class TestMount(Base):
    def test_mount_from_repository_with_blob_is_201(self):
        src, dst = self.repo("mnt-src"), self.repo("mnt-dst")
        data = harness.random_bytes(4096)
        dg = self.srv.push_blob(src, data)
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % dst, mount=dg, **{"from": src}))
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.header("Location"), r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg, r)
        self.assertBlob(dst, data)
        self.assertBlob(src, data)
        self.assertEqual(len(harness.blob_files_on_disk(self.srv.root, harness.hex_of(dg))), 1)

    def test_mount_when_source_lacks_blob_is_202_session(self):
        src, dst, other = self.repo("mnt-src"), self.repo("mnt-dst"), self.repo("mnt-other")
        data = harness.random_bytes(4096)
        dg = self.srv.push_blob(other, data)      # stored, but not in `src`
        self.srv.push_blob(src, b"src exists")
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % dst, mount=dg, **{"from": src}))
        self.assertEqual(r.status, 202, r)
        self.assertTrue(r.header("Location"), r)
        self.assertTrue(r.header("Docker-Upload-UUID"), r)
        self.assertNoBlob(dst, dg)
        # the session is a normal upload session
        loc = url_path(r.header("Location"))
        r = self.srv.put(with_query(loc, digest=dg), body=data, headers=OCTET)
        self.assertEqual(r.status, 201, r)
        self.assertBlob(dst, data)

    def test_mount_of_unknown_blob_is_202(self):
        src, dst = self.repo("mnt-src"), self.repo("mnt-dst")
        self.srv.push_blob(src, b"src exists")
        dg = digest_of(harness.random_bytes(32))
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % dst, mount=dg, **{"from": src}))
        self.assertEqual(r.status, 202, r)
        self.assertNoBlob(dst, dg)

    def test_mount_from_unknown_repository_is_202(self):
        dst = self.repo("mnt-dst")
        other = self.repo("mnt-other")
        data = harness.random_bytes(512)
        dg = self.srv.push_blob(other, data)
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % dst, mount=dg, **{"from": self.repo("nosuch")}))
        self.assertEqual(r.status, 202, r)
        self.assertNoBlob(dst, dg)


if __name__ == "__main__":
    unittest.main()


class TestOtherDigestAlgorithms(Base):
    def test_sha512_monolithic_and_chunked(self):
        import hashlib
        repo = self.repo("sha512")
        data = harness.random_bytes(70000)
        dg = "sha512:" + hashlib.sha512(data).hexdigest()
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % repo, digest=dg), body=data,
                          headers={"Content-Type": "application/octet-stream"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Docker-Content-Digest"), dg)
        got = self.srv.get("/v2/%s/blobs/%s" % (repo, dg))
        self.assertEqual(got.status, 200, got)
        self.assertEqual(got.body, data)
        wrong = "sha512:" + hashlib.sha512(b"other").hexdigest()
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % repo, digest=wrong), body=data,
                          headers={"Content-Type": "application/octet-stream"})
        self.assertError(r, 400, "DIGEST_INVALID")
