/**
 * Host tools (GNU tar, cp) lay packs, tarballs and copies into the mounted root from
 * outside the chroot, so a symlink of the image on the way is followed as the HOST sees
 * it: `opt -> /usr/local` would send `opt/x` to the host's /usr/local. Before such a
 * step, every directory it writes through is looked up in the image's layers; a link with
 * an absolute target, or one climbing above the root, is refused. Relative links inside
 * the root (a merged /usr's `bin -> usr/bin`) are fine: followed from the root they land
 * in the image.
 */
import { lstat, readlink } from 'node:fs/promises'
import { join, posix } from 'node:path'

export class EscapingLinkError extends Error {
  constructor(
    readonly path: string,
    readonly link: string,
    readonly target: string
  ) {
    super(
      `writing /${path} would go through /${link} -> ${target}, a link a host tool would follow out of the image; write to the target path instead`
    )
    this.name = 'EscapingLinkError'
  }
}

/** The entry at `rel` in layered dirs (top first) and the dir holding it; null when absent or whited out. */
async function lookup(
  dirs: string[],
  rel: string
): Promise<{ dir: string; isLink: boolean; isDir: boolean } | null> {
  for (const d of dirs) {
    const st = await lstat(join(d, rel)).catch(() => null)
    if (!st) continue
    if (st.isCharacterDevice() && st.rdev === 0) return null
    return { dir: d, isLink: st.isSymbolicLink(), isDir: st.isDirectory() }
  }
  return null
}

/** Throws EscapingLinkError if writing into directory `rel` (relative to the root) would leave the image. */
export async function checkWriteDir(imageDirs: string[], rel: string): Promise<void> {
  const todo = rel.split('/').filter((p) => p && p !== '.')
  let done: string[] = []
  for (let hops = 0; todo.length && hops < 40;) {
    const part = todo.shift() as string
    const cur = [...done, part].join('/')
    const hit = await lookup(imageDirs, cur)
    if (!hit || !(hit.isLink || hit.isDir)) return // created fresh, or a file the tool replaces
    if (!hit.isLink) {
      done.push(part)
      continue
    }
    hops++
    const target = await readlink(join(hit.dir, cur))
    const joined = posix.normalize(posix.join(done.join('/'), target))
    if (target.startsWith('/') || joined === '..' || joined.startsWith('../'))
      throw new EscapingLinkError(rel, cur, target)
    done = joined === '.' ? [] : joined.split('/')
  }
}

/** Checks every directory a list of root-relative paths writes through (their parents; `dirs` themselves). */
export async function checkWritePaths(
  imageDirs: string[],
  files: Iterable<string>,
  dirs: Iterable<string> = []
): Promise<void> {
  const seen = new Set<string>()
  const add = (d: string): void => {
    if (d && d !== '.') seen.add(d)
  }
  for (const f of files) add(posix.dirname(f.replace(/^\.?\/+/, '').replace(/\/+$/, '')))
  for (const d of dirs) add(d.replace(/^\.?\/+/, '').replace(/\/+$/, ''))
  for (const d of [...seen].sort()) await checkWriteDir(imageDirs, d)
}
