"""Pulls that overlap or are abandoned, and the event stream.

* A client that goes away in the middle of a pull (its connection closed
  after a few progress lines): muelled cancels the pull. The registry sees
  its connection closed within a few seconds and no further request for the
  layer; content/ingest and snapshots/tmp are emptied; no image is recorded;
  muelled keeps answering, and a later pull of the same image completes.
  When one of two clients pulling the same image leaves, the other's pull
  still completes.

* Two pulls of the same image at once, on two connections, from a slow
  registry (so that they overlap): both end with a "Status:" line, one image
  is recorded, every blob hashes to its name, there is one snapshot per
  chain ID and nothing is left in content/ingest or snapshots/tmp.

* Two pulls at once of two images sharing their first layer: the shared
  snapshot exists once; deleting the first image keeps what the second
  uses, deleting the second then removes every blob and snapshot of both.

* GET /events (type=image, no since/until) streams the tag and untag done on
  another connection as they happen; closing it leaves muelled serving.
"""

import json
import os
import socket
import threading
import time
import unittest
import urllib.parse

import engine_harness as h
from engine_harness import Behaviour, Layer, Slow, dir_entry, file_entry, short

BIG = 32 * 1024 * 1024
CRAWL = dict(chunk=128 * 1024, delay=0.04)        # ~3 MiB/s: 32 MiB would take ~10 s
STEADY = dict(chunk=512 * 1024, delay=0.02)       # ~25 MiB/s
OVERLAP = dict(chunk=32 * 1024, delay=0.02)       # ~1.5 MiB/s: concurrent pulls overlap
CANCEL_WAIT = 5    # seconds: the registry sees the transfer stop, the store is cleaned
EVENT_WAIT = 1.0   # seconds an event may take to reach a subscriber


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)


class Watched(Behaviour):
    """Slow, remembering how each transfer ended: "complete", or "closed"
    (a write failed: the client went away) with the time and bytes sent."""

    def __init__(self, chunk, delay):
        self.chunk = chunk
        self.delay = delay
        self.lock = threading.Lock()
        self.transfers = []   # dicts: started, sent, ended, how

    def serve(self, handler, body, content_type, digest):
        transfer = {"started": time.monotonic(), "sent": 0, "ended": None, "how": None}
        with self.lock:
            self.transfers.append(transfer)
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        if digest:
            handler.send_header("Docker-Content-Digest", digest)
        handler.end_headers()
        stop = handler.registry.stopping
        how = "complete"
        try:
            for at in range(0, len(body), self.chunk):
                if stop.is_set():
                    how = "registry stopped"
                    break
                handler.wfile.write(body[at:at + self.chunk])
                handler.wfile.flush()
                transfer["sent"] = min(at + self.chunk, len(body))
                stop.wait(self.delay)
        except OSError:
            how = "closed"
        with self.lock:
            transfer["ended"] = time.monotonic()
            transfer["how"] = how
        handler.close_connection = True

    def snapshot(self):
        with self.lock:
            return [dict(t) for t in self.transfers]


class Streaming:
    """A request whose answer is read line by line as it comes, on its own
    connection to muelled's socket; close() drops the connection."""

    def __init__(self, engine, method, path, timeout=10):
        self.conn = h.UnixHTTPConnection(engine.sock, timeout=timeout)
        self.conn.request(method, path)
        self.response = self.conn.getresponse()
        self.status = self.response.status

    def readline(self, timeout):
        """The next non-empty line (bytes, stripped); socket.timeout when
        none comes in `timeout` seconds; b"" at the end of the body."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("no line within %.1fs" % timeout)
            self.conn.sock.settimeout(left)
            line = self.response.readline()
            if not line:
                return b""
            if line.strip():
                return line.strip()

    def close(self):
        """As a client that goes away: the socket is closed, not drained."""
        sock = self.conn.sock
        self.response.close()
        self.conn.close()
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass


def quote(**params):
    return urllib.parse.urlencode(params)


class ClientGoesAway(h.EngineTestCase):

    def test_closing_the_connection_cancels_the_pull(self):
        big = Layer.of([file_entry("big.bin", os.urandom(BIG))], level=0)
        image = self.serve("conc/away", [big])
        watched = Watched(**CRAWL)
        self.registry.behave(big.digest, watched)
        ref = self.registry.ref("conc/away")

        stream = Streaming(self.engine, "POST", "/images/create?" + quote(fromImage=ref, tag="latest"))
        self.assertEqual(stream.status, 200)
        seen = []
        downloading = 0
        while downloading < 2:
            line = stream.readline(15)
            self.assertTrue(line, "the pull stream ended early: %r" % seen)
            value = json.loads(line)
            seen.append((value.get("id"), value.get("status")))
            self.assertNotIn("error", value, seen)
            if value.get("id") == short(big.digest) and value.get("status") == "Downloading":
                downloading += 1
        self.assertTrue(wait_for(lambda: self.engine.ingest_files(), 5), "no partial blob in content/ingest")
        gets_before = self.registry.blob_gets(big.digest)
        closed_at = time.monotonic()
        stream.close()

        # the registry's transfer is cut short
        ended = wait_for(lambda: all(t["how"] for t in watched.snapshot()), CANCEL_WAIT)
        transfers = watched.snapshot()
        self.assertTrue(ended, "%.1fs after the client left, the layer is still being sent: %r"
                        % (time.monotonic() - closed_at, transfers))
        self.assertEqual([t["how"] for t in transfers], ["closed"] * len(transfers), transfers)
        stopped_after = max(t["ended"] for t in transfers) - closed_at
        sent = max(t["sent"] for t in transfers)
        self.assertLess(sent, big.size, transfers)
        # the store is cleaned up
        clean = wait_for(lambda: not self.engine.ingest_files() and not self.engine.snapshot_tmp_entries(),
                         CANCEL_WAIT)
        self.assertTrue(clean, "%ds after the client left: content/ingest %s, snapshots/tmp %s"
                        % (CANCEL_WAIT, self.engine.ingest_files(), self.engine.snapshot_tmp_entries()))
        # and stays so: no retry, no new request for the layer
        time.sleep(1.0)
        self.assertEqual(self.registry.blob_gets(big.digest), gets_before, "the layer was asked for again")
        self.assertEqual(self.engine.ingest_files(), [])
        self.assertNoImage()
        self.assertFalse(self.engine.has_blob(big.digest), "a blob only partly received was kept")
        self.assertFalse(self.engine.has_snapshot(image.chain_ids[0]))
        self.assertIn("failed: pull cancelled", self.engine.log(), "muelled's log does not say the pull was cancelled")
        r = self.engine.request("GET", "/_ping", timeout=5)
        self.assertEqual((r.status, r.body), (200, b"OK"))
        print("\nnote: the registry's transfer ended %.2fs after the client left, %d of %d bytes sent"
              % (stopped_after, sent, big.size))

        # a later pull of the same image completes
        self.registry.behave(big.digest, Slow(**STEADY))
        result = self.pull("conc/away")
        self.assertPullOk(result)
        r = self.engine.inspect(ref)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["Id"], image.id)
        self.assertEqual(r.json()["RootFS"], {"Type": "layers", "Layers": image.diff_ids})
        self.assertTrue(self.engine.has_snapshot(image.chain_ids[0]))
        self.assertEqual(os.path.getsize(os.path.join(self.engine.snapshot(image.chain_ids[0]), "big.bin")), BIG)
        self.assertStoreConsistent()


    def test_one_of_two_pulls_of_an_image_goes_away(self):
        """Two clients pull the same image; one leaves half way. Its pull is
        cancelled, the other's completes."""
        big = Layer.of([file_entry("big.bin", os.urandom(8 * 1024 * 1024))], level=0)
        image = self.serve("conc/half", [big])
        watched = Watched(**CRAWL)
        self.registry.behave(big.digest, watched)
        ref = self.registry.ref("conc/half")
        staying = self.engine.pull_in_background(ref)
        leaving = Streaming(self.engine, "POST", "/images/create?" + quote(fromImage=ref, tag="latest"))
        while True:
            line = leaving.readline(15)
            self.assertTrue(line, "the pull stream ended early")
            if json.loads(line).get("status") == "Downloading":
                break
        self.assertTrue(wait_for(lambda: len(watched.snapshot()) == 2, 5), "the two pulls did not overlap")
        leaving.close()
        self.assertTrue(wait_for(lambda: any(t["how"] == "closed" for t in watched.snapshot()), CANCEL_WAIT),
                        "the leaving client's transfer was not cut short: %r" % watched.snapshot())
        thread, box = staying
        thread.join(60)
        self.assertFalse(thread.is_alive(), "the remaining pull did not end")
        self.assertIn("result", box, box)
        self.assertPullOk(box["result"])
        # (the registry notes the end after its last chunk's delay)
        wait_for(lambda: all(t["how"] for t in watched.snapshot()), 2)
        self.assertEqual(sorted(str(t["how"]) for t in watched.snapshot()), ["closed", "complete"],
                         watched.snapshot())
        r = self.engine.inspect(ref)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["RootFS"], {"Type": "layers", "Layers": image.diff_ids})
        self.assertEqual(len(self.engine.images()), 1)
        self.assertEqual(self.engine.snapshot_names(), [h.hex_of(image.chain_ids[0])])
        self.assertStoreConsistent()


class ConcurrentPulls(h.EngineTestCase):

    def pull_together(self, *repos):
        """Pulls `repos` at once, each on its own connection; returns the
        results and each pull's (start, end) times."""
        barrier = threading.Barrier(len(repos))
        results = [None] * len(repos)
        spans = [None] * len(repos)

        def run(i, repo):
            barrier.wait()
            started = time.monotonic()
            try:
                results[i] = self.pull(repo, timeout=60)
            except Exception as e:
                results[i] = e
            spans[i] = (started, time.monotonic())

        threads = [threading.Thread(target=run, args=(i, repo), daemon=True) for i, repo in enumerate(repos)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)
        self.assertFalse(any(t.is_alive() for t in threads), "a pull did not end")
        for result in results:
            self.assertIsInstance(result, h.PullResult, result)
        # they overlapped: each began before the other ended
        for i, (start, _) in enumerate(spans):
            for j, (_, end) in enumerate(spans):
                if i != j:
                    self.assertLess(start, end, "the pulls did not overlap: %r" % spans)
        return results

    def assertPulledWithStatus(self, result):
        self.assertPullOk(result)
        self.assertTrue(result.lines, result)
        last = result.lines[-1].get("status") or ""
        self.assertTrue(last.startswith("Status: "), "the stream must end with a Status: line: %r" % result)

    def assertImage(self, ref, image):
        r = self.engine.inspect(ref)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["Id"], image.id)
        self.assertEqual(r.json()["RootFS"], {"Type": "layers", "Layers": image.diff_ids})

    def all_blobs(self, image):
        return [l.digest for l in image.layers] + [image.config_digest, image.manifest_digest]

    def test_same_image_twice_at_once(self):
        layers = [Layer.of([dir_entry("l%d" % i), file_entry("l%d/data" % i, os.urandom(size))])
                  for i, size in enumerate((1536 * 1024, 1024 * 1024, 64 * 1024))]
        image = self.serve("conc/same", layers)
        for layer in layers:
            self.registry.behave(layer.digest, Slow(**OVERLAP))
        first, second = self.pull_together("conc/same", "conc/same")
        self.assertPulledWithStatus(first)
        self.assertPulledWithStatus(second)
        print("\nnote: registry GETs per layer with two pulls at once: %s"
              % [self.registry.blob_gets(l.digest) for l in layers])

        self.assertEqual(len(self.engine.images()), 1, self.engine.images())
        self.assertImage(self.registry.ref("conc/same"), image)
        self.assertStoreConsistent()
        self.assertEqual(self.engine.snapshot_names(), sorted(h.hex_of(c) for c in image.chain_ids))
        for digest in self.all_blobs(image):
            self.assertTrue(self.engine.has_blob(digest), digest)
        self.assertEqual(self.engine.bad_blobs(), [])

    def test_two_images_sharing_a_layer_at_once_then_deleted(self):
        shared = Layer.of([dir_entry("base"), file_entry("base/data", os.urandom(1536 * 1024))])
        own_a = Layer.of([file_entry("a.bin", os.urandom(768 * 1024))])
        own_b = Layer.of([file_entry("b.bin", os.urandom(768 * 1024))])
        image_a = self.serve("conc/first", [shared, own_a])
        image_b = self.serve("conc/second", [shared, own_b])
        self.assertEqual(image_a.chain_ids[0], image_b.chain_ids[0])
        for layer in (shared, own_a, own_b):
            self.registry.behave(layer.digest, Slow(**OVERLAP))
        ref_a, ref_b = self.registry.ref("conc/first"), self.registry.ref("conc/second")
        result_a, result_b = self.pull_together("conc/first", "conc/second")
        self.assertPulledWithStatus(result_a)
        self.assertPulledWithStatus(result_b)
        print("\nnote: registry GETs of the shared layer with two pulls at once: %d"
              % self.registry.blob_gets(shared.digest))

        self.assertEqual(len(self.engine.images()), 2, self.engine.images())
        self.assertImage(ref_a, image_a)
        self.assertImage(ref_b, image_b)
        self.assertStoreConsistent()
        chains = sorted({h.hex_of(c) for c in image_a.chain_ids + image_b.chain_ids})
        self.assertEqual(len(chains), 3)
        self.assertEqual(self.engine.snapshot_names(), chains, "one snapshot per chain ID, the shared one once")
        for digest in self.all_blobs(image_a) + self.all_blobs(image_b):
            self.assertTrue(self.engine.has_blob(digest), digest)

        # the first goes: what the second uses stays
        r = self.engine.request("DELETE", "/images/%s" % ref_a)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.engine.inspect(ref_a).status, 404)
        self.assertImage(ref_b, image_b)
        self.assertTrue(self.engine.has_snapshot(image_b.chain_ids[0]), "the shared snapshot was removed")
        self.assertTrue(self.engine.has_blob(shared.digest), "the shared blob was removed")
        for chain_id in image_b.chain_ids:
            self.assertTrue(self.engine.has_snapshot(chain_id), chain_id)
        for digest in self.all_blobs(image_b):
            self.assertTrue(self.engine.has_blob(digest), digest)
        # what only the first used is gone
        self.assertFalse(self.engine.has_snapshot(image_a.chain_ids[1]), "the first image's own snapshot stayed")
        for digest in (own_a.digest, image_a.config_digest, image_a.manifest_digest):
            self.assertFalse(self.engine.has_blob(digest), "the first image's blob %s stayed" % digest)
        self.assertStoreConsistent()

        # then the second: nothing of either is left
        r = self.engine.request("DELETE", "/images/%s" % ref_b)
        self.assertEqual(r.status, 200, r)
        self.assertNoImage()
        left_blobs = sorted(set(os.listdir(self.engine.blobs_dir))
                            & {h.hex_of(d) for d in self.all_blobs(image_a) + self.all_blobs(image_b)})
        self.assertEqual(left_blobs, [], "blobs left in content/blobs/sha256")
        self.assertEqual(sorted(set(self.engine.snapshot_names()) & set(chains)), [], "snapshots left")
        self.assertStoreConsistent()


class EventStream(h.EngineTestCase):

    def test_tag_and_untag_events_arrive_as_they_happen(self):
        layer = Layer.of([file_entry("hello", b"hello\n")])
        image = self.serve("conc/events", [layer])
        self.assertPullOk(self.pull("conc/events"))
        source = self.registry.ref("conc/events")
        target_repo = self.registry.ref("conc/events-copy")

        events = Streaming(self.engine, "GET", "/events?" + quote(filters=json.dumps({"type": ["image"]})))
        self.assertEqual(events.status, 200)
        try:
            def expect(action, then):
                done = time.monotonic()
                try:
                    line = events.readline(EVENT_WAIT)
                except socket.timeout:
                    self.fail("no %s event within %.1fs of %s" % (action, EVENT_WAIT, then))
                took = time.monotonic() - done
                self.assertTrue(line, "the event stream ended")
                event = json.loads(line)
                self.assertEqual((event.get("Type"), event.get("Action")), ("image", action), event)
                return event, took

            r = self.engine.request("POST", "/images/%s/tag?%s" % (source, quote(repo=target_repo, tag="v1")))
            self.assertEqual(r.status, 201, r)
            tagged, tag_took = expect("tag", "the tag")
            self.assertEqual(tagged["Actor"]["ID"], image.id)
            self.assertEqual(tagged["Actor"]["Attributes"].get("name"), target_repo + ":v1")

            r = self.engine.request("DELETE", "/images/%s:v1" % target_repo)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json(), [{"Untagged": target_repo + ":v1"}])
            untagged, untag_took = expect("untag", "the untag")
            self.assertEqual(untagged["Actor"]["ID"], image.id)
            print("\nnote: events arrived %.3fs (tag) and %.3fs (untag) after the request answered"
                  % (tag_took, untag_took))
        finally:
            events.close()

        # muelled keeps serving, events published after the subscriber left included
        for _ in range(2):
            r = self.engine.request("POST", "/images/%s/tag?%s" % (source, quote(repo=target_repo, tag="v2")),
                                    timeout=5)
            self.assertEqual(r.status, 201, r)
            r = self.engine.request("DELETE", "/images/%s:v2" % target_repo, timeout=5)
            self.assertEqual(r.status, 200, r)
        r = self.engine.request("GET", "/_ping", timeout=5)
        self.assertEqual((r.status, r.body), (200, b"OK"))
        self.assertEqual(len(self.engine.images()), 1)
        # and a new subscriber gets the next event
        again = Streaming(self.engine, "GET", "/events?" + quote(filters=json.dumps({"type": ["image"]})))
        try:
            r = self.engine.request("POST", "/images/%s/tag?%s" % (source, quote(repo=target_repo, tag="v3")),
                                    timeout=5)
            self.assertEqual(r.status, 201, r)
            event = json.loads(again.readline(EVENT_WAIT))
            self.assertEqual((event["Action"], event["Actor"]["Attributes"]["name"]), ("tag", target_repo + ":v3"))
        finally:
            again.close()
        self.assertTrue(self.engine.alive())


if __name__ == "__main__":
    unittest.main()
