// The orchestrator over a real store (an OCI layout in a temp dir) with builders that write a
// one-file layer: order, reuse by key, failure isolation, parallelism, hooks and the report.
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import tarStream from 'tar-stream'
import { buildPlan, sourceKey, type BuildOptions } from '../../src/pipeline/run.js'
import type { RunReport } from '../../src/pipeline/types.js'
import type { Builder, BuildContext } from '../../src/builders/types.js'
import type { BaseSource } from '../../src/model/types.js'
import type { Plan, PlannedImage } from '../../src/plan/types.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/types.js'
import { BuildError } from '../../src/util/errors.js'
import { SilentReporter } from '../../src/util/log.js'
import { imageSpec } from '../fixtures/image-spec.js'

function layer(name: string): NodeJS.ReadableStream {
  const pack = tarStream.pack()
  pack.entry({ name: `etc/${name}`, mode: 0o644, mtime: new Date(0) }, `${name}\n`)
  pack.finalize()
  return pack as unknown as Readable
}

function planned(name: string, base: string | null, key = `${name}-key`.padEnd(64, '0')): PlannedImage {
  const b: BaseSource = base ? { kind: 'image', name: base } : { kind: 'scratch' }
  const spec = imageSpec(name, { pointer: `/images/${name}`, base: b })
  return { spec, key: Buffer.from(key).toString('hex').slice(0, 64), inputs: [], deps: base ? [base] : [] }
}

/** Builds one layer naming the image on top of its base; `fail` lists images whose build throws. */
class LayerBuilder implements Builder {
  inFlight = 0
  maxInFlight = 0
  built: string[] = []
  constructor(private readonly fail: string[] = []) {}
  async build(ctx: BuildContext) {
    const name = ctx.image.spec.name
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      await new Promise((r) => setTimeout(r, 30))
      if (this.fail.includes(name))
        throw new BuildError(name, 'docker build', 'RUN false: exit 1', ['step 2/2', 'boom'])
      const top = await ctx.store.putLayer(layer(name))
      this.built.push(name)
      return {
        layers: [...(ctx.base?.layers ?? []), top],
        config: {
          architecture: 'amd64',
          os: 'linux',
          config: { Labels: { base: ctx.base?.refs[0] ?? 'scratch' } }
        }
      }
    } finally {
      this.inFlight--
    }
  }
}

describe('buildPlan', () => {
  let dir: string
  let store: Store
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-build-run-'))
    store = await openStore(join(dir, 'store'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  // a ─ b ─ c ;  a ─ d(fails) ─ e ;  f
  const plan = (): Plan => ({
    catalog: { file: '/x/IMAGES.json', root: '/x', images: [] },
    images: [
      planned('a', null),
      planned('b', 'a'),
      planned('d', 'a'),
      planned('f', null),
      planned('c', 'b'),
      planned('e', 'd')
    ],
    matrix: { distro: [], plan: [], arch: [] }
  })
  const opts = (builder: Builder, extra: Partial<BuildOptions> = {}): BuildOptions => ({
    store,
    outDir: join(dir, 'out'),
    reporter: new SilentReporter(),
    tmpDir: dir,
    builderFor: () => builder,
    ...extra
  })
  const statuses = (r: RunReport): Record<string, string> =>
    Object.fromEntries(r.images.map((i) => [i.name, i.status]))

  it('builds in order, stops only the descendants of a failure, and writes out/index.json', async () => {
    const builder = new LayerBuilder(['d'])
    const report = await buildPlan(plan(), opts(builder))
    expect(statuses(report)).toEqual({
      a: 'built',
      b: 'built',
      d: 'failed',
      f: 'built',
      c: 'built',
      e: 'skipped'
    })
    expect(builder.built.indexOf('a')).toBeLessThan(builder.built.indexOf('b'))
    expect(builder.built.indexOf('b')).toBeLessThan(builder.built.indexOf('c'))
    const d = report.images.find((i) => i.name === 'd')!
    expect(d.error).toEqual({
      step: 'docker build',
      message: 'd: docker build: RUN false: exit 1',
      tail: ['step 2/2', 'boom']
    })
    const c = report.images.find((i) => i.name === 'c')!
    expect(c.layers).toHaveLength(3)
    expect(c.size).toBeGreaterThan(0)
    expect(c.tag).toMatch(/^c-\d{4}-\d\d-\d\d_1$/)
    expect(c.base).toBe('b')
    // The file on disk is the report returned.
    const onDisk = JSON.parse(await readFile(join(dir, 'out', 'index.json'), 'utf8')) as RunReport
    expect(statuses(onDisk)).toEqual(statuses(report))
    // The store holds exactly the images that built, each under its key.
    const refs = (await store.listRefs()).map((r) => r.ref).filter((r) => !/-\d{4}-/.test(r))
    expect(refs.sort()).toEqual(['a', 'b', 'c', 'f'])
    expect((await store.findByKey(report.images[4].key))?.manifestDigest).toBe(c.manifestDigest)
  })

  it('reuses what the store has by key and rebuilds nothing else', async () => {
    await buildPlan(plan(), opts(new LayerBuilder(['d'])))
    const again = new LayerBuilder()
    const report = await buildPlan(plan(), opts(again))
    expect(statuses(report)).toEqual({
      a: 'reused',
      b: 'reused',
      d: 'built',
      f: 'reused',
      c: 'reused',
      e: 'built'
    })
    expect(again.built.sort()).toEqual(['d', 'e'])
  })

  it('a changed key rebuilds that image and the ones built on it', async () => {
    await buildPlan(plan(), opts(new LayerBuilder()))
    const p = plan()
    p.images[1] = planned('b', 'a', 'b-key-2')
    p.images[4] = planned('c', 'b', 'c-key-2')
    const builder = new LayerBuilder()
    const report = await buildPlan(p, opts(builder))
    expect(builder.built.sort()).toEqual(['b', 'c'])
    expect(report.images.find((i) => i.name === 'c')!.layers).toHaveLength(3)
  })

  it('builds independent images side by side up to jobs', async () => {
    const one = new LayerBuilder()
    await buildPlan(plan(), opts(one, { jobs: 1 }))
    expect(one.maxInFlight).toBe(1)
    await rm(join(dir, 'store'), { recursive: true })
    store = await openStore(join(dir, 'store'))
    const two = new LayerBuilder()
    await buildPlan(plan(), opts(two, { jobs: 2 }))
    expect(two.maxInFlight).toBe(2)
  })

  it('asks the restore hook before building and calls afterImage for every image', async () => {
    const donor = await openStore(join(dir, 'donor'))
    const pre = await buildPlan(plan(), { ...opts(new LayerBuilder()), store: donor })
    const a = pre.images.find((i) => i.name === 'a')!
    const after: string[] = []
    const builder = new LayerBuilder()
    const report = await buildPlan(
      plan(),
      opts(builder, {
        hooks: {
          // Stands in for the cache: copies image "a" from another store.
          restore: async (p) => {
            if (p.spec.name !== 'a') return null
            const img = (await donor.getImage(a.manifestDigest!))!
            const layers = []
            for (const l of img.layers) layers.push(await store.putLayer(createReadStream(l.path)))
            const { rootfs: _r, ...config } = img.config
            return store.putImage({ layers, config, name: 'a', key: p.key })
          },
          afterImage: async (r) => {
            after.push(`${r.name}:${r.status}`)
          }
        }
      })
    )
    expect(statuses(report).a).toBe('restored')
    expect(builder.built).not.toContain('a')
    expect(after.sort()).toEqual(['a:restored', 'b:built', 'c:built', 'd:built', 'e:built', 'f:built'])
  })

  it('gives a source base a key of its own, unchanged when only the image changes', () => {
    const p1 = planned('x', null)
    p1.spec.base = { kind: 'tar', path: 'rootfs.tar' }
    p1.inputs = [{ kind: 'base-tar', name: 'rootfs.tar', digest: 'sha256:1' }]
    const p2 = {
      ...p1,
      key: 'f'.repeat(64),
      inputs: [...p1.inputs, { kind: 'file', name: 'Dockerfile', digest: 'sha256:2' }]
    }
    const p3 = { ...p1, inputs: [{ kind: 'base-tar', name: 'rootfs.tar', digest: 'sha256:3' }] }
    expect(sourceKey(p2)).toBe(sourceKey(p1))
    expect(sourceKey(p3)).not.toBe(sourceKey(p1))
  })
})
