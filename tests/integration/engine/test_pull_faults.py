"""Registry faults during a pull: 5xx and 429 answers (transient: retried 3
times with backoff 250/500/1000 ms), 404 (not retried), a registry that
hangs (MUELLED_REGISTRY_TIMEOUT_MS=1500: each attempt gives up after 1.5 s
without progress), and one that is slow but steady (never idle that long:
must succeed however long the whole transfer takes)."""

import os
import unittest

import engine_harness as h
from engine_harness import Fail, Hang, Layer, Slow, dir_entry, file_entry, short

BACKOFF = 0.25 + 0.5 + 1.0   # seconds muelled waits between its 4 attempts


def sample_layer(size=100000):
    return Layer.of([dir_entry("srv"), file_entry("srv/data", os.urandom(size))])


class ServerErrors(h.EngineTestCase):

    def check_pulled(self, repo, image):
        self.assertEqual(len(self.engine.images()), 1)
        r = self.engine.inspect(self.registry.ref(repo))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["RootFS"]["Layers"], image.diff_ids)
        self.assertEqual(r.json()["Id"], image.id)
        self.assertStoreConsistent()
        for chain_id in image.chain_ids:
            self.assertTrue(self.engine.has_snapshot(chain_id))

    def test_layer_500_twice_then_ok(self):
        layer = sample_layer()
        image = self.serve("faults/l500", [layer])
        self.registry.behave(layer.digest, Fail(2, status=500))
        result = self.pull("faults/l500")
        self.assertPullOk(result)
        self.assertEqual(self.registry.blob_gets(layer.digest), 3, "2 failures + the attempt that worked")
        self.assertGreaterEqual(result.elapsed, 0.25 + 0.5 - 0.05, "the backoff was not waited")
        self.check_pulled("faults/l500", image)

    def test_manifest_500_twice_then_ok(self):
        image = self.serve("faults/m500", [sample_layer()])
        self.registry.behave(("manifest", "faults/m500", "latest"), Fail(2, status=500))
        result = self.pull("faults/m500")
        self.assertPullOk(result)
        self.assertEqual(self.registry.count("GET", "/manifests/latest"), 3)
        self.check_pulled("faults/m500", image)

    def test_config_503_twice_then_ok(self):
        # a Docker (not OCI) manifest, for once
        image = self.serve("faults/c503", [sample_layer()], docker=True)
        self.registry.behave(image.config_digest, Fail(2, status=503))
        result = self.pull("faults/c503")
        self.assertPullOk(result)
        self.assertEqual(self.registry.blob_gets(image.config_digest), 3)
        self.check_pulled("faults/c503", image)

    def test_layer_429_once_then_ok(self):
        layer = sample_layer()
        image = self.serve("faults/l429", [layer])
        self.registry.behave(layer.digest, Fail(1, status=429))
        self.assertPullOk(self.pull("faults/l429"))
        self.assertEqual(self.registry.blob_gets(layer.digest), 2)
        self.check_pulled("faults/l429", image)

    def test_layer_always_500_fails_after_the_retries(self):
        layer = sample_layer()
        image = self.serve("faults/lalways", [layer])
        self.registry.behave(layer.digest, Fail(status=500))
        result = self.pull("faults/lalways")
        error = self.assertPullFails(result, short(layer.digest))
        self.assertIn("500", error)
        self.assertEqual(self.registry.blob_gets(layer.digest), 4, "1 attempt + 3 retries")
        self.assertGreaterEqual(result.elapsed, BACKOFF - 0.05, "the backoff was not waited")
        self.assertLess(result.elapsed, 20)
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[layer.digest], absent_snapshots=image.chain_ids)

    def test_manifest_always_500_fails_after_the_retries(self):
        self.serve("faults/malways", [sample_layer()])
        self.registry.behave(("manifest", "faults/malways", "latest"), Fail(status=500))
        result = self.pull("faults/malways")
        # nothing was resolved: a plain HTTP error, as from Docker, with the
        # registry's own message
        self.assertNotEqual(result.status, 200, result)
        self.assertPullFails(result, "hostile registry: injected 500")
        self.assertEqual(self.registry.count("GET", "/manifests/latest"), 4, "1 attempt + 3 retries")
        self.assertGreaterEqual(result.elapsed, BACKOFF - 0.05)
        self.assertNoImage()
        self.assertStoreConsistent()

    def test_layer_404_is_not_retried(self):
        layer = sample_layer()
        image = self.serve("faults/l404", [layer])
        body = b'{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}'
        self.registry.behave(layer.digest, Fail(status=404, body=body))
        result = self.pull("faults/l404")
        self.assertPullFails(result, short(layer.digest))
        self.assertEqual(self.registry.blob_gets(layer.digest), 1, "a 404 is not transient")
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[layer.digest], absent_snapshots=image.chain_ids)


class Hanging(h.EngineTestCase):
    TIMEOUT_MS = 1500
    ENGINE_ENV = {"MUELLED_REGISTRY_TIMEOUT_MS": str(TIMEOUT_MS)}
    # 4 attempts of 1.5 s, the backoff between them, and slack
    BOUND = 4 * TIMEOUT_MS / 1000 + BACKOFF + 6

    def assertTimedOut(self, result):
        error = self.assertPullFails(result)
        self.assertIn("did not answer in time", error)
        self.assertLess(result.elapsed, self.BOUND, "the pull must fail within a bounded time")
        return error

    def test_layer_hangs(self):
        layer = sample_layer()
        image = self.serve("hang/layer", [layer])
        self.registry.behave(layer.digest, Hang())
        result = self.pull("hang/layer")
        self.assertTimedOut(result)
        self.assertIn(short(layer.digest), result.error)
        self.assertEqual(self.registry.blob_gets(layer.digest), 4, "1 attempt + 3 retries")
        self.assertGreaterEqual(result.elapsed, 4 * self.TIMEOUT_MS / 1000, "each attempt waits the timeout")
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[layer.digest], absent_snapshots=image.chain_ids)

    def test_manifest_hangs(self):
        self.serve("hang/manifest", [sample_layer()])
        self.registry.behave(("manifest", "hang/manifest", "latest"), Hang())
        result = self.pull("hang/manifest")
        self.assertTimedOut(result)
        self.assertEqual(self.registry.count("GET", "/manifests/latest"), 4, "1 attempt + 3 retries")
        self.assertNoImage()
        self.assertStoreConsistent()

    def test_registry_hangs_completely(self):
        """Accepts connections and never answers anything (the TLS probe
        included)."""
        self.serve("hang/all", [sample_layer()])
        self.registry.hang_everything = True
        result = self.pull("hang/all")
        self.assertTimedOut(result)
        self.assertNoImage()
        self.assertStoreConsistent()

    def test_slow_but_steady_layer_succeeds(self):
        """The whole transfer takes longer than the timeout, but data keeps
        coming: the timeout is for a stalled transfer, not a long one."""
        layer = Layer.of([file_entry("slow.bin", os.urandom(256 * 1024))])
        image = self.serve("hang/slow", [layer])
        chunks = 8
        self.registry.behave(layer.digest, Slow(chunk=layer.size // chunks + 1, delay=0.4))
        result = self.pull("hang/slow")
        self.assertPullOk(result)
        self.assertGreater(result.elapsed, self.TIMEOUT_MS / 1000)
        self.assertEqual(self.registry.blob_gets(layer.digest), 1)
        r = self.engine.inspect(self.registry.ref("hang/slow"))
        self.assertEqual(r.json()["RootFS"]["Layers"], image.diff_ids)
        self.assertStoreConsistent()


if __name__ == "__main__":
    unittest.main()
