#!/bin/sh
# The calendar tests run real clients' parsers (ical.js, node-ical: tests/clients/package.json,
# pinned by its package-lock.json). Install Node.js from Debian when it is missing and we are
# allowed to, then the packages with npm ci when they are missing.
set -e
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm for the calendar client tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm for the calendar client tests (sudo)..."
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "error: Node.js and npm are needed for the calendar client tests; install them" >&2
    exit 1
  fi
fi
if [ ! -d tests/clients/node_modules/ical.js ] || [ ! -d tests/clients/node_modules/node-ical ]; then
  (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error)
fi
