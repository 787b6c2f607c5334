"""tags/list (end-8a/8b) and /v2/_catalog with n/last pagination and Link
headers."""

import unittest
import urllib.parse

import harness
from harness import parse_next_link, url_path

SRV = None


def setUpModule():
    global SRV
    SRV = harness.Server(name="tags").start()


def tearDownModule():
    if SRV:
        SRV.cleanup()


class Base(harness.RegistryTestCase):
    @property
    def srv(self):
        return SRV

    def tag_all(self, repo, tags, srv=None):
        srv = srv or self.srv
        img = srv.push_image(repo)
        for t in tags:
            r = srv.push_manifest(repo, t, img.manifest)
            self.assertEqual(r.status, 201, r)
        return img

    def follow(self, srv, first_path, key, limit=100):
        """Follow Link rel=next from first_path; returns (items, pages)."""
        items, pages, path = [], [], first_path
        for _ in range(limit):
            r = srv.get(path)
            self.assertEqual(r.status, 200, r)
            doc = r.json()
            got = doc.get(key) or []
            pages.append(got)
            items += got
            nxt = parse_next_link(r.header("Link"))
            if not nxt:
                return items, pages
            self.assertTrue(nxt.startswith("/v2/") or nxt.startswith("http"), "odd Link target %r" % nxt)
            path = url_path(nxt)
        self.fail("pagination did not end after %d pages" % limit)


TAGS = ["1.0", "1.1", "alpha", "beta", "gamma", "latest", "v2"]


class TestTags(Base):
    def test_list_sorted(self):
        repo = self.repo("tags")
        self.tag_all(repo, ["latest", "beta", "1.1", "v2", "alpha", "1.0", "gamma"])
        r = self.srv.get("/v2/%s/tags/list" % repo)
        self.assertEqual(r.status, 200, r)
        self.assertTrue((r.header("Content-Type") or "").startswith("application/json"), r)
        doc = r.json()
        self.assertEqual(doc["name"], repo)
        self.assertEqual(doc["tags"], TAGS)
        self.assertIsNone(parse_next_link(r.header("Link")), r)

    def test_unknown_repository_is_404_name_unknown(self):
        r = self.srv.get("/v2/%s/tags/list" % self.repo("nosuch"))
        self.assertError(r, 404, "NAME_UNKNOWN")

    def test_invalid_name(self):
        r = self.srv.get("/v2/UPPER/tags/list")
        self.assertError(r, 400, "NAME_INVALID")

    def test_n_limits_and_link_points_to_next_page(self):
        repo = self.repo("tags")
        self.tag_all(repo, TAGS)
        r = self.srv.get("/v2/%s/tags/list?n=2" % repo)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["tags"], TAGS[:2])
        link = r.header("Link")
        self.assertIsNotNone(link, r)
        nxt = parse_next_link(link)
        self.assertIsNotNone(nxt, "Link header without rel=\"next\": %r" % link)
        parts = urllib.parse.urlsplit(nxt)
        self.assertEqual(parts.path, "/v2/%s/tags/list" % repo)
        q = urllib.parse.parse_qs(parts.query)
        self.assertEqual(q.get("n"), ["2"], link)
        self.assertEqual(q.get("last"), ["1.1"], link)

    def test_follow_links_yields_every_tag_once(self):
        repo = self.repo("tags")
        self.tag_all(repo, TAGS)
        items, pages = self.follow(self.srv, "/v2/%s/tags/list?n=3" % repo, "tags")
        self.assertEqual(items, TAGS)
        self.assertEqual([len(p) for p in pages][:2], [3, 3])
        self.assertLessEqual(len(pages), 4)

    def test_last(self):
        repo = self.repo("tags")
        self.tag_all(repo, TAGS)
        r = self.srv.get("/v2/%s/tags/list?last=beta" % repo)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["tags"], ["gamma", "latest", "v2"])
        r = self.srv.get("/v2/%s/tags/list?n=2&last=beta" % repo)
        self.assertEqual(r.json()["tags"], ["gamma", "latest"])
        # last that is not itself a tag: everything after it
        r = self.srv.get("/v2/%s/tags/list?n=10&last=b" % repo)
        self.assertEqual(r.json()["tags"], ["beta", "gamma", "latest", "v2"])
        # last past the end
        r = self.srv.get("/v2/%s/tags/list?last=zzz" % repo)
        self.assertEqual(r.status, 200, r)
        self.assertFalse(r.json().get("tags"), r)
        self.assertIsNone(parse_next_link(r.header("Link")), r)

    def test_n_zero_is_empty_without_link(self):
        repo = self.repo("tags")
        self.tag_all(repo, TAGS)
        r = self.srv.get("/v2/%s/tags/list?n=0" % repo)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json().get("tags") or [], [])
        self.assertIsNone(r.header("Link"), r)

    def test_n_exact_count_has_no_next(self):
        repo = self.repo("tags")
        self.tag_all(repo, TAGS)
        r = self.srv.get("/v2/%s/tags/list?n=%d" % (repo, len(TAGS)))
        self.assertEqual(r.json()["tags"], TAGS)
        nxt = parse_next_link(r.header("Link"))
        if nxt:  # allowed to point at an empty page, but that page must be empty
            r2 = self.srv.get(url_path(nxt))
            self.assertEqual(r2.status, 200, r2)
            self.assertFalse(r2.json().get("tags"), r2)

    def test_n_larger_than_count(self):
        repo = self.repo("tags")
        self.tag_all(repo, TAGS)
        r = self.srv.get("/v2/%s/tags/list?n=1000" % repo)
        self.assertEqual(r.json()["tags"], TAGS)
        self.assertIsNone(parse_next_link(r.header("Link")), r)

    def test_invalid_n(self):
        repo = self.repo("tags")
        self.tag_all(repo, ["a"])
        for bad in ("-1", "abc"):
            r = self.srv.get("/v2/%s/tags/list?n=%s" % (repo, bad))
            self.assertError(r, 400)  # Distribution: PAGINATION_NUMBER_INVALID

    def test_repository_without_tags(self):
        repo = self.repo("tags")
        img = self.srv.push_image(repo)  # pushed by digest only
        r = self.srv.get("/v2/%s/tags/list" % repo)
        self.assertEqual(r.status, 200, r)
        self.assertFalse(r.json().get("tags"), r)
        self.assertEqual(self.srv.get_manifest(repo, img.digest).status, 200)

    def test_deleted_tag_disappears(self):
        repo = self.repo("tags")
        self.tag_all(repo, ["keep", "drop"])
        self.assertEqual(self.srv.delete("/v2/%s/manifests/drop" % repo).status, 202)
        self.assertEqual(self.srv.get("/v2/%s/tags/list" % repo).json()["tags"], ["keep"])

    def test_many_tags(self):
        repo = self.repo("tags")
        tags = ["t%03d" % i for i in range(120)]
        self.tag_all(repo, tags)
        r = self.srv.get("/v2/%s/tags/list" % repo)
        self.assertEqual(r.status, 200, r)
        # a registry may page without n; follow whatever it does
        items, _ = self.follow(self.srv, "/v2/%s/tags/list" % repo, "tags")
        self.assertEqual(items, tags)
        items, pages = self.follow(self.srv, "/v2/%s/tags/list?n=50" % repo, "tags")
        self.assertEqual(items, tags)
        self.assertEqual([len(p) for p in pages][:3], [50, 50, 20])


class TestCatalog(Base):
    """Runs on its own server so the catalog content is known."""

    @classmethod
    def setUpClass(cls):
        cls._srv = harness.Server(name="catalog").start()
        cls.names = sorted(["alpha", "beta/one", "beta/two", "gamma", "delta/x/y", "epsilon-1", "zeta.z"])
        for name in cls.names:
            cls._srv.push_image(name, tag="latest")

    @classmethod
    def tearDownClass(cls):
        cls._srv.cleanup()

    @property
    def srv(self):
        return self._srv

    def test_catalog_lists_sorted(self):
        r = self.srv.get("/v2/_catalog")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["repositories"], self.names)

    def test_catalog_pagination(self):
        r = self.srv.get("/v2/_catalog?n=3")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["repositories"], self.names[:3])
        nxt = parse_next_link(r.header("Link"))
        self.assertIsNotNone(nxt, r)
        parts = urllib.parse.urlsplit(nxt)
        self.assertEqual(parts.path, "/v2/_catalog")
        q = urllib.parse.parse_qs(parts.query)
        self.assertEqual(q.get("n"), ["3"])
        self.assertEqual(q.get("last"), [self.names[2]])
        items, pages = self.follow(self.srv, "/v2/_catalog?n=3", "repositories")
        self.assertEqual(items, self.names)
        self.assertEqual([len(p) for p in pages][:2], [3, 3])

    def test_catalog_last(self):
        r = self.srv.get("/v2/_catalog?n=2&last=beta/two")
        self.assertEqual(r.status, 200, r)
        i = self.names.index("beta/two")
        self.assertEqual(r.json()["repositories"], self.names[i + 1:i + 3])

    def test_catalog_n_zero(self):
        r = self.srv.get("/v2/_catalog?n=0")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json().get("repositories") or [], [])
        self.assertIsNone(r.header("Link"), r)

    def test_new_repository_appears(self):
        srv = harness.Server(name="catalog2").start()
        try:
            r = srv.get("/v2/_catalog")
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json().get("repositories") or [], [])
            name = harness.unique("new")
            srv.push_image(name, tag="t")
            r = srv.get("/v2/_catalog")
            self.assertEqual(r.json()["repositories"], [name])
        finally:
            srv.cleanup()


if __name__ == "__main__":
    unittest.main()
