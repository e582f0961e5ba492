#!/usr/bin/env python3
"""Benchmark of source-stock-ticker-api against the local sandbox. One command:

    python3 bench/bench.py            # about 3 minutes on a 2-core machine

Starts the sandbox with a universe of generated tickers, then measures
  - requests per plan for the scale targets (500 tickers x 1 new day, 500 x 2 years, 1 x 20 years,
    500 x 20 trading days);
  - read throughput, against a floor it measures itself (curl fetching the very same responses,
    bytes discarded) and against the tutorial's Python read loop over the same pages;
  - peak RSS of a ~1,000,000-record read and of a ~10,000-record read;
  - start-up (median wall time) of spec, check and discover, without and with the AppCDS archive,
    and the tutorial's Python spec.
Every connector run uses the image's JVM flags (read from the Dockerfile); all but the "plain JVM"
start-up runs also use an AppCDS archive made as the Dockerfile makes it (a `check` against a closed
port). Prints a table and writes bench/results/latest.json. Absolute times on shared machines are
noise: read the ratios, which are measured within one run.
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
KEY = "sandbox"


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
    def __init__(self, base, work, flags):
        self.base, self.work, self.flags = base, work, flags

    def config(self, tickers, **extra):
        path = os.path.join(self.work, "config.json")
        with open(path, "w") as f:
            json.dump({"api_key": KEY, "stock_ticker": ", ".join(tickers), "base_url": self.base, **extra}, f)
        return path

    def read(self, tickers, state=None, **extra):
        """Runs a read; returns wall seconds, peak RSS in MB, records, requests, stdout bytes."""
        args = ["read", "--config", self.config(tickers, **extra),
                "--catalog", os.path.join(ROOT, "incremental_configured_catalog.json")]
        if state is not None:
            state_path = os.path.join(self.work, "state.json")
            with open(state_path, "w") as f:
                json.dump(state, f)
            args += ["--state", state_path]
        out_path = os.path.join(self.work, "out.jsonl")
        wall, rss = timed(["java"] + self.flags + ["-jar", JAR] + args, out_path)
        records, requests, last = 0, None, None
        with open(out_path, "rb") as out:
            for line in out:
                if line.startswith(b'{"type":"RECORD"'):
                    records += 1
                elif line.startswith(b'{"type":"LOG"'):
                    found = re.search(rb"Read (\d+) record\(s\) of stock_prices in (\d+) request", line)
                    if found:
                        requests = int(found.group(2))
                elif b'"type":"ERROR"' in line:
                    sys.exit("connector failed: " + line.decode())
        return {"seconds": wall, "peak_rss_mb": rss, "records": records, "requests": requests,
                "bytes": os.path.getsize(out_path)}


def timed(command, stdout_path=None):
    """Wall seconds and peak RSS (MB) of one command, through GNU time."""
    rss_file = tempfile.mktemp()
    with open(stdout_path or os.devnull, "wb") as out:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + command, stdout=out, check=True)
        wall = time.perf_counter() - start
    with open(rss_file) as f:
        rss_kb = int(f.read().strip().splitlines()[-1])
    os.unlink(rss_file)
    return wall, rss_kb / 1024


def median_seconds(command, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ticker_urls(base, tickers, start, end):
    return [(t, f"{base}/v2/aggs/ticker/{t}/range/1/day/{start}/{end}?adjusted=true&sort=asc&limit=50000")
            for t in tickers]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--universe", type=int, default=500, help="generated tickers in the sandbox")
    parser.add_argument("--big-tickers", type=int, default=200, help="tickers x 20 years for the ~1M-record read")
    parser.add_argument("--runs", type=int, default=15, help="runs per start-up median")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs per throughput median")
    options = parser.parse_args()
    if not os.path.exists(JAR):
        subprocess.run(["mvn", "-q", "-B", "package", "-DskipTests"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="bench-")
    sandbox, base = start_sandbox(options.universe)
    plain_flags = image_jvm_flags()
    # An AppCDS archive made as the Dockerfile makes it (a `check` against a closed loopback port),
    # used for the connector runs below as the image uses its own.
    archive = os.path.join(work, "app.jsa")
    training = Connector("http://127.0.0.1:9", work, plain_flags).config(["AAPL"])
    subprocess.run(["java"] + plain_flags + ["-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-jar", JAR,
                    "check", "--config", training], stdout=subprocess.DEVNULL, check=True)
    flags = plain_flags + ["-XX:SharedArchiveFile=" + archive, "-Xshare:auto"]
    results = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                           "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
                           "python": platform.python_version(), "date": dt.date.today().isoformat()},
               "jvm_flags": plain_flags}
    try:
        connector = Connector(base, work, flags)
        today = dt.date.today()
        universe = [f"S{i:04d}" for i in range(1, options.universe + 1)]

        # Requests per plan: the targets.
        last, before = trading_days_before(base, today, 2)
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

        # Throughput and memory: ~1M records (per ticker, 20 years each) and ~10k records.
        start20 = str(today.replace(year=today.year - 20))
        big = universe[:options.big_tickers]
        urls = ticker_urls(base, big, start20, last)
        curl_config = os.path.join(work, "curl.cfg")
        with open(curl_config, "w") as f:
            for _, url in urls:
                f.write(f'url = "{url}"\noutput = "/dev/null"\n')
        curl = ["curl", "-s", "-H", "Authorization: Bearer " + KEY, "-K", curl_config]
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
    finally:
        sandbox.kill()
        shutil.rmtree(work, ignore_errors=True)

    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "latest.json"), "w") as f:
        json.dump(results, f, indent=2)
    print_table(results)


def print_table(r):
    print(f"\nMachine: {r['machine']['cpus']} cores, {r['machine']['platform']}, {r['machine']['java']}, "
          f"Python {r['machine']['python']}, {r['machine']['date']}")
    print("\n| Requests per plan | requests | records |\n|---|---:|---:|")
    for name, p in r["plans"].items():
        print(f"| {name} | {p['requests']} | {p['records']} |")
    t, m = r["throughput"], r["memory"]
    print("\n| Read throughput | value |\n|---|---:|")
    print(f"| records in the big read (medians of interleaved runs) | {t['records']:,} |")
    print(f"| connector: seconds / records per second | {t['connector_seconds']:.2f} s / {t['connector_records_per_second']:,.0f} |")
    print(f"| floor (curl, same responses, bytes discarded) | {t['floor_curl_seconds']:.2f} s |")
    print(f"| connector / floor | {t['connector_vs_floor']:.2f}x (target <= 1.5x) |")
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
