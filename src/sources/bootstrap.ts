/**
 * A Debian-family base made by mmdebstrap from the distro's own mirror: no registry needed,
 * and pinnable to a snapshot date. mmdebstrap writes the root filesystem as a tar on stdout
 * (target `-`), which goes straight into the store as one layer.
 */
import type { BootstrapSource } from '../model/types.js'
import { spawnStream, type StreamProcess } from '../util/exec-stream.js'
import { wholeTree } from '../util/exec.js'
import type { Reporter } from '../util/log.js'
import { hostAptSources, pickMirror } from './apt-sources.js'

/**
 * Snapshot archive root; a snapshot date selects `<root>/archive/debian/<date>/`. Given by
 * `bootstrap.mirror` or KILN_SNAPSHOT_MIRROR: Kiln names no archive host of its own, so a
 * pinned build always says which archive it trusts.
 */
export function snapshotRoot(mirror?: string): string {
  const root = mirror || process.env.KILN_SNAPSHOT_MIRROR
  if (!root) {
    throw new Error(
      'a snapshot date needs a snapshot archive: set bootstrap.mirror (or KILN_SNAPSHOT_MIRROR) to its root URL'
    )
  }
  return root
}

/** Debian architecture names from the catalog's uname-style ones. */
export function debianArch(arch: string): string {
  const map: Record<string, string> = {
    x86_64: 'amd64',
    aarch64: 'arm64',
    armv7l: 'armhf',
    i686: 'i386',
    ppc64le: 'ppc64el'
  }
  return map[arch] ?? arch
}

/** `YYYY-MM-DD` or `YYYYMMDD[THHMMSSZ]` → the snapshot archive's `YYYYMMDDTHHMMSSZ`. Throws on anything else. */
export function snapshotTimestamp(date: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (m) return `${m[1]}${m[2]}${m[3]}T000000Z`
  m = /^(\d{8})(T\d{6}Z)?$/.exec(date)
  if (m) return `${m[1]}${m[2] ?? 'T000000Z'}`
  throw new Error(`snapshot ${JSON.stringify(date)}: expected YYYY-MM-DD or YYYYMMDDTHHMMSSZ`)
}

/** Seconds since the epoch of a snapshot timestamp: mmdebstrap's SOURCE_DATE_EPOCH, for reproducible output. */
export function snapshotEpoch(ts: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(ts)
  if (!m) throw new Error(`snapshot timestamp ${ts}: not YYYYMMDDTHHMMSSZ`)
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000
}

/** `<root>/archive/debian/<timestamp>/` for a snapshot date. */
export function snapshotMirror(date: string, root = snapshotRoot()): string {
  return `${root.replace(/\/+$/, '')}/archive/debian/${snapshotTimestamp(date)}/`
}

export interface BootstrapCommand {
  args: string[]
  env: Record<string, string>
  mirror: string
}

/**
 * The mmdebstrap command line for `b` (pure: table-tested). `hostMirror` is the default
 * mirror when `b.mirror` is not set; a snapshot date replaces the mirror by the snapshot
 * archive unless `b.mirror` is given, in which case that mirror is used as the snapshot root.
 */
export function bootstrapCommand(
  b: BootstrapSource,
  arch: string,
  hostMirror: string | null
): BootstrapCommand {
  const env: Record<string, string> = {}
  const args = ['--mode=auto', '--format=tar']
  let mirror: string
  if (b.snapshot) {
    mirror = snapshotMirror(b.snapshot, snapshotRoot(b.mirror))
    env.SOURCE_DATE_EPOCH = String(snapshotEpoch(snapshotTimestamp(b.snapshot)))
    // Snapshot Release files are past their Valid-Until date by design.
    args.push('--aptopt=Acquire::Check-Valid-Until "false"')
  } else {
    if (!b.mirror && !hostMirror) {
      throw new Error(
        `bootstrap ${b.suite}: no mirror given and none found in the host's apt sources (/etc/apt)`
      )
    }
    mirror = b.mirror ?? hostMirror!
  }
  if (b.variant) args.push(`--variant=${b.variant}`)
  if (b.components?.length) args.push(`--components=${b.components.join(',')}`)
  if (b.include?.length) args.push(`--include=${b.include.join(',')}`)
  args.push(`--architectures=${debianArch(b.arch ?? arch)}`)
  // `--`: mmdebstrap (Getopt::Long, permuting) would read an option anywhere, even after the
  // suite; the catalog's values are checked too (schema), this keeps the host's own mirror safe.
  args.push('--', b.suite, '-', mirror)
  return { args, env, mirror }
}

/**
 * Starts mmdebstrap writing the root filesystem tar to stdout. `workDir`: where its chroot and
 * keyring go (TMPDIR), so that they go with the build's work area even when mmdebstrap is killed.
 */
export async function startBootstrap(
  b: BootstrapSource,
  arch: string,
  reporter: Reporter,
  workDir?: string
): Promise<StreamProcess> {
  const hostMirror = b.mirror || b.snapshot ? null : pickMirror(await hostAptSources(), b.suite)
  const cmd = bootstrapCommand(b, arch, hostMirror)
  reporter.info(`mmdebstrap ${b.suite} from ${cmd.mirror}`)
  // mmdebstrap forks (its tar writer, apt, dpkg, maintainer scripts: under qemu-user for
  // another arch, for many minutes); stopping only mmdebstrap left them running. As PID 1 of
  // its own PID namespace, everything it started ends with it, and the chroot's /proc, /sys and
  // /dev mounts, in its own mount namespace, with them.
  const [file, args] = wholeTree('mmdebstrap', cmd.args, { mounts: true })
  return spawnStream(file, args, {
    env: workDir ? { ...cmd.env, TMPDIR: workDir } : cmd.env,
    reporter,
    onLine: (l) => reporter.debug(`mmdebstrap: ${l}`)
  })
}
