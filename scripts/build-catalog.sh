#!/usr/bin/env bash
# Builds the example catalog in images/ for real: store in .kiln/store, archives in out/.
# No GitHub needed. Extra arguments go to `kiln build` (e.g. --target NAME, --jobs 2).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node dist/cli/index.js build -f images/IMAGES.json "$@"
