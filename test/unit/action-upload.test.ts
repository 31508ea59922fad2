// Release assets and artifacts through their real clients, against loopback stand-ins.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uploadImageArtifacts } from '../../src/adapters/action/artifacts.js'
import { publishRelease } from '../../src/adapters/action/release.js'
import type { RunReport } from '../../src/build/types.js'
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

test('one artifact per exported image asked for', async () => {
  const service = await startResultsService(join(dir, 'service'))
  Object.assign(process.env, service.env('7', '8'))
  try {
    const out = join(dir, 'out')
    for (const name of ['base', 'leaf', 'unbootable']) {
      mkdirSync(join(out, name), { recursive: true })
      writeFileSync(join(out, name, 'image.tar.gz'), `${name} rootfs`)
      writeFileSync(join(out, name, 'SHA256SUMS'), `sums of ${name}`)
    }
    const files = () => [
      { name: 'image.tar.gz', size: 1, sha256: 'x' },
      { name: 'SHA256SUMS', size: 1, sha256: 'y' }
    ]
    const report = {
      version: 1,
      startedAt: '',
      seconds: 0,
      images: ['base', 'leaf', 'unbootable'].map((name) => ({
        name,
        key: '',
        builder: 'import',
        arch: 'x86_64',
        status: 'built',
        seconds: 0,
        layers: [],
        size: 0,
        exports: { dir: join(out, name), files: files() },
        ...(name === 'unbootable'
          ? { verify: { status: 'failed', seconds: 20, message: '/sbin/init is missing' } }
          : {})
      }))
    } as RunReport
    // Asked for leaf and unbootable: the one that failed its boot gate is not published.
    const uploaded = await uploadImageArtifacts(report, new Set(['leaf', 'unbootable']), new SilentReporter())
    expect(uploaded.map((a) => a.name)).toEqual(['leaf'])
    expect(service.artifacts().map((a) => [a.name, a.runId, a.jobId])).toEqual([['leaf', '7', '8']])
    expect(service.artifacts()[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/)
  } finally {
    await service.close()
  }
})
