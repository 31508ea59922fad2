import { appendFile, chmod, readFile, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { loadCatalog } from '../../src/model/load.js'
import { makePlan, type PlanOptions } from '../../src/plan/index.js'
import { copyFixture, fixturesDir, removeTree, writeTree } from '../fixtures/catalog/tree.js'

const chain = path.join(fixturesDir, 'catalog/chain')
const dirs: string[] = []
afterAll(async () => Promise.all(dirs.map(removeTree)))

async function fresh(): Promise<string> {
  const dir = await copyFixture(chain)
  dirs.push(dir)
  return dir
}

async function keys(dir: string, opts?: PlanOptions): Promise<Record<string, string>> {
  const plan = await makePlan(await loadCatalog(path.join(dir, 'IMAGES.json')), {}, opts)
  return Object.fromEntries(plan.images.map((i) => [i.spec.name, i.key]))
}

/** Names whose key differs between two runs. */
function changed(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys(a).filter((n) => a[n] !== b[n])
}

let reference: Record<string, string>
beforeAll(async () => {
  reference = await keys(await fresh())
})

test('the same tree elsewhere, with other file times, gives the same keys', async () => {
  const dir = await fresh()
  const old = new Date('2001-02-03T04:05:06Z')
  for (const f of ['base-b/motd', 'base-b/Dockerfile', 'packer/scripts/setup.sh', 'rootfs/base.tar'])
    await utimes(path.join(dir, f), old, old)
  expect(await keys(dir)).toEqual(reference)
  expect(Object.keys(reference)).toHaveLength(6)
  for (const k of Object.values(reference)) expect(k).toMatch(/^[0-9a-f]{64}$/)
})

const edits: Array<[string, (dir: string) => Promise<void>, string[]]> = [
  [
    'one byte of a context file: that image and its descendants',
    (d) => appendFile(path.join(d, 'base-b/motd'), '!'),
    ['base-b', 'plan-p1', 'tools']
  ],
  [
    'a file .dockerignore excludes: nothing',
    (d) => appendFile(path.join(d, 'base-b/build-output.txt'), '!'),
    []
  ],
  [
    'the root tarball of the first base: everything built on it',
    (d) => appendFile(path.join(d, 'rootfs/base.tar'), '!'),
    ['base-a', 'base-b', 'plan-p1', 'tools', 'packed']
  ],
  [
    'a script the Packer template runs',
    (d) => appendFile(path.join(d, 'packer/scripts/setup.sh'), '#'),
    ['packed']
  ],
  [
    'the executable bit of that script',
    (d) => chmod(path.join(d, 'packer/scripts/setup.sh'), 0o644),
    ['packed']
  ],
  ['other mode bits (umask): nothing', (d) => chmod(path.join(d, 'packer/scripts/setup.sh'), 0o775), []],
  ['a file an ACI step runs', (d) => appendFile(path.join(d, 'aci/setup.sh'), '#'), ['busybox-aci']],
  ['a pack file', (d) => writeFile(path.join(d, 'packs/ipmi/etc/new.conf'), 'x'), ['tools']],
  [
    'JSON key order, whitespace and list order of the catalog: nothing',
    async (d) => {
      const doc = JSON.parse(await readFile(path.join(d, 'IMAGES.json'), 'utf8')) as {
        images: Array<Record<string, unknown>>
      }
      doc.images.reverse()
      doc.images = doc.images.map((i) => Object.fromEntries(Object.entries(i).reverse()))
      await writeFile(path.join(d, 'IMAGES.json'), JSON.stringify(doc, null, 4))
    },
    []
  ],
  [
    'exports and the boot check: nothing (they act after the build)',
    async (d) => {
      const f = path.join(d, 'IMAGES.json')
      const text = await readFile(f, 'utf8')
      await writeFile(f, text.replace('"exports": ["aci"]', '"exports": ["aci", "oci"], "verify": false'))
    },
    []
  ],
  [
    'a spec field (an arg): that image and its descendants',
    async (d) => {
      const f = path.join(d, 'IMAGES.json')
      await writeFile(
        f,
        (await readFile(f, 'utf8')).replace(
          '"working_dir": "base-b"',
          '"working_dir": "base-b", "args": { "X": "1" }'
        )
      )
    },
    ['base-b', 'plan-p1', 'tools']
  ]
]
test.each(edits)('%s', async (_name, edit, want) => {
  const dir = await fresh()
  await edit(dir)
  expect(changed(reference, await keys(dir)).sort()).toEqual([...want].sort())
})

test('a tool version given for one builder changes its images and their descendants only', async () => {
  const dir = await fresh()
  expect(changed(reference, await keys(dir, { toolVersions: { packer: '1.6.6' } }))).toEqual(['packed'])
  expect(changed(reference, await keys(dir, { toolVersions: { dockerfile: '20.10' } })).sort()).toEqual(
    ['base-b', 'plan-p1', 'tools'].sort()
  )
})

test('.dockerignore exceptions (!) bring files back into the context', async () => {
  const files = {
    'IMAGES.json': { version: 1, images: [{ name: 'app', builder: 'dockerfile', file: 'Dockerfile' }] },
    Dockerfile: 'FROM debian:12\n',
    '.dockerignore': '# logs stay out\n**/*.log\n!keep.log\nbuild\n',
    'keep.log': 'a',
    'other.log': 'a',
    'sub/deep.log': 'a',
    'build/out.bin': 'a',
    'src/main.c': 'a'
  }
  const dir = await writeTree(files)
  dirs.push(dir)
  const before = await keys(dir)
  const after = async (rel: string): Promise<boolean> => {
    await appendFile(path.join(dir, rel), 'b')
    const now = await keys(dir)
    const differs = now.app !== before.app
    Object.assign(before, now)
    return differs
  }
  expect(await after('other.log')).toBe(false)
  expect(await after('sub/deep.log')).toBe(false)
  expect(await after('build/out.bin')).toBe(false)
  expect(await after('keep.log')).toBe(true)
  expect(await after('src/main.c')).toBe(true)
  expect(await after('.dockerignore')).toBe(true)
})

test.each([[''], ['*.log\n!keep.log\n']])(
  "the checkout's .git never counts in a context (.dockerignore %j)",
  async (ignore) => {
    const dir = await writeTree({
      'IMAGES.json': { version: 1, images: [{ name: 'app', builder: 'dockerfile', file: 'Dockerfile' }] },
      Dockerfile: 'FROM debian:12\nCOPY . /src\n',
      '.dockerignore': ignore,
      '.git/HEAD': 'ref: refs/heads/main\n'
    })
    dirs.push(dir)
    const before = await keys(dir)
    await writeFile(path.join(dir, '.git/ORIG_HEAD'), 'abc\n')
    expect(await keys(dir)).toEqual(before)
  }
)

test('--explain inputs name every file read, with digests', async () => {
  const plan = await makePlan(await loadCatalog(path.join(chain, 'IMAGES.json')))
  const inputs = (name: string) =>
    plan.images.find((i) => i.spec.name === name)?.inputs.map((i) => `${i.kind} ${i.name}`)
  expect(inputs('base-b')).toEqual([
    'builder dockerfile@2',
    'spec base-b',
    'file base-b/Dockerfile',
    'dockerignore base-b/.dockerignore',
    'context base-b',
    'dep base-a'
  ])
  expect(inputs('packed')).toEqual([
    'builder packer@2',
    'spec packed',
    'file packer/tools.json',
    'packer-ref packer/scripts/setup.sh (executable)',
    'base base-a'
  ])
  expect(inputs('tools')).toEqual(['builder overlay@1', 'spec tools', 'pack-tree packs/ipmi', 'base base-b'])
  for (const i of plan.images.flatMap((p) => p.inputs)) expect(i.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
})
