/**
 * File names are bytes: names that are not UTF-8 (Latin-1 `caf\xe9` beside `caf\xe8` and the
 * UTF-8 `café`, a directory `d\xff`, names too long for ustar, whiteouts and an opaque
 * directory of such names) go through a real `docker save` → `kiln flatten` → GNU tar, and
 * through two overlay builds in the sandbox → store → `kiln export`, and come out as the
 * same bytes: compared with Buffer readdir after `tar -x`, never as text. Docker and umoci
 * (Go's archive/tar) must read Kiln's output back too.
 */
import { spawnSync } from 'node:child_process'
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { main } from '../../src/adapters/cli/main.js'
import { overlayBuilder } from '../../src/builders/overlay.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import { run, tryRun } from '../../src/util/exec.js'
import { baseImage, ensureBase } from '../fixtures/bases.js'
import { context, save, spec, storeWithMinbase } from './overlay-helpers.js'

const ID = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`
let work: string
const images: string[] = []
const containers: string[] = []

// Two steps, in bash for its $'\xNN' quoting (the scripts themselves are ASCII). The first
// makes the names, the second deletes one (a whiteout) and replaces a directory (opaque).
const LONG_DIR = "$(for i in $(seq 70); do printf '\\351'; done)"
const LONG_FILE = "$(for i in $(seq 60); do printf 'n\\377'; done)"
const LONG_TARGET = "/$(for i in $(seq 80); do printf 't\\351'; done)"
const MAKE = `set -e
mkdir /names && cd /names
printf e9 > $'caf\\xe9'
printf e8 > $'caf\\xe8'
printf utf8 > $'caf\\xc3\\xa9'
mkdir $'d\\xff' && printf x > $'d\\xff/x'
ln -s $'caf\\xe9' $'ln\\xe9'
ln $'caf\\xe9' $'hard\\xe9'
mkdir "${LONG_DIR}" && printf long > "${LONG_DIR}/${LONG_FILE}"
ln -s "${LONG_TARGET}" longlink
mkdir $'gone\\xe9' && printf g > $'gone\\xe9/f'
printf del > $'del\\xe9'
printf keep > $'del\\xe8'`
const EDIT = `set -e
cd /names
rm $'del\\xe9'
rm -rf $'gone\\xe9' && mkdir $'gone\\xe9' && printf new > $'gone\\xe9/new'`

// What /names must hold at the end, keyed by binary strings (one char per byte).
const LONG = '\xe9'.repeat(70)
const EXPECTED: Record<string, string> = {
  'caf\xe9': 'e9',
  'caf\xe8': 'e8',
  'caf\xc3\xa9': 'utf8',
  'd\xff/': 'dir',
  'd\xff/x': 'x',
  'ln\xe9': '-> caf\xe9',
  'hard\xe9': 'e9',
  [`${LONG}/`]: 'dir',
  [`${LONG}/${'n\xff'.repeat(60)}`]: 'long',
  longlink: `-> /${'t\xe9'.repeat(80)}`,
  'gone\xe9/': 'dir',
  'gone\xe9/new': 'new',
  'del\xe8': 'keep'
}

const hostPath = (dir: string, rel: string): Buffer =>
  Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(rel, 'latin1')])

/** GNU tar -x of an archive into a new directory; any warning fails (a provisioner would see it). */
function gnuExtract(archive: string): string {
  const dir = mkdtempSync(join(work, 'x-'))
  const r = spawnSync('tar', ['-x', '-f', archive, '-C', dir], { encoding: 'latin1' })
  if (r.status !== 0 || r.stderr) throw new Error(`tar -x ${archive}: exit ${r.status}: ${r.stderr}`)
  return dir
}

/** The tree under `dir/rel`: binary-string path → 'dir', '-> TARGET' or content; read with Buffer readdir. */
function treeOf(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {}
  const visit = (sub: string): void => {
    for (const name of readdirSync(hostPath(dir, `${rel}${sub}`), { encoding: 'buffer' })) {
      const r = `${sub}${name.toString('latin1')}`
      const p = hostPath(dir, `${rel}${r}`)
      const st = lstatSync(p)
      if (st.isDirectory()) {
        out[`${r}/`] = 'dir'
        visit(`${r}/`)
      } else if (st.isSymbolicLink())
        out[r] = `-> ${readlinkSync(p, { encoding: 'buffer' }).toString('latin1')}`
      else out[r] = readFileSync(p).toString('latin1')
    }
  }
  visit('')
  return out
}

/** `tar -tvf` of an archive, as bytes: the lines under names/. */
function gnuListing(archive: string): string[] {
  const r = spawnSync('tar', ['-t', '--quoting-style=literal', '-f', archive], { encoding: 'latin1' })
  return r.stdout.split('\n').filter((l) => l.startsWith('./names/'))
}

async function kiln(...args: string[]): Promise<number> {
  return main(['node', 'kiln', ...args])
}

beforeAll(async () => {
  await ensureBase('minbase')
  work = mkdtempSync(join(process.env.KILN_TMPDIR ?? tmpdir(), 'kiln-names-'))
})

afterAll(async () => {
  for (const c of containers) await tryRun('docker', ['rm', '-f', c])
  for (const tag of images) await tryRun('docker', ['rmi', '-f', tag])
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('names that are not UTF-8', () => {
  test('docker save → kiln flatten → GNU tar: the same bytes; docker export agrees; docker import and umoci read it back', async () => {
    const ctx = mkdtempSync(join(work, 'ctx-'))
    writeFileSync(join(ctx, 'make.sh'), MAKE)
    writeFileSync(join(ctx, 'edit.sh'), EDIT)
    writeFileSync(
      join(ctx, 'Dockerfile'),
      `FROM ${baseImage('minbase')}\nCOPY make.sh edit.sh /tmp/\nRUN bash /tmp/make.sh\nRUN bash /tmp/edit.sh && rm /tmp/make.sh /tmp/edit.sh\n`
    )
    const tag = `kiln-test/names:${ID}`
    images.push(tag)
    await run('docker', ['build', '--network', 'host', '-q', '-t', tag, ctx], { timeoutMs: 10 * 60_000 })
    const saved = join(work, 'save.tar')
    await run('docker', ['save', '-o', saved, tag])

    const flat = join(work, 'flat.tar')
    expect(await kiln('flatten', '-i', saved, '-o', flat)).toBe(0)
    expect(treeOf(gnuExtract(flat), 'names/')).toEqual(EXPECTED)
    // tar -t lists the raw bytes too (not only what -x made of them).
    expect(gnuListing(flat)).toContain('./names/caf\xe9')
    expect(gnuListing(flat)).toContain('./names/caf\xe8')

    // The engine's own flattening, read by the same GNU tar, holds the same names.
    const container = `kiln-test-names-${ID}`
    containers.push(container)
    await run('docker', ['create', '--name', container, tag, '/bin/true'])
    const exported = join(work, 'export.tar')
    await run('docker', ['export', '-o', exported, container])
    expect(treeOf(gnuExtract(exported), 'names/')).toEqual(EXPECTED)

    // Go's archive/tar (docker import) reads Kiln's output, GNU long names included.
    const imported = `kiln-test/names-imported:${ID}`
    images.push(imported)
    await run('docker', ['import', flat, imported])
    const again = `kiln-test-names-imported-${ID}`
    containers.push(again)
    await run('docker', ['create', '--name', again, imported, '/bin/true'])
    const reexported = join(work, 'reexport.tar')
    await run('docker', ['export', '-o', reexported, again])
    expect(treeOf(gnuExtract(reexported), 'names/')).toEqual(EXPECTED)

    // So does umoci, unpacking it as the layer of an OCI image.
    const layout = join(work, 'layout')
    await run('umoci', ['init', '--layout', layout])
    await run('umoci', ['new', '--image', `${layout}:flat`])
    await run('umoci', ['raw', 'add-layer', '--image', `${layout}:flat`, flat])
    await run('umoci', ['raw', 'unpack', '--image', `${layout}:flat`, join(work, 'umoci-rootfs')])
    expect(treeOf(join(work, 'umoci-rootfs'), 'names/')).toEqual(EXPECTED)
  })

  describe('overlay builds in the sandbox', () => {
    let store: Store
    let base: StoredImage

    beforeAll(async () => {
      ;({ store, base } = await storeWithMinbase(join(work, 'overlay')))
    })

    test('overlay build → store → kiln export: the same bytes, whiteouts and opaque directories included', async () => {
      const root = mkdtempSync(join(work, 'project-'))
      const a = spec('names-a', { overlay: { run: [['bash', '-c', MAKE]] } })
      const built = await save(
        store,
        'names-a',
        await overlayBuilder.build(context(store, root, a, base, join(work, 'work-a')))
      )
      const b = spec('names-b', {
        base: { kind: 'image', name: 'names-a' },
        overlay: { run: [['bash', '-c', EDIT]] }
      })
      const edited = await save(
        store,
        'names-b',
        await overlayBuilder.build(context(store, root, b, built, join(work, 'work-b')))
      )
      // The layer the sandbox wrote holds the cases under test, named by their bytes.
      const listing = spawnSync('tar', ['-t', '--quoting-style=literal', '-f', edited.layers.at(-1)!.path], {
        encoding: 'latin1'
      }).stdout.split('\n')
      expect(listing).toEqual(expect.arrayContaining(['names/.wh.del\xe9', 'names/gone\xe9/.wh..wh..opq']))
      expect(listing).not.toContain('names/.wh.del\xe8')

      const out = join(work, 'out')
      expect(
        await kiln(
          'export',
          '--image',
          'names-b',
          '--store',
          join(work, 'overlay/store'),
          '-o',
          out,
          '--compress',
          'none'
        )
      ).toBe(0)
      expect(treeOf(gnuExtract(join(out, 'names-b/image.tar')), 'names/')).toEqual(EXPECTED)
    })
  })
})
