// The example catalog in images/ as `kiln plan` sees it: one image per builder, each
// key covering the files its builder reads. Building the catalog takes many minutes
// (scripts/build-catalog.sh does it); this checks the plan and the files only.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { execa } from 'execa'
import { aciStepPath } from '../../src/builders/aci/builder.js'

const repo = path.resolve('.')
const images = path.join(repo, 'images')

interface PlannedRow {
  name: string
  builder: string
  base: string
  inputs: Array<{ kind: string; name: string; digest: string }>
}

async function plan(): Promise<PlannedRow[]> {
  const r = await execa(
    path.join(repo, 'node_modules/.bin/tsx'),
    [path.join(repo, 'src/adapters/cli/index.ts'), 'plan', '-f', 'images/IMAGES.json', '--json', '--explain'],
    { cwd: repo, env: { NO_COLOR: '1' } }
  )
  return JSON.parse(r.stdout) as PlannedRow[]
}

describe('the example catalog', () => {
  test('plans one image per builder on debian_12-base, and an arm64 plan on its own arm64 base', async () => {
    const rows = await plan()
    expect(rows.map((r) => [r.name, r.builder])).toEqual([
      ['debian_12-base', 'dockerfile'],
      ['debian_12-c3.small.x86', 'dockerfile'],
      ['debian_12-m3.large.x86', 'dockerfile'],
      ['debian_12-base-arm64', 'dockerfile'],
      ['debian_12-c2.large.arm', 'dockerfile'],
      ['debian_12-packer', 'packer'],
      ['debian_12-tools', 'overlay'],
      ['busybox-aci', 'aci']
    ])
    const on = (base: string) => rows.filter((r) => r.base === base).map((r) => r.name)
    expect(on('debian_12-base')).toEqual([
      'debian_12-c3.small.x86',
      'debian_12-m3.large.x86',
      'debian_12-packer',
      'debian_12-tools',
      'busybox-aci'
    ])
    expect(on('debian_12-base-arm64')).toEqual(['debian_12-c2.large.arm'])
    const inputs = (name: string): string[] =>
      (rows.find((r) => r.name === name)?.inputs ?? []).map((i) => `${i.kind} ${i.name}`)
    expect(inputs('debian_12-packer')).toContain('packer-ref packer/provision.sh (executable)')
    expect(inputs('debian_12-tools')).toContain('pack-tree packs/ipmi')
    expect(inputs('busybox-aci')).toContain('aci-ref aci/scripts/install-busybox.sh (executable)')
  }, 60_000)

  test("an image with the netboot gate has squashfs and overlay in its initrd (its Dockerfile or a base's)", async () => {
    const doc = JSON.parse(await readFile(path.join(images, 'IMAGES.json'), 'utf8')) as {
      images: Array<{ name: string; base: unknown; file?: string; verify?: unknown; exports?: string[] }>
    }
    const byName = new Map(doc.images.map((i) => [i.name, i]))
    const netbooted = doc.images.filter(
      (i) => typeof i.verify === 'object' && (i.verify as { netboot?: boolean }).netboot === true
    )
    expect(netbooted.map((i) => i.name)).toEqual(['debian_12-c3.small.x86'])
    for (const img of netbooted) {
      expect(img.exports).toEqual(expect.arrayContaining(['netboot', 'squashfs']))
      const dockerfiles: string[] = []
      for (let i: (typeof doc.images)[number] | undefined = img; i;) {
        if (i.file) dockerfiles.push(await readFile(path.join(images, i.file), 'utf8'))
        i = typeof i.base === 'string' ? byName.get(i.base) : undefined
      }
      // The modules file and the initrd rebuilt in the same step, as the gate needs them.
      expect(
        dockerfiles.some((d) =>
          /printf 'squashfs\\noverlay\\n' >> \/etc\/initramfs-tools\/modules[\s\\]*&& update-initramfs -u/.test(
            d
          )
        )
      ).toBe(true)
    }
  })

  test('the ACI scripts are where the builder reads them, and they run with /bin/sh', async () => {
    const manifest = 'aci/busybox.json'
    const doc = JSON.parse(await readFile(path.join(images, manifest), 'utf8')) as {
      '-aci-packer-build-steps-': Array<{ type?: string; step?: string; path?: string; copy?: boolean }>
    }
    const cmds = doc['-aci-packer-build-steps-'].filter(
      (s) => (s.type ?? s.step) === 'cmd' && s.copy !== false
    )
    expect(cmds.length).toBeGreaterThan(0)
    for (const c of cmds) {
      const file = aciStepPath(images, manifest, c.path as string)
      expect((await stat(file)).mode & 0o111).not.toBe(0)
      expect((await readFile(file, 'utf8')).split('\n')[0]).toBe('#!/bin/sh')
    }
  })
})
