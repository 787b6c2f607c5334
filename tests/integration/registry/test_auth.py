"""Authentication and authorisation: htpasswd (HTTP Basic), Docker's token
flow with our own /token endpoint, anonymous pull and access rules."""

import base64
import json
import os
import tempfile
import time
import unittest
import urllib.parse

import harness
from harness import basic_auth, jwt_claims, parse_challenge, digest_of, with_query, b64url_decode

USERS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}
REALM = "muelle-test-realm"
SERVICE = "muelle-test-service"
ISSUER = "muelle-test-issuer"


def htpasswd_server(name, anonymous_pull=False, access=None, token=False):
    workdir = tempfile.mkdtemp(prefix="muelle-registry-test-")
    htpasswd = harness.make_htpasswd(os.path.join(workdir, "htpasswd"), USERS)
    key = os.path.join(workdir, "token.key")

    def config(port):
        auth = {"htpasswd": {"realm": REALM, "path": htpasswd}}
        if anonymous_pull:
            auth["anonymous"] = {"pull": True}
        if token:
            auth["token"] = {"realm": "http://%s:%d/token" % (harness.HOST, port), "service": SERVICE,
                             "issuer": ISSUER, "key": key, "expiration": 300}
        cfg = {"auth": auth}
        if access:
            cfg["access"] = access
        return cfg
    return harness.Server(config, name=name, workdir=workdir).start()


class AuthBase(harness.RegistryTestCase):
    def assertUnauthorized(self, r, scheme="basic", realm=None):
        self.assertEqual(r.status, 401, r)
        challenge = r.header("WWW-Authenticate")
        self.assertTrue(challenge, "401 without WWW-Authenticate: %s" % r)
        got_scheme, params = parse_challenge(challenge)
        self.assertEqual(got_scheme, scheme, r)
        if realm is not None:
            self.assertEqual(params.get("realm"), realm, r)
        if r.method != "HEAD" and r.body.strip():
            self.assertError(r, 401, "UNAUTHORIZED")
        return params

    def assertDenied(self, r):
        self.assertEqual(r.status, 403, r)
        if r.method != "HEAD":
            self.assertError(r, 403, "DENIED")


# ----------------------------------------------------------------------------
# htpasswd

class TestHtpasswd(AuthBase):
    @classmethod
    def setUpClass(cls):
        cls.srv = htpasswd_server("htpasswd")
        cls.alice = cls.srv.as_user("alice", USERS["alice"])

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_v2_without_credentials_is_401_basic(self):
        r = self.srv.get("/v2/")
        self.assertUnauthorized(r, "basic", REALM)
        self.assertEqual(r.header("Docker-Distribution-API-Version"), "registry/2.0", r)

    def test_v2_with_credentials_is_200(self):
        for user, pw in USERS.items():
            r = self.srv.get("/v2/", headers={"Authorization": basic_auth(user, pw)})
            self.assertEqual(r.status, 200, "%s: %s" % (user, r))

    def test_wrong_password_is_401(self):
        r = self.srv.get("/v2/", headers={"Authorization": basic_auth("alice", "wrong")})
        self.assertUnauthorized(r, "basic", REALM)

    def test_unknown_user_is_401(self):
        r = self.srv.get("/v2/", headers={"Authorization": basic_auth("mallory", "alice-pw")})
        self.assertUnauthorized(r, "basic", REALM)

    def test_malformed_authorization_is_401(self):
        for value in ("Basic !!!notbase64", "Basic " + base64.b64encode(b"nocolon").decode(),
                      "Bearer sometoken", "Basic"):
            r = self.srv.get("/v2/", headers={"Authorization": value})
            self.assertUnauthorized(r, "basic")

    def test_every_endpoint_needs_credentials(self):
        repo = self.repo("auth")
        img = self.alice.push_image(repo, tag="v1")
        dg = digest_of(img.layers[0])
        requests = [
            ("GET", "/v2/%s/manifests/v1" % repo), ("HEAD", "/v2/%s/manifests/v1" % repo),
            ("GET", "/v2/%s/blobs/%s" % (repo, dg)), ("HEAD", "/v2/%s/blobs/%s" % (repo, dg)),
            ("GET", "/v2/%s/tags/list" % repo), ("GET", "/v2/_catalog"),
            ("GET", "/v2/%s/referrers/%s" % (repo, img.digest)),
            ("POST", "/v2/%s/blobs/uploads/" % repo), ("PUT", "/v2/%s/manifests/v2" % repo),
            ("DELETE", "/v2/%s/manifests/v1" % repo), ("DELETE", "/v2/%s/blobs/%s" % (repo, dg)),
        ]
        for method, path in requests:
            r = self.srv.request(method, path, body=b"" if method in ("POST", "PUT") else None)
            self.assertUnauthorized(r, "basic", REALM)
        # nothing was changed by the refused requests
        self.assertEqual(self.alice.get_manifest(repo, "v1").status, 200)
        self.assertBlob(repo, img.layers[0], srv=self.alice)

    def test_push_and_pull_with_credentials(self):
        repo = self.repo("auth")
        img = self.alice.push_image(repo, tag="v1")
        bob = self.srv.as_user("bob", USERS["bob"])
        r = bob.get_manifest(repo, "v1")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, img.manifest)
        for blob in [img.config] + img.layers:
            self.assertBlob(repo, blob, srv=bob)

    def test_upload_session_needs_credentials_on_every_step(self):
        repo = self.repo("auth")
        loc, _ = self.alice.start_upload(repo)
        r = self.srv.patch(loc, body=b"data", headers={"Content-Type": "application/octet-stream"})
        self.assertUnauthorized(r, "basic")
        r = self.srv.put(with_query(loc, digest=digest_of(b"data")), body=b"data")
        self.assertUnauthorized(r, "basic")
        r = self.srv.get(loc)
        self.assertUnauthorized(r, "basic")
        r = self.alice.put(with_query(loc, digest=digest_of(b"data")), body=b"data")
        self.assertEqual(r.status, 201, r)


class TestHtpasswdAnonymousPull(AuthBase):
    @classmethod
    def setUpClass(cls):
        cls.srv = htpasswd_server("htpasswd-anon", anonymous_pull=True)
        cls.alice = cls.srv.as_user("alice", USERS["alice"])

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_anonymous_base_is_200(self):
        self.assertEqual(self.srv.get("/v2/").status, 200)

    def test_anonymous_pull(self):
        repo = self.repo("anon")
        img = self.alice.push_image(repo, tag="v1")
        r = self.srv.get_manifest(repo, "v1")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, img.manifest)
        self.assertBlob(repo, img.layers[0], srv=self.srv)
        r = self.srv.get("/v2/%s/tags/list" % repo)
        self.assertEqual(r.status, 200, r)

    def test_anonymous_push_is_401(self):
        repo = self.repo("anon")
        self.alice.push_image(repo, tag="v1")
        r = self.srv.post("/v2/%s/blobs/uploads/" % repo)
        self.assertUnauthorized(r, "basic", REALM)
        data = b"anonymous data"
        r = self.srv.post(with_query("/v2/%s/blobs/uploads/" % repo, digest=digest_of(data)), body=data)
        self.assertUnauthorized(r, "basic", REALM)
        self.assertNoBlob(repo, digest_of(data), srv=self.alice)
        r = self.srv.push_manifest(repo, "v2", b"{}")
        self.assertUnauthorized(r, "basic", REALM)

    def test_anonymous_delete_is_401(self):
        repo = self.repo("anon")
        img = self.alice.push_image(repo, tag="v1")
        r = self.srv.delete("/v2/%s/manifests/%s" % (repo, img.digest))
        self.assertUnauthorized(r, "basic", REALM)
        self.assertEqual(self.alice.get_manifest(repo, "v1").status, 200)

    def test_wrong_credentials_still_401_even_with_anonymous_pull(self):
        repo = self.repo("anon")
        self.alice.push_image(repo, tag="v1")
        r = self.srv.get_manifest(repo, "v1", headers={"Authorization": basic_auth("alice", "nope")})
        self.assertUnauthorized(r, "basic")


class TestHtpasswdAccessRules(AuthBase):
    RULES = [
        {"account": "alice", "repository": "team/*", "actions": ["pull", "push", "delete"]},
        {"account": "alice", "repository": "public/*", "actions": ["pull", "push"]},
        {"account": "bob", "repository": "team/*", "actions": ["pull"]},
        {"account": "*", "repository": "shared/*", "actions": ["pull", "push"]},
        {"account": "anonymous", "repository": "public/*", "actions": ["pull"]},
    ]

    @classmethod
    def setUpClass(cls):
        cls.srv = htpasswd_server("htpasswd-rules", access=cls.RULES)
        cls.alice = cls.srv.as_user("alice", USERS["alice"])
        cls.bob = cls.srv.as_user("bob", USERS["bob"])
        cls.carol = cls.srv.as_user("carol", USERS["carol"])

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_owner_pushes_reader_pulls(self):
        repo = "team/" + harness.unique("app")
        img = self.alice.push_image(repo, tag="v1")
        r = self.bob.get_manifest(repo, "v1")
        self.assertEqual(r.status, 200, r)
        self.assertBlob(repo, img.layers[0], srv=self.bob)
        self.assertEqual(self.bob.get("/v2/%s/tags/list" % repo).status, 200)

    def test_pull_only_user_cannot_push(self):
        repo = "team/" + harness.unique("app")
        img = self.alice.push_image(repo, tag="v1")
        r = self.bob.post("/v2/%s/blobs/uploads/" % repo)
        self.assertDenied(r)
        data = b"bob's blob"
        r = self.bob.post(with_query("/v2/%s/blobs/uploads/" % repo, digest=digest_of(data)), body=data)
        self.assertDenied(r)
        r = self.bob.push_manifest(repo, "v1", img.manifest)
        self.assertDenied(r)
        r = self.bob.delete("/v2/%s/manifests/%s" % (repo, img.digest))
        self.assertDenied(r)
        self.assertNoBlob(repo, digest_of(data), srv=self.alice)
        self.assertEqual(self.alice.get_manifest(repo, "v1").status, 200)

    def test_pull_only_user_cannot_use_someone_elses_session(self):
        repo = "team/" + harness.unique("app")
        loc, _ = self.alice.start_upload(repo)
        r = self.bob.patch(loc, body=b"x", headers={"Content-Type": "application/octet-stream"})
        self.assertDenied(r)
        r = self.bob.put(with_query(loc, digest=digest_of(b"x")), body=b"x")
        self.assertDenied(r)

    def test_no_rule_means_denied(self):
        repo = "other/" + harness.unique("app")
        r = self.bob.post("/v2/%s/blobs/uploads/" % repo)
        self.assertDenied(r)
        r = self.alice.post("/v2/%s/blobs/uploads/" % repo)
        self.assertDenied(r)
        team = "team/" + harness.unique("app")
        self.alice.push_image(team, tag="v1")
        r = self.carol.get_manifest(team, "v1")
        self.assertDenied(r)

    def test_wildcard_account_rule(self):
        repo = "shared/" + harness.unique("app")
        img = self.carol.push_image(repo, tag="v1")
        r = self.bob.get_manifest(repo, "v1")
        self.assertEqual(r.status, 200, r)
        r = self.bob.delete("/v2/%s/manifests/%s" % (repo, img.digest))
        self.assertDenied(r)

    def test_anonymous_rule(self):
        pub = "public/" + harness.unique("app")
        img = self.alice.push_image(pub, tag="v1")
        r = self.srv.get_manifest(pub, "v1")
        self.assertEqual(r.status, 200, r)
        self.assertBlob(pub, img.layers[0], srv=self.srv)
        r = self.srv.post("/v2/%s/blobs/uploads/" % pub)
        self.assertUnauthorized(r, "basic", REALM)
        team = "team/" + harness.unique("app")
        self.alice.push_image(team, tag="v1")
        r = self.srv.get_manifest(team, "v1")
        self.assertUnauthorized(r, "basic", REALM)

    def test_mount_needs_pull_on_source(self):
        team = "team/" + harness.unique("secret")
        img = self.alice.push_image(team, tag="v1")
        dg = digest_of(img.layers[0])
        shared = "shared/" + harness.unique("thief")
        r = self.carol.post(with_query("/v2/%s/blobs/uploads/" % shared, mount=dg, **{"from": team}))
        self.assertNotEqual(r.status, 201, "mounted a blob from a repository carol may not pull: %s" % r)
        self.assertIn(r.status, (202, 401, 403), r)
        r = self.carol.get("/v2/%s/blobs/%s" % (shared, dg))
        self.assertEqual(r.status, 404, r)

    def test_mount_allowed_with_pull_on_source(self):
        team = "team/" + harness.unique("src")
        img = self.alice.push_image(team, tag="v1")
        dg = digest_of(img.layers[0])
        pub = "public/" + harness.unique("dst")
        r = self.alice.post(with_query("/v2/%s/blobs/uploads/" % pub, mount=dg, **{"from": team}))
        self.assertEqual(r.status, 201, r)
        self.assertBlob(pub, img.layers[0], srv=self.alice)


# ----------------------------------------------------------------------------
# token flow

class TokenBase(AuthBase):
    RULES = [
        {"account": "alice", "repository": "*", "actions": ["pull", "push", "delete"]},
        {"account": "bob", "repository": "*", "actions": ["pull"]},
    ]
    ANONYMOUS_PULL = False

    @classmethod
    def setUpClass(cls):
        cls.srv = htpasswd_server("token", anonymous_pull=cls.ANONYMOUS_PULL, access=cls.RULES, token=True)
        cls.realm = "http://%s:%d/token" % (harness.HOST, cls.srv.port)

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def token(self, scopes, user=None, password=None, expect=200):
        params = [("service", SERVICE)] + [("scope", s) for s in scopes]
        path = "/token?" + urllib.parse.urlencode(params, safe=":/,")
        headers = {}
        if user:
            headers["Authorization"] = basic_auth(user, password if password is not None else USERS[user])
        r = self.srv.get(path, headers=headers)
        if expect is None:
            return r, None
        self.assertEqual(r.status, expect, r)
        if r.status != 200:
            return r, None
        doc = r.json()
        tok = doc.get("token") or doc.get("access_token")
        self.assertTrue(tok, r)
        return r, tok

    def bearer(self, tok):
        return self.srv.client({"Authorization": "Bearer " + tok})

    def access_of(self, tok):
        _, claims = jwt_claims(tok)
        out = {}
        for entry in claims.get("access") or []:
            out[(entry["type"], entry["name"])] = set(entry.get("actions") or [])
        return out

    def assertBearerChallenge(self, r, scope=None, error=None):
        params = self.assertUnauthorized(r, "bearer", self.realm)
        self.assertEqual(params.get("service"), SERVICE, r)
        if scope is not None:
            self.assertIn("scope", params, r)
            want_type, want_name, want_actions = scope.rsplit(":", 2)[0], scope.rsplit(":", 2)[1], scope.rsplit(":", 1)[1]
            got = params["scope"].split(" ")
            matched = False
            for g in got:
                t, _, rest = g.partition(":")
                name, _, actions = rest.rpartition(":")
                if t == want_type and name == want_name and set(want_actions.split(",")) <= set(actions.split(",")):
                    matched = True
            self.assertTrue(matched, "challenge scope %r does not ask for %r" % (params["scope"], scope))
        if error is not None:
            self.assertEqual(params.get("error"), error, r)
        return params


class TestToken(TokenBase):
    def test_base_challenge(self):
        r = self.srv.get("/v2/")
        params = self.assertBearerChallenge(r)
        self.assertEqual(r.header("Docker-Distribution-API-Version"), "registry/2.0", r)
        self.assertEqual(params.get("realm"), self.realm)

    def test_pull_challenge_names_scope(self):
        repo = self.repo("tok")
        self.assertBearerChallenge(self.srv.get("/v2/%s/tags/list" % repo), "repository:%s:pull" % repo)
        self.assertBearerChallenge(self.srv.get_manifest(repo, "latest"), "repository:%s:pull" % repo)
        self.assertBearerChallenge(self.srv.get("/v2/%s/blobs/%s" % (repo, digest_of(b"x"))),
                                   "repository:%s:pull" % repo)

    def test_push_challenge_names_scope(self):
        repo = self.repo("tok")
        self.assertBearerChallenge(self.srv.post("/v2/%s/blobs/uploads/" % repo), "repository:%s:push" % repo)
        self.assertBearerChallenge(self.srv.push_manifest(repo, "t", b"{}"), "repository:%s:push" % repo)

    def test_delete_challenge_names_scope(self):
        repo = self.repo("tok")
        self.assertBearerChallenge(self.srv.delete("/v2/%s/manifests/%s" % (repo, digest_of(b"m"))),
                                   "repository:%s:delete" % repo)

    def test_catalog_challenge(self):
        self.assertBearerChallenge(self.srv.get("/v2/_catalog"), "registry:catalog:*")

    def test_token_endpoint_issues_jwt(self):
        repo = self.repo("tok")
        before = int(time.time())
        r, tok = self.token(["repository:%s:pull,push" % repo], "alice")
        doc = r.json()
        self.assertIn("expires_in", doc, r)
        self.assertIsInstance(doc["expires_in"], int)
        self.assertGreater(doc["expires_in"], 0)
        self.assertIn("issued_at", doc, r)
        header, claims = jwt_claims(tok)
        self.assertEqual(header.get("alg"), "ES256", header)
        self.assertEqual(claims.get("iss"), ISSUER, claims)
        aud = claims.get("aud")
        self.assertIn(SERVICE, aud if isinstance(aud, list) else [aud], claims)
        self.assertEqual(claims.get("sub"), "alice", claims)
        self.assertGreater(claims.get("exp", 0), before, claims)
        self.assertLessEqual(claims.get("exp", 0), before + 300 + 60, claims)
        self.assertEqual(self.access_of(tok).get(("repository", repo)), {"pull", "push"}, claims)
        if "access_token" in doc and "token" in doc:
            self.assertEqual(doc["access_token"], doc["token"])

    def test_token_flow_push_and_pull(self):
        repo = self.repo("tok")
        _, tok = self.token(["repository:%s:pull,push" % repo], "alice")
        img = self.bearer(tok).push_image(repo, tag="v1")
        _, pull_tok = self.token(["repository:%s:pull" % repo], "bob")
        bob = self.bearer(pull_tok)
        r = bob.get_manifest(repo, "v1")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, img.manifest)
        self.assertBlob(repo, img.layers[0], srv=bob)
        self.assertEqual(bob.get("/v2/").status, 200)

    def test_token_wrong_password_is_401(self):
        r, _ = self.token(["repository:x:pull"], "alice", password="wrong", expect=None)
        self.assertEqual(r.status, 401, r)
        r = self.srv.get("/token?service=%s&scope=repository:x:pull" % SERVICE,
                         headers={"Authorization": basic_auth("mallory", "pw")})
        self.assertEqual(r.status, 401, r)

    def test_insufficient_scope_is_401_again(self):
        repo = self.repo("tok")
        _, push_tok = self.token(["repository:%s:pull,push" % repo], "alice")
        self.bearer(push_tok).push_image(repo, tag="v1")
        _, pull_tok = self.token(["repository:%s:pull" % repo], "alice")
        client = self.bearer(pull_tok)
        self.assertEqual(client.get_manifest(repo, "v1").status, 200)
        r = client.post("/v2/%s/blobs/uploads/" % repo)
        self.assertBearerChallenge(r, "repository:%s:push" % repo, error="insufficient_scope")
        r = client.delete("/v2/%s/manifests/v1" % repo)
        self.assertBearerChallenge(r, "repository:%s:delete" % repo, error="insufficient_scope")

    def test_token_for_other_repository_is_401(self):
        a, b = self.repo("tok-a"), self.repo("tok-b")
        _, tok_b = self.token(["repository:%s:pull,push" % b], "alice")
        self.bearer(tok_b).push_image(b, tag="v1")
        _, tok_a = self.token(["repository:%s:pull,push" % a], "alice")
        r = self.bearer(tok_a).get_manifest(b, "v1")
        self.assertBearerChallenge(r, "repository:%s:pull" % b)

    def test_rules_limit_granted_actions(self):
        repo = self.repo("tok")
        _, tok = self.token(["repository:%s:pull,push,delete" % repo], "bob")
        self.assertEqual(self.access_of(tok).get(("repository", repo), set()), {"pull"})
        r = self.bearer(tok).post("/v2/%s/blobs/uploads/" % repo)
        self.assertBearerChallenge(r, "repository:%s:push" % repo, error="insufficient_scope")

    def test_several_scopes(self):
        a, b = self.repo("tok-a"), self.repo("tok-b")
        _, tok = self.token(["repository:%s:pull" % a, "repository:%s:pull,push" % b], "alice")
        access = self.access_of(tok)
        self.assertEqual(access.get(("repository", a)), {"pull"})
        self.assertEqual(access.get(("repository", b)), {"pull", "push"})

    def test_anonymous_token_grants_nothing(self):
        repo = self.repo("tok")
        _, tok = self.token(["repository:%s:pull,push" % repo], "alice")
        self.bearer(tok).push_image(repo, tag="v1")
        r, anon = self.token(["repository:%s:pull" % repo], expect=None)
        if r.status == 200:
            doc = r.json()
            anon = doc.get("token") or doc.get("access_token")
            self.assertFalse(self.access_of(anon).get(("repository", repo)), r)
            r = self.bearer(anon).get_manifest(repo, "v1")
            self.assertBearerChallenge(r, "repository:%s:pull" % repo)
        else:
            self.assertEqual(r.status, 401, r)

    def test_garbage_tokens_are_401(self):
        repo = self.repo("tok")
        for tok in ("garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9."):
            r = self.bearer(tok).get("/v2/%s/tags/list" % repo)
            self.assertBearerChallenge(r)

    def test_tampered_token_is_401(self):
        repo = self.repo("tok")
        _, tok = self.token(["repository:%s:pull" % repo], "bob")
        header, payload, sig = tok.split(".")
        claims = json.loads(b64url_decode(payload))
        for entry in claims.get("access") or []:
            entry["actions"] = ["pull", "push"]
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
        r = self.bearer(".".join([header, forged, sig])).post("/v2/%s/blobs/uploads/" % repo)
        self.assertBearerChallenge(r)
        # alg=none with the same claims
        none_header = base64.urlsafe_b64encode(b'{"typ":"JWT","alg":"none"}').decode().rstrip("=")
        r = self.bearer(".".join([none_header, forged, ""])).post("/v2/%s/blobs/uploads/" % repo)
        self.assertBearerChallenge(r)

    def test_basic_credentials_do_not_replace_tokens(self):
        # In token mode the registry endpoints take Bearer tokens only
        # (Distribution's token authenticator).
        repo = self.repo("tok")
        r = self.srv.get("/v2/%s/tags/list" % repo, headers={"Authorization": basic_auth("alice", USERS["alice"])})
        self.assertBearerChallenge(r)

    def test_key_file_generated(self):
        key = os.path.join(self.srv.workdir, "token.key")
        self.assertTrue(os.path.exists(key), "token key was not generated")
        self.assertEqual(os.stat(key).st_mode & 0o777, 0o600)
        with open(key) as f:
            self.assertIn("PRIVATE KEY", f.read())

    def test_tokens_survive_restart(self):
        repo = self.repo("tok")
        _, tok = self.token(["repository:%s:pull,push" % repo], "alice")
        self.bearer(tok).push_image(repo, tag="v1")
        # same key file, new process: the token still verifies. (The realm
        # names the port, so restart on the same port.)
        port = self.srv.port
        self.srv.stop()
        self.srv.start(port=port)
        r = self.bearer(tok).get_manifest(repo, "v1")
        self.assertEqual(r.status, 200, r)


class TestTokenAnonymousPull(TokenBase):
    ANONYMOUS_PULL = True

    def test_anonymous_token_pulls(self):
        repo = self.repo("tokanon")
        _, tok = self.token(["repository:%s:pull,push" % repo], "alice")
        img = self.bearer(tok).push_image(repo, tag="v1")
        r, anon = self.token(["repository:%s:pull,push" % repo])
        self.assertEqual(self.access_of(anon).get(("repository", repo)), {"pull"}, r)
        client = self.bearer(anon)
        r = client.get_manifest(repo, "v1")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.body, img.manifest)
        r = client.post("/v2/%s/blobs/uploads/" % repo)
        self.assertBearerChallenge(r, "repository:%s:push" % repo, error="insufficient_scope")

    def test_anonymous_push_challenged(self):
        repo = self.repo("tokanon")
        r = self.srv.post("/v2/%s/blobs/uploads/" % repo)
        self.assertBearerChallenge(r, "repository:%s:push" % repo)


if __name__ == "__main__":
    unittest.main()
