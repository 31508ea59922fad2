/**
 * The one seam through which every external tool runs (docker, packer, mmdebstrap, umoci,
 * qemu, …): argument arrays only, never a shell string; the command logged at debug level;
 * the last lines of its output kept so a failure can show them.
 */
import { execa, type Options as ExecaOptions, type ResultPromise } from 'execa'
import type { ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { CancelledError, GRACE_MS, interruptedBy, trackProcess } from './lifecycle.js'
import type { Reporter } from './log.js'
import { SilentReporter } from './log.js'

export const TAIL_LINES = 30

export interface RunOptions {
  cwd?: string
  env?: Record<string, string | undefined>
  /** Replace the environment instead of extending process.env. */
  extendEnv?: boolean
  input?: string | Buffer
  /** Called with every output line (stdout and stderr), e.g. to show progress. */
  onLine?: (line: string) => void
  reporter?: Reporter
  /** Keep stdout as the result (default true). Large binary output should be streamed instead. */
  captureStdout?: boolean
  timeoutMs?: number
  signal?: AbortSignal
  /**
   * A cleanup step (removing engine tags): it still starts after an interrupt. Any other tool
   * is refused once the process is interrupted, so a step that missed the abort starts nothing.
   */
  cleanup?: boolean
}

export interface RunResult {
  exitCode: number
  stdout: string
  /** Last TAIL_LINES lines of stdout+stderr interleaved. */
  tail: string[]
}

export class ExecError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | undefined,
    readonly tail: string[],
    reason: string
  ) {
    super(`${command}: ${reason}`)
    this.name = 'ExecError'
  }
}

/** A ring buffer of the last N lines. */
export class Tail {
  private lines: string[] = []
  private partial = ''
  constructor(private readonly max = TAIL_LINES) {}
  push(chunk: string, onLine?: (l: string) => void): void {
    const parts = (this.partial + chunk).split(/\r?\n|\r/)
    this.partial = parts.pop() ?? ''
    for (const l of parts) this.add(l, onLine)
  }
  flush(onLine?: (l: string) => void): void {
    if (this.partial) this.add(this.partial, onLine)
    this.partial = ''
  }
  get(): string[] {
    return [...this.lines]
  }
  private add(l: string, onLine?: (l: string) => void): void {
    this.lines.push(l)
    if (this.lines.length > this.max) this.lines.shift()
    onLine?.(l)
  }
}

/** Run a tool to completion. Throws ExecError (with the output's tail) on a non-zero exit. */
export async function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const reporter = opts.reporter ?? new SilentReporter()
  const command = [file, ...args].map(quoteForLog).join(' ')
  reporter.debug(`$ ${command}`)
  const tail = new Tail()
  const capture = opts.captureStdout !== false
  let stdout = ''
  refuseAfterInterrupt(command, opts.cleanup)
  const [spawnFile, spawnArgs] = dieWithKiln(file, args)
  const child = execa(spawnFile, spawnArgs, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: opts.extendEnv ?? true,
    input: opts.input,
    reject: false,
    stdin: opts.input === undefined ? 'ignore' : undefined,
    buffer: false,
    timeout: opts.timeoutMs,
    cancelSignal: opts.signal,
    forceKillAfterDelay: GRACE_MS,
    encoding: 'utf8'
  } as ExecaOptions) as ResultPromise
  trackProcess(child as unknown as ChildProcess, false)
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stdout?.on('data', (d: string) => {
    if (capture) stdout += d
    tail.push(d, opts.onLine)
  })
  child.stderr?.on('data', (d: string) => tail.push(d, opts.onLine))
  const result = await child
  tail.flush(opts.onLine)
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1
  if (result.failed || exitCode !== 0) {
    throw new ExecError(command, result.exitCode, tail.get(), failureReason(result, opts.timeoutMs))
  }
  return { exitCode, stdout, tail: tail.get() }
}

/** Why a finished tool counts as failed, in words for an error message. */
export function failureReason(
  result: {
    timedOut?: boolean
    isCanceled?: boolean
    signal?: string
    exitCode?: number
    originalMessage?: string
    shortMessage?: string
  },
  timeoutMs?: number
): string {
  if (result.timedOut) return `timed out after ${timeoutMs} ms`
  if (result.isCanceled) return 'cancelled'
  if (result.signal) return `killed by ${result.signal}`
  if (typeof result.exitCode !== 'number') {
    return String(result.originalMessage ?? result.shortMessage ?? 'could not start')
  }
  return `exited with status ${result.exitCode}`
}

/** Throws CancelledError when the process was interrupted and `command` is not a cleanup step. */
export function refuseAfterInterrupt(command: string, cleanup?: boolean): void {
  const sig = interruptedBy()
  if (sig && !cleanup) throw new CancelledError(`${command}: not started: interrupted by ${sig}`)
}

const SETPRIV = '/usr/bin/setpriv'
const found = new Map<string, boolean>()

/** Whether a command name resolves to an executable (a path, or a name on PATH). Cached. */
function resolvable(file: string): boolean {
  let ok = found.get(file)
  if (ok === undefined) {
    const candidates = file.includes('/')
      ? [file]
      : (process.env.PATH ?? '').split(delimiter).map((d) => join(d || '.', file))
    ok = candidates.some((c) => {
      try {
        accessSync(c, constants.X_OK)
        return true
      } catch {
        return false
      }
    })
    found.set(file, ok)
  }
  return ok
}

/**
 * The command line that starts a tool with a parent-death signal: `setpriv --pdeathsig KILL`
 * (util-linux) sets it and execs the tool under the same pid, so a SIGKILLed kiln leaves no
 * docker client, packer or qemu running. Without setpriv, or for a tool that is not there
 * (whose "not found" must stay the spawn error it is), the tool starts as it is.
 */
export function dieWithKiln(file: string, args: readonly string[]): [string, string[]] {
  if (!resolvable(SETPRIV) || !resolvable(file)) return [file, [...args]]
  return [SETPRIV, ['--pdeathsig', 'KILL', '--', file, ...args]]
}

/**
 * The command line that runs a tool whose own children must not outlive it (packer and its
 * plugins): as PID 1 of a new PID namespace (`unshare --pid --kill-child`), so when it dies
 * (its parent-death signal when kiln is SIGKILLed) the kernel kills every process it started.
 * unshare forwards SIGTERM and SIGINT, so a cancelled tool still cleans up after itself.
 */
export function wholeTree(
  file: string,
  args: readonly string[],
  opts: { mounts?: boolean } = {}
): [string, string[]] {
  if (!resolvable('unshare')) return [file, [...args]]
  // `mounts`: its own mount namespace too (private), so what the tool mounts (a chroot's /proc,
  // /dev) goes away with it, even when it is killed before it could unmount.
  return [
    'unshare',
    [...(opts.mounts ? ['--mount'] : []), '--pid', '--fork', '--kill-child', '--', file, ...args]
  ]
}

/** Like run() but returns null instead of throwing when the tool is missing or fails. */
export async function tryRun(
  file: string,
  args: readonly string[],
  opts: RunOptions = {}
): Promise<RunResult | null> {
  try {
    return await run(file, args, opts)
  } catch {
    return null
  }
}

/** Whether a tool is on PATH (cached). */
const whichCache = new Map<string, Promise<boolean>>()
export function hasTool(name: string): Promise<boolean> {
  let p = whichCache.get(name)
  if (!p) {
    p = tryRun('sh', ['-c', 'command -v "$1"', 'sh', name]).then((r) => r !== null)
    whichCache.set(name, p)
  }
  return p
}

function quoteForLog(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`
}
