#!/usr/bin/env node
// The `kiln` command line: parses arguments, calls the engine, maps errors to exit statuses.
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
