/**
 * qemu command lines for the boot check: the image's own kernel and initrd, the serial
 * console on stdout, no display, no default devices, and -no-reboot so that a panic
 * (panic=-1 reboots at once) or the check's power-off ends qemu.
 */
import type { GuestArch } from './archives.js'

export type Accel = 'kvm' | 'tcg'

export interface QemuSpec {
  arch: GuestArch
  accel: Accel
  kernel: string
  initrd?: string
  /** Raw ext4 image for the root filesystem; absent for the initrd-only check. */
  disk?: string
  append: string
  memoryMiB?: number
}

export interface Command {
  file: string
  args: string[]
}

/** The disk is the first virtio block device on both machines. */
export const ROOT_DEVICE = '/dev/vda'

export function qemuBinary(arch: GuestArch): string {
  return arch === 'aarch64' ? 'qemu-system-aarch64' : 'qemu-system-x86_64'
}

export function serialConsole(arch: GuestArch): string {
  return arch === 'aarch64' ? 'ttyAMA0' : 'ttyS0'
}

/**
 * What every gate's guest starts from: the CPU (the host's under KVM), the accelerator, memory,
 * no default devices or user config, no display, and -no-reboot so a panic or the check's
 * power-off ends qemu.
 */
export function machineArgs(
  accel: Accel,
  memoryMiB: number,
  cpu: string | undefined = accel === 'kvm' ? 'host' : undefined
): string[] {
  return [
    ...(cpu ? ['-cpu', cpu] : []),
    '-accel',
    accel,
    '-m',
    String(memoryMiB),
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-no-reboot'
  ]
}

export function qemuCommand(spec: QemuSpec): Command {
  const memoryMiB = spec.memoryMiB ?? 1024
  const args =
    spec.arch === 'aarch64'
      ? ['-M', 'virt', ...machineArgs(spec.accel, memoryMiB, spec.accel === 'kvm' ? 'host' : 'cortex-a57')]
      : machineArgs(spec.accel, memoryMiB)
  args.push('-serial', 'stdio', '-kernel', spec.kernel)
  if (spec.initrd) args.push('-initrd', spec.initrd)
  args.push('-append', spec.append)
  if (spec.disk) args.push('-drive', `file=${qemuOptionValue(spec.disk)},if=virtio,format=raw`)
  return { file: qemuBinary(spec.arch), args }
}

/**
 * What every boot of the gate passes the kernel: the serial console, and a panic that ends qemu
 * at once. On x86, `no_timer_check` too: the kernel's IO-APIC timer check assumes real time, and
 * a TCG guest on a busy host misses it and panics ("IO-APIC + timer doesn't work!") — the
 * option virtual machines are booted with for that reason.
 */
export function gateAppend(arch: GuestArch): string {
  return `console=${serialConsole(arch)} panic=-1${arch === 'x86_64' ? ' no_timer_check' : ''}`
}

/** Kernel command line of the full check: the disk is / and the check program is init. */
export function diskAppend(arch: GuestArch, init: string): string {
  return `${gateAppend(arch)} root=${ROOT_DEVICE} ro init=${init}`
}

/**
 * Kernel command line of the initrd-only check: no disk, so the initramfs looks for the
 * root device, gives up after rootdelay, and (panic= set) reboots instead of a shell.
 */
export function initrdAppend(arch: GuestArch): string {
  return `${gateAppend(arch)} root=${ROOT_DEVICE} rootdelay=1`
}

/** qemu splits -drive options on commas; a comma in a path is written twice. */
export function qemuOptionValue(v: string): string {
  return v.replace(/,/g, ',,')
}
