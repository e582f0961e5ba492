#!/usr/bin/env bash
# README command 1: a real sync end to end against the embedded sandbox (no API key, no network).
# Builds the jar if needed, starts the sandbox on a free local port, then runs check, discover, a
# full refresh of prices, splits, dividends and ticker details, an incremental read that writes
# state.json, a second incremental read from it, a read from a week-old state that a split has
# made stale (the split rule re-reads that ticker), and a day of one ticker's minute bars.
# Everything the connector printed is kept in demo-output/ for a closer look.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=target/source-stock-ticker-api.jar
out=demo-output
tickers=${DEMO_TICKERS:-"AAPL, MSFT, BRK.B"}

if [[ ! -f "$jar" ]]; then
  echo "== building $jar (first run only)"
  mvn -q -B package -DskipTests
fi
rm -rf "$out" && mkdir -p "$out"

# Created here, not by the background job's redirection, so the poll below never races it.
: >"$out/sandbox.log"
java -cp "$jar" dev.stockticker.sandbox.SandboxServer --port 0 >"$out/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  url=$(sed -n 's/^sandbox listening on //p' "$out/sandbox.log")
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "${url:-}" ]] || { echo "the sandbox did not start:"; cat "$out/sandbox.log"; exit 1; }
echo "== sandbox (a fake Polygon API) listening on $url"

start=$(date -u -d '-21 days' +%F)
cat >"$out/config.json" <<JSON
{"api_key": "sandbox", "stock_ticker": "$tickers", "start_date": "$start", "base_url": "$url"}
JSON
echo "== config: $(cat "$out/config.json")"

connector() { java -jar "$jar" "$@"; }

# Prints what a run emitted: message counts, records per stream (per ticker for prices), the last
# STATE of each stream, and LOGs.
summarize() {
  python3 - "$1" <<'PY'
import json, sys, collections
msgs = [json.loads(line) for line in open(sys.argv[1])]
kinds = collections.Counter(m["type"] if m["type"] != "TRACE" else "TRACE " + m["trace"]["type"] for m in msgs)
print("   messages: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
per = collections.defaultdict(list)
sessions = collections.Counter()
for m in msgs:
    if m["type"] == "RECORD":
        stream, d = m["record"]["stream"], m["record"]["data"]
        if stream in ("stock_prices", "intraday_prices"):
            per[f"{stream} {d['stock_ticker']}"].append(d.get("timestamp") or d["date"])
            if stream == "intraday_prices":
                sessions[d["session"]] += 1
        else:
            per[stream].append(d.get("stock_ticker"))
for key, values in per.items():
    if key.startswith(("stock_prices", "intraday_prices")):
        print(f"   {key}: {len(values)} record(s), {values[0]} .. {values[-1]}")
    else:
        print(f"   {key}: {len(values)} record(s) for {', '.join(sorted(set(values)))}")
if sessions:
    print("   intraday sessions: " + ", ".join(f"{n} {s}" for s, n in sessions.items()))
for m in msgs:
    if m["type"] == "LOG":
        print("   log: " + m["log"]["message"])
    if m["type"] == "CONNECTION_STATUS":
        print("   status: " + m["connectionStatus"]["status"] + " - " + m["connectionStatus"].get("message", ""))
    if m["type"] == "CATALOG":
        for s in m["catalog"]["streams"]:
            print(f"   stream {s['name']}: fields {', '.join(s['json_schema']['properties'])}; modes {s['supported_sync_modes']}")
    if m["type"] == "TRACE" and m["trace"]["type"] == "ERROR":
        print("   ERROR: " + m["trace"]["error"]["message"])
last = {}
for m in msgs:
    if m["type"] == "STATE":
        last[m["state"]["stream"]["stream_descriptor"]["name"]] = m["state"]["stream"]["stream_state"]
for stream, state in last.items():
    print(f"   last state of {stream}: " + json.dumps(state))
PY
}

step() {
  local name=$1; shift
  echo
  echo "== $name: $*"
  connector "$@" >"$out/$name.jsonl"
  summarize "$out/$name.jsonl"
}

step check check --config "$out/config.json"
step discover discover --config "$out/config.json"

# A catalog of everything but the intraday bars, in full refresh, built from discover's output.
python3 - "$out/discover.jsonl" >"$out/full_refresh_catalog.json" <<'PY'
import json, sys
catalog = [json.loads(l) for l in open(sys.argv[1]) if json.loads(l)["type"] == "CATALOG"][0]["catalog"]
streams = [{"stream": s, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}
           for s in catalog["streams"] if s["name"] != "intraday_prices"]
print(json.dumps({"streams": streams}))
PY
step full-refresh read --config "$out/config.json" --catalog "$out/full_refresh_catalog.json"
step incremental-1 read --config "$out/config.json" --catalog incremental_configured_catalog.json

# What the platform would pass next time: an array holding the last STATE's state object.
python3 - "$out/incremental-1.jsonl" >"$out/state.json" <<'PY'
import json, sys
states = [json.loads(l)["state"] for l in open(sys.argv[1]) if json.loads(l)["type"] == "STATE"]
print(json.dumps([states[-1]]))
PY
echo
echo "== wrote $out/state.json: $(cat "$out/state.json")"

step incremental-2 read --config "$out/config.json" --catalog incremental_configured_catalog.json --state "$out/state.json"

echo
python3 - "$out/incremental-1.jsonl" "$out/incremental-2.jsonl" <<'PY'
import json, sys
def load(path):
    return [json.loads(l) for l in open(path)]
first, second = load(sys.argv[1]), load(sys.argv[2])
cursors = [m for m in first if m["type"] == "STATE"][-1]["state"]["stream"]["stream_state"]["tickers"]
again = [(m["record"]["data"]["stock_ticker"], m["record"]["data"]["date"]) for m in second if m["type"] == "RECORD"]
final_again = [r for r in again if r[0] in cursors and r[1] <= cursors[r[0]]]
print(f"== second incremental read: {len(again)} record(s); {len(final_again)} of them already final in the first read")
print("   (only bars after each ticker's cursor are read again: today's bar is not final until the day is over)")
sys.exit(1 if final_again else 0)
PY

# A state written by a sync a week ago, in the tutorial's form: BRK.B has split since (the
# sandbox splits it a few trading days before its start), so its bars from then are stale and
# the split rule reads its whole history again; AAPL and MSFT resume at the cursor.
week_ago=$(date -u -d '-8 days' +%F)
echo "{\"stock_prices\": {\"date\": \"$week_ago\"}}" >"$out/week-old-state.json"
step after-a-split read --config "$out/config.json" --catalog incremental_configured_catalog.json --state "$out/week-old-state.json"

# A day of one ticker's minute bars: the last Tuesday to Thursday before today that is no fixed
# holiday nor Thanksgiving (Mondays and Fridays hold the other NYSE holidays), so it has bars.
python3 - "$url" >"$out/intraday_config.json" <<'PY'
import datetime, json, sys
def trading(day):
    thanksgiving = day.month == 11 and day.weekday() == 3 and 22 <= day.day <= 28
    return day.weekday() in (1, 2, 3) and not thanksgiving and (day.month, day.day) not in (
        (1, 1), (6, 19), (7, 4), (12, 25))
day = datetime.date.today() - datetime.timedelta(days=1)
while not trading(day):
    day -= datetime.timedelta(days=1)
print(json.dumps({"api_key": "sandbox", "stock_ticker": "AAPL", "start_date": day.isoformat(),
                  "end_date": day.isoformat(), "base_url": sys.argv[1]}))
PY
cat >"$out/intraday_catalog.json" <<'JSON'
{"streams": [{"stream": {"name": "intraday_prices", "json_schema": {}, "supported_sync_modes": ["full_refresh", "incremental"]}, "sync_mode": "incremental", "destination_sync_mode": "append_dedup"}]}
JSON
step minute-bars read --config "$out/intraday_config.json" --catalog "$out/intraday_catalog.json"
echo "== done; every message is in $out/"
