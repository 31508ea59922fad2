// The provisioning gate inside `kiln build`: an image with `verify.install` and a qcow2 export is
// installed on a blank disk and booted from it under SeaBIOS and OVMF; the disk it installed is
// published as disk.qcow2, listed in manifest.json and SHA256SUMS like the other archives.
import { copyFile, link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPlan } from '../../src/pipeline/run.js'
import type { RunReport } from '../../src/pipeline/types.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import { run } from '../../src/util/exec.js'
import { SilentReporter } from '../../src/util/log.js'
import { ensureBase } from '../fixtures/bases.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp('/var/tmp/kiln-install-gate-')
  const tar = await ensureBase('grub')
  await link(tar, join(dir, 'grub.tar')).catch(() => copyFile(tar, join(dir, 'grub.tar')))
  await writeFile(
    join(dir, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [
        {
          name: 'disk',
          base: { tar: 'grub.tar' },
          builder: 'import',
          // Only the disk is asked for: the boot archives it is installed from come with it.
          exports: ['qcow2'],
          verify: { boot: false, install: true }
        }
      ]
    })
  )
}, 1_200_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('installs, boots the disk under BIOS and UEFI, publishes disk.qcow2 with its checksum', async () => {
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
  const image = report.images[0]
  expect(image.status).toBe('built')
  expect(image.verify).toMatchObject({ status: 'skipped', message: 'verify: false' })
  if (image.install?.status !== 'passed') throw new Error(JSON.stringify(image.install, null, 2))
  expect(image.install.stages?.map((s) => s.stage)).toEqual(
    expect.arrayContaining(['grub-install-bios', 'grub-install-uefi', 'boot-bios', 'boot-uefi'])
  )
  const files = image.exports!.files.map((f) => f.name)
  expect(files).toEqual(
    expect.arrayContaining(['image.tar.gz', 'kernel.tar.gz', 'initrd.tar.gz', 'modules.tar.gz', 'disk.qcow2'])
  )
  const d = join(out, 'disk')
  const manifest = JSON.parse(await readFile(join(d, 'manifest.json'), 'utf8')) as {
    archives: Array<{ kind: string; file: string; sha256: string }>
  }
  expect(manifest.archives.find((a) => a.file === 'disk.qcow2')).toMatchObject({ kind: 'qcow2' })
  // What a user runs: every file of SHA256SUMS checks, the disk among them; qemu-img reads it.
  const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: d })
  expect(sums.stdout).toContain('disk.qcow2: OK')
  const info = JSON.parse(
    (await run('qemu-img', ['info', '--output=json', join(d, 'disk.qcow2')])).stdout
  ) as {
    format: string
  }
  expect(info.format).toBe('qcow2')
  const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as RunReport
  expect(index.images[0].install?.status).toBe('passed')
  process.stderr.write(
    `kiln build, install gate: ${image.install.seconds.toFixed(1)} s (${image.install.accel}): ${image.install.stages!.map((s) => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')}\n`
  )
})
