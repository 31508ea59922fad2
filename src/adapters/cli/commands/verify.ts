import { basename, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { BuildError, InvalidInputError } from '../../../util/errors.js'
import {
  DEFAULT_BOOT_TIMEOUT_SEC,
  DEFAULT_INSTALL_TIMEOUT_SEC,
  DEFAULT_NETBOOT_TIMEOUT_SEC
} from '../../../verify/defaults.js'
import type { AccelChoice } from '../../../verify/accel.js'
import type { GuestArch } from '../../../verify/archives.js'
import type { CliContext, RegisterCommand } from '../context.js'
import { exportToTemp, isDirectory } from '../store-image.js'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import { tempFileFor, trackDir } from '../../../util/lifecycle.js'

interface NetbootFlags {
  timeout: string
  accel: AccelChoice
  json?: boolean
}

/** A positive number of seconds from a command-line option, or exit 2 naming the option. */
function parseSeconds(v: string, option = '--timeout'): number {
  const n = Number(v)
  if (!Number.isFinite(n) || n <= 0) {
    throw new InvalidInputError([
      { file: '<command line>', pointer: option, message: `not a positive number of seconds: ${v}` }
    ])
  }
  return n
}

/**
 * The directory of archives a gate reads: DIR itself, or an image of the store exported to a
 * temporary directory first (the archives it would publish). Also sweeps what a killed check left.
 */
async function gateArchives(
  dir: string,
  store: string,
  ctx: CliContext
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const { sweepLeftovers } = await import('../../../pipeline/sweep.js')
  await sweepLeftovers({ reporter: ctx.reporter }) // a killed check's scratch disks, a half-made installer
  if (isDirectory(dir)) return { dir: resolve(dir), cleanup: async () => undefined }
  const exported = await exportToTemp(dir, {
    store,
    exports: ['rootfs', 'kernel', 'initrd', 'modules'],
    reporter: ctx.reporter
  })
  return { dir: exported.dir, cleanup: () => exported.cleanup() }
}

interface InstallFlags {
  store: string
  firmware: 'bios' | 'uefi' | 'both'
  timeout: string
  installTimeout: string
  accel: AccelChoice
  raw?: string
  qcow2?: string
  json?: boolean
}

interface BootFlags {
  timeout: string
  accel: AccelChoice
  initrdOnly?: boolean
  arch?: GuestArch
  json?: boolean
  store: string
}

/** kiln verify boot DIR: boots an exported image's archives under qemu (the gate before publishing). */
export const registerVerify: RegisterCommand = (program: Command, ctx: CliContext) => {
  const verify = program.command('verify').description('Check exported images before they are published')
  verify
    .command('boot')
    .description(
      'Boot the image in DIR (image.tar.gz, kernel.tar.gz, initrd.tar.gz, modules.tar.gz, manifest.json) ' +
        'with its own kernel and initrd under qemu, the root filesystem as a disk and a check program as ' +
        'init: passes when it mounts its root, loads a module and finds /sbin/init'
    )
    .argument('<dir|image>', 'directory holding the exported archives of one image, or an image of the store')
    .option('--store <dir>', 'the store that holds IMAGE', DEFAULT_STORE_DIR)
    .option('--timeout <seconds>', 'limit for the boot itself', String(DEFAULT_BOOT_TIMEOUT_SEC))
    .addOption(
      new Option('--accel <mode>', 'KVM, TCG, or KVM when a short probe shows it works')
        .choices(['auto', 'kvm', 'tcg'])
        .default('auto')
    )
    .option(
      '--initrd-only',
      'quick check: kernel and initrd only, pass when the initrd looks for its root device'
    )
    .addOption(
      new Option('--arch <arch>', "guest architecture (default: manifest.json's arch, else x86_64)").choices([
        'x86_64',
        'aarch64'
      ])
    )
    .option('--json', 'print the result as JSON on stdout')
    .action(async (dir: string, flags: BootFlags) => {
      const timeoutSec = parseSeconds(flags.timeout)
      const archives = await gateArchives(dir, flags.store, ctx)
      const { verifyBoot } = await import('../../../verify/boot.js')
      const result = await verifyBoot({
        dir: archives.dir,
        timeoutSec,
        accel: flags.accel,
        mode: flags.initrdOnly ? 'initrd' : 'disk',
        arch: flags.arch,
        reporter: ctx.reporter
      }).finally(() => archives.cleanup())
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
      if (result.status === 'failed') {
        throw new BuildError(
          basename(resolve(dir)),
          'boot check',
          result.message ?? 'failed',
          result.consoleTail
        )
      }
    })

  verify
    .command('install')
    .description(
      'Provision the image in DIR onto a blank disk as a provisioner does (GPT, ESP and BIOS boot partition, ' +
        "ext4 root, the archives unpacked, fstab by UUID, the image's own GRUB for BIOS and UEFI, its " +
        '/etc/kernel/cmdline), all inside a qemu installer VM; then boot that disk alone under SeaBIOS and ' +
        'OVMF to the boot check program'
    )
    .argument('<dir|image>', 'directory holding the exported archives of one image, or an image of the store')
    .option('--store <dir>', 'the store that holds IMAGE', DEFAULT_STORE_DIR)
    .addOption(
      new Option('--firmware <which>', 'boot the installed disk under SeaBIOS, OVMF or both')
        .choices(['bios', 'uefi', 'both'])
        .default('both')
    )
    .option('--timeout <seconds>', 'limit for each boot from the disk', String(DEFAULT_BOOT_TIMEOUT_SEC))
    .option(
      '--install-timeout <seconds>',
      'limit for the install itself',
      String(DEFAULT_INSTALL_TIMEOUT_SEC)
    )
    .addOption(
      new Option('--accel <mode>', 'KVM, TCG, or KVM when a short probe shows it works')
        .choices(['auto', 'kvm', 'tcg'])
        .default('auto')
    )
    .option('--raw <file>', 'keep the installed disk as a raw image (sparse) when the gate passes')
    .option('--qcow2 <file>', 'keep the installed disk as a qcow2 image when the gate passes')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (dir: string, flags: InstallFlags) => {
      const bootTimeoutSec = parseSeconds(flags.timeout)
      const installTimeoutSec = parseSeconds(flags.installTimeout, '--install-timeout')
      const archives = await gateArchives(dir, flags.store, ctx)
      const { verifyInstall } = await import('../../../verify/install.js')
      const { writeDiskOutputs } = await import('../../../verify/disk-output.js')
      // The installed disk is kept under a temporary name beside the output until it is written.
      const keepDisk =
        flags.raw || flags.qcow2 ? tempFileFor(`${resolve(flags.raw ?? flags.qcow2!)}.disk`) : undefined
      const untrack = keepDisk ? trackDir(keepDisk) : () => undefined
      const result = await (async () => {
        const r = await verifyInstall({
          dir: archives.dir,
          firmware: flags.firmware === 'both' ? ['bios', 'uefi'] : [flags.firmware],
          bootTimeoutSec,
          installTimeoutSec,
          accel: flags.accel,
          keepDisk,
          reporter: ctx.reporter
        })
        if (r.disk) {
          await writeDiskOutputs(r.disk, {
            raw: flags.raw ? resolve(flags.raw) : undefined,
            qcow2: flags.qcow2 ? resolve(flags.qcow2) : undefined,
            reporter: ctx.reporter
          })
        }
        return r
      })().finally(() => {
        untrack()
        return archives.cleanup()
      })
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
      const times = result.stages.map((s) => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')
      ctx.reporter.info(
        `install gate: ${result.status} in ${result.totalSeconds.toFixed(1)} s (${result.accel}): ${times}`
      )
      if (result.status === 'failed') {
        throw new BuildError(
          basename(resolve(dir)),
          `install gate (${result.stage ?? 'install'})`,
          result.message ?? 'failed',
          result.consoleTail
        )
      }
    })

  verify
    .command('netboot')
    .description(
      'Netboot the image in DIR (its netboot/ export: vmlinuz, initrd, boot.ipxe, rootfs.squashfs) under ' +
        "qemu: iPXE from the NIC's ROM gets the boot file over qemu's user network, chains boot.ipxe, loads " +
        'the files over HTTP from 127.0.0.1 and boots the squashfs under an overlay with a check program as ' +
        'init. Nothing leaves the machine. A failure names its stage (dhcp, script, kernel/initrd/rootfs ' +
        'download, kernel start, root, panic, check, timeout)'
    )
    .argument(
      '<dir>',
      'out/<image> holding netboot/ (exports netboot and squashfs), or the netboot directory'
    )
    .option(
      '--timeout <seconds>',
      'limit for the boot, downloads included',
      String(DEFAULT_NETBOOT_TIMEOUT_SEC)
    )
    .addOption(
      new Option('--accel <mode>', 'KVM, TCG, or KVM when a short probe shows it works')
        .choices(['auto', 'kvm', 'tcg'])
        .default('auto')
    )
    .option('--json', 'print the result as JSON on stdout')
    .action(async (dir: string, flags: NetbootFlags) => {
      const timeoutSec = parseSeconds(flags.timeout)
      const { sweepLeftovers } = await import('../../../pipeline/sweep.js')
      await sweepLeftovers({ reporter: ctx.reporter }) // a killed check's scratch directory
      const { verifyNetboot } = await import('../../../verify/netboot.js')
      const result = await verifyNetboot({
        dir: resolve(dir),
        timeoutSec,
        accel: flags.accel,
        reporter: ctx.reporter
      })
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
      if (result.status === 'failed') {
        throw new BuildError(
          basename(resolve(dir)),
          'netboot check',
          result.message ?? 'failed',
          result.consoleTail
        )
      }
      ctx.reporter.info(
        `netboot check: ${result.seconds.toFixed(1)} s booting, ${result.totalSeconds.toFixed(1)} s in all`
      )
    })
}
