/**
 * The patch layer: a small directory put on top of the image's layers (leftmost lowerdir)
 * for the length of one sandbox run. It carries the host's DNS files, Debian's
 * policy-rc.d, mount points the image lacks, and files a step needs to read (a script,
 * a package to install). Because it is a lower layer, none of it touches the upper
 * directory: the layer made from the upper dir shows only what the step changed, with no
 * restore dance and no trace even when the run is killed. A step that writes one of these
 * files copies it up, as any change would.
 *
 * Its directories copy the metadata of the image's own (mode, owner, times), because the
 * topmost layer decides what a merged directory looks like, and what a copy-up copies.
 */
import type { Stats } from 'node:fs'
import { chmod, chown, copyFile, lstat, mkdir, realpath, rm, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { lstatInLayers } from '../util/in-root.js'
import type { Reporter } from '../util/log.js'
import type { MountKind } from './driver.js'

export interface PatchFile {
  /** Path inside the image, without a leading slash. */
  path: string
  content?: string | Buffer
  /** A host file to copy instead of content. */
  source?: string
  mode: number
  /** A missing `source` is skipped instead of failing the command (the host's DNS files). */
  optional?: boolean
}

export interface PatchOptions {
  /** Host /etc/resolv.conf and /etc/hosts (default true). */
  dns?: boolean
  hosts?: boolean
  policyRcD?: boolean
  mounts?: MountKind[]
  files?: PatchFile[]
}

export const POLICY_RC_D = '#!/bin/sh\nexit 101\n'

/**
 * The entry at `rel` in the image as layered dirs show it (top first), or null when absent or
 * whited out. Each layer is read only through its own real directories (util/in-root): a
 * lower layer's `usr -> /somewhere` is never followed on the host.
 */
export async function lookupLayered(dirs: string[], rel: string): Promise<Stats | null> {
  return lstatInLayers(dirs, rel)
}

/** Whether overlayfs would see a whiteout for `rel` in this directory. */
export async function isWhiteout(dir: string, rel: string): Promise<boolean> {
  const st = await lstat(join(dir, rel)).catch(() => null)
  return !!st && st.isCharacterDevice() && st.rdev === 0
}

/**
 * Writes the patch layer into `patchDir` (emptied first) for an image whose layers are
 * `imageDirs` (upper first, then lowers, top first). Returns the mounts that can be made
 * and the image paths the patch provides (so traces a step left on them can be cleaned).
 */
export async function writePatch(
  patchDir: string,
  imageDirs: string[],
  opts: PatchOptions,
  reporter?: Reporter
): Promise<{ mounts: MountKind[]; paths: string[] }> {
  await rm(patchDir, { recursive: true, force: true })
  await mkdir(patchDir, { recursive: true, mode: 0o755 })
  const paths: string[] = []
  const files: PatchFile[] = []
  if (opts.dns !== false) {
    const resolv = await realpath('/etc/resolv.conf').catch(() => null)
    if (resolv) files.push({ path: 'etc/resolv.conf', source: resolv, mode: 0o644, optional: true })
  }
  if (opts.hosts !== false)
    files.push({ path: 'etc/hosts', source: '/etc/hosts', mode: 0o644, optional: true })
  if (opts.policyRcD) files.push({ path: 'usr/sbin/policy-rc.d', content: POLICY_RC_D, mode: 0o755 })
  files.push(...(opts.files ?? []))

  for (const f of files) {
    if (!(await mirrorParents(patchDir, imageDirs, f.path))) {
      if (!f.optional)
        throw new Error(
          `sandbox: cannot provide /${f.path}: /${dirname(f.path)} is not a directory in the image`
        )
      reporter?.warn(
        `sandbox: /${dirname(f.path)} is not a directory in the image; /${f.path} is not provided`
      )
      continue
    }
    const dest = join(patchDir, f.path)
    if (f.source) {
      const copied = await copyFile(f.source, dest).then(
        () => null,
        (e: NodeJS.ErrnoException) => e
      )
      // Host DNS files may be missing: then there is nothing to patch in. A file a step
      // needs (its script, a package) must be there, or the step would fail later with a
      // bare "No such file or directory" that names neither file.
      if (copied && f.optional) continue
      if (copied) throw new Error(`sandbox: cannot provide /${f.path} from ${f.source}: ${copied.message}`)
    } else await writeFile(dest, f.content ?? '', { mode: f.mode })
    await chmod(dest, f.mode)
    paths.push(f.path)
  }

  const mounts: MountKind[] = []
  for (const m of opts.mounts ?? []) {
    const st = await lookupLayered(imageDirs, m)
    if (st && !st.isDirectory()) {
      reporter?.warn(`sandbox: /${m} is not a directory in the image; it is not mounted`)
      continue
    }
    if (!st) {
      await mkdir(join(patchDir, m), { mode: 0o755 })
      paths.push(m)
    }
    mounts.push(m)
  }
  return { mounts, paths }
}

/** Creates the parents of `rel` in the patch dir with the image's metadata; false if one is not a directory there. */
async function mirrorParents(patchDir: string, imageDirs: string[], rel: string): Promise<boolean> {
  const parts = rel.split('/').slice(0, -1)
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/')
    const st = await lookupLayered(imageDirs, sub)
    if (st && !st.isDirectory()) return false
    const dest = join(patchDir, sub)
    if (await lstat(dest).catch(() => null)) continue
    await mkdir(dest, { mode: 0o755 })
    if (st) {
      await chmod(dest, st.mode & 0o7777)
      await chown(dest, st.uid, st.gid)
    }
  }
  return true
}

/** Directory times are set last: writing the files above changed them. */
export async function settleTimes(patchDir: string, imageDirs: string[], rels: string[]): Promise<void> {
  const dirs = new Set<string>()
  for (const r of rels) {
    const parts = r.split('/')
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'))
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    const st = await lookupLayered(imageDirs, d)
    if (st) await utimes(join(patchDir, d), st.atime, st.mtime).catch(() => undefined)
  }
}
