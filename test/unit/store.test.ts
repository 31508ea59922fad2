import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  openStore,
  nextDatedTag,
  MEDIA_LAYER,
  ANNOTATION_REF,
  type LayoutStore
} from '../../src/store/index.js'
import { withLockFile } from '../../src/store/lock.js'
import { failingStream, makeTar, streamOf } from './store-helpers.js'

const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const today = (): string => new Date().toISOString().slice(0, 10)
const config = { architecture: 'x86_64', os: 'linux' }

let dir: string
let store: LayoutStore

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-store-'))
  store = await openStore(join(dir, 'store'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function blobs(): Promise<string[]> {
  return (await readdir(join(store.root, 'blobs', 'sha256'))).sort()
}
async function indexJson(): Promise<string> {
  return readFile(join(store.root, 'index.json'), 'utf8')
}

describe('openStore', () => {
  it('creates an OCI image layout', async () => {
    expect(JSON.parse(await readFile(join(store.root, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0'
    })
    const index = JSON.parse(await indexJson())
    expect(index).toMatchObject({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: []
    })
    expect((await stat(join(store.root, 'blobs', 'sha256'))).isDirectory()).toBe(true)
  })

  it('reopens an existing layout without touching its index', async () => {
    const layer = await store.putLayer(streamOf(await makeTar([{ name: 'a', body: 'x' }])))
    await store.putImage({ layers: [layer], config, name: 'one', key: 'k1' })
    const before = await indexJson()
    const again = await openStore(store.root)
    expect(await indexJson()).toBe(before)
    expect((await again.getImage('one'))?.layers[0].digest).toBe(layer.digest)
  })

  it('refuses a directory whose oci-layout is not a layout marker', async () => {
    const other = join(dir, 'bad')
    await openStore(other)
    await writeFile(join(other, 'oci-layout'), 'hello')
    await expect(openStore(other)).rejects.toThrow(/oci-layout is not an OCI image layout marker/)
  })
})

describe('adoptLayer', () => {
  it('renames a downloaded file into place once it hashes right, without copying it', async () => {
    const tar = await makeTar([{ name: 'a', body: 'adopted\n' }])
    const tmp = store.tempName('blob')
    await writeFile(tmp, tar)
    const ino = (await stat(tmp)).ino
    const ref = await store.adoptLayer(tmp, sha(tar))
    expect(ref).toMatchObject({
      digest: sha(tar),
      diffID: sha(tar),
      size: tar.length,
      mediaType: MEDIA_LAYER
    })
    expect((await stat(ref.path)).ino).toBe(ino)
    expect(existsSync(tmp)).toBe(false)
    // Present already: the download is dropped, the blob kept.
    const again = store.tempName('blob')
    await writeFile(again, tar)
    await store.adoptLayer(again, sha(tar))
    expect(existsSync(again)).toBe(false)
    expect((await readFile(ref.path)).equals(tar)).toBe(true)
  })

  it('refuses a file that does not hash to the digest asked for, and removes it', async () => {
    const tar = await makeTar([{ name: 'a', body: 'x' }])
    const tmp = store.tempName('blob')
    await writeFile(tmp, Buffer.concat([tar.subarray(0, 100), Buffer.from('!'), tar.subarray(101)]))
    await expect(store.adoptLayer(tmp, sha(tar))).rejects.toThrow(/is corrupt: its content hashes to sha256:/)
    expect(existsSync(tmp)).toBe(false)
    expect(await store.hasBlob(sha(tar))).toBe(false)
  })
})

describe('putLayer', () => {
  it('stores the stream under its sha256, uncompressed, digest == diffID', async () => {
    const tar = await makeTar([{ name: 'etc/hostname', body: 'kiln\n' }])
    const layer = await store.putLayer(streamOf(tar))
    expect(layer).toEqual({
      digest: sha(tar),
      diffID: sha(tar),
      size: tar.length,
      mediaType: MEDIA_LAYER,
      path: store.blobPath(sha(tar))
    })
    expect(await readFile(layer.path)).toEqual(tar)
    expect(await store.hasBlob(layer.digest)).toBe(true)
  })

  it('does not rewrite a blob that is already there', async () => {
    const tar = await makeTar([{ name: 'a', body: 'same' }])
    const first = await store.putLayer(streamOf(tar))
    const before = await stat(first.path)
    await new Promise((r) => setTimeout(r, 20))
    const second = await store.putLayer(streamOf(tar))
    const after = await stat(second.path)
    expect(second.digest).toBe(first.digest)
    expect(after.ino).toBe(before.ino)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(await readdir(store.tmpDir)).toEqual([])
  })

  it('leaves no partial blob and no temp file when the stream fails', async () => {
    const before = await blobs()
    await expect(store.putLayer(failingStream(Buffer.alloc(4096, 1)))).rejects.toThrow(/producer died/)
    expect(await blobs()).toEqual(before)
    expect(await readdir(store.tmpDir)).toEqual([])
  })

  it('putBlobStream with an expected digest refuses other content', async () => {
    await expect(store.putBlobStream(streamOf(Buffer.from('abc')), { expected: sha('abd') })).rejects.toThrow(
      /does not match its digest/
    )
    expect(await store.hasBlob(sha('abc'))).toBe(false)
    const ok = await store.putBlobStream(streamOf(Buffer.from('abc')), { expected: sha('abc') })
    expect(ok.digest).toBe(sha('abc'))
  })
})

describe('putImage and refs', () => {
  it('writes config and manifest, the moving tag and a dated tag', async () => {
    const layer = await store.putLayer(streamOf(await makeTar([{ name: 'a', body: '1' }])))
    const img = await store.putImage({
      layers: [layer],
      config: { ...config, config: { Env: ['A=1'] } },
      name: 'deb',
      key: 'key-1'
    })
    expect(img.refs).toEqual(['deb', `deb-${today()}_1`])
    expect(img.config.rootfs.diff_ids).toEqual([layer.diffID])
    expect(img.config.architecture).toBe('amd64')
    expect(img.manifest.annotations).toMatchObject({ 'dev.kiln.key': 'key-1', 'dev.kiln.image': 'deb' })
    expect(img.manifest.annotations?.['org.opencontainers.image.created']).toMatch(/^\d{4}-\d\d-\d\dT/)
    const index = JSON.parse(await indexJson()) as {
      manifests: Array<{ digest: string; annotations: Record<string, string> }>
    }
    expect(index.manifests.map((m) => m.annotations[ANNOTATION_REF])).toEqual(['deb', `deb-${today()}_1`])
    expect(
      index.manifests.every(
        (m) => m.digest === img.manifestDigest && m.annotations['dev.kiln.key'] === 'key-1'
      )
    ).toBe(true)
    const back = await store.getImage('deb')
    expect(back?.manifestDigest).toBe(img.manifestDigest)
    expect(back?.refs.sort()).toEqual(['deb', `deb-${today()}_1`])
    expect(back?.key).toBe('key-1')
    expect(back?.layers).toEqual([layer])
    expect((await store.getImage(img.manifestDigest))?.manifestDigest).toBe(img.manifestDigest)
    expect(await store.getImage('nope')).toBeNull()
  })

  it('moves the tag to the newest build, numbers the dated tags, keeps old builds', async () => {
    const a = await store.putImage({ layers: [], config, name: 'x', key: 'k1' })
    const b = await store.putImage({ layers: [], config, name: 'x', key: 'k2' })
    const c = await store.putImage({ layers: [], config, name: 'x', key: 'k2' })
    expect(c.refs).toEqual(['x', `x-${today()}_3`])
    expect((await store.getImage('x'))?.manifestDigest).toBe(c.manifestDigest)
    expect((await store.getImage(`x-${today()}_1`))?.manifestDigest).toBe(a.manifestDigest)
    expect((await store.getImage(`x-${today()}_2`))?.manifestDigest).toBe(b.manifestDigest)
    const refs = (await store.listRefs()).map((r) => r.ref).sort()
    expect(refs).toEqual(['x', `x-${today()}_1`, `x-${today()}_2`, `x-${today()}_3`])
    expect((await store.findByKey('k2'))?.manifestDigest).toBe(c.manifestDigest)
    expect((await store.findByKey('k1'))?.manifestDigest).toBe(a.manifestDigest)
    expect(await store.findByKey('k3')).toBeNull()
  })

  it('gives distinct dated tags to concurrent builds of one name', async () => {
    const imgs = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => store.putImage({ layers: [], config, name: 'p', key: `k${i}` }))
    )
    expect(imgs.map((i) => i.refs[1]).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `p-${today()}_${n}`))
  })

  it('gives distinct dated tags across two store handles (lock file)', async () => {
    const other = await openStore(store.root)
    await Promise.all([
      ...[1, 2, 3].map((i) => store.putImage({ layers: [], config, name: 'q', key: `a${i}` })),
      ...[1, 2, 3].map((i) => other.putImage({ layers: [], config, name: 'q', key: `b${i}` }))
    ])
    const dated = (await store.listRefs()).map((r) => r.ref).filter((r) => r.startsWith('q-'))
    expect(dated.sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `q-${today()}_${n}`))
  })

  it('refuses an image whose layer is not in the store, leaving no tag', async () => {
    const before = await indexJson()
    const ghost = {
      digest: sha('ghost'),
      diffID: sha('ghost'),
      size: 5,
      mediaType: MEDIA_LAYER,
      path: '/nowhere'
    }
    await expect(store.putImage({ layers: [ghost], config, name: 'g', key: 'k' })).rejects.toThrow(
      /image g: layer sha256:.* is not in the store/
    )
    expect(await indexJson()).toBe(before)
  })

  it('removeRef drops one ref only', async () => {
    await store.putImage({ layers: [], config, name: 'r', key: 'k' })
    expect(await store.removeRef('r')).toBe(true)
    expect(await store.removeRef('r')).toBe(false)
    expect(await store.getImage('r')).toBeNull()
    expect(await store.getImage(`r-${today()}_1`)).not.toBeNull()
  })
})

describe('nextDatedTag', () => {
  it.each([
    [[], 'n-2026-01-02_1'],
    [['n-2026-01-02_1'], 'n-2026-01-02_2'],
    [['n-2026-01-02_9', 'n-2026-01-02_10', 'n-2026-01-02_3'], 'n-2026-01-02_11'],
    [['n-2026-01-01_7', 'n-x-2026-01-02_4', 'n-2026-01-02_x'], 'n-2026-01-02_1']
  ])('after %j is %s', (existing, expected) => {
    expect(nextDatedTag('n', '2026-01-02T23:59:59.000Z', existing)).toBe(expected)
  })
})

describe('gc', () => {
  it('removes only blobs no ref reaches, and dead writers’ temp files', async () => {
    const shared = await store.putLayer(streamOf(await makeTar([{ name: 'shared', body: 's' }])))
    const onlyOld = await store.putLayer(streamOf(await makeTar([{ name: 'old', body: 'o' }])))
    const orphan = await store.putLayer(streamOf(await makeTar([{ name: 'orphan', body: 'x' }])))
    const old = await store.putImage({ layers: [shared, onlyOld], config, name: 'img', key: 'k1' })
    const cur = await store.putImage({
      layers: [shared],
      config: { ...config, config: { Env: ['V=2'] } },
      name: 'img',
      key: 'k2'
    })
    // A temp file of a process that no longer exists (pid far above pid_max) and one of ours.
    await writeFile(join(store.tmpDir, '99999999-dead.blob'), 'partial')
    await writeFile(join(store.tmpDir, `${process.pid}-live.blob`), 'in progress')

    // While the writer (this process, a live build) holds its lease, gc keeps what it wrote.
    let r = await store.gc()
    expect(r.removed).toBe(0)
    expect(r.leased).toBe(1)
    expect(r.tempRemoved).toBe(1)
    expect(r.leaseOwners).toEqual([`${process.pid}@${hostname()}`])
    expect(await store.hasBlob(orphan.digest)).toBe(true)
    store.releaseLease()

    r = await store.gc()
    expect(r.removed).toBe(1)
    expect(r.bytes).toBe(orphan.size)
    expect(await store.hasBlob(orphan.digest)).toBe(false)
    expect(await readdir(store.tmpDir)).toEqual([`${process.pid}-live.blob`])
    // The old build stays while its dated tag names it.
    expect(await store.hasBlob(onlyOld.digest)).toBe(true)

    await store.removeRef(`img-${today()}_1`)
    r = await store.gc()
    expect(await store.hasBlob(onlyOld.digest)).toBe(false)
    expect(await store.hasBlob(old.manifestDigest)).toBe(false)
    expect(await store.hasBlob(shared.digest)).toBe(true)
    expect(await store.hasBlob(cur.manifestDigest)).toBe(true)
    expect(await store.hasBlob(cur.manifest.config.digest)).toBe(true)
    expect(r.removed).toBe(3) // the old manifest, its config and its own layer
    expect((await store.getImage('img'))?.layers.map((l) => l.digest)).toEqual([shared.digest])
  })
})

describe('index lock', () => {
  it('takes over a lock file left by a process that is gone', async () => {
    await writeFile(join(store.root, 'index.json.lock'), '99999999\n')
    const img = await store.putImage({ layers: [], config, name: 'after-crash', key: 'k' })
    expect(img.refs[0]).toBe('after-crash')
    expect(existsSync(join(store.root, 'index.json.lock'))).toBe(false)
  })

  it('waits for a live holder and gives up with a message naming the lock file', async () => {
    const lock = join(dir, 'held.lock')
    await writeFile(lock, `${process.pid}\n`)
    await expect(withLockFile(lock, async () => 1, 200)).rejects.toThrow(
      /held\.lock: still held by another process/
    )
    await rm(lock)
    expect(await withLockFile(lock, async () => 2, 200)).toBe(2)
    expect(existsSync(lock)).toBe(false)
  })
})
