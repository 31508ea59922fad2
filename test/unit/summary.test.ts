import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  fitSummary,
  renderPlanSummary,
  renderSummary,
  writeJobSummary
} from '../../src/adapters/action/summary.js'
import type { ImageReport, RunReport } from '../../src/pipeline/types.js'

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

describe('the 1 MiB job summary limit', () => {
  const MiB = 1024 * 1024
  const fences = (md: string) => md.split('\n').filter((l) => l.startsWith('```')).length
  const count = (md: string, s: string) => md.split(s).length - 1

  test('a catalog of many images: under the limit, the graph left out, cut with a note', () => {
    const images = Array.from({ length: 20_000 }, (_, n) =>
      image(`plan-${n}-${'x'.repeat(40)}`, 'built', {
        base: n ? `plan-${n - 1}-${'x'.repeat(40)}` : undefined
      })
    )
    const md = fitSummary(renderSummary({ report: { ...report, images } }))
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MiB)
    expect(md).toContain(
      "The chain's graph is left out: 20000 images and 19999 edges are more than GitHub draws."
    )
    expect(md).not.toContain('```mermaid')
    expect(md).toContain('| plan-0-')
    expect(md).toMatch(/The summary was cut here.*1 MiB/)
    expect(md.trimEnd().endsWith('have everything.')).toBe(true)
  })

  test('long changelogs: each cut one closes its <details>, fences stay whole', () => {
    const changelog = Array.from(
      { length: 8000 },
      (_, n) => `| pkg-${n} | 1.${n} | 1.${n + 1} | ünïcödé |`
    ).join('\n')
    const names = ['a', 'b', 'c', 'd', 'e', 'f']
    const md = fitSummary(
      renderSummary({
        report: {
          ...report,
          images: names.map((n) =>
            image(n, 'failed', { error: { step: 'build', message: 'exit 1', tail: ['a log line'] } })
          )
        },
        changelogs: Object.fromEntries(names.map((n) => [n, changelog]))
      })
    )
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MiB)
    expect(count(md, '<details>')).toBeGreaterThan(0)
    expect(count(md, '<details>')).toBe(count(md, '</details>'))
    expect(fences(md) % 2).toBe(0)
    expect(md).toContain('The summary was cut here')
  })

  test('a summary that fits is left as it is', () => {
    const md = renderSummary({ report })
    expect(fitSummary(md)).toBe(md)
  })

  test('a fence that does not fit is left out whole', () => {
    const md = ['# title', '```', ...Array.from({ length: 100 }, () => 'y'.repeat(100)), '```', 'after'].join(
      '\n'
    )
    const cut = fitSummary(md, 5000)
    expect(cut.startsWith('# title\n')).toBe(true)
    expect(fences(cut)).toBe(0)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(5000)
  })

  test('written through @actions/core to the step summary file, under the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-summary-'))
    const file = join(dir, 'step_summary')
    writeFileSync(file, '')
    const saved = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      await writeJobSummary('z'.repeat(3 * MiB))
      const size = statSync(file).size
      expect(size).toBeLessThanOrEqual(MiB)
      expect(size).toBeGreaterThan(MiB - 16 * 1024)
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = saved
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

test("the local cache's cap as it was given", () => {
  const stats = {
    backend: 'local',
    hits: 0,
    misses: 0,
    rejected: 0,
    saved: 0,
    blobsDownloaded: 0,
    bytesDownloaded: 0,
    blobsUploaded: 0,
    bytesUploaded: 0,
    warnings: []
  }
  expect(renderSummary({ report, cache: stats, cacheCap: 8 * 1024 ** 3 })).toContain(
    '**Cache** (local, capped at 8G): 0 restored, 0 saved.'
  )
})

test('artifacts and the release are links', () => {
  const md = renderSummary({
    report,
    artifacts: [
      {
        name: 'plan-a-image.tar.gz',
        size: 1000,
        id: 9,
        url: 'https://ghe.example/acme/images/actions/runs/1/artifacts/9'
      }
    ],
    release: {
      tag: 'images-2026.11.29',
      url: 'https://ghe.example/acme/images/releases/tag/images-2026.11.29',
      assets: []
    }
  })
  expect(md).toContain(
    '- [`plan-a-image.tar.gz`](https://ghe.example/acme/images/actions/runs/1/artifacts/9) (1.0 kB)'
  )
  expect(md).toContain(
    '### Release [images-2026.11.29](https://ghe.example/acme/images/releases/tag/images-2026.11.29)'
  )
})

test('a cancelled run says so first', () => {
  const md = renderSummary({ report, interrupted: 'SIGINT' })
  const lines = md.split('\n')
  expect(
    lines.findIndex((l) => l.includes('**Interrupted** by SIGINT (the job was cancelled)'))
  ).toBeLessThan(lines.findIndex((l) => l.startsWith('```mermaid')))
  expect(md).toContain('nothing was uploaded or released')
  expect(renderSummary({ report })).not.toContain('Interrupted')
})

test('the install and netboot gates share one table, a row per gate, failures naming their stage', () => {
  const md = renderSummary({
    report: {
      ...report,
      images: [
        image('plan-a', 'built', {
          install: {
            status: 'passed',
            seconds: 200,
            accel: 'tcg',
            stages: [
              { stage: 'grub-install-bios', seconds: 30 },
              { stage: 'boot-bios', seconds: 70 }
            ]
          },
          netboot: { status: 'passed', seconds: 90, accel: 'tcg', downloadedBytes: 250_000_000 }
        }),
        image('plan-b', 'built', {
          netboot: {
            status: 'failed',
            seconds: 40,
            accel: 'tcg',
            stage: 'root',
            message: 'root: no root (squashfs): the initrd cannot mount squashfs'
          }
        })
      ]
    }
  })
  expect(md).toContain('### Install and netboot gates')
  expect(md).not.toContain('### Install gate')
  const rows = md.split('\n').filter((l) => / \| (install|netboot) \| /.test(l))
  expect(rows).toEqual([
    '| plan-a | install | passed | 3 min 20 s | tcg: grub-install-bios 30 s, boot-bios 70 s |',
    '| plan-a | netboot | passed | 1 min 30 s | tcg: 250 MB over HTTP |',
    '| plan-b | netboot | failed | 40.0 s | tcg: root: no root (squashfs): the initrd cannot mount squashfs |'
  ])
})
