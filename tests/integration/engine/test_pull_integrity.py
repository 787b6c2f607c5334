"""Pulls whose bytes are wrong: a layer that does not hash to its digest (in
ways only the digest can tell, and in ways the unpacker meets first), an
image config that lies about a diff ID, bodies cut short by the registry
(full Content-Length announced, connection closed early).

Every failure must be clear (name the layer / digest, say what happened),
record no image, and leave the store consistent: nothing in content/ingest
or snapshots/tmp, every blob hashing to its name, no blob or snapshot for
the bad layer."""

import os
import re
import unittest

import engine_harness as h
from engine_harness import Layer, Truncate, Times, dir_entry, file_entry, short


def sample_layer(tag=b"", size=200000):
    """A gzip layer with some incompressible content."""
    return Layer.of([dir_entry("etc"), file_entry("etc/hello", b"hello " + tag + b"\n"),
                     file_entry("data.bin", os.urandom(size))])


class WrongBytes(h.EngineTestCase):

    def check_rejected(self, layer, image, result):
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[layer.digest], absent_snapshots=image.chain_ids)
        # the config is verified before the layers: it may be kept
        for name in self.engine.snapshot_names():
            self.fail("a snapshot was committed for a rejected pull: %s" % name)

    def test_same_tar_other_gzip_bytes_fails_on_the_digest(self):
        """The gzip header's MTIME field changed: the tar inside, and so the
        diff ID, are right; only the blob digest can tell. The message must
        name the digest."""
        layer = sample_layer()
        image = self.serve("integrity/mtime", [layer])
        wrong = bytearray(layer.blob)
        wrong[4] ^= 0xFF  # gzip MTIME, ignored by decompressors
        self.registry.behave(layer.digest, h.WrongBytes(bytes(wrong)))
        result = self.pull("integrity/mtime")
        self.assertPullFails(result, layer.digest)
        self.assertIn(h.digest_of(bytes(wrong)), result.error, "say what the content hashes to")
        self.check_rejected(layer, image, result)

    def test_garbage_of_the_right_length_fails_naming_the_layer(self):
        layer = sample_layer()
        image = self.serve("integrity/garbage", [layer])
        self.registry.behave(layer.digest, h.WrongBytes(os.urandom(layer.size)))
        result = self.pull("integrity/garbage")
        self.assertPullFails(result, short(layer.digest))
        self.check_rejected(layer, image, result)

    def test_corrupted_deflate_stream_fails_naming_the_layer(self):
        layer = sample_layer()
        image = self.serve("integrity/flip", [layer])
        wrong = bytearray(layer.blob)
        wrong[len(wrong) // 2] ^= 0x55
        self.registry.behave(layer.digest, h.WrongBytes(bytes(wrong)))
        result = self.pull("integrity/flip")
        self.assertPullFails(result, short(layer.digest))
        self.check_rejected(layer, image, result)

    def test_another_valid_layer_in_its_place_fails(self):
        layer = sample_layer(b"right")
        other = sample_layer(b"wrong")
        image = self.serve("integrity/other", [layer])
        self.registry.behave(layer.digest, h.WrongBytes(other.blob))
        result = self.pull("integrity/other")
        self.assertPullFails(result, short(layer.digest))
        self.check_rejected(layer, image, result)
        self.assertFalse(self.engine.has_snapshot(other.diff_id))

    def test_config_with_a_wrong_diff_id_fails(self):
        layer = sample_layer()
        lie = h.digest_of(b"not this layer")
        image = self.serve("integrity/diffid", [layer], diff_ids=[lie])
        result = self.pull("integrity/diffid")
        error = self.assertPullFails(result, short(layer.digest), "diff ID", lie, layer.diff_id)
        self.check_rejected(layer, image, result)
        self.assertFalse(self.engine.has_snapshot(layer.diff_id))
        # The message says once which layer it is about.
        self.assertNotIn("layer %s: layer %s:" % (short(layer.digest), short(layer.digest)), error,
                         "the layer prefix is repeated")

    def test_second_layer_wrong_keeps_only_verified_content(self):
        """Two layers, the second corrupt: the first one's blob and snapshot
        may stay (verified), nothing of the second does."""
        good = sample_layer(b"good")
        bad = sample_layer(b"bad")
        image = self.serve("integrity/two", [good, bad])
        wrong = bytearray(bad.blob)
        wrong[4] ^= 0xFF
        self.registry.behave(bad.digest, h.WrongBytes(bytes(wrong)))
        result = self.pull("integrity/two")
        self.assertPullFails(result, bad.digest)
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[bad.digest], absent_snapshots=[image.chain_ids[1]])
        for name in self.engine.snapshot_names():
            self.assertEqual(name, h.hex_of(image.chain_ids[0]), "only the verified first layer may stay")
        # and a pull from a registry that now behaves completes, reusing it
        # (when the failure cut the first layer short, there was none to reuse:
        # asked before the pull, not after, which fetches it)
        kept = self.engine.has_blob(good.digest)
        self.registry.behave(bad.digest, None)
        self.registry.reset_counts()
        self.assertPullOk(self.pull("integrity/two"))
        if kept:
            self.assertEqual(self.registry.blob_gets(good.digest), 0, "the verified layer is fetched again")


class Truncated(h.EngineTestCase):
    """The registry announces the full Content-Length, sends part of the
    body and closes the connection: a transient failure, retried (3 times,
    like a 5xx), and when it persists a clear error."""

    CLOSED = re.compile(r"clos|short|truncat|prematur|EOF|incomplete|end of", re.I)

    def test_truncated_layer_is_retried_then_fails_clearly(self):
        layer = sample_layer(size=400000)
        image = self.serve("trunc/layer", [layer])
        self.registry.behave(layer.digest, Truncate())
        result = self.pull("trunc/layer")
        error = self.assertPullFails(result, short(layer.digest))
        self.assertNotIn("unexpected HTTP status: 200", error, "a cut-off body is not an HTTP status problem")
        self.assertRegex(error, self.CLOSED, "the message should say the registry closed the connection early")
        # >= : Qt may itself send a GET again when a connection drops
        self.assertGreaterEqual(self.registry.blob_gets(layer.digest), 4, "1 attempt + 3 retries")
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[layer.digest], absent_snapshots=image.chain_ids)

    def test_truncated_layer_once_then_whole_succeeds(self):
        layer = sample_layer(size=400000)
        image = self.serve("trunc/once", [layer])
        self.registry.behave(layer.digest, Times(1, Truncate()))
        result = self.pull("trunc/once")
        self.assertPullOk(result)
        self.assertGreaterEqual(self.registry.blob_gets(layer.digest), 2)
        self.assertEqual(self.engine.inspect(self.registry.ref("trunc/once")).json()["RootFS"]["Layers"],
                         image.diff_ids)
        self.assertStoreConsistent()

    def test_truncated_config_is_retried_then_fails_clearly(self):
        layer = sample_layer()
        image = self.serve("trunc/config", [layer])
        self.registry.behave(image.config_digest, Truncate())
        result = self.pull("trunc/config")
        error = self.assertPullFails(result)
        self.assertRegex(error, self.CLOSED, "the message should say the registry closed the connection early")
        self.assertGreaterEqual(self.registry.blob_gets(image.config_digest), 4, "1 attempt + 3 retries")
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[image.config_digest, layer.digest])

    def test_truncated_manifest_is_retried_then_fails_clearly(self):
        self.serve("trunc/manifest", [sample_layer()])
        self.registry.behave(("manifest", "trunc/manifest", "latest"), Truncate())
        result = self.pull("trunc/manifest")
        error = self.assertPullFails(result)
        self.assertRegex(error, self.CLOSED, "the message should say the registry closed the connection early")
        self.assertGreaterEqual(self.registry.count("GET", "/manifests/latest"), 4, "1 attempt + 3 retries")
        self.assertNoImage()
        self.assertStoreConsistent()


if __name__ == "__main__":
    unittest.main()
