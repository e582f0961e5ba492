#!/usr/bin/env python3
"""Benchmark of source-stock-ticker-api against the local sandbox. One command:

    python3 bench/bench.py            # about 7 minutes on a quiet 2-core machine
    python3 bench/bench.py --only-replay   # only the two floors and the replay section (~1.5 min)
    python3 bench/bench.py --only-intraday # only the intraday section (~40 s)
    python3 bench/bench.py --only-latency  # only the latency section (~4 min)
    python3 bench/bench.py --only-before-after --before-jar /tmp/before/target/source-stock-ticker-api.jar

Starts the sandbox with a universe of generated tickers, then measures
  - requests per plan for the scale targets (500 tickers x 1 new day, 500 x 2 years, 1 x 20 years,
    500 x 20 trading days);
  - read throughput against the sandbox, against the sandbox floor it measures itself (curl
    fetching the very same responses from the sandbox, bytes discarded; the sandbox computes the
    bars as it serves them, so this floor includes the sandbox's own work) and against the
    tutorial's Python read loop over the same pages;
  - peak RSS of a ~1,000,000-record read and of a ~10,000-record read;
  - start-up (median wall time) of spec, check and discover, without and with the AppCDS archive,
    and the tutorial's Python spec;
  - the replay section: the same ~1,000,000-record read against bench/replay_server.py, which
    serves the sandbox's very responses from memory with no work per request, with each page
    reader (PageParser, and JacksonPageReader through the MEASURE ONLY switch
    -Dstockticker.pageReader=jackson) and in two JVM modes (the image's flags with AppCDS, and a
    plain `java -jar` without any flag), wall time, CPU time and peak RSS, interleaved with the
    replay floor (a plain Python http.client loop fetching the same pages from it, bytes
    discarded);
  - the intraday section: a full refresh of intraday_prices, 1-minute bars of 40 tickers (38
    generated stocks, X:BTCUSD and C:EURUSD, whose chains run over several 50,000-bar pages) over
    a fixed 3 months in the past, against bench/replay_server.py (the sandbox's pages, next_url
    ones included, fetched once); in the same run and interleaved with it, the replay section's
    ~1,000,000-record daily read (full refresh), a ~10,000-record intraday read (one ticker, 17
    trading days) and the replay floors of both big reads: records per second (the target: the
    intraday read's at least the daily read's), wall and CPU time, peak RSS (the target: the
    intraday read's within 1.25x of the small one's) and each read's time over its floor;
  - with --before-jar JAR (another build, e.g. of an older commit in a `git worktree`), the
    before/after section: the replay section's daily read (full refresh) with that jar and with
    this checkout's, each with the image's flags and an AppCDS archive of its own, alternating, 11
    repeats: wall time, CPU time, peak RSS, after / before per repeat, and whether both jars emit
    the same RECORDs (emitted_at stripped);
  - the latency section: a full refresh of 400 tickers, one request each (per_ticker, a week's
    bars), against bench/replay_server.py answering every request 100 ms after it came (a sleep,
    so requests on different connections wait side by side) with max_concurrent_requests N = 1,
    2, 4, 8, 16, interleaved; wall time against the target 1.3 x (400 x 0.1 s / N) + start-up
    (start-up: the same read of 1 ticker against a copy of the server without the delay), the
    most requests the server held at once (never more than N) and whether the output (RECORDs
    and STATEs, emitted_at stripped) is the same as with N = 1.
Every connector run but the replay section's plain ones uses the image's JVM flags (read from the
Dockerfile); all but the "plain JVM" start-up runs also use an AppCDS archive made as the
Dockerfile makes it (a `check` against a closed port). Prints tables and writes
bench/results/latest.json. Absolute times on shared machines are noise: read the ratios, which are
measured within one run from interleaved repeats.
"""
import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "source-stock-ticker-api.jar")
REPLAY = os.path.join(ROOT, "bench", "replay_server.py")
KEY = "sandbox"
# The page readers the replay section compares, and the system property that picks each (the
# MEASURE ONLY switch, in PolygonClient then; a jar without it reads every page with PageParser, so
# the Jackson runs are left out then: see readers_in_jar).
READERS = {"PageParser": [], "Jackson": ["-Dstockticker.pageReader=jackson"]}
SWITCH = b"stockticker.pageReader"


def image_jvm_flags():
    """The ENTRYPOINT's JVM flags from the Dockerfile, less its CDS archive (we make our own)."""
    with open(os.path.join(ROOT, "Dockerfile")) as dockerfile:
        line = next(l for l in dockerfile if l.startswith("ENTRYPOINT"))
    args = json.loads(line[len("ENTRYPOINT"):])
    flags = args[1:args.index("-jar")]
    return [f for f in flags if not f.startswith("-XX:SharedArchiveFile") and f != "-Xshare:auto"]


def start_sandbox(universe):
    proc = subprocess.Popen(["java", "-cp", JAR, "dev.stockticker.sandbox.SandboxServer", "--port", "0",
                             "--universe", str(universe), "--api-key", KEY],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.search(r"listening on (\S+)", line)
    if not match:
        proc.kill()
        sys.exit("sandbox did not start: " + line)
    return proc, match.group(1)


def get_json(url):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + KEY})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def trading_days_before(base, today, count):
    """The last `count` trading days before today, newest first, as the sandbox has them."""
    days, day = [], today - dt.timedelta(days=1)
    while len(days) < count:
        grouped = get_json(f"{base}/v2/aggs/grouped/locale/us/market/stocks/{day}?adjusted=true")
        if grouped.get("resultsCount", 0) > 0:
            days.append(day)
        day -= dt.timedelta(days=1)
    return days


class Connector:
    def __init__(self, base, work, flags, jar=JAR):
        self.base, self.work, self.flags, self.jar = base, work, flags, jar
        self.output = os.path.join(work, "out.jsonl")

    def config(self, tickers, **extra):
        path = os.path.join(self.work, "config.json")
        with open(path, "w") as f:
            json.dump({"api_key": KEY, "stock_ticker": ", ".join(tickers), "base_url": self.base, **extra}, f)
        return path

    def read(self, tickers, state=None, jvm=None, catalog="incremental_configured_catalog.json", **extra):
        """Runs a read (with JVM arguments `jvm`, else this connector's flags); returns wall seconds,
        peak RSS in MB, records, requests, stdout bytes. stdout stays in self.output until the
        next read."""
        args = ["read", "--config", self.config(tickers, **extra), "--catalog", os.path.join(ROOT, catalog)]
        if state is not None:
            state_path = os.path.join(self.work, "state.json")
            with open(state_path, "w") as f:
                json.dump(state, f)
            args += ["--state", state_path]
        out_path = self.output
        wall, rss, cpu = timed(["java"] + (self.flags if jvm is None else jvm) + ["-jar", self.jar] + args, out_path)
        records, requests, last = 0, None, None
        with open(out_path, "rb") as out:
            for line in out:
                if line.startswith(b'{"type":"RECORD"'):
                    records += 1
                elif line.startswith(b'{"type":"LOG"'):
                    found = re.search(rb"Read (\d+) record\(s\) of \w+ in (\d+) request", line)
                    if found:
                        requests = int(found.group(2))
                elif b'"type":"ERROR"' in line:
                    sys.exit("connector failed: " + line.decode())
        return {"seconds": wall, "peak_rss_mb": rss, "cpu_seconds": cpu, "records": records, "requests": requests,
                "bytes": os.path.getsize(out_path)}


def timed(command, stdout_path=None):
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of one command, through GNU
    time. CPU time is what the command itself used: other load on the machine stretches it far
    less than wall time, so it is the steadier figure for comparing two runs on a busy machine."""
    rss_file = tempfile.mktemp()
    with open(stdout_path or os.devnull, "wb") as out:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file] + command, stdout=out, check=True)
        wall = time.perf_counter() - start
    with open(rss_file) as f:
        rss_kb, user, system = f.read().strip().splitlines()[-1].split()
    os.unlink(rss_file)
    return wall, int(rss_kb) / 1024, float(user) + float(system)


def median_seconds(command, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def readers_in_jar():
    """The readers the jar can be told to use: Jackson's only while one of the connector's classes
    (PolygonClient when the switch was written; the client has since been split into Transport and
    others) reads the switch's property."""
    import zipfile
    with zipfile.ZipFile(JAR) as jar:
        classes = [name for name in jar.namelist()
                   if name.startswith("dev/stockticker/") and name.endswith(".class")]
        switch = any(SWITCH in jar.read(name) for name in classes)
    if switch:
        return READERS
    print("the jar has no page-reader switch (the MEASURE ONLY commit): measuring PageParser only",
          file=sys.stderr)
    return {"PageParser": READERS["PageParser"]}


def start_replay(source, urls_file, pages_file, log_path, delay_ms=0):
    """Starts bench/replay_server.py, which fetches the pages once from `source`."""
    command = [sys.executable, REPLAY, "serve", "--source", source, "--key", KEY, "--urls", urls_file]
    command += ["--pages-out", pages_file] if pages_file else []
    command += ["--delay-ms", str(delay_ms)] if delay_ms else []
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline()
    match = re.search(r"listening on (\S+) \((\d+) pages, (\d+) bytes\)", line)
    if not match:
        proc.kill()
        sys.exit("replay server did not start: " + line)
    return proc, match.group(1), int(match.group(2)), int(match.group(3))


def replay(options, work, sandbox_base, urls, big, start20, last, image_flags):
    """The replay section: both page readers in both JVM modes and the replay floor, interleaved."""
    urls_file = os.path.join(work, "replay-urls.txt")
    with open(urls_file, "w") as f:
        f.writelines(f"{t} {u}\n" for t, u in urls)
    pages_file = os.path.join(work, "replay-pages.txt")
    log_path = os.path.join(work, "replay.log")
    server, base, pages, size = start_replay(sandbox_base, urls_file, pages_file, log_path)
    try:
        connector = Connector(base, work, image_flags)
        floor_cmd = [sys.executable, REPLAY, "fetch", "--base", base, "--pages", pages_file, "--key", KEY]
        modes = {"image": image_flags, "plain": []}
        readers = readers_in_jar()
        series = [("floor", None)] + [(reader, mode) for mode in modes for reader in readers]
        samples = {key: [] for key in series}
        timed(floor_cmd)  # the first fetch pays for the page cache and the server's first requests
        for repeat in range(options.replay_repeat):
            shift = repeat % len(series)  # each series takes every position in turn
            for key in series[shift:] + series[:shift]:
                if key[0] == "floor":
                    samples[key].append({"seconds": timed(floor_cmd)[0]})
                    continue
                reader, mode = key
                samples[key].append(connector.read(big, jvm=modes[mode] + readers[reader], start_date=start20,
                                                   end_date=str(last), request_strategy="per_ticker"))
        with open(log_path) as log:
            problems = log.read().strip()
    finally:
        server.kill()
    if problems:
        sys.exit("the replay server was asked for pages it does not have:\n" + problems)
    records = {r["records"] for key in series[1:] for r in samples[key]}
    if len(records) != 1:
        sys.exit(f"the replay reads did not all emit the same records: {sorted(records)}")

    def summary(runs, field):
        values = [r[field] for r in runs]
        median = statistics.median(values)
        return {"median": median, "min": min(values), "max": max(values),
                "spread": (max(values) - min(values)) / median, "all": values}

    result = {"records": records.pop(), "pages": pages, "bytes": size, "repeats": options.replay_repeat,
              "floor_python_seconds": summary(samples[("floor", None)], "seconds"), "readers": {}}
    for reader in readers:
        result["readers"][reader] = {mode: {"seconds": summary(samples[(reader, mode)], "seconds"),
                                            "cpu_seconds": summary(samples[(reader, mode)], "cpu_seconds"),
                                            "peak_rss_mb": summary(samples[(reader, mode)], "peak_rss_mb")}
                                     for mode in modes}
    # Jackson against PageParser: the ratio of medians, and the range of the ratios of the runs
    # made in the same repeat (neighbours in time, so the machine's other load shifts both alike).
    result["jackson_vs_parser"] = {}
    for mode in modes if "Jackson" in readers else ():
        pairs = [j["seconds"] / p["seconds"] for p, j in zip(samples[("PageParser", mode)], samples[("Jackson", mode)])]
        result["jackson_vs_parser"][mode] = {
            "ratio_of_medians": result["readers"]["Jackson"][mode]["seconds"]["median"]
                                / result["readers"]["PageParser"][mode]["seconds"]["median"],
            "per_repeat_min": min(pairs), "per_repeat_max": max(pairs), "per_repeat_median": statistics.median(pairs),
            "cpu_ratio_of_medians": result["readers"]["Jackson"][mode]["cpu_seconds"]["median"]
                                    / result["readers"]["PageParser"][mode]["cpu_seconds"]["median"]}
    return result


def output_digests(path):
    """SHA-256 of a read's RECORD and STATE messages in order (emitted_at stripped), and of its
    whole stdout with every emitted_at stripped."""
    import hashlib
    messages, whole = hashlib.sha256(), hashlib.sha256()
    with open(path, "rb") as out:
        for line in out:
            stripped = EMITTED_AT.sub(b"", line)
            whole.update(stripped)
            if line.startswith((b'{"type":"RECORD"', b'{"type":"STATE"')):
                messages.update(stripped)
    return messages.hexdigest(), whole.hexdigest()


EMITTED_AT = re.compile(rb'"emitted_at":\d+,?')


def latency(options, work, sandbox_base, today, flags):
    """The latency section: 400 tickers, one request each, against a server that answers every
    request 100 ms after it came, with N = 1, 2, 4, 8, 16 requests in flight at most."""
    tickers = [f"S{i:04d}" for i in range(1, options.latency_tickers + 1)]
    days = trading_days_before(sandbox_base, today, 5)  # a week of bars: small bodies
    start, end = str(days[-1]), str(days[0])
    urls_file = os.path.join(work, "latency-urls.txt")
    with open(urls_file, "w") as f:
        f.writelines(f"{t} {u}\n" for t, u in ticker_urls(sandbox_base, tickers, start, end))
    ns = sorted({int(n) for n in options.latency_n.split(",")} | {1})  # N = 1 is the reference
    delay = options.latency_ms / 1000
    servers, logs = [], []
    try:
        for delay_ms in (options.latency_ms, 0):
            logs.append(os.path.join(work, f"latency-{delay_ms}.log"))
            servers.append(start_replay(sandbox_base, urls_file, None, logs[-1], delay_ms))
        slow, fast = (Connector(server[1], work, flags) for server in servers)
        read = dict(catalog="fullrefresh_configured_catalog.json", request_strategy="per_ticker",
                    start_date=start, end_date=end)

        def run(connector, names, n):
            result = connector.read(names, max_concurrent_requests=n, **read)
            result["server"] = get_json(connector.base + "/_bench/stats")
            result["digest"], result["digest_whole"] = output_digests(connector.output)
            return result

        series = ([("delayed", n) for n in ns] + [("start-up", None)]
                  + [("no delay", n) for n in sorted({1, 8} & set(ns) or {ns[0]})])
        samples = {key: [] for key in series}
        # Untimed: the servers' and the page cache's first requests.
        run(slow, tickers, max(ns))
        run(fast, tickers[:1], 1)
        load_before = os.getloadavg()
        for repeat in range(options.latency_repeat):
            shift = repeat % len(series)
            for key in series[shift:] + series[:shift]:
                kind, n = key
                if kind == "delayed":
                    samples[key].append(run(slow, tickers, n))
                elif kind == "start-up":
                    samples[key].append(run(fast, tickers[:1], 1))
                else:
                    samples[key].append(run(fast, tickers, n))
            print(f"latency: repeat {repeat + 1} of {options.latency_repeat} done", file=sys.stderr, flush=True)
        load_after = os.getloadavg()
    finally:
        for server in servers:
            server[0].kill()
    problems = []
    for log_path in logs:
        with open(log_path) as log:
            text = log.read().strip()
        if text:
            problems.append("a latency server was asked for pages it does not have:\n" + text)

    def summary(runs, field):
        values = [r[field] for r in runs]
        return {"median": statistics.median(values), "min": min(values), "max": max(values), "all": values}

    startup = summary(samples[("start-up", None)], "seconds")
    reference = samples[("delayed", 1)][0]
    result = {"tickers": len(tickers), "delay_ms": options.latency_ms, "window": [start, end],
              "repeats": options.latency_repeat, "load_average_before": load_before,
              "load_average_after": load_after, "startup_seconds": startup,
              "records": reference["records"], "requests": reference["requests"], "runs": {}}
    for key in series:
        kind, n = key
        runs = samples[key]
        entry = {"n": n, "seconds": summary(runs, "seconds"), "cpu_seconds": summary(runs, "cpu_seconds"),
                 "peak_rss_mb": summary(runs, "peak_rss_mb"),
                 "server_max_in_flight": max(r["server"]["max_in_flight"] for r in runs),
                 "server_connections": max(r["server"]["connections"] for r in runs),
                 "server_mean_held_ms": statistics.median(r["server"]["mean_held_ms"] for r in runs),
                 "server_max_held_ms": max(r["server"]["max_held_ms"] for r in runs),
                 "requests": sorted({r["requests"] for r in runs}),
                 "server_requests": sorted({r["server"]["requests"] for r in runs})}
        if kind != "start-up":
            entry["same_output_as_n1"] = all(r["digest"] == reference["digest"] for r in runs)
            entry["same_whole_stdout_as_n1"] = all(r["digest_whole"] == reference["digest_whole"] for r in runs)
            if not entry["same_output_as_n1"]:
                problems.append(f"{kind}, N = {n}: RECORDs and STATEs differ from N = 1's")
        if n is not None and entry["server_max_in_flight"] > n:
            problems.append(f"{kind}, N = {n}: the server held {entry['server_max_in_flight']} requests at once")
        if kind == "delayed":
            ideal = len(tickers) * delay / n
            median = entry["seconds"]["median"]
            entry["ideal_seconds"] = ideal
            entry["target_seconds"] = 1.3 * ideal + startup["median"]
            entry["latency_ratio"] = (median - startup["median"]) / ideal  # target <= 1.3
            entry["met"] = median <= entry["target_seconds"]
            # Requests waiting at the server on average: the latency paid, over the time paid for it.
            entry["effective_concurrency"] = len(tickers) * delay / (median - startup["median"])
        result["runs"][f"{kind} N={n}" if n else kind] = entry
    result["problems"] = problems
    return result


# The intraday scenario: 1-minute bars of 40 tickers over a fixed 3-month window in the past, and a
# ~10,000-record read of one ticker for the memory target. Two of the 40 are the sandbox's crypto
# and forex built-ins: they trade around the clock, so their chains run over several 50,000-bar
# pages (the generated stocks' 3 months fit one page each), and the replay server has to serve
# next_url pages too.
INTRADAY_WINDOW = ("2025-03-03", "2025-05-30")  # March to May 2025: 63 NYSE trading days
INTRADAY_AROUND_THE_CLOCK = ["X:BTCUSD", "C:EURUSD"]
INTRADAY_SMALL = ("S0001", "2025-03-03", "2025-03-25")  # 17 trading days, about 10,000 bars


def intraday_tickers(count):
    generated = count - len(INTRADAY_AROUND_THE_CLOCK)
    return [f"S{i:04d}" for i in range(1, generated + 1)] + INTRADAY_AROUND_THE_CLOCK


def intraday_urls(base, tickers, start, end):
    """The connector's first request per ticker: the window from the start of its first market day
    to the last millisecond of its last one, in epoch ms, in the ticker's market (UTC for crypto and
    forex, New York otherwise), as Aggregates.intradayBarsUrl builds it."""
    from zoneinfo import ZoneInfo
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end) + dt.timedelta(days=1)
    urls = []
    for t in tickers:
        zone = dt.timezone.utc if t.startswith(("X:", "C:")) else ZoneInfo("America/New_York")
        begin = int(dt.datetime.combine(first, dt.time(), zone).timestamp() * 1000)
        finish = int(dt.datetime.combine(last, dt.time(), zone).timestamp() * 1000) - 1
        urls.append((t, f"{base}/v2/aggs/ticker/{t}/range/1/minute/{begin}/{finish}"
                        f"?adjusted=true&sort=asc&limit=50000"))
    return urls


def configured_catalog(work, base, stream, jar=JAR):
    """A configured catalog selecting `stream` alone, full refresh, built from `discover`."""
    config = os.path.join(work, "discover-config.json")
    with open(config, "w") as f:
        json.dump({"api_key": KEY, "stock_ticker": "AAPL", "base_url": base}, f)
    out = subprocess.run(["java", "-jar", jar, "discover", "--config", config], capture_output=True,
                         text=True, check=True).stdout
    catalog = next(json.loads(l)["catalog"] for l in out.splitlines() if l.startswith('{"type":"CATALOG"'))
    found = next(s for s in catalog["streams"] if s["name"] == stream)
    path = os.path.join(work, f"{stream}-catalog.json")
    with open(path, "w") as f:
        json.dump({"streams": [{"stream": found, "sync_mode": "full_refresh",
                                "destination_sync_mode": "overwrite"}]}, f)
    return path


def write_urls(path, urls):
    with open(path, "w") as f:
        f.writelines(f"{t} {u}\n" for t, u in urls)
    return path


def summarize(runs, field):
    values = [r[field] for r in runs]
    median = statistics.median(values)
    return {"median": median, "min": min(values), "max": max(values),
            "spread": (max(values) - min(values)) / median if median else 0.0, "all": values}


def intraday(options, work, sandbox_base, daily_urls, big, start20, last, flags):
    """The intraday scenario: a full refresh of intraday_prices (1-minute bars, 40 tickers, 3 months)
    against the replay server, with the image's flags; the 1M-record daily read and a ~10,000-record
    intraday read in the same run, and both replay floors, all interleaved."""
    tickers = intraday_tickers(options.intraday_tickers)
    start, end = INTRADAY_WINDOW
    small_ticker, small_start, small_end = INTRADAY_SMALL
    catalogs = {"daily": "fullrefresh_configured_catalog.json",
                "intraday": configured_catalog(work, sandbox_base, "intraday_prices")}
    servers = {}
    try:
        for name, urls in (("daily", daily_urls), ("intraday", intraday_urls(sandbox_base, tickers, start, end)),
                           ("small", intraday_urls(sandbox_base, [small_ticker], small_start, small_end))):
            urls_file = write_urls(os.path.join(work, f"intraday-{name}-urls.txt"), urls)
            pages_file = os.path.join(work, f"intraday-{name}-pages.txt")
            log_path = os.path.join(work, f"intraday-{name}.log")
            proc, base, pages, size = start_replay(sandbox_base, urls_file, pages_file, log_path)
            servers[name] = {"proc": proc, "base": base, "pages": pages, "bytes": size, "log": log_path,
                             "pages_file": pages_file}
        connectors = {name: Connector(servers[name]["base"], work, flags) for name in servers}
        reads = {
            "daily": lambda: connectors["daily"].read(big, catalog=catalogs["daily"], start_date=start20,
                                                      end_date=str(last), request_strategy="per_ticker"),
            "intraday": lambda: connectors["intraday"].read(tickers, catalog=catalogs["intraday"],
                                                            start_date=start, end_date=end,
                                                            intraday_multiplier=1, intraday_timespan="minute"),
            "small": lambda: connectors["small"].read([small_ticker], catalog=catalogs["intraday"],
                                                      start_date=small_start, end_date=small_end,
                                                      intraday_multiplier=1, intraday_timespan="minute")}
        floors = {f"{name} floor": [sys.executable, REPLAY, "fetch", "--base", servers[name]["base"],
                                    "--pages", servers[name]["pages_file"], "--key", KEY]
                  for name in ("daily", "intraday")}
        for command in floors.values():
            timed(command)  # untimed: the page cache's and the servers' first requests
        series = list(reads) + list(floors)
        samples = {key: [] for key in series}
        load_before = os.getloadavg()
        for repeat in range(options.intraday_repeat):
            shift = repeat % len(series)  # each series takes every position in turn
            for key in series[shift:] + series[:shift]:
                if key in reads:
                    samples[key].append(reads[key]())
                else:
                    samples[key].append({"seconds": timed(floors[key])[0]})
            print(f"intraday: repeat {repeat + 1} of {options.intraday_repeat} done", file=sys.stderr, flush=True)
        load_after = os.getloadavg()
    finally:
        for server in servers.values():
            server["proc"].kill()
    problems = []
    for name, server in servers.items():
        with open(server["log"]) as log:
            text = log.read().strip()
        if text:
            problems.append(f"the {name} replay server was asked for pages it does not have:\n" + text)
    for name in reads:
        records = {r["records"] for r in samples[name]}
        requests = {r["requests"] for r in samples[name]}
        if len(records) != 1:
            problems.append(f"the {name} reads did not all emit the same records: {sorted(records)}")
        if requests != {servers[name]["pages"]}:
            problems.append(f"the {name} reads made {sorted(requests)} requests for {servers[name]['pages']} pages")
    if problems:
        sys.exit("INTRADAY SECTION FAILED:\n" + "\n".join(problems))

    result = {"tickers": len(tickers), "ticker_list": tickers, "window": [start, end],
              "small": {"ticker": small_ticker, "window": [small_start, small_end]},
              "repeats": options.intraday_repeat, "load_average_before": load_before,
              "load_average_after": load_after, "runs": {}}
    for name in reads:
        runs = samples[name]
        records = runs[0]["records"]
        result["runs"][name] = {
            "records": records, "pages": servers[name]["pages"], "response_bytes": servers[name]["bytes"],
            "stdout_bytes": statistics.median(r["bytes"] for r in runs),
            "seconds": summarize(runs, "seconds"), "cpu_seconds": summarize(runs, "cpu_seconds"),
            "peak_rss_mb": summarize(runs, "peak_rss_mb"),
            "records_per_second": records / statistics.median(r["seconds"] for r in runs),
            "records_per_cpu_second": records / statistics.median(r["cpu_seconds"] for r in runs)}
    for name in floors:
        result["runs"][name] = {"seconds": summarize(samples[name], "seconds")}
    daily, intra, small = (result["runs"][n] for n in ("daily", "intraday", "small"))
    # Same-repeat pairs: neighbours in time, so the machine's other load shifts both alike.
    pairs = [(i["records"] / i["seconds"]) / (d["records"] / d["seconds"])
             for i, d in zip(samples["intraday"], samples["daily"])]
    rss_pairs = [i["peak_rss_mb"] / s["peak_rss_mb"] for i, s in zip(samples["intraday"], samples["small"])]
    result["targets"] = {
        "records_per_second_vs_daily": intra["records_per_second"] / daily["records_per_second"],
        "records_per_second_vs_daily_pairs": [min(pairs), max(pairs)],
        "records_per_cpu_second_vs_daily": intra["records_per_cpu_second"] / daily["records_per_cpu_second"],
        "records_per_second_met": intra["records_per_second"] >= daily["records_per_second"],
        "rss_ratio": intra["peak_rss_mb"]["median"] / small["peak_rss_mb"]["median"],
        "rss_ratio_pairs": [min(rss_pairs), max(rss_pairs)],
        "rss_ratio_worst": intra["peak_rss_mb"]["max"] / small["peak_rss_mb"]["min"],
        "rss_met": intra["peak_rss_mb"]["median"] <= 1.25 * small["peak_rss_mb"]["median"],
        "intraday_vs_floor": intra["seconds"]["median"] / result["runs"]["intraday floor"]["seconds"]["median"],
        "daily_vs_floor": daily["seconds"]["median"] / result["runs"]["daily floor"]["seconds"]["median"]}
    return result


def make_archive(jar, work, plain_flags, name):
    """An AppCDS archive for `jar`, made as the Dockerfile makes it (a `check` against a closed
    loopback port); returns the JVM flags that use it (the image's flags plus the archive)."""
    archive = os.path.join(work, name)
    training = os.path.join(work, "cds-training.json")
    with open(training, "w") as f:
        json.dump({"api_key": KEY, "stock_ticker": "AAPL", "base_url": "http://127.0.0.1:9"}, f)
    subprocess.run(["java"] + plain_flags + ["-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-jar", jar,
                    "check", "--config", training], stdout=subprocess.DEVNULL, check=True)
    return plain_flags + ["-XX:SharedArchiveFile=" + archive, "-Xshare:auto"]


def commit_of(jar):
    """The short commit id of the git checkout the jar was built in (its target/'s parent), with
    '+changes' when that checkout's Java sources or pom differ from the commit; None outside git."""
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(jar)))
    head = subprocess.run(["git", "-C", checkout, "rev-parse", "--short=7", "HEAD"], capture_output=True, text=True)
    if head.returncode:
        return None
    dirty = subprocess.run(["git", "-C", checkout, "status", "--porcelain", "--", "src/main", "pom.xml"],
                           capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + ("+changes" if dirty else "")


def record_digest(path):
    """SHA-256 of a read's RECORD messages in order, emitted_at stripped."""
    import hashlib
    digest = hashlib.sha256()
    with open(path, "rb") as out:
        for line in out:
            if line.startswith(b'{"type":"RECORD"'):
                digest.update(EMITTED_AT.sub(b"", line))
    return digest.hexdigest()


def before_after(options, work, sandbox_base, urls, big, start20, last, plain_flags, flags):
    """The same 1M-record daily read against the replay server with another jar (--before-jar) and
    this checkout's, each with the image's flags and its own AppCDS archive, interleaved."""
    jars = {"before": os.path.abspath(options.before_jar), "after": JAR}
    urls_file = write_urls(os.path.join(work, "compare-urls.txt"), urls)
    log_path = os.path.join(work, "compare.log")
    server, base, pages, size = start_replay(sandbox_base, urls_file, None, log_path)
    try:
        connectors = {"before": Connector(base, work, make_archive(jars["before"], work, plain_flags, "before.jsa"),
                                          jar=jars["before"]),
                      "after": Connector(base, work, flags)}

        def run(name):
            result = connectors[name].read(big, catalog="fullrefresh_configured_catalog.json", start_date=start20,
                                           end_date=str(last), request_strategy="per_ticker")
            result["digest"] = record_digest(connectors[name].output)
            return result

        for name in jars:
            run(name)  # untimed: the page cache's and the server's first requests
        series = list(jars)
        samples = {name: [] for name in series}
        load_before = os.getloadavg()
        for repeat in range(options.compare_repeat):
            order = series if repeat % 2 == 0 else series[::-1]
            for name in order:
                samples[name].append(run(name))
        load_after = os.getloadavg()
    finally:
        server.kill()
    with open(log_path) as log:
        text = log.read().strip()
    if text:
        sys.exit("BEFORE/AFTER SECTION FAILED: the replay server was asked for pages it does not have:\n" + text)
    records = {r["records"] for name in series for r in samples[name]}
    if len(records) != 1:
        sys.exit(f"BEFORE/AFTER SECTION FAILED: the reads did not all emit the same records: {sorted(records)}")
    result = {"records": records.pop(), "pages": pages, "bytes": size, "repeats": options.compare_repeat,
              "load_average_before": load_before, "load_average_after": load_after,
              "same_records": len({r["digest"] for name in series for r in samples[name]}) == 1, "jars": {}}
    for name in series:
        runs = samples[name]
        result["jars"][name] = {"jar": jars[name], "commit": commit_of(jars[name]),
                                "requests": sorted({r["requests"] for r in runs}),
                                "seconds": summarize(runs, "seconds"), "cpu_seconds": summarize(runs, "cpu_seconds"),
                                "peak_rss_mb": summarize(runs, "peak_rss_mb")}
    for field in ("seconds", "cpu_seconds", "peak_rss_mb"):
        pairs = [a[field] / b[field] for a, b in zip(samples["after"], samples["before"])]
        result[f"after_vs_before_{field}"] = {
            "ratio_of_medians": result["jars"]["after"][field]["median"] / result["jars"]["before"][field]["median"],
            "per_repeat_min": min(pairs), "per_repeat_max": max(pairs), "per_repeat_median": statistics.median(pairs)}
    return result


def ticker_urls(base, tickers, start, end):
    return [(t, f"{base}/v2/aggs/ticker/{t}/range/1/day/{start}/{end}?adjusted=true&sort=asc&limit=50000")
            for t in tickers]


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--universe", type=int, default=500, help="generated tickers in the sandbox")
    parser.add_argument("--big-tickers", type=int, default=200, help="tickers x 20 years for the ~1M-record read")
    parser.add_argument("--runs", type=int, default=15, help="runs per start-up median")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs per throughput median")
    parser.add_argument("--replay-repeat", type=int, default=9,
                        help="interleaved runs per median in the replay section")
    parser.add_argument("--only-replay", action="store_true",
                        help="measure only the two floors and the replay section")
    parser.add_argument("--only-latency", action="store_true",
                        help="measure only the latency section")
    parser.add_argument("--latency-tickers", type=int, default=400, help="tickers in the latency section")
    parser.add_argument("--latency-ms", type=int, default=100,
                        help="how long the latency server holds each request")
    parser.add_argument("--latency-n", default="1,2,4,8,16",
                        help="the max_concurrent_requests values to measure (1 is always added)")
    parser.add_argument("--latency-repeat", type=int, default=3,
                        help="interleaved runs per median in the latency section")
    parser.add_argument("--only-intraday", action="store_true",
                        help="measure only the intraday section")
    parser.add_argument("--intraday-tickers", type=int, default=40,
                        help="tickers of the intraday read (the last two are X:BTCUSD and C:EURUSD)")
    parser.add_argument("--intraday-repeat", type=int, default=11,
                        help="interleaved runs per median in the intraday section")
    parser.add_argument("--before-jar", metavar="JAR",
                        help="another build of the connector (e.g. target/source-stock-ticker-api.jar of a "
                             "`git worktree` at an older commit): adds the before/after section, the daily read "
                             "against the replay server with that jar and this checkout's, interleaved")
    parser.add_argument("--only-before-after", action="store_true",
                        help="measure only the before/after section (needs --before-jar)")
    parser.add_argument("--compare-repeat", type=int, default=11,
                        help="interleaved runs per median in the before/after section")
    options = parser.parse_args()
    if sum((options.only_replay, options.only_latency, options.only_intraday, options.only_before_after)) > 1:
        parser.error("--only-replay, --only-latency, --only-intraday and --only-before-after exclude each other")
    if options.only_before_after and not options.before_jar:
        parser.error("--only-before-after needs --before-jar")
    if options.before_jar and not os.path.exists(options.before_jar):
        parser.error(f"--before-jar: no such file: {options.before_jar}")
    if options.intraday_tickers < 3:
        parser.error("--intraday-tickers must be at least 3")
    if options.latency_tickers > options.universe:
        options.universe = options.latency_tickers
    return options


def measure(options):
    if not os.path.exists(JAR):
        subprocess.run(["mvn", "-q", "-B", "package", "-DskipTests"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="bench-")
    sandbox, base = start_sandbox(options.universe)
    plain_flags = image_jvm_flags()
    # An AppCDS archive made as the Dockerfile makes it (a `check` against a closed loopback port),
    # used for the connector runs below as the image uses its own.
    flags = make_archive(JAR, work, plain_flags, "app.jsa")
    results = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                           "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
                           "python": platform.python_version(), "date": dt.date.today().isoformat()},
               "jvm_flags": plain_flags}
    try:
        connector = Connector(base, work, flags)
        today = dt.date.today()
        universe = [f"S{i:04d}" for i in range(1, options.universe + 1)]

        last, before = trading_days_before(base, today, 2)
        # The big read: ~1M records (per ticker, 20 years each).
        start20 = str(today.replace(year=today.year - 20))
        big = universe[:options.big_tickers]
        urls = ticker_urls(base, big, start20, last)
        if options.only_replay:
            results["sandbox_floor_curl_seconds"] = sandbox_floor(work, urls, options.repeat)
            results["replay"] = replay(options, work, base, urls, big, start20, last, flags)
            return results
        if options.only_latency:
            results["latency"] = latency(options, work, base, today, flags)
            return results
        if options.only_intraday:
            results["intraday"] = intraday(options, work, base, urls, big, start20, last, flags)
            return results
        if options.only_before_after:
            results["before_after"] = before_after(options, work, base, urls, big, start20, last, plain_flags, flags)
            return results

        # Requests per plan: the targets.
        plans = {}
        state = [{"type": "STREAM", "stream": {"stream_descriptor": {"name": "stock_prices"},
                  "stream_state": {"date": str(before), "tickers": {t: str(before) for t in universe[:500]}}}}]
        plans["incremental, 500 tickers, 1 new trading day"] = connector.read(universe[:500], state, end_date=str(last))
        plans["first sync, 500 tickers, 2 years"] = connector.read(
            universe[:500], start_date=str(today.replace(year=today.year - 2)), end_date=str(last))
        plans["first sync, 1 ticker, 20 years"] = connector.read(
            universe[:1], start_date=str(today.replace(year=today.year - 20)), end_date=str(last))
        plans["first sync, 500 tickers, 20 trading days"] = connector.read(
            universe[:500], start_date=str(last - dt.timedelta(days=27)), end_date=str(last))
        results["plans"] = plans

        # Throughput and memory against the sandbox: the big read and a ~10k-record one.
        curl = curl_command(work, urls)
        subprocess.run(curl, check=True)  # warm the sandbox's JIT before anything is timed
        urls_file = os.path.join(work, "urls.txt")
        with open(urls_file, "w") as f:
            f.writelines(f"{t} {u}\n" for t, u in urls)
        try:
            import requests  # noqa: F401
            python_cmd = [sys.executable, os.path.join(ROOT, "bench", "tutorial_read.py"), urls_file, KEY]
        except ImportError:
            python_cmd = None
            print("python baseline skipped: the requests package is not installed", file=sys.stderr)
        # Interleaved repeats, medians reported: the machine's other load shifts all three alike.
        floors, reads, pythons = [], [], []
        for _ in range(options.repeat):
            floors.append(timed(curl)[0])
            reads.append(connector.read(big, start_date=start20, end_date=str(last), request_strategy="per_ticker"))
            if python_cmd:
                pythons.append(timed(python_cmd, os.path.join(work, "python.jsonl"))[0])
        floor_s = statistics.median(floors)
        big_read = sorted(reads, key=lambda r: r["seconds"])[len(reads) // 2]
        python_s = statistics.median(pythons) if pythons else None
        small_read = connector.read(big[:2], start_date=start20, end_date=str(last), request_strategy="per_ticker")
        results["throughput"] = {
            "records": big_read["records"], "connector_seconds": big_read["seconds"],
            "connector_records_per_second": big_read["records"] / big_read["seconds"],
            "floor_curl_seconds": floor_s, "connector_vs_floor": big_read["seconds"] / floor_s,
            "python_tutorial_seconds": python_s,
            "python_records_per_second": python_s and big_read["records"] / python_s,
            "speedup_vs_python": python_s and python_s / big_read["seconds"]}
        results["memory"] = {"big_records": big_read["records"], "big_peak_rss_mb": big_read["peak_rss_mb"],
                             "small_records": small_read["records"], "small_peak_rss_mb": small_read["peak_rss_mb"],
                             "ratio": big_read["peak_rss_mb"] / small_read["peak_rss_mb"]}

        # Start-up: the image's flags without, then with, the AppCDS archive.
        check_config = connector.config(["AAPL"])
        commands = {"spec": ["spec"], "check": ["check", "--config", check_config],
                    "discover": ["discover", "--config", check_config]}
        startup = {}
        for name, args in commands.items():
            startup[name] = {
                "plain_ms": 1000 * median_seconds(["java"] + plain_flags + ["-jar", JAR] + args, options.runs),
                "appcds_ms": 1000 * median_seconds(["java"] + flags + ["-jar", JAR] + args, options.runs)}
        startup["python_tutorial_spec_ms"] = 1000 * median_seconds(
            [sys.executable, os.path.join(ROOT, "bench", "tutorial_spec.py"), os.path.join(ROOT, "spec.json")],
            options.runs)
        startup["jvm_hello_ms"] = 1000 * median_seconds(["java"] + plain_flags + ["-version"], options.runs)
        results["startup"] = startup

        # Against the replay server: no sandbox work in the way, both readers, both JVM modes.
        results["sandbox_floor_curl_seconds"] = floor_s
        results["replay"] = replay(options, work, base, urls, big, start20, last, flags)

        # Intraday: 1-minute bars of 40 tickers over 3 months, against the replay server.
        results["intraday"] = intraday(options, work, base, urls, big, start20, last, flags)

        # Before/after: the daily read with another build of the connector and with this one.
        if options.before_jar:
            results["before_after"] = before_after(options, work, base, urls, big, start20, last, plain_flags, flags)

        # Latency: many small requests to a server that takes 100 ms to answer each.
        results["latency"] = latency(options, work, base, today, flags)
        return results
    finally:
        sandbox.kill()
        shutil.rmtree(work, ignore_errors=True)


def curl_command(work, urls):
    """curl fetching every URL over one connection, bytes discarded."""
    curl_config = os.path.join(work, "curl.cfg")
    with open(curl_config, "w") as f:
        for _, url in urls:
            f.write(f'url = "{url}"\noutput = "/dev/null"\n')
    return ["curl", "-s", "-H", "Authorization: Bearer " + KEY, "-K", curl_config]


def sandbox_floor(work, urls, repeat):
    """The sandbox floor alone (median seconds), for --only-replay."""
    curl = curl_command(work, urls)
    subprocess.run(curl, check=True)  # warm the sandbox's JIT before anything is timed
    return statistics.median(timed(curl)[0] for _ in range(repeat))


def main():
    options = parse_options()
    results = measure(options)
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "latest.json"), "w") as f:
        json.dump(results, f, indent=2)
    print_table(results)
    problems = results.get("latency", {}).get("problems")
    if problems:
        sys.exit("\n".join(["", "LATENCY SECTION FAILED:"] + problems))


def print_table(r):
    print(f"\nMachine: {r['machine']['cpus']} cores, {r['machine']['platform']}, {r['machine']['java']}, "
          f"Python {r['machine']['python']}, {r['machine']['date']}")
    if "plans" in r:
        print_sandbox_tables(r)
    if "replay" in r:
        print_replay_table(r)
    if "intraday" in r:
        print_intraday_table(r)
    if "before_after" in r:
        print_before_after_table(r)
    if "latency" in r:
        print_latency_table(r)


def print_latency_table(r):
    p = r["latency"]
    t, d, n = p["tickers"], p["delay_ms"], p["repeats"]
    s = p["startup_seconds"]
    print(f"\n| {t} tickers x 1 request, server answers each after {d} ms; medians of {n} interleaved runs "
          f"(min-max) | wall time | target 1.3 x ({t} x {d / 1000:g} s / N) + start-up | (wall - start-up) / "
          f"({t} x {d / 1000:g} s / N) | requests in flight at the server, most | connections | CPU time | "
          f"same RECORDs and STATEs as N = 1 |\n|---|---:|---:|---:|---:|---:|---:|---|")
    for name, e in p["runs"].items():
        w, c = e["seconds"], e["cpu_seconds"]
        cells = [f"{w['median']:.2f} s ({w['min']:.2f}-{w['max']:.2f})"]
        if "target_seconds" in e:
            cells += [f"{e['target_seconds']:.2f} s ({'met' if e['met'] else 'NOT met'})",
                      f"{e['latency_ratio']:.2f}x"]
        else:
            cells += ["", ""]
        cells += [f"{e['server_max_in_flight']} (N = {e['n']})" if e["n"] else str(e["server_max_in_flight"]),
                  str(e["server_connections"]), f"{c['median']:.2f} s"]
        if "same_output_as_n1" in e:
            cells.append(("yes" if e["same_output_as_n1"] else "NO")
                         + ("" if e["same_whole_stdout_as_n1"] else " (other messages differ)"))
        else:
            cells.append("")
        if name == "start-up":
            label = "start-up: the same read of 1 ticker, no delay"
        elif name.startswith("no delay"):
            label = f"{t} tickers, no delay, N = {e['n']}"
        else:
            label = f"**N = {e['n']}**" if e["n"] in (1, 8) else f"N = {e['n']}"
        print(f"| {label} | " + " | ".join(cells) + " |")
    runs = [e for e in p["runs"].values() if "effective_concurrency" in e]
    print(f"\nRequests waiting at the server on average ({t} x {d / 1000:g} s / (wall - start-up)): "
          + ", ".join(f"N = {e['n']}: {e['effective_concurrency']:.1f}" for e in runs))
    held = [e["server_mean_held_ms"] for e in runs]
    print(f"Server hold per request: mean {min(held):.1f}-{max(held):.1f} ms, longest "
          f"{max(e['server_max_held_ms'] for e in runs):.0f} ms; {p['requests']} requests and "
          f"{p['records']:,} records per read; load average (1, 5, 15 min) "
          f"{', '.join(f'{x:.2f}' for x in p['load_average_before'])} before, "
          f"{', '.join(f'{x:.2f}' for x in p['load_average_after'])} after")
    same = all(e.get("same_output_as_n1", True) for e in p["runs"].values())
    whole = all(e.get("same_whole_stdout_as_n1", True) for e in p["runs"].values())
    print(f"Output: RECORDs and STATEs of every run {'equal' if same else 'DO NOT all equal'} those of N = 1"
          f"{'; so does the whole stdout, emitted_at stripped' if whole else ''}.")


def print_intraday_table(r):
    p = r["intraday"]
    runs, t, n = p["runs"], p["targets"], p["repeats"]
    daily, intra, small = runs["daily"], runs["intraday"], runs["small"]
    print(f"\n| Against the replay server, image flags (+AppCDS), medians of {n} interleaved runs (min-max) "
          f"| records | pages, MB | wall time | CPU time | records/s (wall) | records/s (CPU) | peak RSS | "
          f"wall / its replay floor |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, label, floor in (
            ("intraday", f"intraday_prices: {p['tickers']} tickers x 1-minute bars, {p['window'][0]} to "
                         f"{p['window'][1]}", "intraday floor"),
            ("daily", "stock_prices: the daily read (per ticker, 20 years)", "daily floor"),
            ("small", f"intraday_prices: {p['small']['ticker']}, {p['small']['window'][0]} to "
                      f"{p['small']['window'][1]}", None)):
        e = runs[name]
        w, c, m = e["seconds"], e["cpu_seconds"], e["peak_rss_mb"]
        ratio = f"{w['median'] / runs[floor]['seconds']['median']:.1f}x" if floor else ""
        print(f"| {label} | {e['records']:,} | {e['pages']}, {e['response_bytes'] / 1e6:.0f} | "
              f"{w['median']:.2f} s ({w['min']:.2f}-{w['max']:.2f}) | {c['median']:.2f} s ({c['min']:.2f}-{c['max']:.2f}) | "
              f"{e['records_per_second']:,.0f} | {e['records_per_cpu_second']:,.0f} | "
              f"{m['median']:.1f} MB ({m['min']:.1f}-{m['max']:.1f}) | {ratio} |")
    for name, label in (("intraday floor", "replay floor of the intraday read"),
                        ("daily floor", "replay floor of the daily read")):
        w = runs[name]["seconds"]
        print(f"| {label}: Python http.client loop, bytes discarded | | | {w['median']:.2f} s "
              f"({w['min']:.2f}-{w['max']:.2f}) | | | | | |")
    pairs = t["records_per_second_vs_daily_pairs"]
    print(f"\nIntraday records/s / daily records/s: {t['records_per_second_vs_daily']:.2f}x "
          f"(same-repeat pairs {pairs[0]:.2f}-{pairs[1]:.2f}; per CPU second {t['records_per_cpu_second_vs_daily']:.2f}x)"
          f" - target >= 1: {'met' if t['records_per_second_met'] else 'NOT met'}")
    pairs = t["rss_ratio_pairs"]
    print(f"Peak RSS, intraday read / small intraday read: {t['rss_ratio']:.2f}x (same-repeat pairs "
          f"{pairs[0]:.2f}-{pairs[1]:.2f}; largest / smallest {t['rss_ratio_worst']:.2f}x) - target <= 1.25x: "
          f"{'met' if t['rss_met'] else 'NOT met'}")
    print(f"Load average (1, 5, 15 min) {', '.join(f'{x:.2f}' for x in p['load_average_before'])} before, "
          f"{', '.join(f'{x:.2f}' for x in p['load_average_after'])} after")


def print_before_after_table(r):
    p = r["before_after"]
    jars, n = p["jars"], p["repeats"]
    names = {name: f"{name} ({j['commit'] or j['jar']})" for name, j in jars.items()}
    print(f"\n| Daily read of {p['records']:,} records ({p['pages']} pages) against the replay server, image flags "
          f"(+AppCDS, one archive per jar); medians of {n} interleaved runs (min-max) | {names['before']} | "
          f"{names['after']} | after / before (same-repeat pairs) |\n|---|---:|---:|---:|")
    for field, label, unit, digits in (("seconds", "wall time", "s", 2), ("cpu_seconds", "CPU time (user + system)", "s", 2),
                                       ("peak_rss_mb", "peak RSS", "MB", 1)):
        cells = []
        for name in ("before", "after"):
            v = jars[name][field]
            cells.append(f"{v['median']:.{digits}f} {unit} ({v['min']:.{digits}f}-{v['max']:.{digits}f})")
        q = p[f"after_vs_before_{field}"]
        cells.append(f"{q['ratio_of_medians']:.2f}x ({q['per_repeat_min']:.2f}-{q['per_repeat_max']:.2f})")
        print(f"| {label} | " + " | ".join(cells) + " |")
    print(f"\nRequests: before {jars['before']['requests']}, after {jars['after']['requests']}; RECORDs (emitted_at "
          f"stripped) {'the same' if p['same_records'] else 'NOT the same'} for both jars; load average (1, 5, 15 min) "
          f"{', '.join(f'{x:.2f}' for x in p['load_average_before'])} before, "
          f"{', '.join(f'{x:.2f}' for x in p['load_average_after'])} after")


def print_replay_table(r):
    p = r["replay"]
    readers, n = p["readers"], p["repeats"]
    both = "Jackson" in readers
    print(f"\n| Floors of the {p['records']:,}-record read ({p['pages']} pages, {p['bytes'] / 1e6:.0f} MB) | seconds |\n|---|---:|")
    print(f"| sandbox floor: curl from the sandbox, which computes the bars as it serves them | {r['sandbox_floor_curl_seconds']:.2f} s |")
    f = p["floor_python_seconds"]
    print(f"| replay floor: Python http.client loop from the replay server (median of {n}; {f['min']:.2f}-{f['max']:.2f}) | {f['median']:.2f} s |")
    print(f"\n| Against the replay server, medians of {n} interleaved runs (min-max) | "
          + " | ".join(readers) + (" | Jackson / PageParser |\n|---|---:|---:|---:|" if both else " |\n|---|---:|"))
    for mode, label in (("image", "image flags (+AppCDS)"), ("plain", "plain `java -jar`")):
        cells = []
        for reader in readers:
            s = readers[reader][mode]["seconds"]
            cells.append(f"{s['median']:.2f} s ({s['min']:.2f}-{s['max']:.2f})")
        if both:
            j = p["jackson_vs_parser"][mode]
            cells.append(f"{j['ratio_of_medians']:.2f}x (same-repeat pairs {j['per_repeat_min']:.2f}-{j['per_repeat_max']:.2f})")
        print(f"| {label}: wall time | " + " | ".join(cells) + " |")
        cells = []
        for reader in readers:
            c = readers[reader][mode]["cpu_seconds"]
            cells.append(f"{c['median']:.2f} s ({c['min']:.2f}-{c['max']:.2f})")
        if both:
            cells.append(f"{p['jackson_vs_parser'][mode]['cpu_ratio_of_medians']:.2f}x")
        print(f"| {label}: CPU time (user + system) | " + " | ".join(cells) + " |")
        cells = []
        for reader in readers:
            m = readers[reader][mode]["peak_rss_mb"]
            cells.append(f"{m['median']:.0f} MB ({m['min']:.0f}-{m['max']:.0f})")
        target = " (target < 150 MB)" if mode == "plain" else ""
        print(f"| {label}: peak RSS{target} | " + " | ".join(cells) + (" | |" if both else " |"))
    floor = f["median"]
    cells = [f"{readers[x]['image']['seconds']['median'] / floor:.1f}x" for x in readers]
    print("| image flags / replay floor (target <= 1.5x) | " + " | ".join(cells) + (" | |" if both else " |"))
    cells = [f"{readers[x]['plain']['seconds']['median'] / readers[x]['image']['seconds']['median']:.2f}x" for x in readers]
    print("| plain `java -jar` / image flags (target <= 2x) | " + " | ".join(cells) + (" | |" if both else " |"))
    if both:
        for mode, label in (("image", "with the image's flags"), ("plain", "with a plain java -jar")):
            j = p["jackson_vs_parser"][mode]["ratio_of_medians"]
            cpu = p["jackson_vs_parser"][mode]["cpu_ratio_of_medians"]
            print(f"\nJackson's reader vs PageParser {label}: {100 * (j - 1):+.0f}% wall time "
                  f"({'within' if j <= 1.15 else 'not within'} 15%), {100 * (cpu - 1):+.0f}% CPU time", end="")
        print()


def print_sandbox_tables(r):
    print("\n| Requests per plan | requests | records |\n|---|---:|---:|")
    for name, p in r["plans"].items():
        print(f"| {name} | {p['requests']} | {p['records']} |")
    t, m = r["throughput"], r["memory"]
    print("\n| Read throughput | value |\n|---|---:|")
    print(f"| records in the big read (medians of interleaved runs) | {t['records']:,} |")
    print(f"| connector: seconds / records per second | {t['connector_seconds']:.2f} s / {t['connector_records_per_second']:,.0f} |")
    print(f"| sandbox floor (curl, same responses from the sandbox, bytes discarded) | {t['floor_curl_seconds']:.2f} s |")
    print(f"| connector / sandbox floor | {t['connector_vs_floor']:.2f}x (target <= 1.5x) |")
    if t["python_tutorial_seconds"]:
        print(f"| tutorial's Python loop: seconds / records per second | {t['python_tutorial_seconds']:.2f} s / {t['python_records_per_second']:,.0f} |")
        print(f"| connector speed-up over Python | {t['speedup_vs_python']:.1f}x (target >= 5x) |")
    print("\n| Peak RSS (image JVM flags) | records | MB |\n|---|---:|---:|")
    print(f"| big read | {m['big_records']:,} | {m['big_peak_rss_mb']:.1f} |")
    print(f"| small read | {m['small_records']:,} | {m['small_peak_rss_mb']:.1f} |")
    print(f"| big / small | | {m['ratio']:.2f}x (target <= 1.25x) |")
    s = r["startup"]
    print("\n| Start-up, median wall time | plain JVM | with AppCDS (as in the image) |\n|---|---:|---:|")
    for name in ("spec", "check", "discover"):
        print(f"| {name} | {s[name]['plain_ms']:.0f} ms | {s[name]['appcds_ms']:.0f} ms |")
    print(f"| tutorial's Python spec | {s['python_tutorial_spec_ms']:.0f} ms | |")
    print(f"| JVM alone (java -version) | {s['jvm_hello_ms']:.0f} ms | |")


if __name__ == "__main__":
    main()
