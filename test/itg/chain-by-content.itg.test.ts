// Packet's layout, built for real: plan images that name their base only in FROM
// (`FROM debian_9-base`), while the engine holds a stale image of that very name (Packet's own
// build.sh leaves one). The plan images must be built on the chain's stored base, and the
// engine's image of that name must be neither used nor touched.
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPlan } from '../../src/pipeline/run.js'
import type { RunReport } from '../../src/pipeline/types.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/types.js'
import { run, tryRun } from '../../src/util/exec.js'
import type { Reporter } from '../../src/util/log.js'
import { ensureBase } from '../fixtures/bases.js'

const id = `kc${process.pid}`
const base = `${id}-debian_9-base`
const stale = `${base}:latest`

let dir: string
let store: Store
let staleId: string

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
  group<T>(_t: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }
}

const files: Record<string, string> = {
  'debian_9-base/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo chain > /etc/kiln-chain-base\n',
  // Packet: no base in IMAGES.json, only the FROM line.
  'debian_9-t1.small.x86/Dockerfile': `FROM ${base}\nRUN cat /etc/kiln-chain-base > /etc/kiln-t1\n`,
  'debian_9-x1.small.x86/Dockerfile': `FROM ${base}\nRUN cat /etc/kiln-chain-base > /etc/kiln-x1\n`,
  // The same with base: given too, and COPY --from the chain image.
  'debian_9-c2.medium.x86/Dockerfile': [
    `FROM ${base} AS build`,
    'RUN echo c2 > /etc/kiln-c2',
    `COPY --from=${base} /etc/kiln-chain-base /etc/kiln-copied`,
    ''
  ].join('\n'),
  // Packer templates naming the chain base as their docker image, reading a file next to them.
  'packer/motd': 'motd\n',
  'packer/t.json': JSON.stringify({
    builders: [{ type: 'docker', image: base, commit: true, pull: false }],
    provisioners: [
      { type: 'file', source: '{{template_dir}}/motd', destination: '/etc/kiln-motd' },
      { type: 'shell', inline: ['cat /etc/kiln-chain-base > /etc/kiln-packer'] }
    ]
  }),
  'packer/t.pkr.hcl': [
    `source "docker" "b" {\n  image  = "${base}"\n  commit = true\n  pull   = false\n}`,
    'build {\n  sources = ["source.docker.b"]',
    '  provisioner "file" {\n    source      = "${path.root}/motd"\n    destination = "/etc/kiln-motd"\n  }',
    '  provisioner "shell" {\n    inline = ["cat /etc/kiln-chain-base > /etc/kiln-hcl"]\n  }\n}\n'
  ].join('\n'),
  // A heredoc whose body says FROM of a chain image: text, not a dependency.
  'heredoc/Dockerfile': [`FROM ${base}`, 'RUN <<EOF', `FROM ${id}-other`, 'EOF', ''].join('\n')
}

const catalog = {
  version: 1,
  images: [
    {
      name: base,
      base: { tar: 'minbase.tar' },
      builder: 'dockerfile',
      file: 'debian_9-base/Dockerfile',
      working_dir: 'debian_9-base'
    },
    { name: `${id}-t1`, builder: 'dockerfile', file: 'debian_9-t1.small.x86/Dockerfile' },
    { name: `${id}-x1`, builder: 'dockerfile', file: 'debian_9-x1.small.x86/Dockerfile' },
    { name: `${id}-c2`, base, builder: 'dockerfile', file: 'debian_9-c2.medium.x86/Dockerfile' },
    { name: `${id}-other`, base, builder: 'overlay', run: [['true']] },
    { name: `${id}-heredoc`, builder: 'dockerfile', file: 'heredoc/Dockerfile' },
    { name: `${id}-packer`, builder: 'packer', file: 'packer/t.json' },
    { name: `${id}-hcl`, builder: 'packer', file: 'packer/t.pkr.hcl' }
  ]
}

const statuses = (r: RunReport): Record<string, string> =>
  Object.fromEntries(r.images.map((i) => [i.name.slice(id.length + 1), i.status]))

beforeAll(async () => {
  const tar = await ensureBase('minbase')
  dir = await mkdtemp('/var/tmp/kiln-itg-chain-')
  await link(tar, join(dir, 'minbase.tar'))
  for (const [f, text] of Object.entries(files)) {
    await mkdir(join(dir, f, '..'), { recursive: true })
    await writeFile(join(dir, f), text)
  }
  await writeFile(join(dir, 'IMAGES.json'), JSON.stringify(catalog, null, 2))
  store = await openStore(join(dir, 'store'))
  // The stale image: same name, other content (one file, not even a shell).
  const staleDir = join(dir, 'stale')
  await mkdir(join(staleDir, 'etc'), { recursive: true })
  await writeFile(join(staleDir, 'etc/stale'), 'stale\n')
  await run('sh', ['-c', `tar -C "$1" -c . | docker import - "$2"`, 'sh', staleDir, stale])
  staleId = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', stale])).stdout.trim()
})

afterAll(async () => {
  await tryRun('docker', ['image', 'rm', stale])
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('plan images named by FROM only are built on the stored chain base, not the engine image of that name', async () => {
  const plan = await makePlan(await loadCatalog(join(dir, 'IMAGES.json')), {
    targets: [`${id}-t1`, `${id}-x1`, `${id}-c2`, `${id}-heredoc`, `${id}-packer`, `${id}-hcl`]
  })
  const deps = Object.fromEntries(plan.images.map((p) => [p.spec.name.slice(id.length + 1), p.deps]))
  expect(deps).toMatchObject({
    t1: [base],
    x1: [base],
    c2: [base],
    heredoc: [base],
    packer: [base],
    hcl: [base]
  })
  expect(plan.images.map((p) => p.spec.name)).not.toContain(`${id}-other`)

  const lines = new Lines()
  const report = await buildPlan(plan, { store, outDir: join(dir, 'out'), reporter: lines, exports: false })
  expect(statuses(report)).toMatchObject({
    'debian_9-base': 'built',
    t1: 'built',
    x1: 'built',
    c2: 'built',
    packer: 'built',
    hcl: 'built'
  })

  // Both carry the chain base's layers, and the files only the chain base has.
  const chainBase = (await store.getImage(base))!
  for (const name of [`${id}-t1`, `${id}-x1`, `${id}-c2`, `${id}-packer`, `${id}-hcl`]) {
    const img = (await store.getImage(name))!
    expect(img.layers.slice(0, chainBase.layers.length).map((l) => l.digest)).toEqual(
      chainBase.layers.map((l) => l.digest)
    )
  }
  const top = async (name: string, path: string): Promise<string> => {
    const img = (await store.getImage(name))!
    return (await run('tar', ['-xOf', img.layers[img.layers.length - 1].path, path])).stdout
  }
  expect(await top(`${id}-t1`, 'etc/kiln-t1')).toBe('chain\n')
  expect(await top(`${id}-x1`, 'etc/kiln-x1')).toBe('chain\n')
  expect(await top(`${id}-packer`, 'etc/kiln-packer')).toBe('chain\n')
  expect(await top(`${id}-packer`, 'etc/kiln-motd')).toBe('motd\n')
  expect(await top(`${id}-hcl`, 'etc/kiln-hcl')).toBe('chain\n')
  expect(await top(`${id}-hcl`, 'etc/kiln-motd')).toBe('motd\n')
  const c2 = (await store.getImage(`${id}-c2`))!
  const c2Files = (await run('tar', ['-tf', c2.layers[c2.layers.length - 1].path])).stdout
  expect(c2Files).toMatch(/^(\.\/)?etc\/kiln-copied$/m)

  // The log says which stored image each name got.
  expect(lines.lines).toContainEqual(
    expect.stringMatching(
      new RegExp(
        `^FROM ${base} \\(debian_9-t1\\.small\\.x86/Dockerfile:1\\): chain image ${base}, stored sha256:`
      )
    )
  )
  expect(lines.lines.some((l) => l.startsWith(`COPY --from ${base} (`))).toBe(true)
  // What the image added is counted against the chain base it was built on, not against nothing.
  expect(lines.lines.find((l) => l.startsWith(`${id}-t1: built`))).toMatch(/\(\d+(\.\d+)? k?B new\)$/)

  // The engine's own image of that name is still there, the same image.
  const after = await tryRun('docker', ['image', 'inspect', '--format', '{{.Id}}', stale])
  expect(after?.stdout.trim()).toBe(staleId)

  // The heredoc image: the classic builder cannot read heredocs; it says so instead of failing on
  // "unknown instruction". (BuildKit builds it.)
  const heredoc = report.images.find((i) => i.name === `${id}-heredoc`)!
  if (heredoc.status === 'failed') {
    expect(heredoc.error?.message).toContain(
      'heredoc/Dockerfile:2: RUN <<EOF is a heredoc, which only BuildKit reads'
    )
  } else expect(heredoc.status).toBe('built')
})
