// Commands that take an image of the store by name: export and compare read it as STORE:NAME.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { manifestOf } from '../../src/adapters/cli/commands/compare.js'
import { main } from '../../src/adapters/cli/main.js'
import { compareManifests } from '../../src/exporters/compare.js'
import { openStore } from '../../src/store/index.js'
import { SilentReporter } from '../../src/util/log.js'
import { Readable } from 'node:stream'
import * as tarStream from 'tar-stream'
import type { Store } from '../../src/store/types.js'
import { input, planned, putImage } from './cache-helpers.js'

/** A layer holding a dpkg status file, with its parent directories as real images have them. */
async function dpkgLayer(store: Store, text: string) {
  const pack = tarStream.pack()
  for (const d of ['var/', 'var/lib/', 'var/lib/dpkg/'])
    pack.entry({ name: d, type: 'directory', mode: 0o755 })
  pack.entry({ name: 'var/lib/dpkg/status', mode: 0o644 }, text)
  pack.finalize()
  return store.putLayer(Readable.from(pack as unknown as AsyncIterable<Buffer>))
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-store-image-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const status = (pkgs: Array<[string, string]>): string =>
  pkgs
    .map(([p, v]) => `Package: ${p}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${v}\n`)
    .join('\n')

async function twoBuilds(store: string): Promise<void> {
  const s = await openStore(store)
  const v1 = planned('web', [input('file', 'Dockerfile', 'v1')])
  await putImage(s, v1, [await dpkgLayer(s, status([['curl', '7.88.1-10']]))])
  const v2 = planned('web', [input('file', 'Dockerfile', 'v2')])
  const img = await putImage(s, v2, [
    await dpkgLayer(
      s,
      status([
        ['curl', '7.88.1-10+deb12u8'],
        ['jq', '1.6-2.1']
      ])
    )
  ])
  expect(img.refs).toContain('web')
}

test('compare takes two builds of the store by their tags', async () => {
  const store = join(dir, 'store')
  await twoBuilds(store)
  const tags = (await (await openStore(store)).listRefs()).map((r) => r.ref).filter((r) => r !== 'web')
  expect(tags).toHaveLength(2)
  const resolveRef = manifestOf(store, new SilentReporter())
  const [oldest, newest] = tags.sort()
  const c = compareManifests(await resolveRef(oldest), await resolveRef(newest))
  expect(c.added.map((p) => p.name)).toEqual(['jq'])
  expect(c.updated).toEqual([
    expect.objectContaining({ name: 'curl', oldVersion: '7.88.1-10', newVersion: '7.88.1-10+deb12u8' })
  ])
  // Nothing is left in the temp dir by the manifest pass.
  expect(readFileSync(join(store, 'index.json'), 'utf8')).toContain('web')
})

test('kiln export --image writes the archives of a store image', async () => {
  const store = join(dir, 'store')
  await twoBuilds(store)
  const out = join(dir, 'out')
  const code = await main(['node', 'kiln', 'export', '--image', 'web', '--store', store, '-o', out])
  expect(code).toBe(0)
  expect(existsSync(join(out, 'web', 'image.tar.gz'))).toBe(true)
  const manifest = JSON.parse(readFileSync(join(out, 'web', 'manifest.json'), 'utf8'))
  expect(manifest.packages.map((p: { name: string }) => p.name)).toEqual(['curl', 'jq'])
})

test('kiln export wants exactly one of -i and --image', async () => {
  expect(await main(['node', 'kiln', 'export', '-o', join(dir, 'out')])).toBe(2)
})

test.each(['../../x', '..', '.', 'a/b', '/tmp/x', ''])(
  'kiln export --name %j is refused (exit 2) and nothing is written anywhere',
  async (name) => {
    const store = join(dir, 'store')
    await twoBuilds(store)
    const out = join(dir, 'deep', 'er', 'out')
    const before = readdirSync(dir).sort()
    const code = await main([
      'node',
      'kiln',
      'export',
      '--image',
      'web',
      '--store',
      store,
      '-o',
      out,
      '--name',
      name
    ])
    expect(code).toBe(2)
    expect(readdirSync(dir).sort()).toEqual(before)
    expect(existsSync(join(dir, 'x'))).toBe(false)
  }
)
