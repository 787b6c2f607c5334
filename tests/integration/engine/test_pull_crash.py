"""kill -9 of muelled in the middle of a pull, and a restart on the same
data root: what was half written (content/ingest, snapshots/tmp) is gone
after start, no image is recorded, a new pull completes with the right
RootFS, and layers that were complete and verified before the kill are
reused, not fetched again.

The large layer is 64 MiB of random data (gzip level 0: stored blocks, so
building it is quick), served slowly (about 12 MiB/s) while muelled is to be
killed, and at about 25 MiB/s for the pull after the restart: muelled does
not survive a large layer served faster than it unpacks (the pull never
ends), which LargeLayer below shows on its own, so that the kill tests test
what happens around the kill."""

import os
import time
import unittest

import engine_harness as h
from engine_harness import Layer, Slow, file_entry

BIG = 64 * 1024 * 1024
SLOW = dict(chunk=256 * 1024, delay=0.02)         # ~12 MiB/s
STEADY = dict(chunk=512 * 1024, delay=0.02)       # ~25 MiB/s
WAIT = 20  # seconds, for each condition awaited (and the full-speed pull)


_big_layer = None


def big_layer():
    """One 64 MiB layer for the module (building it takes a moment)."""
    global _big_layer
    if _big_layer is None:
        _big_layer = Layer.of([file_entry("big.bin", os.urandom(BIG))], level=0)
    return _big_layer


def wait_for(condition, what, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("timed out waiting for %s" % what)


class KillDuringPull(h.EngineTestCase):

    def partial_ingest(self, min_bytes):
        for name in self.engine.ingest_files():
            try:
                if os.path.getsize(os.path.join(self.engine.ingest_dir, name)) >= min_bytes:
                    return True
            except FileNotFoundError:
                pass
        return False

    def kill_and_restart(self, pulling):
        thread, box = pulling
        self.engine.kill9()
        thread.join(10)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("result", box, "the pull cannot have answered: muelled was killed")
        self.engine.start()
        # cleared at start, before the API answers
        self.assertEqual(self.engine.ingest_files(), [], "content/ingest after a restart")
        self.assertEqual(self.engine.snapshot_tmp_entries(), [], "snapshots/tmp after a restart")
        self.assertEqual(self.engine.bad_blobs(), [])
        self.assertNoImage()

    def test_kill_while_a_large_layer_downloads(self):
        layer = big_layer()
        image = self.serve("crash/big", [layer])
        self.registry.behave(layer.digest, Slow(**SLOW))
        pulling = self.engine.pull_in_background(self.registry.ref("crash/big"))
        wait_for(lambda: self.partial_ingest(2 << 20), "a partial blob in content/ingest")
        self.assertFalse(self.engine.has_blob(layer.digest))
        self.kill_and_restart(pulling)
        self.assertFalse(self.engine.has_blob(layer.digest), "a blob only partly received was kept")
        self.assertFalse(self.engine.has_snapshot(layer.diff_id), "a layer only partly unpacked was kept")

        self.registry.behave(layer.digest, Slow(**STEADY))
        self.registry.reset_counts()
        result = self.pull("crash/big")
        self.assertPullOk(result)
        r = self.engine.inspect(self.registry.ref("crash/big"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["Id"], image.id)
        self.assertEqual(r.json()["RootFS"], {"Type": "layers", "Layers": image.diff_ids})
        self.assertEqual(self.registry.blob_gets(layer.digest), 1)
        self.assertTrue(self.engine.has_blob(layer.digest))
        self.assertTrue(self.engine.has_snapshot(image.chain_ids[0]))
        self.assertEqual(os.path.getsize(os.path.join(self.engine.snapshot(image.chain_ids[0]), "big.bin")), BIG)
        self.assertStoreConsistent()

    def test_kill_after_the_first_layer_completed_reuses_it(self):
        small = Layer.of([file_entry("small.bin", os.urandom(1 << 20))])
        large = big_layer()
        image = self.serve("crash/two", [small, large])
        self.registry.behave(large.digest, Slow(**SLOW))
        pulling = self.engine.pull_in_background(self.registry.ref("crash/two"))
        wait_for(lambda: self.engine.has_blob(small.digest) and self.engine.has_snapshot(image.chain_ids[0]),
                 "the first layer's blob and snapshot")
        wait_for(lambda: self.partial_ingest(1 << 20), "a partial second layer in content/ingest")
        self.assertFalse(self.engine.has_blob(large.digest))
        self.kill_and_restart(pulling)
        self.assertTrue(self.engine.has_blob(small.digest), "the verified first layer was lost")
        self.assertTrue(self.engine.has_snapshot(image.chain_ids[0]))
        self.assertFalse(self.engine.has_blob(large.digest))
        self.assertFalse(self.engine.has_snapshot(image.chain_ids[1]))

        self.registry.behave(large.digest, Slow(**STEADY))
        self.registry.reset_counts()
        result = self.pull("crash/two")
        self.assertPullOk(result)
        self.assertEqual(self.registry.blob_gets(small.digest), 0, "the first layer was fetched again")
        self.assertEqual(self.registry.blob_gets(large.digest), 1)
        self.assertIn("Already exists", result.statuses(h.short(small.digest)))
        r = self.engine.inspect(self.registry.ref("crash/two"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["RootFS"]["Layers"], image.diff_ids)
        for chain_id in image.chain_ids:
            self.assertTrue(self.engine.has_snapshot(chain_id))
        self.assertStoreConsistent()


class LeftoversAtStart(h.EngineTestCase):

    def test_start_clears_leftovers_without_following_symlinks(self):
        """What start clears in snapshots/tmp and content/ingest is removed
        itself; a symlink there is never followed (its target is a canary
        directory outside the data root here)."""
        self.engine.kill9()
        canary = os.path.join(self.tmp, "canary")
        os.makedirs(os.path.join(canary, "sub"))
        for name in ("a", "sub/b"):
            with open(os.path.join(canary, name), "w") as f:
                f.write("canary\n")
        canary_file = os.path.join(self.tmp, "canary-file")
        with open(canary_file, "w") as f:
            f.write("canary\n")
        os.symlink(canary, os.path.join(self.engine.snapshot_tmp_dir, "link-to-dir"))
        os.symlink(canary_file, os.path.join(self.engine.snapshot_tmp_dir, "link-to-file"))
        os.symlink(canary_file, os.path.join(self.engine.ingest_dir, "link-to-file"))
        os.makedirs(os.path.join(self.engine.snapshot_tmp_dir, "half", "deep"))
        with open(os.path.join(self.engine.ingest_dir, "partial"), "wb") as f:
            f.write(b"partial blob")
        self.engine.start()
        self.assertEqual(sorted(os.listdir(canary)), ["a", "sub"], "start emptied a directory a symlink led to")
        self.assertEqual(os.listdir(os.path.join(canary, "sub")), ["b"])
        with open(canary_file) as f:
            self.assertEqual(f.read(), "canary\n")
        self.assertEqual(self.engine.snapshot_tmp_entries(), [])
        self.assertEqual(self.engine.ingest_files(), [])


class LargeLayer(h.EngineTestCase):

    def test_large_layer_served_at_full_speed(self):
        """A registry faster than the unpacker: the layer queue fills up and
        the download finishes while bytes are still waiting to be read. The
        pull must complete (bounded wait here: muelled's own timeout does not
        apply to a transfer that has ended)."""
        layer = big_layer()
        image = self.serve("large/fast", [layer])
        thread, box = self.engine.pull_in_background(self.registry.ref("large/fast"))
        thread.join(WAIT)
        if thread.is_alive():
            sizes = {n: os.path.getsize(os.path.join(self.engine.ingest_dir, n)) for n in self.engine.ingest_files()}
            received = self.registry.sent.get("/v2/large/fast/blobs/" + layer.digest)
            started = time.monotonic()
            self.engine.proc.terminate()
            try:
                self.engine.proc.wait(5)
                stopped = "muelled stopped %.1fs after SIGTERM" % (time.monotonic() - started)
            except Exception:
                stopped = "muelled did not stop within 5 s of SIGTERM"
            self.engine.kill9()
            thread.join(10)
            self.fail("the pull of a %d-byte layer served at full speed did not end within %ds; content/ingest "
                      "holds %s; registry GETs of the blob: %d; %s"
                      % (layer.size, WAIT, sizes, self.registry.blob_gets(layer.digest), stopped))
        result = box.get("result")
        self.assertIsNotNone(result, box)
        self.assertPullOk(result)
        r = self.engine.inspect(self.registry.ref("large/fast"))
        self.assertEqual(r.json()["RootFS"]["Layers"], image.diff_ids)
        self.assertStoreConsistent()


if __name__ == "__main__":
    unittest.main()
