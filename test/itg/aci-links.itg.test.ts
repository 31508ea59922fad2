// The ACI builder's host-side file work (copy_host_files, extract) on a root whose own links
// lead to a host directory: what is written lands inside the root, what is pruned is the
// root's, and the host directory keeps exactly the files and contents it had.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { aciBuilder } from '../../src/builders/aci/index.js'
import { run } from '../../src/util/exec.js'
import { context, spec, storeWithMinbase, tempDir } from './overlay-helpers.js'

let dir: string

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

beforeAll(async () => {
  dir = await tempDir('aci-links')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('copy_host_files and extract through /conf -> a host directory stay inside the root', async () => {
  const { store, base } = await storeWithMinbase(dir)
  const canary = join(dir, 'canary')
  await mkdir(join(canary, 'sub'), { recursive: true })
  await writeFile(join(canary, 'passwd'), 'host data\n')
  await writeFile(join(canary, 'sub/keep'), 'more host data\n')
  const before = await treeOf(canary)

  const root = join(dir, 'project')
  await mkdir(root)
  await writeFile(join(root, 'app.conf'), 'from the catalog\n')
  const links = `ln -s ${canary} /conf && ln -s ${canary}/passwd /app.conf && ln -s conf /lnk`
  await writeFile(
    join(root, 'aci.json'),
    JSON.stringify({
      name: 'example.com/links',
      app: { exec: ['/bin/sh'], user: 'root', group: 'root' },
      '-aci-packer-build-steps-': [
        { step: 'image', from: 'base' },
        { step: 'cmd', copy: false, path: '/bin/sh', args: ['-c', links] },
        {
          step: 'copy_host_files',
          files: [
            // Onto a link to a host file (cp used to write through it), through a link to
            // the host directory, and through a link to that link.
            ['app.conf', '/app.conf'],
            ['app.conf', '/conf/passwd'],
            ['app.conf', '/lnk/sub']
          ]
        },
        { step: 'extract', binaries: ['/bin/sh'], keeps: ['/conf/sub/keep', '/conf/passwd', '/lnk'] }
      ]
    })
  )
  const s = spec('links', { builder: 'aci', file: 'aci.json', args: { compression: 'none' } })
  const built = await aciBuilder
    .build(context(store, root, s, base, join(dir, 'work')))
    .catch((e: Error) => e)

  // The host first: whether or not the build went through, the canary is as it was.
  expect(await treeOf(canary)).toEqual(before)
  if (built instanceof Error) throw built
  const r = built
  const names = (await run('tar', ['-tf', r.layers[r.layers.length - 1].path])).stdout
    .split('\n')
    .map((n) => n.replace(/^\.\//, ''))
  // Under the root's own <canary> path, as the image itself would see them.
  const inImage = canary.slice(1)
  expect(names).toEqual(expect.arrayContaining([`${inImage}/passwd`, `${inImage}/sub`]))
})
