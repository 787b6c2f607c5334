"""Faults and garbage collection: client disconnects mid-upload, digest
mismatches, `muelle-registry gc` (alone and during a push), kill -9 of the
server in the middle of an upload."""

import os
import threading
import time
import unittest

import harness
from harness import digest_of, hex_of, url_path, with_query, parse_range

OCTET = {"Content-Type": "application/octet-stream"}


class FaultBase(harness.RegistryTestCase):
    """Each test gets its own server (some of them kill it)."""

    def setUp(self):
        self.srv = harness.Server(name=self.id().rsplit(".", 1)[-1]).start()

    def tearDown(self):
        self.srv.cleanup()

    def upload_size(self, loc):
        """Bytes the server holds for an upload, from GET status (204 + Range)."""
        r = self.srv.get(loc)
        self.assertEqual(r.status, 204, r)
        rng = r.header("Range")
        if rng is None or rng.replace("bytes=", "") in ("0-0", "0--1"):
            # "0-0" is ambiguous (empty or one byte); our uploads here are
            # never exactly one byte long at a status check.
            return 0, r
        first, last = parse_range(rng)
        self.assertEqual(first, 0, r)
        return last + 1, r

    def stable_upload_size(self, loc, timeout=10.0):
        """The server may still be handling the dropped connection: wait until
        two consecutive status reads agree."""
        prev = None
        deadline = time.monotonic() + timeout
        while True:
            size, r = self.upload_size(loc)
            if size == prev or time.monotonic() > deadline:
                return size, r
            prev = size
            time.sleep(0.3)

    def patch(self, loc, data, start):
        hdrs = dict(OCTET)
        hdrs["Content-Range"] = "%d-%d" % (start, start + len(data) - 1)
        return self.srv.patch(loc, body=data, headers=hdrs)

    def finish(self, repo, loc, data, start):
        """PATCH data[start:] (if any) and close with PUT ?digest=."""
        if start < len(data):
            r = self.patch(loc, data[start:], start)
            self.assertEqual(r.status, 202, r)
            loc = url_path(r.header("Location"))
        r = self.srv.put(with_query(loc, digest=digest_of(data)))
        self.assertEqual(r.status, 201, r)
        self.assertBlob(repo, data, srv=self.srv)


class TestDisconnect(FaultBase):
    def test_disconnect_mid_patch_then_resume(self):
        repo = self.repo("disc")
        data = harness.random_bytes(600000)
        loc, _ = self.srv.start_upload(repo)
        r = self.patch(loc, data[:200000], 0)
        self.assertEqual(r.status, 202, r)
        loc = url_path(r.header("Location"))
        # second chunk: announce 400000 bytes, send 150000, hang up (FIN)
        hdrs = dict(OCTET)
        hdrs["Content-Range"] = "200000-599999"
        self.srv.send_partial("PATCH", loc, hdrs, data[200000:], 150000, close="fin")
        self.assertNoBlob(repo, digest_of(data), srv=self.srv)
        size, st = self.stable_upload_size(loc)
        # only bytes that really arrived may count, and none from before are lost
        self.assertGreaterEqual(size, 200000, st)
        self.assertLessEqual(size, 350000, st)
        loc = url_path(st.header("Location")) or loc
        self.finish(repo, loc, data, size)
        self.assertTrue(self.srv.alive())

    def test_reset_mid_patch_then_resume(self):
        repo = self.repo("disc")
        data = harness.random_bytes(300000)
        loc, _ = self.srv.start_upload(repo)
        hdrs = dict(OCTET)
        hdrs["Content-Range"] = "0-299999"
        self.srv.send_partial("PATCH", loc, hdrs, data, 123457, close="rst")
        size, st = self.stable_upload_size(loc)
        self.assertLessEqual(size, 123457, st)
        loc = url_path(st.header("Location")) or loc
        self.finish(repo, loc, data, size)

    def test_disconnect_mid_streamed_patch(self):
        repo = self.repo("disc")
        data = harness.random_bytes(250000)
        loc, _ = self.srv.start_upload(repo)
        self.srv.send_partial("PATCH", loc, dict(OCTET), data, 100000, close="fin")
        size, st = self.stable_upload_size(loc)
        self.assertLessEqual(size, 100000, st)
        self.finish(repo, url_path(st.header("Location")) or loc, data, size)

    def test_disconnect_mid_monolithic_put(self):
        repo = self.repo("disc")
        data = harness.random_bytes(400000)
        dg = digest_of(data)
        loc, _ = self.srv.start_upload(repo)
        self.srv.send_partial("PUT", with_query(loc, digest=dg), dict(OCTET), data, 200000, close="fin")
        time.sleep(0.3)
        self.assertNoBlob(repo, dg, srv=self.srv)
        # the session either survived with whatever arrived, or is gone
        r = self.srv.get(loc)
        if r.status == 204:
            size, st = self.stable_upload_size(loc)
            self.assertLessEqual(size, 200000, st)
            self.finish(repo, url_path(st.header("Location")) or loc, data, size)
        else:
            self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")
            self.srv.push_blob(repo, data)
            self.assertBlob(repo, data, srv=self.srv)

    def test_disconnect_mid_post_with_digest(self):
        repo = self.repo("disc")
        data = harness.random_bytes(300000)
        dg = digest_of(data)
        self.srv.send_partial("POST", with_query("/v2/%s/blobs/uploads/" % repo, digest=dg),
                              dict(OCTET), data, 100000, close="rst")
        time.sleep(0.3)
        self.assertNoBlob(repo, dg, srv=self.srv)
        self.srv.push_blob(repo, data)
        self.assertBlob(repo, data, srv=self.srv)

    def test_disconnect_mid_manifest_put(self):
        repo = self.repo("disc")
        img = self.srv.push_image(repo)
        body = img.manifest
        self.srv.send_partial("PUT", "/v2/%s/manifests/half" % repo, {"Content-Type": harness.OCI_MANIFEST},
                              body, len(body) // 2, close="fin")
        time.sleep(0.3)
        self.assertError(self.srv.get_manifest(repo, "half"), 404, "MANIFEST_UNKNOWN")
        self.assertEqual(self.srv.push_manifest(repo, "half", body).status, 201)

    def test_mismatching_bytes_digest_invalid_and_invisible(self):
        repo = self.repo("mismatch")
        data = harness.random_bytes(100000)
        claimed = digest_of(data)
        corrupted = data[:50000] + bytes([data[50000] ^ 0xFF]) + data[50001:]
        loc, _ = self.srv.start_upload(repo)
        r = self.patch(loc, corrupted, 0)
        self.assertEqual(r.status, 202, r)
        r = self.srv.put(with_query(url_path(r.header("Location")), digest=claimed))
        self.assertError(r, 400, "DIGEST_INVALID")
        self.assertNoBlob(repo, claimed, srv=self.srv)
        self.assertNoBlob(repo, digest_of(corrupted), srv=self.srv)
        self.assertEqual(harness.blob_files_on_disk(self.srv.root, hex_of(claimed)), [])
        # the right bytes go through afterwards
        self.srv.push_blob(repo, data)
        self.assertBlob(repo, data, srv=self.srv)


class TestGc(FaultBase):
    def run_gc(self):
        p = self.srv.gc()
        out = (p.stdout + p.stderr).decode(errors="replace")
        self.assertEqual(p.returncode, 0, "gc failed (%s):\n%s" % (p.returncode, out))
        return out

    def on_disk(self, dg):
        return harness.blob_files_on_disk(self.srv.root, hex_of(dg))

    def test_gc_beside_server_keeps_recent_links(self):
        """Without --grace, gc beside a running server keeps blobs linked in
        the last hour: a push may have uploaded them (or found them with HEAD)
        and not yet sent its manifest."""
        repo = self.repo("gc-recent")
        data = harness.random_bytes(20000)
        dg = self.srv.push_blob(repo, data)
        p = self.srv.gc(extra=())
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(b"keeping blobs linked in the last hour", p.stderr)
        self.assertTrue(self.on_disk(dg))
        self.assertBlob(repo, data)
        # With --grace 0s the same blob, referenced by nothing, goes.
        self.run_gc()
        self.assertFalse(self.on_disk(dg))
        self.assertNoBlob(repo, dg)

    def test_blob_swept_and_pushed_elsewhere_is_not_served_from_a_stale_link(self):
        """HEAD caches a repository's link; gc sweeps the blob; another
        repository pushes the same bytes again. The first repository must not
        answer from its old link (its manifest PUT would then fail forever)."""
        repo_a, repo_b = self.repo("stale-a"), self.repo("stale-b")
        data = harness.random_bytes(12345)
        dg = self.srv.push_blob(repo_a, data)
        self.assertEqual(self.srv.head("/v2/%s/blobs/%s" % (repo_a, dg)).status, 200)
        self.run_gc()
        self.srv.push_blob(repo_b, data)
        self.assertNoBlob(repo_a, dg)
        # A docker-style push to repo_a uploads again and its manifest lands.
        self.srv.push_blob(repo_a, data)
        self.assertBlob(repo_a, data)

    def test_gc_removes_unreferenced_blobs_keeps_shared(self):
        repo_a, repo_b = self.repo("gc-a"), self.repo("gc-b")
        shared = harness.random_bytes(30000)
        unique_a = harness.random_bytes(40000)
        a = self.srv.push_image(repo_a, tag="v1", layers=[unique_a, shared])
        b = self.srv.push_image(repo_b, tag="v1", layers=[shared])
        for dg in a.blob_digests() + b.blob_digests():
            self.assertEqual(len(self.on_disk(dg)), 1, "blob %s not on disk once before gc" % dg)
        manifest_a_files = self.on_disk(a.digest)
        r = self.srv.delete("/v2/%s/manifests/%s" % (repo_a, a.digest))
        self.assertEqual(r.status, 202, r)
        out = self.run_gc()
        # A's own blobs are gone
        for dg in (digest_of(unique_a), digest_of(a.config)):
            self.assertEqual(self.on_disk(dg), [], "unreferenced blob %s survived gc" % dg)
            self.assertIn(hex_of(dg), out, "gc did not report removing %s:\n%s" % (dg, out))
            r = self.srv.get("/v2/%s/blobs/%s" % (repo_a, dg))
            self.assertError(r, 404, "BLOB_UNKNOWN")
        if manifest_a_files:
            self.assertEqual(self.on_disk(a.digest), [], "deleted manifest's bytes survived gc")
        # shared and B's blobs stay, intact
        for blob in [shared, b.config]:
            self.assertEqual(len(self.on_disk(digest_of(blob))), 1)
            self.assertBlob(repo_b, blob, srv=self.srv)
        r = self.srv.get_manifest(repo_b, "v1")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, b.manifest)

    def test_gc_keeps_everything_referenced(self):
        repo = self.repo("gc")
        imgs = [self.srv.push_image(repo, tag="t%d" % i) for i in range(3)]
        untagged = self.srv.push_image(repo)   # by digest only: still a manifest of the repository
        idx = harness.image_index([imgs[0].descriptor(), imgs[1].descriptor()])
        self.assertEqual(self.srv.push_manifest(repo, "idx", idx, media_type=harness.OCI_INDEX).status, 201)
        self.run_gc()
        for img in imgs + [untagged]:
            r = self.srv.get_manifest(repo, img.digest)
            self.assertEqual(r.status, 200, r)
            for blob in [img.config] + img.layers:
                self.assertBlob(repo, blob, srv=self.srv)
        self.assertEqual(self.srv.get_manifest(repo, "idx").body, idx)

    def test_gc_with_server_stopped(self):
        repo = self.repo("gc")
        keep = self.srv.push_image(repo, tag="keep")
        drop = self.srv.push_image(repo, tag="drop")
        self.assertEqual(self.srv.delete("/v2/%s/manifests/%s" % (repo, drop.digest)).status, 202)
        self.srv.stop()
        self.run_gc()
        self.srv.start()
        for dg in drop.blob_digests():
            self.assertEqual(self.on_disk(dg), [])
        for blob in [keep.config] + keep.layers:
            self.assertBlob(repo, blob, srv=self.srv)

    def test_gc_twice_is_idempotent(self):
        repo = self.repo("gc")
        img = self.srv.push_image(repo, tag="v1")
        self.run_gc()
        self.run_gc()
        for blob in [img.config] + img.layers:
            self.assertBlob(repo, blob, srv=self.srv)

    def test_gc_purges_abandoned_uploads(self):
        # storage.uploadpurge.age: sessions older than that are removed by gc;
        # younger ones stay.
        self.srv.cleanup()
        self.srv = harness.Server({"storage": {"uploadpurge": {"age": "2s"}}}, name="purge").start()
        repo = self.repo("purge")
        old_loc, r = self.srv.start_upload(repo)
        old_uuid = r.header("Docker-Upload-UUID")
        self.assertEqual(self.patch(old_loc, b"abandoned bytes", 0).status, 202)
        time.sleep(3.5)
        young_loc, _ = self.srv.start_upload(repo)
        self.assertEqual(self.patch(young_loc, b"young bytes", 0).status, 202)
        self.run_gc()
        self.assertError(self.srv.get(old_loc), 404, "BLOB_UPLOAD_UNKNOWN")
        leftovers = [os.path.join(d, f) for d, _, files in os.walk(self.srv.root) for f in files if old_uuid in f]
        self.assertEqual(leftovers, [], "purged upload left files behind")
        size, _ = self.upload_size(young_loc)
        self.assertEqual(size, len(b"young bytes"))
        self.finish(repo, young_loc, b"young bytes", size)

    def test_gc_during_chunked_upload(self):
        repo = self.repo("gc-race")
        base = self.srv.push_image(repo, tag="base")
        data = harness.random_bytes(8 * 65536)
        dg = digest_of(data)
        chunk = 65536
        started, gc_done = threading.Event(), threading.Event()
        log = []

        def uploader():
            loc, _ = self.srv.start_upload(repo)
            offset = 0
            for i in range(8):
                r = self.patch(loc, data[offset:offset + chunk], offset)
                if r.status != 202:
                    raise AssertionError("PATCH %d failed: %s" % (i, r))
                offset += chunk
                loc = url_path(r.header("Location"))
                log.append(offset)
                if i == 1:
                    started.set()
                if i == 5:  # hold the last chunks until gc finished
                    gc_done.wait(GC_WAIT)
                else:
                    time.sleep(0.1)
            return loc

        t, out = harness.run_in_thread(uploader)
        self.assertTrue(started.wait(60), "upload did not start: %s" % out)
        self.run_gc()
        gc_done.set()
        t.join(120)
        self.assertFalse(t.is_alive())
        if "error" in out:
            raise out["error"]
        loc = out["value"]
        r = self.srv.put(with_query(loc, digest=dg))
        self.assertEqual(r.status, 201, r)
        # push a manifest that references it
        manifest = harness.image_manifest(base.config, base.layers + [data])
        r = self.srv.push_manifest(repo, "with-new-layer", manifest)
        self.assertEqual(r.status, 201, r)
        self.assertBlob(repo, data, srv=self.srv)
        self.assertEqual(len(self.on_disk(dg)), 1)
        # ...and a later gc keeps it
        self.run_gc()
        self.assertBlob(repo, data, srv=self.srv)
        for blob in [base.config] + base.layers:
            self.assertBlob(repo, blob, srv=self.srv)

    def test_gc_concurrent_with_pushes(self):
        # gc runs while images are being pushed. Every manifest the registry
        # accepted (201) must stay complete; a manifest PUT refused with
        # MANIFEST_BLOB_UNKNOWN (its blobs were collected before it came) is
        # tolerated -- the client can push the blobs again.
        repo = self.repo("gc-race")
        accepted, refused = [], []

        def pusher():
            for i in range(12):
                config = ('{"n":"%s"}' % harness.unique("cfg")).encode()
                layers = [harness.random_bytes(20000 + i)]
                for blob in [config] + layers:
                    self.srv.push_blob(repo, blob)
                manifest = harness.image_manifest(config, layers)
                for k in range(5):  # several tags: more manifest writes while gc runs
                    tag = "p%d-%d" % (i, k)
                    r = self.srv.push_manifest(repo, tag, manifest)
                    if r.status == 201:
                        accepted.append(harness.Image(repo, tag, manifest, digest_of(manifest), config, layers,
                                                      harness.OCI_MANIFEST))
                    elif r.status == 400 and b"MANIFEST_BLOB_UNKNOWN" in r.body:
                        refused.append(r)
                        break
                    else:
                        raise AssertionError("manifest push failed: %s" % r)
        t, out = harness.run_in_thread(pusher)
        runs = 0
        while t.is_alive() and runs < 100:
            self.run_gc()
            runs += 1
        t.join(300)
        self.assertFalse(t.is_alive())
        if "error" in out:
            raise out["error"]
        self.run_gc()
        self.assertTrue(accepted, "no manifest was accepted: %s" % refused)
        for img in accepted:
            r = self.srv.get_manifest(repo, img.tag)
            self.assertEqual(r.status, 200, r)
            for blob in [img.config] + img.layers:
                self.assertBlob(repo, blob, srv=self.srv)


GC_WAIT = 300


class TestKill(FaultBase):
    def test_kill9_mid_upload_then_restart(self):
        repo = self.repo("kill")
        before = self.srv.push_image(repo, tag="before")
        data = harness.random_bytes(1000000)
        dg = digest_of(data)
        loc, _ = self.srv.start_upload(repo)
        r = self.patch(loc, data[:300000], 0)
        self.assertEqual(r.status, 202, r)
        loc = url_path(r.header("Location"))
        hdrs = dict(OCTET)
        hdrs["Content-Range"] = "300000-999999"
        sock = self.srv.send_partial("PATCH", loc, hdrs, data[300000:], 250000, close="keep", pause=0.5)
        try:
            self.srv.kill9()
        finally:
            sock.close()
        self.srv.start()
        # no partial blob visible
        self.assertNoBlob(repo, dg, srv=self.srv)
        # what was there before is intact
        r = self.srv.get_manifest(repo, "before")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, before.manifest)
        for blob in [before.config] + before.layers:
            self.assertBlob(repo, blob, srv=self.srv)
        # the upload is resumable or cleanly unknown
        st = self.srv.get(loc)
        if st.status == 204:
            size, st = self.stable_upload_size(loc)
            self.assertLessEqual(size, 550000, st)
            self.finish(repo, url_path(st.header("Location")) or loc, data, size)
        else:
            self.assertError(st, 404, "BLOB_UPLOAD_UNKNOWN")
            r = self.patch(loc, data[300000:], 300000)
            self.assertError(r, 404, "BLOB_UPLOAD_UNKNOWN")
            self.srv.push_blob(repo, data)
            self.assertBlob(repo, data, srv=self.srv)
        self.assertEqual(len(harness.blob_files_on_disk(self.srv.root, hex_of(dg))), 1)

    def test_kill9_mid_monolithic_push(self):
        repo = self.repo("kill")
        data = harness.random_bytes(800000)
        dg = digest_of(data)
        sock = self.srv.send_partial("POST", with_query("/v2/%s/blobs/uploads/" % repo, digest=dg),
                                     dict(OCTET), data, 400000, close="keep", pause=0.5)
        try:
            self.srv.kill9()
        finally:
            sock.close()
        self.srv.start()
        self.assertNoBlob(repo, dg, srv=self.srv)
        self.assertEqual(harness.blob_files_on_disk(self.srv.root, hex_of(dg)), [])
        self.srv.push_blob(repo, data)
        self.assertBlob(repo, data, srv=self.srv)

    def test_kill9_during_manifest_pushes(self):
        # Kill while manifests are being written; after restart each tag
        # either resolves to a complete manifest or is unknown.
        repo = self.repo("kill")
        imgs = [self.srv.push_image(repo) for _ in range(5)]
        stop = threading.Event()

        def tagger():
            i = 0
            while not stop.is_set() and i < 2000:
                img = imgs[i % len(imgs)]
                try:
                    self.srv.push_manifest(repo, "t%d" % (i % 20), img.manifest)
                except Exception:  # noqa: BLE001 -- the server was killed under us
                    return
                i += 1
        t, _ = harness.run_in_thread(tagger)
        time.sleep(0.5)
        self.srv.kill9()
        stop.set()
        t.join(30)
        self.srv.start()
        digests = {img.digest: img for img in imgs}
        for i in range(20):
            r = self.srv.get_manifest(repo, "t%d" % i)
            if r.status == 404:
                self.assertError(r, 404, "MANIFEST_UNKNOWN")
                continue
            self.assertEqual(r.status, 200, r)
            dg = r.header("Docker-Content-Digest")
            self.assertIn(dg, digests, r)
            self.assertEqual(r.body, digests[dg].manifest)
        for img in imgs:
            self.assertEqual(self.srv.get_manifest(repo, img.digest).body, img.manifest)


if __name__ == "__main__":
    unittest.main()
