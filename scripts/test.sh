#!/usr/bin/env bash
# The whole test suite: set-up, lint, types, unit tests, dist freshness, then the
# integration tests that drive the real Docker engine, packer, umoci, skopeo and qemu.
# Ends with one line counting every test: "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
npm run --silent lint
npm run --silent typecheck
npm test --silent -- --json --outputFile="$results/unit.json" || status=1
bash scripts/check-dist.sh || status=1
npm run --silent test:itg -- --json --outputFile="$results/itg.json" || status=1
node scripts/count-tests.mjs "$results"/*.json
exit $status
