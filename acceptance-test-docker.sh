#!/usr/bin/env sh
# Runs Airbyte's Connector Acceptance Tests (CAT) against this connector's image, with Docker.
#
#   ./acceptance-test-docker.sh                 # all the suites in acceptance-test-config.yml
#   ./acceptance-test-docker.sh -k incremental  # extra arguments go to CAT's pytest
#
# Builds the jar and the image airbyte/source-stock-ticker-api:dev (or the connector_image of
# acceptance-test-config.yml), then runs airbyte/connector-acceptance-test with this folder mounted
# at /test_input. CAT starts the connector's containers itself through the mounted Docker socket,
# and shares its temporary config files with them through /tmp, hence both mounts.
# Needs a Docker engine, access to Docker Hub and a real key in secrets/config.json.
set -eu
cd "$(dirname "$0")"

CAT_IMAGE=${CAT_IMAGE:-airbyte/connector-acceptance-test:latest}
IMAGE=airbyte/source-stock-ticker-api:dev
if [ -f acceptance-test-config.yml ]; then
  configured=$(sed -n 's/^connector_image:[[:space:]]*["'\'']\{0,1\}\([^"'\''[:space:]#]*\).*/\1/p' acceptance-test-config.yml | head -n 1)
  [ -n "$configured" ] && IMAGE=$configured
else
  echo "acceptance-test-docker: acceptance-test-config.yml not found; CAT will have nothing to run" >&2
fi

# Build the connector: the shaded jar first, then the image that copies it.
mvn -q -B package -DskipTests
docker build -t "$IMAGE" .

docker pull "$CAT_IMAGE"

# -t only when there is a terminal, so the script also works in CI.
tty_flag=
[ -t 1 ] && tty_flag=-t

docker run --rm $tty_flag \
  -v /var/run/docker.sock:/var/run/docker.sock \
  -v /tmp:/tmp \
  -v "$(pwd)":/test_input \
  "$CAT_IMAGE" \
  --acceptance-test-config /test_input "$@"
