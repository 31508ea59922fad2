/**
 * Every path in a catalog is relative to the project root and must stay inside it, also
 * through symlinks: the build must not read what the checkout does not hold, and keys
 * must not depend on where the checkout sits.
 */
import { lstat, realpath, stat } from 'node:fs/promises'
import path from 'node:path'

export type PathKind = 'file' | 'dir' | 'any'

/** Root-relative, normalised form of a path given in the catalog ('.' for the root itself). */
export function normalizeRel(p: string): string {
  const n = path.posix.normalize(p.replace(/\\/g, '/'))
  // "/" stays absolute: stripping its one slash would turn the host's root into the project's.
  if (n === '/') return n
  return n.replace(/\/+$/, '') || '.'
}

/** Why `rel` is not usable, or undefined when it is a `kind` inside `root` (an absolute, real path). */
export async function checkPath(root: string, rel: string, kind: PathKind): Promise<string | undefined> {
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel))
    return `path "${rel}" must be relative to the project root, not absolute`
  const n = normalizeRel(rel)
  if (n === '..' || n.startsWith('../')) return `path "${rel}" leaves the project root`
  const abs = path.join(root, n)
  try {
    await lstat(abs)
  } catch {
    return `${kind === 'dir' ? 'directory' : kind === 'file' ? 'file' : 'path'} "${rel}" does not exist`
  }
  let real: string
  try {
    real = await realpath(abs)
  } catch {
    return `path "${rel}" is a dangling symlink`
  }
  if (real !== root && !real.startsWith(root + path.sep))
    return `path "${rel}" leaves the project root through a symlink (to ${path.relative(root, real)})`
  const st = await stat(real)
  if (kind === 'file' && !st.isFile()) return `"${rel}" is not a file`
  if (kind === 'dir' && !st.isDirectory()) return `"${rel}" is not a directory`
  return undefined
}
