#!/usr/bin/env bash
# The whole test suite (README command 2; .ci/run runs exactly this):
#   1. `mvn verify`: unit and end-to-end tests (surefire), the jar, then the tests that run the
#      real jar as a process (failsafe: the offline acceptance tests among them);
#   2. the container test, which builds the Docker image and runs it the way Airbyte does. It
#      needs a Docker engine, or ../shared/tools (this project's podman shim); without either it
#      is skipped with a message saying so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mvn -B -ntp verify

if { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; } \
    || [[ -x "$root/../shared/tools/container-setup.sh" ]]; then
  bash scripts/container-test.sh
else
  echo "container test: skipped: no Docker engine and no ../shared/tools podman shim here"
fi
