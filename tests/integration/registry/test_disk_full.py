"""A full disk: the registry's root on a small tmpfs the test mounts. An upload
that does not fit is refused with an error, leaves no blob visible, and once
the space is given back the same push succeeds. Needs root (mount)."""

import os
import subprocess
import unittest

import harness
from harness import digest_of, url_path, with_query

OCTET = {"Content-Type": "application/octet-stream"}
SIZE = "8m"


@unittest.skipUnless(os.geteuid() == 0, "mounting a tmpfs needs root")
class TestDiskFull(harness.RegistryTestCase):

    def setUp(self):
        self.srv = harness.Server(name="disk-full")
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + SIZE, "muelle-test", self.srv.root], check=True)
        self.srv.start()

    def tearDown(self):
        self.srv.stop()
        subprocess.run(["umount", "-l", self.srv.root], check=False)
        self.srv.cleanup()

    def test_upload_that_does_not_fit_is_refused_and_invisible(self):
        repo = self.repo("full")
        small = harness.random_bytes(256 * 1024)
        self.srv.push_blob(repo, small)

        big = harness.random_bytes(12 * 1024 * 1024)
        loc, _ = self.srv.start_upload(repo)
        r = self.srv.patch(loc, body=big, headers=OCTET)
        self.assertError(r, (500, 507), "UNKNOWN")
        self.assertIn("No space left", r.body.decode())
        r = self.srv.put(with_query(loc, digest=digest_of(big)))
        self.assertIn(r.status, (400, 404), r)
        self.assertNoBlob(repo, digest_of(big))
        self.assertBlob(repo, small)

        # Give the space back: cancel the session, then the push fits again.
        self.srv.delete(loc)
        fits = harness.random_bytes(4 * 1024 * 1024)
        self.srv.push_blob(repo, fits)
        self.assertBlob(repo, fits)

    def test_monolithic_upload_that_does_not_fit(self):
        repo = self.repo("full")
        big = harness.random_bytes(12 * 1024 * 1024)
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % repo, digest=digest_of(big)), body=big, headers=OCTET)
        self.assertError(r, (500, 507), "UNKNOWN")
        self.assertNoBlob(repo, digest_of(big))
        # Nothing of it stays behind: a later push of what fits succeeds.
        fits = harness.random_bytes(4 * 1024 * 1024)
        self.srv.push_blob(repo, fits)
        self.assertBlob(repo, fits)


if __name__ == "__main__":
    unittest.main()
