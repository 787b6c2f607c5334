"""Hostile layer content, pulled through the real pipeline (src/archive
extractLayer, confined to the snapshot being unpacked):

* names climbing out with ".." fail, the message naming the entry;
* absolute names and symlinks (to "/", to "../../..", to an absolute host
  path) resolve inside the snapshot;
* hard links: an absolute target is a path inside the layer (linked when the
  layer has it, an error naming entry and target when not), a target
  climbing out fails; a link never reaches a host file;
* character and block devices are skipped (logged), not created;
* 100000 tiny files unpack with modest memory (VmHWM < 150 MiB); that
  test's data root is on /dev/shm: deleting 100000 files from a disk
  mounted with `discard` takes minutes.

After each: nothing was created outside the data root (the host paths the
entries aim at, a canary directory next to the data root, the data root's
own parent), and the store is consistent."""

import os
import unittest

import engine_harness as h
from engine_harness import (Layer, blockdev_entry, chardev_entry, dir_entry, file_entry, hardlink_entry,
                            many_files_tar, short, symlink_entry)

# Host paths the layers below aim at. None may exist after a test that did
# not exist before it.
HOST_TARGETS = ["/etc/x", "/etc/muelle-escape", "/etc/passwd-muelle-test", "/muelle-escape-up",
                "/etc/muelle-hardlink-test", "/tmp/muelle-escape-tmp"]


# What the data root may hold (engine/paths.h).
DATA_ROOT_ENTRIES = {"muelled.lock", "engine-id", "metadata.db", "metadata.db-shm", "metadata.db-wal",
                     "metadata.db-journal", "auth.json", "content", "snapshots", "tmp", "containers", "volumes"}


class HostileLayers(h.EngineTestCase):

    def setUp(self):
        self.DATA_ON_TMPFS = self._testMethodName == "test_hundred_thousand_tiny_files"
        super().setUp()
        self.canary = os.path.join(self.tmp, "canary")
        os.makedirs(self.canary)
        self.existing = {p for p in HOST_TARGETS if os.path.lexists(p)}
        st = os.stat("/etc/passwd")
        self.passwd = (st.st_ino, st.st_nlink, st.st_size)

    def tearDown(self):
        # before the cleanups (which stop muelled and remove the temp dir)
        self.assertNothingEscaped()

    def assertNothingEscaped(self):
        for path in HOST_TARGETS:
            if path not in self.existing:
                self.assertDoesNotExist(path)
        self.assertEqual(os.listdir(self.canary), [], "something was written into the canary dir")
        st = os.stat("/etc/passwd")
        self.assertEqual((st.st_ino, st.st_nlink, st.st_size), self.passwd, "/etc/passwd was linked or changed")
        # next to the data root: only what the harness made
        self.assertEqual(sorted(os.listdir(self.engine.workdir)), ["muelled.log", "root"])
        self.assertEqual(sorted(os.listdir(os.path.dirname(self.engine.workdir))),
                         ["engine0"] if self.DATA_ON_TMPFS else ["canary", "engine0"])
        if self.DATA_ON_TMPFS:
            self.assertEqual(os.listdir(self.tmp), ["canary"])
        # inside the data root, but outside content/ and snapshots/<id>/
        self.assertLessEqual(set(os.listdir(self.engine.root)), DATA_ROOT_ENTRIES)
        self.assertEqual(sorted(os.listdir(os.path.join(self.engine.root, "content"))), ["blobs", "ingest"])
        self.assertEqual(h._listdir(os.path.join(self.engine.root, "tmp")), [])
        for name in os.listdir(self.engine.snapshots_dir):
            self.assertTrue(name in ("tmp", "containers") or len(name) == 64, "stray entry snapshots/%s" % name)

    def pull_layer(self, repo, entries):
        layer = Layer.of(entries)
        # the hostile names really are in the tar, as written
        self.assertEqual(h.tar_names(layer.tar), [e.info.name for e in entries])
        image = self.serve(repo, [layer])
        return layer, image, self.pull(repo)

    def inside(self, image, *parts):
        return os.path.join(self.engine.snapshot(image.chain_ids[-1]), *parts)

    def check_rejected(self, layer, image):
        self.assertNoImage()
        self.assertStoreConsistent(absent_blobs=[layer.digest], absent_snapshots=image.chain_ids)

    # -- names

    def test_dotdot_names_fail_naming_the_entry(self):
        for i, name in enumerate(["../../etc/x", "a/../../x", "./../x", "../" * 12 + "etc/x"]):
            with self.subTest(name=name):
                layer, image, result = self.pull_layer("hostile/dotdot%d" % i, [
                    dir_entry("a"), file_entry("a/ok", b"fine"), file_entry(name, b"escaped\n")])
                self.assertPullFails(result, short(layer.digest), '"%s"' % name, "climbs out of the layer")
                self.check_rejected(layer, image)
                # where a naive join from snapshots/tmp/<id>/ would have written
                self.assertDoesNotExist(os.path.join(self.engine.snapshots_dir, "etc"))
                self.assertDoesNotExist(os.path.join(self.engine.root, "x"))
                self.assertDoesNotExist(os.path.join(self.engine.snapshots_dir, "x"))

    def test_absolute_name_lands_inside(self):
        layer, image, result = self.pull_layer("hostile/abs", [
            file_entry("/etc/passwd-muelle-test", b"inside\n"), file_entry("/etc/muelle-hardlink-test", b"x")])
        self.assertPullOk(result)
        with open(self.inside(image, "etc", "passwd-muelle-test"), "rb") as f:
            self.assertEqual(f.read(), b"inside\n")
        self.assertDoesNotExist("/etc/passwd-muelle-test")
        self.assertStoreConsistent()

    # -- symlinks

    def test_symlink_to_root_then_write_through_it(self):
        layer, image, result = self.pull_layer("hostile/symroot", [
            symlink_entry("evil", "/"), file_entry("evil/etc/muelle-escape", b"inside\n")])
        self.assertPullOk(result)
        self.assertEqual(os.readlink(self.inside(image, "evil")), "/", "the symlink is kept as written")
        with open(self.inside(image, "etc", "muelle-escape"), "rb") as f:
            self.assertEqual(f.read(), b"inside\n")
        self.assertDoesNotExist("/etc/muelle-escape")
        self.assertStoreConsistent()

    def test_symlink_climbing_up_then_write_through_it(self):
        layer, image, result = self.pull_layer("hostile/symup", [
            symlink_entry("up", "../../.."), file_entry("up/muelle-escape-up", b"inside\n"),
            symlink_entry("deep/up2", "../../../../../../../../.."), file_entry("deep/up2/tmp/muelle-escape-tmp", b"x")])
        self.assertPullOk(result)
        with open(self.inside(image, "muelle-escape-up"), "rb") as f:
            self.assertEqual(f.read(), b"inside\n")
        self.assertTrue(os.path.isfile(self.inside(image, "tmp", "muelle-escape-tmp")))
        # followed naively from snapshots/tmp/<id>/ or snapshots/<id>/:
        self.assertDoesNotExist(os.path.join(self.engine.root, "muelle-escape-up"))
        self.assertDoesNotExist(os.path.join(self.engine.workdir, "muelle-escape-up"))
        self.assertDoesNotExist("/muelle-escape-up")
        self.assertStoreConsistent()

    def test_symlink_to_an_absolute_host_path_then_write_through_it(self):
        layer, image, result = self.pull_layer("hostile/symcanary", [
            symlink_entry("c", self.canary), file_entry("c/pwned", b"inside\n"),
            symlink_entry("c2", self.canary + "/"), dir_entry("c2/sub"), file_entry("c2/sub/pwned2", b"x")])
        self.assertPullOk(result)
        self.assertTrue(os.path.isfile(self.inside(image, self.canary.lstrip("/"), "pwned")))
        self.assertTrue(os.path.isfile(self.inside(image, self.canary.lstrip("/"), "sub", "pwned2")))
        self.assertEqual(os.listdir(self.canary), [])
        self.assertStoreConsistent()

    # -- hard links

    def test_hardlink_to_host_passwd_fails_when_the_layer_lacks_it(self):
        layer, image, result = self.pull_layer("hostile/hlpasswd", [
            file_entry("ok", b"fine"), hardlink_entry("hl", "/etc/passwd")])
        self.assertPullFails(result, short(layer.digest), '"hl"', '"/etc/passwd"')
        self.check_rejected(layer, image)

    def test_hardlink_to_absolute_path_links_inside_the_layer(self):
        layer, image, result = self.pull_layer("hostile/hlinside", [
            dir_entry("etc"), file_entry("etc/passwd", b"root:x:0:0:inside:/root:/bin/sh\n"),
            hardlink_entry("hl", "/etc/passwd"),
            symlink_entry("evil", "/"), hardlink_entry("hl2", "evil/etc/passwd"),
            symlink_entry("s", "/etc/passwd"), hardlink_entry("hl3", "s")])
        self.assertPullOk(result)
        inside = os.stat(self.inside(image, "etc", "passwd"))
        for name in ("hl", "hl2"):
            st = os.stat(self.inside(image, name))
            self.assertEqual((st.st_dev, st.st_ino), (inside.st_dev, inside.st_ino),
                             "%s must be the layer's etc/passwd" % name)
        self.assertEqual(inside.st_nlink, 3)
        with open(self.inside(image, "hl"), "rb") as f:
            self.assertIn(b"inside", f.read())
        # a link to a symlink is the symlink itself, never followed
        self.assertTrue(os.path.islink(self.inside(image, "hl3")))
        self.assertEqual(os.readlink(self.inside(image, "hl3")), "/etc/passwd")
        self.assertStoreConsistent()

    def test_hardlink_climbing_out_fails_naming_the_entry(self):
        layer, image, result = self.pull_layer("hostile/hlup", [
            file_entry("ok", b"fine"), hardlink_entry("hl", "../../x")])
        self.assertPullFails(result, short(layer.digest), '"hl"', '"../../x"', "climbs out of the layer")
        self.check_rejected(layer, image)

    # -- devices

    def test_device_nodes_are_skipped(self):
        layer, image, result = self.pull_layer("hostile/dev", [
            dir_entry("dev"), chardev_entry("dev/evil-mem", 1, 1), chardev_entry("dev/evil-null", 1, 3),
            blockdev_entry("dev/evil-sda", 8, 0), file_entry("dev/regular", b"kept")])
        self.assertPullOk(result)
        for name in ("evil-mem", "evil-null", "evil-sda"):
            self.assertDoesNotExist(self.inside(image, "dev", name))
        self.assertTrue(os.path.isfile(self.inside(image, "dev", "regular")))
        log = self.engine.log()
        for name in ("evil-mem", "evil-null", "evil-sda"):
            self.assertIn("dev/" + name, log, "a skipped device is logged")
        self.assertIn("skipped layer entry", log)
        self.assertStoreConsistent()

    # -- size

    def test_hundred_thousand_tiny_files(self):
        count = 100000
        layer = Layer(many_files_tar(count))
        image = self.serve("hostile/many", [layer])
        before = self.engine.status_field("VmHWM")
        result = self.pull("hostile/many")
        self.assertPullOk(result)
        hwm = self.engine.status_field("VmHWM")
        print("\nnote: muelled VmHWM %.1f MiB before the pull, %.1f MiB after (%d files, layer %.1f MB, "
              "tar %.1f MB), pull took %.1fs" % (before / 1024, hwm / 1024, count, layer.size / 1e6,
                                                 len(layer.tar) / 1e6, result.elapsed))
        self.assertLess(hwm, 150 * 1024, "muelled's peak memory (VmHWM, kB)")
        root = self.inside(image)
        files = sum(len(os.listdir(os.path.join(root, d))) for d in os.listdir(root))
        self.assertEqual(files, count)
        with open(os.path.join(root, "d042", "f054242"), "rb") as f:
            self.assertEqual(f.read(), b"054242\n")
        self.assertStoreConsistent()


if __name__ == "__main__":
    unittest.main()
