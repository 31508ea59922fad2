// `kiln plan --store --cache-dir`: where each image would come from, and why the others build.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImageCache, LocalCache } from '../../src/cache/index.js'
import { describeChanges, planStatus, planText } from '../../src/adapters/cli/commands/plan.js'
import type { Plan } from '../../src/plan/types.js'
import { openStore } from '../../src/store/index.js'
import { SilentReporter } from '../../src/util/log.js'
import { input, layer, planned, putImage } from './cache-helpers.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-plan-status-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function planOf(...images: ReturnType<typeof planned>[]): Plan {
  return {
    catalog: { file: 'IMAGES.json', root: dir, images: [] },
    images,
    matrix: { distro: [], plan: [], arch: [] }
  }
}

test('an image in the store, one only in the cache, and one whose Dockerfile changed', async () => {
  const reporter = new SilentReporter()
  const store = await openStore(join(dir, 'store'))
  const cacheDir = join(dir, 'cache')
  const cache = new ImageCache({ store, backend: new LocalCache({ dir: cacheDir }), reporter })

  const base = planned('base', [input('file', 'base/Dockerfile', 'FROM scratch')])
  const baseImg = await putImage(store, base, [await layer(store, { 'etc/os-release': 'ID=test\n' })])
  const leafV1 = planned(
    'leaf',
    [input('file', 'leaf/Dockerfile', 'RUN echo 1'), input('base', 'base', base.key)],
    'base'
  )
  const leafImg = await putImage(store, leafV1, baseImg.layers)
  const tools = planned(
    'tools',
    [input('file', 'tools/pack/x', 'x'), input('base', 'base', base.key)],
    'base'
  )
  const toolsImg = await putImage(store, tools, baseImg.layers)
  for (const [p, img] of [
    [leafV1, leafImg],
    [tools, toolsImg]
  ] as const)
    expect(await cache.save(p, img)).toBe(true)

  // A fresh store holds only the base; the leaf's Dockerfile was edited since its last build.
  const fresh = await openStore(join(dir, 'fresh'))
  await putImage(fresh, base, [await layer(fresh, { 'etc/os-release': 'ID=test\n' })])
  const leafV2 = planned(
    'leaf',
    [input('file', 'leaf/Dockerfile', 'RUN echo 2'), input('base', 'base', base.key)],
    'base'
  )
  const never = planned('never', [input('file', 'never/Dockerfile', 'FROM base')], 'base')
  const plan = planOf(base, leafV2, tools, never)

  const statuses = await planStatus(plan, { store: join(dir, 'fresh'), cacheDir, reporter })
  expect(statuses.get('base')).toEqual({ status: 'in store' })
  expect(statuses.get('tools')).toEqual({ status: 'in cache' })
  expect(statuses.get('leaf')).toEqual({
    status: 'build',
    changed: [{ kind: 'file', name: 'leaf/Dockerfile', change: 'changed' }]
  })
  expect(statuses.get('never')).toEqual({ status: 'build', changed: null })

  const text = planText(plan, false, statuses)
  expect(text).toMatch(/STATUS/)
  expect(text).toMatch(/leaf: changed file leaf\/Dockerfile/)
  expect(text).toMatch(/never: no earlier build to compare with/)
})

test('without a store the cache still answers, and nothing is left behind', async () => {
  const reporter = new SilentReporter()
  const store = await openStore(join(dir, 'store'))
  const img = planned('img', [input('file', 'Dockerfile', 'FROM scratch')])
  const stored = await putImage(store, img, [await layer(store, { a: 'a' })])
  await new ImageCache({ store, backend: new LocalCache({ dir: join(dir, 'cache') }), reporter }).save(
    img,
    stored
  )
  const statuses = await planStatus(planOf(img), { cacheDir: join(dir, 'cache'), reporter })
  expect(statuses.get('img')).toEqual({ status: 'in cache' })
  expect(describeChanges([])).toBe('same inputs as the last build')
})
