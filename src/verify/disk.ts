/**
 * The root disk of the boot check: image.tar.gz unpacked to scratch, its kernel modules
 * replaced by the content of modules.tar.gz (so a broken modules archive fails the
 * gate, as it would on the machine it is provisioned to), the check program added, then
 * `mke2fs -d` makes an ext4 image of it: no loop device, no mount. The published
 * archives are only read.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ExecError, run } from '../util/exec.js'
import { secureJoin } from '../util/in-root.js'
import { formatBytes, type Reporter } from '../util/log.js'
import { archiveError, decompressArgs, GateFailure } from './archives.js'

export interface RootDiskOptions {
  rootfs: string
  modules: string
  /** Scratch directory (removed by the caller). */
  work: string
  checkPath: string
  checkScript: string
  reporter?: Reporter
  /** Stops the unpacking and mke2fs (they then fail with "cancelled"). */
  signal?: AbortSignal
}

export interface RootDisk {
  path: string
  sizeBytes: number
  /** Kernel releases found in the modules archive (lib/modules/<release>). */
  moduleReleases: string[]
}

/** The image's own modules are left out: modules.tar.gz provides them. */
const ROOTFS_MODULE_DIRS = ['./lib/modules', './usr/lib/modules', 'lib/modules', 'usr/lib/modules']

const MiB = 1024 * 1024

export async function makeRootDisk(opts: RootDiskOptions): Promise<RootDisk> {
  const { reporter, signal } = opts
  const root = join(opts.work, 'root')
  const staging = join(opts.work, 'modules')
  mkdirSync(root)
  mkdirSync(staging)

  // Both archives unpack at once: each is one decompressor and one tar, two cores between them.
  const extract = async (file: string, dest: string, extra: string[]): Promise<void> => {
    try {
      await run(
        'tar',
        [...(await decompressArgs(file)), '-xpf', file, '-C', dest, '--numeric-owner', ...extra],
        {
          reporter
        }
      )
    } catch (e) {
      throw archiveError(file, 'cannot be extracted', e)
    }
  }
  await settleAll([
    extract(opts.rootfs, root, [
      '--xattrs',
      '--xattrs-include=*',
      '--anchored',
      ...ROOTFS_MODULE_DIRS.map((d) => `--exclude=${d}`)
    ]),
    extract(opts.modules, staging, [])
  ])
  if (readdirSync(root).length === 0) throw new GateFailure(`${opts.rootfs} is empty`)

  const stagedModules = join(staging, 'lib', 'modules')
  // Only real directories: a link here would make the loop below list (and move) a host directory.
  const isRealDir = (p: string): boolean => lstatSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false
  const releases =
    isRealDir(join(staging, 'lib')) && isRealDir(stagedModules) ? readdirSync(stagedModules) : []
  if (releases.length === 0)
    throw new GateFailure(`${opts.modules} has no lib/modules/<kernel release>/ directory`)

  // lib is usually a link to usr/lib (merged /usr): every link on the way is followed inside
  // the image, never on the host (an image's `lib/modules -> /host/dir` lands in <root>/host/dir).
  const modulesDir = await secureJoin(root, 'lib/modules')
  await mkdir(modulesDir, { recursive: true })
  for (const r of releases) {
    // r is one name read from the staging directory; rm and rename never follow a final link.
    await rm(join(modulesDir, r), { recursive: true, force: true })
    renameSync(join(stagedModules, r), join(modulesDir, r))
  }

  const check = await secureJoin(root, opts.checkPath)
  await rm(check, { force: true })
  writeFileSync(check, opts.checkScript)
  chmodSync(check, 0o755)

  const disk = join(opts.work, 'root.ext4')
  let sizeBytes: number
  try {
    sizeBytes = await ext4FromTree(root, disk, 'kiln-root', { reporter, signal })
  } catch (e) {
    const tail = e instanceof ExecError ? e.tail : []
    throw new Error(
      `mke2fs could not make the root disk from ${opts.rootfs}: ${tail.join(' | ') || String(e)}`
    )
  }
  // The unpacked tree is as big as the disk: give the space back before booting.
  await rm(root, { recursive: true, force: true })
  await rm(staging, { recursive: true, force: true })
  return { path: disk, sizeBytes, moduleReleases: releases }
}

/**
 * An ext4 image of the tree at root, made by `mke2fs -d`: no loop device, no mount. Sized for the
 * tree plus ext4's own metadata (journal, inode tables) and a margin; the file is sparse.
 * Returns its size in bytes.
 */
export async function ext4FromTree(
  root: string,
  disk: string,
  label: string,
  opts: { reporter?: Reporter; signal?: AbortSignal }
): Promise<number> {
  const used = Number((await run('du', ['-s', '-B1', '-x', root])).stdout.split(/\s/)[0])
  const inodes = Number((await run('du', ['-s', '--inodes', '-x', root])).stdout.split(/\s/)[0])
  const sizeMiB = Math.ceil((used * 1.15 + inodes * 256) / MiB) + 160
  opts.reporter?.info(`making the ${label} disk: ${formatBytes(used)} in ${inodes} files`)
  await run(
    'mke2fs',
    [
      '-q',
      '-F',
      '-t',
      'ext4',
      '-L',
      label,
      '-m',
      '0',
      '-N',
      String(Math.ceil(inodes * 1.1) + 4096),
      '-d',
      root,
      disk,
      `${sizeMiB}M`
    ],
    opts
  )
  return sizeMiB * MiB
}

/** Like Promise.all, but waits for every promise (no tool left running) before rethrowing. */
export async function settleAll<T extends readonly unknown[]>(promises: {
  [K in keyof T]: Promise<T[K]>
}): Promise<T> {
  const settled = await Promise.allSettled(promises as unknown as readonly Promise<unknown>[])
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T
}
