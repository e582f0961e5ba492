#!/usr/bin/env bash
# Container test: builds the connector image and runs it the way the Airbyte platform does
# (`docker run --rm -v SECRETS:/secrets IMAGE read --config /secrets/config.json ...`) against the
# local Polygon sandbox, then checks the image's entrypoint, user and labels.
#
#   scripts/container-test.sh            # ~30 s once the base image exists
#
# Uses the `docker` on PATH. Without a working Docker engine, and when ../shared/tools exists
# next to the repository, it puts that folder's podman-backed `docker` shim first on PATH
# (container-setup.sh). Needs java and python3 on the host (no jq, no PyYAML).
# Env: IMAGE (default airbyte/source-stock-ticker-api:dev), REBUILD_JAR=1 to force `mvn package`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
IMAGE=${IMAGE:-airbyte/source-stock-ticker-api:dev}
JAR=target/source-stock-ticker-api.jar
started=$(date +%s)

# ---------------------------------------------------------------- docker
if ! { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }; then
  if [[ -x "$root/../shared/tools/container-setup.sh" ]]; then
    echo "container-test: no working docker engine; using the podman shim from ../shared/tools" >&2
    shim=$("$root/../shared/tools/container-setup.sh")
    PATH="$shim:$PATH"
    export PATH
  else
    echo "container-test: no working docker (install Docker, or podman with a docker shim)" >&2
    exit 1
  fi
fi

# ---------------------------------------------------------------- results
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS  $1"; }
fail() {
  failed=$((failed + 1)); echo "FAIL  $1${2:+ -- $2}"
}
# check NAME CMD...: PASS when CMD succeeds. The first line of its output is the detail; further
# lines (warnings) are printed after the result.
check() {
  local name=$1 out rc=0; shift
  out=$("$@" 2>&1) || rc=$?
  local detail=${out%%$'\n'*} rest=
  [[ "$out" == *$'\n'* ]] && rest=${out#*$'\n'}
  if [[ $rc == 0 ]]; then pass "$name${detail:+ ($detail)}"; else fail "$name" "$detail"; fi
  if [[ -n "$rest" ]]; then printf '%s\n' "$rest"; fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/container-test.XXXXXX")
sandbox_pid=
cleanup() {
  if [[ -n "$sandbox_pid" ]]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- jar and image
jar_has_sandbox() {
  python3 -c 'import sys, zipfile; sys.exit(0 if "dev/stockticker/sandbox/SandboxServer.class" in zipfile.ZipFile(sys.argv[1]).namelist() else 1)' "$JAR" 2>/dev/null
}
if [[ ! -f "$JAR" || "${REBUILD_JAR:-0}" == 1 ]] || ! jar_has_sandbox; then
  echo "container-test: building $JAR (mvn package)" >&2
  mvn -q -B package -DskipTests >&2
fi
jar_has_sandbox || { echo "container-test: $JAR has no sandbox server (dev.stockticker.sandbox.SandboxServer)" >&2; exit 1; }

echo "container-test: docker build -t $IMAGE ." >&2
if ! docker build -t "$IMAGE" . >"$tmp/build.log" 2>&1; then
  tail -30 "$tmp/build.log" >&2
  fail "docker build" "see the log above"
  echo "container test: $passed passed, $failed failed"
  exit 1
fi
pass "docker build -t $IMAGE ."

# ---------------------------------------------------------------- sandbox on the host
java -cp "$JAR" dev.stockticker.sandbox.SandboxServer --port 0 >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
sandbox_pid=$!
base_url=
for _ in $(seq 1 100); do
  base_url=$(sed -n 's/^sandbox listening on \(http:[^ ]*\).*/\1/p' "$tmp/sandbox.out" | head -1)
  [[ -n "$base_url" ]] && break
  kill -0 "$sandbox_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$base_url" ]]; then
  cat "$tmp/sandbox.err" >&2
  echo "container-test: the sandbox did not start" >&2
  exit 1
fi
echo "container-test: sandbox at $base_url" >&2

# ---------------------------------------------------------------- secrets folder
secrets="$tmp/secrets"
mkdir "$secrets"
printf '{"api_key":"sandbox","stock_ticker":"AAPL, MSFT","start_date":"2024-01-02","base_url":"%s"}\n' "$base_url" >"$secrets/config.json"
printf '{"api_key":"wrong-key","stock_ticker":"AAPL, MSFT","start_date":"2024-01-02","base_url":"%s"}\n' "$base_url" >"$secrets/invalid_config.json"
cp fullrefresh_configured_catalog.json "$secrets/fullrefresh_catalog.json"
cp incremental_configured_catalog.json "$secrets/catalog.json"
cp abnormal_state.json "$secrets/abnormal_state.json"
echo '[]' >"$secrets/state.json"
# The image runs as `airbyte`, not as the host user who owns these files.
chmod 755 "$tmp" "$secrets"
chmod 644 "$secrets"/*

# With SELinux enforcing the folder must be relabelled (:Z); elsewhere a plain mount works.
mount_opt=
for opt in "" ":Z"; do
  if docker run --rm -v "$secrets:/secrets$opt" --entrypoint /bin/sh "$IMAGE" \
      -c 'test -r /secrets/config.json' >/dev/null 2>&1; then
    mount_opt=$opt
    break
  fi
  [[ "$opt" == ":Z" ]] && { echo "container-test: the image cannot read a mounted folder" >&2; exit 1; }
done
echo "container-test: volume mount option '${mount_opt:-none}'" >&2

# run NAME ARGS...: the connector as the platform runs it; stdout, stderr and exit code to $tmp/NAME.*
run() {
  local name=$1; shift
  local rc=0
  docker run --rm --network host -v "$secrets:/secrets$mount_opt" "$IMAGE" "$@" \
    >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
  echo "$rc" >"$tmp/$name.rc"
}

# ---------------------------------------------------------------- output checks (python3, stdlib only)
cat >"$tmp/verify.py" <<'PY'
import json, re, sys

def messages(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.strip():
            out.append(json.loads(line))
    return out

def of(msgs, kind):
    return [m for m in msgs if m.get("type") == kind]

def rc_ok(name, tmp):
    rc = open(f"{tmp}/{name}.rc").read().strip()
    if rc != "0":
        err = open(f"{tmp}/{name}.err", encoding="utf-8", errors="replace").read().strip().splitlines()
        traces = [m["trace"]["error"]["message"] for m in of(messages(f"{tmp}/{name}.out"), "TRACE")
                  if m["trace"].get("type") == "ERROR"]
        raise SystemExit(f"exit code {rc}; {traces[:1] or err[-1:]}")

def records(msgs):
    return [m["record"] for m in of(msgs, "RECORD")]

def states(msgs):
    return [m["state"] for m in of(msgs, "STATE")]

def main():
    what, tmp, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    if what == "json-lines":
        bad, padded, total = [], 0, 0
        for name in args:
            for n, line in enumerate(open(f"{tmp}/{name}.out", encoding="utf-8"), 1):
                total += 1
                try:
                    msg = json.loads(line)
                    if not isinstance(msg, dict) or "type" not in msg:
                        raise ValueError("not an AirbyteMessage")
                except ValueError as e:
                    bad.append(f"{name}:{n}: {line[:80]!r} ({e})")
                    continue
                if not line.startswith("{"):
                    padded += 1
        if bad:
            raise SystemExit(f"{len(bad)} non-JSON stdout line(s): " + "; ".join(bad[:3]))
        print(f"{total} lines from {len(args)} runs")
        if padded:
            print(f"WARN  {padded} of {total} stdout lines start with whitespace before the JSON object"
                  " (still valid JSON; Jackson's default root-value separator)")
    elif what == "spec":
        rc_ok("spec", tmp)
        specs = of(messages(f"{tmp}/spec.out"), "SPEC")
        if len(specs) != 1:
            raise SystemExit(f"{len(specs)} SPEC messages")
        expected = json.load(open(args[0], encoding="utf-8"))
        if specs[0]["spec"] != expected:
            raise SystemExit(f"SPEC differs from {args[0]}")
        print(f"equals {args[0]}")
    elif what == "check":
        name, want = args
        rc_ok(name, tmp)
        st = of(messages(f"{tmp}/{name}.out"), "CONNECTION_STATUS")
        if len(st) != 1:
            raise SystemExit(f"{len(st)} CONNECTION_STATUS messages")
        status = st[0]["connectionStatus"]["status"]
        if status != want:
            raise SystemExit(f"status {status}: {st[0]['connectionStatus'].get('message')}")
        print(f"{status}, exit 0")
    elif what == "discover":
        rc_ok("discover", tmp)
        cats = of(messages(f"{tmp}/discover.out"), "CATALOG")
        if len(cats) != 1:
            raise SystemExit(f"{len(cats)} CATALOG messages")
        names = [s["name"] for s in cats[0]["catalog"]["streams"]]
        if "stock_prices" not in names:
            raise SystemExit(f"streams {names}")
        print(f"streams {names}")
    elif what == "read":
        name = args[0]
        rc_ok(name, tmp)
        msgs = messages(f"{tmp}/{name}.out")
        recs, sts = records(msgs), states(msgs)
        if not recs:
            raise SystemExit("no RECORD")
        if not sts:
            raise SystemExit("no STATE")
        if any(s.get("type") != "STREAM" for s in sts):
            raise SystemExit("a STATE that is not per-stream")
        others = {r["stream"] for r in recs} - {"stock_prices"}
        if others:
            raise SystemExit(f"records of unexpected streams {others}")
        print(f"{len(recs)} records, {len(sts)} STATE")
    elif what == "state-file":
        # what the platform passes to the next sync: the latest per-stream state, as an array
        name, dest = args
        last = states(messages(f"{tmp}/{name}.out"))[-1]
        saved = {"type": last["type"], "stream": last["stream"]}
        json.dump([saved], open(dest, "w", encoding="utf-8"))
        print(json.dumps(saved["stream"]["stream_state"]))
    elif what == "incremental":
        first, second = args
        rc_ok(second, tmp)
        msgs1, msgs2 = messages(f"{tmp}/{first}.out"), messages(f"{tmp}/{second}.out")
        state1 = states(msgs1)[-1]["stream"]["stream_state"]
        if not states(msgs2):
            raise SystemExit("second read wrote no STATE")
        cursors = state1.get("tickers") or {}
        def cursor(ticker):
            return cursors.get(ticker, state1.get("date"))
        final1 = {(r["data"]["stock_ticker"], r["data"]["date"]) for r in records(msgs1)
                  if cursor(r["data"]["stock_ticker"]) and r["data"]["date"] <= cursor(r["data"]["stock_ticker"])}
        again = [(r["data"]["stock_ticker"], r["data"]["date"]) for r in records(msgs2)]
        bad = sorted(set(again) & final1)
        if bad:
            raise SystemExit(f"{len(bad)} final record(s) of read 1 emitted again, e.g. {bad[:3]}")
        dates = sorted({d for _, d in again})
        print(f"read 2: {len(again)} record(s), dates {dates}; none final in read 1")
    elif what == "abnormal":
        name = args[0]
        rc_ok(name, tmp)
        msgs = messages(f"{tmp}/{name}.out")
        if records(msgs):
            raise SystemExit(f"{len(records(msgs))} RECORD(s) after a far-future state")
        sts = states(msgs)
        if not sts:
            raise SystemExit("no STATE")
        date = sts[-1]["stream"]["stream_state"].get("date")
        if not (isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and date >= "2121-01-01"):
            raise SystemExit(f"cursor {date!r}")
        print(f"no record, cursor {date}")
    elif what == "image":
        cfg = json.load(open(f"{tmp}/inspect.json", encoding="utf-8"))
        if isinstance(cfg, list):
            cfg = cfg[0]
        cfg = cfg.get("Config", cfg)
        ep = cfg.get("Entrypoint") or []
        env = dict(e.split("=", 1) for e in cfg.get("Env") or [])
        labels = cfg.get("Labels") or {}
        check = args[0]
        if check == "entrypoint":
            if not isinstance(ep, list) or len(ep) < 3:
                raise SystemExit(f"not exec form: {ep!r}")
            if not ep[0].startswith("/"):
                raise SystemExit(f"{ep[0]} is not an absolute path")
            if ep[-2:] != ["-jar", "/airbyte/source-stock-ticker-api.jar"]:
                raise SystemExit(f"ends with {ep[-2:]}")
            print(ep[0])
        elif check == "airbyte-entrypoint":
            want = " ".join(ep)
            if env.get("AIRBYTE_ENTRYPOINT") != want:
                raise SystemExit(f"AIRBYTE_ENTRYPOINT={env.get('AIRBYTE_ENTRYPOINT')!r}, entrypoint joined={want!r}")
            print("equals the entrypoint joined by spaces")
        elif check == "user":
            if cfg.get("User") != "airbyte":
                raise SystemExit(f"User={cfg.get('User')!r}")
            print("airbyte")
        elif check == "labels":
            meta = {}
            for line in open("metadata.yaml", encoding="utf-8"):
                m = re.match(r"^\s+(dockerRepository|dockerImageTag):\s*['\"]?([^'\"\s#]+)", line)
                if m:
                    meta[m.group(1)] = m.group(2)
            got = (labels.get("io.airbyte.name"), labels.get("io.airbyte.version"))
            want = (meta.get("dockerRepository"), meta.get("dockerImageTag"))
            if got != want or None in want:
                raise SystemExit(f"labels {got} vs metadata.yaml {want}")
            print(f"{got[0]}:{got[1]}")
        elif check == "version":
            import xml.etree.ElementTree as ET
            pom = ET.parse("pom.xml").getroot()
            ns = {"m": pom.tag[1:].split("}")[0]} if pom.tag.startswith("{") else {}
            pom_version = pom.find("m:version" if ns else "version", ns).text.strip()
            jar_out = open(f"{tmp}/version.out", encoding="utf-8").read().split()
            jar_version = jar_out[-1] if jar_out else None
            label = labels.get("io.airbyte.version")
            if not (label == pom_version == jar_version):
                raise SystemExit(f"label {label}, pom {pom_version}, --version {jar_version}")
            print(f"label = pom = --version = {label}")
        elif check == "entrypoint-args":
            # the entrypoint's JVM options, for re-running with -Xshare:on
            print("\n".join(ep))
    else:
        raise SystemExit(f"unknown check {what}")

main()
PY
v() { python3 "$tmp/verify.py" "$@"; }

# ---------------------------------------------------------------- the connector, as the platform runs it
run spec spec
check "spec: one SPEC, equal to spec.json" v spec "$tmp" spec.json

run check_ok check --config /secrets/config.json
check "check: valid config -> SUCCEEDED" v check "$tmp" check_ok SUCCEEDED

run check_bad check --config /secrets/invalid_config.json
check "check: wrong key -> FAILED, exit 0" v check "$tmp" check_bad FAILED

run discover discover --config /secrets/config.json
check "discover: catalog has stock_prices" v discover "$tmp"

run full read --config /secrets/config.json --catalog /secrets/fullrefresh_catalog.json
check "read full refresh: records and STATE" v read "$tmp" full

run inc1 read --config /secrets/config.json --catalog /secrets/catalog.json --state /secrets/state.json
check "read incremental (state []): records and STATE" v read "$tmp" inc1
if [[ "$(cat "$tmp/inc1.rc")" == 0 ]] && grep -q '"STATE"' "$tmp/inc1.out"; then
  check "incremental: state.json written from the last STATE" v state-file "$tmp" inc1 "$secrets/state.json"
  chmod 644 "$secrets/state.json"
  run inc2 read --config /secrets/config.json --catalog /secrets/catalog.json --state /secrets/state.json
  check "read incremental from that state: no final record again" v incremental "$tmp" inc1 inc2
else
  fail "incremental: second read" "skipped: the first read failed"
fi

run abnormal read --config /secrets/config.json --catalog /secrets/catalog.json --state /secrets/abnormal_state.json
check "read with far-future state: no record, cursor kept" v abnormal "$tmp" abnormal

runs=(spec check_ok check_bad discover full inc1 abnormal)
[[ -f "$tmp/inc2.out" ]] && runs+=(inc2)
check "stdout: every line is an AirbyteMessage JSON" v json-lines "$tmp" "${runs[@]}"

# ---------------------------------------------------------------- the image
docker image inspect "$IMAGE" >"$tmp/inspect.json"
check "image: exec-form ENTRYPOINT, absolute java path" v image "$tmp" entrypoint
check "image: AIRBYTE_ENTRYPOINT" v image "$tmp" airbyte-entrypoint
check "image: User" v image "$tmp" user
check "image: labels = metadata.yaml dockerRepository/dockerImageTag" v image "$tmp" labels
run version --version
check "image: version label = pom <version> = --version" v image "$tmp" version

owner() {
  local o
  o=$(docker run --rm --entrypoint /bin/sh "$IMAGE" -c 'stat -c %U /airbyte /airbyte/source-stock-ticker-api.jar | sort -u')
  [[ "$o" == airbyte ]] || { echo "owned by $o"; return 1; }
  echo "airbyte"
}
check "image: /airbyte owned by airbyte" owner

# The CDS archive is really usable: the same entrypoint with -Xshare:on fails if it is not.
cds() {
  local args=()
  mapfile -t args < <(v image "$tmp" entrypoint-args)
  local i
  for i in "${!args[@]}"; do [[ "${args[$i]}" == -Xshare:auto ]] && args[$i]=-Xshare:on; done
  local out
  out=$(docker run --rm --entrypoint "${args[0]}" "$IMAGE" "${args[@]:1}" spec 2>&1) || { echo "${out:0:300}"; return 1; }
  [[ "$out" == '{"type":"SPEC"'* ]] || { echo "${out:0:300}"; return 1; }
  echo "-Xshare:on starts"
}
check "image: AppCDS archive usable" cds

echo "container-test: took $(( $(date +%s) - started )) s" >&2
echo "container test: $passed passed, $failed failed"
[[ "$failed" == 0 ]]
