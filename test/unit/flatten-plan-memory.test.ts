// The index's and planner's memory per member (issue #17: a million files took 670 MB, then
// 420-560 MB) and the cases whose lookups go through the path table: duplicates within a layer,
// hardlinks to a replaced member, non-directories hiding a lower subtree, whiteouts and opaque
// directories named in bytes that are not UTF-8.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { planLayers } from '../../src/exporters/flatten.js'
import { MemberIndex } from '../../src/exporters/member-index.js'
import { LinkTargets, planFlatten, type LayerIndex } from '../../src/exporters/plan.js'
import { Scratch } from './flatten-fixtures.js'
import { rawHeader, rawMember, type RawMember } from './raw-tar.js'

/** A member whose name is raw bytes (the ustar name field, checksum recomputed). */
function bytesMember(name: Buffer, m: Omit<RawMember, 'name'>): Buffer {
  const whole = rawMember({ ...m, name: 'x' })
  const h = rawHeader({ ...m, name: 'x' })
  h.fill(0, 0, 100)
  name.copy(h, 0)
  h.fill(0x20, 148, 156)
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1')
  h.copy(whole, 0)
  return whole
}
const tar = (...members: Buffer[]): Buffer => Buffer.concat([...members, Buffer.alloc(1024)])
const m = (x: RawMember): Buffer => rawMember(x)
const bin = (b: Buffer): string => b.toString('latin1')

let s: Scratch
beforeEach(() => (s = new Scratch()))
afterEach(() => s.cleanup())

async function plan(...layers: Buffer[]): ReturnType<typeof planLayers> {
  return planLayers(layers.map((b) => ({ path: s.file(b), offset: 0, length: b.length })))
}

test('a later member of the same path replaces the earlier one; a hardlink to the earlier keeps its content', async () => {
  const p = await plan(
    tar(
      m({ name: 'a', typeflag: '0', data: 'old' }),
      m({ name: 'l', typeflag: '1', linkname: 'a' }),
      m({ name: 'a', typeflag: '0', data: 'new!' })
    )
  )
  expect([...p.entries()].map((e) => [e.path, e.kind])).toEqual([
    ['l', 'materialize'],
    ['a', 'copy']
  ])
  expect(p.memberInLayer(0, 'a')!.size).toBe(4)
  expect(p.get('a')!.src.size).toBe(4)
  expect(p.get('l')!.data!.size).toBe(3)
})

test('a non-directory of a higher layer hides the lower subtree; in its own layer the children are dropped', async () => {
  const p = await plan(
    tar(m({ name: 'd/', typeflag: '5' }), m({ name: 'd/x', typeflag: '0', data: 'x' })),
    tar(
      m({ name: 'd', typeflag: '2', linkname: '/tmp' }),
      m({ name: 'f', typeflag: '0', data: 'f' }),
      m({ name: 'f/y', typeflag: '0', data: 'y' })
    )
  )
  expect([...p.visible()].map((e) => e.path).sort()).toEqual(['d', 'f'])
  expect(p.dropped).toEqual(['f/y'])
  expect(p.get('d')!.src.type).toBe('symlink')
})

test('a directory kept from a higher layer but dropped below a lower file stays out of the output', async () => {
  const p = await plan(
    tar(m({ name: 'a', typeflag: '0', data: 'a' }), m({ name: 'a/b/', typeflag: '5' })),
    tar(m({ name: 'a/b/', typeflag: '5' }), m({ name: 'c/', typeflag: '5' })),
    tar(m({ name: 'c/', typeflag: '5' }))
  )
  expect(p.dropped).toEqual(['a/b'])
  // c comes out where its lowest layer has it (layer 1), a in layer 0 before it.
  expect([...p.entries()].map((e) => [e.path, e.src.layer])).toEqual([
    ['a', 0],
    ['c', 2]
  ])
  expect(p.size).toBe(2)
})

test('whiteouts and opaque directories named in non-UTF-8 bytes, and a directory replacing a file', async () => {
  const dir = Buffer.from([0x64, 0xff, 0x2f]) // "d\xff/"
  const p = await plan(
    tar(
      bytesMember(dir, { typeflag: '5' }),
      bytesMember(Buffer.concat([dir, Buffer.from([0xfe])]), { typeflag: '0', data: 'gone' }),
      bytesMember(Buffer.concat([dir, Buffer.from('kept')]), { typeflag: '0', data: 'k' }),
      m({ name: 'o/', typeflag: '5' }),
      m({ name: 'o/old', typeflag: '0', data: 'o' }),
      m({ name: 't', typeflag: '0', data: 't' })
    ),
    tar(
      bytesMember(Buffer.concat([dir, Buffer.from('.wh.'), Buffer.from([0xfe])]), { typeflag: '0' }),
      m({ name: 'o/', typeflag: '5' }),
      m({ name: 'o/.wh..wh..opq', typeflag: '0' }),
      m({ name: 'o/new', typeflag: '0', data: 'n' }),
      m({ name: 't/', typeflag: '5' }),
      m({ name: 't/in', typeflag: '0', data: 'i' })
    )
  )
  const d = bin(Buffer.from([0x64, 0xff]))
  expect([...p.visible()].map((e) => e.path).sort()).toEqual(
    [d, `${d}/kept`, 'o', 'o/new', 't', 't/in'].sort()
  )
  expect(p.get('t')!.src.type).toBe('dir')
  expect(p.dropped).toEqual([])
})

test('the index and the plan keep ~100 bytes a member in typed arrays and nothing per member on the JS heap', () => {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const N = 250_000
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  const index = new MemberIndex()
  const add = (path: string, type: 'dir' | 'file', seq: number): void => {
    index.add(index.paths.intern(path), {
      type,
      mode: type === 'dir' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size: type === 'dir' ? 0 : 3,
      mtime: 1_700_000_000,
      linkname: '',
      devmajor: 0,
      devminor: 0,
      dataOffset: seq * 1024
    })
  }
  index.beginLayer()
  add('', 'dir', 0)
  add('opt', 'dir', 1)
  index.beginLayer()
  for (let i = 0, seq = 0; i < N; i++) {
    if (i % 500 === 0) add(`opt/dir-${i / 500}`, 'dir', seq++)
    add(`opt/dir-${Math.floor(i / 500)}/some-longer-file-name-${i}.txt`, 'file', seq++)
  }
  const source = { path: '/nonexistent', offset: 0, length: 0 }
  const layers: LayerIndex[] = [
    { source, whiteouts: [], opaques: [] },
    { source, whiteouts: [], opaques: [] }
  ]
  const p = planFlatten(index, new LinkTargets(), layers)
  gc()
  // (Typed arrays' memory is counted apart: V8 frees it asynchronously after a GC, so a
  // before/after of arrayBuffers would measure the garbage of their growth.)
  const heapPerMember = (process.memoryUsage().heapUsed - heapBefore) / p.size
  const arraysPerMember = (index.byteLength + p.size * 4) / p.size
  expect(p.size).toBe(N + N / 500 + 2)
  expect(p.get('opt/dir-7/some-longer-file-name-3600.txt')!.src.dataOffset).toBe((3600 + 8) * 1024)
  if (process.env.KILN_TEST_VERBOSE)
    console.log(`heap: ${heapPerMember.toFixed(1)}, arrays: ${arraysPerMember.toFixed(1)} bytes a member`)
  // As one JS object per member with its path string, the index and plan took ~350 bytes a
  // member, all of it on the heap. Now the heap holds nothing per member...
  expect(heapPerMember).toBeLessThan(4)
  // ...and the arrays ~70 (names ~32, fields ~21, path table ~8, the plan's ~4), capacity
  // included (at this count the arrays are nearly full; pages never written are not resident).
  expect(arraysPerMember).toBeLessThan(110)
})

test('many hardlinks to files of a lower layer are resolved in one pass, not one scan of the layer each', async () => {
  // A hostile pair of layers: 30k files, then 30k hardlinks naming the first of them (legal:
  // extraction onto a filesystem links to the file below). Looked up by scanning the lower
  // layer once per link, that took 30k × 30k member checks; a layer is content from outside.
  // Timed against the same layers with plain files in place of the links, so a loaded machine
  // slows both alike.
  const n = 30_000
  const lower: Buffer[] = []
  const links: Buffer[] = []
  const plain: Buffer[] = []
  for (let i = 0; i < n; i++) {
    lower.push(m({ name: `f${i}`, typeflag: '0', data: '' }))
    links.push(m({ name: `l${i}`, typeflag: '1', linkname: 'f0' }))
    plain.push(m({ name: `l${i}`, typeflag: '0', data: '' }))
  }
  const timed = async (top: Buffer[]): Promise<[Awaited<ReturnType<typeof plan>>, number]> => {
    const t0 = process.hrtime.bigint()
    const p = await plan(tar(...lower), tar(...top))
    return [p, Number(process.hrtime.bigint() - t0) / 1e9]
  }
  const [, plainSeconds] = await timed(plain)
  const [p, linkSeconds] = await timed(links)
  expect(p.get(`l${n - 1}`)).toMatchObject({ kind: 'link', linkTo: 'f0' })
  expect(p.get('l0')).toMatchObject({ kind: 'link', linkTo: 'f0' })
  // Measured under load: 0.6× the plain layers' time (they run first, JIT warm-up included); one scan per link: 6.6×.
  expect(linkSeconds / plainSeconds).toBeLessThan(3)
})
