"""Seeds a registry with REPOS repositories of TAGS tags each (one small
image per repository, its config labelled with a description; tags are
more PUTs of that manifest) through the Distribution API, then measures
search and _catalog latency over keep-alive connections on loopback.

  search_bench.py seed HOST:PORT REPOS TAGS
  search_bench.py measure HOST:PORT REQUESTS   (prints JSON)
  search_bench.py catalog HOST:PORT PAGE_SIZE  (prints JSON)
"""

import hashlib
import http.client
import json
import random
import sys
import threading
import time

WORDS = ["alpha", "beta", "cache", "data", "edge", "front", "gate", "hub", "index", "job", "kube", "log",
         "mesh", "node", "ops", "proxy", "queue", "relay", "store", "tool", "util", "vault", "web", "xray"]


def name_of(i):
    return "%s/%s-%s-%05d" % (WORDS[i % 7], WORDS[i % len(WORDS)], WORDS[(i // 3) % len(WORDS)], i)


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Conn:
    def __init__(self, addr):
        host, port = addr.rsplit(":", 1)
        self.c = http.client.HTTPConnection(host, int(port), timeout=60)

    def call(self, method, path, body=None, headers=None):
        self.c.request(method, path, body=body, headers=headers or {})
        r = self.c.getresponse()
        data = r.read()
        return r.status, dict(r.getheaders()), data


def seed_range(addr, first, last, tags, errors):
    conn = Conn(addr)
    layer = b"layer of the search benchmark\n" * 4
    for i in range(first, last):
        repo = name_of(i)
        config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []},
                             "config": {"Labels": {"org.opencontainers.image.description":
                                                   "The %s service, number %d" % (WORDS[i % len(WORDS)], i)}}}).encode()
        for blob in (config, layer):
            status, headers, _ = conn.call("POST", "/v2/%s/blobs/uploads/?digest=%s" % (repo, digest(blob)), blob,
                                           {"Content-Type": "application/octet-stream"})
            if status == 202:
                # Distribution ignores a monolithic POST's body: the session's PUT then.
                location = headers.get("Location") or headers.get("location")
                if location.startswith("http"):
                    location = "/" + location.split("/", 3)[3]
                status, _, _ = conn.call("PUT", location + ("&" if "?" in location else "?") + "digest=" + digest(blob),
                                         blob, {"Content-Type": "application/octet-stream"})
            if status != 201:
                errors.append("blob %s: %d" % (repo, status))
                return
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                               "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                          "digest": digest(config), "size": len(config)},
                               "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar",
                                           "digest": digest(layer), "size": len(layer)}]}).encode()
        for t in range(tags):
            status, _, _ = conn.call("PUT", "/v2/%s/manifests/v%d.%d" % (repo, t // 10, t % 10), manifest,
                                     {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
            if status != 201:
                errors.append("manifest %s: %d" % (repo, status))
                return


def seed(addr, repos, tags, threads=8):
    errors = []
    step = (repos + threads - 1) // threads
    workers = [threading.Thread(target=seed_range, args=(addr, k * step, min(repos, (k + 1) * step), tags, errors))
               for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        sys.exit("seeding failed: %s" % errors[:5])


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def measure(addr, requests):
    conn = Conn(addr)
    queries = ["web", "cache store", "front-gate", "service 12", "kube", "xray relay", "nothingmatches", "alpha/",
               "data", "v1"]
    rng = random.Random(7)
    out = {}
    for path in ("/v1/search?n=25&q=", "/v2/_muelle/search?n=25&q="):
        times = []
        for _ in range(requests):
            q = rng.choice(queries)
            t0 = time.perf_counter()
            status, _, _ = conn.call("GET", path + q.replace(" ", "%20"))
            times.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                sys.exit("search %s: %d" % (q, status))
        out[path.split("?")[0]] = {"p50_ms": percentile(times, 0.50), "p99_ms": percentile(times, 0.99)}
    print(json.dumps(out))


def catalog(addr, page_size):
    conn = Conn(addr)
    path, pages, seen, times = "/v2/_catalog?n=%d" % page_size, 0, 0, []
    t_all = time.perf_counter()
    while path:
        t0 = time.perf_counter()
        status, headers, body = conn.call("GET", path)
        times.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            sys.exit("catalog: %d %s" % (status, body[:200]))
        seen += len(json.loads(body)["repositories"])
        pages += 1
        link = headers.get("Link") or headers.get("link")
        path = link.split(";")[0].strip("<> ") if link else None
        if path and path.startswith("http"):
            path = "/" + path.split("/", 3)[3]
    print(json.dumps({"repositories": seen, "pages": pages, "walk_s": time.perf_counter() - t_all,
                      "page_p50_ms": percentile(times, 0.5), "page_p99_ms": percentile(times, 0.99)}))


if __name__ == "__main__":
    command, addr = sys.argv[1], sys.argv[2]
    if command == "seed":
        seed(addr, int(sys.argv[3]), int(sys.argv[4]))
    elif command == "measure":
        measure(addr, int(sys.argv[3]))
    elif command == "catalog":
        catalog(addr, int(sys.argv[3]))
