// The netboot gate inside `kiln build`: an image with `verify.netboot` gets the netboot and
// squashfs exports without asking, is booted by iPXE over HTTP under qemu, and its netboot/ files
// are published in SHA256SUMS; an image whose initrd cannot mount the squashfs (the kernel base)
// fails in stage `root` and is held back, the stage named in out/index.json.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPlan } from '../../src/pipeline/run.js'
import { gateFailed, type RunReport } from '../../src/pipeline/types.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import { run } from '../../src/util/exec.js'
import type { Reporter } from '../../src/util/log.js'
import { baseImage } from '../fixtures/bases.js'
import { ensureNetbootImage } from '../fixtures/netboot-image.js'

let dir: string
let planTag: string

beforeAll(async () => {
  dir = await mkdtemp('/var/tmp/kiln-netboot-gate-')
  const saved = await ensureNetbootImage()
  // The fixture keeps the `docker save` across runs; the engine may have lost the tag since.
  const loaded = await run('docker', ['load', '-i', saved])
  planTag = /Loaded image: (\S+)/.exec(loaded.stdout)![1]
  await writeFile(
    join(dir, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      // No exports asked for: verify.netboot brings netboot and squashfs.
      defaults: { verify: { boot: false, netboot: true } },
      images: [
        { name: 'plan', base: { image: planTag } },
        { name: 'kernel-base', base: { image: baseImage('kernel') } }
      ]
    })
  )
}, 1_200_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('a plan image passes and publishes netboot/ in SHA256SUMS; one whose initrd lacks squashfs is held back at stage root', async () => {
  const plan = await makePlan(await loadCatalog(join(dir, 'IMAGES.json')))
  const store = await openStore(join(dir, 'store'))
  const out = join(dir, 'out')
  await mkdir(out, { recursive: true })
  const lines: string[] = []
  const reporter: Reporter = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
    debug: () => undefined,
    group: (_t, fn) => fn()
  }
  const t0 = Date.now()
  const report = await buildPlan(plan, {
    store,
    outDir: out,
    reporter,
    // An uncompressed squashfs: seconds to write instead of minutes; it boots the same.
    compression: 'none',
    bootTimeoutSec: 600
  })
  const by = Object.fromEntries(report.images.map((i) => [i.name, i]))

  const good = by.plan
  expect(good.status).toBe('built')
  if (good.netboot?.status !== 'passed') throw new Error(JSON.stringify(good.netboot, null, 2))
  expect(good.netboot.downloadedBytes).toBeGreaterThan(0)
  expect(gateFailed(good)).toBe(false)
  // What a user checks: every file of SHA256SUMS, the netboot files among them.
  const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(out, 'plan') })
  for (const f of ['vmlinuz', 'initrd', 'cmdline', 'boot.ipxe', 'rootfs.squashfs'])
    expect(sums.stdout).toContain(`netboot/${f}: OK`)

  const bad = by['kernel-base']
  expect(bad.status).toBe('built')
  expect(bad.netboot).toMatchObject({ status: 'failed', stage: 'root' })
  expect(gateFailed(bad)).toBe(true)
  expect(
    lines.some((l) => /kernel-base: netboot gate failed at root: .*it will not be published/.test(l))
  ).toBe(true)

  // out/index.json: the verdicts and the failing stage, for whoever publishes.
  const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as RunReport
  const inIndex = Object.fromEntries(index.images.map((i) => [i.name, i.netboot]))
  expect(inIndex.plan?.status).toBe('passed')
  expect(inIndex['kernel-base']).toMatchObject({ status: 'failed', stage: 'root' })
  process.stderr.write(
    `kiln build, netboot gate: plan passed in ${good.netboot.seconds.toFixed(1)} s (${good.netboot.accel}, ` +
      `${((good.netboot.downloadedBytes ?? 0) / 1e6).toFixed(0)} MB), kernel-base failed at root in ` +
      `${bad.netboot!.seconds.toFixed(1)} s; whole build ${((Date.now() - t0) / 1000).toFixed(0)} s\n`
  )
}, 1_800_000)
