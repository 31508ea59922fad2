/**
 * The sandbox driver: a constant sh script run as PID 1 of fresh mount and PID namespaces
 * (`unshare --mount --propagation private --pid --fork --kill-child`). It mounts the overlay
 * and the requested pseudo file systems, runs one command, and exits with its status.
 *
 * Nothing is unmounted by hand, on purpose: every mount lives in the private mount
 * namespace, which the kernel tears down with its last process. When PID 1 exits the
 * kernel kills whatever else runs in the namespace, and `setpriv --pdeathsig KILL` plus
 * `--kill-child` chain that to the death of this node process, even by SIGKILL. So no
 * mount and no process outlives a sandbox run, whatever way it ends.
 *
 * The script takes everything as arguments; no input is ever spliced into shell text.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Tail } from '../util/exec.js'
import type { Reporter } from '../util/log.js'
import { killGroup, trackChild } from './cleanup.js'

export type MountKind = 'proc' | 'dev' | 'sys'

// $1 merged mount point, $2 lowerdir list (top first), $3 upper, $4 work, $5 mounts (a,b),
// then the command. redirect_dir/metacopy/index off keep the upper dir a plain diff that a
// layer tar can express (no redirects, no metadata-only copy-ups).
const DRIVER = `set -eu
merged=$1 lower=$2 upper=$3 work=$4 mounts=$5
shift 5
mount -t overlay kiln-sandbox -o "lowerdir=$lower,upperdir=$upper,workdir=$work,redirect_dir=off,metacopy=off,index=off,xino=off" "$merged"
for m in $(echo "$mounts" | tr , ' '); do
  case $m in
    proc) mount -t proc -o nosuid,nodev,noexec proc "$merged/proc" ;;
    dev) mount --rbind /dev "$merged/dev"; mount --make-rslave "$merged/dev" ;;
    sys) mount --rbind -o ro /sys "$merged/sys"; mount --make-rslave "$merged/sys" ;;
    *) echo "kiln-sandbox: unknown mount $m" >&2; exit 125 ;;
  esac
done
set +e
"$@"
exit $?
`

export interface DriverRun {
  merged: string
  /** Lower directories, top layer first (overlayfs reads the leftmost as the top). */
  lowers: string[]
  upper: string
  work: string
  mounts: MountKind[]
  /** The command, already wrapped (env -i … chroot … or env … for host commands). */
  argv: string[]
  /** 'inherit': the command talks to the terminal (kiln run); 'pipe': lines go to onLine. */
  stdio: 'inherit' | 'pipe'
  /** Working directory of the command (host commands only; chroot starts at /). */
  cwd?: string
  onLine?: (line: string) => void
  signal?: AbortSignal
  reporter?: Reporter
}

export interface DriverResult {
  exitCode: number
  signal: NodeJS.Signals | null
  tail: string[]
}

/** Characters the overlayfs mount option string cannot carry in a path. */
const UNSAFE_OPTION_PATH = /[,:\n\\]/

export function runDriver(r: DriverRun): Promise<DriverResult> {
  for (const p of [r.merged, r.upper, r.work, ...r.lowers]) {
    if (UNSAFE_OPTION_PATH.test(p))
      throw new Error(
        `sandbox: path ${JSON.stringify(p)} contains a character overlayfs options cannot hold (, : \\ or newline)`
      )
  }
  if (r.lowers.length === 0) throw new Error('sandbox: at least one lower directory is needed')
  const args = [
    '--pdeathsig',
    'KILL',
    '--',
    'unshare',
    '--mount',
    '--propagation',
    'private',
    '--pid',
    '--fork',
    '--kill-child',
    '--',
    'sh',
    '-c',
    DRIVER,
    'kiln-sandbox',
    r.merged,
    r.lowers.join(':'),
    r.upper,
    r.work,
    r.mounts.join(','),
    ...r.argv
  ]
  r.reporter?.debug(
    `sandbox: ${r.argv.join(' ')} (lower ${r.lowers.length} dirs, mounts ${r.mounts.join(',') || 'none'})`
  )
  const interactive = r.stdio === 'inherit'
  // A build step gets its own process group so that one kill reaches all of it; an
  // interactive command stays in the terminal's foreground group so ^C reaches it.
  const child: ChildProcess = spawn('setpriv', args, {
    stdio: interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    cwd: r.cwd,
    detached: !interactive
  })
  const untrack = trackChild(child)
  const tail = new Tail()
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stdout?.on('data', (d: string) => tail.push(d, r.onLine))
  child.stderr?.on('data', (d: string) => tail.push(d, r.onLine))
  const onAbort = (): void => killGroup(child)
  r.signal?.addEventListener('abort', onAbort, { once: true })
  return new Promise<DriverResult>((resolve, reject) => {
    child.once('error', (e) => {
      untrack()
      r.signal?.removeEventListener('abort', onAbort)
      reject(new Error(`sandbox: cannot start setpriv/unshare: ${e.message}`))
    })
    child.once('close', (code, sig) => {
      untrack()
      r.signal?.removeEventListener('abort', onAbort)
      tail.flush(r.onLine)
      resolve({ exitCode: code ?? 128, signal: sig, tail: tail.get() })
    })
  })
}
