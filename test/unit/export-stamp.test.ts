// Archives already in out/ for the same request are reused only while every file is intact.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { reusableExport, writeStamp, type ExportRequest } from '../../src/pipeline/export-stamp.js'

let dir: string
const request: ExportRequest = { key: 'k1', exports: ['rootfs', 'kernel'], compression: 'gzip' }
const sha = (s: string): string => createHash('sha256').update(s).digest('hex')

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-stamp-'))
  for (const [f, body] of Object.entries({
    'image.tar.gz': 'rootfs',
    'kernel.tar.gz': 'kernel',
    'manifest.json': '{}',
    SHA256SUMS: ''
  }))
    writeFileSync(join(dir, f), body)
  await writeStamp(
    dir,
    request,
    {
      dir,
      files: [
        { name: 'image.tar.gz', size: 6, sha256: sha('rootfs') },
        { name: 'kernel.tar.gz', size: 6, sha256: sha('kernel') }
      ]
    },
    { status: 'passed', seconds: 14, accel: 'tcg' }
  )
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('the same request on intact files is reused, with its boot verdict', async () => {
  const got = await reusableExport(dir, { ...request, exports: ['kernel', 'rootfs'] })
  expect(got?.exports.files.map((f) => f.name)).toEqual(['image.tar.gz', 'kernel.tar.gz'])
  expect(got?.verify?.status).toBe('passed')
})

test.each([
  ['another key', { ...request, key: 'k2' }],
  ['other exports', { ...request, exports: ['rootfs'] }],
  ['other compression', { ...request, compression: 'zstd' }],
  ['a SOURCE_DATE_EPOCH', { ...request, sourceDateEpoch: 0 }]
])('%s is exported again', async (_what, other) => {
  expect(await reusableExport(dir, other as ExportRequest)).toBeNull()
})

test('a changed or missing file is exported again', async () => {
  writeFileSync(join(dir, 'kernel.tar.gz'), 'tampered')
  expect(await reusableExport(dir, request)).toBeNull()
})

test('a missing manifest is exported again', async () => {
  rmSync(join(dir, 'manifest.json'))
  expect(await reusableExport(dir, request)).toBeNull()
})

test('another SBOM format, or a missing SBOM or provenance, is exported again; a missing signature is not a reason', async () => {
  expect(await reusableExport(dir, { ...request, sbomFormat: 'cyclonedx' })).toBeNull()
  const withDocs: ExportRequest = { ...request, sbomFormat: 'spdx' }
  for (const f of ['sbom.spdx.json', 'provenance.intoto.json']) writeFileSync(join(dir, f), '{}')
  const files = [{ name: 'image.tar.gz', size: 6, sha256: sha('rootfs') }]
  await writeStamp(dir, withDocs, {
    dir,
    files,
    documents: ['sbom.spdx.json', 'provenance.intoto.json', 'SHA256SUMS.asc']
  })
  // SHA256SUMS.asc is not there: it is made again each run with that run's key.
  expect(await reusableExport(dir, withDocs)).not.toBeNull()
  rmSync(join(dir, 'provenance.intoto.json'))
  expect(await reusableExport(dir, withDocs)).toBeNull()
})
