#!/usr/bin/env -S node --max-semi-space-size=1
// The `kiln` command line: parses arguments, calls the engine, maps errors to exit statuses.
// The small young generation (1 MiB semi-spaces, against 16 by default) keeps the flattener's
// peak RSS ~45 MB lower at no measured cost in speed: its long-lived path index would otherwise
// grow the young generation to the maximum (bench/README.md). `node dist/cli/index.js` runs
// without it; the `kiln` command (this file through its #! line) runs with it.
import { main } from './main.js'

main(process.argv).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(
      `kiln: [internal error] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`
    )
    process.exitCode = 1
  }
)
