import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { datedTag, describeBase, writeReport } from '../../src/pipeline/report.js'
import type { StoredImage } from '../../src/store/types.js'

describe('run report', () => {
  it('names each kind of base', () => {
    expect(describeBase({ kind: 'image', name: 'debian_12-base' })).toBe('debian_12-base')
    expect(describeBase({ kind: 'scratch' })).toBe('scratch')
    expect(describeBase({ kind: 'tar', path: 'rootfs.tar' })).toBe('tar:rootfs.tar')
    expect(describeBase({ kind: 'docker', ref: 'debian:12' })).toBe('docker:debian:12')
    expect(describeBase({ kind: 'bootstrap', bootstrap: { suite: 'bookworm', variant: 'minbase' } })).toBe(
      'bootstrap:bookworm/minbase'
    )
  })

  it("picks the image's newest dated tag", () => {
    const img = {
      refs: ['x', 'x-2026-11-23_2', 'x-2026-11-23_10', 'x-2026-11-22_99', 'x-y-2026-11-24_1']
    } as unknown as StoredImage
    expect(datedTag(img, 'x')).toBe('x-2026-11-23_10')
    expect(datedTag({ refs: ['x'] } as unknown as StoredImage, 'x')).toBeUndefined()
  })

  it('writes index.json whole, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-report-'))
    try {
      const report = { version: 1 as const, startedAt: '2026-11-23T00:00:00.000Z', seconds: 1, images: [] }
      const file = await writeReport(join(dir, 'out'), report)
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(report)
      expect(await readdir(join(dir, 'out'))).toEqual(['index.json'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
