// The boot gate inside `kiln build`: an exported image with a kernel is booted before it counts
// as good; one that cannot boot is marked unpublishable while the images built on it still build.
import { copyFile, link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPlan } from '../../src/pipeline/run.js'
import type { RunReport } from '../../src/pipeline/types.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import { SilentReporter } from '../../src/util/log.js'
import { ensureBase } from '../fixtures/bases.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp('/var/tmp/kiln-gate-')
  const tar = await ensureBase('kernel')
  // Paths may not leave the project root: link the fixture in (copy across filesystems).
  await link(tar, join(dir, 'kernel.tar')).catch(() => copyFile(tar, join(dir, 'kernel.tar')))
  await writeFile(
    join(dir, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      defaults: { exports: ['rootfs', 'kernel', 'initrd', 'modules'] },
      images: [
        { name: 'bootable', base: { tar: 'kernel.tar' }, builder: 'import' },
        { name: 'no-init', base: 'bootable', builder: 'overlay', run: [['rm', '-f', '/sbin/init']] },
        // Exports nothing, to keep the test short: what matters is that it builds.
        {
          name: 'on-no-init',
          base: 'no-init',
          builder: 'overlay',
          run: [['touch', '/etc/child']],
          exports: []
        }
      ]
    })
  )
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('good images pass, a broken one is held back, its descendants still build', async () => {
  const plan = await makePlan(await loadCatalog(join(dir, 'IMAGES.json')))
  const store = await openStore(join(dir, 'store'))
  const out = join(dir, 'out')
  await mkdir(out, { recursive: true })
  const report = await buildPlan(plan, {
    store,
    outDir: out,
    reporter: new SilentReporter(),
    bootTimeoutSec: 600
  })
  const by = Object.fromEntries(report.images.map((i) => [i.name, i]))

  expect(by.bootable.status).toBe('built')
  expect(by.bootable.verify).toMatchObject({ status: 'passed', accel: expect.stringMatching(/kvm|tcg/) })
  expect(by.bootable.verify!.seconds).toBeGreaterThan(0)

  expect(by['no-init'].status).toBe('built')
  expect(by['no-init'].verify).toMatchObject({
    status: 'failed',
    message: expect.stringMatching(/\/sbin\/init/)
  })
  // Built on an image that cannot boot: still built (the gate judges archives, not layers).
  expect(by['on-no-init'].status).toBe('built')

  // What a user reads afterwards: out/index.json holds the outcome and the boot time.
  const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as RunReport
  expect(index.images.find((i) => i.name === 'bootable')?.verify?.status).toBe('passed')
})
