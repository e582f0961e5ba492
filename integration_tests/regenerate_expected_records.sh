#!/usr/bin/env bash
# Regenerates integration_tests/expected_records.jsonl, the records CAT's basic_read expects, in
# CAT's format: one {"stream":"stock_prices","data":{...},"emitted_at":...} per line.
#
#   integration_tests/regenerate_expected_records.sh            # real Polygon (needs a real key)
#   integration_tests/regenerate_expected_records.sh --sandbox  # the local sandbox (the committed file)
#
# It runs the connector jar's `read` with the basic_read config and catalog of
# acceptance-test-config.yml: secrets/expected_records_config.json (a FIXED past window, so the
# records never change) and fullrefresh_configured_catalog.json. With --sandbox it starts the local
# Polygon sandbox, reads secrets/expected_records_config.example.json with its api_key and base_url
# pointed at the sandbox, and stops the sandbox again. Needs java, and python3 for --sandbox.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

jar=target/source-stock-ticker-api.jar
catalog=fullrefresh_configured_catalog.json
out=integration_tests/expected_records.jsonl
config=secrets/expected_records_config.json
sandbox=false
case "${1:-}" in
  --sandbox) sandbox=true ;;
  "") ;;
  *) echo "usage: $0 [--sandbox]" >&2; exit 2 ;;
esac

if [[ ! -f "$jar" ]]; then
  echo "building $jar ..." >&2
  mvn -q -B package -DskipTests >&2
fi

tmp=$(mktemp -d)
sandbox_pid=
cleanup() {
  if [[ -n "$sandbox_pid" ]]; then kill "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if $sandbox; then
  java -cp "$jar" dev.stockticker.sandbox.SandboxServer --port 0 --api-key sandbox >"$tmp/sandbox.out" 2>&1 &
  sandbox_pid=$!
  url=
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^sandbox listening on //p' "$tmp/sandbox.out")
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  if [[ -z "$url" ]]; then
    echo "the sandbox did not start:" >&2; cat "$tmp/sandbox.out" >&2; exit 1
  fi
  python3 - "secrets/expected_records_config.example.json" "$url" >"$tmp/config.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config.update(api_key="sandbox", base_url=sys.argv[2])
config.pop("requests_per_minute", None)  # the sandbox has no rate limit
print(json.dumps(config))
PY
  config="$tmp/config.json"
elif [[ ! -f "$config" ]]; then
  echo "$config is missing: copy secrets/expected_records_config.example.json and put your key in it" >&2
  exit 1
fi

java -jar "$jar" read --config "$config" --catalog "$catalog" >"$tmp/read.jsonl"
if grep -q '^{"type":"TRACE","trace":{"type":"ERROR"' "$tmp/read.jsonl"; then
  echo "the read failed:" >&2
  grep '^{"type":"TRACE","trace":{"type":"ERROR"' "$tmp/read.jsonl" >&2
  exit 1
fi
# Each RECORD line is {"type":"RECORD","record":{...}}: keep the inner record message.
sed -n 's/^{"type":"RECORD","record":\(.*\)}$/\1/p' "$tmp/read.jsonl" >"$tmp/records.jsonl"
if [[ ! -s "$tmp/records.jsonl" ]]; then
  echo "the read returned no records; is the window in $config a past one with trading days?" >&2
  exit 1
fi
mv "$tmp/records.jsonl" "$out"
echo "wrote $(wc -l <"$out" | tr -d ' ') record(s) to $out" >&2
