#!/usr/bin/env bash
# Set up a fresh checkout: a virtualenv with the package installed, and the browser assets
# (YASGUI, cytoscape.js) installed from the npm registry by lockfile and copied into
# server/static/vendor/. `scripts/setup.sh test` also installs the test tools and, when missing,
# the headless Chromium the browser tests drive (Debian packages; needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "test" ] && extras="[test]"

python3 -m venv .venv
.venv/bin/python -m pip install --quiet -e ".${extras}"

npm --prefix server/ui ci --no-audit --no-fund --loglevel=error
npm --prefix server/ui run --silent build

if [ "${1:-}" = "test" ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
