// The files of the tools Kiln replaces, run as their users wrote them, through the CLI:
// genoci recipes building on a tag another file built and naming host files by absolute path,
// and a corpusops project built from its own directory with no -f.
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { main } from '../../src/adapters/cli/main.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import { run, tryRun } from '../../src/util/exec.js'
import { baseImage, ensureBase } from '../fixtures/bases.js'

const id = `ks${process.pid}`
let dir: string

beforeAll(async () => {
  await ensureBase('minbase')
  dir = await mkdtemp('/var/tmp/kiln-itg-seeds-')
})

afterAll(async () => {
  for (const t of [`${id}/base:1`, `${id}/app:1`]) await tryRun('docker', ['image', 'rm', t])
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function kiln(cwd: string, args: string[]): Promise<number> {
  const before = process.cwd()
  process.chdir(cwd)
  try {
    return await main(['node', 'kiln', ...args])
  } finally {
    process.chdir(before)
  }
}

/** A file's content in the top layer of a stored image. */
async function topFile(storeDir: string, name: string, path: string): Promise<string> {
  const img = (await (await openStore(storeDir)).getImage(name))!
  return (await run('tar', ['-xOf', img.layers[img.layers.length - 1].path, path])).stdout
}

test('genoci: a base built from another file, host files by absolute path, keyed by their content', async () => {
  const host = join(dir, 'host')
  await mkdir(host)
  await link(await ensureBase('minbase'), join(host, 'minbase.tar'))
  await writeFile(join(host, 'motd'), 'hello\n')
  const a = join(dir, 'a')
  const b = join(dir, 'b')
  await mkdir(a)
  await mkdir(b)
  await writeFile(join(a, 'base.yaml'), `${id}-base:\n  base: empty\n  expand: ${host}/minbase.tar\n`)
  await writeFile(
    join(b, 'app.yaml'),
    `${id}-app:\n  base: ${id}-base\n  copy: ${host}/motd /etc/motd\n  run: cat /etc/motd > /etc/seen\n`
  )
  const storeDir = join(dir, 'store')
  const opts = ['--store', storeDir, '--out', join(dir, 'out'), '--no-export']

  // Before the base is built, the app's base is in neither its file nor the store: exit 2.
  expect(await kiln(b, ['plan', '-f', 'app.yaml', '--store', storeDir])).toBe(2)

  expect(await kiln(a, ['build', '-f', 'base.yaml', ...opts])).toBe(0)
  expect(await kiln(b, ['build', '-f', 'app.yaml', ...opts])).toBe(0)
  const store = await openStore(storeDir)
  const base = (await store.getImage(`${id}-base`))!
  const app = (await store.getImage(`${id}-app`))!
  expect(app.layers.slice(0, -1).map((l) => l.digest)).toEqual(base.layers.map((l) => l.digest))
  expect(await topFile(storeDir, `${id}-app`, 'etc/seen')).toBe('hello\n')

  // The host file's content is in the key: a change rebuilds.
  const lookup = async (name: string) => (await store.getImage(name))?.manifestDigest ?? null
  const keyOf = async () =>
    (await makePlan(await loadCatalog(join(b, 'app.yaml')), {}, { storedImage: lookup })).images[0].key
  const before = await keyOf()
  expect(before).toBe(app.key)
  await writeFile(join(host, 'motd'), 'changed\n')
  expect(await keyOf()).not.toBe(before)
  expect(await kiln(b, ['build', '-f', 'app.yaml', ...opts])).toBe(0)
  expect(await topFile(storeDir, `${id}-app`, 'etc/seen')).toBe('changed\n')
})

test('corpusops: built from its directory with no -f, an identical duplicate entry dropped', async () => {
  const project = join(dir, 'setups.app')
  await mkdir(join(project, '.docker'), { recursive: true })
  const entry = { builder_type: 'docker', tag: `${id}/app:1`, file: 'Dockerfile.app' }
  await writeFile(
    join(project, '.docker/IMAGES.json'),
    JSON.stringify({
      images: [{ builder_type: 'docker', tag: `${id}/base:1`, file: 'Dockerfile.base' }, entry, entry]
    })
  )
  await writeFile(
    join(project, 'Dockerfile.base'),
    `FROM ${baseImage('minbase')}\nRUN echo base > /etc/base\n`
  )
  await writeFile(join(project, 'Dockerfile.app'), `FROM ${id}/base:1\nRUN cat /etc/base > /etc/app\n`)
  const storeDir = join(dir, 'store-corpusops')
  expect(await kiln(project, ['build', '--store', storeDir, '--out', join(dir, 'out-corpusops')])).toBe(0)
  expect(await topFile(storeDir, `${id}-app-1`, 'etc/app')).toBe('base\n')
})
