import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImageCache, LocalCache, diffInputs, formatSize, parseSize } from '../../src/cache/index.js'
import { cacheHooks } from '../../src/pipeline/cache-hooks.js'
import type { ImageReport } from '../../src/pipeline/types.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/types.js'
import type { Reporter } from '../../src/util/log.js'
import { input, layer, planned, putImage } from './cache-helpers.js'

class Recorder implements Reporter {
  warnings: string[] = []
  info(): void {}
  debug(): void {}
  error(m: string): void {
    this.warnings.push(m)
  }
  warn(m: string): void {
    this.warnings.push(m)
  }
  group<T>(_t: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-cache-test-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function chain(store: Store) {
  const base = planned('base', [input('file', 'base/Dockerfile', 'FROM scratch')])
  const baseLayer = await layer(store, { 'etc/os-release': 'ID=test\n' })
  const baseImg = await putImage(store, base, [baseLayer])
  const leaf = planned(
    'leaf',
    [input('file', 'leaf/Dockerfile', 'RUN echo 1'), input('base', 'base', base.key)],
    'base'
  )
  const leafImg = await putImage(store, leaf, [baseLayer, await layer(store, { 'etc/leaf': 'one\n' })])
  return { base, baseImg, leaf, leafImg }
}

function cacheFor(store: Store, cacheDir: string, reporter = new Recorder(), maxBytes = 0) {
  const backend = new LocalCache({ dir: cacheDir, maxBytes, orphanGraceMs: 0 })
  return { cache: new ImageCache({ store, backend, reporter }), backend, reporter }
}

describe('ImageCache over a local directory', () => {
  test('an image saved from one store is restored, verified, into a fresh one', async () => {
    const first = await openStore(join(dir, 'store1'))
    const { leaf, leafImg } = await chain(first)
    const { cache } = cacheFor(first, join(dir, 'cache'))
    expect(await cache.save(leaf, leafImg)).toBe(true)

    const second = await openStore(join(dir, 'store2'))
    const { cache: cache2, reporter } = cacheFor(second, join(dir, 'cache'))
    const restored = await cache2.restore(leaf)
    expect(restored).not.toBeNull()
    expect(restored!.layers.map((l) => l.digest)).toEqual(leafImg.layers.map((l) => l.digest))
    expect(restored!.config.config?.Env).toEqual(['PATH=/bin'])
    expect(restored!.key).toBe(leaf.key)
    expect((await second.findByKey(leaf.key))?.manifestDigest).toBe(restored!.manifestDigest)
    for (const l of restored!.layers)
      expect(readFileSync(l.path)).toEqual(readFileSync(first.blobPath(l.digest)))
    expect(reporter.warnings).toEqual([])
    expect(cache2.stats).toMatchObject({ hits: 1, misses: 0, blobsDownloaded: 2 })
  })

  test('a layer corrupted in the cache is a miss with a warning, and never enters the store', async () => {
    const first = await openStore(join(dir, 'store1'))
    const { leaf, leafImg } = await chain(first)
    await cacheFor(first, join(dir, 'cache')).cache.save(leaf, leafImg)
    const top = leafImg.layers[1].digest
    const file = join(dir, 'cache', 'blobs', 'sha256', top.slice(7))
    const bytes = readFileSync(file)
    bytes[100] ^= 0xff
    writeFileSync(file, bytes)

    const second = await openStore(join(dir, 'store2'))
    const { cache, reporter } = cacheFor(second, join(dir, 'cache'))
    expect(await cache.restore(leaf)).toBeNull()
    expect(reporter.warnings.join('\n')).toMatch(
      new RegExp(`leaf: cache entry ${leaf.key.slice(0, 12)} unusable.*${top}.*corrupt`)
    )
    expect(await second.hasBlob(top)).toBe(false)
    expect(await second.findByKey(leaf.key)).toBeNull()
    expect(cache.stats).toMatchObject({ hits: 0, misses: 1, rejected: 1 })
  })

  test('a record whose manifest does not match its digest is rejected', async () => {
    const first = await openStore(join(dir, 'store1'))
    const { base, baseImg } = await chain(first)
    await cacheFor(first, join(dir, 'cache')).cache.save(base, baseImg)
    const recFile = join(dir, 'cache', 'records', `${base.key}.json`)
    const rec = JSON.parse(readFileSync(recFile, 'utf8'))
    rec.manifest = rec.manifest.replace('"schemaVersion":2', '"schemaVersion": 2')
    writeFileSync(recFile, JSON.stringify(rec))
    const { cache, reporter } = cacheFor(await openStore(join(dir, 'store2')), join(dir, 'cache'))
    expect(await cache.restore(base)).toBeNull()
    expect(reporter.warnings[0]).toMatch(
      /base: cache entry .* rejected, building instead: manifest does not match its digest/
    )
  })

  test('a backend that throws never fails the caller', async () => {
    const store = await openStore(join(dir, 'store1'))
    const { base, baseImg } = await chain(store)
    const reporter = new Recorder()
    const broken = {
      name: 'broken',
      getBlob: () => Promise.reject(new Error('disk on fire')),
      putBlob: () => Promise.reject(new Error('disk on fire')),
      getRecord: () => Promise.reject(new Error('disk on fire')),
      putRecord: () => Promise.reject(new Error('disk on fire')),
      getPointer: () => Promise.reject(new Error('disk on fire')),
      putPointer: () => Promise.reject(new Error('disk on fire'))
    }
    const cache = new ImageCache({ store, backend: broken, reporter })
    expect(await cache.restore(base)).toBeNull()
    expect(await cache.save(base, baseImg)).toBe(false)
    expect(await cache.explainMiss(base)).toEqual({ changed: null })
    expect(reporter.warnings).toHaveLength(2)
    expect(reporter.warnings[1]).toMatch(/base: could not save to the broken cache: disk on fire/)
  })

  test('explainMiss names the inputs that changed since the last saved build of the name', async () => {
    const store = await openStore(join(dir, 'store1'))
    const { leaf, leafImg } = await chain(store)
    const { cache } = cacheFor(store, join(dir, 'cache'))
    expect(await cache.explainMiss(leaf)).toEqual({ changed: null })
    await cache.save(leaf, leafImg)
    expect(await cache.explainMiss(leaf)).toEqual({ previousKey: leaf.key, changed: [] })
    const edited = planned(
      'leaf',
      [input('file', 'leaf/Dockerfile', 'RUN echo 2'), leaf.inputs[1], input('arg', 'V', '1')],
      'base'
    )
    expect(await cache.explainMiss(edited)).toEqual({
      previousKey: leaf.key,
      changed: [
        { kind: 'file', name: 'leaf/Dockerfile', change: 'changed' },
        { kind: 'arg', name: 'V', change: 'added' }
      ]
    })
  })
})

describe('cacheHooks', () => {
  test('a built image is explained, then saved at once; the next store restores it', async () => {
    const store = await openStore(join(dir, 'store1'))
    const { leaf, leafImg } = await chain(store)
    const { cache } = cacheFor(store, join(dir, 'cache'))
    const hooks = cacheHooks(cache)
    const report = { name: 'leaf', status: 'built' } as ImageReport
    await hooks.afterImage(report, leafImg, leaf)
    expect(report.changed).toBeUndefined()
    expect([...hooks.saved]).toEqual(['leaf'])

    const edited = {
      ...leaf,
      key: 'e'.repeat(64),
      inputs: [input('file', 'leaf/Dockerfile', 'RUN echo 2'), leaf.inputs[1]]
    }
    const again = { name: 'leaf', status: 'built' } as ImageReport
    await hooks.afterImage(again, leafImg, edited)
    expect(again.changed).toEqual([{ kind: 'file', name: 'leaf/Dockerfile', change: 'changed' }])

    const fresh = cacheHooks(cacheFor(await openStore(join(dir, 'store2')), join(dir, 'cache')).cache)
    expect((await fresh.restore(leaf))?.key).toBe(leaf.key)
  })
})

describe('LocalCache eviction', () => {
  test('evicts least recently used leaves first, keeping bases while a descendant remains', async () => {
    const store = await openStore(join(dir, 'store1'))
    const { base, baseImg, leaf, leafImg } = await chain(store)
    const leaf2 = planned('leaf2', [input('file', 'leaf2/Dockerfile', 'x')], 'base')
    const leaf2Img = await putImage(store, leaf2, [
      baseImg.layers[0],
      await layer(store, { 'etc/leaf2': 'two\n' })
    ])
    const { cache, backend } = cacheFor(store, join(dir, 'cache'))
    await cache.save(base, baseImg)
    await cache.save(leaf, leafImg)
    await cache.save(leaf2, leaf2Img)
    // The base is the oldest used of all; leaf2 was used after leaf.
    const rec = (k: string) => join(dir, 'cache', 'records', `${k}.json`)
    utimesSync(rec(base.key), new Date(1000), new Date(1000))
    utimesSync(rec(leaf.key), new Date(2000), new Date(2000))
    utimesSync(rec(leaf2.key), new Date(3000), new Date(3000))
    const blobBytes = () =>
      readdirSync(join(dir, 'cache', 'blobs', 'sha256')).reduce(
        (n, f) => n + readFileSync(join(dir, 'cache', 'blobs', 'sha256', f)).length,
        0
      )
    const all = blobBytes()
    // Room for everything but one leaf layer: the older leaf goes, not the older base.
    const removed = await backend.evict(all - 1)
    expect(removed.images).toBe(1)
    expect(readdirSync(join(dir, 'cache', 'records')).sort()).toEqual(
      [`${base.key}.json`, `${leaf2.key}.json`].sort()
    )
    expect(blobBytes()).toBe(all - leafImg.layers[1].size)
    // Down to the base alone, then nothing.
    await backend.evict(baseImg.layers[0].size)
    expect(readdirSync(join(dir, 'cache', 'records'))).toEqual([`${base.key}.json`])
    await backend.evict(0)
    expect(readdirSync(join(dir, 'cache', 'records'))).toEqual([])
    expect(readdirSync(join(dir, 'cache', 'blobs', 'sha256'))).toEqual([])
  })

  test('saves a shared blob once', async () => {
    const store = await openStore(join(dir, 'store1'))
    const { base, baseImg, leaf, leafImg } = await chain(store)
    const { cache } = cacheFor(store, join(dir, 'cache'))
    await cache.save(base, baseImg)
    await cache.save(leaf, leafImg)
    expect(cache.stats.blobsUploaded).toBe(2)
    const { cache: again } = cacheFor(store, join(dir, 'cache'))
    await again.save(leaf, leafImg)
    expect(again.stats.blobsUploaded).toBe(0)
  })
})

describe('diffInputs', () => {
  const a = input('file', 'a', '1')
  test.each([
    ['nothing', [a], [a], []],
    [
      'changed',
      [a],
      [{ ...a, digest: input('file', 'a', '2').digest }],
      [{ kind: 'file', name: 'a', change: 'changed' }]
    ],
    ['added', [], [a], [{ kind: 'file', name: 'a', change: 'added' }]],
    ['removed', [a], [], [{ kind: 'file', name: 'a', change: 'removed' }]],
    [
      'same name, other kind',
      [a],
      [{ ...a, kind: 'context' }],
      [
        { kind: 'context', name: 'a', change: 'added' },
        { kind: 'file', name: 'a', change: 'removed' }
      ]
    ]
  ])('%s', (_n, before, after, expected) => {
    expect(diffInputs(before, after)).toEqual(expected)
  })
})

describe('parseSize', () => {
  test.each([
    ['8G', 8 * 1024 ** 3],
    ['10GB', 10 * 1024 ** 3],
    ['1.5 TiB', 1.5 * 1024 ** 4],
    ['500m', 500 * 1024 ** 2],
    ['4096', 4096]
  ])('%s', (text, n) => expect(parseSize(text)).toBe(n))
  test('rejects nonsense', () => expect(() => parseSize('lots')).toThrow(/invalid size "lots"/))
})

describe('formatSize: a cap is shown in the units it was given in', () => {
  test.each([
    ['8G', '8G'],
    ['10GB', '10G'],
    ['1.5 TiB', '1.5T'],
    ['500m', '500M'],
    ['1024', '1K'],
    ['4000', '3.9K'],
    ['100', '100 bytes']
  ])('%s → %s', (text, shown) => expect(formatSize(parseSize(text))).toBe(shown))
})
