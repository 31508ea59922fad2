// kiln gc's pass over the unpacked-layer cache: only unused layers and dead runs' temp dirs go.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { link, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mountTables, pruneUnpacked, storeDiffIDs } from '../../src/sandbox/prune.js'
import { openStore, type LayoutStore } from '../../src/store/index.js'
import { makeTar, streamOf } from './store-helpers.js'

const config = { architecture: 'x86_64', os: 'linux' }
const hexOf = (s: string): string => createHash('sha256').update(s).digest('hex')

let dir: string
let store: LayoutStore
let layers: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-prune-'))
  store = await openStore(join(dir, 'store'))
  layers = join(dir, 'cache', 'layers')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A fake unpacked layer with a file and a hard link to it. */
async function unpacked(name: string): Promise<void> {
  await mkdir(join(layers, name, 'etc'), { recursive: true })
  await writeFile(join(layers, name, 'etc', 'f'), 'x'.repeat(10_000))
  await link(join(layers, name, 'etc', 'f'), join(layers, name, 'etc', 'g'))
}

/** A pid that has just exited. */
const deadPid = (): number => spawnSync('true').pid!

describe('pruneUnpacked', () => {
  test('keeps what the store uses, what is mounted and live runs; removes the rest', async () => {
    const kept = await store.putLayer(streamOf(await makeTar([{ name: 'a', body: 'kept' }])))
    const dropped = await store.putLayer(streamOf(await makeTar([{ name: 'b', body: 'dropped' }])))
    await store.putImage({ layers: [kept], config, name: 'live', key: 'k1' })
    const old = await store.putImage({ layers: [kept, dropped], config, name: 'old', key: 'k2' })
    for (const ref of old.refs) await store.removeRef(ref)
    await store.gc()

    const keepHex = kept.diffID.slice(7)
    const dropHex = dropped.diffID.slice(7)
    const mountedHex = hexOf('mounted')
    const staleTemp = `.unpack-${dropHex.slice(0, 12)}-${deadPid()}-0123abcd`
    const liveTemp = `.unpack-${keepHex.slice(0, 12)}-${process.pid}-89abcdef`
    const stalePrune = `.prune-${hexOf('p')}-${deadPid()}-00000000`
    for (const n of [keepHex, dropHex, mountedHex, staleTemp, liveTemp, stalePrune]) await unpacked(n)
    await writeFile(join(layers, 'README'), 'not ours')

    const ids = await storeDiffIDs(store)
    expect([...ids]).toEqual([kept.diffID])
    const fakeMounts = `99 1 0:50 / /m rw - overlay kiln-sandbox rw,lowerdir=${layers}/${mountedHex},upperdir=/u`
    const r = await pruneUnpacked(join(dir, 'cache'), ids, { mountTables: async () => fakeMounts })

    expect(r).toMatchObject({ layers: 1, temps: 2, busy: 1 })
    // Three trees of one 10 kB file (its hard link counted once) and their directories.
    expect(r.bytes).toBeGreaterThanOrEqual(3 * 10_000)
    expect((await readdir(layers)).sort()).toEqual([keepHex, liveTemp, mountedHex, 'README'].sort())
  })

  test('a layer mounted between the first look and its removal is put back', async () => {
    const hex = hexOf('racer')
    await unpacked(hex)
    let looks = 0
    const tables = async (): Promise<string> => (looks++ ? `overlay lowerdir=${layers}/${hex}` : '')
    const r = await pruneUnpacked(join(dir, 'cache'), [], { mountTables: tables })
    expect(r).toMatchObject({ layers: 0, busy: 1, bytes: 0 })
    expect(await readdir(layers)).toEqual([hex])
  })

  test('no cache directory: nothing to do', async () => {
    await expect(pruneUnpacked(join(dir, 'none'), [])).resolves.toEqual({
      layers: 0,
      temps: 0,
      bytes: 0,
      busy: 0
    })
  })

  test('reads the mount tables of this host', async () => {
    expect(await mountTables()).toMatch(/ \/ /)
  })
})

describe('the unpacked-layer cache directory', () => {
  test('is made 0700, and an existing one is tightened to 0700', async () => {
    const { layersDir } = await import('../../src/sandbox/unpacked.js')
    const { chmod, stat } = await import('node:fs/promises')
    const fresh = join(dir, 'fresh-cache')
    expect((await stat(await layersDir(fresh))).mode & 0o777).toBe(0o700)
    await mkdir(layers, { recursive: true, mode: 0o755 })
    await chmod(layers, 0o755)
    expect(await layersDir(join(dir, 'cache'))).toBe(layers)
    expect((await stat(layers)).mode & 0o777).toBe(0o700)
  })
})
