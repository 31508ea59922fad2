/**
 * KVM when it works, TCG otherwise. /dev/kvm being there is not enough: in some nested
 * VMs KVM runs real-mode code but hangs the moment a kernel switches to long mode. So
 * the probe boots the very kernel to be checked under KVM, without root device: a
 * working KVM reaches the kernel's "cannot mount root" panic in about a second; a
 * broken one shows nothing and is stopped after PROBE_TIMEOUT_SEC. The verdict is kept
 * for the life of the process.
 */
import { accessSync, constants } from 'node:fs'
import type { Reporter } from '../util/log.js'
import type { GuestArch } from './archives.js'
import { runGuest, type ConsoleRules, type Verdict } from './console.js'
import { gateAppend, qemuCommand, type Accel } from './qemu.js'

export type AccelChoice = Accel | 'auto'

export const PROBE_TIMEOUT_SEC = 5

const verdicts = new Map<GuestArch, Promise<Accel>>()

export function hostArch(): GuestArch | undefined {
  return process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : undefined
}

function kvmDeviceUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The kernel got past early boot: it is probing for its root device or panicking over it. */
class KernelRanRules implements ConsoleRules {
  feed(line: string): Verdict | undefined {
    return /Kernel panic|VFS: |Freeing unused kernel|Run \/init/.test(line)
      ? { passed: true, message: 'kernel ran under KVM' }
      : undefined
  }
  explainNoVerdict(): string {
    return 'no kernel output under KVM'
  }
}

export async function chooseAccel(
  requested: AccelChoice,
  arch: GuestArch,
  kernel: string,
  reporter: Reporter
): Promise<Accel> {
  if (requested !== 'auto') return requested
  if (hostArch() !== arch || !kvmDeviceUsable()) return 'tcg'
  let verdict = verdicts.get(arch)
  if (!verdict) {
    verdict = probeKvm(arch, kernel, reporter)
    verdicts.set(arch, verdict)
  }
  return verdict
}

async function probeKvm(arch: GuestArch, kernel: string, reporter: Reporter): Promise<Accel> {
  const cmd = qemuCommand({
    arch,
    accel: 'kvm',
    kernel,
    append: gateAppend(arch),
    memoryMiB: 256
  })
  try {
    const r = await runGuest(cmd, new KernelRanRules(), { timeoutSec: PROBE_TIMEOUT_SEC, reporter })
    if (r.verdict.passed) {
      reporter.debug(`KVM works (kernel ran in ${r.seconds.toFixed(1)} s)`)
      return 'kvm'
    }
    const last = r.consoleTail.filter((l) => l.trim()).pop()
    reporter.info(`KVM does not work here (${r.verdict.message}${last ? `: ${last}` : ''}); using TCG`)
  } catch (e) {
    reporter.info(`KVM does not work here (${(e as Error).message}); using TCG`)
  }
  return 'tcg'
}

/** For tests: forget the verdicts. */
export function resetAccelVerdicts(): void {
  verdicts.clear()
}
