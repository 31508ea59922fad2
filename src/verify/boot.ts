/**
 * The boot gate: an image with a kernel is booted before it is published, with its own
 * kernel and initrd under qemu and its root filesystem as a disk, and a check program as
 * init (see check-script.ts). It passes only on the check program's marker; a kernel
 * panic, a timeout or a missing marker fail it, with the end of the console.
 *
 * mode 'initrd' is a quicker, weaker check: kernel and initrd only, no disk; it passes
 * once the initramfs has run far enough to look for its root device.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { hasTool } from '../util/exec.js'
import { formatSeconds, type Reporter } from '../util/log.js'
import { chooseAccel, type AccelChoice } from './accel.js'
import {
  ARCHIVES,
  GateFailure,
  extractSingle,
  readManifest,
  requireArchive,
  type BootManifest,
  type GuestArch
} from './archives.js'
import { CHECK_PATH, DEFAULT_CHECK_MODULES, checkScript } from './check-script.js'
import { BootAborted, DiskCheckRules, InitrdCheckRules, runGuest, type ConsoleRules } from './console.js'
import { makeRootDisk, settleAll } from './disk.js'
import { ROOT_DEVICE, diskAppend, initrdAppend, qemuBinary, qemuCommand, type Accel } from './qemu.js'
import { makeScratchDir } from './temp.js'
import { kernelArch } from './kernel-arch.js'
import { DEFAULT_BOOT_TIMEOUT_SEC } from './defaults.js'

export type BootMode = 'disk' | 'initrd'

// In a module of its own so the CLI's option defaults do not load qemu's driver.
export { DEFAULT_BOOT_TIMEOUT_SEC }

export interface VerifyBootOptions {
  /** Directory holding image.tar.gz, kernel.tar.gz, initrd.tar.gz, modules.tar.gz, manifest.json. */
  dir: string
  /** Limit for the boot itself (preparing the disk is not counted). Default 120. */
  timeoutSec?: number
  /** Default 'auto': KVM if a short probe shows it works, TCG otherwise. */
  accel?: AccelChoice
  /** Default 'disk' (the full check). */
  mode?: BootMode
  /** Guest architecture; default manifest.json's arch, else x86_64. */
  arch?: GuestArch
  /** Modules the check tries to load, first loadable one wins. Default loop, dummy, tun, bonding. */
  modules?: string[]
  reporter: Reporter
  signal?: AbortSignal
}

export interface BootResult {
  status: 'passed' | 'failed'
  /** Seconds the guest ran (0 when the archives failed before booting). */
  seconds: number
  accel: Accel
  message?: string
  /** Last 40 console lines (empty when nothing booted). */
  consoleTail: string[]
  /** Kernel release the booted image reported (disk mode, when it got that far). */
  kernel?: string
  /** Seconds for the whole check, unpacking and disk image included. */
  totalSeconds: number
}

export async function verifyBoot(opts: VerifyBootOptions): Promise<BootResult> {
  const t0 = Date.now()
  const { dir, reporter } = opts
  const mode = opts.mode ?? 'disk'
  const timeoutSec = opts.timeoutSec ?? DEFAULT_BOOT_TIMEOUT_SEC
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory`)
  if (!(timeoutSec > 0))
    throw new Error(`boot check timeout must be a positive number of seconds, not ${timeoutSec}`)
  let accel: Accel = opts.accel === 'kvm' ? 'kvm' : 'tcg'
  const failed = (message: string, consoleTail: string[] = [], seconds = 0): BootResult => ({
    status: 'failed',
    seconds,
    accel,
    message,
    consoleTail,
    totalSeconds: (Date.now() - t0) / 1000
  })

  let manifest: BootManifest
  let arch: GuestArch
  let kernelTar: string, initrdTar: string, rootfsTar: string, modulesTar: string
  try {
    manifest = await readManifest(dir)
    arch = opts.arch ?? manifest.arch ?? 'x86_64'
    kernelTar = requireArchive(dir, ARCHIVES.kernel, 'no kernel')
    initrdTar = requireArchive(dir, ARCHIVES.initrd, 'no initrd')
    rootfsTar = mode === 'disk' ? requireArchive(dir, ARCHIVES.rootfs, 'no root filesystem') : ''
    modulesTar = mode === 'disk' ? requireArchive(dir, ARCHIVES.modules, 'no modules') : ''
  } catch (e) {
    if (e instanceof GateFailure) return failed(e.message)
    throw e
  }
  const scratch = makeScratchDir()
  try {
    const kernel = await extractSingle(kernelTar, 'vmlinuz', 'no kernel', scratch.path, reporter)
    // The kernel's own header: it picks qemu when nothing says the arch, and a kernel of the
    // wrong architecture fails here rather than as a silent qemu.
    const kind = await kernelArch(kernel)
    if (kind.arch && !opts.arch && !manifest.arch) arch = kind.arch
    else if (kind.arch && kind.arch !== arch)
      return failed(`${kernelTar}: the kernel is ${kind.arch} (${kind.format}), but the image is ${arch}`)
    const qemu = qemuBinary(arch)
    if (!(await hasTool(qemu))) throw new Error(`${qemu} is not installed: the boot check needs it`)
    const initrd = await extractSingle(initrdTar, 'initrd', 'no initrd', scratch.path, reporter)
    // The KVM probe (a few seconds when KVM hangs) runs while the disk is made.
    const accelChoice = chooseAccel(opts.accel ?? 'auto', arch, kernel, reporter)
    let rules: ConsoleRules
    let disk: string | undefined
    let append: string
    if (mode === 'disk') {
      const token = randomBytes(8).toString('hex')
      const [made, chosen] = await settleAll([
        makeRootDisk({
          rootfs: rootfsTar,
          modules: modulesTar,
          work: scratch.path,
          checkPath: CHECK_PATH,
          checkScript: checkScript({
            token,
            rootDevice: ROOT_DEVICE,
            modules: opts.modules ?? DEFAULT_CHECK_MODULES
          }),
          reporter,
          signal: opts.signal
        }),
        accelChoice
      ])
      accel = chosen
      if (manifest.kernel && !made.moduleReleases.includes(manifest.kernel)) {
        return failed(
          `${modulesTar} has modules for ${made.moduleReleases.join(', ')}, but manifest.json says the kernel is ${manifest.kernel}`
        )
      }
      disk = made.path
      rules = new DiskCheckRules(token)
      append = diskAppend(arch, CHECK_PATH)
    } else {
      accel = await accelChoice
      rules = new InitrdCheckRules()
      append = initrdAppend(arch)
    }

    reporter.info(`booting ${basename(dir)} (${arch}, ${accel}${mode === 'initrd' ? ', initrd only' : ''})`)
    const cmd = qemuCommand({ arch, accel, kernel, initrd, disk, append })
    const guest = await runGuest(cmd, rules, { timeoutSec, signal: opts.signal, reporter })
    let { passed, message } = guest.verdict
    if (passed && manifest.kernel && guest.verdict.kernel && guest.verdict.kernel !== manifest.kernel) {
      passed = false
      message = `booted kernel ${guest.verdict.kernel}, but manifest.json says ${manifest.kernel}`
    }
    if (!passed) return failed(message, guest.consoleTail, guest.seconds)
    reporter.info(`boot check passed in ${formatSeconds(guest.seconds)}: ${message}`)
    return {
      status: 'passed',
      seconds: guest.seconds,
      accel,
      message,
      consoleTail: guest.consoleTail,
      kernel: guest.verdict.kernel,
      totalSeconds: (Date.now() - t0) / 1000
    }
  } catch (e) {
    if (opts.signal?.aborted) throw new BootAborted()
    if (e instanceof GateFailure) return failed(e.message)
    throw e
  } finally {
    await scratch.dispose()
  }
}
