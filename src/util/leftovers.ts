/**
 * The sweep on start: what runs killed by SIGKILL (or a power cut) left on disk, removed by
 * the next command that writes. Only names that carry an owner token (lifecycle.ts) whose
 * owner is certainly gone are touched, so two runs side by side never sweep each other.
 */
import { readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ownerIsDead } from './lifecycle.js'

/**
 * A temporary file of an older kiln (`NAME.tmp-PID`, before owner tokens), or the store's
 * blob being written (`.kiln-tmp/PID-HEX.kind`): judged by the pid alone.
 */
const PID_ONLY_FILE = /\.tmp-(\d+)$/
const STORE_TEMP = /^(\d+)-[0-9a-f]+\.\w+$/

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function isDeadTempFile(name: string): boolean {
  if (ownerIsDead('file', name)) return true
  const old = PID_ONLY_FILE.exec(name)
  return old !== null && !pidAlive(Number(old[1]))
}

async function names(dir: string): Promise<Array<{ name: string; dir: boolean }>> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  return entries.map((e) => ({ name: e.name, dir: e.isDirectory() }))
}

async function remove(path: string, removed: string[]): Promise<void> {
  await rm(path, { recursive: true, force: true }).then(
    () => removed.push(path),
    () => undefined // a leftover we cannot remove now is tried again next time
  )
}

/** Temporary directories (`kiln-OWNER-…`) of dead runs in the temp directories kiln uses. */
export async function sweepTempDirs(extra: Array<string | undefined> = []): Promise<string[]> {
  const removed: string[] = []
  const parents = new Set([tmpdir(), process.env.KILN_TMPDIR, process.env.RUNNER_TEMP, ...extra])
  for (const parent of parents) {
    if (!parent) continue
    for (const e of await names(parent))
      if (e.dir && ownerIsDead('dir', e.name)) await remove(join(parent, e.name), removed)
  }
  return removed
}

/**
 * Temporary files (`NAME.tmp-OWNER…`) of dead runs in `dir` and its subdirectories down to
 * `depth` levels (out/ holds out/NAME/image.tar.gz.tmp-…: depth 1).
 */
export async function sweepTempFiles(dir: string, depth = 1): Promise<string[]> {
  const removed: string[] = []
  const walk = async (d: string, level: number): Promise<void> => {
    for (const e of await names(d)) {
      const path = join(d, e.name)
      if (!e.dir && isDeadTempFile(e.name)) await remove(path, removed)
      else if (e.dir && level < depth) await walk(path, level + 1)
    }
  }
  await walk(dir, 0)
  return removed
}

/** Blobs a dead writer left half-written in a store's temp directory (`<store>/.kiln-tmp`). */
export async function sweepStoreTemp(storeTmpDir: string): Promise<string[]> {
  const removed: string[] = []
  for (const e of await names(storeTmpDir)) {
    const m = STORE_TEMP.exec(e.name)
    if (m && !pidAlive(Number(m[1]))) await remove(join(storeTmpDir, e.name), removed)
  }
  return removed
}
