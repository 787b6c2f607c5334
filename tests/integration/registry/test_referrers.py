"""Referrers API (end-12a/12b) and the OCI-Subject header on manifest PUT."""

import json
import unittest

import harness
from harness import digest_of, OCI_MANIFEST, OCI_INDEX, OCI_EMPTY, EMPTY_JSON

SRV = None
SBOM = "application/vnd.example.sbom.v1"
SIG = "application/vnd.example.signature.v1"


def setUpModule():
    global SRV
    SRV = harness.Server(name="referrers").start()


def tearDownModule():
    if SRV:
        SRV.cleanup()


class Base(harness.RegistryTestCase):
    @property
    def srv(self):
        return SRV

    def artifact(self, repo, subject, artifact_type=None, annotations=None, config_type=OCI_EMPTY,
                 config=EMPTY_JSON, layer=None, tag=None):
        """Push an artifact manifest whose subject is `subject` (a descriptor)."""
        self.srv.push_blob(repo, config)
        layer = layer if layer is not None else harness.random_bytes(200)
        self.srv.push_blob(repo, layer)
        m = {"schemaVersion": 2, "mediaType": OCI_MANIFEST,
             "config": {"mediaType": config_type, "digest": digest_of(config), "size": len(config)},
             "layers": [{"mediaType": "application/octet-stream", "digest": digest_of(layer), "size": len(layer)}],
             "subject": subject}
        if artifact_type:
            m["artifactType"] = artifact_type
        if annotations:
            m["annotations"] = annotations
        body = json.dumps(m).encode()
        dg = digest_of(body)
        r = self.srv.push_manifest(repo, tag or dg, body)
        self.assertEqual(r.status, 201, r)
        return body, dg, r

    def referrers(self, repo, dg, artifact_type=None):
        path = "/v2/%s/referrers/%s" % (repo, dg)
        if artifact_type:
            path = harness.with_query(path, artifactType=artifact_type)
        r = self.srv.get(path)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.header("Content-Type") or "").split(";")[0].strip(), OCI_INDEX, r)
        doc = r.json()
        self.assertEqual(doc.get("schemaVersion"), 2, r)
        self.assertEqual(doc.get("mediaType"), OCI_INDEX, r)
        self.assertIsInstance(doc.get("manifests"), list, r)
        return r, doc


class TestReferrers(Base):
    def test_push_with_subject_returns_oci_subject(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        _, _, r = self.artifact(repo, img.descriptor(), artifact_type=SBOM)
        self.assertEqual(r.header("OCI-Subject"), img.digest, r)

    def test_push_without_subject_has_no_oci_subject(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        r = self.srv.push_manifest(repo, "again", img.manifest)
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.header("OCI-Subject"), r)

    def test_list_referrers(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        sbom_body, sbom_dg, _ = self.artifact(repo, img.descriptor(), artifact_type=SBOM,
                                              annotations={"org.example.sbom.format": "json",
                                                           "org.opencontainers.image.created": "2024-01-01T00:00:00Z"})
        sig_body, sig_dg, _ = self.artifact(repo, img.descriptor(), artifact_type=SIG,
                                            annotations={"org.example.signature.fingerprint": "abcd"})
        # no artifactType: the descriptor takes the config's mediaType
        cfg = b'{"kind":"attestation"}'
        att_body, att_dg, _ = self.artifact(repo, img.descriptor(), config_type="application/vnd.example.att.config.v1+json",
                                            config=cfg)
        r, doc = self.referrers(repo, img.digest)
        by_digest = {d["digest"]: d for d in doc["manifests"]}
        self.assertEqual(set(by_digest), {sbom_dg, sig_dg, att_dg}, r)
        for body, dg in ((sbom_body, sbom_dg), (sig_body, sig_dg), (att_body, att_dg)):
            d = by_digest[dg]
            self.assertEqual(d["mediaType"], OCI_MANIFEST, d)
            self.assertEqual(d["size"], len(body), d)
        self.assertEqual(by_digest[sbom_dg]["artifactType"], SBOM)
        self.assertEqual(by_digest[sig_dg]["artifactType"], SIG)
        self.assertEqual(by_digest[att_dg]["artifactType"], "application/vnd.example.att.config.v1+json")
        self.assertEqual(by_digest[sbom_dg]["annotations"],
                         {"org.example.sbom.format": "json", "org.opencontainers.image.created": "2024-01-01T00:00:00Z"})
        self.assertEqual(by_digest[sig_dg]["annotations"], {"org.example.signature.fingerprint": "abcd"})
        self.assertFalse(by_digest[att_dg].get("annotations"), by_digest[att_dg])

    def test_artifact_type_filter(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        _, sbom_dg, _ = self.artifact(repo, img.descriptor(), artifact_type=SBOM)
        _, sbom2_dg, _ = self.artifact(repo, img.descriptor(), artifact_type=SBOM)
        self.artifact(repo, img.descriptor(), artifact_type=SIG)
        r, doc = self.referrers(repo, img.digest, artifact_type=SBOM)
        self.assertEqual(r.header("OCI-Filters-Applied"), "artifactType", r)
        self.assertEqual({d["digest"] for d in doc["manifests"]}, {sbom_dg, sbom2_dg}, r)
        for d in doc["manifests"]:
            self.assertEqual(d["artifactType"], SBOM)
        r, doc = self.referrers(repo, img.digest, artifact_type="application/vnd.nothing")
        self.assertEqual(r.header("OCI-Filters-Applied"), "artifactType", r)
        self.assertEqual(doc["manifests"], [])
        r, doc = self.referrers(repo, img.digest)
        self.assertIsNone(r.header("OCI-Filters-Applied"), r)
        self.assertEqual(len(doc["manifests"]), 3)

    def test_no_referrers_is_empty_index(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        r, doc = self.referrers(repo, img.digest)
        self.assertEqual(doc["manifests"], [])

    def test_referrers_of_unknown_digest_is_empty_index(self):
        repo = self.repo("ref")
        self.srv.push_image(repo, tag="v1")
        r, doc = self.referrers(repo, digest_of(harness.random_bytes(20)))
        self.assertEqual(doc["manifests"], [])

    def test_subject_may_be_pushed_after_referrer(self):
        # Registries MUST accept a subject that does not exist (yet).
        repo = self.repo("ref")
        config = json.dumps({"later": harness.unique("x")}).encode()
        layers = [harness.random_bytes(300)]
        future_manifest = harness.image_manifest(config, layers)
        subject = {"mediaType": OCI_MANIFEST, "digest": digest_of(future_manifest), "size": len(future_manifest)}
        _, art_dg, r = self.artifact(repo, subject, artifact_type=SIG)
        self.assertEqual(r.header("OCI-Subject"), subject["digest"], r)
        r, doc = self.referrers(repo, subject["digest"])
        self.assertEqual([d["digest"] for d in doc["manifests"]], [art_dg])
        # now the subject itself
        for b in [config] + layers:
            self.srv.push_blob(repo, b)
        self.assertEqual(self.srv.push_manifest(repo, "late", future_manifest).status, 201)
        r, doc = self.referrers(repo, subject["digest"])
        self.assertEqual([d["digest"] for d in doc["manifests"]], [art_dg])

    def test_index_referrer_without_artifact_type(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        other = self.srv.push_image(repo)
        idx = harness.image_index([other.descriptor()], extra={"subject": img.descriptor(),
                                                               "annotations": {"k": "v"}})
        r = self.srv.push_manifest(repo, digest_of(idx), idx, media_type=OCI_INDEX)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("OCI-Subject"), img.digest, r)
        r, doc = self.referrers(repo, img.digest)
        self.assertEqual(len(doc["manifests"]), 1, r)
        d = doc["manifests"][0]
        self.assertEqual(d["digest"], digest_of(idx))
        self.assertEqual(d["mediaType"], OCI_INDEX)
        self.assertEqual(d["size"], len(idx))
        self.assertNotIn("artifactType", d)
        self.assertEqual(d["annotations"], {"k": "v"})

    def test_index_referrer_with_artifact_type(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        other = self.srv.push_image(repo)
        idx = harness.image_index([other.descriptor()], extra={"subject": img.descriptor(), "artifactType": SBOM})
        self.assertEqual(self.srv.push_manifest(repo, digest_of(idx), idx, media_type=OCI_INDEX).status, 201)
        _, doc = self.referrers(repo, img.digest)
        self.assertEqual(doc["manifests"][0]["artifactType"], SBOM)

    def test_deleted_referrer_disappears(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        _, keep, _ = self.artifact(repo, img.descriptor(), artifact_type=SBOM)
        _, drop, _ = self.artifact(repo, img.descriptor(), artifact_type=SIG)
        self.assertEqual(self.srv.delete("/v2/%s/manifests/%s" % (repo, drop)).status, 202)
        _, doc = self.referrers(repo, img.digest)
        self.assertEqual([d["digest"] for d in doc["manifests"]], [keep])

    def test_tagged_referrer_listed_once(self):
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        body, dg, _ = self.artifact(repo, img.descriptor(), artifact_type=SBOM, tag="sbom")
        self.assertEqual(self.srv.push_manifest(repo, "sbom2", body).status, 201)
        self.assertEqual(self.srv.push_manifest(repo, dg, body).status, 201)
        _, doc = self.referrers(repo, img.digest)
        self.assertEqual([d["digest"] for d in doc["manifests"]], [dg])

    def test_referrers_are_per_repository(self):
        a, b = self.repo("ref-a"), self.repo("ref-b")
        img = self.srv.push_image(a, tag="v1")
        self.srv.push_image(b, layers=img.layers, config=img.config)   # same image in b
        self.assertEqual(self.srv.push_manifest(b, "v1", img.manifest).status, 201)
        self.artifact(a, img.descriptor(), artifact_type=SBOM)
        _, doc = self.referrers(b, img.digest)
        self.assertEqual(doc["manifests"], [])
        _, doc = self.referrers(a, img.digest)
        self.assertEqual(len(doc["manifests"]), 1)

    def test_invalid_digest_is_400(self):
        repo = self.repo("ref")
        self.srv.push_image(repo, tag="v1")
        for bad in ("sha256:abc", "notadigest"):
            r = self.srv.get("/v2/%s/referrers/%s" % (repo, bad))
            self.assertEqual(r.status, 400, r)
            self.assertError(r, 400, "DIGEST_INVALID")

    def test_referrers_get_paginated_consistently(self):
        # If the registry pages (Link rel=next), every referrer still shows up once.
        repo = self.repo("ref")
        img = self.srv.push_image(repo, tag="v1")
        want = set()
        for i in range(12):
            want.add(self.artifact(repo, img.descriptor(), artifact_type=SBOM,
                                   annotations={"i": str(i)})[1])
        seen, path = [], "/v2/%s/referrers/%s" % (repo, img.digest)
        for _ in range(20):
            r = self.srv.get(path)
            self.assertEqual(r.status, 200, r)
            seen += [d["digest"] for d in r.json()["manifests"]]
            nxt = harness.parse_next_link(r.header("Link"))
            if not nxt:
                break
            path = harness.url_path(nxt)
        self.assertEqual(sorted(seen), sorted(want))


if __name__ == "__main__":
    unittest.main()
