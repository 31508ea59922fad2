/**
 * The one way the engine talks to a person. The CLI prints to stderr; the Action maps
 * the same calls onto @actions/core (log groups, annotations). The engine never imports
 * @actions/* itself, so both adapters share every line of it.
 */
export interface Reporter {
  info(message: string): void
  warn(message: string, where?: SourceLocation): void
  error(message: string, where?: SourceLocation): void
  debug(message: string): void
  /** Runs `fn` inside a collapsible group (a log group in Actions, a heading on a terminal). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>
}

export interface SourceLocation {
  file: string
  line?: number
  column?: number
}

/** Plain terminal reporter: everything to stderr so stdout stays machine-readable. */
export class ConsoleReporter implements Reporter {
  constructor(private readonly verbose = !!process.env.KILN_DEBUG) {}
  info(message: string): void {
    process.stderr.write(`${message}\n`)
  }
  warn(message: string, where?: SourceLocation): void {
    process.stderr.write(`warning: ${at(where)}${message}\n`)
  }
  error(message: string, where?: SourceLocation): void {
    process.stderr.write(`error: ${at(where)}${message}\n`)
  }
  debug(message: string): void {
    if (this.verbose) process.stderr.write(`debug: ${message}\n`)
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    process.stderr.write(`==> ${title}\n`)
    return fn()
  }
}

/** Swallows everything: for library use and tests that only look at results. */
export class SilentReporter implements Reporter {
  info(): void {}
  warn(): void {}
  error(): void {}
  debug(): void {}
  group<T>(_title: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }
}

function at(where?: SourceLocation): string {
  if (!where) return ''
  return `${where.file}${where.line ? `:${where.line}${where.column ? `:${where.column}` : ''}` : ''}: `
}

/** Human sizes for logs and summaries: 1.2 GB, 640 MB, 12 kB (powers of 1000, as du -h --si). */
/** `1 image`, `3 images`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let i = 0
  let v = n
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000
    i++
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}
