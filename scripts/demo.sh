#!/usr/bin/env bash
# README command 1: a real sync end to end against the embedded sandbox (no API key, no network).
# Builds the jar if needed, starts the sandbox on a free local port, then runs check, discover, a
# full refresh, an incremental read that writes state.json, and a second incremental read from it.
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

# Prints what a run emitted: message counts, record range per ticker, the last STATE, and LOGs.
summarize() {
  python3 - "$1" <<'PY'
import json, sys, collections
msgs = [json.loads(line) for line in open(sys.argv[1])]
kinds = collections.Counter(m["type"] if m["type"] != "TRACE" else "TRACE " + m["trace"]["type"] for m in msgs)
print("   messages: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
per = collections.defaultdict(list)
for m in msgs:
    if m["type"] == "RECORD":
        d = m["record"]["data"]; per[d["stock_ticker"]].append(d["date"])
for t, dates in per.items():
    print(f"   {t}: {len(dates)} record(s), {dates[0]} .. {dates[-1]}")
for m in msgs:
    if m["type"] == "LOG":
        print("   log: " + m["log"]["message"])
    if m["type"] == "CONNECTION_STATUS":
        print("   status: " + m["connectionStatus"]["status"] + " - " + m["connectionStatus"].get("message", ""))
    if m["type"] == "CATALOG":
        s = m["catalog"]["streams"][0]
        print(f"   stream {s['name']}: fields {', '.join(s['json_schema']['properties'])}; modes {s['supported_sync_modes']}")
    if m["type"] == "TRACE" and m["trace"]["type"] == "ERROR":
        print("   ERROR: " + m["trace"]["error"]["message"])
states = [m for m in msgs if m["type"] == "STATE"]
if states:
    print("   last state: " + json.dumps(states[-1]["state"]["stream"]["stream_state"]))
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
step full-refresh read --config "$out/config.json" --catalog fullrefresh_configured_catalog.json
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
echo "== done; every message is in $out/"
