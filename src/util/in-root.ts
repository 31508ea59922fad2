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
import type { Stats } from 'node:fs'
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

/** A symbolic link met on the way: where it is (relative to the root) and what it says. */
export interface LinkOnTheWay {
  path: string
  target: string
}

interface Walk {
  /** Components resolved so far, relative to the root. */
  done: string[]
  /** What was left when a component did not exist (empty when the whole path exists). */
  rest: string[]
  links: LinkOnTheWay[]
  /** What the last resolved component is (null when something was missing). */
  last: Stats | null
}

/**
 * What is at a root-relative path whose parents are known to be directories (not links)
 * of the tree: an lstat, so the path's last component is never followed. Null if absent.
 */
type Lookup = (rel: string) => Promise<{ st: Stats; at: string } | null>

function parts(path: string): string[] {
  return path.split('/').filter((p) => p && p !== '.')
}

async function walk(look: Lookup, path: string): Promise<Walk | null> {
  const links: LinkOnTheWay[] = []
  let todo = parts(path)
  const done: string[] = []
  let last: Stats | null = null
  let hops = 0
  while (todo.length) {
    const part = todo.shift() as string
    if (part === '..') {
      done.pop()
      last = null
      continue
    }
    const rel = [...done, part].join('/')
    const hit = await look(rel)
    if (!hit) return { done, rest: [part, ...todo], links, last: null }
    if (hit.st.isSymbolicLink()) {
      if (++hops > MAX_LINKS) return null
      const target = await readlink(hit.at)
      links.push({ path: rel, target })
      if (target.startsWith('/')) done.length = 0
      todo = [...parts(target), ...todo]
      continue
    }
    done.push(part)
    last = hit.st
  }
  return { done, rest: [], links, last }
}

function inOneRoot(root: string): Lookup {
  return async (rel) => {
    const at = join(root, rel)
    const st = await lstat(at).catch(() => null)
    return st && { st, at }
  }
}

/** An overlayfs whiteout: a character device 0/0 hides what lower layers hold at its path. */
function isWhiteout(st: Stats): boolean {
  return st.isCharacterDevice() && st.rdev === 0
}

/**
 * The merged view of overlayfs layers (top first), read on the host without a mount: a
 * path is looked for in each layer in turn, and only through parents that are real
 * directories of that layer (a lower layer's link is never followed on the host either).
 * A whiteout, or a parent that is not a directory in a layer, hides the layers below.
 * Opaque directories (an xattr) are not read: a lower layer's entry may then be seen
 * where the mount would hide it, which can change where inside the image a path
 * resolves, never take it out of the image.
 */
function inLayers(layers: string[]): Lookup {
  return async (rel) => {
    const names = rel.split('/')
    for (const layer of layers) {
      let hidden = false
      let absent = false
      for (let i = 1; i < names.length && !absent && !hidden; i++) {
        const st = await lstat(join(layer, ...names.slice(0, i))).catch(() => null)
        if (!st) absent = true
        else if (!st.isDirectory()) hidden = true
      }
      if (hidden) return null
      if (absent) continue
      const at = join(layer, rel)
      const st = await lstat(at).catch(() => null)
      if (!st) continue
      if (isWhiteout(st)) return null
      return { st, at }
    }
    return null
  }
}

/** Where `path` leads inside `root`, following links within the root; null if it does not exist. */
export async function resolveInRoot(root: string, path: string): Promise<Resolved> {
  const w = await walk(inOneRoot(root), path)
  const links = (w?.links ?? []).map((l) => l.path)
  if (!w || w.rest.length) return { real: null, links }
  return { real: w.done.join('/'), links }
}

/**
 * The host path for `path` inside `root`, safe to open, create or replace: the part that
 * exists is resolved within the root, the part that does not is appended with `..` clamped
 * at the root. The result always lies under `root`. Throws RootEscapeError on a link loop.
 */
export async function secureJoin(root: string, path: string): Promise<string> {
  const rel = joined(await walk(inOneRoot(root), path), root, path)
  return rel.length ? join(root, ...rel) : root
}

/**
 * The entry at root-relative `rel` (not followed if it is a link) in an image given as
 * layers, top first; null when absent, whited out or hidden. Its parents are taken as they
 * are in each layer, never through a link: for a path known to name no link on the way.
 */
export async function lstatInLayers(layers: string[], rel: string): Promise<Stats | null> {
  const clean = parts(rel)
  return clean.length ? ((await inLayers(layers)(clean.join('/')))?.st ?? null) : null
}

/** What `secureJoinLayers` found: the path relative to the root, and what is there now. */
export interface LayeredTarget {
  /** Root-relative, no leading slash; '' for the root itself. */
  rel: string
  /** 'dir', 'file' (anything else that exists) or null when it does not exist yet. */
  kind: 'dir' | 'file' | null
  /** The links followed on the way, with their targets as written. */
  links: LinkOnTheWay[]
}

/**
 * secureJoin for an image given as overlayfs layers (top first) rather than one tree: for
 * host-side steps of a sandbox, whose merged root exists only inside the sandbox's mount
 * namespace. The result is relative to the root: the step writes `$root/<rel>`.
 */
export async function secureJoinLayers(layers: string[], path: string): Promise<LayeredTarget> {
  const w = await walk(inLayers(layers), path)
  const rel = joined(w, layers[0] ?? '/', path)
  // Ending on `..` leaves no stats of the last component: it is a directory then.
  const kind = w?.rest.length ? null : w?.last && !w.last.isDirectory() ? 'file' : 'dir'
  return { rel: rel.join('/'), kind, links: w?.links ?? [] }
}

/** The resolved components with what did not exist appended, `..` clamped at the root. */
function joined(w: Walk | null, root: string, path: string): string[] {
  if (!w) throw new RootEscapeError(root, path, `more than ${MAX_LINKS} symbolic links`)
  const rel = [...w.done]
  for (const p of w.rest) {
    if (p === '..') rel.pop()
    else rel.push(p)
  }
  return rel
}
