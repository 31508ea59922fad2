/**
 * Streaming companion to exec.ts for tools whose stdin or stdout is bulk data (a tar from
 * mmdebstrap or `docker save`, a tar into `docker load`, zstd/xz decompression): the data
 * flows through pipes and is never buffered; stderr is kept as a tail for error messages.
 */
import { execa, type Options as ExecaOptions, type ResultPromise } from 'execa'
import type { Readable, Writable } from 'node:stream'
import type { ChildProcess } from 'node:child_process'
import { ExecError, Tail, dieWithKiln, failureReason, refuseAfterInterrupt } from './exec.js'
import { GRACE_MS, trackProcess } from './lifecycle.js'
import type { Reporter } from './log.js'
import { SilentReporter } from './log.js'

export interface StreamRunOptions {
  cwd?: string
  env?: Record<string, string | undefined>
  reporter?: Reporter
  /** Data for the tool's stdin; 'ignore' (default) gives it none. */
  stdin?: Readable | 'ignore'
  /** Called with each stderr line. */
  onLine?: (line: string) => void
  signal?: AbortSignal
}

export interface StreamProcess {
  /** The tool's stdout, to be consumed by the caller. */
  stdout: Readable
  /** The tool's stdin, when opts.stdin was not given ('pipe' mode), for the caller to write. */
  stdin: Writable | null
  /** Settles when the tool exits: rejects with ExecError (stderr tail) on a non-zero status. */
  done: Promise<{ tail: string[] }>
  /** Stops the tool (on an error elsewhere in the pipeline). */
  kill(): void
}

/**
 * Starts a tool with piped stdout. stdin is fed from opts.stdin, or left as a pipe the caller
 * writes (pass stdin: undefined and use .stdin), or ignored.
 */
export function spawnStream(
  file: string,
  args: readonly string[],
  opts: StreamRunOptions & { pipeStdin?: boolean } = {}
): StreamProcess {
  const reporter = opts.reporter ?? new SilentReporter()
  const command = [file, ...args].join(' ')
  reporter.debug(`$ ${command}`)
  const tail = new Tail()
  refuseAfterInterrupt(command)
  const [spawnFile, spawnArgs] = dieWithKiln(file, args)
  const child = execa(spawnFile, spawnArgs, {
    cwd: opts.cwd,
    env: opts.env,
    reject: false,
    buffer: false,
    stdin: opts.stdin && opts.stdin !== 'ignore' ? 'pipe' : opts.pipeStdin ? 'pipe' : 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    cancelSignal: opts.signal,
    forceKillAfterDelay: GRACE_MS
  } as ExecaOptions) as ResultPromise
  trackProcess(child as unknown as ChildProcess, false)
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (d: string) => tail.push(d, opts.onLine))
  if (opts.stdin && opts.stdin !== 'ignore' && child.stdin) {
    const input = opts.stdin
    const sink = child.stdin
    // A tool that exits early closes its stdin: that is reported through its exit status.
    sink.on('error', () => {})
    input.on('error', () => child.kill())
    // eslint-disable-next-line no-restricted-syntax -- both ends have their 'error' handlers just above
    input.pipe(sink)
  }
  const done = (async () => {
    const result = await child
    tail.flush(opts.onLine)
    const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1
    if (result.failed || exitCode !== 0) {
      throw new ExecError(command, result.exitCode, tail.get(), failureReason(result))
    }
    return { tail: tail.get() }
  })()
  // Callers await `done` after consuming stdout; keep an early rejection from being unhandled.
  done.catch(() => {})
  return {
    stdout: child.stdout as Readable,
    stdin: opts.pipeStdin ? (child.stdin as Writable) : null,
    done,
    kill: () => {
      child.kill()
    }
  }
}
