#!/bin/sh
# ensure-chromium.sh: make sure Debian's chromium is at /usr/bin/chromium for
# the browser tests (web/test). Idempotent: does nothing when it is there.
# Installs it with apt-get when missing, which needs root; never downloads a
# browser any other way (no `playwright install`).
set -eu
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "ensure-chromium: $CHROMIUM is missing and installing it needs root." >&2
	echo "ensure-chromium: run 'sudo apt-get install -y chromium' (or this script as root), then retry." >&2
	exit 1
fi
echo "ensure-chromium: installing Debian's chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2 || echo "ensure-chromium: apt-get update failed; trying the install with the cached lists" >&2
apt-get install -y -q --no-install-recommends chromium >&2
if [ ! -x "$CHROMIUM" ]; then
	echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
	exit 1
fi
