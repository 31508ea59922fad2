// Release assets and artifacts through their real clients, against loopback stand-ins.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uploadImageArtifacts } from '../../src/adapters/action/artifacts.js'
import { publishRelease } from '../../src/adapters/action/release.js'
import type { RunReport } from '../../src/pipeline/types.js'
import { SilentReporter } from '../../src/util/log.js'
import { startGithubApi } from '../fixtures/github-api.js'
import { startResultsService } from '../fixtures/results-service.js'

let dir: string
const saved = { ...process.env }
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-upload-test-'))
})
afterEach(() => {
  process.env = { ...saved }
  rmSync(dir, { recursive: true, force: true })
})

test('a release is created when absent, and a re-run replaces its assets', async () => {
  const api = await startGithubApi('acme/images', 'tkn')
  try {
    writeFileSync(join(dir, 'image.tar.gz'), 'rootfs v1')
    const opts = {
      apiUrl: api.url,
      token: 'tkn',
      repository: 'acme/images',
      tag: 'v1.0.0',
      sha: 'abc123',
      assets: [{ name: 'base-image.tar.gz', path: join(dir, 'image.tar.gz') }],
      retryBaseMs: 1
    }
    const first = await publishRelease(opts)
    expect(first).toMatchObject({
      created: true,
      assets: [{ name: 'base-image.tar.gz', size: 9 }, { name: 'SHA256SUMS' }]
    })
    expect(api.releases[0]).toMatchObject({ tag_name: 'v1.0.0', target_commitish: 'abc123' })

    writeFileSync(join(dir, 'image.tar.gz'), 'rootfs v1, again')
    const second = await publishRelease(opts)
    expect(second.created).toBe(false)
    expect(api.releases).toHaveLength(1)
    expect(api.releases[0].assets.map((a) => a.name)).toEqual(['base-image.tar.gz', 'SHA256SUMS'])
    expect(api.releases[0].assets[0].data.toString()).toBe('rootfs v1, again')

    await expect(publishRelease({ ...opts, token: 'wrong' })).rejects.toThrow(
      /release v1.0.0: look up the release: HTTP 401.*Bad credentials/
    )
  } finally {
    await api.close()
  }
})

function exported(out: string, names: string[], failedGate: string[] = []): RunReport {
  for (const name of names) {
    mkdirSync(join(out, name), { recursive: true })
    writeFileSync(join(out, name, 'image.tar.gz'), `${name} rootfs`)
    writeFileSync(join(out, name, 'SHA256SUMS'), `sums of ${name}`)
    // Kiln's own export stamp: never published.
    writeFileSync(join(out, name, '.export-stamp'), 'stamp')
  }
  const files = () => [
    { name: 'image.tar.gz', size: 1, sha256: 'x' },
    { name: 'SHA256SUMS', size: 1, sha256: 'y' }
  ]
  return {
    version: 1,
    startedAt: '',
    seconds: 0,
    images: names.map((name) => ({
      name,
      key: '',
      builder: 'import',
      arch: 'x86_64',
      status: 'built',
      seconds: 0,
      layers: [],
      size: 0,
      exports: { dir: join(out, name), files: files() },
      ...(failedGate.includes(name)
        ? { verify: { status: 'failed', seconds: 20, message: '/sbin/init is missing' } }
        : {})
    }))
  } as RunReport
}

test('one artifact per exported image asked for', async () => {
  const service = await startResultsService(join(dir, 'service'))
  Object.assign(process.env, service.env('7', '8'))
  try {
    const report = exported(join(dir, 'out'), ['base', 'leaf', 'unbootable'], ['unbootable'])
    // Asked for leaf and unbootable: the one that failed its boot gate is not published.
    const uploaded = await uploadImageArtifacts(report, new Set(['leaf', 'unbootable']), new SilentReporter())
    expect(uploaded.map((a) => a.name)).toEqual(['leaf'])
    expect(service.artifacts().map((a) => [a.name, a.runId, a.jobId])).toEqual([['leaf', '7', '8']])
    expect(service.artifacts()[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(service.artifacts()[0].expiresAt).toBeUndefined()
  } finally {
    await service.close()
  }
})

test('archive false: one unzipped artifact per file, named after image and file, with ids, URLs and retention', async () => {
  const service = await startResultsService(join(dir, 'service'))
  Object.assign(process.env, service.env('7', '8'))
  try {
    const out = join(dir, 'out')
    const report = exported(out, ['base', 'leaf'])
    const uploaded = await uploadImageArtifacts(report, new Set(['base', 'leaf']), new SilentReporter(), {
      archive: false,
      retentionDays: 5,
      env: { GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_REPOSITORY: 'acme/images', GITHUB_RUN_ID: '99' }
    })
    // Both images have an image.tar.gz: the names must differ, or the second upload is refused.
    const names = ['base-SHA256SUMS', 'base-image.tar.gz', 'leaf-SHA256SUMS', 'leaf-image.tar.gz']
    expect(uploaded.map((a) => a.name).sort()).toEqual(names)
    const byName = new Map(service.artifacts().map((a) => [a.name, a]))
    expect([...byName.keys()].sort()).toEqual(names)
    for (const a of uploaded) {
      const stored = byName.get(a.name)!
      expect(a.id).toBe(stored.id)
      expect(a.url).toBe(`https://ghe.example/acme/images/actions/runs/99/artifacts/${stored.id}`)
      // Days from now, as the toolkit computes it from retention-days.
      const days = (Date.parse(stored.expiresAt!) - Date.now()) / 86_400_000
      expect(days).toBeGreaterThan(4.9)
      expect(days).toBeLessThan(5.1)
    }
    // The file itself, not a zip of it.
    expect(service.blobBytes(byName.get('leaf-image.tar.gz')!.blob).toString()).toBe('leaf rootfs')
    // The staging links are gone; the export directory holds what it held.
    expect(readdirSync(join(out, 'leaf')).sort()).toEqual(['.export-stamp', 'SHA256SUMS', 'image.tar.gz'])
  } finally {
    await service.close()
  }
})
