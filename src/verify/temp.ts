/**
 * Scratch directories for a boot check (the disk image alone is as big as the root
 * filesystem), removed in `finally`, and also when the process ends on a signal
 * (util/lifecycle.ts): a cancelled CI job must not leave gigabytes behind on a self-hosted
 * runner. The name carries the owner, so the next run removes those of a SIGKILLed one.
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tempPrefix, trackDir } from '../util/lifecycle.js'

/** Every scratch directory of this process starts with this, so tests can look for leftovers. */
export const TEMP_PREFIX = tempPrefix('verify')

/** Creates a scratch directory that disappears with the process if `dispose` never runs. */
export function makeScratchDir(parent = tmpdir()): { path: string; dispose: () => Promise<void> } {
  const path = mkdtempSync(join(parent, TEMP_PREFIX))
  const untrack = trackDir(path)
  return {
    path,
    dispose: async () => {
      await rm(path, { recursive: true, force: true })
      untrack()
    }
  }
}
