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
