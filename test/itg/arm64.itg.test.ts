// arm64 end to end on an x86_64 runner: the catalog's arm64 chain (an mmdebstrap bootstrap for
// arm64, its Dockerfile, then the c2.large.arm plan image FROM it) built from an empty store under
// qemu-user emulation, exported, and booted under qemu-system-aarch64 by the gate. Then the same
// bootstrap for amd64, natively, to measure what emulation costs (the ratio is printed).
import { jest } from '@jest/globals'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { execa } from 'execa'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { buildPlan } from '../../src/pipeline/run.js'
import type { ImageReport } from '../../src/pipeline/types.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/types.js'
import { SilentReporter } from '../../src/util/log.js'
import { kernelArch } from '../../src/verify/kernel-arch.js'

const catalogFile = resolve('images/IMAGES.json')
const ARM_BASE = 'debian_12-base-arm64'
const ARM_PLAN = 'debian_12-c2.large.arm'

let dir: string
let store: Store
const seconds: Record<string, number> = {}

beforeAll(async () => {
  dir = await mkdtemp('/var/tmp/kiln-arm64-')
  store = await openStore(join(dir, 'store'))
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A reporter that keeps its info lines (the base's bootstrap time is one). */
function recording(): { reporter: SilentReporter; lines: () => string[] } {
  const reporter = new SilentReporter()
  const spy = jest.spyOn(reporter, 'info')
  return { reporter, lines: () => spy.mock.calls.map((c) => String((c as unknown[])[0])) }
}

/** Seconds of the bootstrap from its log line ("base bootstrap:bookworm/minbase: 180 MB in 2 min 5 s"). */
function bootstrapSeconds(lines: string[]): number {
  const line = lines.find((l) => /^base bootstrap:.* in /.test(l))
  const m = /in (?:(\d+) min )?([\d.]+) s$/.exec(line ?? '')
  if (!m) throw new Error(`no bootstrap time in the log: ${lines.join(' | ')}`)
  return Number(m[1] ?? 0) * 60 + Number(m[2])
}

async function build(
  target: string,
  file = catalogFile,
  reporter = new SilentReporter()
): Promise<Record<string, ImageReport>> {
  const plan = await makePlan(await loadCatalog(file), { targets: [target] })
  const report = await buildPlan(plan, {
    store,
    outDir: join(dir, 'out'),
    reporter,
    tmpDir: dir,
    // An emulated aarch64 guest boots several times slower than an x86 one under TCG.
    bootTimeoutSec: 900,
    sbomFormat: 'none'
  })
  return Object.fromEntries(report.images.map((i) => [i.name, i]))
}

test('the arm64 catalog chain builds on x86_64 from scratch, exports, and passes the aarch64 boot gate', async () => {
  const log = recording()
  const by = await build(ARM_PLAN, catalogFile, log.reporter)
  for (const n of [ARM_BASE, ARM_PLAN])
    expect([n, by[n].status, by[n].error]).toEqual([n, 'built', undefined])
  seconds.arm64 = bootstrapSeconds(log.lines())
  seconds.arm64Chain = by[ARM_BASE].seconds + by[ARM_PLAN].seconds

  // The store records the platform: docker runs these as arm64, not as the host's amd64.
  for (const n of [ARM_BASE, ARM_PLAN]) {
    const img = await store.getImage(n)
    expect(img?.config.architecture).toBe('arm64')
  }
  const index = JSON.parse(await readFile(join(dir, 'store/index.json'), 'utf8')) as {
    manifests: Array<{ platform?: { architecture: string }; annotations?: Record<string, string> }>
  }
  const plan = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === ARM_PLAN)
  expect(plan?.platform).toEqual({ architecture: 'arm64', os: 'linux' })

  // The exports: an arm64 kernel, its initrd and modules, and
  // a root filesystem whose packages are arm64.
  const out = join(dir, 'out', ARM_PLAN)
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
    arch: string
    kernel: string
    packages: Array<{ name: string; arch?: string }>
  }
  expect(manifest.arch).toBe('aarch64')
  expect(manifest.kernel).toMatch(/-arm64$/)
  expect(manifest.packages.find((p) => p.name === 'ethtool')?.arch).toBe('arm64')
  expect(manifest.packages.find((p) => p.name === 'linux-image-arm64')?.arch).toBe('arm64')
  // Debian's arm64 vmlinuz is the signed EFI-stub Image (gzip-compressed before signing was
  // introduced): either way its header says arm64.
  await execa('tar', ['-xzf', join(out, 'kernel.tar.gz'), '-C', dir, './vmlinuz'])
  expect(await kernelArch(join(dir, 'vmlinuz'))).toEqual({
    arch: 'aarch64',
    format: expect.stringMatching(/arm64 Image$/)
  })
  const { stdout: modules } = await execa('tar', ['-tzf', join(out, 'modules.tar.gz')])
  expect(modules).toContain(`lib/modules/${manifest.kernel}/modules.dep`)
  await execa('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out })

  // The gate booted the image's own arm64 kernel on qemu's virt machine and ran its check.
  expect(by[ARM_PLAN].verify).toMatchObject({ status: 'passed', accel: 'tcg' })
  expect(by[ARM_PLAN].exports?.kernel).toBe(manifest.kernel)
}, 3_600_000)

test("overlay and Packer steps run an arm64 image's own binaries through binfmt", async () => {
  // A catalog of its own, on the root filesystem the plan image exported.
  const cat = join(dir, 'steps')
  await mkdir(join(cat, 'packer'), { recursive: true })
  await copyFile(join(dir, 'out', ARM_PLAN, 'image.tar.gz'), join(cat, 'rootfs.tar.gz'))
  const probe = 'uname -m > /probe && dpkg --print-architecture >> /probe'
  await writeFile(
    join(cat, 'packer/arm.json'),
    JSON.stringify({
      variables: { base_image: '' },
      builders: [{ type: 'docker', image: '{{user `base_image`}}', commit: true, pull: false }],
      provisioners: [{ type: 'shell', inline: [probe] }]
    })
  )
  await writeFile(
    join(cat, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      defaults: { arch: 'aarch64' },
      images: [
        { name: 'arm-root', base: { tar: 'rootfs.tar.gz' }, builder: 'import' },
        { name: 'arm-overlay', base: 'arm-root', builder: 'overlay', run: [['sh', '-c', probe]] },
        {
          name: 'arm-packer',
          base: 'arm-root',
          builder: 'packer',
          file: 'packer/arm.json',
          working_dir: 'packer'
        }
      ]
    })
  )
  const report = await buildPlan(await makePlan(await loadCatalog(join(cat, 'IMAGES.json'))), {
    store,
    outDir: join(dir, 'steps-out'),
    reporter: new SilentReporter(),
    tmpDir: dir
  })
  expect(report.images.map((i) => [i.name, i.status, i.error?.message])).toEqual([
    ['arm-root', 'built', undefined],
    ['arm-overlay', 'built', undefined],
    ['arm-packer', 'built', undefined]
  ])
  for (const n of ['arm-overlay', 'arm-packer']) {
    expect((await store.getImage(n))?.config.architecture).toBe('arm64')
    const { stdout } = await execa(
      resolve('node_modules/.bin/tsx'),
      [resolve('src/adapters/cli/index.ts'), 'run', '--store', join(dir, 'store'), n, '--', 'cat', '/probe'],
      { env: { NO_COLOR: '1' } }
    )
    expect(stdout.trim().split('\n').slice(-2)).toEqual(['aarch64', 'arm64'])
  }
}, 900_000)

test('emulation cost: the arm64 bootstrap against the same bootstrap for amd64, natively', async () => {
  // The arm64 base's bootstrap spec, for x86_64: the same packages from the same mirror.
  const catalog = JSON.parse(await readFile(catalogFile, 'utf8')) as {
    images: Array<{ name: string; base: { bootstrap?: object } }>
  }
  const bootstrap = catalog.images.find((i) => i.name === ARM_BASE)!.base.bootstrap
  const cat = join(dir, 'amd64')
  await mkdir(cat, { recursive: true })
  await writeFile(
    join(cat, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [{ name: 'amd64-bootstrap', arch: 'x86_64', base: { bootstrap }, builder: 'import' }]
    })
  )
  const log = recording()
  const by = await build('amd64-bootstrap', join(cat, 'IMAGES.json'), log.reporter)
  expect(by['amd64-bootstrap'].status).toBe('built')
  seconds.amd64 = bootstrapSeconds(log.lines())
  const ratio = seconds.arm64 / seconds.amd64
  process.stdout.write(
    `bootstrap of ${ARM_BASE}'s packages: arm64 under emulation ${seconds.arm64.toFixed(1)} s, amd64 natively ${seconds.amd64.toFixed(1)} s: ratio ${ratio.toFixed(2)}` +
      ` (the whole arm64 chain, base and plan: ${seconds.arm64Chain.toFixed(1)} s)\n`
  )
  // Emulation costs something; the figure itself depends on the machine and its load.
  expect(ratio).toBeGreaterThan(1)
}, 1_800_000)
