// The store does not trust its own files: digests checked before they become paths, manifests
// and configs against their digests, layers by size on lookup and by content when read; a
// broken image counts as absent; fsck finds and repairs; gc keeps what live builds leased;
// a lock names pid@host and an empty one goes stale.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveLayers } from '../../src/exporters/inputs.js'
import { planLayers } from '../../src/exporters/flatten.js'
import { openStore, type LayoutStore, type StoredImage } from '../../src/store/index.js'
import { withLockFile } from '../../src/store/lock.js'
import { checkDigest, CorruptBlobError, findCorruptBlob } from '../../src/util/digest.js'
import { makeTar, streamOf } from './store-helpers.js'

const config = { architecture: 'x86_64', os: 'linux' }
const HEX = 'ab'.repeat(32)

let dir: string
let store: LayoutStore
let warnings: string[]
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-integrity-'))
  warnings = []
  store = await openStore(join(dir, 'store'), { warn: (m) => warnings.push(m) })
})
afterEach(async () => {
  store.releaseLease()
  await rm(dir, { recursive: true, force: true })
})

async function twoLayerImage(name = 'img', key = 'k1'): Promise<StoredImage> {
  const a = await store.putLayer(streamOf(await makeTar([{ name: 'etc/a', body: 'a'.repeat(3000) }])))
  const b = await store.putLayer(streamOf(await makeTar([{ name: 'etc/b', body: 'b'.repeat(3000) }])))
  return store.putImage({ layers: [a, b], config, name, key })
}

async function flipByte(path: string, at = 1024): Promise<void> {
  const bytes = await readFile(path)
  bytes[at] ^= 0x01
  await writeFile(path, bytes)
}

describe('checkDigest', () => {
  it.each([
    ['sha256:../../../etc/shadow', /not a digest/],
    [`sha256:${HEX.toUpperCase()}`, /not a digest/],
    [`sha256:${HEX}0`, /not a digest/],
    [`sha512:${HEX}${HEX}`, /algorithm sha512 is not supported/],
    [42, /not a digest/]
  ])('refuses %p, naming where it came from', (value, why) => {
    expect(() => checkDigest(value, 'x/index.json: manifests[0].digest')).toThrow(
      new RegExp(`^x/index\\.json: manifests\\[0\\]\\.digest: .*${why.source}`)
    )
  })
  it('accepts sha256 with 64 lowercase hex digits', () => {
    expect(checkDigest(`sha256:${HEX}`, 'w')).toBe(`sha256:${HEX}`)
  })
})

describe('verify on read', () => {
  it('an edited manifest makes the image absent, and is deleted', async () => {
    const img = await twoLayerImage()
    await flipByte(store.blobPath(img.manifestDigest), 20)
    expect(await store.findByKey('k1')).toBeNull()
    expect(warnings.join('\n')).toMatch(
      new RegExp(`image img is unusable.*${img.manifestDigest}.*corrupt.*the corrupt blob was deleted`)
    )
    expect(await store.hasBlob(img.manifestDigest)).toBe(false)
    await expect(store.getImage('img')).rejects.toThrow(/is missing/)
  })

  it('a truncated layer makes the image absent; a rebuild puts it back', async () => {
    const img = await twoLayerImage()
    await truncate(img.layers[1].path, 100)
    expect(await store.findByKey('k1')).toBeNull()
    expect(warnings.join('\n')).toMatch(
      new RegExp(`${img.layers[1].digest}.*is 100 bytes, not ${img.layers[1].size}`)
    )
    expect(await store.hasBlob(img.layers[1].digest)).toBe(false)
    // The build writes the layer again and the key is present once more.
    const again = await twoLayerImage()
    expect((await store.findByKey('k1'))?.manifestDigest).toBe(again.manifestDigest)
  })

  it('a flipped byte in a layer is caught in the exporters’ index pass, naming the blob', async () => {
    const img = await twoLayerImage()
    await flipByte(img.layers[0].path)
    const image = (await store.findByKey('k1'))!
    // Same size: the lookup cannot see it; reading it does.
    expect(image).not.toBeNull()
    const input = await resolveLayers(image.layers)
    try {
      const err = await planLayers(input.layers).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(CorruptBlobError)
      expect((err as Error).message).toMatch(
        new RegExp(`blob ${img.layers[0].digest} .* is corrupt: its content hashes to sha256:`)
      )
      expect(await store.dropCorruptBlob(findCorruptBlob(err)!)).toBe(true)
    } finally {
      await input.cleanup()
    }
    expect(await store.findByKey('k1')).toBeNull()
  })

  it('a flipped byte in a large member, whose data the index pass skips, is caught too', async () => {
    const big = 'z'.repeat(300_000) // over the 64 KiB read-ahead: hashed by the gap reads
    const ok = await store.putLayer(
      streamOf(
        await makeTar([
          { name: 'big', body: big },
          { name: 'small', body: 's' }
        ])
      )
    )
    const bad = await store.putLayer(streamOf(await makeTar([{ name: 'big2', body: big }])))
    await flipByte(bad.path, 200_000)
    const intact = await resolveLayers([ok])
    const damaged = await resolveLayers([bad])
    try {
      expect([...(await planLayers(intact.layers)).entries()].map((e) => e.path)).toEqual(['big', 'small'])
      await expect(planLayers(damaged.layers)).rejects.toThrow(
        new RegExp(`blob ${bad.digest} .* is corrupt: its content hashes to`)
      )
    } finally {
      await intact.cleanup()
      await damaged.cleanup()
    }
  })

  it('the sandbox does not unpack a corrupt layer', async () => {
    const { unpackLayer } = await import('../../src/sandbox/unpacked.js')
    const l = await store.putLayer(streamOf(await makeTar([{ name: 'etc/x', body: 'x'.repeat(4000) }])))
    await flipByte(l.path, 1000)
    const cache = join(dir, 'sandbox-cache')
    await expect(unpackLayer(l, cache)).rejects.toThrow(new RegExp(`blob ${l.digest} .* is corrupt`))
    expect(existsSync(join(cache, 'layers', l.diffID.slice(7)))).toBe(false)
  })

  it('an intact blob is never dropped, whatever an error claims', async () => {
    const img = await twoLayerImage()
    const fake = new CorruptBlobError(img.layers[0].digest, img.layers[0].path, 'hashes to something else')
    expect(await store.dropCorruptBlob(fake)).toBe(false)
    expect(await store.hasBlob(img.layers[0].digest)).toBe(true)
  })

  it('a hostile digest in index.json or a manifest is refused, never used as a path', async () => {
    const img = await twoLayerImage()
    const indexPath = join(store.root, 'index.json')
    const index = JSON.parse(await readFile(indexPath, 'utf8'))
    index.manifests[0].digest = 'sha256:../../../../etc/passwd'
    await writeFile(indexPath, JSON.stringify(index))
    await expect(store.getImage('img')).rejects.toThrow(/ref img: digest: "sha256:\.\.\/.*not a digest/)
    expect(await store.findByKey('k1')).not.toBeNull() // the dated tag still names the real manifest
    const hostile = JSON.stringify({
      ...img.manifest,
      layers: [{ ...img.manifest.layers[0], digest: 'sha256:../../../../etc/passwd' }]
    })
    const d = await store.putBlob(hostile, img.manifest.mediaType)
    await expect(store.getImage(d.digest)).rejects.toThrow(/layers\[0\]\.digest: .*not a digest/)
  })
})

describe('fsck', () => {
  it('finds a flipped layer, an edited manifest and a truncated config; --repair removes them and their refs', async () => {
    const good = await twoLayerImage('good', 'kg')
    const flipped = await store.putImage({
      layers: [await store.putLayer(streamOf(await makeTar([{ name: 'f', body: 'f'.repeat(2000) }])))],
      config,
      name: 'flipped',
      key: 'kf'
    })
    const edited = await store.putImage({
      layers: good.layers,
      config: { ...config, os: 'linux' },
      name: 'edited',
      key: 'ke',
      annotations: { x: '1' }
    })
    const truncated = await store.putImage({
      layers: good.layers,
      config: { ...config, created: '2026-01-01T00:00:00Z' },
      name: 'truncated',
      key: 'kt'
    })
    await flipByte(flipped.layers[0].path)
    await flipByte(store.blobPath(edited.manifestDigest), 30)
    await truncate(store.blobPath(truncated.manifest.config.digest), 10)

    const r = await store.fsck()
    expect(r.corruptBlobs.map((b) => b.digest).sort()).toEqual(
      [flipped.layers[0].digest, edited.manifestDigest, truncated.manifest.config.digest].sort()
    )
    const broken = r.brokenRefs.map((b) => b.ref.replace(/-\d{4}-\d\d-\d\d_\d+$/, '')).sort()
    expect(broken).toEqual(['edited', 'edited', 'flipped', 'flipped', 'truncated', 'truncated'])
    expect(r.removedBlobs).toEqual([])

    const fixed = await store.fsck({ repair: true })
    expect(fixed.removedBlobs).toHaveLength(3)
    expect(fixed.removedRefs).toHaveLength(6)
    const after = await store.fsck()
    expect(after.corruptBlobs).toEqual([])
    expect(after.brokenRefs).toEqual([])
    expect((await store.listRefs()).map((x) => x.ref.replace(/-\d{4}-\d\d-\d\d_\d+$/, ''))).toEqual([
      'good',
      'good'
    ])
    expect((await store.getImage('good'))?.manifestDigest).toBe(good.manifestDigest)
  })
})

describe('gc leases', () => {
  it('ignores the lease of a dead pid and honours one of a live pid', async () => {
    const orphan = await store.putLayer(streamOf(await makeTar([{ name: 'o', body: 'o' }])))
    store.releaseLease()
    const leases = join(store.root, '.kiln-leases')
    // pid 1 is alive on every Linux host; 99999999 is above any pid_max.
    await writeFile(join(leases, `99999999@${hostname()}`), `${orphan.digest}\n`)
    let r = await store.gc()
    expect(r.removed).toBe(1)
    const again = await store.putLayer(streamOf(await makeTar([{ name: 'o', body: 'o' }])))
    store.releaseLease()
    await writeFile(join(leases, `1@${hostname()}`), `${again.digest}\n`)
    r = await store.gc()
    expect(r).toMatchObject({ removed: 0, leased: 1, leaseOwners: [`1@${hostname()}`] })
    await rm(join(leases, `1@${hostname()}`))
  })
})

describe('index lock', () => {
  it('an empty lock file (its owner killed before writing it) is stale after a few seconds', async () => {
    const lock = join(dir, 'index.json.lock')
    await writeFile(lock, '')
    // Fresh: its owner may be about to write it, so it is waited for.
    await expect(withLockFile(lock, async () => 1, 300)).rejects.toThrow(/still held/)
    const old = new Date(Date.now() - 5000)
    await utimes(lock, old, old)
    const t0 = Date.now()
    expect(await withLockFile(lock, async () => 'taken', 300)).toBe('taken')
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  it('a lock of a live pid on another host is waited for; of a dead pid on this host, taken over', async () => {
    const lock = join(dir, 'other.lock')
    await writeFile(lock, '1@some-other-host\n')
    const old = new Date(Date.now() - 60_000)
    await utimes(lock, old, old)
    await expect(withLockFile(lock, async () => 1, 200)).rejects.toThrow(/still held/)
    await writeFile(lock, `99999999@${hostname()}\n`)
    expect(await withLockFile(lock, async () => 'taken', 200)).toBe('taken')
    // The holder writes pid@host.
    await withLockFile(lock, async () => {
      expect(await readFile(lock, 'utf8')).toBe(`${process.pid}@${hostname()}\n`)
    })
  })
})
