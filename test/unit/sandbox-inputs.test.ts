// What the sandbox builders read from the host and from an image before they write:
// overlayfs markers in a tree full of absolute links, the files a step needs, tarballs laid
// over an image, and the host paths an aci manifest names.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { aciStepPath } from '../../src/builders/aci/builder.js'
import { listCheckedTar } from '../../src/builders/overlay.js'
import { writePatch } from '../../src/sandbox/patch.js'
import { findOpaqueDirs } from '../../src/sandbox/xattr.js'
import { TarSafetyError } from '../../src/sources/safe-tar.js'
import { makeTar } from './store-helpers.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-sbinputs-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('findOpaqueDirs', () => {
  test('an image tree with absolute and dangling links is read without following them', async () => {
    // A Debian root has both: /etc/mtab -> /proc/self/mounts, and links to files the host lacks.
    await mkdir(join(dir, 'etc/apt'), { recursive: true })
    await symlink('/proc/self/mounts', join(dir, 'etc/mtab'))
    await symlink('/nonexistent-kiln-target/lib.so', join(dir, 'etc/dangling'))
    await symlink('../../usr/lib/missing', join(dir, 'etc/apt/rel-dangling'))
    await expect(findOpaqueDirs(dir)).resolves.toEqual([])
  })
})

describe('writePatch', () => {
  test('a file a step needs must exist on the host; the DNS files may be missing', async () => {
    const image = join(dir, 'image')
    await mkdir(join(image, 'etc'), { recursive: true })
    const script = join(dir, 'install.sh')
    await writeFile(script, '#!/bin/sh\necho hi\n')
    const patch = join(dir, 'patch')
    const ok = await writePatch(patch, [image], {
      dns: false,
      hosts: false,
      files: [
        { path: '.kiln/cmd-install.sh', source: script, mode: 0o755 },
        { path: 'etc/optional.conf', source: join(dir, 'absent.conf'), mode: 0o644, optional: true }
      ]
    })
    expect(ok.paths).toEqual(['.kiln/cmd-install.sh'])
    expect(await readFile(join(patch, '.kiln/cmd-install.sh'), 'utf8')).toContain('echo hi')
    await expect(
      writePatch(patch, [image], {
        dns: false,
        hosts: false,
        files: [{ path: '.kiln/cmd-gone.sh', source: join(dir, 'scripts/gone.sh'), mode: 0o755 }]
      })
    ).rejects.toThrow(/cannot provide \/\.kiln\/cmd-gone\.sh from .*scripts\/gone\.sh/)
  })
})

describe('listCheckedTar', () => {
  test('lists files, directories and hardlink targets of a compressed tarball', async () => {
    const file = join(dir, 'x.tar.gz')
    const tar = await makeTar([
      { name: './etc/', type: 'directory' },
      { name: './etc/kiln.conf', body: 'a' },
      { name: './usr/lib/', type: 'directory' },
      { name: './usr/lib/copy', type: 'link', linkname: './etc/kiln.conf' }
    ])
    await writeFile(file, gzipSync(tar))
    await expect(listCheckedTar(file, 'x.tar.gz')).resolves.toEqual({
      files: ['etc/kiln.conf', 'usr/lib/copy'],
      dirs: ['etc', 'usr/lib'],
      linkTargets: ['etc/kiln.conf']
    })
  })

  test('refuses an entry through a link of the same archive', async () => {
    const file = join(dir, 'evil.tar')
    await writeFile(
      file,
      await makeTar([
        { name: 'evil', type: 'symlink', linkname: '/etc' },
        { name: 'evil/passwd', body: 'root::0:0::/:/bin/sh\n' }
      ])
    )
    await expect(listCheckedTar(file, 'evil.tar')).rejects.toThrow(TarSafetyError)
  })
})

describe('aci step paths', () => {
  test('are read relative to the manifest, inside the project only', () => {
    const root = '/p/images'
    expect(aciStepPath(root, 'aci/busybox.json', 'scripts/install.sh')).toBe(
      '/p/images/aci/scripts/install.sh'
    )
    expect(aciStepPath(root, 'busybox.json', 'hello.sh')).toBe('/p/images/hello.sh')
    expect(aciStepPath(root, 'aci/busybox.json', '../packs/x')).toBe('/p/images/packs/x')
    expect(() => aciStepPath(root, 'aci/busybox.json', '../../etc/passwd')).toThrow(
      /lies outside the project root/
    )
  })
})
