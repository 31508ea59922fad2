// docker save / OCI archives parsed without an engine: entry order, symlinked layers, gzip layers.
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import tarStream from 'tar-stream'
import { importDockerArchive } from '../../src/engine/index.js'
import { openStore, type LayoutStore } from '../../src/store/index.js'
import { paxRecords, rawTar } from './raw-tar.js'
import { makeTar } from './store-helpers.js'

const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const hex = (d: string): string => d.slice(7)

interface Raw {
  name: string
  body?: Buffer | string
  linkname?: string
}

async function archive(entries: Raw[]): Promise<Buffer> {
  const pack = tarStream.pack()
  const chunks: Buffer[] = []
  const done = (async () => {
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c)
  })()
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      if (e.linkname)
        pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname }, (err) =>
          err ? reject(err) : resolve()
        )
      else pack.entry({ name: e.name }, Buffer.from(e.body ?? ''), (err) => (err ? reject(err) : resolve()))
    })
  }
  pack.finalize()
  await done
  return Buffer.concat(chunks)
}

let dir: string
let store: LayoutStore
let l1: Buffer
let l2: Buffer
beforeAll(async () => {
  l1 = await makeTar([{ name: 'etc/os-release', body: 'ID=test\n' }])
  l2 = await makeTar([{ name: 'hello', body: 'hi\n' }])
})
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-dockerarchive-'))
  store = await openStore(dir)
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const config = (diffIDs: string[]): string =>
  JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: diffIDs }
  })

describe('importDockerArchive', () => {
  it('reads the legacy form with layers before manifest.json', async () => {
    const cfg = config([sha(l1), sha(l2)])
    const tar = await archive([
      { name: 'aaa/layer.tar', body: l2 },
      { name: 'bbb/layer.tar', body: l1 },
      { name: `${hex(sha(cfg))}.json`, body: cfg },
      {
        name: 'manifest.json',
        body: JSON.stringify([
          { Config: `${hex(sha(cfg))}.json`, RepoTags: ['x:1'], Layers: ['bbb/layer.tar', 'aaa/layer.tar'] }
        ])
      }
    ])
    const got = await importDockerArchive(store, Readable.from([tar]), { what: 'legacy.tar', ref: 'x:1' })
    expect(got.layers.map((l) => l.digest)).toEqual([sha(l1), sha(l2)])
    expect(got.config.config?.Cmd).toEqual(['/bin/sh'])
  })

  it('follows docker 25 symlinks from <id>/layer.tar into blobs/, and takes gzip OCI layers', async () => {
    const gz = gzipSync(l2)
    const cfg = config([sha(l1), sha(l2)])
    const manifest = JSON.stringify({
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(cfg), size: cfg.length },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(l1), size: l1.length },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(gz), size: gz.length }
      ]
    })
    const index = JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: sha(manifest),
          size: manifest.length
        }
      ]
    })
    const tar = await archive([
      { name: `blobs/sha256/${hex(sha(gz))}`, body: gz },
      { name: `blobs/sha256/${hex(sha(l1))}`, body: l1 },
      { name: `blobs/sha256/${hex(sha(cfg))}`, body: cfg },
      { name: `blobs/sha256/${hex(sha(manifest))}`, body: manifest },
      { name: 'index.json', body: index },
      { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' }
    ])
    const got = await importDockerArchive(store, Readable.from([tar]), { what: 'oci.tar' })
    expect(got.layers.map((l) => l.digest)).toEqual([sha(l1), sha(l2)])
    expect(await store.hasBlob(sha(gz))).toBe(false)

    // docker 25+: manifest.json next to index.json, legacy paths as symlinks into blobs/.
    const tar25 = await archive([
      { name: `blobs/sha256/${hex(sha(l1))}`, body: l1 },
      { name: `blobs/sha256/${hex(sha(gz))}`, body: gz },
      { name: `blobs/sha256/${hex(sha(cfg))}`, body: cfg },
      { name: 'ccc/layer.tar', linkname: `../blobs/sha256/${hex(sha(l1))}` },
      {
        name: 'manifest.json',
        body: JSON.stringify([
          {
            Config: `blobs/sha256/${hex(sha(cfg))}`,
            Layers: ['ccc/layer.tar', `blobs/sha256/${hex(sha(gz))}`]
          }
        ])
      }
    ])
    const got25 = await importDockerArchive(store, Readable.from([tar25]), { what: 'docker25.tar' })
    expect(got25.layers.map((l) => l.digest)).toEqual([sha(l1), sha(l2)])
  })

  it('refuses an archive whose layers do not match the config', async () => {
    const cfg = config([sha(l2)])
    const tar = await archive([
      { name: 'a/layer.tar', body: l1 },
      { name: 'c.json', body: cfg },
      { name: 'manifest.json', body: JSON.stringify([{ Config: 'c.json', Layers: ['a/layer.tar'] }]) }
    ])
    await expect(importDockerArchive(store, Readable.from([tar]), { what: 'bad.tar' })).rejects.toThrow(
      /bad\.tar: the layers do not match the image config's diff_ids/
    )
  })

  it('names a layer missing from the archive', async () => {
    const cfg = config([sha(l1)])
    const tar = await archive([
      { name: 'c.json', body: cfg },
      { name: 'manifest.json', body: JSON.stringify([{ Config: 'c.json', Layers: ['gone/layer.tar'] }]) }
    ])
    await expect(importDockerArchive(store, Readable.from([tar]), { what: 'short.tar' })).rejects.toThrow(
      /short\.tar: layer 1 \(gone\/layer\.tar\) is missing/
    )
  })
})

describe('importDockerArchive: the layers are archives from outside too', () => {
  const blobs = async (): Promise<string[]> => {
    const { readdir } = await import('node:fs/promises')
    return readdir(join(dir, 'blobs', 'sha256')).catch(() => [])
  }

  it.each<[string, Buffer, RegExp]>([
    [
      'a GNU sparse entry',
      rawTar([{ name: 'huge', typeflag: 'S', data: '' }]),
      /save\.tar: a\/layer\.tar: entry "huge": an entry type Kiln does not accept/
    ],
    [
      'a pax global header with a path',
      rawTar([
        { name: 'g', typeflag: 'g', data: paxRecords({ path: '../../x' }) },
        { name: 'innocent', typeflag: '0', data: 'x' }
      ]),
      /save\.tar: a\/layer\.tar: entry "\(pax global header\)": a pax global header sets path/
    ]
  ])('refuses a layer holding %s, and keeps no layer', async (_what, layer, message) => {
    const cfg = config([sha(layer)])
    const tar = await archive([
      { name: 'a/layer.tar', body: layer },
      { name: 'c.json', body: cfg },
      { name: 'manifest.json', body: JSON.stringify([{ Config: 'c.json', Layers: ['a/layer.tar'] }]) }
    ])
    const before = await blobs()
    await expect(importDockerArchive(store, Readable.from([tar]), { what: 'save.tar' })).rejects.toThrow(
      message
    )
    expect(await blobs()).toEqual(before)
  })

  it.each<[string, Raw[], RegExp]>([
    [
      'manifest.json that is not JSON',
      [{ name: 'manifest.json', body: '[{' }],
      /manifest\.json is not valid JSON/
    ],
    [
      'Layers that is not a list',
      [{ name: 'manifest.json', body: '[{"Config":"c.json","Layers":"x"}]' }],
      /manifest\.json: Layers must be a list of file names/
    ],
    [
      'an index.json whose manifest has no digest',
      [{ name: 'index.json', body: '{"manifests":[{"size":1}]}' }],
      /odd\.tar: a manifest of index\.json has no digest/
    ],
    [
      'manifests that is not a list',
      [{ name: 'index.json', body: '{"manifests":7}' }],
      /index\.json: manifests is not a list/
    ]
  ])('names what is wrong with %s (no TypeError)', async (_what, entries, message) => {
    const err = await importDockerArchive(store, Readable.from([await archive(entries)]), {
      what: 'odd.tar'
    }).catch((e: unknown) => e as Error)
    expect(err).toBeInstanceOf(Error)
    expect(err).not.toBeInstanceOf(TypeError)
    expect((err as Error).message).toMatch(message)
  })
})

// Layers above the in-memory size (8 MiB) stream into the store; one the store has already is
// taken from the store: no hash, no write, whatever the archive's copy holds.
describe('importDockerArchive with layers the store has', () => {
  let big: Buffer
  beforeAll(async () => {
    const body = Buffer.alloc(9 << 20)
    for (let i = 0; i < body.length; i++) body[i] = 33 + ((i * 7 + (i >> 12)) % 94)
    big = await makeTar([{ name: 'opt/big', body: body.toString('latin1') }])
  })
  /** The store, counting the layers written through it. */
  const counting = (s: LayoutStore): { store: LayoutStore; puts: () => number } => {
    let n = 0
    const wrapped = new Proxy(s, {
      get(target, prop, receiver) {
        if (prop === 'putLayer')
          return (tar: NodeJS.ReadableStream) => {
            n++
            return target.putLayer(tar)
          }
        const v = Reflect.get(target, prop, receiver) as unknown
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
      }
    })
    return { store: wrapped, puts: () => n }
  }
  const legacy = (layers: Buffer[], diffIDs: string[]): Promise<Buffer> => {
    const cfg = config(diffIDs)
    return archive([
      ...layers.map((body, i) => ({ name: `l${i}/layer.tar`, body })),
      { name: 'c.json', body: cfg },
      {
        name: 'manifest.json',
        body: JSON.stringify([{ Config: 'c.json', Layers: layers.map((_, i) => `l${i}/layer.tar`) }])
      }
    ])
  }
  const oci = (layers: Array<{ body: Buffer; digest: string }>, diffIDs: string[]): Promise<Buffer> => {
    const cfg = config(diffIDs)
    const manifest = JSON.stringify({
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(cfg), size: cfg.length },
      layers: layers.map((l) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: l.digest,
        size: l.body.length
      }))
    })
    const index = JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: sha(manifest),
          size: manifest.length
        }
      ]
    })
    return archive([
      ...layers.map((l) => ({ name: `blobs/sha256/${hex(l.digest)}`, body: l.body })),
      { name: `blobs/sha256/${hex(sha(cfg))}`, body: cfg },
      { name: `blobs/sha256/${hex(sha(manifest))}`, body: manifest },
      { name: 'index.json', body: index }
    ])
  }
  /** `b` with one byte changed near its end (after the first MiB matched). */
  const damaged = (b: Buffer): Buffer => {
    const d = Buffer.from(b)
    d[d.length - 2000] ^= 0xff
    return d
  }

  it('legacy form: a layer equal to a stored one is compared, not hashed nor written', async () => {
    const known = [await store.putLayer(Readable.from([big]))]
    const { store: s, puts } = counting(store)
    const tar = await legacy([big, l2], [sha(big), sha(l2)])
    const got = await importDockerArchive(s, Readable.from([tar]), { what: 'save.tar', known })
    expect(got.layers.map((l) => l.digest)).toEqual([sha(big), sha(l2)])
    expect(got.reused).toEqual([sha(big)])
    expect(puts()).toBe(1) // l2 only
  })

  it('legacy form: a layer of a stored layer’s size but other bytes is stored whole and checked', async () => {
    const known = [await store.putLayer(Readable.from([big]))]
    const other = damaged(big)
    const got = await importDockerArchive(store, Readable.from([await legacy([other], [sha(other)])]), {
      what: 'save.tar',
      known
    })
    expect(got.reused).toEqual([])
    expect(got.layers[0].digest).toBe(sha(other))
    // The part that matched came back from the stored layer: the new blob is the archive's bytes.
    expect(
      createHash('sha256')
        .update(await readFile(got.layers[0].path))
        .digest('hex')
    ).toBe(hex(sha(other)))
    // And a damaged copy that claims to be the stored layer is refused by the config check.
    await expect(
      importDockerArchive(store, Readable.from([await legacy([other], [sha(big)])]), {
        what: 'bad.tar',
        known
      })
    ).rejects.toThrow(/bad\.tar: the layers do not match the image config's diff_ids/)
  })

  it('OCI form: a blob the store has is not read, so a damaged copy in the archive does not matter', async () => {
    const known = [await store.putLayer(Readable.from([big]))]
    const { store: s, puts } = counting(store)
    const tar = await oci([{ body: damaged(big), digest: sha(big) }], [sha(big)])
    const got = await importDockerArchive(s, Readable.from([tar]), { what: 'oci.tar', known })
    expect(got.reused).toEqual([sha(big)])
    expect(puts()).toBe(0)
    expect((await readFile(got.layers[0].path)).equals(big)).toBe(true)
    // Without the store's copy, the same archive is refused: its blob is not what it claims.
    await rm(got.layers[0].path)
    await expect(importDockerArchive(store, Readable.from([tar]), { what: 'oci.tar' })).rejects.toThrow(
      /oci\.tar/
    )
  })
})
