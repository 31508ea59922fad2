import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { flatten } from '../../src/exporters/flatten.js'
import { FileReader } from '../../src/exporters/file-reader.js'
import { FlattenError } from '../../src/exporters/plan.js'
import { encodeHeader, END_OF_ARCHIVE, paddingFor, readHeaders } from '../../src/exporters/tar.js'
import type { LayerSource } from '../../src/exporters/inputs.js'
import { readTar, Scratch, type ReadMember } from './flatten-fixtures.js'

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
