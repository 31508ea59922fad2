/**
 * qemu command lines of the provisioning gate: the installer VM (its own kernel, its root
 * disk and this run's disks), and a boot from the installed disk alone under SeaBIOS or OVMF.
 * Pure: table-tested.
 */
import { existsSync } from 'node:fs'
import type { Firmware } from './install-script.js'
import { gateAppend, machineArgs, qemuOptionValue, type Accel, type Command } from './qemu.js'

export interface InstallerVm {
  accel: Accel
  kernel: string
  initrd: string
  init: string
  installerRoot: string
  control: string
  rootfsTar: string
  modulesTar: string
  target: string
  gate: string
  memoryMiB?: number
  /** Virtual CPUs (TCG runs each on a host thread). Default 1. */
  cpus?: number
}

function common(accel: Accel, memoryMiB: number): string[] {
  return [...machineArgs(accel, memoryMiB), '-serial', 'stdio']
}

function drive(file: string, format: 'raw' | 'qcow2', extra = ''): string[] {
  return ['-drive', `file=${qemuOptionValue(file)},if=virtio,format=${format}${extra}`]
}

/**
 * The installer: its disks in INSTALLER_DISKS order. The archives and the control tar are
 * attached read-only; the target is written, and the gate overlay (backed by the target) is
 * opened beside it, so the target's own lock is off (one qemu, two views of one file).
 */
export function installerCommand(vm: InstallerVm): Command {
  return {
    file: 'qemu-system-x86_64',
    args: [
      ...common(vm.accel, vm.memoryMiB ?? 1024),
      ...(vm.cpus && vm.cpus > 1 ? ['-smp', String(vm.cpus)] : []),
      '-kernel',
      vm.kernel,
      '-initrd',
      vm.initrd,
      '-append',
      `${gateAppend('x86_64')} root=/dev/vda ro fastboot init=${vm.init}`,
      ...drive(vm.installerRoot, 'raw', ',readonly=on'),
      ...drive(vm.control, 'raw', ',readonly=on'),
      ...drive(vm.rootfsTar, 'raw', ',readonly=on'),
      ...drive(vm.modulesTar, 'raw', ',readonly=on'),
      ...drive(vm.target, 'raw', ',file.locking=off'),
      ...drive(vm.gate, 'qcow2')
    ]
  }
}

export interface OvmfFiles {
  code: string
  vars: string
}

/** OVMF from the distribution (Debian's ovmf package), or KILN_OVMF_CODE / KILN_OVMF_VARS. */
export function findOvmf(env: NodeJS.ProcessEnv = process.env): OvmfFiles | null {
  if (env.KILN_OVMF_CODE && env.KILN_OVMF_VARS) return { code: env.KILN_OVMF_CODE, vars: env.KILN_OVMF_VARS }
  for (const [code, vars] of [
    ['/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd'],
    ['/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_VARS.fd'],
    ['/usr/share/edk2/ovmf/OVMF_CODE.fd', '/usr/share/edk2/ovmf/OVMF_VARS.fd']
  ]) {
    if (existsSync(code) && existsSync(vars)) return { code, vars }
  }
  return null
}

export interface DiskBootVm {
  accel: Accel
  firmware: Firmware
  /** The disk (a qcow2 overlay of the installed disk): the only one attached. */
  disk: string
  /** OVMF code (read-only) and this boot's own copy of the variable store. */
  ovmf?: OvmfFiles
  memoryMiB?: number
}

/** A boot from the disk alone: no -kernel; SeaBIOS (qemu's default) or OVMF in pflash. */
export function diskBootCommand(vm: DiskBootVm): Command {
  const args = common(vm.accel, vm.memoryMiB ?? 1024)
  if (vm.firmware === 'uefi') {
    if (!vm.ovmf) throw new Error('a UEFI boot needs OVMF')
    args.push(
      '-drive',
      `if=pflash,format=raw,unit=0,readonly=on,file=${qemuOptionValue(vm.ovmf.code)}`,
      '-drive',
      `if=pflash,format=raw,unit=1,file=${qemuOptionValue(vm.ovmf.vars)}`
    )
  }
  args.push(...drive(vm.disk, 'qcow2'), '-boot', 'order=c,strict=on')
  return { file: 'qemu-system-x86_64', args }
}
