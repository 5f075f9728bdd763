#!/usr/bin/env bash
# The queue tests run against a real Redis server (the one Docket keeps jobs in across
# app instances when REDIS_URL is set). Install it from Debian's packages when
# it is missing and we may (root with apt-get, as in CI); otherwise say how.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: installing redis-server (Debian package) for the queue tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package starts a system service; the tests start their own server on a free port.
  (service redis-server stop || true) >/dev/null 2>&1
  exit 0
fi
echo "ensure-redis: redis-server is not installed. Install it (e.g. sudo apt-get install redis-server) and run npm test again." >&2
exit 1
