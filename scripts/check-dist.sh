#!/usr/bin/env bash
# dist/ is what the Action and `kiln` run: it must be exactly what the sources build.
# `git diff` misses new untracked files, so ask `git status --porcelain` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build >/dev/null
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ is stale or has untracked files; run 'npm run build' and commit dist/:" >&2
  git status --porcelain -- dist | head -20 >&2
  exit 1
fi
echo "dist/ is up to date"
