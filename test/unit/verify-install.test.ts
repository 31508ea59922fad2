// The provisioning gate's pure parts: the partition plan, fstab, grub.cfg, the install
// script, the console rules that name the failing stage, and the qemu command lines.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DiskBootRules, InstallRules } from '../../src/verify/install-console.js'
import { diskBootCommand, findOvmf, installerCommand } from '../../src/verify/install-qemu.js'
import {
  INSTALL_STAGES,
  fstab,
  gateGrubConfig,
  grubConfig,
  grubQuote,
  installScript,
  sgdiskArgs,
  targetDiskBytes
} from '../../src/verify/install-script.js'
import { parseVerify } from '../../src/model/verify.js'

const ids = { rootUuid: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', espId: 'ABCD-1234' }
const token = '0123456789abcdef'

describe('partition plan', () => {
  it('is GPT with a BIOS boot partition, an ESP and root as the third partition', () => {
    expect(sgdiskArgs()).toEqual([
      '-a',
      '2048',
      '-n',
      '1:2048:+1M',
      '-t',
      '1:EF02',
      '-c',
      '1:bios-boot',
      '-n',
      '2:0:+64M',
      '-t',
      '2:EF00',
      '-c',
      '2:esp',
      '-n',
      '3:0:0',
      '-t',
      '3:8300',
      '-c',
      '3:root'
    ])
  })
  it('sizes the disk from the unpacked root with room for ext4 and the partitions before it', () => {
    const MiB = 1024 * 1024
    expect(targetDiskBytes(0)).toBe((256 + 1 + 64 + 2) * MiB)
    expect(targetDiskBytes(800 * MiB)).toBe((1000 + 256 + 1 + 64 + 2) * MiB)
  })
})

describe('fstab and grub.cfg', () => {
  it('mounts both file systems by UUID', () => {
    expect(fstab(ids)).toContain(`UUID=${ids.rootUuid} / ext4 errors=remount-ro 0 1\n`)
    expect(fstab(ids)).toContain('UUID=ABCD-1234 /boot/efi vfat umask=0077 0 1\n')
  })
  it('refuses ids that are not UUIDs or FAT volume ids', () => {
    expect(() => fstab({ ...ids, rootUuid: 'x; reboot' })).toThrow(/not a UUID/)
    expect(() => fstab({ ...ids, espId: 'abcd-1234' })).toThrow(/not a FAT volume id/)
  })
  it("quotes every command-line word for GRUB's script", () => {
    expect(grubQuote('console=ttyS1,115200n8')).toBe(`'console=ttyS1,115200n8'`)
    expect(grubQuote(`a'b`)).toBe(`'a'\\''b'`)
    expect(grubQuote('$(reboot);x')).toBe(`'$(reboot);x'`)
  })
  it('boots /boot/vmlinuz and /boot/initrd with root by UUID, then the image command line', () => {
    const cfg = grubConfig({ ids, cmdline: ['console=ttyS1,115200n8', 'quiet'], title: 'img' })
    expect(cfg).toContain(`search --no-floppy --fs-uuid --set=root ${ids.rootUuid}`)
    expect(cfg).toContain(
      `linux /boot/vmlinuz 'root=UUID=${ids.rootUuid}' 'ro' 'console=ttyS1,115200n8' 'quiet'\n`
    )
    expect(cfg).toContain('initrd /boot/initrd')
    expect(cfg).not.toContain('kiln-check')
    expect(cfg).not.toContain('serial')
  })
  it("the gate's grub.cfg defaults to the check entry, the gate's words last, and prints its token", () => {
    const cfg = gateGrubConfig({
      ids,
      cmdline: ['console=ttyS1'],
      grubToken: token,
      gateArgs: ['console=ttyS0', 'panic=-1', 'init=/kiln-check']
    })
    expect(cfg).toContain('set default=kiln-check')
    expect(cfg).toContain(`echo 'KILN-GRUB ${token}'`)
    expect(cfg).toContain(`'ro' 'console=ttyS1' 'console=ttyS0' 'panic=-1' 'init=/kiln-check'\n`)
    expect(cfg).toContain('--id kiln-image')
    expect(() => gateGrubConfig({ ids, cmdline: [], grubToken: "x'", gateArgs: [] })).toThrow(/unsafe token/)
  })
})

describe('install script', () => {
  const script = installScript({
    token,
    ids,
    firmware: ['bios', 'uefi'],
    grub: { grubToken: token, gateArgs: ['console=ttyS0', 'init=/kiln-check'], title: 'img' }
  })
  it('is valid sh and announces every stage in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-unit-'))
    try {
      writeFileSync(join(dir, 'install.sh'), script)
      execFileSync('sh', ['-n', join(dir, 'install.sh')])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const order = [...script.matchAll(/^stage (\S+)$/gm)].map((m) => m[1])
    expect(order).toEqual([...INSTALL_STAGES])
  })
  it("runs the image's own grub-install chrooted into the new root, for both firmwares", () => {
    expect(script).toContain('chroot $K/t grub-install --target=i386-pc --boot-directory=/boot $TARGET')
    expect(script).toContain(
      'chroot $K/t grub-install --target=x86_64-efi --efi-directory=/boot/efi --boot-directory=/boot --removable --no-nvram'
    )
    expect(script).toContain('(Debian: package grub2-common)')
  })
  it('leaves out the UEFI install when only BIOS is asked for', () => {
    const bios = installScript({
      token,
      ids,
      firmware: ['bios'],
      grub: { grubToken: token, gateArgs: [], title: 'img' }
    })
    expect(bios).not.toContain('x86_64-efi --efi-directory')
    expect(bios).toContain('--target=i386-pc')
  })
  it('refuses an unsafe token', () => {
    expect(() =>
      installScript({
        token: '$(x)',
        ids,
        firmware: ['bios'],
        grub: { grubToken: token, gateArgs: [], title: '' }
      })
    ).toThrow(/unsafe token/)
  })
})

describe('install console rules', () => {
  const m = (s: string): string => `KILN-INSTALL ${token} ${s}`
  it('names the failing stage and times each stage', () => {
    let t = 0
    const r = new InstallRules(token, () => t)
    expect(r.feed(m('stage partition'))).toBeUndefined()
    t = 2000
    expect(r.feed(m('stage bootloader-package'))).toBeUndefined()
    t = 2500
    const v = r.feed(
      m('fail bootloader-package the image has no grub-install (Debian: package grub2-common)')
    )
    expect(v).toEqual({
      passed: false,
      stage: 'bootloader-package',
      message: 'bootloader-package: the image has no grub-install (Debian: package grub2-common)'
    })
    expect(r.times).toEqual([
      { stage: 'partition', seconds: 2 },
      { stage: 'bootloader-package', seconds: 0.5 }
    ])
  })
  it("ignores markers with another run's token", () => {
    const r = new InstallRules(token)
    expect(r.feed('KILN-INSTALL ffffffffffffffff done')).toBeUndefined()
    expect(r.feed(m('done'))).toEqual({ passed: true, message: 'installed' })
  })
  it('keeps notes, and says where the installer stopped without a verdict', () => {
    const r = new InstallRules(token)
    r.feed(m('note cmdline console=ttyS1'))
    r.feed(m('stage grub-install-uefi'))
    expect(r.notes).toEqual(['cmdline console=ttyS1'])
    expect(r.explainNoVerdict()).toMatch(
      /during stage grub-install-uefi \(grub-install --target=x86_64-efi\)/
    )
    expect(r.feed('Kernel panic - not syncing: Attempted to kill init!')).toMatchObject({
      passed: false,
      stage: 'grub-install-uefi'
    })
  })
})

describe('disk boot console rules', () => {
  const grub = 'aaaaaaaaaaaaaaaa'
  it('without the GRUB line, the firmware did not start GRUB', () => {
    const r = new DiskBootRules(token, grub)
    r.feed('SeaBIOS (version 1.16.2-debian-1.16.2-1)')
    expect(r.stageNoVerdict()).toBe('firmware')
    expect(r.explainNoVerdict()).toMatch(/firmware did not start GRUB/)
  })
  it('GRUB errors are quoted when the kernel never starts', () => {
    const r = new DiskBootRules(token, grub)
    r.feed(`KILN-GRUB ${grub}`)
    r.feed("error: file `/boot/vmlinuz' not found.")
    expect(r.stageNoVerdict()).toBe('grub')
    expect(r.explainNoVerdict()).toBe("GRUB did not start the kernel (GRUB: file `/boot/vmlinuz' not found.)")
  })
  it('the initramfs giving up on the root is the root stage', () => {
    const r = new DiskBootRules(token, grub)
    r.feed(`KILN-GRUB ${grub}`)
    r.feed('[    0.000000] Linux version 6.1.0-57-amd64')
    expect(r.feed('Gave up waiting for root file system device.  Common problems:')).toEqual({
      passed: false,
      stage: 'root',
      message: 'root by UUID not found: Gave up waiting for root file system device.  Common problems:'
    })
  })
  it("passes on the check program's marker, fails at a panic", () => {
    const r = new DiskBootRules(token, grub)
    expect(r.feed(`KILN-BOOT-OK 6.1.0-57-amd64 ${token}`)).toMatchObject({
      passed: true,
      kernel: '6.1.0-57-amd64'
    })
    const p = new DiskBootRules(token, grub)
    expect(p.feed('Kernel panic - not syncing: VFS: Unable to mount root fs')).toMatchObject({
      passed: false,
      stage: 'panic'
    })
  })
})

describe('qemu command lines', () => {
  it('attaches the installer disks in order, the archives read-only', () => {
    const c = installerCommand({
      accel: 'tcg',
      kernel: '/c/vmlinuz',
      initrd: '/c/initrd',
      init: '/kiln-installer',
      installerRoot: '/c/root.ext4',
      control: '/s/control.tar',
      rootfsTar: '/s/rootfs.tar',
      modulesTar: '/s/modules.tar',
      target: '/s/a,b/disk.raw',
      gate: '/s/gate.qcow2'
    })
    const drives = c.args.filter((_, i) => c.args[i - 1] === '-drive')
    expect(drives).toEqual([
      'file=/c/root.ext4,if=virtio,format=raw,readonly=on',
      'file=/s/control.tar,if=virtio,format=raw,readonly=on',
      'file=/s/rootfs.tar,if=virtio,format=raw,readonly=on',
      'file=/s/modules.tar,if=virtio,format=raw,readonly=on',
      'file=/s/a,,b/disk.raw,if=virtio,format=raw,file.locking=off',
      'file=/s/gate.qcow2,if=virtio,format=qcow2'
    ])
    expect(c.args[c.args.indexOf('-append') + 1]).toMatch(
      /root=\/dev\/vda ro fastboot init=\/kiln-installer$/
    )
  })
  it('boots the disk alone: no -kernel; OVMF in pflash for UEFI', () => {
    const bios = diskBootCommand({ accel: 'tcg', firmware: 'bios', disk: '/s/b.qcow2' })
    expect(bios.args).not.toContain('-kernel')
    expect(bios.args.join(' ')).not.toContain('pflash')
    const uefi = diskBootCommand({
      accel: 'tcg',
      firmware: 'uefi',
      disk: '/s/u.qcow2',
      ovmf: { code: '/o/CODE.fd', vars: '/s/VARS.fd' }
    })
    expect(uefi.args).toContain('if=pflash,format=raw,unit=0,readonly=on,file=/o/CODE.fd')
    expect(uefi.args).toContain('if=pflash,format=raw,unit=1,file=/s/VARS.fd')
    expect(() => diskBootCommand({ accel: 'tcg', firmware: 'uefi', disk: 'x' })).toThrow(/OVMF/)
  })
  it('takes OVMF from the environment when both files are named', () => {
    expect(findOvmf({ KILN_OVMF_CODE: '/a', KILN_OVMF_VARS: '/b' })).toEqual({ code: '/a', vars: '/b' })
  })
})

describe('the verify field', () => {
  it('keeps true/false and takes an object', () => {
    expect(parseVerify(undefined)).toEqual({ boot: true, install: false, netboot: false })
    expect(parseVerify(true)).toEqual({ boot: true, install: false, netboot: false })
    expect(parseVerify(false)).toEqual({ boot: false, install: false, netboot: false })
    expect(parseVerify({ install: true })).toEqual({ boot: true, install: true, netboot: false })
    expect(parseVerify({ boot: false, netboot: true })).toEqual({
      boot: false,
      install: false,
      netboot: true
    })
  })
})
