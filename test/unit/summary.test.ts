import { renderPlanSummary, renderSummary } from '../../src/adapters/action/summary.js'
import type { ImageReport, RunReport } from '../../src/build/types.js'

const image = (
  name: string,
  status: ImageReport['status'],
  extra: Partial<ImageReport> = {}
): ImageReport => ({
  name,
  key: `${name.length}`.repeat(64).slice(0, 64),
  builder: 'dockerfile',
  arch: 'x86_64',
  status,
  seconds: 12.5,
  layers: [],
  size: 123_000_000,
  ...extra
})

const report: RunReport = {
  version: 1,
  startedAt: '2026-01-01T00:00:00Z',
  seconds: 95,
  images: [
    image('base', 'restored'),
    image('plan-a', 'built', {
      base: 'base',
      changed: [
        { kind: 'file', name: 'plans/a/Dockerfile', change: 'changed' } as { kind: string; name: string }
      ],
      exports: {
        dir: '/out/plan-a',
        files: [{ name: 'image.tar.gz', size: 50_000_000, sha256: 'ab'.repeat(32) }]
      },
      verify: { status: 'passed', seconds: 20, accel: 'kvm' }
    }),
    image('plan-b', 'failed', {
      base: 'base',
      error: { step: 'build', message: 'plan-b: build: exit 1', tail: ['E: Unable to locate package nope'] }
    }),
    image('plan-c', 'skipped', { base: 'plan-b' })
  ]
}

describe('renderSummary', () => {
  const md = renderSummary({
    report,
    cache: {
      backend: 'github',
      hits: 1,
      misses: 2,
      rejected: 0,
      saved: 1,
      blobsDownloaded: 3,
      bytesDownloaded: 9e7,
      blobsUploaded: 1,
      bytesUploaded: 4e7,
      warnings: ['plan-b: something odd']
    },
    saved: new Set(['plan-a']),
    artifacts: [{ name: 'plan-a', size: 50_000_100 }],
    changelogs: { 'plan-a': '## plan-a: changes\n\n| a | b |' }
  })

  test('the chain as a mermaid graph, raw, coloured by status', () => {
    const graph = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? ''
    expect(graph).toContain('graph LR')
    expect(graph).toContain('n0["base"]:::restored')
    expect(graph).toContain('n1["plan-a"]:::built')
    expect(graph).toContain('n2["plan-b"]:::failed')
    expect(graph).toContain('n3["plan-c"]:::skipped')
    expect(graph).toContain('n0 --> n1')
    expect(graph).toContain('n2 --> n3')
    for (const st of ['restored', 'built', 'failed', 'skipped'])
      expect(graph).toMatch(new RegExp(`classDef ${st} fill:`))
    expect(md).not.toContain('<pre')
  })

  test('one table row per image with key, status, time, size and cache', () => {
    const rows = md.split('\n').filter((l) => /^\| (base|plan-\w) \| `[0-9a-f]{12}` \|/.test(l))
    expect(rows.map((r) => r.split(' | ')[2])).toEqual(['restored', 'built', 'failed', 'skipped'])
    expect(md).toContain('| base | `444444444444` | restored | 12.5 s | 123 MB | hit |')
    expect(md).toContain('| plan-a | `666666666666` | built | 12.5 s | 123 MB | miss, saved |')
  })

  test('why each image was rebuilt, failures with their tail, exports, boot gate, cache, changelog', () => {
    expect(md).toContain('- **plan-a**: changed file `plans/a/Dockerfile`')
    expect(md).toContain('**plan-b** failed at `build`: plan-b: build: exit 1')
    expect(md).toContain('E: Unable to locate package nope')
    expect(md).toContain(`| plan-a | image.tar.gz | 50 MB | \`${'ab'.repeat(32)}\` |`)
    expect(md).toContain('- `plan-a` (50 MB)')
    expect(md).toContain('| plan-a | passed | 20.0 s | kvm |')
    expect(md).toContain(
      '**Cache** (github): 1 restored, 1 saved, 3 layers (90 MB) downloaded, 1 layers (40 MB) uploaded.'
    )
    expect(md).toContain('- :warning: plan-b: something odd')
    expect(md).toContain('<details><summary>Changelog: plan-a</summary>')
  })

  test('a run served entirely from the cache says so', () => {
    const warm = renderSummary({
      report: {
        ...report,
        images: [image('base', 'restored'), image('plan-a', 'restored', { base: 'base' })]
      }
    })
    expect(warm).toContain('2 restored in')
    expect(warm).toContain('Nothing was built: every image came from the store or the cache.')
    expect(warm).not.toContain('Why rebuilt')
  })

  test('a first build says there was nothing to compare with', () => {
    const cold = renderSummary({ report: { ...report, images: [image('base', 'built')] } })
    expect(cold).toContain('- **base**: no earlier build of this image in the cache')
  })
})

test('renderPlanSummary', () => {
  const md = renderPlanSummary(
    [
      { name: 'base', key: 'a'.repeat(64), status: 'cache' },
      {
        name: 'leaf',
        key: 'b'.repeat(64),
        status: 'build',
        changed: [{ kind: 'arg', name: 'V', change: 'added' }]
      }
    ],
    [['base', 'leaf']],
    { include: [{}] }
  )
  expect(md).toContain('1 to build · 1 in the cache · 0 in the store · 1 matrix job(s)')
  expect(md).toContain('n1["leaf"]:::build')
  expect(md).toContain('| leaf | `bbbbbbbbbbbb` | built | added arg `V` |')
  expect(md).toContain('| base | `aaaaaaaaaaaa` | restored |  |')
})
