/**
 * The one cancellation path of a kiln process, and what it must take down when it ends.
 *
 * - The first SIGINT, SIGTERM or SIGHUP aborts `runSignal()`: the pipeline stops starting work,
 *   every external tool still running gets SIGTERM (SIGKILL GRACE_MS later), and the command
 *   unwinds through its `finally` blocks (engine tags removed, out/index.json written with the
 *   interrupted images). The CLI then exits 128 + the signal's number (130, 143, 129). A command
 *   that never asked for runSignal() (nothing to unwind) is torn down and dies of the signal.
 * - The second signal, or DEADLINE_MS after the first, exits at once: tools are SIGKILLed and
 *   tracked temporary directories removed synchronously; what is left (engine tags) is swept
 *   by the next run (leftovers.ts).
 * - Every tool is started with a parent-death signal (exec.ts), so even a SIGKILLed kiln leaves
 *   no docker client, packer or qemu running.
 *
 * Names of temporary files, directories and engine tags carry OWNER (pid, process start time,
 * host and boot), so that a later run can tell a dead run's leftovers from a live run's work.
 */
import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { hostname } from 'node:os'

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const
type HandledSignal = keyof typeof SIGNAL_NUMBERS

/** How long a tool has to end after SIGTERM before it is SIGKILLed. */
export const GRACE_MS = 2500
/**
 * How long the whole unwinding may take before the process exits anyway. A GitHub runner
 * sends SIGTERM 7.5 s after SIGINT (and kills the tree 2.5 s later): this fits before it.
 */
export const DEADLINE_MS = 6000

interface Tracked {
  child: ChildProcess
  /** Spawned detached: its pid is its process group id, and the whole group is signalled. */
  group: boolean
}

const children = new Set<Tracked>()
const dirs = new Set<string>()
const lastWords = new Set<() => void>()
const controller = new AbortController()
let interrupted: HandledSignal | undefined
let cooperative = false
let installed = false
let interactive = 0

// ---- Owner tokens ----------------------------------------------------------------------------

/** Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), or null. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[19] ?? null
  } catch {
    return null
  }
}

const short = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 6)

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return 'unknown'
  }
}

const HOST = short(hostname())
const BOOT = short(bootId())

/**
 * This process as the owner of temporary names: `PID-START-HOST-BOOT`, e.g. `4242-1k3z-a1b2c3-d4e5f6`
 * (start time in base 36; host and boot as short hashes). Safe in file names and engine tags.
 */
export const OWNER = `${process.pid}-${Number(processStartTime(process.pid) ?? 0).toString(36)}-${HOST}-${BOOT}`

const TOKEN = String.raw`(\d+)-([0-9a-z]+)-([0-9a-f]{6})-([0-9a-f]{6})`
/** Where an owner token sits in each kind of name kiln gives: */
const OWNED_NAMES = {
  /** a temporary directory: `kiln-OWNER-label-XXXXXX` */
  dir: new RegExp(`^kiln-${TOKEN}-`),
  /** a temporary file: `NAME.tmp-OWNER` or `NAME.tmp-OWNER-hex` */
  file: new RegExp(`\\.tmp-${TOKEN}(?:-[0-9a-f]+)?$`),
  /** an engine tag: `kiln-base/name:OWNER-…` */
  tag: new RegExp(`^kiln-(?:base|out)/[^:]+:${TOKEN}-`)
}
export type OwnedKind = keyof typeof OWNED_NAMES

/**
 * Whether a name kiln gave is its owner's to keep: undefined when the name has no owner token
 * (not kiln's to judge); otherwise whether the owner, a run on this host, is certainly gone:
 * it ran in an earlier boot, or its pid no longer exists or now belongs to a process started
 * at another time. A name of another host (a shared engine, a shared disk) is never judged
 * dead: that host's own runs sweep it.
 */
export function ownerIsDead(kind: OwnedKind, name: string): boolean {
  const m = OWNED_NAMES[kind].exec(name)
  if (!m) return false
  const [, pid, start, host, boot] = m
  if (host !== HOST) return false
  if (boot !== BOOT) return true
  const now = processStartTime(Number(pid))
  return now === null || Number(now).toString(36) !== start
}

/** `kiln-OWNER-LABEL-`: the prefix for mkdtemp of a temporary directory the sweep can judge. */
export function tempPrefix(label: string): string {
  return `kiln-${OWNER}-${label}-`
}

/** The temporary name a file is written under before it is renamed to `path`. */
export function tempFileFor(path: string): string {
  return `${path}.tmp-${OWNER}`
}

// ---- Cancellation ----------------------------------------------------------------------------

/**
 * The signal every step of a command threads through: aborted by the first SIGINT/SIGTERM.
 * Asking for it says the command unwinds by itself on abort (the process waits for it, up to
 * DEADLINE_MS), instead of being torn down at once.
 */
export function runSignal(): AbortSignal {
  installHandlers()
  cooperative = true
  return controller.signal
}

/** The signal that interrupted this process, if one did. */
export function interruptedBy(): HandledSignal | undefined {
  return interrupted
}

/** The exit status of a process interrupted by `sig`: 128 + its number, as a shell reports it. */
export function interruptExitStatus(sig: HandledSignal): number {
  return 128 + SIGNAL_NUMBERS[sig]
}

/** Thrown by a step that sees the run was cancelled (exec refuses to start new tools). */
export class CancelledError extends Error {
  constructor(what = 'cancelled') {
    super(what)
    this.name = 'CancelledError'
  }
}

/**
 * While a command owns the terminal (kiln run), ^C is the command's business: the
 * terminal sends SIGINT to it directly, and tearing it down would end an interactive
 * shell at its first ^C. Returns the function that ends this.
 */
export function holdInterrupts(): () => void {
  installHandlers()
  interactive++
  let done = false
  return () => {
    if (!done) interactive--
    done = true
  }
}

/** Tracks a sandbox child (spawned detached: its pid is its process group id). */
export function trackChild(child: ChildProcess): () => void {
  return trackProcess(child, true)
}

/**
 * Tracks a child process until it exits, so an interrupt stops it (SIGTERM, then SIGKILL) and
 * an exit at once kills it. `group`: it was spawned detached and its whole group is signalled.
 */
export function trackProcess(child: ChildProcess, group: boolean): () => void {
  installHandlers()
  const entry: Tracked = { child, group }
  children.add(entry)
  const untrack = (): void => void children.delete(entry)
  child.once('exit', untrack)
  child.once('error', untrack)
  return untrack
}

/** Tracks a temporary directory (or file); the returned function removes it and stops tracking. */
export function trackDir(dir: string): () => void {
  installHandlers()
  dirs.add(dir)
  return () => {
    dirs.delete(dir)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Kills a child's whole process group (the sandbox driver and everything it started). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
}

/** Number of live tracked processes and temporary directories (for tests and diagnostics). */
export function pending(): { children: number; dirs: number } {
  return { children: children.size, dirs: dirs.size }
}

function signalChild(t: Tracked, signal: NodeJS.Signals): void {
  if (t.group) return killGroup(t.child, signal)
  if (t.child.exitCode !== null || t.child.signalCode !== null) return
  try {
    t.child.kill(signal)
  } catch {
    // already gone
  }
}

/** Ends every tracked tool: SIGTERM now, SIGKILL to what is left after GRACE_MS. */
function stopChildren(): Promise<void> {
  const live = [...children]
  const waits = live.map(
    (t) =>
      new Promise<void>((resolve) => {
        if (t.child.exitCode !== null || t.child.signalCode !== null) return resolve()
        t.child.once('exit', () => resolve())
      })
  )
  // Sandbox drivers are PID 1 of their namespace and hold nothing to save: SIGKILL at once.
  for (const t of live) signalChild(t, t.group ? 'SIGKILL' : 'SIGTERM')
  const force = setTimeout(() => live.forEach((t) => signalChild(t, 'SIGKILL')), GRACE_MS)
  force.unref()
  return Promise.all(waits).then(() => clearTimeout(force))
}

/**
 * A synchronous step for an exit at once (a second signal, the deadline), after the tools are
 * killed and the directories removed: e.g. out/index.json saying where the run stopped.
 * Returns the function that unregisters it.
 */
export function onExitNow(fn: () => void): () => void {
  lastWords.add(fn)
  return () => void lastWords.delete(fn)
}

/** The synchronous end: kill what runs, remove tracked directories, say the last words. */
function teardownNow(): void {
  for (const t of children) signalChild(t, 'SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs.clear()
  for (const fn of lastWords) {
    try {
      fn()
    } catch {
      // an exit at once does not wait for anything, nor stop for anything
    }
  }
}

function exitNow(sig: HandledSignal): never {
  teardownNow()
  process.exit(interruptExitStatus(sig))
}

const handlers = new Map<HandledSignal, () => void>()

/**
 * Dies of `sig` itself, as its default action would have. Another listener left (execa's exit
 * hook, which ignores a signal once its tools are gone) would swallow it: then the process
 * exits with the status the signal gives (128 + n) instead.
 */
function dieOf(sig: HandledSignal): never {
  teardownNow()
  for (const [s, h] of handlers) process.off(s, h)
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig)
  process.exit(interruptExitStatus(sig))
}

function installHandlers(): void {
  if (installed) return
  installed = true
  for (const sig of Object.keys(SIGNAL_NUMBERS) as HandledSignal[]) {
    const onSignal = (): void => {
      if (sig === 'SIGINT' && interactive > 0) return
      if (interrupted) exitNow(sig)
      interrupted = sig
      process.stderr.write(`kiln: ${sig}: stopping; cleaning up (again to stop at once)\n`)
      controller.abort(new CancelledError(`interrupted by ${sig}`))
      const stopping = stopChildren()
      if (!cooperative) {
        // Nothing unwinds by itself: stop the tools, remove the directories, die of the signal.
        void Promise.race([stopping, new Promise((r) => setTimeout(r, GRACE_MS + 500))]).then(() =>
          dieOf(sig)
        )
        return
      }
      setTimeout(() => {
        process.stderr.write(`kiln: cleanup took more than ${DEADLINE_MS / 1000} s; exiting\n`)
        exitNow(sig)
      }, DEADLINE_MS).unref()
    }
    handlers.set(sig, onSignal)
    process.on(sig, onSignal)
  }
}
