/** Keeping only some paths of a root: everything else goes, the directories leading to kept paths stay. */
import { copyFile, lstat, mkdir, readdir, readlink, rm, symlink, chmod } from 'node:fs/promises'
import { dirname, join, posix, relative } from 'node:path'
import { secureJoin } from '../../util/in-root.js'

/** Removes everything under `root` that is not in `keep` (paths) nor under one of `trees`. */
export async function pruneRoot(root: string, keep: Set<string>, trees: string[]): Promise<number> {
  const ancestors = new Set<string>()
  for (const p of [...keep, ...trees]) {
    const parts = p.split('/')
    for (let i = 1; i < parts.length; i++) ancestors.add(parts.slice(0, i).join('/'))
  }
  const treeSet = new Set(trees)
  let removed = 0
  const visit = async (rel: string): Promise<void> => {
    for (const name of await readdir(join(root, rel))) {
      const r = rel ? `${rel}/${name}` : name
      if (treeSet.has(r)) continue
      if (keep.has(r)) {
        // A kept directory keeps what is in it.
        continue
      }
      const st = await lstat(join(root, r))
      if (ancestors.has(r) && st.isDirectory()) await visit(r)
      else {
        await rm(join(root, r), { recursive: true, force: true })
        removed++
      }
    }
  }
  await visit('')
  return removed
}

/**
 * Creates directory `rel` inside the root as the image sees it (its links followed inside
 * the root, a dangling one's target created there); returns its real relative path.
 */
export async function mkdirInRoot(root: string, rel: string): Promise<string> {
  const dir = await secureJoin(root, rel)
  await mkdir(dir, { recursive: true, mode: 0o755 })
  return relative(root, dir)
}

/**
 * Copies host paths (relative to the host's /, as a closure lists them) into the root at
 * the same places: links are recreated where the root has nothing yet, files copied with
 * their mode. Where the root already has a link (a merged /usr), the copy goes through it.
 */
export async function copyFromHost(root: string, paths: string[]): Promise<void> {
  for (const rel of [...paths].sort()) {
    const host = join('/', rel)
    const st = await lstat(host)
    const parent = await mkdirInRoot(root, dirname(rel) === '.' ? '' : dirname(rel))
    const dest = join(root, parent, posix.basename(rel))
    const there = await lstat(dest).catch(() => null)
    if (st.isSymbolicLink()) {
      if (!there) await symlink(await readlink(host), dest)
    } else if (st.isFile()) {
      if (there?.isSymbolicLink()) continue
      await copyFile(host, dest)
      await chmod(dest, st.mode & 0o7777)
    } else if (st.isDirectory()) await mkdirInRoot(root, rel)
  }
}
