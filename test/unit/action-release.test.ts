// Publishing a release as consumers and GitHub see it, against the loopback GitHub API: checksums
// that `sha256sum -c` accepts in a directory of downloaded assets, drafts published after their
// uploads, every page of releases and assets, GitHub's 2 GiB limit, retries on 5xx and rate limits.
import { jest } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseInputs } from '../../src/adapters/action/inputs.js'
import { cacheHit } from '../../src/adapters/action/outputs.js'
import { previousManifests } from '../../src/adapters/action/previous.js'
import { publishRelease, type ReleaseOptions } from '../../src/adapters/action/release.js'
import type { Reporter } from '../../src/util/log.js'
import { startGithubApi, type GithubApi } from '../fixtures/github-api.js'

import { signBytes } from '../../src/adapters/action/attest.js'
import { openSigner } from '../../src/exporters/sign.js'
import { makeKey, verify } from './gpg-helpers.js'
const REPO = 'acme/images'
const TOKEN = 'tkn'
// Octokit's throttling spaces writes a second apart, as GitHub asks: a release takes seconds.
jest.setTimeout(120_000)

let dir: string
let api: GithubApi
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-release-test-'))
  api = await startGithubApi(REPO, TOKEN)
})
afterEach(async () => {
  await api.close()
  rmSync(dir, { recursive: true, force: true })
})

/** out/<image>/ with its files, and the options a matrix job publishing that image passes. */
function job(image: string, tag = 'v1', warnings: string[] = []): ReleaseOptions {
  const out = join(dir, 'out', image)
  mkdirSync(out, { recursive: true })
  const files = ['image.tar.gz', 'kernel.tar.gz', 'manifest.json']
  for (const f of files) writeFileSync(join(out, f), `${image} ${f} ${'x'.repeat(image.length * 1000)}`)
  // The exporter's own SHA256SUMS names the files as they are in out/<image>/.
  writeFileSync(join(out, 'SHA256SUMS'), 'not published\n')
  const assets = files.map((f) => ({ name: `${image}-${f}`, path: join(out, f) }))
  return {
    apiUrl: api.url,
    token: TOKEN,
    repository: REPO,
    tag,
    sha: 'abc123',
    assets,
    sums: [{ name: `${image}-SHA256SUMS`, of: assets.map((a) => a.name) }],
    notes: `- **${image}** built`,
    warn: (m) => warnings.push(m),
    retryBaseMs: 1
  }
}

/** Every asset of the release of `tag`, downloaded through the API as a consumer does. */
async function download(tag: string, into: string): Promise<string[]> {
  mkdirSync(into, { recursive: true })
  const headers = { authorization: `Bearer ${TOKEN}` }
  const release = (await (
    await fetch(`${api.url}/repos/${REPO}/releases/tags/${tag}`, { headers })
  ).json()) as { assets: Array<{ id: number; name: string }> }
  for (const a of release.assets) {
    const res = await fetch(`${api.url}/repos/${REPO}/releases/assets/${a.id}`, {
      headers: { ...headers, accept: 'application/octet-stream' }
    })
    expect([a.name, res.status]).toEqual([a.name, 200])
    await writeFile(join(into, a.name), Buffer.from(await res.arrayBuffer()))
  }
  return release.assets.map((a) => a.name).sort()
}

const sha256sumCheck = (cwd: string, file: string) =>
  promisify(execFile)('sha256sum', ['--strict', '-c', file], { cwd })

test('two matrix jobs into one release: sha256sum -c passes on the downloaded assets', async () => {
  await publishRelease(job('base'))
  await publishRelease(job('leaf'))
  const got = join(dir, 'downloaded')
  const names = await download('v1', got)
  expect(names).toEqual([
    'SHA256SUMS',
    'base-SHA256SUMS',
    'base-image.tar.gz',
    'base-kernel.tar.gz',
    'base-manifest.json',
    'leaf-SHA256SUMS',
    'leaf-image.tar.gz',
    'leaf-kernel.tar.gz',
    'leaf-manifest.json'
  ])
  // The real tool, as a consumer runs it: every line names a downloaded file and matches it.
  const all = await sha256sumCheck(got, 'SHA256SUMS')
  expect(all.stdout.trim().split('\n')).toEqual(
    names.filter((n) => n !== 'SHA256SUMS').map((n) => `${n}: OK`)
  )
  for (const image of ['base', 'leaf']) {
    const one = await sha256sumCheck(got, `${image}-SHA256SUMS`)
    expect(one.stdout).toContain(`${image}-image.tar.gz: OK`)
  }
  // A tampered download is caught.
  writeFileSync(join(got, 'leaf-image.tar.gz'), 'evil')
  await expect(sha256sumCheck(got, 'SHA256SUMS')).rejects.toMatchObject({
    code: 1,
    stdout: expect.stringContaining('leaf-image.tar.gz: FAILED')
  })
})

test('a new release is a draft until its assets are up; a re-run adds nothing twice', async () => {
  const first = await publishRelease(job('base'))
  expect(first.created).toBe(true)
  const creates = api.requests.filter((r) => r === `POST /repos/${REPO}/releases`)
  expect(creates).toHaveLength(1)
  const lastUpload = api.requests.map((r) => r.startsWith('POST /uploads/')).lastIndexOf(true)
  const publish = api.requests.indexOf(`PATCH /repos/${REPO}/releases/${first.id}`)
  expect(publish).toBeGreaterThan(lastUpload)
  expect(api.releases).toMatchObject([{ tag_name: 'v1', draft: false, body: '- **base** built' }])

  // The same job again: same release, same asset names, notes once.
  const again = await publishRelease(job('base'))
  expect(again).toMatchObject({ id: first.id, created: false })
  expect(api.releases).toHaveLength(1)
  const names = api.releases[0].assets.map((a) => a.name)
  expect(names.sort()).toEqual([...new Set(names)].sort())
  expect(names).toHaveLength(5)
  expect(api.releases[0].body).toBe('- **base** built')
})

test('a draft left by a failed attempt is taken up again and published', async () => {
  // The first upload is refused for good (a 4xx is not retried): the job fails, the draft stays.
  api.fail({ match: /^POST \/uploads\/.*assets$/, status: 400, message: 'bad upload' })
  await expect(publishRelease(job('base'))).rejects.toThrow(
    /^release v1: upload .*image.tar.gz as base-image.tar.gz: HTTP 400: bad upload$/
  )
  expect(api.releases).toMatchObject([{ draft: true }])
  const draftId = api.releases[0].id
  // Not visible by tag (GitHub finds drafts only by listing): still the same release is used.
  const rerun = await publishRelease(job('base'))
  expect(rerun).toMatchObject({ id: draftId, created: false })
  expect(api.releases).toMatchObject([{ id: draftId, draft: false }])
  expect(api.releases[0].assets).toHaveLength(5)
})

test('refused before anything is sent: an asset of 2 GiB (a sparse file)', async () => {
  const o = job('base')
  const big = join(dir, 'out', 'base', 'image.tar.gz')
  await promisify(execFile)('truncate', ['-s', '2G', big])
  await expect(publishRelease(o)).rejects.toThrow(
    `release asset base-image.tar.gz (${big}) is 2147483648 bytes (2.00 GiB): GitHub takes release assets under 2 GiB; nothing was published`
  )
  expect(api.requests).toEqual([])
  expect(api.releases).toEqual([])
  // One byte less is taken (not uploaded here: only the check is asked about).
  await promisify(execFile)('truncate', ['-s', String(2 ** 31 - 1), big])
  api.fail({ match: /^GET /, status: 401, message: 'stop here', times: 1 })
  await expect(publishRelease(o)).rejects.toThrow(/look up the release: HTTP 401/)
})

test('5xx, a rate limit and a secondary rate limit are waited out and retried', async () => {
  const warnings: string[] = []
  const now = Math.floor(Date.now() / 1000)
  api.fail({ match: /^GET .*\/releases\/tags\//, status: 502, message: 'bad gateway', times: 2 })
  api.fail({
    match: /^POST .*\/releases$/,
    status: 403,
    message: 'API rate limit exceeded',
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now) }
  })
  // A failed upload leaves its asset behind, as GitHub does: the retry deletes it first.
  api.fail({ match: /^POST \/uploads\//, status: 500, message: 'upload broke', leave: true })
  api.fail({
    match: /^PATCH /,
    status: 403,
    message: 'You have exceeded a secondary rate limit',
    headers: { 'retry-after': '1' }
  })
  const result = await publishRelease(job('base', 'v1', warnings))
  expect(result.created).toBe(true)
  expect(api.releases).toMatchObject([{ draft: false }])
  expect(api.releases[0].assets.map((a) => a.name).sort()).toEqual([
    'SHA256SUMS',
    'base-SHA256SUMS',
    'base-image.tar.gz',
    'base-kernel.tar.gz',
    'base-manifest.json'
  ])
  expect(warnings).toEqual([
    expect.stringMatching(/^GitHub rate limit on POST .*\/releases: retrying in \d+ s$/),
    expect.stringMatching(/^GitHub secondary rate limit on PATCH .*: retrying in 1 s$/)
  ])
  expect(api.requests.filter((r) => r.startsWith('GET /repos/acme/images/releases/tags/'))).toHaveLength(3)
})

test('every page: the 120th asset is replaced, a manifest in the 150th newest release is found', async () => {
  const filler = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: api.nextId(),
      name: `other-${i}`,
      size: 1,
      data: Buffer.from('o')
    }))
  const assets = filler(119)
  assets.push({ id: api.nextId(), name: 'base-image.tar.gz', size: 3, data: Buffer.from('old') })
  api.releases.push({ id: api.nextId(), tag_name: 'v1', created_at: '2026-01-01T00:00:00Z', assets })
  await publishRelease({ ...job('base'), notes: undefined })
  const release = api.releases.find((r) => r.tag_name === 'v1')!
  expect(release.assets.filter((a) => a.name === 'base-image.tar.gz')).toHaveLength(1)
  // Only what this release has is listed in its SHA256SUMS, the others' lines came from nowhere.
  const sums = release.assets.find((a) => a.name === 'SHA256SUMS')!.data.toString()
  expect(
    sums
      .trim()
      .split('\n')
      .map((l) => l.split('  ')[1])
  ).toEqual(['base-SHA256SUMS', 'base-image.tar.gz', 'base-kernel.tar.gz', 'base-manifest.json'])

  const manifest = {
    archives: [],
    packages: [{ name: 'bash', version: '5.2', arch: 'amd64' }],
    fsSize: 1
  }
  api.releases.length = 0
  for (let i = 0; i < 150; i++) {
    const data = Buffer.from(JSON.stringify(manifest))
    api.releases.push({
      id: api.nextId(),
      tag_name: `v0.${i}`,
      created_at: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
      assets: i === 0 ? [{ id: api.nextId(), name: 'base-manifest.json', size: data.length, data }] : []
    })
  }
  const reporter: Reporter = {
    info: () => {},
    warn: (m) => {
      throw new Error(m)
    },
    error: () => {},
    debug: () => {},
    group: (_t, fn) => fn()
  }
  const found = await previousManifests({
    apiUrl: api.url,
    token: TOKEN,
    repository: REPO,
    images: ['base'],
    reporter,
    retryBaseMs: 1
  })
  expect(found.get('base')?.tag).toBe('v0.0')
  expect(api.requests.filter((r) => r.startsWith(`GET /repos/${REPO}/releases?`))).toHaveLength(2)
})

test('cache-hit: every image from the store or the cache, in build and in plan mode', () => {
  expect(cacheHit(['reused', 'restored'])).toBe(true)
  expect(cacheHit(['store', 'cache'])).toBe(true)
  expect(cacheHit(['restored', 'built'])).toBe(false)
  expect(cacheHit(['cache', 'build'])).toBe(false)
  expect(cacheHit(['restored', 'failed'])).toBe(false)
  expect(cacheHit([])).toBe(false)
  expect(parseInputs((n) => (n === 'fail-on-cache-miss' ? 'true' : ''))['fail-on-cache-miss']).toBe(true)
  expect(parseInputs(() => '')['fail-on-cache-miss']).toBe(false)
})

test('a file that changed since it was exported is not published', async () => {
  const o = job('base')
  const image = o.assets[0]
  const exported = createHash('sha256').update(readFileSync(image.path)).digest('hex')
  writeFileSync(image.path, 'swapped after the export')
  await expect(
    publishRelease({ ...o, assets: [{ ...image, sha256: exported }, ...o.assets.slice(1)] })
  ).rejects.toThrow(
    `release v1: ${image.path} changed since it was exported (sha256 ${createHash('sha256').update('swapped after the export').digest('hex')}, exported as ${exported}); not published`
  )
  expect(api.releases).toMatchObject([{ draft: true, assets: [] }])
})

test('two jobs publishing at the same moment: one release, every asset once', async () => {
  await Promise.all([publishRelease(job('base')), publishRelease(job('leaf'))])
  expect(api.releases).toMatchObject([{ tag_name: 'v1', draft: false }])
  const got = join(dir, 'downloaded')
  const names = await download('v1', got)
  expect(names).toHaveLength(9)
  const all = await sha256sumCheck(got, 'SHA256SUMS')
  expect(all.stdout.trim().split('\n')).toHaveLength(8)
})

test("another job's SHA256SUMS written over ours: read back and merged again", async () => {
  await publishRelease(job('base'))
  const baseLines = api.releases[0].assets.find((a) => a.name === 'SHA256SUMS')!.data
  // Right after the leaf job writes SHA256SUMS, a job that started before it writes its own,
  // made from what it saw then: the base lines only.
  api.after(/^POST \/uploads\/.*\?name=SHA256SUMS&?$/, () => {
    const sums = api.releases[0].assets.find((a) => a.name === 'SHA256SUMS')!
    sums.data = baseLines
    sums.size = baseLines.length
  })
  await publishRelease(job('leaf'))
  const got = join(dir, 'downloaded')
  await download('v1', got)
  const all = await sha256sumCheck(got, 'SHA256SUMS')
  expect(all.stdout.trim().split('\n')).toHaveLength(8)
  expect(all.stdout).toContain('leaf-image.tar.gz: OK')
})

test('with a signing key, SHA256SUMS.asc signs the release-wide SHA256SUMS as it was downloaded', async () => {
  const key = makeKey('')
  const signer = await openSigner(key.secret, '')
  try {
    await publishRelease(job('base'))
    await publishRelease({ ...job('leaf'), signSums: (sums) => signBytes(signer, sums) })
  } finally {
    await signer.close()
  }
  const got = join(dir, 'downloaded')
  const names = await download('v1', got)
  expect(names).toContain('SHA256SUMS.asc')
  // The signature covers every job's lines (base's too), as a consumer checks them.
  expect(readFileSync(join(got, 'SHA256SUMS'), 'utf8')).toContain('base-image.tar.gz')
  expect(verify(key.public, join(got, 'SHA256SUMS.asc'), join(got, 'SHA256SUMS')).ok).toBe(true)
  writeFileSync(
    join(got, 'SHA256SUMS'),
    readFileSync(join(got, 'SHA256SUMS'), 'utf8').replace(/^[0-9a-f]/, '0')
  )
  expect(verify(key.public, join(got, 'SHA256SUMS.asc'), join(got, 'SHA256SUMS')).ok).toBe(false)
})
