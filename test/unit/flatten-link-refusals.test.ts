// Hardlinks the planner refuses, with the exact texts it has always given (the struct-of-arrays
// index of issue #17 resolves links by member number; the messages must not change).
import { planLayers } from '../../src/exporters/flatten.js'
import { Scratch } from './flatten-fixtures.js'
import { rawMember, type RawMember } from './raw-tar.js'

const tar = (...members: RawMember[]): Buffer =>
  Buffer.concat([...members.map((x) => rawMember(x)), Buffer.alloc(1024)])

let s: Scratch
beforeEach(() => (s = new Scratch()))
afterEach(() => s.cleanup())

test('a hardlink to a directory of its own layer is refused, naming layer, link and target type', async () => {
  const layer = tar({ name: 'd/', typeflag: '5' }, { name: 'l', typeflag: '1', linkname: 'd' })
  const path = s.file(layer)
  await expect(planLayers([{ path, offset: 0, length: layer.length }])).rejects.toThrow(
    `layer 0 (${path}): hardlink "l" names "d", which is a dir`
  )
})

test('a hardlink to a path no lower layer holds as a file is refused', async () => {
  const lower = tar(
    { name: 'other', typeflag: '0', data: 'x' },
    { name: 'sym', typeflag: '2', linkname: 'other' }
  )
  const upper = tar(
    { name: 'l', typeflag: '1', linkname: 'gone' },
    { name: 'm', typeflag: '1', linkname: 'sym' }
  )
  const a = s.file(lower)
  const b = s.file(upper)
  const layers = [
    { path: a, offset: 0, length: lower.length },
    { path: b, offset: 0, length: upper.length }
  ]
  await expect(planLayers(layers)).rejects.toThrow(
    `layer 1 (${b}): hardlink "l" names "gone", which no layer holds`
  )
  // A link to a lower symlink is refused too (a hardlink names a regular file).
  const upper2 = tar({ name: 'm', typeflag: '1', linkname: 'sym' })
  const c = s.file(upper2)
  await expect(planLayers([layers[0], { path: c, offset: 0, length: upper2.length }])).rejects.toThrow(
    `layer 1 (${c}): hardlink "m" names "sym", which no layer holds`
  )
})

test('a hardlink to a lower file that a higher layer replaced carries the lower content', async () => {
  const lower = tar({ name: 'f', typeflag: '0', data: 'old' })
  const upper = tar({ name: 'l', typeflag: '1', linkname: 'f' }, { name: 'f', typeflag: '0', data: 'new!' })
  const layers = [lower, upper].map((b) => ({ path: s.file(b), offset: 0, length: b.length }))
  const p = await planLayers(layers)
  const l = [...p.entries()].find((e) => e.path === 'l')!
  expect([l.kind, l.data?.size]).toEqual(['materialize', 3])
})
