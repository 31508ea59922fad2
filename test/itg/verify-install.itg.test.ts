// The provisioning gate for real: the grub fixture's archives installed on a blank disk in
// the installer VM and booted from that disk alone under SeaBIOS and OVMF; broken variants
// fail at the stage that is wrong; a SIGKILLed kiln leaves no qemu. After every test no qemu
// process and no scratch directory of this process remain.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/util/exec.js'
import { sweepTempDirs } from '../../src/util/leftovers.js'
import { SilentReporter } from '../../src/util/log.js'
import { verifyInstall, type InstallResult } from '../../src/verify/install.js'
import { TEMP_PREFIX } from '../../src/verify/temp.js'
import { ensureBootArchives, ensureVariant, type BootArchives } from '../fixtures/boot-archives.js'

const reporter = new SilentReporter()
// Generous limits for a busy 2-core runner under TCG (the product's defaults stay 120/600 s).
const BOOT_TIMEOUT_SEC = 600
const TEST_TIMEOUT_MS = 1_800_000
let good: BootArchives
let noGrub: BootArchives

function liveQemus(marker = TEMP_PREFIX): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (cmd[0].includes('qemu-system') && cmd.some((a) => a.includes(marker))) found.push(pid)
    } catch {
      // gone meanwhile
    }
  }
  return found
}

function scratchDirsLeft(): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith(TEMP_PREFIX))
}

function report(r: InstallResult): string {
  return `${r.status} at ${r.stage}: ${r.message}\n${r.consoleTail.join('\n')}`
}

function expectFailedAt(r: InstallResult, stage: string, message: RegExp): void {
  if (r.status !== 'failed' || r.stage !== stage || !message.test(r.message ?? ''))
    throw new Error(`expected a failure at ${stage} matching ${message}, got: ${report(r)}`)
}

/** Re-packs image.tar.gz with one more file (a later member wins when unpacked). */
async function addToRootfs(dir: string, path: string, content: string): Promise<void> {
  const stage = mkdtempSync(join(dir, 'stage-'))
  try {
    mkdirSync(join(stage, path, '..'), { recursive: true })
    writeFileSync(join(stage, path), content)
    await run('bash', [
      '-c',
      'set -o pipefail; pigz -dc "$1/image.tar.gz" > "$1/image.tar" && tar -C "$2" -rf "$1/image.tar" --owner=0 --group=0 "./$3" && pigz -1 < "$1/image.tar" > "$1/image.tar.gz.new" && rm "$1/image.tar" "$1/image.tar.gz" && mv "$1/image.tar.gz.new" "$1/image.tar.gz"',
      'sh',
      dir,
      stage,
      path
    ])
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

/** Re-packs initrd.tar.gz with an initramfs that lacks the virtio and AHCI disk drivers. */
async function dropDiskDrivers(dir: string): Promise<void> {
  const stage = mkdtempSync(join(dir, 'stage-'))
  try {
    await run('bash', [
      '-c',
      `set -euo pipefail
cd "$1"
tar -xzf "$2/initrd.tar.gz"
mkdir root && cd root
pigz -dc ../initrd | cpio -id --quiet
find . \\( -name 'virtio_blk.ko*' -o -name 'ahci.ko*' -o -name 'libahci.ko*' -o -name 'virtio_scsi.ko*' \\) -delete
find . -name modules.dep -exec sed -i -e '/virtio_blk/d' -e '/ahci/d' -e '/virtio_scsi/d' {} +
find . | cpio -o -H newc --quiet | pigz -1 > ../initrd
cd .. && rm -rf root
# A new file, not a write through the hard link to the good archives' initrd.tar.gz.
tar -czf initrd.tar.gz --owner=0 --group=0 ./initrd
rm "$2/initrd.tar.gz" && mv initrd.tar.gz "$2/initrd.tar.gz"`,
      'sh',
      stage,
      dir
    ])
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

beforeAll(async () => {
  good = await ensureBootArchives('grub')
  noGrub = await ensureBootArchives('kernel')
}, TEST_TIMEOUT_MS)

afterEach(() => {
  expect(liveQemus()).toEqual([])
  expect(scratchDirsLeft()).toEqual([])
})

it(
  'installs the image on a blank disk and boots it alone under SeaBIOS and OVMF, the disk kept clean',
  async () => {
    const out = mkdtempSync(join(tmpdir(), 'kiln-install-itg-'))
    try {
      const disk = join(out, 'disk.raw')
      const r = await verifyInstall({
        dir: good.dir,
        reporter,
        bootTimeoutSec: BOOT_TIMEOUT_SEC,
        keepDisk: disk
      })
      if (r.status !== 'passed') throw new Error(report(r))
      expect(r.boots.map((b) => [b.firmware, b.status])).toEqual([
        ['bios', 'passed'],
        ['uefi', 'passed']
      ])
      expect(r.kernel).toBe(good.kernel)
      for (const b of r.boots)
        expect(b.consoleTail.some((l) => l.startsWith(`KILN-BOOT-OK ${good.kernel} `))).toBe(true)
      expect(r.boots[0].consoleTail).toContain('KILN-CHECK root filesystem on /dev/vda3')
      expect(r.notes).toContain('bootloader /usr/sbin/grub-install')
      // The kept disk: GPT with a BIOS boot partition, an ESP and root; fstab by UUID; no trace of the gate.
      const table = (await run('sgdisk', ['-p', disk])).stdout
      expect(table).toMatch(/ 1 .* EF02 /)
      expect(table).toMatch(/ 2 .* EF00 /)
      expect(table).toMatch(/ 3 .* 8300 /)
      const first = Number(/First sector: (\d+)/.exec((await run('sgdisk', ['-i', '3', disk])).stdout)![1])
      const fs = `${disk}?offset=${first * 512}`
      const cat = async (p: string): Promise<string> => (await run('debugfs', ['-R', `cat ${p}`, fs])).stdout
      expect(await cat('/etc/fstab')).toMatch(/^UUID=[0-9a-f-]{36} \/ ext4 /m)
      const cfg = await cat('/boot/grub/grub.cfg')
      expect(cfg).toMatch(/linux \/boot\/vmlinuz 'root=UUID=[0-9a-f-]{36}' 'ro'/)
      expect(cfg).not.toContain('kiln-check')
      expect((await run('debugfs', ['-R', 'ls /', fs])).stdout).not.toContain('kiln-check')
      const times = r.stages.map((s) => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')
      process.stderr.write(
        `install gate: ${r.totalSeconds.toFixed(1)} s in all (${r.accel}), install ${r.installSeconds.toFixed(1)} s: ${times}\n`
      )
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  },
  TEST_TIMEOUT_MS
)

it(
  'fails at bootloader-package when the image has no GRUB',
  async () => {
    const r = await verifyInstall({
      dir: noGrub.dir,
      reporter,
      firmware: ['bios'],
      bootTimeoutSec: BOOT_TIMEOUT_SEC
    })
    expectFailedAt(r, 'bootloader-package', /the image has no grub-install \(Debian: package grub2-common\)/)
    expect(r.boots).toEqual([])
  },
  TEST_TIMEOUT_MS
)

it(
  'fails at the root when the initrd lacks the disk drivers',
  async () => {
    const dir = await ensureVariant(good, 'no-disk-driver', dropDiskDrivers)
    const r = await verifyInstall({ dir, reporter, firmware: ['bios'], bootTimeoutSec: BOOT_TIMEOUT_SEC })
    expectFailedAt(r, 'boot-bios:root', /boot from the installed disk: root: root by UUID not found/)
  },
  TEST_TIMEOUT_MS
)

it(
  "a plan's own serial console (console=ttyS1, as the catalog's plans have) does not hide the check",
  async () => {
    // Linux takes one serial console, the first console=ttyS<n>: the gate's entry leaves the
    // image's out so the check prints on COM1. Before, this boot passed unseen and failed at grub.
    const dir = await ensureVariant(good, 'serial-console', (d) =>
      addToRootfs(d, 'etc/kernel/cmdline', 'console=tty0 console=ttyS1,115200n8\n')
    )
    const r = await verifyInstall({ dir, reporter, firmware: ['bios'], bootTimeoutSec: BOOT_TIMEOUT_SEC })
    expect(r.notes).toContain('cmdline console=tty0 console=ttyS1,115200n8')
    expect(r.status === 'passed' ? 'passed' : `${r.stage}: ${r.message}`).toBe('passed')
  },
  TEST_TIMEOUT_MS
)

it(
  'fails at the root when the kernel command line points at a wrong root',
  async () => {
    const dir = await ensureVariant(good, 'wrong-root', (d) =>
      addToRootfs(d, 'etc/kernel/cmdline', 'console=tty0 root=UUID=00000000-0000-4000-8000-000000000000\n')
    )
    const r = await verifyInstall({ dir, reporter, firmware: ['bios'], bootTimeoutSec: BOOT_TIMEOUT_SEC })
    expect(r.notes).toContain('cmdline console=tty0 root=UUID=00000000-0000-4000-8000-000000000000')
    expectFailedAt(r, 'boot-bios:root', /root by UUID not found/)
  },
  TEST_TIMEOUT_MS
)

it(
  'a SIGKILLed kiln leaves no qemu running, and the next run sweeps its scratch disks',
  async () => {
    // Its own temp directory: any other kiln on the machine (test files run side by side)
    // would sweep the dead run's scratch from the shared one before this test looks.
    const tmp = mkdtempSync(join(tmpdir(), 'itg-install-kill-'))
    const child = spawn(
      'node_modules/.bin/tsx',
      ['src/adapters/cli/index.ts', 'verify', 'install', good.dir],
      { stdio: 'ignore', env: { ...process.env, TMPDIR: tmp } }
    )
    try {
      // Wait for the installer VM: its command line names the run's scratch directory, kiln-PID-….
      let kilnPid: string | undefined
      for (let i = 0; i < 600 && !kilnPid; i++) {
        await new Promise((r) => setTimeout(r, 1000))
        const q = readdirSync('/proc')
          .filter((p) => /^\d+$/.test(p))
          .map((p) => {
            try {
              return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')
            } catch {
              return []
            }
          })
          .find(
            (c) =>
              c[0]?.includes('qemu-system') &&
              c.some((a) => a.includes('-verify-') && a.includes('control.tar'))
          )
        if (q) kilnPid = /\/kiln-(\d+)-/.exec(q.find((a) => a.includes('control.tar'))!)?.[1]
      }
      expect(kilnPid).toBeDefined()
      process.kill(Number(kilnPid), 'SIGKILL')
      // qemu dies with kiln (parent-death signal).
      let left = liveQemus(`kiln-${kilnPid}-`)
      for (let i = 0; i < 30 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 500))
        left = liveQemus(`kiln-${kilnPid}-`)
      }
      expect(left).toEqual([])
      // Once its parent has reaped it (a zombie still counts as alive to the sweep):
      for (let i = 0; i < 40 && existsSync(`/proc/${kilnPid}`); i++)
        await new Promise((r) => setTimeout(r, 250))
      const dead = readdirSync(tmp).filter((f) => f.startsWith(`kiln-${kilnPid}-`))
      expect(dead.length).toBeGreaterThan(0)
      await sweepTempDirs([tmp])
      for (const d of dead) expect(existsSync(join(tmp, d))).toBe(false)
    } finally {
      child.kill('SIGKILL')
      rmSync(tmp, { recursive: true, force: true })
    }
  },
  TEST_TIMEOUT_MS
)
