// Hostile base tarballs under a real Dockerfile build: the check completes before anything
// of the archive reaches the engine or the store. A 4 KB tar claiming a 1 TiB sparse file
// once passed the check and `docker load` wrote its zeros until the disk was full.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { main } from '../../src/adapters/cli/main.js'
import { paxRecords, rawTar } from '../unit/raw-tar.js'

const id = `ka${process.pid}`
const n = (s: string): string => `${id}-${s}`

let dir: string
let stderr: string[]
beforeEach(async () => {
  dir = await mkdtemp('/var/tmp/kiln-archives-itg-')
  stderr = []
  jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s))
    return true
  })
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(async () => {
  jest.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

/**
 * Every docker command the build runs, logged by a wrapper placed first in PATH: the engine
 * received nothing of the archive if no `docker load` ran.
 */
async function dockerCalls(): Promise<string[]> {
  const { readFile } = await import('node:fs/promises')
  const log = await readFile(join(dir, 'docker-calls.log'), 'utf8').catch(() => '')
  return log.split('\n').filter(Boolean)
}

async function wrapDocker(): Promise<void> {
  const real = execFileSync('sh', ['-c', 'command -v docker']).toString().trim()
  await mkdir(join(dir, 'bin'))
  await writeFile(
    join(dir, 'bin', 'docker'),
    `#!/bin/sh\necho "$*" >> '${join(dir, 'docker-calls.log')}'\nexec '${real}' "$@"\n`,
    { mode: 0o755 }
  )
}

function sparseTar(flags: string[]): Buffer {
  execFileSync('truncate', ['-s', '1T', join(dir, 'huge')])
  return execFileSync('tar', ['-C', dir, ...flags, '-cf', '-', 'huge'])
}

async function buildOn(tar: Buffer, env: Record<string, string> = {}): Promise<number> {
  const project = join(dir, 'project')
  await mkdir(join(project, 'app'), { recursive: true })
  await writeFile(join(project, 'base.tar'), tar)
  await writeFile(
    join(project, 'app/Dockerfile'),
    `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nLABEL kiln.test=${id}\n`
  )
  await writeFile(
    join(project, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [
        {
          name: n('app'),
          base: { tar: 'base.tar' },
          builder: 'dockerfile',
          file: 'app/Dockerfile',
          working_dir: 'app'
        }
      ]
    })
  )
  await wrapDocker()
  const path = process.env.PATH
  Object.assign(process.env, env, { PATH: `${join(dir, 'bin')}:${path}` })
  try {
    const store = join(dir, 'store')
    const args = ['build', '-f', join(project, 'IMAGES.json'), '--store', store, '--out', join(dir, 'out')]
    return await main(['node', 'kiln', ...args, '--no-export', '--no-verify'])
  } finally {
    for (const k of Object.keys(env)) delete process.env[k]
    process.env.PATH = path
  }
}

const storeBlobs = (): Promise<string[]> => readdir(join(dir, 'store', 'blobs', 'sha256')).catch(() => [])

test.each([
  ['GNU format (type S)', ['--sparse'], /entry "huge": an entry type Kiln does not accept/],
  ['pax format (GNU.sparse.*)', ['--format=pax', '--sparse'], /entry ".*huge": a GNU sparse file/]
])('a 1 TiB sparse file in %s: exit 2, nothing in the engine or the store', async (_what, flags, message) => {
  const tar = sparseTar(flags)
  expect(tar.length).toBeLessThan(64 * 1024)
  expect(await buildOn(tar)).toBe(2)
  expect(stderr.join('')).toMatch(
    new RegExp(`${n('app')}: base tar base\\.tar: .*base\\.tar: ${message.source}`)
  )
  expect((await dockerCalls()).filter((c) => c.startsWith('load'))).toEqual([])
  expect(await storeBlobs()).toEqual([])
})

test('a pax global path in the base: exit 2, nothing in the engine or the store', async () => {
  const tar = rawTar([
    { name: 'pax_global_header', typeflag: 'g', data: paxRecords({ path: 'etc/shadow' }) },
    { name: 'innocent', typeflag: '0', data: 'x' }
  ])
  expect(await buildOn(tar)).toBe(2)
  expect(stderr.join('')).toMatch(/entry "\(pax global header\)": a pax global header sets path/)
  expect((await dockerCalls()).filter((c) => c.startsWith('load'))).toEqual([])
  expect(await storeBlobs()).toEqual([])
})

test('more bytes than KILN_MAX_ARCHIVE_BYTES: exit 2, nothing in the engine or the store', async () => {
  const tar = rawTar([{ name: 'big', typeflag: '0', data: Buffer.alloc(200_000) }])
  expect(await buildOn(tar, { KILN_MAX_ARCHIVE_BYTES: '100000' })).toBe(2)
  expect(stderr.join('')).toMatch(/the archive expands to more than 100000 bytes \(KILN_MAX_ARCHIVE_BYTES\)/)
  expect((await dockerCalls()).filter((c) => c.startsWith('load'))).toEqual([])
  expect(await storeBlobs()).toEqual([])
})

test('control: a sound base tarball is loaded into the engine and built on (exit 0)', async () => {
  const tar = rawTar([{ name: 'hello', typeflag: '0', data: 'hi' }])
  expect(await buildOn(tar)).toBe(0)
  expect((await dockerCalls()).filter((c) => c.startsWith('load'))).toEqual(['load'])
  expect((await storeBlobs()).length).toBeGreaterThan(0)
})
