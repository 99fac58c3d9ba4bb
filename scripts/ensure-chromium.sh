#!/bin/sh
# The browser tests drive Debian's chromium (Playwright's own browser download does not
# work everywhere). Install it when it is missing and we are allowed to.
set -e
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (sudo)..."
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "warning: /usr/bin/chromium is missing and cannot be installed here; browser tests will be skipped" >&2
fi
