/**
 * Paths inside an image root, resolved as a process whose root is that directory would see
 * them: every component is looked up one at a time *inside* the root, `..` never climbs above
 * it, and a symlink's target is read again from the root (an absolute target starts at the
 * root, not at the host's /). This is what runc and umoci do with filepath-securejoin; Kiln
 * runs as root, so host-side code must never let the kernel follow an image's own links.
 *
 * Every piece of code that reads or writes an image tree on the host goes through here:
 * `resolveInRoot` to find what exists (and which links lead to it), `secureJoin` to get the
 * host path to read or create. Both are lookups, not locks: they are safe against the
 * image's content, not against another process changing the tree meanwhile (Kiln's trees
 * are private to the build that unpacked them).
 */
import { lstat, readlink } from 'node:fs/promises'
import { join } from 'node:path'

export interface Resolved {
  /** The final path (relative to the root, no leading slash), or null if it does not exist. */
  real: string | null
  /** Every path (relative) that was a symlink on the way. */
  links: string[]
}

/** As the kernel's own limit on links followed in one lookup (ELOOP). */
const MAX_LINKS = 40

export class RootEscapeError extends Error {
  constructor(
    readonly root: string,
    readonly path: string,
    reason: string
  ) {
    super(`${path} inside ${root}: ${reason}`)
    this.name = 'RootEscapeError'
  }
}

interface Walk {
  /** Components resolved so far, relative to the root. */
  done: string[]
  /** What was left when a component did not exist (empty when the whole path exists). */
  rest: string[]
  links: string[]
}

function parts(path: string): string[] {
  return path.split('/').filter((p) => p && p !== '.')
}

async function walk(root: string, path: string): Promise<Walk | null> {
  const links: string[] = []
  let todo = parts(path)
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
    if (!st) return { done, rest: [part, ...todo], links }
    if (st.isSymbolicLink()) {
      if (++hops > MAX_LINKS) return null
      links.push(rel)
      const target = await readlink(join(root, rel))
      if (target.startsWith('/')) done.length = 0
      todo = [...parts(target), ...todo]
      continue
    }
    done.push(part)
  }
  return { done, rest: [], links }
}

/** Where `path` leads inside `root`, following links within the root; null if it does not exist. */
export async function resolveInRoot(root: string, path: string): Promise<Resolved> {
  const w = await walk(root, path)
  if (!w || w.rest.length) return { real: null, links: w?.links ?? [] }
  return { real: w.done.join('/'), links: w.links }
}

/**
 * The host path for `path` inside `root`, safe to open, create or replace: the part that
 * exists is resolved within the root, the part that does not is appended with `..` clamped
 * at the root. The result always lies under `root`. Throws RootEscapeError on a link loop.
 */
export async function secureJoin(root: string, path: string): Promise<string> {
  const w = await walk(root, path)
  if (!w) throw new RootEscapeError(root, path, `more than ${MAX_LINKS} symbolic links`)
  const rel = [...w.done]
  for (const p of w.rest) {
    if (p === '..') rel.pop()
    else rel.push(p)
  }
  return rel.length ? join(root, ...rel) : root
}
