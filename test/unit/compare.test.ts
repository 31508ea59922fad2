import { changelogMarkdown, compareManifests } from '../../src/exporters/compare.js'
import type { ExportManifest } from '../../src/exporters/manifest.js'

const manifest = (kernel: string, packages: ExportManifest['packages'], size: number): ExportManifest => ({
  schemaVersion: 1,
  name: 'debian_12-base',
  base: [],
  layers: [],
  archives: [{ kind: 'rootfs', file: 'image.tar.gz', size, sha256: 'x' }],
  entries: 10,
  fsSize: size * 3,
  kernel,
  packageFormat: 'dpkg',
  packages
})

describe('compareManifests', () => {
  const old = manifest(
    '6.1.0-9-amd64',
    [
      { name: 'bash', version: '5.2.15-2', arch: 'amd64' },
      { name: 'wget', version: '1.21.3-1', arch: 'amd64' },
      { name: 'gone', version: '1', arch: 'all' }
    ],
    100 << 20
  )
  const next = manifest(
    '6.1.0-10-amd64',
    [
      { name: 'bash', version: '5.2.15-2+b2', arch: 'amd64' },
      { name: 'wget', version: '1.21.3-1', arch: 'amd64' },
      { name: 'curl', version: '7.88.1-10', arch: 'amd64' }
    ],
    110 << 20
  )

  test('added, updated (old → new version) and removed packages, sizes and kernels', () => {
    const c = compareManifests(old, next)
    expect(c.added).toEqual([{ name: 'curl', version: '7.88.1-10', arch: 'amd64' }])
    expect(c.updated).toEqual([{ name: 'bash', oldVersion: '5.2.15-2', newVersion: '5.2.15-2+b2' }])
    expect(c.removed).toEqual([{ name: 'gone', version: '1', arch: 'all' }])
    expect(c.kernels).toEqual({ old: '6.1.0-9-amd64', new: '6.1.0-10-amd64' })
    expect(c.packageCount).toEqual({ old: 3, new: 3 })
    expect(c.imageSize).toEqual({ old: 100 << 20, new: 110 << 20 })
  })

  test('Markdown separates name and version (the original printed wget1.18-5 with no space)', () => {
    const md = changelogMarkdown(compareManifests(old, next), 'debian_12-base')
    expect(md).toContain('## debian_12-base')
    expect(md).toContain('| Image size | 100.0 MiB | 110.0 MiB (+10.0 MiB) |')
    expect(md).toContain('| Kernel | 6.1.0-9-amd64 | 6.1.0-10-amd64 |')
    expect(md).toContain('### New packages (1)\n\n- curl 7.88.1-10')
    expect(md).toContain('- bash 5.2.15-2 → 5.2.15-2+b2')
    expect(md).toContain('### Removed packages (1)\n\n- gone 1')
  })

  test('an identical image has an empty changelog', () => {
    const c = compareManifests(old, old)
    expect([c.added, c.updated, c.removed]).toEqual([[], [], []])
    expect(changelogMarkdown(c)).toContain('### Updated packages (0)\n\nnone')
  })
})
