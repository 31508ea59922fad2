import type { Command } from 'commander'
import type { Reporter } from '../../util/log.js'

export interface CliContext {
  reporter: Reporter
  /** A command sets this to report failure without throwing (e.g. some images failed). */
  exitCode: number
}

/** Each command module exports one of these; commands/index.ts lists them. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void
