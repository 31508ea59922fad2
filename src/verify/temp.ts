/**
 * Scratch directories for a boot check (the disk image alone is as big as the root
 * filesystem), removed in `finally` and also when the process ends on SIGINT/SIGTERM:
 * a cancelled CI job must not leave gigabytes behind on a self-hosted runner.
 *
 * The qemu process itself is killed by execa's own exit hook (run() keeps execa's
 * `cleanup` default), which runs when the signal below is raised again.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Every scratch directory of this process starts with this, so tests can look for leftovers. */
export const TEMP_PREFIX = `kiln-verify-${process.pid}-`

const live = new Set<string>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

function removeAllNow(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true })
  live.clear()
}

function onSignal(signal: NodeJS.Signals): void {
  removeAllNow()
  unhook()
  // Raise it again so the default action (or the next handler) still ends the process.
  process.kill(process.pid, signal)
}

let hooked = false
function hook(): void {
  if (hooked) return
  hooked = true
  process.on('exit', removeAllNow)
  for (const s of SIGNALS) process.on(s, onSignal)
}
function unhook(): void {
  if (!hooked) return
  hooked = false
  process.off('exit', removeAllNow)
  for (const s of SIGNALS) process.off(s, onSignal)
}

/** Creates a scratch directory that disappears with the process if `dispose` never runs. */
export function makeScratchDir(parent = tmpdir()): { path: string; dispose: () => Promise<void> } {
  const path = mkdtempSync(join(parent, TEMP_PREFIX))
  live.add(path)
  hook()
  return {
    path,
    dispose: async () => {
      await rm(path, { recursive: true, force: true })
      live.delete(path)
      if (live.size === 0) unhook()
    }
  }
}
