// A chain built for real: a tar base (the minbase fixture) → Dockerfile base → Dockerfile mid →
// Dockerfile leaf, and Packer images (JSON and HCL2 templates) on the mid image. Checks what a
// user would: statuses in out/index.json run after run, the store readable by umoci and skopeo,
// the files each step wrote, and a failing RUN reported with image, step and output tail.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { link, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPlan } from '../../src/pipeline/run.js'
import type { RunReport } from '../../src/pipeline/types.js'
import { main } from '../../src/adapters/cli/main.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/types.js'
import { run, tryRun } from '../../src/util/exec.js'
import { SilentReporter, type Reporter } from '../../src/util/log.js'
import { ensureBase } from '../fixtures/bases.js'

const id = `kb${process.pid}`
const n = (s: string): string => `${id}-${s}`

let dir: string
let storeDir: string
let store: Store

const files: Record<string, string> = {
  'base/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo base > /etc/kiln-base\n',
  'mid/Dockerfile': `FROM ${n('base')}\nRUN echo mid > /etc/kiln-mid && rm -rf /usr/share/doc/apt\n`,
  'leaf/Dockerfile': `FROM ${n('mid')}\nCOPY hello.txt /etc/kiln-leaf\n`,
  'leaf/hello.txt': 'leaf 1\n',
  'broken/Dockerfile': [
    `FROM ${n('mid')}`,
    // The label marks the step images the classic builder commits, to check they are removed.
    `LABEL kiln.test=${id}`,
    'RUN echo ok > /etc/kiln-ok',
    'RUN echo about to fail && echo on stderr >&2 && exit 3',
    ''
  ].join('\n'),
  'after/Dockerfile': `FROM ${n('broken')}\nRUN true\n`,
  'packer/t.json': JSON.stringify(
    {
      variables: { base_image: '', motd: '' },
      builders: [{ type: 'docker', image: '{{user `base_image`}}', commit: true, pull: false }],
      provisioners: [{ type: 'shell', inline: ['printf "%s\\n" "{{user `motd`}}" > /etc/motd'] }]
    },
    null,
    2
  ),
  'packer/broken.json': JSON.stringify({
    variables: { base_image: '' },
    builders: [{ type: 'docker', image: '{{user `base_image`}}', commit: true, pull: false }],
    provisioners: [{ type: 'shell', inline: ['echo packer about to fail', 'exit 7'] }]
  }),
  'packer/t.pkr.hcl': [
    'variable "base_image" {\n  type = string\n}',
    'source "docker" "base" {\n  image  = var.base_image\n  commit = true\n  pull   = false\n}',
    'build {\n  sources = ["source.docker.base"]\n  provisioner "shell" {\n    inline = ["echo hcl > /etc/kiln-hcl"]\n  }\n}\n'
  ].join('\n')
}

const catalog = {
  version: 1,
  images: [
    {
      name: n('base'),
      base: { tar: 'minbase.tar' },
      builder: 'dockerfile',
      file: 'base/Dockerfile',
      working_dir: 'base'
    },
    { name: n('mid'), base: n('base'), builder: 'dockerfile', file: 'mid/Dockerfile', working_dir: 'mid' },
    {
      name: n('leaf'),
      base: n('mid'),
      builder: 'dockerfile',
      file: 'leaf/Dockerfile',
      working_dir: 'leaf',
      exports: ['rootfs']
    },
    {
      name: n('packer'),
      base: n('mid'),
      builder: 'packer',
      file: 'packer/t.json',
      vars: { motd: 'hello, packer' }
    },
    { name: n('hcl'), base: n('mid'), builder: 'packer', file: 'packer/t.pkr.hcl' },
    {
      name: n('broken'),
      base: n('mid'),
      builder: 'dockerfile',
      file: 'broken/Dockerfile',
      working_dir: 'broken'
    },
    { name: n('pbroken'), base: n('mid'), builder: 'packer', file: 'packer/broken.json' },
    {
      name: n('after'),
      base: n('broken'),
      builder: 'dockerfile',
      file: 'after/Dockerfile',
      working_dir: 'after'
    }
  ]
}

const good = ['base', 'mid', 'leaf', 'packer', 'hcl'].map(n)

/** Collects what the build says, to check the messages a user reads. */
class Lines implements Reporter {
  lines: string[] = []
  info(m: string): void {
    this.lines.push(m)
  }
  warn(m: string): void {
    this.lines.push(`warning: ${m}`)
  }
  error(m: string): void {
    this.lines.push(`error: ${m}`)
  }
  debug(): void {}
  group<T>(t: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`==> ${t}`)
    return fn()
  }
}

async function build(targets: string[], reporter: Reporter = new SilentReporter()): Promise<RunReport> {
  const c = await loadCatalog(join(dir, 'IMAGES.json'))
  const plan = await makePlan(c, { targets })
  return buildPlan(plan, { store, outDir: join(dir, 'out'), reporter, compression: 'zstd' })
}

const statuses = (r: RunReport): Record<string, string> =>
  Object.fromEntries(r.images.map((i) => [i.name.slice(id.length + 1), i.status]))

/** A file's content in the top layer of a stored image. */
async function topFile(name: string, path: string): Promise<string> {
  const img = (await store.getImage(name))!
  const top = img.layers[img.layers.length - 1]
  return (await run('tar', ['-xOf', top.path, path])).stdout
}

/** Every ref's manifest, config and layers are whole blobs; nothing half-written is left in blobs/. */
async function expectConsistentStore(): Promise<void> {
  const index = JSON.parse(await readFile(join(storeDir, 'index.json'), 'utf8')) as {
    manifests: Array<{ digest: string }>
  }
  const blobDir = join(storeDir, 'blobs', 'sha256')
  for (const name of await readdir(blobDir)) expect(name).toMatch(/^[0-9a-f]{64}$/)
  for (const m of index.manifests) {
    const file = join(blobDir, m.digest.slice(7))
    const manifest = JSON.parse(await readFile(file, 'utf8')) as {
      config: { digest: string }
      layers: Array<{ digest: string; size: number }>
    }
    expect(
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex')
    ).toBe(m.digest.slice(7))
    for (const d of [manifest.config, ...manifest.layers])
      expect(existsSync(join(blobDir, d.digest.slice(7)))).toBe(true)
  }
}

beforeAll(async () => {
  const tar = await ensureBase('minbase')
  dir = await mkdtemp('/var/tmp/kiln-itg-build-')
  // Same filesystem as the fixtures: a hard link instead of a 170 MB copy.
  await link(tar, join(dir, 'minbase.tar'))
  for (const [f, text] of Object.entries(files)) {
    await mkdir(join(dir, f, '..'), { recursive: true })
    await writeFile(join(dir, f), text)
  }
  await writeFile(join(dir, 'IMAGES.json'), JSON.stringify(catalog, null, 2))
  storeDir = join(dir, 'store')
  store = await openStore(storeDir)
})

afterAll(async () => {
  if (dir && !process.env.KILN_KEEP_TMP) await rm(dir, { recursive: true, force: true })
})

test('builds the chain, reuses it unchanged, and rebuilds only what an edit reaches', async () => {
  const lines = new Lines()
  const first = await build(good, lines)
  expect(statuses(first)).toEqual({
    base: 'built',
    mid: 'built',
    leaf: 'built',
    packer: 'built',
    hcl: 'built'
  })
  // The tar base reaches the engine once (loaded, or found there when another test or an
  // earlier run left the same image); every later image builds on what the run already has.
  const baseArrivals = lines.lines.filter(
    (l) => l.startsWith('loaded the base into the engine') || l.startsWith('base already in the engine')
  )
  expect(baseArrivals).toHaveLength(1)

  // What each step wrote is in its own top layer.
  expect(await topFile(n('base'), 'etc/kiln-base')).toBe('base\n')
  expect(await topFile(n('mid'), 'etc/kiln-mid')).toBe('mid\n')
  expect(await topFile(n('leaf'), 'etc/kiln-leaf')).toBe('leaf 1\n')
  expect(await topFile(n('packer'), 'etc/motd')).toBe('hello, packer\n')
  expect(await topFile(n('hcl'), 'etc/kiln-hcl')).toBe('hcl\n')
  // Layers are shared down the chain: leaf = mid's layers + one.
  const mid = first.images.find((i) => i.name === n('mid'))!
  const leaf = first.images.find((i) => i.name === n('leaf'))!
  expect(leaf.layers.slice(0, -1)).toEqual(mid.layers)
  expect(mid.layers).toHaveLength(3)

  // Standard tools read the store.
  const ls = (await run('umoci', ['ls', '--layout', storeDir])).stdout.split('\n')
  for (const name of good) expect(ls).toContain(name)
  const stat = (await run('umoci', ['stat', '--image', `${storeDir}:${n('leaf')}`, '--json'])).stdout
  expect((JSON.parse(stat) as { history: unknown[] }).history.length).toBeGreaterThanOrEqual(1)
  const inspect = JSON.parse((await run('skopeo', ['inspect', `oci:${storeDir}:${n('leaf')}`])).stdout) as {
    Layers: string[]
  }
  expect(inspect.Layers).toEqual(leaf.layers)

  // The leaf's export holds the whole chain's files.
  expect(leaf.exports?.files.map((f) => f.name)).toContain('image.tar.zst')
  const listing = (await run('tar', ['--zstd', '-tf', join(dir, 'out', n('leaf'), 'image.tar.zst')])).stdout
  for (const f of ['etc/kiln-base', 'etc/kiln-mid', 'etc/kiln-leaf'])
    expect(listing).toMatch(new RegExp(`^(\\./)?${f}$`, 'm'))
  expect(listing).not.toMatch(/usr\/share\/doc\/apt\//)
  await expectConsistentStore()

  // Nothing changed: nothing is built.
  const again = await build(good)
  expect(statuses(again)).toEqual({
    base: 'reused',
    mid: 'reused',
    leaf: 'reused',
    packer: 'reused',
    hcl: 'reused'
  })
  const onDisk = JSON.parse(await readFile(join(dir, 'out', 'index.json'), 'utf8')) as RunReport
  expect(statuses(onDisk)).toEqual(statuses(again))

  // A file of the leaf's context changed: only the leaf.
  await writeFile(join(dir, 'leaf/hello.txt'), 'leaf 2\n')
  const leafEdit = await build(good)
  expect(statuses(leafEdit)).toEqual({
    base: 'reused',
    mid: 'reused',
    leaf: 'built',
    packer: 'reused',
    hcl: 'reused'
  })
  expect(await topFile(n('leaf'), 'etc/kiln-leaf')).toBe('leaf 2\n')

  // The base's Dockerfile changed: the whole chain; the tar source itself is not imported again.
  await writeFile(
    join(dir, 'base/Dockerfile'),
    `${files['base/Dockerfile']}RUN echo two > /etc/kiln-base-2\n`
  )
  // (The Packer images are left out here: they built once above, and each build costs a docker save.)
  const baseLines = new Lines()
  const baseEdit = await build([n('leaf')], baseLines)
  expect(statuses(baseEdit)).toEqual({ base: 'built', mid: 'built', leaf: 'built' })
  expect(baseLines.lines).toContain('base tar:minbase.tar: in the store')
  await expectConsistentStore()
  // The run removed every engine tag it made.
  const left = (await run('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).stdout
  expect(left).not.toContain(n(''))
  expect(left).not.toMatch(new RegExp(`kiln-(base|out)/${id}`))
})

test('a failing RUN names the image, the step and the output, skips what builds on it, and leaves the store whole', async () => {
  const lines = new Lines()
  const report = await build([n('broken'), n('after'), n('pbroken'), n('leaf')], lines)
  expect(statuses(report)).toMatchObject({
    broken: 'failed',
    after: 'skipped',
    pbroken: 'failed',
    leaf: 'reused',
    mid: 'reused'
  })
  const broken = report.images.find((i) => i.name === n('broken'))!
  expect(broken.error?.step).toBe('docker build')
  expect(broken.error?.message).toContain(`${n('broken')}: docker build: docker exited with status`)
  expect(broken.error?.tail.join('\n')).toContain('about to fail')
  expect(broken.error?.tail.join('\n')).toContain('on stderr')
  expect(lines.lines.some((l) => l.startsWith('error: ') && l.includes('about to fail'))).toBe(true)
  const pbroken = report.images.find((i) => i.name === n('pbroken'))!
  expect(pbroken.error?.step).toBe('packer build')
  expect(pbroken.error?.message).toContain(`${n('pbroken')}: packer build: `)
  expect(pbroken.error?.tail.join('\n')).toContain('packer about to fail')
  expect(await store.getImage(n('broken'))).toBeNull()
  expect(await store.getImage(n('pbroken'))).toBeNull()
  // No step image of the failed build and no container of either is left in the engine.
  const stepImages = await run('docker', ['image', 'ls', '-a', '-q', '--filter', `label=kiln.test=${id}`])
  expect(stepImages.stdout.trim()).toBe('')
  const containers = await run('docker', ['ps', '-a', '-q', '--filter', `label=kiln.test=${id}`])
  expect(containers.stdout.trim()).toBe('')
  await expectConsistentStore()
  expect((await tryRun('umoci', ['ls', '--layout', storeDir]))?.stdout).not.toContain(n('broken'))

  // The CLI says the same with exit status 1.
  const status = await main([
    'node',
    'kiln',
    'build',
    '-f',
    join(dir, 'IMAGES.json'),
    '--target',
    n('broken'),
    '--store',
    storeDir,
    '--out',
    join(dir, 'out-cli')
  ])
  expect(status).toBe(1)
  const cli = JSON.parse(await readFile(join(dir, 'out-cli', 'index.json'), 'utf8')) as RunReport
  expect(statuses(cli).broken).toBe('failed')
})
