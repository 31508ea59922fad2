// The overlay builder on the minbase fixture: two packs (a directory and a tarball), an
// apt-get install, env/entrypoint; then the layer it made, applied by the flattener, gives
// the very tree the overlay mount showed at the end of the build.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { overlayBuilder } from '../../src/builders/overlay.js'
import { flatten } from '../../src/exporters/flatten.js'
import { runInImage } from '../../src/sandbox/run-image.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import { run } from '../../src/util/exec.js'
import {
  LISTING_SCRIPT,
  context,
  leftovers,
  listTree,
  save,
  spec,
  storeWithMinbase,
  tempDir
} from './overlay-helpers.js'

const FIXTURE = join(process.cwd(), 'test/fixtures/genoci')
let dir: string
let store: Store
let base: StoredImage
let built: StoredImage

beforeAll(async () => {
  dir = await tempDir('overlay')
  ;({ store, base } = await storeWithMinbase(dir))
  // A project root holding the packs: pack-a (a directory) and pack-b.tar.gz (a tarball).
  const root = join(dir, 'project')
  await mkdir(join(root, 'b/etc/kiln'), { recursive: true })
  await run('cp', ['-r', join(FIXTURE, 'pack-a'), join(root, 'pack-a')])
  await writeFile(join(root, 'b/etc/kiln/a.conf'), 'pack b wins\n')
  await writeFile(join(root, 'b/etc/kiln/b.conf'), 'from pack b\n')
  await run('tar', ['-C', join(root, 'b'), '-czf', join(root, 'pack-b.tar.gz'), '.'])
  const s = spec('tools', {
    overlay: {
      packs: ['pack-a', 'pack-b.tar.gz'],
      run: [
        ['apt-get', 'update', '-q'],
        ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'busybox-static'],
        'rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin && rm -f /usr/share/doc/busybox-static/changelog.Debian.gz'
      ],
      env: { KILN_GREETING: 'hi' },
      entrypoint: ['/bin/busybox'],
      cmd: ['sh'],
      policyRcD: true,
      // Captured inside the namespace while the overlay is still mounted.
      post: [`sh -ec '${LISTING_SCRIPT.replace(/'/g, `'\\''`)}' list "%ROOT%" ${join(dir, 'mounted.list')}`]
    }
  })
  const r = await overlayBuilder.build(context(store, root, s, base, join(dir, 'work')))
  built = await save(store, 'tools', r)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('overlay builder', () => {
  test('adds exactly one layer on top of the base, with the config updated', () => {
    expect(built.layers.map((l) => l.diffID)).toEqual([
      ...base.layers.map((l) => l.diffID),
      built.layers[1]?.diffID
    ])
    expect(built.config.config?.Env).toContain('KILN_GREETING=hi')
    expect(built.config.config?.Entrypoint).toEqual(['/bin/busybox'])
    expect(built.config.config?.Cmd).toEqual(['sh'])
    expect(built.config.history?.at(-1)?.created_by).toBe('kiln overlay tools')
  })

  test('packs are laid in order, the package is installed, and it runs', async () => {
    const lines: string[] = []
    const r = await runInImage(
      store,
      'tools',
      [
        'sh',
        '-c',
        'cat /etc/kiln/a.conf /etc/kiln/b.conf; hello-a; busybox echo bb-ok; echo "$KILN_GREETING"'
      ],
      {
        stdio: 'pipe',
        onLine: (l) => lines.push(l)
      }
    )
    expect(r.exitCode).toBe(0)
    expect(lines).toEqual(['pack b wins', 'from pack b', 'hello from pack a', 'bb-ok', 'hi'])
  })

  test('the layer holds the changes only: no host DNS, no policy-rc.d, pack files owned by root', async () => {
    const { stdout } = await run('tar', ['-tvf', built.layers[1]?.path ?? ''])
    const names = stdout.split('\n').map((l) => l.split(/\s+/).slice(5).join(' '))
    expect(names).toContain('etc/kiln/b.conf')
    expect(names).toContain('usr/bin/busybox')
    expect(names.filter((n) => /resolv\.conf|etc\/hosts$|policy-rc\.d/.test(n))).toEqual([])
    expect(stdout).toMatch(/-rwxr-xr-x 0\/0 .* usr\/local\/bin\/hello-a/)
    // apt's list dir was emptied then refilled: an opaque marker or whiteouts, never a leftover.
    expect(
      names.some(
        (n) =>
          n.startsWith('var/lib/apt/lists/') &&
          !n.includes('.wh.') &&
          n !== 'var/lib/apt/lists/' &&
          !n.endsWith('/lock') &&
          !n.includes('partial')
      )
    ).toBe(false)
  })

  test('flattened base + layer equals the tree the overlay mount showed', async () => {
    const flat = join(dir, 'flat.tar')
    await flatten({
      layers: built.layers.map((l) => ({ path: l.path, offset: 0, length: l.size })),
      output: flat,
      compression: 'none'
    })
    const tree = join(dir, 'flat')
    await mkdir(tree)
    await run('tar', ['-C', tree, '-xpf', flat, '--numeric-owner', '--xattrs', '--xattrs-include=*'])
    // Host DNS files and policy-rc.d are patched in during the build only: not part of the image.
    const drop = (l: string): boolean =>
      !/\.\/(etc\/resolv\.conf|etc\/hosts|usr\/sbin\/policy-rc\.d)$/.test(l)
    const mounted = (await readFile(join(dir, 'mounted.list'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .filter(drop)
    const flattened = (await listTree(tree, join(dir, 'flat.list'))).filter(drop)
    expect(mounted.length).toBeGreaterThan(1000)
    expect(flattened).toEqual(mounted)
  })

  test('nothing is left mounted, running or on disk after the build', async () => {
    const left = await leftovers(join(dir, 'work'))
    expect(left).toEqual({ mounts: [], processes: [] })
    await expect(readFile(join(dir, 'work/sandbox/upper'))).rejects.toThrow(/ENOENT/)
  })
})
