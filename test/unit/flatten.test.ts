import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { jest } from '@jest/globals'
import { gunzipSync } from 'node:zlib'
import { main } from '../../src/adapters/cli/main.js'
import { flatten, TarWriter } from '../../src/exporters/flatten.js'
import type { ByteSink } from '../../src/exporters/compress.js'
import { FileReader } from '../../src/exporters/file-reader.js'
import { FlattenError } from '../../src/exporters/plan.js'
import { encodeHeader, END_OF_ARCHIVE, paddingFor, printable, readHeaders } from '../../src/exporters/tar.js'
import type { LayerSource } from '../../src/exporters/inputs.js'
import {
  gnuTarExtract,
  gnuTarLayer,
  gnuTarList,
  readTar,
  Scratch,
  tarBuffer,
  type ReadMember,
  type TreeEntry
} from './flatten-fixtures.js'

let s: Scratch
beforeEach(() => {
  s = new Scratch()
})
afterEach(() => s.cleanup())

async function flat(layers: LayerSource[], sde?: number): Promise<ReadMember[]> {
  const out = s.path(`out-${Math.random()}.tar`)
  await flatten({ layers, output: out, compression: 'none', sourceDateEpoch: sde })
  return readTar(readFileSync(out))
}

const names = (m: ReadMember[]): string[] => m.map((x) => x.name)
const byName = (m: ReadMember[], n: string): ReadMember | undefined => m.find((x) => x.name === n)

describe('flatten', () => {
  test('roots every member at ./, the root first, directories with a trailing slash', async () => {
    const out = await flat(await s.layers([{ name: 'etc/' }, { name: 'etc/hostname', content: 'x\n' }]))
    expect(names(out)).toEqual(['./', './etc/', './etc/hostname'])
    expect(byName(out, './')?.mode).toBe(0o755)
  })

  test('a whiteout deletes the lower file, and is itself not in the output', async () => {
    const layers = await s.layers(
      [
        { name: 'a/' },
        { name: 'a/b', content: 'b' },
        { name: 'a/c', content: 'c' },
        { name: 'gone/' },
        { name: 'gone/x', content: 'x' }
      ],
      [{ name: 'a/.wh.b' }, { name: '.wh.gone' }]
    )
    const out = await flat(layers)
    expect(names(out)).toEqual(['./', './a/', './a/c'])
  })

  test('an opaque directory hides everything the lower layers had in it', async () => {
    const layers = await s.layers(
      [
        { name: 'd/' },
        { name: 'd/old', content: 'o' },
        { name: 'd/sub/' },
        { name: 'd/sub/deep', content: 'd' },
        { name: 'keep', content: 'k' }
      ],
      [{ name: 'd/', mode: 0o700 }, { name: 'd/.wh..wh..opq' }, { name: 'd/new', content: 'n' }]
    )
    const out = await flat(layers)
    expect(names(out).sort()).toEqual(['./', './d/', './d/new', './keep'])
    expect(byName(out, './d/')?.mode).toBe(0o700)
  })

  test('a higher layer overwrites content and metadata; type swaps hide the old subtree', async () => {
    const layers = await s.layers(
      [
        { name: 'f', content: 'old', mode: 0o600 },
        { name: 'p/' },
        { name: 'p/child', content: 'c' },
        { name: 'q', content: 'file' }
      ],
      [
        { name: 'f', content: 'new', mode: 0o4755, uid: 1000, gid: 50 },
        { name: 'p', content: 'now a file' },
        { name: 'q/' },
        { name: 'q/inside', content: 'i' }
      ]
    )
    const out = await flat(layers)
    expect(byName(out, './f')).toMatchObject({ content: 'new', mode: 0o4755, uid: 1000, gid: 50 })
    expect(byName(out, './p')).toMatchObject({ type: 'file', content: 'now a file' })
    expect(byName(out, './p/child')).toBeUndefined()
    expect(byName(out, './q/')?.type).toBe('directory')
    expect(byName(out, './q/inside')?.content).toBe('i')
  })

  test('a hardlink whose target a higher layer replaced keeps the original content; later links link to that copy', async () => {
    const layers = await s.layers(
      [
        { name: 'bin/' },
        { name: 'bin/t', content: 'original', mode: 0o755 },
        { name: 'bin/l1', type: 'link', linkname: 'bin/t' },
        { name: 'bin/l2', type: 'link', linkname: 'bin/t' }
      ],
      [{ name: 'bin/t', content: 'replaced' }]
    )
    const out = await flat(layers)
    expect(byName(out, './bin/t')?.content).toBe('replaced')
    expect(byName(out, './bin/l1')).toMatchObject({ type: 'file', content: 'original', mode: 0o755 })
    expect(byName(out, './bin/l2')).toMatchObject({ type: 'link', linkname: './bin/l1' })
    const n = names(out)
    expect(n.indexOf('./bin/l2')).toBeGreaterThan(n.indexOf('./bin/l1'))
  })

  test('a hardlink whose target was deleted becomes a regular file; one whose target survives stays a link after it', async () => {
    const layers = await s.layers(
      [
        { name: 'a', content: 'A' },
        { name: 'la', type: 'link', linkname: 'a' },
        { name: 'b', content: 'B' },
        { name: 'lb', type: 'link', linkname: './b' }
      ],
      [{ name: '.wh.a' }, { name: 'unrelated', content: 'u' }]
    )
    const out = await flat(layers)
    expect(byName(out, './a')).toBeUndefined()
    expect(byName(out, './la')).toMatchObject({ type: 'file', content: 'A' })
    expect(byName(out, './lb')).toMatchObject({ type: 'link', linkname: './b' })
    expect(names(out).indexOf('./lb')).toBeGreaterThan(names(out).indexOf('./b'))
  })

  test('a link hidden by a higher layer drops out, and a hardlink to a lower layer file links to it', async () => {
    const layers = await s.layers(
      [{ name: 'base', content: 'base' }],
      [{ name: 'up', type: 'link', linkname: 'base' }]
    )
    const out = await flat(layers)
    expect(byName(out, './up')).toMatchObject({ type: 'link', linkname: './base' })
  })

  test('symlinks, devices and fifos keep their kind and numeric owners', async () => {
    const layers = await s.layers([
      { name: 'dev/' },
      { name: 'dev/null', type: 'character-device', mode: 0o666 },
      { name: 'run/' },
      { name: 'run/fifo', type: 'fifo', mode: 0o600, uid: 7, gid: 8 },
      { name: 'vmlinuz', type: 'symlink', linkname: 'boot/vmlinuz-6.1.0-1-amd64' }
    ])
    const out = await flat(layers)
    expect(byName(out, './dev/null')?.type).toBe('character-device')
    expect(byName(out, './run/fifo')).toMatchObject({ type: 'fifo', uid: 7, gid: 8, mode: 0o600 })
    expect(byName(out, './vmlinuz')).toMatchObject({
      type: 'symlink',
      linkname: 'boot/vmlinuz-6.1.0-1-amd64'
    })
  })

  test('long names (PAX) round-trip, and binary xattrs such as security.capability survive', async () => {
    const long = `${'x'.repeat(120)}/${'y'.repeat(130)}`
    const cap = Buffer.from('0100000200200000000000000000000000000000', 'hex')
    // Written with our own encoder: tar-stream cannot put binary bytes in a PAX value.
    const layer = Buffer.concat([
      encodeHeader({ name: `${long}`, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 2, mtime: 1 }),
      Buffer.from('hi'),
      Buffer.alloc(paddingFor(2)),
      encodeHeader({
        name: 'usr/bin/ping',
        type: 'file',
        mode: 0o755,
        uid: 0,
        gid: 0,
        size: 0,
        mtime: 1,
        xattrs: { 'security.capability': cap }
      }),
      END_OF_ARCHIVE
    ])
    const path = s.file(layer)
    const out = s.path('x.tar')
    await flatten({ layers: [{ path, offset: 0, length: layer.length }], output: out, compression: 'none' })
    const r = await FileReader.open(out)
    const got = []
    for await (const e of readHeaders(r, 0, readFileSync(out).length, out)) got.push(e)
    await r.close()
    expect(got.map((e) => e.rawPath)).toEqual(['./', `./${long}`, './usr/bin/ping'])
    expect(got[2].xattrs?.['security.capability']).toEqual(cap)
    const viaTarStream = await readTar(readFileSync(out))
    expect(viaTarStream[1]).toMatchObject({ name: `./${long}`, content: 'hi' })
  })

  test('hostile names: ../ escapes are refused, absolute paths are made relative', async () => {
    await expect(flat(await s.layers([{ name: '../../etc/passwd', content: 'x' }]))).rejects.toThrow(
      FlattenError
    )
    await expect(flat(await s.layers([{ name: 'a/../../b', content: 'x' }]))).rejects.toThrow(
      /points outside the root/
    )
    await expect(
      flat(await s.layers([{ name: 'l', type: 'link', linkname: '../../etc/shadow' }]))
    ).rejects.toThrow(/outside the root/)
    const out = await flat(
      await s.layers([
        { name: '/etc/', type: 'directory' },
        { name: '/etc/abs', content: 'a' },
        { name: './x/../rel', content: 'r' }
      ])
    )
    expect(names(out).sort()).toEqual(['./', './etc/', './etc/abs', './rel'])
  })

  test('nothing is written below a symlink (a layer cannot write through one)', async () => {
    const out = await flat(
      await s.layers([
        { name: 'lib', type: 'symlink', linkname: '/' },
        { name: 'lib/evil', content: 'x' }
      ])
    )
    expect(names(out)).toEqual(['./', './lib'])
  })

  test('same layers give byte-identical gzip output; sourceDateEpoch clamps mtimes', async () => {
    const big = Buffer.alloc(3 << 20)
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251 < 40 ? i & 0xff : 65
    const layers = await s.layers(
      [{ name: 'etc/' }, { name: 'etc/big', content: big, mtime: 2_000_000_000 }],
      [{ name: 'etc/small', content: 's', mtime: 100 }]
    )
    await flatten({ layers, output: s.path('a.tar.gz'), compression: 'gzip', sourceDateEpoch: 1_000_000_000 })
    await flatten({ layers, output: s.path('b.tar.gz'), compression: 'gzip', sourceDateEpoch: 1_000_000_000 })
    const a = readFileSync(s.path('a.tar.gz'))
    expect(a.equals(readFileSync(s.path('b.tar.gz')))).toBe(true)
    const out = await readTar(gunzipSync(a))
    expect(byName(out, './etc/big')?.mtime).toBe(1_000_000_000)
    expect(byName(out, './etc/small')?.mtime).toBe(100)
    expect(byName(out, './etc/big')!.data.equals(big)).toBe(true)
  })
})

test('an uncompressed archive keeps every byte while several writes are in flight', async () => {
  // Files bigger than the 1 MiB write buffer and not aligned to it, between small ones: a
  // buffer reused before its write finished would show up as another file's bytes.
  const fill = (n: number, seed: number): Buffer => {
    const b = Buffer.allocUnsafe(n)
    let x = seed
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff
      b[i] = x >> 16
    }
    return b
  }
  const files = [
    { name: 'd/a', content: fill((5 << 20) + 333, 1) },
    { name: 'd/s1', content: fill(100, 2) },
    { name: 'd/b', content: fill((3 << 20) - 17, 3) },
    { name: 'd/c', content: fill(70_000, 4) },
    { name: 'd/e', content: fill((2 << 20) + 1, 5) }
  ]
  const layers = await s.layers([{ name: 'd/' }, ...files])
  const out = s.path('big.tar')
  const r = await flatten({ layers, output: out, compression: 'none' })
  const bytes = readFileSync(out)
  expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
  const got = await readTar(bytes)
  for (const f of files) expect(byName(got, `./${f.name}`)!.data.equals(f.content)).toBe(true)
})

test('a buffer handed to an overlapping sink is not touched until its write resolves', async () => {
  const calls: Array<{ at: Buffer; chunk: Buffer }> = []
  const settled: Buffer[] = []
  const sink: ByteSink = {
    overlapping: true,
    write: (chunk) => {
      const call = { at: Buffer.from(chunk), chunk }
      calls.push(call)
      // Slow: the writer fills more buffers meanwhile.
      return new Promise((resolve) =>
        setTimeout(() => {
          expect(call.chunk.equals(call.at)).toBe(true)
          settled.push(call.at)
          resolve()
        }, 5)
      )
    },
    end: async () => undefined,
    abort: async () => undefined
  }
  const w = new TarWriter(sink)
  const data = Buffer.allocUnsafe(7 << 20)
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 20)) & 0xff
  for (let off = 0; off < data.length; off += 300_000) await w.push(data.subarray(off, off + 300_000))
  await w.finish()
  expect(calls.length).toBeGreaterThan(4)
  expect(Buffer.concat(settled).subarray(0, data.length).equals(data)).toBe(true)
})

// Names below are binary strings, one char per byte (see flatten-fixtures.ts): 'caf\xe9' is
// Latin-1, 'caf\xc3\xa9' the UTF-8 'café'. Decoded as UTF-8, 'caf\xe9' and 'caf\xe8' would
// both be 'caf\ufffd'.
describe('names are bytes', () => {
  const flatTo = async (layers: LayerSource[]): Promise<string> => {
    const out = s.path(`out-${Math.random()}.tar`)
    await flatten({ layers, output: out, compression: 'none' })
    return out
  }

  const TREE: TreeEntry[] = [
    { path: 'caf\xe9', content: 'latin-1' },
    { path: 'caf\xe8', content: 'other latin-1' },
    { path: 'caf\xc3\xa9', content: 'utf-8' },
    { path: 'd\xff/' },
    { path: 'd\xff/x', content: 'in a dir' },
    { path: 'ln\xe9', symlink: 'caf\xe9' },
    { path: 'hard\xe9', hardlink: 'caf\xe9' }
  ]
  const EXTRACTED = {
    'caf\xe9': 'latin-1',
    'caf\xe8': 'other latin-1',
    'caf\xc3\xa9': 'utf-8',
    'd\xff/': 'dir',
    'd\xff/x': 'in a dir',
    'ln\xe9': '-> caf\xe9',
    'hard\xe9': 'latin-1'
  }

  test.each(['posix', 'gnu'] as const)(
    'names that are not UTF-8 come out byte for byte, as GNU tar reads them back (%s layer)',
    async (format) => {
      const out = await flatTo([gnuTarLayer(s, TREE, format)])
      expect(gnuTarExtract(s, out)).toEqual(EXTRACTED)
      expect(gnuTarList(out).sort()).toEqual(
        [
          './',
          './caf\xc3\xa9',
          './caf\xe8',
          './caf\xe9',
          './d\xff/',
          './d\xff/x',
          './hard\xe9',
          './ln\xe9'
        ].sort()
      )
    }
  )

  test('a long name or link target that is not UTF-8 goes in a GNU long-name member, read back silently', async () => {
    const dir = `${'\xe9'.repeat(70)}/`
    const file = `${dir}${'n\xff'.repeat(60)}`
    const target = `/${'t\xe9'.repeat(80)}`
    const utf8Long = `${'\xc3\xa9'.repeat(60)}/${'u'.repeat(120)}`
    const tree: TreeEntry[] = [
      { path: dir },
      { path: file, content: 'long' },
      { path: 'lnk', symlink: target },
      { path: `${'\xc3\xa9'.repeat(60)}/` },
      { path: utf8Long, content: 'long utf-8' }
    ]
    for (const format of ['posix', 'gnu'] as const) {
      const out = await flatTo([gnuTarLayer(s, tree, format)])
      expect(gnuTarExtract(s, out)).toEqual({
        [dir]: 'dir',
        [file]: 'long',
        lnk: `-> ${target}`,
        [`${'\xc3\xa9'.repeat(60)}/`]: 'dir',
        [utf8Long]: 'long utf-8'
      })
      // Two: the long file name and the long link target; the long UTF-8 name is a PAX path.
      const bytes = readFileSync(out).toString('latin1')
      expect(bytes.split('././@LongLink').length - 1).toBe(2)
      expect(bytes).toContain(` path=./${utf8Long}\n`)
    }
  })

  test('whiteouts, opaque directories and hardlinks match names by their bytes', async () => {
    const lower = gnuTarLayer(s, [
      { path: 'caf\xe9', content: 'e9' },
      { path: 'caf\xe8', content: 'e8' },
      { path: 'o\xe9/' },
      { path: 'o\xe9/old', content: 'old' },
      { path: 'o\xe8/' },
      { path: 'o\xe8/kept', content: 'kept' },
      { path: 't\xe9', content: 'target e9' },
      { path: 't\xe8', content: 'target e8' }
    ])
    const upper = gnuTarLayer(s, [
      { path: '.wh.caf\xe9' },
      { path: 'o\xe9/' },
      { path: 'o\xe9/.wh..wh..opq' },
      { path: 'o\xe9/new', content: 'new' },
      { path: 'up/' }
    ])
    // A hardlink to a file of the lower layer: tar-stream cannot write these bytes, GNU tar
    // cannot write a link to a file it does not archive; so the member is patched in by hand.
    const top = gnuTarLayer(s, [{ path: 'l', content: '' }])
    const patched = readFileSync(top.path)
    const at = patched.indexOf(Buffer.from('./l\0'))
    const raw = Buffer.from(patched.subarray(at, at + 512))
    raw.write('1', 156, 'latin1')
    raw.write('t\xe9\0', 157, 'latin1')
    raw.write('00000000000\0', 124, 'latin1')
    raw.fill(0x20, 148, 156)
    let sum = 0
    for (const b of raw) sum += b
    raw.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
    raw.copy(patched, at)
    const links = s.file(patched)
    const out = await flatTo([lower, upper, { path: links, offset: 0, length: patched.length }])
    expect(gnuTarExtract(s, out)).toEqual({
      'caf\xe8': 'e8',
      'o\xe9/': 'dir',
      'o\xe9/new': 'new',
      'o\xe8/': 'dir',
      'o\xe8/kept': 'kept',
      't\xe9': 'target e9',
      't\xe8': 'target e8',
      'up/': 'dir',
      l: 'target e9'
    })
  })
})

test('messages show a UTF-8 name as text, other bytes and control characters as \\xNN', () => {
  expect(printable('caf\xc3\xa9')).toBe('café')
  expect(printable('caf\xe9')).toBe('caf\\xe9')
  expect(printable('caf\xc3\xa9\n\x1b[2J')).toBe('café\\x0a\\x1b[2J')
})

describe('the root', () => {
  test.each([
    ['a symlink', { name: './', type: 'symlink', linkname: '/etc' }, /is a symlink to "\/etc"/],
    ['a regular file', { name: '.', content: 'x' }, /is a regular file/],
    ['a hardlink', { name: '', type: 'link', linkname: 'a' }, /is a hardlink/]
  ] as const)(
    'a layer whose root member is %s is refused, naming the layer; nothing is written',
    async (_what, root, why) => {
      const layers = await s.layers(
        [{ name: 'a', content: 'a' }],
        [{ ...root }, { name: 'etc/' }, { name: 'etc/passwd', content: 'root::0:0::/:/bin/sh' }]
      )
      const out = s.path('out.tar')
      const run = flatten({ layers, output: out, compression: 'none' })
      await expect(run).rejects.toThrow(FlattenError)
      await expect(run).rejects.toThrow(
        /^layer 1 \(.*\): the root member ".*" is .*; the root must be a directory$/
      )
      await expect(run).rejects.toThrow(why)
      expect(existsSync(out)).toBe(false)
    }
  )

  test("root members that are directories set the root's metadata, the highest layer winning", async () => {
    const out = await flat(
      await s.layers(
        [
          { name: './', mode: 0o700 },
          { name: 'a', content: 'a' }
        ],
        [{ name: '.', type: 'directory', mode: 0o751, uid: 3 }]
      )
    )
    expect(out[0]).toMatchObject({ name: './', type: 'directory', mode: 0o751, uid: 3 })
    expect(names(out)).toEqual(['./', './a'])
  })

  test('kiln flatten refuses such an image with exit status 2 and one line naming the input and layer', async () => {
    const save = await tarBuffer([
      { name: 'l0/layer.tar', content: await tarBuffer([{ name: 'etc/' }]) },
      { name: 'l1/layer.tar', content: await tarBuffer([{ name: './', type: 'symlink', linkname: '/' }]) },
      { name: 'manifest.json', content: JSON.stringify([{ Layers: ['l0/layer.tar', 'l1/layer.tar'] }]) }
    ])
    const input = s.file(save, 'save.tar')
    const out = s.path('rootfs.tar.gz')
    let stderr = ''
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
      stderr += String(c)
      return true
    })
    try {
      expect(await main(['node', 'kiln', 'flatten', '-i', input, '-o', out])).toBe(2)
    } finally {
      spy.mockRestore()
    }
    expect(stderr.split('\n')[0]).toBe(
      `error: ${input}: /: layer 1 (${input}@${save.indexOf(Buffer.from('l1/layer.tar\0')) + 512}): the root member "./" is a symlink to "/"; the root must be a directory`
    )
    expect(existsSync(out)).toBe(false)
  })
})
