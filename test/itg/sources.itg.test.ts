// Base sources into the store: tar (any compression), dir, squashfs, scratch, docker, bootstrap; hostile tarballs refused.
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import {
  chown,
  link,
  mkdir,
  mkdtemp,
  readdir,
  rm,
  symlink,
  utimes,
  writeFile,
  readFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { materializeBase } from '../../src/sources/index.js'
import { openStore, type LayoutStore } from '../../src/store/index.js'
import { BuildError } from '../../src/util/errors.js'
import { run } from '../../src/util/exec.js'
import { SilentReporter } from '../../src/util/log.js'
import { baseImage, baseTar } from '../fixtures/bases.js'
import { makeTar } from '../unit/store-helpers.js'
import { inspectWithTools } from './store-tools.js'

const reporter = new SilentReporter()
let dir: string
let store: LayoutStore
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-sources-itg-'))
  store = await openStore(join(dir, 'store'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const opts = (image: string, key = `key-${image}`) => ({
  root: dir,
  image,
  key,
  workDir: join(dir, `work-${image}`),
  reporter
})

async function fileDigest(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const c of createReadStream(path)) h.update(c as Buffer)
  return `sha256:${h.digest('hex')}`
}

/** `tar -tv` of a layer: "mode owner/group name" lines, numeric owners, sorted. */
async function listing(layerPath: string): Promise<string[]> {
  const r = await run('tar', ['-tv', '--numeric-owner', '-f', layerPath])
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const f = l.split(/\s+/)
      return { mode: f[0], owner: f[1], name: f.slice(5).join(' ') }
    })
    .filter((e) => e.name !== './' && e.name !== '.')
    .map((e) => `${e.mode} ${e.owner} ${e.name.replace(/^\.\//, '').replace(/ link to \.\//, ' link to ')}`)
    .sort()
}

/** A small tree with owners, a hardlink, a symlink, a fifo and fixed times. */
async function makeTree(root: string): Promise<void> {
  await mkdir(join(root, 'etc'), { recursive: true })
  await mkdir(join(root, 'usr/bin'), { recursive: true })
  await writeFile(join(root, 'etc/hostname'), 'tree\n')
  await writeFile(join(root, 'usr/bin/tool'), '#!/bin/sh\n', { mode: 0o755 })
  await link(join(root, 'usr/bin/tool'), join(root, 'usr/bin/tool2'))
  await symlink('usr/bin', join(root, 'bin'))
  await run('mkfifo', [join(root, 'etc/fifo')])
  await chown(join(root, 'etc/hostname'), 1234, 5678)
  for (const p of ['etc/hostname', 'etc/fifo', 'usr/bin/tool', 'etc', 'usr/bin', 'usr', '.']) {
    await utimes(join(root, p), 1_600_000_000, 1_600_000_000)
  }
}

describe('materializeBase', () => {
  it('scratch: an image with no layers', async () => {
    const img = await materializeBase(store, { kind: 'scratch' }, opts('s'))
    expect(img.layers).toEqual([])
    expect(img.refs[0]).toBe('s.base')
    expect(img.key).toBe('key-s')
    expect((await inspectWithTools(store.root, 's.base')).skopeo.Layers).toEqual([])
  })

  it('tar: the minbase fixture becomes one layer, byte for byte', async () => {
    const img = await materializeBase(
      store,
      { kind: 'tar', path: baseTar('minbase') },
      { ...opts('tarbase'), name: 'minbase-from-tar' }
    )
    expect(img.layers).toHaveLength(1)
    expect(img.layers[0].digest).toBe(await fileDigest(baseTar('minbase')))
    expect(img.config.config?.Env?.[0]).toMatch(/^PATH=/)
    const view = await inspectWithTools(store.root, 'minbase-from-tar')
    expect(view.skopeo.Layers).toEqual([img.layers[0].digest])
  })

  it('tar: gzip, xz and zstd give the same layer as the plain tar (told by magic bytes, not names)', async () => {
    const tree = join(dir, 'tree-c')
    await makeTree(tree)
    const plain = join(dir, 'tree.tar')
    await run('tar', ['-C', tree, '--numeric-owner', '-cf', plain, '.'])
    const want = await fileDigest(plain)
    await run('sh', [
      '-c',
      'gzip -c "$1" > "$1.gz.bin" && xz -c "$1" > "$1.xz.tar" && zstd -q -c "$1" > "$1.zst"',
      'sh',
      plain
    ])
    for (const p of [`${plain}.gz.bin`, `${plain}.xz.tar`, `${plain}.zst`]) {
      const img = await materializeBase(store, { kind: 'tar', path: p }, opts(`c${p.slice(-3)}`))
      expect(img.layers[0].digest).toBe(want)
    }
  })

  it('dir: numeric owners, links, fifo and times kept; the same tree gives the same layer', async () => {
    const tree = join(dir, 'tree-d')
    await makeTree(tree)
    const a = await materializeBase(store, { kind: 'dir', path: 'tree-d' }, opts('dira'))
    // Reading every file changes atimes; the layer must not change with them.
    await run('sh', ['-c', 'cat "$1"/etc/hostname "$1"/usr/bin/tool >/dev/null', 'sh', tree])
    const b = await materializeBase(store, { kind: 'dir', path: tree }, opts('dirb'))
    expect(b.layers[0].digest).toBe(a.layers[0].digest)
    const l = await listing(a.layers[0].path)
    expect(l).toContain('-rw-r--r-- 1234/5678 etc/hostname')
    expect(l).toContain('prw-r--r-- 0/0 etc/fifo')
    expect(l).toContain('lrwxrwxrwx 0/0 bin -> usr/bin')
    expect(l.some((x) => /^hrwxr-xr-x 0\/0 usr\/bin\/tool2? link to usr\/bin\/tool2?$/.test(x))).toBe(true)
    await inspectWithTools(store.root, 'dira.base')
  })

  it('squashfs: same entries, owners and modes as the directory it was made from', async () => {
    const tree = join(dir, 'tree-q')
    await makeTree(tree)
    const sq = join(dir, 'tree.sq')
    await run('mksquashfs', [tree, sq, '-no-progress', '-quiet'])
    const fromDir = await materializeBase(store, { kind: 'dir', path: tree }, opts('qdir'))
    const fromSq = await materializeBase(store, { kind: 'squashfs', path: sq }, opts('qsq'))
    expect(fromSq.layers).toHaveLength(1)
    const norm = (xs: string[]): string[] =>
      xs.map((x) => x.replace(/\/$/, '').replace(/ link to .*$/, ' (hardlink)')).sort()
    const dirNames = norm(await listing(fromDir.layers[0].path)).map((x) => x.replace(/ \(hardlink\)$/, ''))
    const sqNames = norm(await listing(fromSq.layers[0].path)).map((x) => x.replace(/ \(hardlink\)$/, ''))
    // sqfs2tar and GNU tar may pick different names of a hardlink pair as the link: compare names, owners and modes.
    const strip = (xs: string[]): string[] => xs.map((x) => x.replace(/^h/, '-')).sort()
    expect(strip(sqNames)).toEqual(strip(dirNames))
    expect(existsSync(join(dir, 'work-qsq', 'squashfs-root'))).toBe(false)
  })

  it('docker: an engine image is saved into the store with its config', async () => {
    const img = await materializeBase(store, { kind: 'docker', ref: baseImage('minbase') }, opts('dock'))
    expect(img.layers.length).toBeGreaterThanOrEqual(1)
    expect(img.config.rootfs.diff_ids).toEqual(img.layers.map((l) => l.diffID))
    const inspect = await run('docker', [
      'image',
      'inspect',
      '--format',
      '{{json .RootFS.Layers}}',
      baseImage('minbase')
    ])
    expect(img.layers.map((l) => l.diffID)).toEqual(JSON.parse(inspect.stdout))
    await inspectWithTools(store.root, 'dock.base')
  })

  it('docker: a missing image that cannot be pulled names the image and the ref', async () => {
    const ref = `kiln-missing-${process.pid}/nothing:here`
    const err = await materializeBase(store, { kind: 'docker', ref }, opts('nodock')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BuildError)
    expect((err as Error).message).toMatch(
      new RegExp(
        `^nodock: base docker ${ref}: docker image ${ref} is not in the engine and could not be pulled`
      )
    )
    expect((err as BuildError).tail.join('\n')).toMatch(/Error|error/)
  })

  it('refuses hostile tarballs: nothing written outside, no blob, no ref', async () => {
    const outside = join(dir, 'outside')
    await mkdir(outside, { recursive: true })
    const cases = [
      [
        { name: 'fine', body: 'x' },
        { name: '../x', body: 'pwned' }
      ],
      [{ name: `${outside}/abs`, body: 'pwned' }],
      [
        { name: 'evil', type: 'symlink' as const, linkname: outside },
        { name: 'evil/file', body: 'pwned' }
      ],
      [{ name: 'pw', type: 'link' as const, linkname: '../../etc/passwd' }]
    ]
    const blobsBefore = (await readdir(join(store.root, 'blobs/sha256'))).sort()
    const indexBefore = await readFile(join(store.root, 'index.json'), 'utf8')
    for (const [i, entries] of cases.entries()) {
      const tarPath = join(dir, `hostile-${i}.tar`)
      await writeFile(tarPath, await makeTar(entries))
      const err = await materializeBase(store, { kind: 'tar', path: tarPath }, opts(`hostile${i}`)).catch(
        (e: unknown) => e
      )
      expect(err).toBeInstanceOf(BuildError)
      expect((err as Error).message).toContain(`hostile${i}: base tar ${tarPath}: ${tarPath}: entry `)
      expect((err as Error).message).toMatch(/refused/)
    }
    expect(await readdir(outside)).toEqual([])
    expect(existsSync(join(dir, 'x'))).toBe(false)
    expect((await readdir(join(store.root, 'blobs/sha256'))).sort()).toEqual(blobsBefore)
    expect(await readFile(join(store.root, 'index.json'), 'utf8')).toBe(indexBefore)
    expect(await readdir(store.tmpDir)).toEqual([])
  })

  // The smallest real bootstrap (one package extracted): a minbase takes minutes on a busy runner
  // and the fixtures already cover what a full one produces.
  it('bootstrap: mmdebstrap from the host mirror, streamed into one layer', async () => {
    const img = await materializeBase(
      store,
      { kind: 'bootstrap', bootstrap: { suite: 'bookworm', variant: 'extract', include: ['base-files'] } },
      { ...opts('boot'), name: 'bookworm-boot' }
    )
    expect(img.layers).toHaveLength(1)
    const names = (await run('tar', ['-tf', img.layers[0].path])).stdout.split('\n')
    expect(names).toContain('./etc/debian_version')
    expect(names).toContain('./usr/share/doc/base-files/')
    expect(img.manifest.annotations?.['dev.kiln.base']).toBe('bootstrap bookworm/extract')
    await inspectWithTools(store.root, 'bookworm-boot')
  })
})
