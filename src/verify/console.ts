/**
 * Runs a guest and reads its serial console line by line, deciding as soon as the
 * console says enough: the pass marker, the check's failure line, or a kernel panic
 * (qemu is stopped at once, not at the timeout). Keeps the last lines for the report.
 */
import { ExecError, Tail, run } from '../util/exec.js'
import type { Reporter } from '../util/log.js'
import type { Command } from './qemu.js'

export const CONSOLE_TAIL_LINES = 40

export interface Verdict {
  passed: boolean
  message: string
  /** Kernel release the check program reported (disk mode). */
  kernel?: string
}

/** Decides from console lines; returns a verdict once one line settles it. */
export interface ConsoleRules {
  feed(line: string): Verdict | undefined
  /** Called when the guest ended without a verdict: the best explanation the console gives. */
  explainNoVerdict(): string
}

/** Things an initramfs prints on the way to a failure: quoted when no marker came. */
const HINTS = [
  /Initramfs unpacking failed.*/,
  /Gave up waiting for root.*/,
  /ALERT!.*/,
  /Target filesystem doesn't have requested.*/,
  /No init found.*/,
  /VFS: Cannot open root device.*/,
  /VFS: Unable to mount root.*/,
  /Kernel panic.*/
]

abstract class BaseRules implements ConsoleRules {
  protected hints: string[] = []
  abstract feed(line: string): Verdict | undefined
  abstract explainNoVerdict(): string
  protected panic(line: string): Verdict | undefined {
    const m = /Kernel panic - not syncing:?\s*(.*)$|Kernel panic(.*)$/.exec(line)
    if (!m) return undefined
    const reason = (m[1] ?? m[2] ?? '').trim() || 'no reason given'
    // What went wrong earlier (an initrd that did not unpack) has often scrolled out of the tail.
    const earlier = this.hints.filter((h) => !h.startsWith('Kernel panic') && !reason.includes(h))
    return {
      passed: false,
      message: `kernel panic: ${reason}${earlier.length ? ` (console: ${earlier.join('; ')})` : ''}`
    }
  }
  protected noteHint(line: string): void {
    for (const h of HINTS) {
      const m = h.exec(line)
      if (m && !this.hints.includes(m[0].trim()) && this.hints.length < 5) this.hints.push(m[0].trim())
    }
  }
  protected hintText(): string {
    return this.hints.length ? ` (console: ${this.hints.join('; ')})` : ''
  }
}

/** The full check: the check program's marker decides; a panic fails at once. */
export class DiskCheckRules extends BaseRules {
  private failures: string[] = []
  private sawCheck = false
  constructor(private readonly token: string) {
    super()
  }
  feed(line: string): Verdict | undefined {
    this.noteHint(line)
    const ok = new RegExp(`KILN-BOOT-OK (\\S+) ${this.token}`).exec(line)
    if (ok) return { passed: true, message: `booted kernel ${ok[1]} to the check program`, kernel: ok[1] }
    const fail = /KILN-CHECK-FAIL (.*)$/.exec(line)
    if (fail) {
      this.failures.push(fail[1].trim())
      return undefined
    }
    if (/KILN-CHECK /.test(line)) this.sawCheck = true
    if (line.includes(`KILN-BOOT-FAILED ${this.token}`)) {
      return { passed: false, message: `the booted image failed its checks: ${this.failures.join('; ')}` }
    }
    const p = this.panic(line)
    if (p && this.failures.length) p.message += ` after: ${this.failures.join('; ')}`
    return p
  }
  explainNoVerdict(): string {
    if (this.failures.length) return `the booted image failed its checks: ${this.failures.join('; ')}`
    return this.sawCheck
      ? 'the check program started but did not finish'
      : `the check program never ran: no marker on the console${this.hintText()}`
  }
}

/**
 * Lines by which an initramfs shows it ran and went looking for the root device. The
 * first comes at once; the "gave up" ones only after initramfs-tools' minimum 30 s wait.
 */
const ROOT_LOOKUP = [
  /Begin: Mounting root file system/, // initramfs-tools, after udev and init-premount
  /Gave up waiting for root/, // Debian/Ubuntu initramfs-tools
  /ALERT! .* does not exist/, // initramfs-tools
  /\(initramfs\)/, // initramfs-tools shell prompt
  /dracut-initqueue.*(timeout|Could not boot)/, // dracut
  /Warning: \/dev\/\S+ does not exist/ // dracut
]

/** The initrd-only check: passes once the initramfs reached its root lookup. */
export class InitrdCheckRules extends BaseRules {
  feed(line: string): Verdict | undefined {
    this.noteHint(line)
    if (ROOT_LOOKUP.some((r) => r.test(line))) {
      return { passed: true, message: `the initrd ran and looked for the root device (${line.trim()})` }
    }
    return this.panic(line)
  }
  explainNoVerdict(): string {
    return `the initrd never reached its root device lookup${this.hintText()}`
  }
}

export interface GuestRun {
  verdict: Verdict
  consoleTail: string[]
  seconds: number
}

export class BootAborted extends Error {
  constructor() {
    super('boot check cancelled')
    this.name = 'BootAborted'
  }
}

/**
 * Runs qemu until the rules decide, the timeout passes, or signal aborts. qemu is killed
 * in every case but the guest's own power-off; run() waits for it to be gone.
 */
export async function runGuest(
  cmd: Command,
  rules: ConsoleRules,
  opts: { timeoutSec: number; signal?: AbortSignal; reporter?: Reporter }
): Promise<GuestRun> {
  const tail = new Tail(CONSOLE_TAIL_LINES)
  const stop = new AbortController()
  let verdict: Verdict | undefined
  let timedOut = false
  const onLine = (line: string): void => {
    opts.reporter?.debug(`console: ${line}`)
    if (verdict) return
    verdict = rules.feed(line)
    if (verdict) stop.abort()
  }
  const timer = setTimeout(() => {
    timedOut = true
    stop.abort()
  }, opts.timeoutSec * 1000)
  const onAbort = (): void => stop.abort()
  opts.signal?.addEventListener('abort', onAbort)
  if (opts.signal?.aborted) stop.abort()
  const t0 = Date.now()
  let error: unknown
  try {
    await run(cmd.file, cmd.args, {
      reporter: opts.reporter,
      captureStdout: false,
      signal: stop.signal,
      onLine: (l) => {
        tail.push(`${l}\n`)
        onLine(l)
      }
    })
  } catch (e) {
    error = e
  } finally {
    clearTimeout(timer)
    opts.signal?.removeEventListener('abort', onAbort)
  }
  const seconds = (Date.now() - t0) / 1000
  const consoleTail = tail.get()
  if (verdict) return { verdict, consoleTail, seconds }
  if (opts.signal?.aborted) throw new BootAborted()
  if (timedOut) {
    return {
      verdict: {
        passed: false,
        message: `timed out after ${opts.timeoutSec} s: ${rules.explainNoVerdict()}`
      },
      consoleTail,
      seconds
    }
  }
  if (error instanceof ExecError && error.exitCode === undefined && consoleTail.length === 0) {
    // qemu did not start at all (missing binary): a problem of this machine, not of the image.
    throw error
  }
  const ended =
    error instanceof ExecError ? /(killed by \w+|exited with status -?\d+)$/.exec(error.message) : null
  const how = ended ? ` (qemu ${ended[1]})` : ''
  return { verdict: { passed: false, message: `${rules.explainNoVerdict()}${how}` }, consoleTail, seconds }
}
