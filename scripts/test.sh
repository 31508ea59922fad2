#!/usr/bin/env bash
# The whole test suite: set-up, lint, types, unit tests, dist freshness, then the
# integration tests that drive the real Docker engine, packer, umoci, skopeo and qemu.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent lint
npm run --silent typecheck
npm test --silent
bash scripts/check-dist.sh
npm run --silent test:itg
