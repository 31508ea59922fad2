import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { constants as zc, crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib'
import { compareVersions } from '../../src/exporters/boot.js'
import {
  crc32Combine,
  FileSink,
  ParallelGzipSink,
  ProcessSink,
  SharedDeflate,
  type ByteSink
} from '../../src/exporters/compress.js'
import { exportImage } from '../../src/exporters/export.js'
import { flatten, SHARE_MIN } from '../../src/exporters/flatten.js'
import { resolveInput, resolveLayers } from '../../src/exporters/inputs.js'
import { parseApkInstalled, parseDpkgStatus } from '../../src/exporters/packages.js'
import { BuildError } from '../../src/util/errors.js'
import { gnuTarExtract, gnuTarLayer, readTar, Scratch, tarBuffer, type Member } from './flatten-fixtures.js'

let s: Scratch
beforeEach(() => {
  s = new Scratch()
})
afterEach(() => s.cleanup())

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

describe('inputs', () => {
  const L0: Member[] = [{ name: 'etc/' }, { name: 'etc/a', content: 'a' }]
  const L1: Member[] = [{ name: 'etc/.wh.a' }, { name: 'etc/b', content: 'b' }]

  test('a legacy docker save tarball (file or stdin): layers are regions of the outer file, in manifest order', async () => {
    const l0 = await tarBuffer(L0)
    const l1 = await tarBuffer(L1)
    // manifest.json last, as a streamed save may have it.
    const save = await tarBuffer([
      { name: 'bbb/layer.tar', content: l1 },
      { name: 'aaa/layer.tar', content: l0 },
      {
        name: 'manifest.json',
        content: JSON.stringify([
          { Config: 'c.json', RepoTags: ['x:y'], Layers: ['aaa/layer.tar', 'bbb/layer.tar'] }
        ])
      }
    ])
    const path = s.file(save, 'save.tar')
    const input = await resolveInput(path)
    try {
      expect(input.layers.map((l) => l.path)).toEqual([path, path])
      expect(
        input.layers.map((l, i) => save.subarray(l.offset, l.offset + l.length).equals([l0, l1][i]))
      ).toEqual([true, true])
      await flatten({ layers: input.layers, output: s.path('o.tar'), compression: 'none' })
      expect((await readTar(readFileSync(s.path('o.tar')))).map((m) => m.name)).toEqual([
        './',
        './etc/',
        './etc/b'
      ])
    } finally {
      await input.cleanup()
    }
    const piped = await resolveInput('-', Readable.from([save.subarray(0, 1000), save.subarray(1000)]))
    try {
      expect(piped.layers.map((l) => l.length)).toEqual([l0.length, l1.length])
      expect(piped.layers[0].path).not.toBe(path)
    } finally {
      await piped.cleanup()
    }
  })

  test('an OCI layout dir with DIR:TAG picks the tagged image; gzip layers are decompressed', async () => {
    const l0 = gzipSync(await tarBuffer(L0))
    const l1 = await tarBuffer(L1)
    const dir = s.path('layout')
    mkdirSync(join(dir, 'blobs/sha256'), { recursive: true })
    const blob = (b: Buffer): string => {
      writeFileSync(join(dir, 'blobs/sha256', sha(b)), b)
      return `sha256:${sha(b)}`
    }
    const manifest = Buffer.from(
      JSON.stringify({ schemaVersion: 2, layers: [{ digest: blob(l0) }, { digest: blob(l1) }] })
    )
    const other = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [{ digest: blob(l1) }] }))
    const ann = (t: string): Record<string, string> => ({ 'org.opencontainers.image.ref.name': t })
    writeFileSync(
      join(dir, 'index.json'),
      JSON.stringify({
        manifests: [
          { digest: blob(manifest), annotations: ann('want') },
          { digest: blob(other), annotations: ann('other') }
        ]
      })
    )
    await expect(resolveInput(dir)).rejects.toThrow(/names 2 images; pick one/)
    const input = await resolveInput(`${dir}:want`)
    try {
      expect(input.layers).toHaveLength(2)
      expect(input.layers[0].path).not.toContain('layout') // decompressed copy
      await flatten({ layers: input.layers, output: s.path('o.tar'), compression: 'none' })
      expect((await readTar(readFileSync(s.path('o.tar')))).map((m) => m.name)).toEqual([
        './',
        './etc/',
        './etc/b'
      ])
    } finally {
      await input.cleanup()
    }
  })

  test('store layers (LayerRef) are used in place', async () => {
    const buf = await tarBuffer(L0)
    const path = s.file(buf)
    const r = await resolveLayers([
      { digest: `sha256:${sha(buf)}`, diffID: `sha256:${sha(buf)}`, size: buf.length, mediaType: 'x', path }
    ])
    const digest = `sha256:${sha(buf)}`
    // In place, and checked against the blob digest in the index pass.
    expect(r.layers).toEqual([
      { path, offset: 0, length: buf.length, digest, expected: { digest, size: buf.length } }
    ])
    await r.cleanup()
  })
})

describe('parallel gzip', () => {
  test('makes one valid gzip stream, identical each time, across many blocks', async () => {
    const data = Buffer.alloc(5 * (1 << 20) + 12345)
    let x = 1
    for (let i = 0; i < data.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff
      data[i] = x % 7 === 0 ? x & 0xff : 97 + (i % 13)
    }
    const run = async (name: string): Promise<Buffer> => {
      const sink = new FileSink(s.path(name))
      const gz = new ParallelGzipSink(sink, 6)
      for (let off = 0; off < data.length; off += 300_000) await gz.write(data.subarray(off, off + 300_000))
      await gz.end()
      expect(sink.sha256).toBe(sha(readFileSync(s.path(name))))
      return readFileSync(s.path(name))
    }
    const a = await run('a.gz')
    expect(gunzipSync(a).equals(data)).toBe(true)
    expect(a.length).toBeLessThan(data.length / 2)
    expect((await run('b.gz')).equals(a)).toBe(true)
  })

  test('a stream cut into a piece per file (as a shared run makes it) reaches the file in few writes and decodes', async () => {
    // What the modules archive looks like to its gzip stream: a tar header (own bytes), then a
    // file deflated elsewhere, a thousand times over.
    const counted = new CountingSink(new FileSink(s.path('pieces.gz')))
    const gz = new ParallelGzipSink(counted, 6)
    const want: Buffer[] = []
    for (let i = 0; i < 1000; i++) {
      const header = Buffer.alloc(512, `header ${i} `)
      const file = Buffer.alloc(SHARE_MIN + i, `file ${i} `)
      await gz.write(header)
      const run = new SharedDeflate([gz], 6)
      await run.push(file)
      await run.end()
      want.push(header, file)
    }
    await gz.end()
    execFileSync('gzip', ['-t', s.path('pieces.gz')])
    expect(gunzipSync(readFileSync(s.path('pieces.gz'))).equals(Buffer.concat(want))).toBe(true)
    // Written one piece at a time this was ~2,000 writes, each hashed and waited for.
    expect(counted.writes).toBeLessThan(50)
  })
})

/** Passes writes on, counting them and how many were in flight at once. */
class CountingSink implements ByteSink {
  readonly overlapping = true
  writes = 0
  inFlight = 0
  maxInFlight = 0
  constructor(
    private readonly down: ByteSink,
    private readonly delayMs = 0
  ) {}
  async write(chunk: Buffer): Promise<void> {
    this.writes++
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight)
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs))
      await this.down.write(chunk)
    } finally {
      this.inFlight--
    }
  }
  end(): Promise<void> {
    return this.down.end()
  }
  abort(): Promise<void> {
    return this.down.abort()
  }
}

describe('a compressor process (zstd)', () => {
  const data = (): Buffer => {
    const b = Buffer.allocUnsafe(8 << 20)
    let x = 7
    for (let i = 0; i < b.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff
      b[i] = x % 5 === 0 ? x >> 8 : 65 + (i % 17)
    }
    return b
  }

  test('its output keeps being read while earlier chunks are written (a slow disk does not stall it), in order', async () => {
    const input = data()
    const slow = new CountingSink(new FileSink(s.path('out.zst')), 5)
    const z = new ProcessSink('zstd', ['-q', '-T0', '-1', '-c'], slow)
    for (let off = 0; off < input.length; off += 1 << 20) await z.write(input.subarray(off, off + (1 << 20)))
    await z.end()
    expect(execFileSync('zstd', ['-dc', s.path('out.zst')], { maxBuffer: 64 << 20 }).equals(input)).toBe(true)
    // Each 64 KiB read waited for the write before it, the pipe filled and zstd stopped.
    expect(slow.maxInFlight).toBeGreaterThan(1)
  })

  test('a write that fails downstream fails end(), naming the file, and leaves no file', async () => {
    const out = s.path('full.zst')
    const file = new FileSink(out)
    let n = 0
    const failing: ByteSink = {
      overlapping: true,
      write: async (c) => {
        if (++n === 3) throw new Error(`${out}: no space left on device`)
        await file.write(c)
      },
      end: () => file.end(),
      abort: () => file.abort()
    }
    const z = new ProcessSink('zstd', ['-q', '-1', '-c'], failing)
    // Incompressible and larger than the pipes: the compressor blocks once its output stops being read.
    const input = randomBytes(24 << 20)
    const fed = (async () => {
      for (let off = 0; off < input.length; off += 1 << 20)
        await z.write(input.subarray(off, off + (1 << 20)))
      await z.end()
    })()
    await expect(fed).rejects.toThrow(/full\.zst: no space left on device/)
    await z.abort()
    expect(readdirSync(s.dir).filter((f) => f.startsWith('full.zst'))).toEqual([])
  })
})

describe('shared compression: /lib/modules deflated once for image.tar.gz and modules.tar.gz', () => {
  // Compressible, not repetitive: words drawn by a fixed LCG, so deflate has work at every offset.
  const text = (n: number, seed: number): Buffer => {
    const words = ['insmod', 'kernel', 'vermagic', 'depends', 'alias', 'pci:v00008086', 'firmware', 'license']
    const out: string[] = []
    let x = seed
    for (let len = 0; len < n;) {
      x = (x * 1103515245 + 12345) % 2147483648
      const w = `${words[x % words.length]}${x % 97} `
      out.push(w)
      len += w.length
    }
    return Buffer.from(out.join('')).subarray(0, n)
  }
  const V = '6.1.0-10-amd64'
  const mods: Record<string, Buffer> = {
    // Several deflate blocks (dictionary carried between them), then padding in the last one.
    'kernel/big.ko': text(3 * (1 << 20) + 100, 1),
    'kernel/exact.ko': text(SHARE_MIN, 2), // no padding
    'kernel/odd.ko': text(20_000, 3),
    'kernel/small.ko': text(900, 4) // below SHARE_MIN: compressed per archive
  }
  const system = (args: string[]): string => execFileSync(args[0], args.slice(1), { encoding: 'latin1' })

  test('both archives pass gzip -t and GNU tar, hold the same module bytes, and share the deflated blocks', async () => {
    const layers = await s.layers(
      [
        { name: 'boot/' },
        { name: `boot/vmlinuz-${V}`, content: text(70_000, 9) },
        { name: 'lib/' },
        { name: 'lib/modules/' },
        { name: `lib/modules/${V}/` },
        { name: `lib/modules/${V}/kernel/` },
        ...Object.entries(mods).map(([n, content]) => ({ name: `lib/modules/${V}/${n}`, content })),
        // A hardlink: a link member in the rootfs, data in modules.tar.gz (not shared).
        { name: `lib/modules/${V}/kernel/again.ko`, type: 'link', linkname: `lib/modules/${V}/kernel/odd.ko` }
      ],
      // Bytes after the modules: each stream goes on from the shared blocks with its own.
      [{ name: 'etc/' }, { name: 'etc/after', content: text(200_000, 5) }]
    )
    const r = await exportImage({
      layers,
      outDir: s.dir,
      name: 'img',
      exports: ['rootfs', 'kernel', 'modules'],
      compression: 'gzip',
      baseChain: [],
      key: 'k'
    })
    const want = { ...mods, 'kernel/again.ko': mods['kernel/odd.ko'] }
    for (const [archive, root] of [
      ['image.tar.gz', `lib/modules/${V}`],
      ['modules.tar.gz', `lib/modules/${V}`]
    ]) {
      const path = join(r.dir, archive)
      system(['gzip', '-t', path])
      const out = s.path(`x-${archive}`)
      mkdirSync(out)
      system(['tar', '-xzf', path, '-C', out])
      expect(readdirSync(join(out, root, 'kernel')).sort()).toEqual(
        Object.keys(want)
          .map((n) => n.slice(7))
          .sort()
      )
      for (const [n, data] of Object.entries(want))
        expect(readFileSync(join(out, root, n)).equals(data)).toBe(true)
    }
    expect(readFileSync(join(s.path('x-image.tar.gz'), 'etc/after')).equals(text(200_000, 5))).toBe(true)
    expect(system(['tar', '-tzf', join(r.dir, 'modules.tar.gz')]).split('\n')[0]).toBe(`lib/modules/${V}/`)
    expect(system(['tar', '-tzf', join(r.dir, 'image.tar.gz')]).split('\n')).toContain(`./lib/modules/${V}/`)
    // The same deflated bytes in both files: big.ko's first block, compressed once, with no
    // dictionary (what came before differs between the archives).
    const first = deflateRawSync(mods['kernel/big.ko'].subarray(0, 1 << 20), {
      level: 6,
      finishFlush: zc.Z_SYNC_FLUSH
    })
    for (const f of ['image.tar.gz', 'modules.tar.gz'])
      expect(readFileSync(join(r.dir, f)).indexOf(first)).toBeGreaterThan(0)
  })

  test('streams around a shared run: both decode to their own bytes with the shared ones between', async () => {
    const shared = text(2 * (1 << 20) + 777, 6)
    const ends = [
      [text(5000, 7), text(70_000, 8)],
      [Buffer.from('other header'), Buffer.alloc(0)]
    ]
    const files = ends.map((_, i) => new FileSink(s.path(`s${i}.gz`)))
    const gz = files.map((f) => new ParallelGzipSink(f, 6))
    for (const [i, [head]] of ends.entries()) await gz[i].write(Buffer.from(head))
    const run = new SharedDeflate(gz, 6)
    for (let off = 0; off < shared.length; off += 400_000) await run.push(shared.subarray(off, off + 400_000))
    await run.end()
    for (const [i, [, tail]] of ends.entries()) {
      await gz[i].write(Buffer.from(tail))
      await gz[i].end()
    }
    for (const [i, [head, tail]] of ends.entries()) {
      const path = s.path(`s${i}.gz`)
      system(['gzip', '-t', path])
      expect(gunzipSync(readFileSync(path)).equals(Buffer.concat([head, shared, tail]))).toBe(true)
    }
  })

  test('crc32Combine is the CRC-32 of the concatenation', () => {
    for (const [a, b] of [
      [0, 3],
      [10, 0],
      [1000, 1],
      [5, 1 << 20]
    ]) {
      const A = text(a, a + 1)
      const B = text(b, b + 2)
      expect(crc32Combine(crc32(A), crc32(B), b)).toBe(crc32(Buffer.concat([A, B])))
    }
  })
})

describe('packages', () => {
  test('dpkg status: installed packages only, sorted', () => {
    const status = [
      'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:1.2.13.dfsg-1\nDescription: x\n continued: line',
      'Package: removed\nStatus: deinstall ok config-files\nVersion: 1.0',
      'Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2'
    ].join('\n\n')
    expect(parseDpkgStatus(status)).toEqual([
      { name: 'bash', version: '5.2.15-2+b2', arch: 'amd64' },
      { name: 'zlib1g', version: '1:1.2.13.dfsg-1', arch: 'amd64' }
    ])
  })
  test('apk installed', () => {
    expect(
      parseApkInstalled('C:Q1x\nP:musl\nV:1.2.4-r2\nA:x86_64\n\nP:busybox\nV:1.36.1-r5\nA:x86_64\n')
    ).toEqual([
      { name: 'busybox', version: '1.36.1-r5', arch: 'x86_64' },
      { name: 'musl', version: '1.2.4-r2', arch: 'x86_64' }
    ])
  })
})

describe('boot archives', () => {
  test('version sort, like sort -V', () => {
    expect(['6.1.0-9-amd64', '6.1.0-10-amd64', '5.10.0-28-amd64'].sort(compareVersions)).toEqual([
      '5.10.0-28-amd64',
      '6.1.0-9-amd64',
      '6.1.0-10-amd64'
    ])
  })

  // A merged-/usr image: lib → usr/lib, two kernels, a rescue kernel, /vmlinuz links, a dpkg database.
  const image = async (): Promise<ReturnType<Scratch['layers']>> =>
    s.layers(
      [
        { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
        { name: 'usr/' },
        { name: 'usr/lib/' },
        { name: 'usr/lib/modules/' },
        { name: 'usr/lib/modules/6.1.0-9-amd64/' },
        { name: 'usr/lib/modules/6.1.0-9-amd64/old.ko', content: 'old' },
        { name: 'boot/' },
        { name: 'boot/vmlinuz-6.1.0-9-amd64', content: 'K9' },
        { name: 'boot/initrd.img-6.1.0-9-amd64', content: 'I9' },
        { name: 'var/' },
        { name: 'var/lib/' },
        { name: 'var/lib/dpkg/' },
        {
          name: 'var/lib/dpkg/status',
          content: 'Package: linux-image-6.1.0-9-amd64\nStatus: install ok installed\nVersion: 6.1.27-1\n'
        }
      ],
      [
        { name: 'usr/lib/modules/6.1.0-10-amd64/' },
        { name: 'usr/lib/modules/6.1.0-10-amd64/kernel/' },
        { name: 'usr/lib/modules/6.1.0-10-amd64/kernel/a.ko', content: 'A' },
        {
          name: 'usr/lib/modules/6.1.0-10-amd64/kernel/b.ko',
          type: 'link',
          linkname: 'usr/lib/modules/6.1.0-10-amd64/kernel/a.ko'
        },
        {
          name: 'usr/lib/modules/6.1.0-10-amd64/build',
          type: 'symlink',
          linkname: '/usr/src/linux-headers-6.1.0-10-amd64'
        },
        { name: 'boot/vmlinuz-6.1.0-10-amd64', content: 'K10', mode: 0o600 },
        { name: 'boot/initramfs-6.1.0-10-amd64.img', content: 'I10' },
        { name: 'boot/vmlinuz-0-rescue-abc', content: 'R' },
        { name: 'vmlinuz', type: 'symlink', linkname: 'boot/vmlinuz-6.1.0-10-amd64' }
      ]
    )

  test('newest kernel, its initrd whatever it is called, modules at lib/modules/V; SHA256SUMS checks', async () => {
    const layers = await image()
    const r = await exportImage({
      layers,
      outDir: s.dir,
      name: 'img',
      exports: ['rootfs', 'kernel', 'initrd', 'modules'],
      compression: 'gzip',
      baseChain: [{ name: 'base', key: 'k0' }],
      key: 'k1'
    })
    expect(r.kernel).toBe('6.1.0-10-amd64')
    const list = async (f: string): Promise<Array<[string, string, string]>> =>
      (await readTar(gunzipSync(readFileSync(join(r.dir, f))))).map((m) => [m.name, m.type, m.content])
    expect(await list('kernel.tar.gz')).toEqual([['./vmlinuz', 'file', 'K10']])
    expect(await list('initrd.tar.gz')).toEqual([['./initrd', 'file', 'I10']])
    expect(await list('modules.tar.gz')).toEqual([
      ['lib/modules/6.1.0-10-amd64/', 'directory', ''],
      ['lib/modules/6.1.0-10-amd64/kernel/', 'directory', ''],
      ['lib/modules/6.1.0-10-amd64/kernel/a.ko', 'file', 'A'],
      ['lib/modules/6.1.0-10-amd64/kernel/b.ko', 'file', 'A'],
      ['lib/modules/6.1.0-10-amd64/build', 'symlink', '']
    ])
    const sums = readFileSync(r.sumsPath, 'utf8').trim().split('\n')
    expect(sums.map((l) => l.split('  ')[1])).toEqual([
      'image.tar.gz',
      'initrd.tar.gz',
      'kernel.tar.gz',
      'manifest.json',
      'modules.tar.gz',
      // The SBOM is written by default (sbom.test.ts covers it).
      'sbom.spdx.json'
    ])
    for (const l of sums) {
      const [hex, f] = l.split('  ')
      expect(sha(readFileSync(join(r.dir, f)))).toBe(hex)
    }
    const m = JSON.parse(readFileSync(r.manifestPath, 'utf8'))
    expect(m).toMatchObject({
      name: 'img',
      key: 'k1',
      base: [{ name: 'base', key: 'k0' }],
      kernel: '6.1.0-10-amd64',
      packageFormat: 'dpkg'
    })
    expect(m.packages).toEqual([{ name: 'linux-image-6.1.0-9-amd64', version: '6.1.27-1' }])
    expect(m.layers).toHaveLength(2)
  })

  test('a pinned kernel; zstd archives; a missing kernel fails naming the image', async () => {
    const layers = await image()
    const r = await exportImage({
      layers,
      outDir: s.dir,
      name: 'pin',
      exports: ['kernel', 'initrd'],
      compression: 'zstd',
      kernel: '6.1.0-9-amd64'
    })
    expect(r.archives.map((a) => a.file)).toEqual(['kernel.tar.zst', 'initrd.tar.zst'])
    await expect(
      exportImage({
        layers,
        outDir: s.dir,
        name: 'pin2',
        exports: ['kernel'],
        compression: 'none',
        kernel: '9.9'
      })
    ).rejects.toThrow(/pin2: .*kernel 9.9 is not in the image \(found: 6.1.0-9-amd64, 6.1.0-10-amd64\)/)
    const plain = await s.layers([{ name: 'etc/' }])
    const e = await exportImage({
      layers: plain,
      outDir: s.dir,
      name: 'nokernel',
      exports: ['rootfs', 'kernel'],
      compression: 'none'
    }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(BuildError)
    expect(String((e as Error).message)).toMatch(/^nokernel: .*no kernel in the image/)
  })

  test('kernel, modules and rootfs keep names that are not UTF-8 byte for byte; a UTF-8 --kernel pin matches', async () => {
    // Binary strings (flatten-fixtures.ts): the version is the UTF-8 '6.1-é', module names Latin-1.
    const v = '6.1-\xc3\xa9'
    const layer = gnuTarLayer(s, [
      { path: 'boot/' },
      { path: `boot/vmlinuz-${v}`, content: 'K' },
      { path: `boot/initrd.img-${v}`, content: 'I' },
      { path: 'boot/vmlinuz-6.0', content: 'old' },
      { path: 'lib/' },
      { path: 'lib/modules/' },
      { path: `lib/modules/${v}/` },
      { path: `lib/modules/${v}/caf\xe9.ko`, content: 'e9' },
      { path: `lib/modules/${v}/caf\xe8.ko`, content: 'e8' },
      { path: `lib/modules/${v}/d\xff/` },
      { path: `lib/modules/${v}/d\xff/x.ko`, content: 'x' }
    ])
    const r = await exportImage({
      layers: [layer],
      outDir: s.dir,
      name: 'bytes',
      exports: ['rootfs', 'kernel', 'modules'],
      compression: 'none',
      kernel: '6.1-é'
    })
    expect(r.kernel).toBe('6.1-é')
    expect(gnuTarExtract(s, join(r.dir, 'kernel.tar'))).toEqual({ vmlinuz: 'K' })
    expect(gnuTarExtract(s, join(r.dir, 'modules.tar'))).toEqual({
      'lib/': 'dir',
      'lib/modules/': 'dir',
      [`lib/modules/${v}/`]: 'dir',
      [`lib/modules/${v}/caf\xe9.ko`]: 'e9',
      [`lib/modules/${v}/caf\xe8.ko`]: 'e8',
      [`lib/modules/${v}/d\xff/`]: 'dir',
      [`lib/modules/${v}/d\xff/x.ko`]: 'x'
    })
    expect(gnuTarExtract(s, join(r.dir, 'image.tar'))).toMatchObject({
      [`lib/modules/${v}/caf\xe9.ko`]: 'e9',
      [`lib/modules/${v}/caf\xe8.ko`]: 'e8'
    })
  })
})
