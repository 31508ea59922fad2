/**
 * The provisioning gate: what a provisioner does to a blank disk, done in qemu, then the
 * disk booted alone under SeaBIOS and under OVMF to the boot gate's check program.
 *
 * 1. The installer VM (installer.ts: Kiln's own small Debian, cached) boots with the blank
 *    target disk, image.tar.gz and modules.tar.gz (decompressed on the host, attached as raw
 *    read-only disks: the guest reads the tar from the device) and this run's files. It
 *    partitions (GPT: BIOS boot, ESP, root), makes the file systems, unpacks the archives in
 *    the Packet layout (/boot/vmlinuz, /boot/initrd, lib/modules), writes fstab by UUID, reads
 *    /etc/kernel/cmdline, runs the image's own grub-install for BIOS and UEFI chrooted into the
 *    new root, and writes grub.cfg (install-script.ts). Every stage is a console marker.
 * 2. The gate's check entry and check program go only onto a copy-on-write overlay of the
 *    installed disk, so the disk itself stays exactly what a provisioner leaves (and what the
 *    raw/qcow2 exports publish).
 * 3. Each firmware boots its own overlay of that, with no -kernel: the firmware finds GRUB,
 *    GRUB the kernel, the initramfs the root by UUID, and the check program prints the marker.
 *
 * Nothing of the image runs on the host, and the host mounts nothing and uses no loop
 * device: disks are files made with qemu-img, read and written only by the guests. qemu dies
 * with Kiln (exec.ts); scratch files live in one owner-named directory (temp.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  statSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { hasTool, run } from '../util/exec.js'
import { formatBytes, formatSeconds, type Reporter } from '../util/log.js'
import { chooseAccel, type AccelChoice } from './accel.js'
import { ARCHIVES, GateFailure, extractSingle, readManifest, requireArchive } from './archives.js'
import { CHECK_PATH, DEFAULT_CHECK_MODULES, checkScript } from './check-script.js'
import { BootAborted, runGuest } from './console.js'
import { DEFAULT_BOOT_TIMEOUT_SEC, DEFAULT_INSTALL_TIMEOUT_SEC } from './defaults.js'
import { settleAll } from './disk.js'
import { DiskBootRules, InstallRules, type StageTime } from './install-console.js'
import { diskBootCommand, findOvmf, installerCommand } from './install-qemu.js'
import {
  DISK_BOOT_DEVICE,
  FIRMWARES,
  ROOT_PARTITION,
  installScript,
  targetDiskBytes,
  type DiskIds,
  type Firmware
} from './install-script.js'
import { INSTALLER_INIT_PATH, ensureInstaller } from './installer.js'
import { gateAppend, type Accel } from './qemu.js'
import { makeScratchDir } from './temp.js'

export { DEFAULT_INSTALL_TIMEOUT_SEC }

export interface VerifyInstallOptions {
  /** Directory holding image.tar.gz, kernel.tar.gz, initrd.tar.gz, modules.tar.gz, manifest.json. */
  dir: string
  /** Firmware to boot the installed disk under (default both). */
  firmware?: readonly Firmware[]
  /** Limit for the installer VM (default 600 s). */
  installTimeoutSec?: number
  /** Limit for each disk boot (default 120 s, as the boot gate). */
  bootTimeoutSec?: number
  accel?: AccelChoice
  modules?: string[]
  /** Keep the installed disk (raw, sparse) at this path when the gate passes. */
  keepDisk?: string
  reporter: Reporter
  signal?: AbortSignal
}

export interface DiskBootResult {
  firmware: Firmware
  status: 'passed' | 'failed'
  seconds: number
  stage?: string
  message: string
  consoleTail: string[]
}

export interface InstallResult {
  status: 'passed' | 'failed'
  /** Where it failed: an install stage (partition, bootloader-package, grub-install-bios, …) or `boot-bios:root`… */
  stage?: string
  message?: string
  accel: Accel
  /** Seconds of each install stage, then of each disk boot. */
  stages: StageTime[]
  boots: DiskBootResult[]
  /** What the installer noted: the image's command line, its modules, its grub-install. */
  notes: string[]
  consoleTail: string[]
  /** Seconds from start to verdict: preparing, installing and booting. */
  totalSeconds: number
  /** Seconds the installer VM ran. */
  installSeconds: number
  /** The installed disk, when keepDisk was given and the gate passed. */
  disk?: string
  kernel?: string
}

/** Bytes a decompressed archive may take on the scratch disk (as the sources' limit). */
function maxTarBytes(): number {
  const v = Number(process.env.KILN_MAX_ARCHIVE_BYTES)
  return Number.isFinite(v) && v > 0 ? v : 64 * 1024 ** 3
}

/** gunzip `from` to `to` (a raw tar the guest reads from a disk), refusing more than the limit. */
async function gunzipTo(from: string, to: string, signal?: AbortSignal): Promise<number> {
  const limit = maxTarBytes()
  let n = 0
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length
      if (n > limit)
        cb(
          new GateFailure(`${from}: decompresses to more than ${formatBytes(limit)} (KILN_MAX_ARCHIVE_BYTES)`)
        )
      else cb(null, chunk)
    }
  })
  try {
    await pipeline(createReadStream(from), createGunzip(), count, createWriteStream(to), { signal })
  } catch (e) {
    if (e instanceof GateFailure || signal?.aborted) throw e
    throw new GateFailure(`${from}: cannot be decompressed: ${(e as Error).message}`)
  }
  // A disk is read in 512-byte sectors: pad (a tar ends in zero blocks anyway).
  if (n % 512) truncateSync(to, n + (512 - (n % 512)))
  return n
}

function fatId(): string {
  const h = randomBytes(4).toString('hex').toUpperCase()
  return `${h.slice(0, 4)}-${h.slice(4)}`
}

export async function verifyInstall(opts: VerifyInstallOptions): Promise<InstallResult> {
  const t0 = Date.now()
  const { dir, reporter, signal } = opts
  const firmware = opts.firmware?.length ? [...new Set(opts.firmware)] : [...FIRMWARES]
  const bootTimeoutSec = opts.bootTimeoutSec ?? DEFAULT_BOOT_TIMEOUT_SEC
  const installTimeoutSec = opts.installTimeoutSec ?? DEFAULT_INSTALL_TIMEOUT_SEC
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory`)
  let accel: Accel = opts.accel === 'kvm' ? 'kvm' : 'tcg'
  const stages: StageTime[] = []
  const result = (r: Partial<InstallResult> & Pick<InstallResult, 'status'>): InstallResult => ({
    accel,
    stages,
    boots: [],
    notes: [],
    consoleTail: [],
    installSeconds: 0,
    ...r,
    totalSeconds: (Date.now() - t0) / 1000
  })
  const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const s = Date.now()
    try {
      return await fn()
    } finally {
      stages.push({ stage, seconds: (Date.now() - s) / 1000 })
    }
  }

  let rootfsGz: string, modulesGz: string, kernelTar: string, initrdTar: string
  let manifestKernel: string | undefined
  try {
    const manifest = await readManifest(dir)
    manifestKernel = manifest.kernel
    if ((manifest.arch ?? 'x86_64') !== 'x86_64')
      throw new GateFailure(
        `the install gate installs x86_64 images (BIOS and UEFI); manifest.json says ${manifest.arch}`
      )
    rootfsGz = requireArchive(dir, ARCHIVES.rootfs, 'no root filesystem')
    kernelTar = requireArchive(dir, ARCHIVES.kernel, 'no kernel')
    initrdTar = requireArchive(dir, ARCHIVES.initrd, 'no initrd')
    modulesGz = requireArchive(dir, ARCHIVES.modules, 'no modules')
  } catch (e) {
    if (e instanceof GateFailure) return result({ status: 'failed', stage: 'archives', message: e.message })
    throw e
  }
  const ovmf = firmware.includes('uefi') ? findOvmf() : null
  if (firmware.includes('uefi') && !ovmf)
    throw new Error('OVMF is not installed (Debian: package ovmf): the install gate boots UEFI with it')
  for (const tool of ['qemu-system-x86_64', 'qemu-img'])
    if (!(await hasTool(tool))) throw new Error(`${tool} is not installed: the install gate needs it`)

  const scratch = makeScratchDir()
  try {
    const s = scratch.path
    const token = randomBytes(8).toString('hex')
    const checkToken = randomBytes(8).toString('hex')
    const grubToken = randomBytes(8).toString('hex')
    const ids: DiskIds = { rootUuid: randomUUID(), espId: fatId() }
    const control = join(s, 'control')
    mkdirSync(control)

    // Everything the VM needs, at once: the installer (cached), the archives, the accelerator.
    const [installer, sizes] = await timed('prepare', () =>
      settleAll([
        ensureInstaller({ reporter, signal }),
        (async () => {
          const kernel = await extractSingle(kernelTar, 'vmlinuz', 'no kernel', s, reporter)
          const initrd = await extractSingle(initrdTar, 'initrd', 'no initrd', s, reporter)
          await rename(kernel, join(control, 'vmlinuz'))
          await rename(initrd, join(control, 'initrd'))
          const [rootBytes, modBytes] = await settleAll([
            gunzipTo(rootfsGz, join(s, 'rootfs.tar'), signal),
            gunzipTo(modulesGz, join(s, 'modules.tar'), signal)
          ])
          return { rootBytes, modBytes }
        })()
      ])
    )
    accel = await chooseAccel(opts.accel ?? 'auto', 'x86_64', installer.kernel, reporter)

    writeFileSync(
      join(control, 'install.sh'),
      installScript({
        token,
        ids,
        firmware,
        grub: {
          grubToken,
          title: basename(dir),
          gateArgs: [...gateAppend('x86_64').split(' '), `init=${CHECK_PATH}`]
        }
      })
    )
    writeFileSync(
      join(control, 'kiln-check'),
      checkScript({
        token: checkToken,
        rootDevice: `${DISK_BOOT_DEVICE}${ROOT_PARTITION}`,
        modules: opts.modules ?? DEFAULT_CHECK_MODULES
      })
    )
    const controlTar = join(s, 'control.tar')
    await run('tar', ['-cf', controlTar, '--owner=0', '--group=0', '-C', control, '.'], { reporter })
    const target = join(s, 'disk.raw')
    writeFileSync(target, '')
    truncateSync(target, targetDiskBytes(sizes.rootBytes + sizes.modBytes))
    const gate = join(s, 'gate.qcow2')
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', target, '-F', 'raw', gate], { reporter })

    reporter.info(
      `install gate: installing ${basename(dir)} (${formatBytes(sizes.rootBytes)} root) on a blank ${formatBytes(statSync(target).size)} disk (${accel})`
    )
    const rules = new InstallRules(token)
    const guest = await runGuest(
      installerCommand({
        accel,
        kernel: installer.kernel,
        initrd: installer.initrd,
        init: INSTALLER_INIT_PATH,
        installerRoot: installer.root,
        control: controlTar,
        rootfsTar: join(s, 'rootfs.tar'),
        modulesTar: join(s, 'modules.tar'),
        target,
        gate
      }),
      rules,
      { timeoutSec: installTimeoutSec, signal, reporter }
    )
    stages.push(...rules.times)
    const notes = rules.notes
    // The archives are in the disk now; give their space back before booting.
    await rm(join(s, 'rootfs.tar'), { force: true })
    await rm(join(s, 'modules.tar'), { force: true })
    if (!guest.verdict.passed) {
      const stage = (guest.verdict as { stage?: string }).stage ?? rules.stageNoVerdict()
      return result({
        status: 'failed',
        stage,
        message: `install: ${guest.verdict.message}`,
        notes,
        consoleTail: guest.consoleTail,
        installSeconds: guest.seconds
      })
    }
    reporter.info(
      `install gate: installed in ${formatSeconds(guest.seconds)}; booting the disk alone (${firmware.join(', ')})`
    )

    // Each firmware boots its own overlay (the gate's, below it the installed disk), side by side.
    const boots = await settleAll(
      firmware.map(async (fw): Promise<DiskBootResult> => {
        const disk = join(s, `boot-${fw}.qcow2`)
        await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', gate, '-F', 'qcow2', disk], { reporter })
        let vars: { code: string; vars: string } | undefined
        if (fw === 'uefi' && ovmf) {
          vars = { code: ovmf.code, vars: join(s, 'OVMF_VARS.fd') }
          copyFileSync(ovmf.vars, vars.vars)
        }
        const bootRules = new DiskBootRules(checkToken, grubToken)
        const g = await runGuest(diskBootCommand({ accel, firmware: fw, disk, ovmf: vars }), bootRules, {
          timeoutSec: bootTimeoutSec,
          signal,
          reporter
        })
        const v = g.verdict as { passed: boolean; message: string; stage?: string; kernel?: string }
        const stage = v.passed
          ? undefined
          : (v.stage ?? (g.verdict.message.startsWith('timed out') ? 'timeout' : bootRules.stageNoVerdict()))
        let message = v.message
        if (v.passed && manifestKernel && v.kernel && v.kernel !== manifestKernel) {
          return {
            firmware: fw,
            status: 'failed',
            seconds: g.seconds,
            stage: 'check',
            message: `booted kernel ${v.kernel}, but manifest.json says ${manifestKernel}`,
            consoleTail: g.consoleTail
          }
        }
        if (!v.passed && /^timed out/.test(message))
          message = message.replace(/^timed out/, `timed out (${bootRules.stageNoVerdict()})`)
        return {
          firmware: fw,
          status: v.passed ? 'passed' : 'failed',
          seconds: g.seconds,
          stage,
          message,
          consoleTail: g.consoleTail
        }
      })
    )
    for (const b of boots) stages.push({ stage: `boot-${b.firmware}`, seconds: b.seconds })
    const bad = boots.find((b) => b.status === 'failed')
    if (bad) {
      return result({
        status: 'failed',
        stage: `boot-${bad.firmware}:${bad.stage}`,
        message: `${bad.firmware === 'bios' ? 'BIOS (SeaBIOS)' : 'UEFI (OVMF)'} boot from the installed disk: ${bad.stage}: ${bad.message}`,
        boots,
        notes,
        consoleTail: bad.consoleTail,
        installSeconds: guest.seconds
      })
    }
    let kept: string | undefined
    if (opts.keepDisk) {
      await rename(target, opts.keepDisk).catch(async () => {
        await run('cp', ['--sparse=always', '--', target, opts.keepDisk!], { reporter })
      })
      kept = opts.keepDisk
    }
    const kernel = (boots[0]?.message.match(/booted kernel (\S+)/) ?? [])[1]
    const r = result({
      status: 'passed',
      message: `installed and booted from the disk alone under ${boots.map((b) => b.firmware).join(' and ')}`,
      boots,
      notes,
      consoleTail: boots[boots.length - 1]?.consoleTail ?? [],
      installSeconds: guest.seconds,
      disk: kept,
      kernel
    })
    reporter.info(
      `install gate passed in ${formatSeconds(r.totalSeconds)}: ${stages.map((x) => `${x.stage} ${x.seconds.toFixed(1)} s`).join(', ')}`
    )
    return r
  } catch (e) {
    if (signal?.aborted) throw new BootAborted()
    if (e instanceof GateFailure) return result({ status: 'failed', stage: 'archives', message: e.message })
    throw e
  } finally {
    await scratch.dispose()
  }
}
