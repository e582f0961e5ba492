#!/usr/bin/env bash
# Runs the local Polygon.io sandbox server, e.g.:
#   scripts/sandbox.sh --port 8089 --page-size 3 --rate-limit 5/60000 --verbose
# Prints "sandbox listening on http://127.0.0.1:PORT" once ready; runs until killed.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/source-stock-ticker-api.jar
if [[ ! -f "$jar" ]]; then
  echo "building $jar ..." >&2
  mvn -q -B package -DskipTests >&2
fi
exec java -cp "$jar" dev.stockticker.sandbox.SandboxServer "$@"
