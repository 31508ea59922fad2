// Every fault a cache can hold — a flipped byte in a layer, a truncated layer, an edited manifest —
// in each backend (a local directory; the GitHub cache through the real @actions/cache client and
// a loopback results service): detected, nothing of it imported into the store, and the build
// goes on by rebuilding, whose save supersedes the bad entry so the next runner restores.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GithubCache } from '../../src/cache/github.js'
import { ImageCache, LocalCache, type CacheBackend } from '../../src/cache/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import { startResultsService, type ResultsService } from '../fixtures/results-service.js'
import { input, layer, planned, putImage } from './cache-helpers.js'

let dir: string
let service: ResultsService
const savedEnv = { ...process.env }
const warnings: string[] = []
const reporter = {
  info: () => undefined,
  debug: () => undefined,
  warn: (m: string) => void warnings.push(m),
  error: (m: string) => void warnings.push(m),
  group: <T>(_t: string, fn: () => Promise<T>) => fn()
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-cache-faults-'))
  warnings.length = 0
  service = await startResultsService(join(dir, 'service'))
  Object.assign(process.env, service.env(), {
    RUNNER_TEMP: join(dir, 'runner-temp'),
    GITHUB_WORKSPACE: join(dir, 'ws')
  })
})
afterEach(async () => {
  await service.close()
  process.env = { ...savedEnv }
  rmSync(dir, { recursive: true, force: true })
})

type Fault = 'flipped byte in a layer' | 'truncated layer' | 'edited manifest'

interface Backend {
  make(): CacheBackend
  damage(fault: Fault, img: StoredImage, key: string): Promise<void>
}

const editManifest = (recordText: string): string => {
  const rec = JSON.parse(recordText) as { manifest: string }
  const m = JSON.parse(rec.manifest) as { annotations?: Record<string, string> }
  m.annotations = { ...m.annotations, 'org.opencontainers.image.title': 'edited' }
  rec.manifest = JSON.stringify(m)
  return JSON.stringify(rec)
}

const backends: Record<'local' | 'github', Backend> = {
  local: {
    make: () => new LocalCache({ dir: join(dir, 'cache') }),
    async damage(fault, img, key) {
      const blob = join(dir, 'cache', 'blobs', 'sha256', img.layers[1].digest.slice(7))
      const record = join(dir, 'cache', 'records', `${key}.json`)
      if (fault === 'flipped byte in a layer') {
        const bytes = readFileSync(blob)
        bytes[600] ^= 0x01
        writeFileSync(blob, bytes)
      } else if (fault === 'truncated layer') truncateSync(blob, 700)
      else writeFileSync(record, editManifest(readFileSync(record, 'utf8')))
    }
  },
  github: {
    make: () => new GithubCache({ stageRoot: join(dir, 'stage') }),
    async damage(fault, img, key) {
      const blob = `kiln-blob-${img.layers[1].digest.slice(7)}`
      if (fault === 'flipped byte in a layer') await service.corruptEntryContent(blob)
      else if (fault === 'truncated layer')
        await service.damageEntryContent(blob, (data) => data.subarray(0, 700))
      else
        await service.damageEntryContent(`kiln-rec-${key}`, (data) =>
          Buffer.from(editManifest(data.toString('utf8')))
        )
    }
  }
}

async function leafImage(store: Store) {
  const p = planned('leaf', [input('file', 'Dockerfile', 'RUN true')])
  const base = await layer(store, { 'etc/os-release': 'ID=test\n' })
  const top = await layer(store, { 'etc/motd': 'hello\n'.repeat(300) })
  return { p, img: await putImage(store, p, [base, top]) }
}

const cases: Array<[keyof typeof backends, Fault]> = []
for (const b of ['local', 'github'] as const)
  for (const f of ['flipped byte in a layer', 'truncated layer', 'edited manifest'] as const)
    cases.push([b, f])

test.each(cases)('%s cache, %s: detected, not imported; the rebuild supersedes it', async (name, fault) => {
  const backend = backends[name]
  const store1 = await openStore(join(dir, 'store1'))
  const { p, img } = await leafImage(store1)
  expect(await new ImageCache({ store: store1, backend: backend.make(), reporter }).save(p, img)).toBe(true)
  await backend.damage(fault, img, p.key)

  // A fresh runner: the entry is rejected, naming what is wrong, and nothing of it is in the store.
  const store2 = await openStore(join(dir, 'store2'))
  const cache2 = new ImageCache({ store: store2, backend: backend.make(), reporter })
  expect(await cache2.restore(p)).toBeNull()
  const why =
    fault === 'edited manifest'
      ? /rejected, building instead: manifest does not match its digest/
      : new RegExp(`unusable, building instead: layer ${img.layers[1].digest} is corrupt in the cache`)
  expect(warnings.join('\n')).toMatch(why)
  expect(await store2.hasBlob(img.layers[1].digest)).toBe(false)
  expect(await store2.findByKey(p.key)).toBeNull()
  expect(cache2.stats).toMatchObject({ hits: 0, rejected: 1 })

  // The build goes on by rebuilding; its save replaces the bad entry, and the next runner restores.
  const { img: rebuilt } = await leafImage(store2)
  expect(await cache2.save(p, rebuilt)).toBe(true)
  warnings.length = 0
  const store3 = await openStore(join(dir, 'store3'))
  const restored = await new ImageCache({ store: store3, backend: backend.make(), reporter }).restore(p)
  expect(restored?.layers.map((l) => l.digest)).toEqual(rebuilt.layers.map((l) => l.digest))
  expect(readFileSync(restored!.layers[1].path)).toEqual(readFileSync(img.layers[1].path))
  expect(warnings).toEqual([])
})

test('a record whose diff_ids are not its layers’ digests is rejected (no path in disguise)', async () => {
  const store1 = await openStore(join(dir, 'store1'))
  const { p, img } = await leafImage(store1)
  await new ImageCache({ store: store1, backend: backends.local.make(), reporter }).save(p, img)
  const recordFile = join(dir, 'cache', 'records', `${p.key}.json`)
  const rec = JSON.parse(readFileSync(recordFile, 'utf8'))
  const config = JSON.parse(rec.config)
  config.rootfs.diff_ids[0] = 'sha256:../../../../etc'
  rec.config = JSON.stringify(config)
  // A consistent forgery: the manifest names the new config by its digest, the record the manifest.
  const { createHash } = await import('node:crypto')
  const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`
  const manifest = JSON.parse(rec.manifest)
  manifest.config = { ...manifest.config, digest: sha(rec.config), size: rec.config.length }
  rec.manifest = JSON.stringify(manifest)
  rec.manifestDigest = sha(rec.manifest)
  writeFileSync(recordFile, JSON.stringify(rec))
  const store2 = await openStore(join(dir, 'store2'))
  expect(
    await new ImageCache({ store: store2, backend: backends.local.make(), reporter }).restore(p)
  ).toBeNull()
  expect(warnings.join('\n')).toMatch(/rootfs\.diff_ids\[0\] is not the digest of layer 0/)
})

test('a layer damaged in the store is not saved to the cache', async () => {
  const store1 = await openStore(join(dir, 'store1'))
  const { p, img } = await leafImage(store1)
  const bytes = readFileSync(img.layers[1].path)
  bytes[600] ^= 0x01
  writeFileSync(img.layers[1].path, bytes)
  const backend = backends.local.make()
  expect(await new ImageCache({ store: store1, backend, reporter }).save(p, img)).toBe(false)
  expect(warnings.join('\n')).toMatch(
    new RegExp(`could not save to the local cache: layer ${img.layers[1].digest} is corrupt in the store`)
  )
  expect(await backend.getBlob(img.layers[1].digest, join(dir, 'probe'))).toBe(false)
  expect(await backend.getRecord(p.key)).toBeNull()
})
