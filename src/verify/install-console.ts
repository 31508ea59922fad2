/**
 * Console rules of the provisioning gate: the installer's stage markers, and the stages of a
 * boot from the installed disk (firmware → GRUB → kernel → root → check program), so that a
 * failure names where it stopped.
 */
import { DiskCheckRules, type ConsoleRules, type Verdict } from './console.js'
import { INSTALL_STAGES, STAGE_WORDS, type InstallStage } from './install-script.js'

export interface StageTime {
  stage: string
  seconds: number
}

/** A failure's stage: an install stage, or where a disk boot stopped. */
export type BootStage = 'firmware' | 'grub' | 'root' | 'panic' | 'check' | 'timeout'

export interface StagedVerdict extends Verdict {
  stage?: string
}

function isStage(s: string): s is InstallStage {
  return (INSTALL_STAGES as readonly string[]).includes(s)
}

/** Reads the installer's `KILN-INSTALL <token> …` lines; only lines with this run's token count. */
export class InstallRules implements ConsoleRules {
  current: InstallStage | undefined
  readonly notes: string[] = []
  readonly times: StageTime[] = []
  private started = Date.now()
  private hints: string[] = []
  constructor(
    private readonly token: string,
    private readonly now: () => number = Date.now
  ) {
    this.started = now()
  }

  feed(line: string): StagedVerdict | undefined {
    const m = new RegExp(`KILN-INSTALL ${this.token} (stage|note|fail|done)(?: (.*))?$`).exec(line)
    if (!m) {
      if (/KILN-INSTALLER-BROKEN/.test(line))
        return {
          passed: false,
          stage: 'installer',
          message: 'the installer VM could not read its install program'
        }
      const p = /Kernel panic - not syncing:?\s*(.*)$/.exec(line)
      if (p)
        return {
          passed: false,
          stage: this.current ?? 'installer',
          message: `the installer's kernel panicked${this.current ? ` while ${STAGE_WORDS[this.current]}` : ''}: ${p[1].trim()}`
        }
      if (/^error|failed|cannot|No such/i.test(line.trim()) && this.hints.length < 5)
        this.hints.push(line.trim())
      return undefined
    }
    const [, kind, rest = ''] = m
    if (kind === 'stage') {
      this.lap()
      if (isStage(rest.trim())) this.current = rest.trim() as InstallStage
      return undefined
    }
    if (kind === 'note') {
      this.notes.push(rest)
      return undefined
    }
    if (kind === 'done') {
      this.lap()
      return { passed: true, message: 'installed' }
    }
    // fail <stage> <why>
    this.lap()
    const f = /^(\S+)\s*(.*)$/.exec(rest)
    const stage = f?.[1] ?? this.current ?? 'install'
    const why = f?.[2] || 'failed'
    return { passed: false, stage, message: `${stage}: ${why}` }
  }

  /** Closes the running stage's time. */
  private lap(): void {
    const t = this.now()
    if (this.current) this.times.push({ stage: this.current, seconds: (t - this.started) / 1000 })
    this.started = t
  }

  explainNoVerdict(): string {
    const where = this.current
      ? `during stage ${this.current} (${STAGE_WORDS[this.current]})`
      : 'before its first stage'
    return `the installer stopped ${where}${this.hints.length ? ` (console: ${this.hints.join('; ')})` : ''}`
  }

  stageNoVerdict(): string {
    return this.current ?? 'installer'
  }
}

/** Lines by which an initramfs says it did not find the root device. */
const ROOT_MISSING = [
  /Gave up waiting for root (file system )?device.*/,
  /ALERT! .* does not exist.*/,
  /VFS: Cannot open root device.*/,
  /Warning: \/dev\/\S+ does not exist/
]

/**
 * A boot from the installed disk alone: the firmware must start GRUB (it prints this run's
 * KILN-GRUB line from the gate's grub.cfg), GRUB the kernel, the initramfs must find the root
 * by UUID, and the check program must pass (DiskCheckRules).
 */
export class DiskBootRules implements ConsoleRules {
  phase: 'firmware' | 'grub' | 'kernel' = 'firmware'
  private readonly check: DiskCheckRules
  private readonly grubErrors: string[] = []
  constructor(
    checkToken: string,
    private readonly grubToken: string
  ) {
    this.check = new DiskCheckRules(checkToken)
  }

  feed(line: string): StagedVerdict | undefined {
    if (line.includes(`KILN-GRUB ${this.grubToken}`)) {
      this.phase = 'grub'
      return undefined
    }
    if (this.phase === 'grub') {
      const e = /^\s*error: (.*)$/.exec(line)
      if (e && this.grubErrors.length < 5) this.grubErrors.push(e[1].trim())
      // The kernel's first lines (or, with `quiet`, the initramfs's or the check's).
      if (/Linux version |Run \/init|Loading, please wait|KILN-CHECK|Begin: /.test(line))
        this.phase = 'kernel'
    }
    for (const r of ROOT_MISSING) {
      const m = r.exec(line)
      if (m) return { passed: false, stage: 'root', message: `root by UUID not found: ${m[0].trim()}` }
    }
    const v = this.check.feed(line)
    if (!v) return undefined
    if (v.passed) return { ...v, stage: 'check' }
    this.phase = 'kernel'
    return { ...v, stage: v.message.startsWith('kernel panic') ? 'panic' : 'check' }
  }

  explainNoVerdict(): string {
    if (this.phase === 'firmware')
      return 'the firmware did not start GRUB from the disk (no KILN-GRUB line on the console)'
    if (this.phase === 'grub')
      return `GRUB did not start the kernel${this.grubErrors.length ? ` (GRUB: ${this.grubErrors.join('; ')})` : ''}`
    return this.check.explainNoVerdict()
  }

  /** The stage a boot without a verdict stopped in. */
  stageNoVerdict(): BootStage {
    return this.phase === 'firmware' ? 'firmware' : this.phase === 'grub' ? 'grub' : 'check'
  }
}
