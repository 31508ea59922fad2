/**
 * The steps of aci-packer's current format that change the root from outside: symlink,
 * write, delete, mkdir and copy. They run on the host, as root, on a tree the image's own
 * content shaped, so every path inside the root goes through secureJoin/resolveInRoot
 * (src/util/in-root.ts): an image's symlink can never lead a write out of the root.
 *
 * `copy` reads from aci-packer's "host". Kiln builds on a base image, not on the build
 * machine, so that host is the node's base image (its tree, `hostRoot`), read the same safe
 * way; a relative source is a project file (relative to the manifest, as aci-packer's
 * working directory was).
 */
import { constants } from 'node:fs'
import {
  chmod,
  copyFile,
  lchown,
  lstat,
  mkdir,
  readdir,
  readlink,
  rm,
  symlink,
  utimes,
  writeFile
} from 'node:fs/promises'
import { join, posix } from 'node:path'
import { resolveInRoot, secureJoin } from '../../util/in-root.js'
import type { AciStep } from '../../model/aci.js'
import type { Reporter } from '../../util/log.js'
import { dependencyClosure, trustedDirs } from './closure.js'

/** Path components of an in-image path, refusing one that names the root itself. */
function inImage(p: string, what: string): { dir: string; base: string } {
  const parts = posix.normalize(`/${p}`).split('/').filter(Boolean)
  const base = parts.pop()
  if (!base) throw new Error(`${what} "${p}" names the image root`)
  return { dir: parts.join('/'), base }
}

/**
 * The host path of the entry `p` itself inside `root` (its parent resolved in the root, the
 * last component NOT followed): what to replace or remove without touching a link's target.
 */
async function entryPath(root: string, p: string, what: string): Promise<string> {
  const { dir, base } = inImage(p, what)
  return join(await secureJoin(root, dir), base)
}

/**
 * Creates directory `p` and its missing parents inside `root` (following the root's own
 * links, inside the root), each new one with `mode`; returns its host path.
 */
export async function makeDirs(root: string, p: string, mode: number): Promise<string> {
  let rel = ''
  let host = root
  for (const part of posix.normalize(`/${p}`).split('/').filter(Boolean)) {
    rel = `${rel}/${part}`
    host = await secureJoin(root, rel)
    const st = await lstat(host).catch(() => null)
    if (!st) {
      // Recursive: an image link may lead to a path whose parents are missing too (they
      // are under the root: secureJoin resolved everything that exists).
      await mkdir(host, { recursive: true, mode })
      await chmod(host, mode)
    } else if (!st.isDirectory()) throw new Error(`${rel} exists in the image and is not a directory`)
  }
  return host
}

/** Removes the entry at `host` unless it is a directory; a directory in the way is an error. */
async function clearEntry(host: string, shown: string): Promise<void> {
  const st = await lstat(host).catch(() => null)
  if (!st) return
  if (st.isDirectory()) throw new Error(`${shown} is a directory in the image`)
  await rm(host, { force: true })
}

/** symlink: `[target, link]` pairs; the link replaces whatever file or link was there. */
export async function symlinkStep(rootfs: string, links: Array<[string, string]>): Promise<void> {
  for (const [target, link] of links) {
    const { dir, base } = inImage(link, 'symlink')
    const parent = await makeDirs(rootfs, dir, 0o755)
    await clearEntry(join(parent, base), link)
    await symlink(target, join(parent, base))
  }
}

/** write: `contents` into `path` (0644 when new; parents created), through the root's own links. */
export async function writeStep(rootfs: string, path: string, contents: string): Promise<void> {
  const { dir } = inImage(path, 'write')
  await makeDirs(rootfs, dir, 0o755)
  const host = await secureJoin(rootfs, path)
  const st = await lstat(host).catch(() => null)
  if (st?.isDirectory()) throw new Error(`${path} is a directory in the image`)
  await writeFile(host, contents, { mode: 0o644 })
}

/** delete: each entry itself (a link, not its target; a directory with all it holds); a missing one is fine. */
export async function deleteStep(rootfs: string, files: string[]): Promise<number> {
  let removed = 0
  for (const f of files) {
    const host = await entryPath(rootfs, f, 'delete')
    if (await lstat(host).catch(() => null)) {
      await rm(host, { recursive: true, force: true })
      removed++
    }
  }
  return removed
}

/** mkdir: each directory and its parents, new ones with `mode`; `owner` (uid, gid) for each listed one. */
export async function mkdirStep(
  rootfs: string,
  dirs: string | string[],
  mode: number,
  owner: { uid?: number; gid?: number } = {}
): Promise<void> {
  for (const d of typeof dirs === 'string' ? [dirs] : dirs) {
    const host = await makeDirs(rootfs, d, mode)
    if (owner.uid !== undefined || owner.gid !== undefined)
      await lchown(host, owner.uid ?? -1, owner.gid ?? -1)
  }
}

/** A `copy` step as the catalog declares it, with its mode already a number. */
export type CopyStep = Omit<Extract<AciStep, { step: 'copy' }>, 'step' | 'name' | 'mode'> & { mode?: number }

export interface CopyContext {
  rootfs: string
  /** The base image's tree: aci-packer's "host"; null when the node has no base. */
  hostRoot: string | null
  /** A relative source: the project file's absolute path (refused outside the project). */
  projectPath: (p: string) => string
  reporter: Reporter
  image: string
}

/** glibc's libraries loaded by name at run time, added when a copied binary is dynamic (as aci-packer does). */
const GLIBC_DLOPENED = ['libnss_compat.so', 'libnss_dns.so', 'libnss_files.so', 'libresolv.so']

/** copy: binaries with their library closure, executables found under directories, and `[src, dst]` files. */
export async function copyStep(c: CopyContext, step: CopyStep): Promise<void> {
  const excludes = step.excludes ?? []
  const excluded = (p: string): boolean => excludes.some((x) => p.startsWith(x))
  const owner = { uid: step.uid ?? 0, gid: step.gid ?? 0, mode: step.mode }
  const needHost = (p: string): string => {
    if (c.hostRoot === null)
      throw new Error(
        `copy ${p}: the node has no base image, which is where Kiln reads aci-packer's host files`
      )
    return c.hostRoot
  }

  // [src, dst] pairs to copy; programs whose library closure comes too (base-image paths).
  const pairs: Array<[string, string]> = []
  const programs: string[] = []
  for (const b of step.binaries ?? []) {
    const [src, dst] = typeof b === 'string' ? [b, b] : b
    if (posix.isAbsolute(src)) programs.push(src)
    pairs.push([src, dst])
  }
  for (const dir of step.find_executable ?? []) {
    const host = needHost(dir)
    const found = await executablesUnder(host, dir, excluded)
    if (found === null) throw new Error(`copy: find_executable ${dir} is not a directory in the base image`)
    programs.push(...found)
    pairs.push(...found.map((p): [string, string] => [p, p]))
  }
  if (programs.length) {
    const host = needHost(programs[0] as string)
    const closure = await dependencyClosure(host, programs, 'in the base image')
    for (const m of closure.missing)
      c.reporter.warn(`${c.image}: copy: library not found in the base image: ${m}`)
    const libs = [...closure.keep].filter((rel) => !programs.some((p) => posix.normalize(p) === `/${rel}`))
    if (libs.length) libs.push(...(await glibcDlopened(host)))
    for (const rel of libs.sort())
      if (!excluded(`/${rel}`)) await copyHostEntry(c, host, rel, `/${rel}`, owner)
  }
  pairs.push(...(step.files ?? []))
  for (const [src, dst] of pairs) {
    if (excluded(src)) continue
    if (!posix.isAbsolute(src)) {
      await copyProjectPath(c, c.projectPath(src), src, dst, owner, excluded)
      continue
    }
    const host = needHost(src)
    const r = await resolveInRoot(host, src)
    if (r.real === null) throw new Error(`copy: ${src} does not exist in the base image`)
    const st = await lstat(join(host, r.real))
    // shutil.copy2 onto a directory copies into it; a directory source is copied whole.
    const dest =
      !st.isDirectory() && (await isDirInRoot(c.rootfs, dst)) ? posix.join(dst, posix.basename(src)) : dst
    if (st.isDirectory()) await copyHostTree(c, host, r.real, dest, owner, excluded)
    else await copyHostEntry(c, host, r.real, dest, owner)
  }
}

async function isDirInRoot(root: string, p: string): Promise<boolean> {
  const r = await resolveInRoot(root, p)
  return r.real !== null && (await lstat(join(root, r.real))).isDirectory()
}

/** Regular files with an execute bit under `dir` (a base-image path), not under an excluded prefix. */
async function executablesUnder(
  host: string,
  dir: string,
  excluded: (p: string) => boolean
): Promise<string[] | null> {
  const r = await resolveInRoot(host, dir)
  if (r.real === null || !(await lstat(join(host, r.real))).isDirectory()) return null
  const out: string[] = []
  const visit = async (rel: string): Promise<void> => {
    if (excluded(`/${rel}`)) return
    for (const name of (await readdir(join(host, rel))).sort()) {
      const child = `${rel}/${name}`
      const st = await lstat(join(host, child))
      if (st.isDirectory()) await visit(child)
      else if (st.isFile() && st.mode & 0o111 && !excluded(`/${child}`)) out.push(`/${child}`)
    }
  }
  await visit(r.real)
  return out
}

/** glibc's NSS and resolver libraries in the base image's library directories. */
async function glibcDlopened(host: string): Promise<string[]> {
  const out: string[] = []
  for (const d of [...new Set([...trustedDirs(62, 64), ...trustedDirs(183, 64)])]) {
    const r = await resolveInRoot(host, d)
    if (r.real === null) continue
    const names = await readdir(join(host, r.real)).catch(() => [] as string[])
    for (const n of names.sort()) if (GLIBC_DLOPENED.some((g) => n.startsWith(g))) out.push(`${r.real}/${n}`)
  }
  return out
}

interface Owner {
  uid: number
  gid: number
  mode?: number
}

/**
 * One entry of a source tree (`srcRoot`/`rel`, never followed) to `dst` inside the root: a
 * link is made again as a link, a file copied (times kept, mode from the step or the
 * source), a directory created. What was at `dst` (not a directory) is replaced.
 */
async function copyEntry(rootfs: string, srcHostPath: string, dst: string, owner: Owner): Promise<void> {
  const st = await lstat(srcHostPath)
  const { dir, base } = inImage(dst, 'copy destination')
  const parent = await makeDirs(rootfs, dir, 0o755)
  const dest = join(parent, base)
  if (st.isDirectory()) {
    // A directory merges with what is there, also through the image's own links (a merged
    // /usr's /lib): resolved inside the root, never replaced.
    const into = await secureJoin(rootfs, dst)
    const there = await lstat(into).catch(() => null)
    if (!there) {
      await mkdir(into, { recursive: true })
      await chmod(into, st.mode & 0o7777)
    } else if (!there.isDirectory()) throw new Error(`${dst} exists in the image and is not a directory`)
    await lchown(into, owner.uid, owner.gid)
    return
  }
  await clearEntry(dest, dst)
  if (st.isSymbolicLink()) {
    await symlink(await readlink(srcHostPath), dest)
  } else if (st.isFile()) {
    // EXCL: never opened through anything that appeared at `dest` meanwhile.
    await copyFile(srcHostPath, dest, constants.COPYFILE_EXCL)
    await chmod(dest, owner.mode ?? st.mode & 0o7777)
    await utimes(dest, st.atime, st.mtime)
  } else return // devices, sockets, fifos: not aci-packer's business
  await lchown(dest, owner.uid, owner.gid)
}

async function copyHostEntry(
  c: CopyContext,
  host: string,
  rel: string,
  dst: string,
  owner: Owner
): Promise<void> {
  await copyEntry(c.rootfs, join(host, rel), dst, owner)
}

/** A base-image directory (`rel`, already resolved) copied whole to `dst`, merging with what is there. */
async function copyHostTree(
  c: CopyContext,
  host: string,
  rel: string,
  dst: string,
  owner: Owner,
  excluded: (p: string) => boolean
): Promise<void> {
  await walkCopy(c.rootfs, join(host, rel), `/${rel}`, dst, owner, excluded)
}

async function copyProjectPath(
  c: CopyContext,
  abs: string,
  shown: string,
  dst: string,
  owner: Owner,
  excluded: (p: string) => boolean
): Promise<void> {
  const st = await lstat(abs).catch(() => null)
  if (!st) throw new Error(`copy: ${shown} does not exist in the project`)
  if (st.isDirectory()) return walkCopy(c.rootfs, abs, shown, dst, owner, excluded)
  const dest = (await isDirInRoot(c.rootfs, dst)) ? posix.join(dst, posix.basename(shown)) : dst
  await copyEntry(c.rootfs, abs, dest, owner)
}

/** Copies the tree at `srcHost` (shown to excludes as `srcShown`) to `dst`, entry by entry, links as links. */
async function walkCopy(
  rootfs: string,
  srcHost: string,
  srcShown: string,
  dst: string,
  owner: Owner,
  excluded: (p: string) => boolean
): Promise<void> {
  await copyEntry(rootfs, srcHost, dst, owner)
  for (const name of (await readdir(srcHost)).sort()) {
    const shown = posix.join(srcShown, name)
    if (excluded(shown)) continue
    const src = join(srcHost, name)
    const to = posix.join(dst, name)
    if ((await lstat(src)).isDirectory()) await walkCopy(rootfs, src, shown, to, owner, excluded)
    else await copyEntry(rootfs, src, to, owner)
  }
}
