/**
 * The provisioning gate's installer VM: a small Debian system Kiln makes with mmdebstrap from
 * the distribution's own packages (its kernel and initramfs, gdisk, e2fsprogs, dosfstools,
 * util-linux, tar), kept as an ext4 disk image with its kernel and initrd beside it.
 *
 * Made once and cached in KILN_INSTALLER_CACHE (default /var/tmp/kiln/installer), keyed by
 * a hash of the suite, the package list and the init it boots into, so a gate run downloads
 * nothing once the cache holds it. A run killed while making it leaves a `kiln-OWNER-…`
 * directory that the next command's sweep removes.
 */
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { hostAptSources, pickMirror } from '../sources/apt-sources.js'
import { ExecError, run } from '../util/exec.js'
import { tempPrefix, trackDir } from '../util/lifecycle.js'
import { formatSeconds, type Reporter } from '../util/log.js'
import { ext4FromTree } from './disk.js'
import { INSTALLER_INIT } from './install-script.js'

export const INSTALLER_SUITE = 'bookworm'

/** What the install needs, and nothing else: no udev (devtmpfs names the disks), no systemd. */
export const INSTALLER_PACKAGES = [
  'linux-image-amd64',
  'initramfs-tools',
  'kmod',
  'gdisk',
  'e2fsprogs',
  'dosfstools',
  'util-linux',
  'mawk',
  'tar'
]

/** Where the installer's init lives on its root disk (init=…). */
export const INSTALLER_INIT_PATH = '/kiln-installer'

/** Bump when the way the installer is made changes without its inputs changing. */
const RECIPE = 1

/** Kernel modules the installer never needs: left out of its disk to make it (once) faster. */
const UNNEEDED_MODULES = [
  'kernel/sound',
  'kernel/drivers/gpu',
  'kernel/drivers/media',
  'kernel/drivers/net/wireless',
  'kernel/drivers/infiniband',
  'kernel/drivers/staging',
  'kernel/drivers/bluetooth',
  'kernel/net/bluetooth',
  'kernel/net/mac80211',
  'kernel/net/wireless'
]

export interface Installer {
  dir: string
  kernel: string
  initrd: string
  /** ext4 image of the installer's root filesystem: attached read-only. */
  root: string
}

export function installerCacheDir(): string {
  return process.env.KILN_INSTALLER_CACHE || '/var/tmp/kiln/installer'
}

export function installerKey(suite = INSTALLER_SUITE, packages = INSTALLER_PACKAGES): string {
  return createHash('sha256')
    .update(`kiln installer ${RECIPE}\n${suite}\n${[...packages].sort().join(',')}\n${INSTALLER_INIT}`)
    .digest('hex')
    .slice(0, 16)
}

function complete(dir: string): Installer | null {
  const i = { dir, kernel: join(dir, 'vmlinuz'), initrd: join(dir, 'initrd'), root: join(dir, 'root.ext4') }
  return existsSync(join(dir, 'complete')) && [i.kernel, i.initrd, i.root].every((f) => existsSync(f))
    ? i
    : null
}

/** The cached installer, made first when the cache does not hold it (mmdebstrap: a few minutes). */
export async function ensureInstaller(opts: {
  reporter: Reporter
  signal?: AbortSignal
  cacheDir?: string
}): Promise<Installer> {
  const parent = opts.cacheDir ?? installerCacheDir()
  const key = installerKey()
  const dir = join(parent, `${INSTALLER_SUITE}-${key}`)
  const have = complete(dir)
  if (have) return have
  mkdirSync(parent, { recursive: true, mode: 0o700 })
  const work = await mkdtemp(join(parent, tempPrefix('installer')))
  const untrack = trackDir(work)
  try {
    await makeInstaller(work, opts.reporter, opts.signal)
    try {
      renameSync(work, dir)
    } catch (e) {
      // Another run made it meanwhile: use theirs.
      if (!complete(dir)) throw e
    }
    return complete(dir)!
  } finally {
    untrack()
  }
}

async function makeInstaller(work: string, reporter: Reporter, signal?: AbortSignal): Promise<void> {
  const t0 = Date.now()
  const mirror = pickMirror(await hostAptSources(), INSTALLER_SUITE)
  if (!mirror)
    throw new Error(
      `the install gate's installer needs a ${INSTALLER_SUITE} mirror in the host's apt sources`
    )
  const root = join(work, 'root')
  reporter.info(
    `install gate: making its installer (${INSTALLER_SUITE}: ${INSTALLER_PACKAGES.join(', ')}) with mmdebstrap from ${mirror}; cached for later runs`
  )
  try {
    await run(
      'mmdebstrap',
      [
        '--quiet',
        '--mode=root',
        '--variant=minbase',
        `--include=${INSTALLER_PACKAGES.join(',')}`,
        '--architectures=amd64',
        '--dpkgopt=path-exclude=/usr/share/doc/*',
        '--dpkgopt=path-exclude=/usr/share/man/*',
        '--dpkgopt=path-exclude=/usr/share/locale/*',
        '--',
        INSTALLER_SUITE,
        root,
        mirror
      ],
      { reporter, signal, onLine: (l) => reporter.debug(`mmdebstrap: ${l}`) }
    )
  } catch (e) {
    const tail = e instanceof ExecError ? e.tail.slice(-5).join(' | ') : ''
    throw new Error(`install gate: mmdebstrap could not make the installer: ${(e as Error).message} ${tail}`)
  }
  // Kiln made this tree itself from the distribution: no image content is in it.
  const boot = join(root, 'boot')
  const release = readdirSync(boot)
    .filter((f) => f.startsWith('vmlinuz-'))
    .map((f) => f.slice('vmlinuz-'.length))
    .sort()
    .pop()
  if (!release || !existsSync(join(boot, `initrd.img-${release}`)))
    throw new Error('install gate: the installer has no kernel and initrd in /boot')
  renameSync(join(boot, `vmlinuz-${release}`), join(work, 'vmlinuz'))
  renameSync(join(boot, `initrd.img-${release}`), join(work, 'initrd'))
  for (const m of UNNEEDED_MODULES)
    await rm(join(root, 'usr/lib/modules', release, m), { recursive: true, force: true })
  await rm(join(root, 'var/cache/apt'), { recursive: true, force: true })
  await rm(join(root, 'var/lib/apt/lists'), { recursive: true, force: true })
  writeFileSync(join(root, INSTALLER_INIT_PATH), INSTALLER_INIT)
  chmodSync(join(root, INSTALLER_INIT_PATH), 0o755)

  await ext4FromTree(root, join(work, 'root.ext4'), 'kiln-installer', { reporter, signal })
  await rm(root, { recursive: true, force: true })
  writeFileSync(join(work, 'complete'), `${INSTALLER_SUITE} ${release}\n`)
  reporter.info(
    `install gate: installer ready (kernel ${release}) in ${formatSeconds((Date.now() - t0) / 1000)}`
  )
}
