// `kiln build` of a base tarball the safety check refuses: the user's input to fix (exit 2),
// nothing kept in the store. The import builder reaches no engine, so this needs no docker:
// a refused base never gets as far as `docker load` (that reads only from the store).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { main } from '../../src/adapters/cli/main.js'
import { makeTar } from './store-helpers.js'

let dir: string
let stderr: string[]
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-refused-'))
  stderr = []
  jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s))
    return true
  })
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  jest.restoreAllMocks()
  delete process.env.KILN_MAX_ARCHIVE_ENTRIES
  rmSync(dir, { recursive: true, force: true })
})

/** Blobs in the store, recursively (none after a refused base). */
function blobs(store: string): string[] {
  const at = join(store, 'blobs', 'sha256')
  try {
    return readdirSync(at)
  } catch {
    return []
  }
}

async function build(tar: Buffer): Promise<number> {
  const project = join(dir, 'project')
  mkdirSync(project)
  writeFileSync(join(project, 'base.tar'), tar)
  writeFileSync(
    join(project, 'IMAGES.json'),
    JSON.stringify({ version: 1, images: [{ name: 'from-tar', base: { tar: 'base.tar' } }] })
  )
  return main([
    'node',
    'kiln',
    'build',
    '-f',
    join(project, 'IMAGES.json'),
    '--store',
    join(dir, 'store'),
    '--out',
    join(dir, 'out'),
    '--no-export',
    '--no-verify'
  ])
}

test('a 1 TiB sparse file in a small base tarball: exit 2, named, nothing kept', async () => {
  const src = join(dir, 'src')
  mkdirSync(src)
  execFileSync('truncate', ['-s', '1T', join(src, 'huge')])
  const tar = execFileSync('tar', ['-C', src, '--format=pax', '--sparse', '-cf', '-', 'huge'])
  expect(await build(tar)).toBe(2)
  const text = stderr.join('')
  expect(text).toMatch(/from-tar: base tar base\.tar: .*base\.tar: entry ".*huge": a GNU sparse file/)
  expect(blobs(join(dir, 'store'))).toEqual([])
})

test('a base tarball with more entries than KILN_MAX_ARCHIVE_ENTRIES: exit 2, nothing kept', async () => {
  process.env.KILN_MAX_ARCHIVE_ENTRIES = '2'
  const tar = await makeTar([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
  expect(await build(tar)).toBe(2)
  expect(stderr.join('')).toMatch(
    /entry "c": the archive has more than 2 entries \(KILN_MAX_ARCHIVE_ENTRIES\)/
  )
  expect(blobs(join(dir, 'store'))).toEqual([])
})

test('the same tarball within the limits builds (exit 0)', async () => {
  const tar = await makeTar([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
  expect(await build(tar)).toBe(0)
  expect(blobs(join(dir, 'store')).length).toBeGreaterThan(0)
})
