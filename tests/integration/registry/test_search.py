"""Search: GET /v1/search (the shape Docker's registries answer, for
`docker search`) and GET /v2/_muelle/search (ranked, with the latest tag,
push time, size and platforms), kept current as tags come and go, paged,
safe against hostile terms, and showing each caller only what it may pull."""

import json
import os
import tempfile
import unittest
import urllib.parse
import uuid

import harness
from harness import parse_next_link, url_path

SRV = None


def setUpModule():
    global SRV
    SRV = harness.Server(name="search").start()


def tearDownModule():
    if SRV:
        SRV.cleanup()


def labelled_config(labels, arch="amd64"):
    return json.dumps({"architecture": arch, "os": "linux", "rootfs": {"type": "layers", "diff_ids": []},
                       "config": {"Labels": labels}, "nonce": uuid.uuid4().hex}).encode()


def v1(srv, q, **params):
    params["q"] = q
    return srv.get("/v1/search?" + urllib.parse.urlencode(params))


def ours(srv, q, **params):
    params["q"] = q
    return srv.get("/v2/_muelle/search?" + urllib.parse.urlencode(params))


def names(r):
    return [result["name"] for result in r.json()["results"]]


class TestSearch(harness.RegistryTestCase):
    @property
    def srv(self):
        return SRV

    def test_v1_shape_and_description_from_labels(self):
        word = harness.unique("kiwi").replace("-", "")
        repo = "fruit/" + word
        self.srv.push_image(repo, tag="v1", config=labelled_config(
            {"org.opencontainers.image.description": "A %s web server" % word,
             "org.opencontainers.image.title": "Kiwi"}))
        r = v1(self.srv, word)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["num_results"], 1, doc)
        self.assertEqual(doc["query"], word)
        result = doc["results"][0]
        self.assertEqual(result, {"name": repo, "description": "A %s web server" % word, "star_count": 0,
                                  "is_official": False, "is_automated": False})

    def test_matches_name_tags_labels_and_annotations_ranked(self):
        word = harness.unique("mango").replace("-", "")
        in_name = "shop/%s-api" % word
        in_description = "shop/" + harness.unique("other")
        in_tag = "shop/" + harness.unique("tagged")
        self.srv.push_image(in_description, tag="v1", config=labelled_config(
            {"org.opencontainers.image.description": "serves %s fast" % word}))
        self.srv.push_image(in_name, tag="latest")
        self.srv.push_image(in_tag, tag="%s-2024" % word)
        annotated = "shop/" + harness.unique("annotated")
        self.srv.push_image(annotated, tag="v1", extra={"annotations": {"org.opencontainers.image.vendor": word}})
        r = ours(self.srv, word)
        self.assertEqual(r.status, 200, r)
        found = names(r)
        self.assertEqual(sorted(found), sorted([in_name, in_description, in_tag, annotated]), found)
        self.assertEqual(found[0], in_name, "a word in the name ranks first: %s" % found)
        # A prefix of a word matches too, and every word is needed.
        self.assertIn(in_name, names(ours(self.srv, word[:-2])))
        self.assertEqual(names(ours(self.srv, word + " api")), [in_name])

    def test_richer_results(self):
        repo = "rich/" + harness.unique("app")
        img = self.srv.push_image(repo, tag="v2", config=labelled_config(
            {"org.opencontainers.image.vendor": "Acme", "org.opencontainers.image.source": "https://git.example/app"},
            arch="arm64"))
        r = ours(self.srv, repo)
        self.assertEqual(r.status, 200, r)
        result = r.json()["results"][0]
        self.assertEqual(result["name"], repo)
        self.assertEqual(result["latest_tag"], "v2")
        self.assertEqual(result["platforms"], ["linux/arm64"])
        self.assertEqual(result["vendor"], "Acme")
        self.assertEqual(result["source"], "https://git.example/app")
        self.assertEqual(result["size"], len(img.config) + sum(len(l) for l in img.layers))
        self.assertTrue(result["pushed"].endswith("Z"), result)

    def test_index_platforms(self):
        repo = "multi/" + harness.unique("app")
        children = []
        for arch in ("amd64", "arm64"):
            img = self.srv.push_image(repo, config=labelled_config({"org.opencontainers.image.title": "multi"}, arch))
            d = img.descriptor()
            d["platform"] = {"os": "linux", "architecture": arch}
            children.append(d)
        r = self.srv.push_manifest(repo, "latest", harness.image_index(children), media_type=harness.OCI_INDEX)
        self.assertEqual(r.status, 201, r)
        result = ours(self.srv, repo).json()["results"][0]
        self.assertEqual(sorted(result["platforms"]), ["linux/amd64", "linux/arm64"])
        self.assertEqual(result["title"], "multi")

    def test_kept_current_when_tags_go(self):
        repo = "gone/" + harness.unique("app")
        img = self.srv.push_image(repo, tag="v1")
        self.srv.push_manifest(repo, "v2", img.manifest)
        self.assertEqual(names(v1(self.srv, repo)), [repo])
        self.assertEqual(self.srv.delete("/v2/%s/manifests/v1" % repo).status, 202)
        self.assertEqual(ours(self.srv, repo).json()["results"][0]["latest_tag"], "v2")
        self.assertEqual(self.srv.delete("/v2/%s/manifests/%s" % (repo, img.digest)).status, 202)
        self.assertEqual(names(v1(self.srv, repo)), [])
        # Untagged manifests are not searched; a new tag brings the repository back.
        self.srv.push_image(repo, tag="v3")
        self.assertEqual(names(v1(self.srv, repo)), [repo])

    def test_survives_a_restart(self):
        repo = "kept/" + harness.unique("app")
        self.srv.push_image(repo, tag="v1")
        self.srv.restart()
        self.assertEqual(names(v1(self.srv, repo)), [repo])

    def test_pages(self):
        word = harness.unique("page").replace("-", "")
        repos = ["paged/%s-%02d" % (word, i) for i in range(7)]
        for repo in repos:
            self.srv.push_image(repo, tag="v1")
        doc = v1(self.srv, word, n=3, page=3).json()
        self.assertEqual((doc["num_results"], doc["num_pages"], doc["page"], doc["page_size"]), (7, 3, 3, 3))
        self.assertEqual(len(doc["results"]), 1)
        seen, path = [], "/v2/_muelle/search?" + urllib.parse.urlencode({"q": word, "n": 3})
        for _ in range(5):
            r = self.srv.get(path)
            self.assertEqual(r.status, 200, r)
            seen += names(r)
            nxt = parse_next_link(r.header("Link"))
            if not nxt:
                break
            path = url_path(nxt)
        self.assertEqual(sorted(seen), repos)
        for bad in ({"n": 0}, {"n": 101}, {"n": "x"}, {"page": 0}):
            self.assertError(v1(self.srv, word, **bad), 400, "PAGINATION_NUMBER_INVALID")

    def test_hostile_terms(self):
        for term in ['"', "a\" OR \"b", "name:x", "*", "NEAR(a b)", "%", "ñandú 日本", "x" * 10240,
                     "') DROP TABLE tags; --", "a AND", "^x"]:
            for search in (v1, ours):
                r = search(self.srv, term)
                self.assertEqual(r.status, 200, "%r: %s" % (term[:40], r))
                self.assertIn("results", r.json())
        # No word, no search: not a way around _catalog's rules.
        for term in ("", "%", "--"):
            r = v1(self.srv, term)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json()["results"], [])


class TestSearchAccess(harness.RegistryTestCase):
    """A caller sees only repositories it may pull."""
    RULES = [
        {"account": "alice", "repository": "*", "actions": ["pull", "push"]},
        {"account": "bob", "repository": "team/*", "actions": ["pull"]},
        {"account": "anonymous", "repository": "public/*", "actions": ["pull"]},
    ]

    @classmethod
    def setUpClass(cls):
        cls.word = harness.unique("secret").replace("-", "")
        cls.servers = []

    @classmethod
    def tearDownClass(cls):
        for srv in cls.servers:
            srv.cleanup()

    def server(self, token):
        workdir = tempfile.mkdtemp(prefix="muelle-registry-test-")
        htpasswd = harness.make_htpasswd(os.path.join(workdir, "htpasswd"), {"alice": "a-pw", "bob": "b-pw"})
        key = os.path.join(workdir, "token.key")

        def config(port):
            auth = {"htpasswd": {"realm": "r", "path": htpasswd}}
            if token:
                auth["token"] = {"realm": "http://%s:%d/token" % (harness.HOST, port), "service": "s",
                                 "issuer": "i", "key": key, "expiration": 300}
            return {"auth": auth, "access": self.RULES}
        srv = harness.Server(config, name="search-access", workdir=workdir).start()
        self.servers.append(srv)
        alice = srv.as_user("alice", "a-pw")
        if token:
            for ns in ("public", "team", "private"):
                r = alice.get("/token?service=s&scope=repository:%s/%s:pull,push" % (ns, self.word))
                tok = r.json()["token"]
                srv.client({"Authorization": "Bearer " + tok}).push_image("%s/%s" % (ns, self.word), tag="v1")
        else:
            for ns in ("public", "team", "private"):
                alice.push_image("%s/%s" % (ns, self.word), tag="v1")
        return srv

    def visible(self, client):
        r = v1(client, self.word)
        self.assertEqual(r.status, 200, r)
        return sorted(names(r))

    def test_htpasswd(self):
        srv = self.server(token=False)
        self.assertEqual(self.visible(srv.as_user("alice", "a-pw")),
                         ["private/" + self.word, "public/" + self.word, "team/" + self.word])
        self.assertEqual(self.visible(srv.as_user("bob", "b-pw")), ["team/" + self.word])
        self.assertEqual(self.visible(srv), ["public/" + self.word])
        self.assertEqual(v1(srv.as_user("bob", "wrong"), self.word).status, 401)

    def test_token_anonymous(self):
        srv = self.server(token=True)
        self.assertEqual(self.visible(srv), ["public/" + self.word])
        r = srv.as_user("bob", "b-pw").get("/token?service=s&scope=registry:catalog:search")
        bob = srv.client({"Authorization": "Bearer " + r.json()["token"]})
        self.assertEqual(self.visible(bob), ["team/" + self.word])
        forged = srv.client({"Authorization": "Bearer not.a.token"})
        self.assertEqual(v1(forged, self.word).status, 401)


if __name__ == "__main__":
    unittest.main()
