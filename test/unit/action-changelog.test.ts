// The changelog against the previous release, against the loopback GitHub API stand-in: release
// list, asset download redirected to a storage host that refuses the API token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { releaseNotes } from '../../src/adapters/action/main.js'
import { checkManifest, imageChangelogs } from '../../src/adapters/action/previous.js'
import { publishRelease } from '../../src/adapters/action/release.js'
import type { ImageReport } from '../../src/pipeline/types.js'
import type { ExportManifest } from '../../src/exporters/manifest.js'
import type { Reporter } from '../../src/util/log.js'
import { startGithubApi, type GithubApi } from '../fixtures/github-api.js'

const REPO = 'acme/images'
const TOKEN = 'tkn'

const manifest = (packages: ExportManifest['packages'], size = 100 << 20): ExportManifest => ({
  schemaVersion: 1,
  name: 'base',
  base: [],
  layers: [],
  archives: [{ kind: 'rootfs', file: 'image.tar.gz', size, sha256: 'x' }],
  entries: 10,
  fsSize: size * 3,
  kernel: '6.1.0-9-amd64',
  packageFormat: 'dpkg',
  packages
})
const bash = (version: string) => ({ name: 'bash', version, arch: 'amd64' })
const OLD = manifest([bash('5.2.15-2'), { name: 'gone', version: '1', arch: 'all' }])
const NEW = manifest([bash('5.2.15-2+b2'), { name: 'curl', version: '7.88.1-10', arch: 'amd64' }], 110 << 20)

class Recorder implements Reporter {
  infos: string[] = []
  warnings: string[] = []
  info(m: string): void {
    this.infos.push(m)
  }
  warn(m: string): void {
    this.warnings.push(m)
  }
  error(m: string): void {
    this.warnings.push(m)
  }
  debug(): void {}
  group<T>(_t: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }
}

let dir: string
let api: GithubApi
let newManifest: string

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-changelog-test-'))
  newManifest = join(dir, 'manifest.json')
  writeFileSync(newManifest, JSON.stringify(NEW))
  api = await startGithubApi(REPO, TOKEN)
})
afterEach(async () => {
  await api.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A release added by hand, its assets given as name → content (JSON for objects). */
function release(
  tag: string,
  date: string,
  assets: Record<string, unknown>,
  extra: { draft?: boolean } = {}
) {
  api.releases.push({
    id: api.nextId(),
    tag_name: tag,
    created_at: `${date}T12:00:00Z`,
    ...extra,
    assets: Object.entries(assets).map(([name, content]) => {
      const data = Buffer.from(typeof content === 'string' ? content : JSON.stringify(content))
      return { id: api.nextId(), name, size: data.length, data }
    })
  })
}

const changelogs = (reporter: Reporter, o: { currentTag?: string; against?: string; token?: string } = {}) =>
  imageChangelogs({
    apiUrl: api.url,
    token: o.token ?? TOKEN,
    repository: REPO,
    currentTag: o.currentTag,
    against: o.against,
    images: ['base', 'leaf'].map((name) => ({ name, manifest: newManifest })),
    reporter,
    retryBaseMs: 1
  })

test('the newest earlier published release with the manifest; the current tag and drafts skipped', async () => {
  release('v0.1.0', '2026-01-01', { 'base-manifest.json': manifest([bash('5.0')]) })
  release('v0.2.0', '2026-02-01', { 'base-manifest.json': OLD, 'base-image.tar.gz': 'rootfs' })
  release('v0.4.0-rc', '2026-04-01', { 'base-manifest.json': 'draft, never read' }, { draft: true })
  release('v0.3.0', '2026-03-01', { 'base-manifest.json': 'being published, never read' })
  const reporter = new Recorder()
  const out = await changelogs(reporter, { currentTag: 'v0.3.0' })

  expect(Object.keys(out)).toEqual(['base'])
  expect(out.base.tag).toBe('v0.2.0')
  const md = out.base.markdown
  expect(md).toContain('## Changes since v0.2.0')
  expect(md).toContain('### New packages (1)\n\n- curl 7.88.1-10')
  expect(md).toContain('### Updated packages (1)\n\n- bash 5.2.15-2 → 5.2.15-2+b2')
  expect(md).toContain('### Removed packages (1)\n\n- gone 1')
  expect(md).toContain('| Image size | 100.0 MiB | 110.0 MiB (+10.0 MiB) |')
  // No manifest of the leaf anywhere: said, not warned.
  expect(reporter.warnings).toEqual([])
  expect(reporter.infos).toEqual(['changelog: no earlier release has leaf-manifest.json'])
  // The download went through the redirect, to storage that refuses a request with the token.
  const id = api.releases[1].assets[0].id
  expect(api.requests).toEqual(
    expect.arrayContaining([`GET /repos/${REPO}/releases/assets/${id}`, `storage GET /assets/${id}`])
  )
  expect(api.requests.filter((r) => r.startsWith('storage'))).toHaveLength(1)

  // Re-publishing v0.2.0 (a re-run) compares it with what came before it, not with v0.3.0.
  const rerun = await changelogs(new Recorder(), { currentTag: 'v0.2.0' })
  expect(rerun.base.tag).toBe('v0.1.0')

  // A named tag is taken as asked.
  const named = await changelogs(new Recorder(), { currentTag: 'v0.3.0', against: 'v0.1.0' })
  expect(named.base.tag).toBe('v0.1.0')
  expect(named.base.markdown).toContain('bash 5.0 → 5.2.15-2+b2')
})

test('a failed download or a broken or hostile manifest: a warning and no changelog', async () => {
  const cases: Record<string, unknown> = {
    'not json': '{"packages": [',
    'wrong shape': { packages: 'bash', archives: [] },
    markup: { ...OLD, packages: [{ name: '<img src=x onerror=alert(1)>', version: '1' }] },
    'no fsSize': { ...OLD, fsSize: 'big' }
  }
  let day = 1
  for (const [what, content] of Object.entries(cases)) {
    api.releases.length = 0
    release(`v${day}`, `2026-01-0${day++}`, { 'base-manifest.json': content })
    const reporter = new Recorder()
    expect(await changelogs(reporter)).toEqual({})
    expect([what, reporter.warnings]).toEqual([what, [expect.stringMatching(/^changelog of base: /)]])
  }

  api.releases.length = 0
  release('v9', '2026-01-09', { 'base-manifest.json': OLD })
  api.releases[0].assets[0].status = 500
  const reporter = new Recorder()
  expect(await changelogs(reporter)).toEqual({})
  expect(reporter.warnings).toEqual([
    'changelog of base: base-manifest.json of release v9: HTTP 500: storage says no'
  ])
})

test('no release list (bad token, no API, unknown tag): one warning, no changelog', async () => {
  for (const [o, message] of [
    [{ token: 'wrong' }, /HTTP 401/],
    [{ against: 'v404' }, /no release v404/]
  ] as const) {
    const reporter = new Recorder()
    expect(await changelogs(reporter, o)).toEqual({})
    expect(reporter.warnings).toEqual([expect.stringMatching(message)])
  }
  const reporter = new Recorder()
  const out = await imageChangelogs({
    apiUrl: 'http://127.0.0.1:9',
    token: TOKEN,
    repository: REPO,
    images: [{ name: 'base', manifest: newManifest }],
    reporter,
    retryBaseMs: 1
  })
  expect(out).toEqual({})
  expect(reporter.warnings).toEqual([
    expect.stringMatching(/^changelog: cannot list the releases of acme\/images: no answer: bad port$/)
  ])
})

test('checkManifest takes what compare reads and nothing that would break the Markdown', () => {
  expect(checkManifest(JSON.parse(JSON.stringify({ ...OLD, kernel: undefined }))).kernel).toBeNull()
  expect(() => checkManifest(null)).toThrow(/not an export manifest/)
  expect(() => checkManifest({ ...OLD, packages: [{ name: 'a|b', version: '1' }] })).toThrow(/package 0/)
  expect(() => checkManifest({ ...OLD, archives: [{ size: 1 }] })).toThrow(/archive 0/)
  expect(() => checkManifest({ ...OLD, kernel: '`x`' })).toThrow(/kernel/)
})

test('release notes fold each changelog under its image; too long for GitHub, the lines alone', async () => {
  const image = {
    name: 'base',
    key: 'a'.repeat(64),
    status: 'built',
    exports: { dir: dir, files: [{ name: 'image.tar.gz', size: 1, sha256: 'x' }] }
  } as ImageReport
  const notes = releaseNotes([image], { base: { tag: 'v0.2.0', markdown: '## Changes since v0.2.0\n\nx\n' } })
  expect(notes).toBe(
    `- **base** \`aaaaaaaaaaaa\`: no boot gate (no kernel exported)\n\n<details><summary>Changes since v0.2.0</summary>\n\n## Changes since v0.2.0\n\nx\n\n</details>\n`
  )
  const long = releaseNotes([image], { base: { tag: 'v0', markdown: '- pkg 1\n'.repeat(5000) } })
  expect(long.length).toBeLessThan(11_000)
  expect(long).toContain('… cut short: the job summary has the whole changelog\n\n</details>')

  const short = releaseNotes([image])
  await publishRelease({
    apiUrl: api.url,
    token: TOKEN,
    repository: REPO,
    tag: 'v1',
    assets: [],
    notes: `${short}\n\n${'x'.repeat(130_000)}`,
    retryBaseMs: 1,
    shortNotes: short
  })
  expect(api.releases[0].body).toBe(short)
})

test('release notes name the install and netboot gates an image passed', () => {
  const image = {
    name: 'plan',
    key: 'b'.repeat(64),
    status: 'built',
    exports: { dir, kernel: '6.1.0-9-amd64', files: [{ name: 'image.tar.gz', size: 1, sha256: 'x' }] },
    verify: { status: 'passed', seconds: 30.04, accel: 'tcg' },
    install: { status: 'passed', seconds: 250.5 },
    netboot: { status: 'passed', seconds: 80.2, downloadedBytes: 1 }
  } as ImageReport
  expect(releaseNotes([image])).toBe(
    '- **plan** `bbbbbbbbbbbb`, kernel 6.1.0-9-amd64: boot gate passed in 30.0 s (tcg); install gate passed in 250.5 s; netboot gate passed in 80.2 s'
  )
})
