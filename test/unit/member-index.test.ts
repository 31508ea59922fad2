// The struct-of-arrays index behind the flattener (issue #17): the path table must give every
// distinct byte name its own node and find it again after the table and arenas have grown, and
// members must read back exactly the fields they were given, rare ones included.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { hashName, MemberIndex, PathTable, type MemberFields } from '../../src/exporters/member-index.js'
import { binaryName } from '../../src/exporters/tar.js'

const bin = (bytes: number[]): string => Buffer.from(bytes).toString('latin1')
/** An empty regular file's fields, for cases to change one or two of. */
const base: MemberFields = {
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  size: 0,
  mtime: 0,
  linkname: '',
  devmajor: 0,
  devminor: 0,
  dataOffset: 0
}

test('paths intern to one node each and read back byte for byte, across growth', () => {
  const t = new PathTable()
  expect(t.intern('')).toBe(0)
  expect(t.pathOf(0)).toBe('')
  const paths: string[] = []
  // 100k paths in 200 directories, visited out of order so the last-directory shortcut misses too.
  for (let i = 0; i < 100_000; i++) paths.push(`d-${(i * 7919) % 200}/f-${i}`)
  // Names that differ in one byte, bytes >= 0x80 (Latin-1 and UTF-8 spellings of one word),
  // a 10 000-byte and a 2 MiB component, the same basename under different parents, a name that is a
  // prefix of another.
  const odd = [
    bin([0x63, 0x61, 0x66, 0xe9]), // caf\xe9
    binaryName('café'), // caf\xc3\xa9
    bin([0xff, 0xfe, 0x2f, 0x80]), // \xff\xfe/\x80
    'x'.repeat(10_000),
    'w'.repeat(2 << 20), // longer than an arena page
    'after-the-long-one',
    `a/${'y'.repeat(5000)}/z`,
    'same/name',
    'other/name',
    'same/nam',
    'same/namee'
  ]
  const ids = new Map<string, number>()
  for (const p of [...paths, ...odd]) ids.set(p, t.intern(p))
  expect(new Set(ids.values()).size).toBe(ids.size)
  // Checked in a loop, not with 300k expect() calls (slow under jest).
  const wrong = [...ids].filter(([p, id]) => t.lookup(p) !== id || t.intern(p) !== id || t.pathOf(id) !== p)
  expect(wrong).toEqual([])
  // Ancestors have nodes; what was never added has none.
  expect(t.lookup('d-3')).toBeGreaterThan(0)
  const f = ids.get('d-157/f-3')! // 3 × 7919 % 200 = 157
  expect(t.parentOf(f)).toBe(t.lookup('d-157'))
  expect(t.isBelow(f, t.lookup('d-157'))).toBe(true)
  expect(t.isBelow(f, 0)).toBe(true)
  expect(t.isBelow(f, t.lookup('d-3'))).toBe(false)
  expect(t.lookup('d-157/f-4')).toBe(-1)
  expect(t.lookup('d-1000')).toBe(-1)
  expect(t.lookup('same/na')).toBe(-1)
  // A char above 0xff (a UTF-16 string given by mistake) is not its low byte: '€' is 0x20ac.
  t.intern(bin([0x63, 0xac]))
  expect(t.lookup('c\u20ac')).toBe(-1)
  expect(t.lookup(bin([0x63, 0xac]))).toBeGreaterThan(0)
  expect(t.lookup(binaryName('café'))).toBe(ids.get(binaryName('café')))
  // The root, 200 directories, 100k files, the odd ones' 16 nodes (one per component, same/
  // once) and c\xac: no node made twice.
  expect(t.count).toBe(1 + 200 + 100_000 + 16 + 1)
})

test('members read back every field, wide values and rare fields included, by layer', () => {
  const ix = new MemberIndex()
  const cases: Array<[string, MemberFields]> = [
    ['', { ...base, type: 'dir', mode: 0o755 }],
    ['big', { ...base, size: 2 ** 40 + 3, dataOffset: 2 ** 35 + 512, uid: 2 ** 32 + 5, gid: 0xffffffff }],
    ['odd-time', { ...base, mtime: -1 }],
    ['nan-time', { ...base, mtime: NaN, uid: 4_000_000_000 }],
    [
      'link',
      { ...base, type: 'symlink', mode: 0o777, linkname: `../${bin([0xe9, 0x2f, 0xff])}/${'l'.repeat(5000)}` }
    ],
    ['dev', { ...base, type: 'char', mode: 0o7777, devmajor: 1, devminor: 3 }],
    ['cap', { ...base, xattrs: { 'security.capability': Buffer.from([1, 0, 0, 2]) } }]
  ]
  ix.beginLayer()
  const ids = cases.map(([p, f]) => ix.add(ix.paths.intern(p), f))
  ix.beginLayer()
  const again = ix.add(ix.paths.intern('big'), { ...base, type: 'link', linkname: 'big' })
  for (const [k, [p, f]] of cases.entries()) {
    const m = ids[k]
    expect(ix.fields(m)).toEqual({ ...f, xattrs: f.xattrs })
    expect(ix.paths.pathOf(ix.node(m))).toBe(p)
    expect(ix.layerOf(m)).toBe(0)
    expect(ix.seqOf(m)).toBe(k)
  }
  expect(ix.layerOf(again)).toBe(1)
  expect(ix.seqOf(again)).toBe(0)
  expect(ix.linkname(again)).toBe('big')
  // In the second layer, 'big' has only its own member.
  expect(ix.inLayer(ix.paths.lookup('big'))).toBe(again)
  expect(ix.inLayer(ix.paths.lookup('dev'))).toBe(-1)
  ix.replace(ids[1])
  expect(ix.replaced(ids[1])).toBe(true)
  expect(ix.type(ids[1])).toBe('file')
  expect(ix.replaced(ids[2])).toBe(false)
  // A member added after the layers (ensureRoot's root) belongs to none.
  ix.seal()
  const root = ix.add(0, { ...base, type: 'dir' })
  expect(ix.layerOf(root)).toBe(-1)
  expect(ix.seqOf(root)).toBe(-1)
  expect(ix.layerStart(2)).toBe(root)
})

test('owners: past 65 536 distinct (uid, gid) pairs the owner column widens, every pair kept', () => {
  const ix = new MemberIndex()
  ix.beginLayer()
  const node = ix.paths.intern('f')
  const N = 70_000
  for (let i = 0; i < N; i++) {
    ix.add(node, { ...base, uid: 1000 + i, gid: i % 3 })
  }
  const wrong: number[] = []
  for (let m = 0; m < N; m++) {
    const f = ix.fields(m)
    if (f.uid !== 1000 + m || f.gid !== m % 3) wrong.push(m)
  }
  expect(wrong).toEqual([])
})

test('the path hash is seeded per process: names chosen to collide in one run do not in the next', () => {
  // A layer's names are the attacker's: with a fixed hash, names found to share one probe chain
  // would share it in every run, and indexing them would take quadratic time.
  const probe = `import { hashName } from ${JSON.stringify(join(process.cwd(), 'src/exporters/member-index.ts'))}
    console.log(hashName(7, 'etc'), hashName(7, 'usr'))`
  const run = (): string =>
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
      encoding: 'utf8'
    })
  const [a, b] = [run(), run()]
  expect(a).toMatch(/^\d+ \d+\n$/)
  expect(a).not.toBe(b)
  // Within one process the hash is a function: the table depends on finding a name again.
  expect(hashName(7, 'etc')).toBe(hashName(7, 'etc'))
  expect(hashName(7, 'etc')).not.toBe(hashName(8, 'etc'))
})
