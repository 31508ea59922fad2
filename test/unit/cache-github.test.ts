// The GitHub cache backend through the real @actions/cache code, against a loopback results service.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GithubCache } from '../../src/cache/github.js'
import { ImageCache } from '../../src/cache/index.js'
import { openStore } from '../../src/store/index.js'
import { startResultsService, type ResultsService } from '../fixtures/results-service.js'
import { input, layer, planned, putImage } from './cache-helpers.js'

let dir: string
let service: ResultsService
const saved = { ...process.env }

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-ghcache-test-'))
  service = await startResultsService(join(dir, 'service'))
  Object.assign(process.env, service.env(), {
    RUNNER_TEMP: join(dir, 'runner-temp'),
    GITHUB_WORKSPACE: join(dir, 'ws')
  })
})
afterEach(async () => {
  await service.close()
  process.env = { ...saved }
  rmSync(dir, { recursive: true, force: true })
})

const warnings: string[] = []
const reporter = {
  info: () => undefined,
  debug: () => undefined,
  warn: (m: string) => void warnings.push(m),
  error: (m: string) => void warnings.push(m),
  group: <T>(_t: string, fn: () => Promise<T>) => fn()
}

test('blobs, records and pointers round-trip; blobs and records are written once', async () => {
  const gh = new GithubCache({ stageRoot: join(dir, 'stage') })
  const src = join(dir, 'layer.tar')
  writeFileSync(src, 'layer bytes')
  const digest = `sha256:${'a'.repeat(64)}`
  expect(await gh.putBlob(digest, src)).toBe(true)
  expect(await gh.putBlob(digest, src)).toBe(false)
  expect(service.cacheEntries().map((e) => e.key)).toEqual([
    expect.stringMatching(new RegExp(`^kiln-blob-${'a'.repeat(64)}~`))
  ])
  expect(await gh.getBlob(digest, join(dir, 'got'))).toBe(true)
  expect(readFileSync(join(dir, 'got'), 'utf8')).toBe('layer bytes')
  expect(await gh.getBlob(`sha256:${'b'.repeat(64)}`, join(dir, 'none'))).toBe(false)

  const key = 'c'.repeat(64)
  expect(await gh.getRecord(key)).toBeNull()
  await gh.putRecord(key, { version: 1, key } as never)
  await gh.putRecord(key, { version: 1, key, other: true } as never)
  expect(await gh.getRecord(key)).toEqual({ version: 1, key })

  await gh.putPointer('img', { name: 'img', key: '1'.repeat(64), savedAt: 'a' })
  await new Promise((r) => setTimeout(r, 5))
  await gh.putPointer('img', { name: 'img', key: '2'.repeat(64), savedAt: 'b' })
  await gh.putPointer('img.other', { name: 'img.other', key: '3'.repeat(64), savedAt: 'c' })
  expect(await gh.getPointer('img')).toEqual({ name: 'img', key: '2'.repeat(64), savedAt: 'b' })
  expect(await gh.getPointer('nothing')).toBeNull()
  // Staged through one fixed path per entry: the toolkit's version depends on it.
  const versions = new Set(
    service
      .cacheEntries()
      .filter((e) => e.key.startsWith('kiln-last-img~'))
      .map((e) => e.version)
  )
  expect(versions.size).toBe(1)
  expect(process.env.GITHUB_WORKSPACE).toBe(join(dir, 'ws'))
})

test('an image crosses runners through the service; a corrupted entry is a verified miss', async () => {
  const store1 = await openStore(join(dir, 'store1'))
  const base = planned('base', [input('file', 'Dockerfile', 'FROM scratch')])
  const img = await putImage(store1, base, [await layer(store1, { 'etc/hostname': 'kiln\n'.repeat(1000) })])
  const stage = join(dir, 'stage')
  const c1 = new ImageCache({ store: store1, backend: new GithubCache({ stageRoot: stage }), reporter })
  expect(await c1.save(base, img)).toBe(true)
  const keys = service.cacheEntries().map((e) => e.key)
  expect(keys).toHaveLength(3)
  expect(keys).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`^kiln-blob-${img.layers[0].digest.slice(7)}~`)),
      expect.stringMatching(new RegExp(`^kiln-rec-${base.key}~`)),
      expect.stringMatching(/^kiln-last-base~\d+-/)
    ])
  )

  // A fresh runner: new store, new RUNNER_TEMP, another workspace depth.
  process.env.RUNNER_TEMP = join(dir, 'runner2-temp')
  process.env.GITHUB_WORKSPACE = join(dir, 'a', 'b', 'c', 'd', 'e', 'ws')
  const store2 = await openStore(join(dir, 'store2'))
  const c2 = new ImageCache({ store: store2, backend: new GithubCache({ stageRoot: stage }), reporter })
  const restored = await c2.restore(base)
  expect(restored?.layers.map((l) => l.digest)).toEqual(img.layers.map((l) => l.digest))

  await service.corruptEntryContent(`kiln-blob-${img.layers[0].digest.slice(7)}`)
  warnings.length = 0
  const store3 = await openStore(join(dir, 'store3'))
  const c3 = new ImageCache({ store: store3, backend: new GithubCache({ stageRoot: stage }), reporter })
  expect(await c3.restore(base)).toBeNull()
  expect(warnings.join('\n')).toMatch(
    /base: cache entry .* unusable, building instead: layer sha256:\w+ is corrupt in the cache/
  )
  expect(await store3.hasBlob(img.layers[0].digest)).toBe(false)

  // Rebuilt and saved again: a newer entry supersedes the corrupt one, so the next runner restores.
  const rebuilt = await putImage(store3, base, [
    await layer(store3, { 'etc/hostname': 'kiln\n'.repeat(1000) })
  ])
  expect(await c3.save(base, rebuilt)).toBe(true)
  const store4 = await openStore(join(dir, 'store4'))
  warnings.length = 0
  const c4 = new ImageCache({ store: store4, backend: new GithubCache({ stageRoot: stage }), reporter })
  expect(await c4.restore(base)).not.toBeNull()
  expect(warnings).toEqual([])
})
