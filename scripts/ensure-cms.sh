#!/bin/sh
# The browser editor's test (tests/test_cms_browser.py) runs Decap CMS against its local
# backend, decap-server: both pinned in tests/cms/package-lock.json, installed with npm ci
# when missing. Node.js and npm come from scripts/ensure-node-clients.sh, which runs first.
set -e
cd "$(dirname "$0")/.."
if [ ! -f tests/cms/node_modules/decap-cms/dist/decap-cms.js ] || [ ! -d tests/cms/node_modules/decap-server ]; then
  (cd tests/cms && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts)
fi
