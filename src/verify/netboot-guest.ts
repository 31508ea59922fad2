/**
 * What the netboot gate gives the guest besides the exported files, and how it reads the
 * console. No qemu here: these are pure functions, tested on their own.
 *
 * - kiln.ipxe, the boot file of qemu's TFTP: sets base-url and the exported script's optional
 *   settings, then chains the exported boot.ipxe, as a provisioner's own script would.
 * - gate.cpio, loaded last as the script's extra-initrd: an initramfs-tools boot method
 *   (boot=kiln: /scripts/kiln) that mounts /rootfs.squashfs (loaded into the initramfs by the
 *   script's `live` setting) under a tmpfs overlay as the root, and the check program
 *   (check-script.ts) put into the overlay's upper directory, run as init.
 * - NetbootRules: console lines to a verdict with the stage that failed.
 */
import type { ConsoleRules, Verdict } from './console.js'
import { DiskCheckRules } from './console.js'

/** Where the guest finds the gate's HTTP server (a guestfwd address: see netboot.ts). */
export const GATE_HOST = '10.0.2.100'
export const GATE_PORT = 80
export const BOOT_FILE = 'kiln.ipxe'
/** The gate's own files are served under this prefix, never mistaken for an exported file. */
export const GATE_PREFIX = '/_kiln-gate/'
export const GATE_CPIO = 'gate.cpio'

export type NetbootStage =
  | 'dhcp' // no address or no boot file from qemu's DHCP/TFTP
  | 'script' // the exported boot.ipxe is missing, not a script, or fails on its own
  | 'kernel download'
  | 'initrd download'
  | 'rootfs download'
  | 'kernel start' // iPXE could not start the kernel it loaded
  | 'root' // the initramfs could not mount the squashfs root
  | 'panic'
  | 'check' // the check program ran and failed, or never ran
  | 'timeout'

const SAFE = /^[A-Za-z0-9_./=-]+$/

/** The boot file: settings for the exported script, then `chain`. */
export function wrapperScript(o: { token: string; gateUrl: string; baseUrl: string; args: string }): string {
  for (const v of [o.token, o.gateUrl, o.baseUrl, ...o.args.split(' ')])
    if (!SAFE.test(v) && !/^https?:\/\/[A-Za-z0-9_./:-]+$/.test(v))
      throw new Error(`netboot gate: unsafe value for the boot script: ${JSON.stringify(v)}`)
  return [
    '#!ipxe',
    `echo KILN-NETBOOT-START ${o.token}`,
    `set base-url ${o.baseUrl}`,
    'set live 1',
    `set extra-initrd ${o.gateUrl}`,
    `set extra-args ${o.args}`,
    'chain ${base-url}/boot.ipxe || goto kiln-gate-failed',
    ':kiln-gate-failed',
    `echo KILN-NETBOOT-SCRIPT-FAILED ${o.token}`,
    'exit 1',
    ''
  ].join('\n')
}

/**
 * /scripts/kiln: initramfs-tools sources it for boot=kiln and calls mountroot. Written for the
 * klibc tools a Debian initramfs has (no grep, no cp, no `mount -o loop`): losetup -f, cpio -i.
 */
export function bootMethodScript(): string {
  return `# initramfs-tools boot method of Kiln's netboot gate (boot=kiln): / is /rootfs.squashfs,
# which iPXE loaded into the initramfs, under a tmpfs overlay. Never part of a published image.
kiln_fail() {
	echo "KILN-NETBOOT-ROOT-FAIL $*"
	panic "Kiln netboot gate: $*"
}
kiln_has_fs() {
	while read -r a b; do
		[ "$a" = "$1" ] || [ "$b" = "$1" ] && return 0
	done < /proc/filesystems
	return 1
}
mount_top() { :; }
mount_premount() { :; }
mount_bottom() { :; }
mountroot() {
	echo "KILN-NETBOOT-ROOT mounting /rootfs.squashfs"
	[ -f /rootfs.squashfs ] || kiln_fail "no /rootfs.squashfs in the initramfs (the script did not load the root filesystem)"
	for m in loop squashfs overlay; do modprobe -q "$m" 2>/dev/null; done
	kiln_has_fs squashfs || kiln_fail "the initrd cannot mount squashfs (no squashfs module in it)"
	kiln_has_fs overlay || kiln_fail "the initrd cannot mount overlay (no overlay module in it)"
	mkdir -p /run/kiln/lower /run/kiln/rw
	loopdev=$(losetup -f) && losetup "$loopdev" /rootfs.squashfs || kiln_fail "cannot attach /rootfs.squashfs to a loop device"
	mount -t squashfs -o ro "$loopdev" /run/kiln/lower || kiln_fail "cannot mount /rootfs.squashfs ($loopdev)"
	mount -t tmpfs -o mode=0755 tmpfs /run/kiln/rw || kiln_fail "cannot mount a tmpfs for the overlay"
	mkdir -p /run/kiln/rw/upper /run/kiln/rw/work
	(cd /run/kiln/rw/upper && cpio -i < /kiln/check.cpio) || kiln_fail "cannot unpack the check program"
	mount -t overlay -o lowerdir=/run/kiln/lower,upperdir=/run/kiln/rw/upper,workdir=/run/kiln/rw/work overlay "\${rootmnt}" || kiln_fail "cannot mount the overlay root"
}
`
}

export interface CpioEntry {
  name: string
  /** Full mode with the type bits (0o100755, 0o40755). */
  mode: number
  data?: Buffer
}

/** A newc cpio archive (what the kernel unpacks as an initramfs), owned by root, time 0. */
export function newcArchive(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = []
  const pad = (n: number): Buffer => Buffer.alloc((4 - (n % 4)) % 4)
  const hex = (n: number): string => n.toString(16).padStart(8, '0')
  let ino = 1
  const member = (name: string, mode: number, data: Buffer): void => {
    const nameBytes = Buffer.from(`${name}\0`)
    const header = Buffer.from(
      `070701${hex(ino++)}${hex(mode)}${hex(0)}${hex(0)}${hex(1)}${hex(0)}${hex(data.length)}` +
        `${hex(0)}${hex(0)}${hex(0)}${hex(0)}${hex(nameBytes.length)}${hex(0)}`
    )
    parts.push(header, nameBytes, pad(header.length + nameBytes.length), data, pad(data.length))
  }
  for (const e of entries) member(e.name, e.mode, e.data ?? Buffer.alloc(0))
  member('TRAILER!!!', 0, Buffer.alloc(0))
  return Buffer.concat(parts)
}

/** gate.cpio: the boot method, and the check program inside a cpio of its own (unpacked into the overlay). */
export function gateArchive(checkScript: string, checkName: string): Buffer {
  const check = newcArchive([{ name: checkName, mode: 0o100755, data: Buffer.from(checkScript) }])
  return newcArchive([
    { name: 'scripts', mode: 0o40755 },
    { name: 'scripts/kiln', mode: 0o100644, data: Buffer.from(bootMethodScript()) },
    { name: 'kiln', mode: 0o40755 },
    { name: 'kiln/check.cpio', mode: 0o100644, data: check }
  ])
}

/** A console line as text: no escape sequences, carriage returns or iPXE's progress backspaces. */
export function cleanLine(line: string): string {
  return line
    .replace(/\x1b(\[[0-9;?]*[A-Za-z]|[A-Za-z])/g, '')
    .replace(/[\r\x08]/g, '')
    .trim()
}

const DOWNLOAD_STAGE: Array<[RegExp, NetbootStage]> = [
  [/cannot load the kernel/, 'kernel download'],
  [/cannot load the initrd/, 'initrd download'],
  [/cannot load the root filesystem/, 'rootfs download'],
  [/the kernel did not start/, 'kernel start']
]

/**
 * Netboot console rules: iPXE's lines first (DHCP, the boot file, the exported script's own
 * failure lines), then the initramfs (the gate's boot method), then the check program, whose
 * marker alone passes (DiskCheckRules, with the overlay as the root device).
 */
export class NetbootRules implements ConsoleRules {
  /** The furthest stage reached: named by a timeout. */
  stage: NetbootStage = 'dhcp'
  /** The stage a failure verdict was reached in. */
  failedStage?: NetbootStage
  private readonly check: DiskCheckRules
  private lastIpxeError = ''
  /** iPXE's error for the last URL it failed to fetch ("http://…/initrd... No such file …"). */
  private lastFetchError = ''
  private kernelLoaded = false
  /** "kernal: command not found": the script itself is wrong, whatever it says next. */
  private unknownCommand = ''
  private scriptFailure = ''
  constructor(private readonly token: string) {
    this.check = new DiskCheckRules(token)
  }
  private fail(stage: NetbootStage, message: string): Verdict {
    this.failedStage = stage
    return { passed: false, message: `${stage}: ${message}` }
  }
  feed(raw: string): Verdict | undefined {
    const line = cleanLine(raw)
    // iPXE prints a failed fetch or command as "… <error text> (http://ipxe.org/<code>)".
    // ("Could not boot: Error 0x00000001" only says a script exited with status 1.)
    if (/\(https?:\/\/ipxe\.org\/[0-9a-f]+\)/.test(line) && !/Error 0x00000001\b/.test(line))
      this.lastIpxeError = line
    if (/^\S+: command not found$/.test(line)) this.unknownCommand = line
    if (/^(https?|tftp):\/\/\S+\.\.\. .*\(https?:\/\/ipxe\.org\/[0-9a-f]+\)/.test(line))
      this.lastFetchError = line
    // The real-mode setup code's first words: iPXE handed over to the kernel.
    if (/Probing EDD|Decompressing Linux/.test(line)) this.kernelLoaded = true
    if (line.includes(`KILN-NETBOOT-START ${this.token}`)) {
      this.stage = 'script'
      return undefined
    }
    if (this.stage === 'dhcp') {
      if (/No configuration methods succeeded|Nothing to boot|No bootable device/.test(line))
        return this.fail(
          'dhcp',
          `no address or no boot file over DHCP/TFTP${this.lastIpxeError ? ` (${this.lastIpxeError})` : ''}`
        )
      return undefined
    }
    const failed = /Kiln netboot failed: (.*)$/.exec(line)
    if (failed) {
      this.scriptFailure = failed[1]
      return undefined
    }
    if (line.includes(`KILN-NETBOOT-SCRIPT-FAILED ${this.token}`)) {
      if (this.unknownCommand) return this.fail('script', `boot.ipxe failed: ${this.unknownCommand}`)
      const error = this.lastFetchError || this.lastIpxeError
      const detail = error ? ` (iPXE: ${error})` : ''
      for (const [re, stage] of DOWNLOAD_STAGE)
        if (re.test(this.scriptFailure)) return this.fail(stage, `${this.scriptFailure}${detail}`)
      return this.fail(
        'script',
        this.scriptFailure
          ? `${this.scriptFailure}${detail}`
          : `boot.ipxe failed${this.lastIpxeError ? `: ${this.lastIpxeError}` : ' (no error shown)'}`
      )
    }
    if (this.stage === 'script' && /Linux version \S+/.test(line)) this.stage = 'root'
    const root = /KILN-NETBOOT-ROOT-FAIL (.*)$/.exec(line)
    if (root) return this.fail('root', `no root (squashfs): ${root[1]}`)
    if (/^KILN-CHECK|KILN-BOOT-/.test(line) || line.includes('KILN-CHECK')) this.stage = 'check'
    const v = this.check.feed(line)
    if (v && !v.passed) {
      this.failedStage = v.message.startsWith('kernel panic') ? 'panic' : 'check'
      v.message = `${this.failedStage}: ${v.message}`
    }
    return v
  }
  explainNoVerdict(): string {
    if (this.stage === 'dhcp') return 'iPXE never ran the boot file (no DHCP answer or no TFTP)'
    if (this.stage === 'script' && this.kernelLoaded) {
      this.failedStage = 'kernel start'
      return 'kernel start: iPXE started the kernel, but it wrote nothing to the serial console (an early crash, or a console the gate does not read)'
    }
    if (this.stage === 'script')
      return `the kernel never started${this.lastIpxeError ? ` (iPXE: ${this.lastIpxeError})` : ''}`
    return `${this.stage === 'root' ? 'the root was not mounted: ' : ''}${this.check.explainNoVerdict()}`
  }
}
