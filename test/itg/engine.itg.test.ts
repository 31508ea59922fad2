// Store ⇄ Docker engine: one docker load of the minbase, a small build on it, docker save back
// (legacy archive from this engine), and the OCI-archive form (gzip layers) through skopeo.
import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  dockerServerVersion,
  imageExists,
  importDockerArchive,
  loadIntoDocker,
  removeDockerImage,
  saveFromDocker
} from '../../src/engine/index.js'
import { materializeBase } from '../../src/sources/index.js'
import { openStore, type LayoutStore, type StoredImage } from '../../src/store/index.js'
import { run } from '../../src/util/exec.js'
import { findCorruptBlob } from '../../src/util/digest.js'
import { SilentReporter } from '../../src/util/log.js'
import { baseTar } from '../fixtures/bases.js'
import { inspectWithTools } from './store-tools.js'

const reporter = new SilentReporter()
const repo = `kiln-itg-engine-${process.pid}`
const baseTag = `${repo}:base`
const derivedTag = `${repo}:derived`
const corruptTag = `${repo}:corrupt`
let dir: string
let store: LayoutStore
let base: StoredImage

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-engine-itg-'))
  store = await openStore(join(dir, 'store'))
  base = await materializeBase(
    store,
    { kind: 'tar', path: baseTar('minbase') },
    { root: dir, image: 'minbase', key: 'k-minbase', workDir: dir, reporter }
  )
})
afterAll(async () => {
  for (const t of [derivedTag, baseTag, corruptTag]) await removeDockerImage(t)
  await rm(dir, { recursive: true, force: true })
})

describe('engine bridge', () => {
  it('knows the engine version and which images it has', async () => {
    expect(await dockerServerVersion()).toMatch(/^\d+\.\d+/)
    expect(await imageExists(`${repo}:absent`)).toBe(false)
  })

  it('loads a stored image (streamed docker-archive), builds on it, and saves the result back', async () => {
    await loadIntoDocker(store, base, baseTag, reporter)
    // The config went in byte for byte: the engine's image id is the store's config digest.
    const id = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', baseTag])
    expect(id.stdout.trim()).toBe(base.manifest.config.digest)
    const version = await run('docker', [
      'run',
      '--rm',
      '--network',
      'none',
      baseTag,
      'cat',
      '/etc/debian_version'
    ])
    expect(version.stdout.trim()).toMatch(/^12\./)

    await run('docker', ['build', '--network', 'host', '-t', derivedTag, '-'], {
      input: `FROM ${baseTag}\nRUN echo kiln > /hello && rm -f /etc/motd\n`
    })
    const baseBlob = await stat(base.layers[0].path)
    const saved = await saveFromDocker(store, derivedTag, reporter)
    expect(saved.layers).toHaveLength(2)
    // The base layer came back identical and was not rewritten.
    expect(saved.layers[0].digest).toBe(base.layers[0].digest)
    expect((await stat(saved.layers[0].path)).mtimeMs).toBe(baseBlob.mtimeMs)
    // Taken from the store (compared as it streamed), not hashed nor written; the new one stored.
    expect(saved.reused).toEqual([base.layers[0].diffID])
    const top = await run('tar', ['-tf', saved.layers[1].path])
    expect(top.stdout.split('\n')).toEqual(expect.arrayContaining(['hello', 'etc/.wh.motd']))
    const engineLayers = await run('docker', [
      'image',
      'inspect',
      '--format',
      '{{json .RootFS.Layers}}',
      derivedTag
    ])
    expect(saved.layers.map((l) => l.diffID)).toEqual(JSON.parse(engineLayers.stdout))

    const { rootfs: _rootfs, ...config } = saved.config
    await store.putImage({ layers: saved.layers, config, name: 'derived', key: 'k-derived' })
    const view = await inspectWithTools(store.root, 'derived')
    expect(view.skopeo.Layers).toEqual(saved.layers.map((l) => l.digest))
  })

  it('takes an OCI-archive with gzip layers (the docker 25+ save form) into a fresh store', async () => {
    const archive = join(dir, 'derived.oci.tar')
    await run('skopeo', ['copy', '--dest-compress', `docker-daemon:${derivedTag}`, `oci-archive:${archive}`])
    const manifest = await run('skopeo', ['inspect', '--raw', `oci-archive:${archive}`])
    expect(
      (JSON.parse(manifest.stdout) as { layers: Array<{ mediaType: string }> }).layers[0].mediaType
    ).toMatch(/gzip/)
    const fresh = await openStore(join(dir, 'fresh'))
    const got = await importDockerArchive(fresh, createReadStream(archive), { what: archive, reporter })
    const engineLayers = await run('docker', [
      'image',
      'inspect',
      '--format',
      '{{json .RootFS.Layers}}',
      derivedTag
    ])
    // Stored uncompressed: each layer's digest is the engine's diffID.
    expect(got.layers.map((l) => l.digest)).toEqual(JSON.parse(engineLayers.stdout))
    expect(got.layers[0].digest).toBe(base.layers[0].digest)
    expect(got.config.rootfs.diff_ids).toEqual(got.layers.map((l) => l.diffID))
  })

  it('a layer that fails its digest stops docker load, naming the blob', async () => {
    const other = await openStore(join(dir, 'store-corrupt'))
    const copy = await materializeBase(
      other,
      { kind: 'tar', path: baseTar('minbase') },
      { root: dir, image: 'minbase', key: 'k-minbase', workDir: dir, reporter }
    )
    const layer = copy.layers[0]
    // One byte in the middle of the layer: the tar stays readable, only the digest tells.
    const fh = await open(layer.path, 'r+')
    try {
      const at = Math.floor(layer.size / 2)
      const b = Buffer.alloc(1)
      await fh.read(b, 0, 1, at)
      b[0] ^= 0x01
      await fh.write(b, 0, 1, at)
    } finally {
      await fh.close()
    }
    const err = (await loadIntoDocker(other, copy, corruptTag, reporter).catch((e: unknown) => e)) as Error
    expect(err).toBeInstanceOf(Error)
    expect(err.message).toMatch(
      new RegExp(`blob ${layer.digest} \\(.*\\) is corrupt: its content hashes to sha256:`)
    )
    expect(findCorruptBlob(err)?.digest).toBe(layer.digest)
    expect(await imageExists(corruptTag)).toBe(false)
  })

  it('names the ref when docker save fails', async () => {
    await expect(saveFromDocker(store, `${repo}:absent`, reporter)).rejects.toThrow(
      new RegExp(`docker save ${repo}:absent: .*exited with status`)
    )
  })
})
