/**
 * The sandbox driver: a constant sh script run as PID 1 of fresh mount and PID namespaces
 * (`unshare --mount --propagation private --pid --fork --kill-child`). It mounts the overlay
 * and then either runs one host command over it (packs, copies, hooks: the requested pseudo
 * file systems mounted under the root), or starts the step INSIDE the image as a container
 * of runc (the OCI runtime Docker uses) whose root is that overlay: pivot_root into it, its
 * own PID/mount/IPC/UTS namespaces, Docker's capabilities and seccomp filter (oci-spec.ts).
 * The overlay stays mounted by this script rather than by runc, so the patch layer, the
 * mount options and the teardown below are the same for both kinds of command.
 *
 * Nothing is unmounted by hand, on purpose: every mount lives in the private mount
 * namespace, which the kernel tears down with its last process. When PID 1 exits the
 * kernel kills whatever else runs in the namespace, and `setpriv --pdeathsig KILL` plus
 * `--kill-child` chain that to the death of this node process, even by SIGKILL. So no
 * mount and no process outlives a sandbox run, whatever way it ends.
 *
 * A container adds two things that outlive processes: runc's state, kept on a tmpfs mounted
 * over /run in the private mount namespace (so it goes with it; /run and not the sandbox
 * directory, which the host removes at teardown while the namespace may still need the
 * state to delete the container), and the container's cgroups, which
 * only `runc delete` removes. So the container script is told of its parent's death by
 * SIGTERM instead of SIGKILL (`--kill-child=SIGTERM`), runs in its own session (a kill of
 * the driver's process group reaches unshare alone, and so the same path), and on TERM
 * deletes the container (runc kills it and removes its cgroups) and exits; its exit as
 * PID 1 then kills whatever is left in the namespace, the nested container included.
 *
 * The script takes everything as arguments; no input is ever spliced into shell text.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Tail } from '../util/exec.js'
import type { Reporter } from '../util/log.js'
import { killGroup, trackChild } from '../util/lifecycle.js'

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

// $1 unshare's pid (to notice that it died before the trap was set: the TERM it sent then
// was dropped, as signals without a handler are for a PID 1), $2 merged, $3 lowerdir list,
// $4 upper, $5 work, $6 the runc bundle (config.json), $7 the container id; then, optionally,
// a host command to run beside the container (created, never started), with $KILN_RUNC_ROOT
// and $KILN_CONTAINER set so that it can \`runc exec\` commands into it (ansible's chroot
// connection). runc needs a /proc of the PID namespace it runs in: the host's shows other
// pids (the step gets a proc of its own from runc). The exit status is the step's (runc's)
// or the host command's, 125 when the container could not be made, 143 after a TERM. A
// command put in the background gets /dev/null as stdin unless given one: fd 3 keeps ours.
const CONTAINER_DRIVER = `set -eu
parent=$1 merged=$2 lower=$3 upper=$4 work=$5 bundle=$6 id=$7
state=/run/kiln-runc
command -v runc >/dev/null || { echo "kiln-sandbox: runc is not installed (Debian package runc)" >&2; exit 125; }
trap 'timeout 20 runc --root "$state" delete --force "$id" >/dev/null 2>&1; exit 143' TERM
read -r _ _ _ ppid _ </proc/self/stat
if [ "$ppid" != "$parent" ]; then exit 143; fi
mount -t proc -o nosuid,nodev,noexec kiln-proc /proc
mount -t overlay kiln-sandbox -o "lowerdir=$lower,upperdir=$upper,workdir=$work,redirect_dir=off,metacopy=off,index=off,xino=off" "$merged"
mount -t tmpfs -o mode=0700,size=4m kiln-runc-state /run
shift 7
set +e
exec 3<&0
if [ $# -eq 0 ]; then
  runc --root "$state" run --bundle "$bundle" "$id" <&3 3<&- &
  wait $!
  exit
fi
runc --root "$state" create --bundle "$bundle" "$id" </dev/null 3<&- || exit 125
KILN_RUNC_ROOT=$state KILN_CONTAINER=$id "$@" <&3 3<&- &
wait $!
status=$?
runc --root "$state" delete --force "$id"
exit $status
`

const UNSHARE = ['unshare', '--mount', '--propagation', 'private', '--pid', '--fork']

// How the container driver starts: the launching shell passes its own pid, which unshare
// keeps (exec), as $1. A build step's driver gets a session of its own (see above); an
// interactive one stays in the terminal's foreground group so that ^C reaches the step.
const launch = (session: boolean): string =>
  'script=$1; shift; exec setpriv --pdeathsig KILL -- ' +
  [...UNSHARE, '--kill-child=SIGTERM', '--', ...(session ? ['setsid'] : [])].join(' ') +
  ' sh -c "$script" kiln-container "$$" "$@"'
const LAUNCH_CONTAINER = launch(false)
const LAUNCH_CONTAINER_SESSION = launch(true)

/** A step inside the image: runc's bundle directory (config.json written) and the container's id. */
export interface ContainerRun {
  bundle: string
  id: string
}

export interface DriverRun {
  merged: string
  /** Lower directories, top layer first (overlayfs reads the leftmost as the top). */
  lowers: string[]
  upper: string
  work: string
  mounts: MountKind[]
  /** A host command (env … argv): alone, or beside the container when one is given. */
  argv: string[]
  /** A step of this bundle under runc (its command is in config.json). */
  container?: ContainerRun
  /** 'inherit': the command talks to the terminal (kiln run); 'pipe': lines go to onLine. */
  stdio: 'inherit' | 'pipe'
  /** Working directory of the host command (a step inside the image starts at /). */
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
  // The container driver hides /run behind its state tmpfs (above).
  if (r.container)
    for (const p of [r.merged, r.upper, r.work, r.container.bundle, ...r.lowers])
      if (p === '/run' || p.startsWith('/run/'))
        throw new Error(
          `sandbox: ${p}: a sandbox cannot live under /run (put TMPDIR and $KILN_SANDBOX_CACHE elsewhere)`
        )
  const interactive = r.stdio === 'inherit'
  const lowers = r.lowers.join(':')
  const c = r.container
  const driver = c
    ? [
        'sh',
        '-c',
        interactive ? LAUNCH_CONTAINER : LAUNCH_CONTAINER_SESSION,
        'kiln-sandbox',
        CONTAINER_DRIVER,
        r.merged,
        lowers,
        r.upper,
        r.work,
        c.bundle,
        c.id,
        ...r.argv
      ]
    : [
        'setpriv',
        '--pdeathsig',
        'KILL',
        '--',
        ...UNSHARE,
        '--kill-child',
        '--',
        'sh',
        '-c',
        DRIVER,
        'kiln-sandbox',
        r.merged,
        lowers,
        r.upper,
        r.work,
        r.mounts.join(','),
        ...r.argv
      ]
  r.reporter?.debug(
    c
      ? `sandbox: container ${c.id} (lower ${r.lowers.length} dirs, bundle ${c.bundle}${r.argv.length ? `, beside ${r.argv.join(' ')}` : ''})`
      : `sandbox: ${r.argv.join(' ')} (lower ${r.lowers.length} dirs, mounts ${r.mounts.join(',') || 'none'})`
  )
  // A build step gets its own process group so that one kill reaches all of it; an
  // interactive command stays in the terminal's foreground group so ^C reaches it.
  const [cmd, ...args] = driver
  const child: ChildProcess = spawn(cmd, args, {
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
      reject(new Error(`sandbox: cannot start ${cmd}: ${e.message}`))
    })
    child.once('close', (code, sig) => {
      untrack()
      r.signal?.removeEventListener('abort', onAbort)
      tail.flush(r.onLine)
      resolve({ exitCode: code ?? 128, signal: sig, tail: tail.get() })
    })
  })
}
