// A Packer build that fails in `docker run` (a base with no /bin/sh, Packer's default
// entrypoint): the message leads with Packer's own error and the tool's stderr, not with
// docker's usage hint, and the container docker created before failing is gone.
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { buildPlan } from '../../src/pipeline/run.js'
import { loadCatalog } from '../../src/model/index.js'
import { makePlan } from '../../src/plan/index.js'
import { openStore } from '../../src/store/index.js'
import { run, tryRun } from '../../src/util/exec.js'
import { SilentReporter } from '../../src/util/log.js'

const name = `kp${process.pid}-nosh`
let dir: string

/** Containers (any state) started from this test's base, by the reference they were run with. */
async function containersOfThisTest(): Promise<string[]> {
  const ids = (await run('docker', ['ps', '--all', '--quiet', '--no-trunc'])).stdout
    .split('\n')
    .filter(Boolean)
  if (!ids.length) return []
  const r = await tryRun('docker', ['inspect', '--format', '{{.Id}} {{.Config.Image}}', ...ids])
  return (r?.stdout ?? '')
    .split('\n')
    .filter((l) => l.split(' ')[1]?.startsWith(`kiln-base/${name}:`))
    .map((l) => l.split(' ')[0] as string)
}

beforeAll(async () => {
  dir = await mkdtemp('/var/tmp/kiln-itg-packer-fail-')
  const rootfs = join(dir, 'rootfs')
  await mkdir(rootfs)
  // Unique content: no other test's image can be this one.
  await writeFile(join(rootfs, 'kiln-id'), randomBytes(16).toString('hex'))
  await run('tar', [
    '-C',
    rootfs,
    '--numeric-owner',
    '--owner=0',
    '--group=0',
    '-cf',
    join(dir, 'nosh.tar'),
    '.'
  ])
  await writeFile(
    join(dir, 't.json'),
    JSON.stringify({
      variables: { base_image: '' },
      builders: [{ type: 'docker', image: '{{user `base_image`}}', commit: true, pull: false }],
      provisioners: [{ type: 'shell', inline: ['true'] }]
    })
  )
  await writeFile(
    join(dir, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [{ name, base: { tar: 'nosh.tar' }, builder: 'packer', file: 't.json' }]
    })
  )
})

afterAll(async () => {
  const left = await containersOfThisTest()
  if (left.length) await tryRun('docker', ['rm', '--force', ...left])
  await rm(dir, { recursive: true, force: true })
})

test('a failed docker run: Packer’s error first, and no container of the build left', async () => {
  const store = await openStore(join(dir, 'store'))
  const plan = await makePlan(await loadCatalog(join(dir, 'IMAGES.json')))
  const report = await buildPlan(plan, {
    store,
    outDir: join(dir, 'out'),
    reporter: new SilentReporter(),
    compression: 'zstd'
  })
  const image = report.images.find((i) => i.name === name)
  expect(image?.status).toBe('failed')
  const first = (image?.error?.message ?? '').split('\n')[0]
  expect(first).toMatch(
    new RegExp(
      `^${name}: packer build: Error running container: Docker exited with a non-zero exit status\\. ` +
        'Stderr: docker: Error response from daemon: .*stat /bin/sh: no such file or directory'
    )
  )
  expect(first).not.toContain('--help')
  expect(await containersOfThisTest()).toEqual([])
})
