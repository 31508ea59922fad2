// The store read back by umoci and skopeo; the images/gc commands on it.
import { jest } from '@jest/globals'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { registerGc } from '../../src/adapters/cli/commands/gc.js'
import { registerImages } from '../../src/adapters/cli/commands/images.js'
import { openStore, type LayoutStore } from '../../src/store/index.js'
import { run } from '../../src/util/exec.js'
import { SilentReporter } from '../../src/util/log.js'
import { makeTar, streamOf } from '../unit/store-helpers.js'
import { inspectWithTools } from './store-tools.js'

const today = (): string => new Date().toISOString().slice(0, 10)
const config = {
  architecture: 'x86_64',
  os: 'linux',
  config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/sh'] }
}

let dir: string
let store: LayoutStore
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-store-itg-'))
  store = await openStore(join(dir, 'store'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs `kiln <args>` with just the store commands registered (the way main() registers them). */
async function kiln(...args: string[]): Promise<number> {
  const ctx = { reporter: new SilentReporter(), exitCode: 0 }
  const program = new Command().name('kiln').exitOverride()
  registerImages(program, ctx)
  registerGc(program, ctx)
  await program.parseAsync(['node', 'kiln', ...args])
  return ctx.exitCode
}

async function captureStdout(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s)
    return true
  })
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    return { code: await fn(), out }
  } finally {
    spy.mockRestore()
    errSpy.mockRestore()
  }
}

describe('store as an OCI image layout', () => {
  it('is read by umoci and skopeo: moving tags, dated tags, multi-layer and scratch images', async () => {
    const l1 = await store.putLayer(
      streamOf(
        await makeTar([
          { name: 'etc/', type: 'directory' },
          { name: 'etc/os-release', body: 'ID=kiln\n' },
          { name: 'bin/', type: 'directory' },
          { name: 'bin/sh', body: '#!fake\n', mode: 0o755 }
        ])
      )
    )
    const l2 = await store.putLayer(streamOf(await makeTar([{ name: 'etc/motd', body: 'hello\n' }])))
    const base = await store.putImage({ layers: [l1], config, name: 'base', key: 'k-base' })
    const derived = await store.putImage({ layers: [l1, l2], config, name: 'derived', key: 'k-derived' })
    const empty = await store.putImage({
      layers: [],
      config: { architecture: 'x86_64', os: 'linux' },
      name: 'empty',
      key: 'k-empty'
    })
    const rebuilt = await store.putImage({
      layers: [l1],
      config: { ...config, config: { Env: ['X=2'] } },
      name: 'base',
      key: 'k-base2'
    })

    const all = [
      'base',
      `base-${today()}_1`,
      `base-${today()}_2`,
      'derived',
      `derived-${today()}_1`,
      'empty',
      `empty-${today()}_1`
    ].sort()
    const expectLayers: Record<string, string[]> = {
      base: [l1.digest],
      [`base-${today()}_1`]: [l1.digest],
      derived: [l1.digest, l2.digest],
      empty: []
    }
    for (const [ref, layers] of Object.entries(expectLayers)) {
      const view = await inspectWithTools(store.root, ref)
      expect(view.umociRefs).toEqual(all)
      expect(view.skopeo.Layers).toEqual(layers)
      expect(view.skopeo.Architecture).toBe('amd64')
      expect(view.skopeo.Os).toBe('linux')
    }
    expect((await inspectWithTools(store.root, 'base')).skopeo.Digest).toBe(rebuilt.manifestDigest)
    expect((await inspectWithTools(store.root, `base-${today()}_1`)).skopeo.Digest).toBe(base.manifestDigest)
    expect((await inspectWithTools(store.root, 'derived')).skopeo.Digest).toBe(derived.manifestDigest)
    expect((await inspectWithTools(store.root, 'empty')).skopeo.Digest).toBe(empty.manifestDigest)

    // umoci unpacks the layered image: the top layer's file is on top of the bottom one's.
    const bundle = join(dir, 'bundle')
    await run('umoci', ['unpack', '--image', `${store.root}:derived`, bundle])
    expect(await readFile(join(bundle, 'rootfs/etc/motd'), 'utf8')).toBe('hello\n')
    expect(await readFile(join(bundle, 'rootfs/etc/os-release'), 'utf8')).toBe('ID=kiln\n')
    await rm(bundle, { recursive: true, force: true })
  })

  it('kiln images lists refs with keys and sizes; kiln gc removes only unreachable blobs', async () => {
    const listing = await captureStdout(() => kiln('images', '--store', store.root, '--json'))
    expect(listing.code).toBe(0)
    const rows = JSON.parse(listing.out) as Array<{ ref: string; key: string; size: number; created: string }>
    const base = rows.find((r) => r.ref === 'base')!
    expect(base.key).toBe('k-base2')
    expect(base.size).toBeGreaterThan(0)
    expect(rows.map((r) => r.ref)).toContain(`base-${today()}_2`)
    const table = await captureStdout(() => kiln('images', '--store', store.root))
    expect(table.out.split('\n')[0]).toMatch(/^REF\s+KEY\s+MANIFEST\s+SIZE\s+CREATED$/)
    expect(table.out).toMatch(new RegExp(`^derived-${today()}_1\\s+k-derived\\s`, 'm'))

    const orphan = await store.putLayer(streamOf(await makeTar([{ name: 'orphan', body: 'o' }])))
    // The writer is done with it: while its lease held, gc would keep it (store-faults.itg.test.ts).
    store.releaseLease()
    const before = (await readdir(join(store.root, 'blobs/sha256'))).length
    // Its own sandbox cache: the shared one holds layers of the other tests' stores.
    const gc = await captureStdout(() =>
      kiln('gc', '--store', store.root, '--sandbox-cache', join(dir, 'sandbox-cache'))
    )
    expect(gc.code).toBe(0)
    const after = await readdir(join(store.root, 'blobs/sha256'))
    expect(after.length).toBe(before - 1)
    expect(after).not.toContain(orphan.digest.slice(7))
    // Every ref still reads whole after gc.
    for (const ref of ['base', `base-${today()}_1`, 'derived', 'empty'])
      await inspectWithTools(store.root, ref)
  })
})
