/**
 * Paths inside an image root, resolved as a process chrooted there would see them: an
 * absolute symlink target starts again at the image root, `..` never climbs above it.
 * Every link met on the way is reported, so that keeping a file can keep the links that
 * lead to it (`/lib64` → `usr/lib64`, `libc.so.6` → `libc-2.36.so`).
 */
import { lstat, readlink } from 'node:fs/promises'
import { join } from 'node:path'

export interface Resolved {
  /** The final path (relative to the root, no leading slash), or null if it does not exist. */
  real: string | null
  /** Every path (relative) that was a symlink on the way. */
  links: string[]
}

const MAX_LINKS = 40

export async function resolveInRoot(root: string, path: string): Promise<Resolved> {
  const links: string[] = []
  let todo = path.split('/').filter((p) => p && p !== '.')
  const done: string[] = []
  let hops = 0
  while (todo.length) {
    const part = todo.shift() as string
    if (part === '..') {
      done.pop()
      continue
    }
    const rel = [...done, part].join('/')
    const st = await lstat(join(root, rel)).catch(() => null)
    if (!st) return { real: null, links }
    if (st.isSymbolicLink()) {
      if (++hops > MAX_LINKS) return { real: null, links }
      links.push(rel)
      const target = await readlink(join(root, rel))
      if (target.startsWith('/')) done.length = 0
      todo = [...target.split('/').filter((p) => p && p !== '.'), ...todo]
      continue
    }
    done.push(part)
  }
  return { real: done.join('/'), links }
}
