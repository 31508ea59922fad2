// The boot gate's pieces that need no qemu: command lines, the check program's text, how
// console lines are judged, the archive checks done before booting, and path resolution
// inside an image.
import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GateFailure, extractSingle, readManifest, requireArchive } from '../../src/verify/archives.js'
import { verifyBoot } from '../../src/verify/boot.js'
import { checkScript } from '../../src/verify/check-script.js'
import { DiskCheckRules, InitrdCheckRules } from '../../src/verify/console.js'
import { makeRootDisk } from '../../src/verify/disk.js'
import { diskAppend, initrdAppend, qemuCommand } from '../../src/verify/qemu.js'
import { TEMP_PREFIX } from '../../src/verify/temp.js'
import { SilentReporter } from '../../src/util/log.js'

let work: string
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'kiln-verify-unit-'))
})
afterEach(() => rmSync(work, { recursive: true, force: true }))

describe('qemu command line', () => {
  it('boots x86_64 with the kernel, initrd and a virtio disk, serial on stdio, no reboot', () => {
    const cmd = qemuCommand({
      arch: 'x86_64',
      accel: 'tcg',
      kernel: '/w/vmlinuz',
      initrd: '/w/initrd',
      disk: '/w/a,b.ext4',
      append: diskAppend('x86_64', '/kiln-check')
    })
    expect(cmd.file).toBe('qemu-system-x86_64')
    const a = cmd.args.join(' ')
    expect(a).toContain('-accel tcg')
    expect(a).toContain('-no-reboot')
    expect(a).toContain('-serial stdio')
    expect(a).toContain('-kernel /w/vmlinuz -initrd /w/initrd')
    expect(cmd.args).toContain('file=/w/a,,b.ext4,if=virtio,format=raw')
    expect(cmd.args[cmd.args.indexOf('-append') + 1]).toBe(
      'console=ttyS0 panic=-1 no_timer_check root=/dev/vda ro init=/kiln-check'
    )
  })

  it('uses the virt machine and a Cortex-A57 for arm64 under TCG, the host CPU under KVM', () => {
    const tcg = qemuCommand({
      arch: 'aarch64',
      accel: 'tcg',
      kernel: 'k',
      initrd: 'i',
      append: initrdAppend('aarch64')
    })
    expect(tcg.file).toBe('qemu-system-aarch64')
    expect(tcg.args.slice(0, 4)).toEqual(['-M', 'virt', '-cpu', 'cortex-a57'])
    expect(tcg.args[tcg.args.indexOf('-append') + 1]).toMatch(
      /^console=ttyAMA0 panic=-1 root=\S+ rootdelay=1$/
    )
    expect(tcg.args).not.toContain('-drive')
    const kvm = qemuCommand({ arch: 'x86_64', accel: 'kvm', kernel: 'k', append: '' })
    expect(kvm.args.slice(0, 2)).toEqual(['-cpu', 'host'])
    expect(kvm.args).not.toContain('-initrd')
  })
})

describe('check program', () => {
  it('is valid POSIX sh carrying the token, root device and modules', () => {
    const text = checkScript({ token: 'abc123', rootDevice: '/dev/vda', modules: ['loop', 'dummy'] })
    const file = join(work, 'check')
    writeFileSync(file, text)
    expect(() => execFileSync('sh', ['-n', file])).not.toThrow()
    expect(text.startsWith('#!/bin/sh\n')).toBe(true)
    expect(text).toContain('token=abc123')
    expect(text).toContain('for m in loop dummy; do')
    expect(text).toContain('/sbin/init is missing')
  })

  it('refuses values that would need quoting', () => {
    expect(() => checkScript({ token: 't', rootDevice: '/dev/vda; reboot', modules: [] })).toThrow(
      /unsafe value/
    )
  })
})

describe('console rules', () => {
  it('passes the full check only on the marker with this run’s token', () => {
    const rules = new DiskCheckRules('tok1')
    expect(rules.feed('[    1.0] Linux version 6.1.0-56-amd64')).toBeUndefined()
    expect(rules.feed('KILN-BOOT-OK 6.1.0-56-amd64 other-token')).toBeUndefined()
    expect(rules.feed('KILN-BOOT-OK 6.1.0-56-amd64 tok1')).toEqual({
      passed: true,
      message: 'booted kernel 6.1.0-56-amd64 to the check program',
      kernel: '6.1.0-56-amd64'
    })
  })

  it('fails with every finding of the check program', () => {
    const rules = new DiskCheckRules('t')
    expect(
      rules.feed('KILN-CHECK-FAIL module loop did not load: modprobe: FATAL: Module loop not found')
    ).toBeUndefined()
    expect(rules.feed('KILN-CHECK-FAIL /sbin/init is missing')).toBeUndefined()
    const v = rules.feed('KILN-BOOT-FAILED t')
    expect(v?.passed).toBe(false)
    expect(v?.message).toBe(
      'the booted image failed its checks: module loop did not load: modprobe: FATAL: Module loop not found; /sbin/init is missing'
    )
  })

  it('fails at once on a kernel panic, with its reason', () => {
    const rules = new DiskCheckRules('t')
    expect(
      rules.feed('[    2.9] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)')
    ).toEqual({ passed: false, message: 'kernel panic: VFS: Unable to mount root fs on unknown-block(0,0)' })
  })

  it('adds to a panic what went wrong before it', () => {
    const rules = new InitrdCheckRules()
    rules.feed('[    1.2] Initramfs unpacking failed: invalid magic at start of compressed archive')
    rules.feed('[    3.1] VFS: Cannot open root device "vda" or unknown-block(0,0): error -6')
    expect(
      rules.feed('[    3.2] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)')
    ).toEqual({
      passed: false,
      message:
        'kernel panic: VFS: Unable to mount root fs on unknown-block(0,0) (console: Initramfs unpacking failed: invalid magic at start of compressed archive; VFS: Cannot open root device "vda" or unknown-block(0,0): error -6)'
    })
  })

  it('explains a missing marker with what the initramfs said', () => {
    const rules = new DiskCheckRules('t')
    rules.feed('Gave up waiting for root file system device.  Common problems:')
    rules.feed('Rebooting automatically due to panic= boot argument')
    expect(rules.explainNoVerdict()).toBe(
      'the check program never ran: no marker on the console (console: Gave up waiting for root file system device.  Common problems:)'
    )
  })

  it('passes the initrd-only check once the initramfs looks for its root', () => {
    const rules = new InitrdCheckRules()
    expect(rules.feed('Loading, please wait...')).toBeUndefined()
    expect(
      rules.feed('Begin: Mounting root file system ... Begin: Running /scripts/local-top ... done.')?.passed
    ).toBe(true)
    expect(new InitrdCheckRules().feed('Kernel panic - not syncing: Attempted to kill init!')?.passed).toBe(
      false
    )
  })
})

describe('archives before booting', () => {
  async function tarWith(name: string, member: string, content: string): Promise<string> {
    const stage = join(work, `stage-${name}`)
    mkdirSync(stage)
    writeFileSync(join(stage, member), content)
    execFileSync('tar', ['-C', stage, '-czf', join(work, name), `./${member}`])
    return join(work, name)
  }

  it('names the missing archive', () => {
    expect(() => requireArchive(work, 'initrd.tar.gz', 'no initrd')).toThrow(
      new GateFailure(`${work} has no initrd: initrd.tar.gz not found`)
    )
  })

  it('extracts the one file, and calls an empty one missing', async () => {
    const ok = await tarWith('kernel.tar.gz', 'vmlinuz', 'KERNEL')
    expect(await extractSingle(ok, 'vmlinuz', 'no kernel', work)).toBe(join(work, 'vmlinuz.d', './vmlinuz'))
    const empty = await tarWith('initrd.tar.gz', 'initrd', '')
    await expect(extractSingle(empty, 'initrd', 'no initrd', work)).rejects.toThrow(
      `${empty} has no initrd (./initrd is empty)`
    )
    const other = await tarWith('other.tar.gz', 'README', 'x')
    await expect(extractSingle(other, 'initrd', 'no initrd', work)).rejects.toThrow(
      `${other} has no initrd (no initrd* member; ./README)`
    )
  })

  it('a member name is never read as an option of tar, nor leaves the scratch directory', async () => {
    // "--to-command=false #/vmlinuz" was read by tar as --to-command: every member piped to a
    // host command. It is a (strange) file name, extracted as one.
    const stage = join(work, 'stage-opt')
    const odd = '--to-command=false #'
    mkdirSync(join(stage, odd), { recursive: true })
    writeFileSync(join(stage, odd, 'vmlinuz'), 'KERNEL')
    const file = join(work, 'kernel.tar.gz')
    execFileSync('tar', ['-C', stage, '-czf', file, '--', `${odd}/vmlinuz`])
    const out = await extractSingle(file, 'vmlinuz', 'no kernel', work)
    expect(out).toBe(join(work, 'vmlinuz.d', odd, 'vmlinuz'))
    expect(readFileSync(out, 'utf8')).toBe('KERNEL')

    // A member that climbs out: tar would strip the "../", but the path Kiln then reads would not.
    const climb = join(work, 'climb.tar.gz')
    execFileSync('tar', [
      '-czf',
      climb,
      '-P',
      '--transform=s|^.*stage-opt/[^/]*/|../../boot/|',
      join(stage, odd, 'vmlinuz')
    ])
    await expect(extractSingle(climb, 'vmlinuz', 'no kernel', work)).rejects.toThrow(
      `${climb}: member ../../boot/vmlinuz leaves the archive's root`
    )
  })

  it('reads the manifest: kernel and arch, with Debian arch names accepted', async () => {
    expect(await readManifest(work)).toEqual({})
    writeFileSync(join(work, 'manifest.json'), JSON.stringify({ kernel: '6.1.0-56-amd64', arch: 'amd64' }))
    expect(await readManifest(work)).toEqual({ kernel: '6.1.0-56-amd64', arch: 'x86_64' })
    writeFileSync(join(work, 'manifest.json'), JSON.stringify({ arch: 'riscv64' }))
    await expect(readManifest(work)).rejects.toThrow(/arch: unsupported architecture "riscv64"/)
  })

  it('fails the gate before booting when the initrd archive is missing, leaving no scratch directory', async () => {
    await tarWith('kernel.tar.gz', 'vmlinuz', 'KERNEL')
    const r = await verifyBoot({ dir: work, mode: 'initrd', accel: 'tcg', reporter: new SilentReporter() })
    expect(r).toMatchObject({ status: 'failed', seconds: 0, consoleTail: [] })
    expect(r.message).toBe(`${work} has no initrd: initrd.tar.gz not found`)
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([])
  })
})

describe('the kernel of another architecture', () => {
  it("fails the gate before booting when the kernel is not the image's architecture", async () => {
    const stage = join(work, 'stage-arch')
    mkdirSync(stage)
    // An x86 bzImage header ("HdrS" at 0x202) in an image whose manifest says aarch64.
    const bz = Buffer.alloc(4096)
    bz.write('HdrS', 0x202, 'latin1')
    writeFileSync(join(stage, 'vmlinuz'), bz)
    writeFileSync(join(stage, 'initrd'), 'INITRD')
    execFileSync('tar', ['-C', stage, '-czf', join(work, 'kernel.tar.gz'), './vmlinuz'])
    execFileSync('tar', ['-C', stage, '-czf', join(work, 'initrd.tar.gz'), './initrd'])
    writeFileSync(join(work, 'manifest.json'), JSON.stringify({ arch: 'aarch64' }))
    const r = await verifyBoot({ dir: work, mode: 'initrd', accel: 'tcg', reporter: new SilentReporter() })
    expect(r).toMatchObject({ status: 'failed', seconds: 0 })
    expect(r.message).toBe(
      `${join(work, 'kernel.tar.gz')}: the kernel is x86_64 (bzImage), but the image is aarch64`
    )
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([])
  })
})

describe("the root disk: the image's links are followed inside the image, never on the host", () => {
  // The attack: lib -> foo, foo/modules -> <host dir>, and a kernel release that names a
  // directory there. The gate used to delete <host dir>/<release> and move the image's
  // modules into it; the canary must stay exactly as it was.
  const release = '6.1.0-x'
  function tarOf(dir: string, out: string, members: string[]): string {
    execFileSync('tar', ['-czf', out, '-C', dir, '--numeric-owner', ...members])
    return out
  }
  function tree(dir: string): string[] {
    const out: string[] = []
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const p = join(e.parentPath ?? e.path, e.name)
      out.push(
        `${p.slice(dir.length)} ${e.isFile() ? readFileSync(p, 'utf8') : e.isDirectory() ? 'dir' : 'other'}`
      )
    }
    return out.sort()
  }

  it('lib -> foo, foo/modules -> host dir: the modules land in <root><host dir>', async () => {
    const canary = join(work, 'canary')
    mkdirSync(join(canary, release), { recursive: true })
    writeFileSync(join(canary, release, 'keep'), 'host data')
    writeFileSync(join(canary, 'other'), 'more host data')
    const before = tree(canary)

    const img = join(work, 'img')
    mkdirSync(join(img, 'foo'), { recursive: true })
    mkdirSync(join(img, 'sbin'))
    writeFileSync(join(img, 'sbin/init'), '')
    symlinkSync('foo', join(img, 'lib'))
    symlinkSync(canary, join(img, 'foo/modules'))
    // The check program's path goes through a link to the host as well.
    symlinkSync(join(canary, 'other'), join(img, 'kiln-check'))
    const mods = join(work, 'mods')
    mkdirSync(join(mods, 'lib/modules', release, 'kernel'), { recursive: true })
    writeFileSync(join(mods, 'lib/modules', release, 'kernel/loop.ko'), 'module')
    const work2 = join(work, 'disk')
    mkdirSync(work2)
    const disk = await makeRootDisk({
      rootfs: tarOf(img, join(work, 'image.tar.gz'), ['.']),
      modules: tarOf(mods, join(work, 'modules.tar.gz'), ['lib']),
      work: work2,
      checkPath: '/kiln-check',
      checkScript: '#!/bin/sh\n'
    })
    expect(disk.moduleReleases).toEqual([release])
    expect(tree(canary)).toEqual(before)
    // The modules went where the image itself would look: <root>/<canary>/<release>.
    const listing = execFileSync('debugfs', ['-R', `ls -p ${canary}/${release}/kernel`, disk.path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
    expect(listing).toContain('loop.ko')
  })

  it('refuses a modules archive whose lib/modules is a link (it would list a host directory)', async () => {
    const canary = join(work, 'canary')
    mkdirSync(join(canary, release), { recursive: true })
    writeFileSync(join(canary, release, 'keep'), 'host data')
    const before = tree(canary)
    const img = join(work, 'img')
    mkdirSync(join(img, 'sbin'), { recursive: true })
    writeFileSync(join(img, 'sbin/init'), '')
    const mods = join(work, 'mods')
    mkdirSync(join(mods, 'lib'), { recursive: true })
    symlinkSync(canary, join(mods, 'lib/modules'))
    const work2 = join(work, 'disk')
    mkdirSync(work2)
    await expect(
      makeRootDisk({
        rootfs: tarOf(img, join(work, 'image.tar.gz'), ['.']),
        modules: tarOf(mods, join(work, 'modules.tar.gz'), ['lib']),
        work: work2,
        checkPath: '/kiln-check',
        checkScript: '#!/bin/sh\n'
      })
    ).rejects.toThrow(GateFailure)
    expect(tree(canary)).toEqual(before)
  })
})
