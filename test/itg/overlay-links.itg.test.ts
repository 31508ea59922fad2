// The overlay builder's host-side steps (copy, packs, tarballs) against an image whose own
// links lead to a host directory: what is written lands inside the image (copy) or the step
// is refused (packs, tarballs: GNU tar follows the links itself), and the host directory
// keeps exactly the files and contents it had.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { overlayBuilder } from '../../src/builders/overlay.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import { run } from '../../src/util/exec.js'
import { context, save, spec, storeWithMinbase, tempDir } from './overlay-helpers.js'

let dir: string
let root: string
let canary: string
let store: Store
let hostile: StoredImage

/** Every path under a directory with its content (files) or kind, sorted. */
async function treeOf(d: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(d, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath ?? e.path, e.name)
    out.push(
      `${p.slice(d.length)} ${e.isFile() ? await readFile(p, 'utf8') : e.isDirectory() ? 'dir' : 'other'}`
    )
  }
  return out.sort()
}

async function layerNames(image: { layers: Array<{ path: string }> }): Promise<string[]> {
  const top = image.layers[image.layers.length - 1]
  return (await run('tar', ['-tf', top.path])).stdout
    .split('\n')
    .filter(Boolean)
    .map((n) => n.replace(/^\.\//, ''))
}

let before: string[]

beforeAll(async () => {
  dir = await tempDir('overlay-links')
  let base: StoredImage
  ;({ store, base } = await storeWithMinbase(dir))
  canary = join(dir, 'canary')
  await mkdir(join(canary, 'sub'), { recursive: true })
  await writeFile(join(canary, 'passwd'), 'host data\n')
  await writeFile(join(canary, 'sub/keep'), 'more host data\n')
  before = await treeOf(canary)
  root = join(dir, 'project')
  await mkdir(join(root, 'pack/lnk/sub'), { recursive: true })
  await writeFile(join(root, 'pack/lnk/sub/new'), 'from the pack\n')
  await writeFile(join(root, 'passwd'), 'from the catalog\n')
  await mkdir(join(root, 'tree/sub'), { recursive: true })
  await writeFile(join(root, 'tree/sub/keep'), 'from the catalog\n')
  await run('tar', ['-C', join(root, 'pack'), '-czf', join(root, 'pack.tar.gz'), './lnk/sub/new'])
  // The hostile image: /conf -> the host directory, /lnk -> conf (a link to that link).
  const s = spec('hostile', { overlay: { run: [`ln -s ${canary} /conf; ln -s conf /lnk`] } })
  hostile = await save(
    store,
    'hostile',
    await overlayBuilder.build(context(store, root, s, base, join(dir, 'w0')))
  )
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('host-side steps through an image link to a host directory', () => {
  test('copy: a file through /conf and /lnk, a directory onto /lnk, all land inside the image', async () => {
    const s = spec('copied', {
      base: { kind: 'image', name: 'hostile' },
      overlay: {
        copy: [
          { src: 'passwd', dest: '/conf/passwd' },
          { src: 'passwd', dest: '/lnk/sub/' },
          { src: 'tree', dest: '/lnk/tree' }
        ]
      }
    })
    const r = await overlayBuilder.build(context(store, root, s, hostile, join(dir, 'w1')))
    expect(await treeOf(canary)).toEqual(before)
    const names = await layerNames(r)
    // Where the image itself would put them: under its own <canary> path.
    const inImage = canary.slice(1)
    expect(names).toEqual(
      expect.arrayContaining([`${inImage}/passwd`, `${inImage}/sub/passwd`, `${inImage}/tree/sub/keep`])
    )
  })

  test.each([
    ['a pack directory', { packs: ['pack'] }],
    ['a pack tarball', { packs: ['pack.tar.gz'] }]
  ])('%s writing through /lnk -> conf -> the host is refused, naming the link', async (_what, overlay) => {
    const s = spec('packed', { base: { kind: 'image', name: 'hostile' }, overlay })
    await expect(overlayBuilder.build(context(store, root, s, hostile, join(dir, 'w2')))).rejects.toThrow(
      /packed: packs\[0\]: writing \/lnk(\/sub)? would go through \/conf -> /
    )
    expect(await treeOf(canary)).toEqual(before)
  })
})
