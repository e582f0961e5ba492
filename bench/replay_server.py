#!/usr/bin/env python3
"""A replay server for the benchmark: serves pre-built response bodies from memory.

The sandbox computes every bar while it serves it, so a read against it measures the sandbox as
much as the connector. This server fetches the bodies once (from the sandbox, or any server that
speaks Polygon's API), keeps each whole response (status line, headers, body) as one bytes object,
and answers a request by writing that object: no computation per request beyond reading the
request's head. HTTP/1.1 keep-alive, Content-Length, 127.0.0.1 only; an unknown path is a 404
(and is printed on stderr, so a benchmark that asks for the wrong pages notices).

    python3 bench/replay_server.py serve --source http://127.0.0.1:8089 --key sandbox \\
        --urls URLS_FILE [--port 0] [--pages-out FILE]
        # URLS_FILE: one "TICKER URL" or "URL" per line, URLs on the source; next_url chains are
        # followed and the source's origin is replaced by this server's in every body. Prints
        # "listening on http://127.0.0.1:PORT (N pages, B bytes)" once the bodies are loaded.

    python3 bench/replay_server.py fetch --base http://127.0.0.1:PORT --pages FILE [--key KEY]
        # The floor: a plain HTTP loop (http.client, one keep-alive connection) that fetches every
        # page listed in FILE (paths, one a line) and discards the bytes.
"""
import argparse
import http.client
import http.server
import sys
import urllib.parse
import urllib.request


def load(source, key, urls, own_origin):
    """{path?query: whole response bytes} for every page the URLs and their next_url chains reach."""
    import json
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


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True  # the whole response is one write; nothing to coalesce
    responses = {}
    not_found = b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

    def do_GET(self):
        response = self.responses.get(self.path)
        if response is None:
            print("replay_server: no page for " + self.path, file=sys.stderr, flush=True)
            response = self.not_found
        self.wfile.write(response)

    def log_message(self, *args):
        pass


def loopback_only(url):
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        sys.exit(f"replay_server: {url} is not on 127.0.0.1; this tool talks to loopback only")


def serve(options):
    loopback_only(options.source)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    with open(options.urls) as f:
        urls = [line.split()[-1] for line in f if line.strip()]
    for url in urls:
        loopback_only(url)
    Handler.responses, order = load(options.source, options.key, urls, origin)
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
    f = commands.add_parser("fetch")
    f.add_argument("--base", required=True)
    f.add_argument("--pages", required=True)
    f.add_argument("--key", default="sandbox")
    options = parser.parse_args()
    serve(options) if options.command == "serve" else fetch(options)


if __name__ == "__main__":
    main()
