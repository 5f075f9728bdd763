#!/usr/bin/env bash
# The site's browser tests (test/site/*.browser.test.ts) drive a real headless Chromium through
# puppeteer-core, which downloads no browser: they use the system's. Install Debian's `chromium`
# when it is missing and we may (root with apt-get, as in CI); otherwise say how.
# test/helpers/browser.ts looks in the same places: $CHROMIUM_PATH, then these names on PATH.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file. Point it at a Chromium or Chrome binary, or unset it." >&2
  exit 1
fi
for name in chromium chromium-browser google-chrome-stable google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing chromium (Debian package) for the browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: no Chromium found. Install it (e.g. sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary, and run npm test again." >&2
exit 1
