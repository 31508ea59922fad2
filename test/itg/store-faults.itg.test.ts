// A store whose disk misbehaves, as a user meets it through `kiln build`, `kiln fsck` and
// `kiln gc` (the kiln binary in child processes, through tsx): a flipped byte in a layer, an
// edited manifest, a truncated blob — each detected, nothing corrupt published, and the next
// build recovers; fsck finds and repairs, after which umoci and skopeo read the store; gc run
// while a build writes never deletes what the build wrote.
import { execFileSync } from 'node:child_process'
import { copyFile, link, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'
import type { RunReport } from '../../src/pipeline/types.js'
import { openStore, type LayoutStore } from '../../src/store/index.js'
import { makeTar, streamOf } from '../unit/store-helpers.js'
import { ensureBase } from '../fixtures/bases.js'
import { inspectWithTools } from './store-tools.js'

const repo = process.cwd()
const tsx = join(repo, 'node_modules/.bin/tsx')
const cli = join(repo, 'src/adapters/cli/index.ts')
const LEAF_TEXT = 'kiln-leaf-content: the bytes a user would publish\n'

let dir: string
let storeDir: string
let outDir: string

async function kiln(...args: string[]): Promise<{ code: number; out: string; seconds: number }> {
  const t0 = Date.now()
  const r = await execa(tsx, [cli, ...args], {
    cwd: dir,
    reject: false,
    all: true,
    env: { NO_COLOR: '1', KILN_SANDBOX_CACHE: join(dir, 'sandbox-cache') }
  })
  return { code: r.exitCode ?? -1, out: String(r.all), seconds: (Date.now() - t0) / 1000 }
}

const build = () => kiln('build', '-f', 'IMAGES.json', '--store', storeDir, '--out', outDir, '--no-verify')

async function statuses(): Promise<Record<string, string>> {
  const report = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as RunReport
  return Object.fromEntries(report.images.map((i) => [i.name, i.status]))
}

async function leafImage(store: LayoutStore) {
  const img = await store.getImage('leaf')
  if (!img) throw new Error('leaf is not in the store')
  return img
}

/** What image.tar.gz holds at etc/kiln-leaf. */
function publishedLeafText(): string {
  return execFileSync('tar', ['-xzOf', join(outDir, 'leaf', 'image.tar.gz'), './etc/kiln-leaf']).toString()
}

beforeAll(async () => {
  dir = await mkdtemp('/var/tmp/kiln-store-faults-')
  storeDir = join(dir, 'store')
  outDir = join(dir, 'out')
  const tar = await ensureBase('minbase')
  await link(tar, join(dir, 'minbase.tar')).catch(() => copyFile(tar, join(dir, 'minbase.tar')))
  await writeFile(
    join(dir, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [
        { name: 'base', base: { tar: 'minbase.tar' }, builder: 'import' },
        {
          name: 'leaf',
          base: 'base',
          builder: 'overlay',
          run: [['sh', '-c', `printf '%s' '${LEAF_TEXT}' > /etc/kiln-leaf`]],
          exports: ['rootfs']
        }
      ]
    })
  )
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('cold, then warm: the warm run reuses everything', async () => {
  const cold = await build()
  expect(cold.code).toBe(0)
  expect(await statuses()).toEqual({ base: 'built', leaf: 'built' })
  const warm = await build()
  expect(warm.code).toBe(0)
  expect(await statuses()).toEqual({ base: 'reused', leaf: 'reused' })
  // The run's own time, from its last line ("2 images: … in 1.2 s"), and the command's wall time.
  const runTime = (out: string): string => /images: .* in ([\d.]+ \w+)\s*$/.exec(out)?.[1] ?? '?'
  process.stderr.write(
    `store-faults: cold kiln build ${cold.seconds} s wall (run ${runTime(cold.out)}), warm ${warm.seconds} s wall (run ${runTime(warm.out)})\n`
  )
  expect(publishedLeafText()).toBe(LEAF_TEXT)
})

test('a flipped byte in a stored layer: not published, the blob named; the next build rebuilds', async () => {
  const store = await openStore(storeDir)
  const top = (await leafImage(store)).layers.at(-1)!
  const bytes = await readFile(top.path)
  const at = bytes.indexOf('kiln-leaf-content')
  expect(at).toBeGreaterThan(0)
  bytes[at] = 'K'.charCodeAt(0) // still a valid tar: only the digest can tell
  await writeFile(top.path, bytes)
  await rm(outDir, { recursive: true, force: true }) // a fresh checkout: the archives are made again

  const r = await build()
  expect(r.code).toBe(1)
  expect(r.out).toMatch(
    new RegExp(`leaf: index layers: blob ${top.digest} \\(.*\\) is corrupt: its content hashes to sha256:`)
  )
  expect(r.out).toContain(`leaf: deleted the corrupt blob ${top.digest} from the store`)
  expect(r.out).not.toMatch(/TypeError|\n\s+at /)
  expect(existsSync(join(outDir, 'leaf', 'image.tar.gz'))).toBe(false)
  expect(await store.hasBlob(top.digest)).toBe(false)

  const again = await build()
  expect(again.code).toBe(0)
  expect((await statuses()).leaf).toBe('built')
  expect(publishedLeafText()).toBe(LEAF_TEXT)
})

test('an edited manifest: the image counts as absent and is rebuilt, naming the manifest', async () => {
  const store = await openStore(storeDir)
  const img = await leafImage(store)
  const path = store.blobPath(img.manifestDigest)
  const manifest = JSON.parse(await readFile(path, 'utf8'))
  manifest.annotations['dev.kiln.note'] = 'edited on disk'
  await writeFile(path, JSON.stringify(manifest))

  const r = await build()
  expect(r.code).toBe(0)
  expect(r.out).toMatch(
    new RegExp(
      `image leaf is unusable.*manifest ${img.manifestDigest}|blob ${img.manifestDigest}.*is corrupt`
    )
  )
  expect((await statuses()).leaf).toBe('built')
  expect(publishedLeafText()).toBe(LEAF_TEXT)
})

test('a truncated blob: the image is rebuilt instead of failing every build', async () => {
  const store = await openStore(storeDir)
  const top = (await leafImage(store)).layers.at(-1)!
  await truncate(top.path, 512)
  const r = await build()
  expect(r.code).toBe(0)
  expect(r.out).toMatch(
    new RegExp(`blob ${top.digest} .* is corrupt: its content is 512 bytes, not ${top.size}`)
  )
  expect((await statuses()).leaf).toBe('built')
  expect(publishedLeafText()).toBe(LEAF_TEXT)
  expect((await build()).code).toBe(0)
  expect(await statuses()).toEqual({ base: 'reused', leaf: 'reused' })
})

test('kiln fsck finds each fault, --repair removes them, then umoci and skopeo read the store', async () => {
  const store = await openStore(storeDir)
  const img = await leafImage(store)
  const top = img.layers.at(-1)!
  const bytes = await readFile(top.path)
  bytes[bytes.indexOf('kiln-leaf-content')] ^= 0x20
  await writeFile(top.path, bytes)
  await truncate(store.blobPath(img.manifest.config.digest), 10)

  const check = await kiln('fsck', '--store', storeDir)
  expect(check.code).toBe(1)
  expect(check.out).toContain(`blob ${top.digest}: its content hashes to sha256:`)
  expect(check.out).toContain(`blob ${img.manifest.config.digest}: its content hashes to sha256:`)
  expect(check.out).toMatch(/ref leaf: /)

  const repair = await kiln('fsck', '--store', storeDir, '--repair')
  expect(repair.code).toBe(0)
  expect(repair.out).toContain(`removed blob ${top.digest}`)
  expect(repair.out).toMatch(/removed ref leaf\n/)
  expect((await kiln('fsck', '--store', storeDir)).code).toBe(0)
  for (const { ref } of await store.listRefs()) await inspectWithTools(storeDir, ref)
  expect((await store.listRefs()).some((r) => r.ref === 'leaf')).toBe(false)

  expect((await build()).code).toBe(0)
  expect((await statuses()).leaf).toBe('built')
  await inspectWithTools(storeDir, 'leaf')
})

test('kiln gc in another process keeps the blobs a live build wrote and has not tagged', async () => {
  const store = await openStore(storeDir)
  const layer = await store.putLayer(
    streamOf(await makeTar([{ name: 'etc/in-flight', body: 'x'.repeat(5000) }]))
  )
  const gc = await kiln('gc', '--store', storeDir, '--keep-unpacked')
  expect(gc.code).toBe(0)
  expect(gc.out).toMatch(
    new RegExp(`kept 1 blob a running build wrote and has not tagged yet \\(${process.pid}@`)
  )
  expect(await store.hasBlob(layer.digest)).toBe(true)
  const base = await leafImage(store)
  await store.putImage({
    layers: [...base.layers, layer],
    config: base.config,
    name: 'in-flight',
    key: 'f'.repeat(64)
  })
  store.releaseLease()
  await store.removeRef('in-flight')
})

test('gc in a loop while a build writes: the build succeeds and the store stays sound', async () => {
  // Another leaf text: a new key, so the leaf is built again while gc runs.
  const catalog = JSON.parse(await readFile(join(dir, 'IMAGES.json'), 'utf8'))
  catalog.images[1].run = [
    ['sh', '-c', 'head -c 20000000 /dev/urandom > /etc/noise && echo 2 > /etc/kiln-leaf']
  ]
  await writeFile(join(dir, 'IMAGES.json'), JSON.stringify(catalog))
  const store = await openStore(storeDir)
  let running = true
  let gcRuns = 0
  const building = build().finally(() => (running = false))
  while (running) {
    await store.gc()
    gcRuns++
    await new Promise((r) => setTimeout(r, 20))
  }
  const r = await building
  expect(r.out).not.toMatch(/is not in the store|is missing/)
  expect(r.code).toBe(0)
  expect(gcRuns).toBeGreaterThan(10)
  expect((await statuses()).leaf).toBe('built')
  const fsck = await store.fsck()
  expect(fsck.brokenRefs).toEqual([])
  expect(fsck.corruptBlobs).toEqual([])
})
