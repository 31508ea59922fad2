/** A depth-first walk of a directory tree that never follows symlinks (names relative to the root). */
import type { Dirent } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

export async function* walk(root: string, rel = ''): AsyncGenerator<{ rel: string; entry: Dirent }> {
  const entries = await readdir(join(root, rel), { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const r = rel ? `${rel}/${entry.name}` : entry.name
    yield { rel: r, entry }
    if (entry.isDirectory()) yield* walk(root, r)
  }
}

/**
 * The host path of `rel` (a binary string: one char per byte) under `root`, as a Buffer:
 * node's fs calls take Buffer paths, so a name that is not UTF-8 reaches the kernel as the
 * bytes it is, where a string path would be re-encoded as UTF-8 (and name another file).
 */
export function hostPath(root: string, rel: string): Buffer {
  return rel ? Buffer.concat([Buffer.from(`${root}/`), Buffer.from(rel, 'latin1')]) : Buffer.from(root)
}

/**
 * Like walk(), with names as binary strings (one char per byte, as the exporters keep tar
 * names) read with Buffer readdir, so that a name that is not UTF-8 is neither replaced by
 * U+FFFD nor confused with another; byte order. Open entries with hostPath(root, rel).
 */
export async function* walkBytes(
  root: string,
  rel = ''
): AsyncGenerator<{ rel: string; entry: Dirent<Buffer> }> {
  const entries = await readdir(hostPath(root, rel), { withFileTypes: true, encoding: 'buffer' })
  entries.sort((a, b) => Buffer.compare(a.name, b.name))
  for (const entry of entries) {
    const name = entry.name.toString('latin1')
    const r = rel ? `${rel}/${name}` : name
    yield { rel: r, entry }
    if (entry.isDirectory()) yield* walkBytes(root, r)
  }
}
