#!/usr/bin/env python3
"""A replay server for the benchmark: serves pre-built response bodies from memory.

The sandbox computes every bar while it serves it, so a read against it measures the sandbox as
much as the connector. This server fetches the bodies once (from the sandbox, or any server that
speaks Polygon's API), keeps each whole response (status line, headers, body) as one bytes object,
and answers a request by writing that object: no computation per request beyond reading the
request's head. HTTP/1.1 keep-alive, Content-Length, 127.0.0.1 only; an unknown path is a 404
(and is printed on stderr, so a benchmark that asks for the wrong pages notices). One thread per
connection (ThreadingHTTPServer), so requests on different connections are served concurrently.

    python3 bench/replay_server.py serve --source http://127.0.0.1:8089 --key sandbox \\
        --urls URLS_FILE [--port 0] [--pages-out FILE] [--delay-ms 0]
        # URLS_FILE: one "TICKER URL" or "URL" per line, URLs on the source; next_url chains are
        # followed and the source's origin is replaced by this server's in every body. Prints
        # "listening on http://127.0.0.1:PORT (N pages, B bytes)" once the bodies are loaded.
        # --delay-ms: answer each request that long after its head was read, waiting in
        # time.sleep (no CPU used), so requests on different connections wait side by side: a
        # server with that much latency per request and unlimited parallelism.
        # GET /_bench/stats answers (at once, not delayed, not counted) with JSON counters since
        # the previous /_bench/stats: requests, connections whose first request came in that
        # time, the most requests in flight
        # at once (head read, answer not yet started) and the mean and max time a request was
        # held; then resets them.

    python3 bench/replay_server.py fetch --base http://127.0.0.1:PORT --pages FILE [--key KEY]
        # The floor: a plain HTTP loop (http.client, one keep-alive connection) that fetches every
        # page listed in FILE (paths, one a line) and discards the bytes.
"""
import argparse
import http.client
import http.server
import json
import sys
import threading
import time
import urllib.parse
import urllib.request


def load(source, key, urls, own_origin):
    """{path?query: whole response bytes} for every page the URLs and their next_url chains reach."""
    responses, order = {}, []
    source_origin = source.rstrip("/").encode()
    for url in urls:
        while url:
            request = urllib.request.Request(url, headers={"Authorization": "Bearer " + key})
            with urllib.request.urlopen(request) as response:
                body = response.read()
            parsed = urllib.parse.urlsplit(url)
            path = parsed.path + ("?" + parsed.query if parsed.query else "")
            if path not in responses:
                order.append(path)
            next_url = json.loads(body).get("next_url")
            body = body.replace(source_origin, own_origin.encode())
            head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode()
            responses[path] = head + body
            url = next_url
    return responses, order


class Stats:
    """Counters since the last /_bench/stats, shared by the connection threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.requests = self.connections = self.in_flight = self.max_in_flight = 0
        self.held_total = self.held_max = 0.0

    def snapshot_and_reset(self):
        with self.lock:
            snapshot = {"requests": self.requests, "connections": self.connections,
                        "max_in_flight": self.max_in_flight,
                        "mean_held_ms": 1000 * self.held_total / self.requests if self.requests else 0.0,
                        "max_held_ms": 1000 * self.held_max}
            in_flight = self.in_flight
            self.reset()
            self.in_flight = in_flight  # requests still held stay counted
        return snapshot


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True  # the whole response is one write; nothing to coalesce
    responses = {}
    delay = 0.0  # seconds each request is held before it is answered
    stats = Stats()
    not_found = b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

    def do_GET(self):
        if self.path == "/_bench/stats":
            body = json.dumps(self.stats.snapshot_and_reset()).encode()
            self.wfile.write(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            return
        received = time.perf_counter()
        stats = self.stats
        with stats.lock:
            if not getattr(self, "counted", False):  # one handler per connection
                self.counted = True
                stats.connections += 1  # connections that carried a request (not only stats)
            stats.requests += 1
            stats.in_flight += 1
            stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        try:
            response = self.responses.get(self.path)
            if response is None:
                print("replay_server: no page for " + self.path, file=sys.stderr, flush=True)
                response = self.not_found
            if self.delay:
                time.sleep(self.delay)  # the latency: a wait, not work, so waits overlap
        finally:
            # Counted out before the answer is written: the client can only send its next request
            # after it has this answer, so "in flight" never counts a request the client already
            # considers answered.
            held = time.perf_counter() - received
            with stats.lock:
                stats.in_flight -= 1
                stats.held_total += held
                stats.held_max = max(stats.held_max, held)
        self.wfile.write(response)

    def log_message(self, *args):
        pass


def loopback_only(url):
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        sys.exit(f"replay_server: {url} is not on 127.0.0.1; this tool talks to loopback only")


class Server(http.server.ThreadingHTTPServer):
    # socketserver's default listen backlog of 5 can drop a burst of connects (a client opening
    # 16 connections at once), and a dropped SYN is retried only after a second.
    request_queue_size = 128


def serve(options):
    loopback_only(options.source)
    server = Server(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    with open(options.urls) as f:
        urls = [line.split()[-1] for line in f if line.strip()]
    for url in urls:
        loopback_only(url)
    Handler.responses, order = load(options.source, options.key, urls, origin)
    Handler.delay = options.delay_ms / 1000
    if options.pages_out:
        with open(options.pages_out, "w") as f:
            f.writelines(path + "\n" for path in order)
    size = sum(len(r) for r in Handler.responses.values())
    print(f"listening on {origin} ({len(order)} pages, {size} bytes)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def fetch(options):
    loopback_only(options.base)
    base = urllib.parse.urlsplit(options.base)
    connection = http.client.HTTPConnection(base.hostname, base.port)
    headers = {"Authorization": "Bearer " + options.key}
    buffer = memoryview(bytearray(1 << 20))
    total = 0
    with open(options.pages) as f:
        for path in (line.strip() for line in f):
            if not path:
                continue
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            if response.status != 200:
                sys.exit(f"HTTP {response.status} for {path}")
            while True:
                read = response.readinto(buffer)
                if not read:
                    break
                total += read
    connection.close()
    print(total)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("serve")
    s.add_argument("--source", required=True, help="base URL the bodies are fetched from once")
    s.add_argument("--key", default="sandbox")
    s.add_argument("--urls", required=True)
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--pages-out", help="write the paths of the pages served here, one a line")
    s.add_argument("--delay-ms", type=float, default=0,
                   help="hold each request this long before answering it (a sleep, not work)")
    f = commands.add_parser("fetch")
    f.add_argument("--base", required=True)
    f.add_argument("--pages", required=True)
    f.add_argument("--key", default="sandbox")
    options = parser.parse_args()
    serve(options) if options.command == "serve" else fetch(options)


if __name__ == "__main__":
    main()
