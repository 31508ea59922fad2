// ACI manifests at plan time: `kiln plan` refuses a bad manifest (exit 2, the manifest's
// file, line and column, the image and the field) before anything is built, and a program
// copy_host_files takes from the build host counts in the key by its content.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { execa } from 'execa'
import { loadCatalog } from '../../src/model/load.js'
import { makePlan } from '../../src/plan/index.js'

const repo = path.resolve('.')
const tsx = path.join(repo, 'node_modules/.bin/tsx')
const cli = path.join(repo, 'src/adapters/cli/index.ts')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiln-aci-plan-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function project(manifest: string, args: Record<string, string> = {}): Promise<void> {
  const catalog = {
    version: 1,
    images: [{ name: 'app', base: 'scratch', builder: 'aci', file: 'app.json', args }]
  }
  await writeFile(path.join(dir, 'IMAGES.json'), JSON.stringify(catalog, null, 2))
  await writeFile(path.join(dir, 'app.json'), manifest)
}

test('kiln plan: an unknown step and an unknown field exit 2 at their line and column in the manifest', async () => {
  await project(
    [
      '{',
      '  "name": "example.com/app",',
      '  "-aci-packer-build-steps-": [',
      '    { "step": "mkdir", "dirs": ["/opt"] },',
      '    { "step": "simlink", "links": [["a", "/b"]] },',
      '    { "step": "write", "path": "/etc/x", "content": "hi" }',
      '  ]',
      '}',
      ''
    ].join('\n'),
    { compression: 'lzma' }
  )
  const r = await execa(tsx, [cli, 'plan'], { cwd: dir, reject: false, env: { NO_COLOR: '1' } })
  expect(r.exitCode).toBe(2)
  const err = String(r.stderr)
  expect(err).toContain(
    'app.json:5:15: /-aci-packer-build-steps-/1/step (image app): step 1: unknown step "simlink"; expected one of'
  )
  expect(err).toContain('did you mean "symlink"?')
  expect(err).toContain(
    'app.json:6:5: /-aci-packer-build-steps-/2 (image app): step 2 (write): missing key "contents"'
  )
  expect(err).toContain(
    'app.json:6:42: /-aci-packer-build-steps-/2/content (image app): step 2 (write): unknown key "content"; did you mean "contents"?'
  )
  expect(err).toContain(
    'IMAGES.json:10:24: /images/0/args/compression (image app): unknown compression "lzma"'
  )
  expect(err).toContain('4 problems; nothing was built.')
  expect(String(r.stdout)).toBe('')
})

test('kiln plan: a current-format manifest with every new step plans (exit 0)', async () => {
  await project(
    JSON.stringify({
      name: 'example.com/app',
      '-aci-packer-build-steps-': [
        { step: 'copy', binaries: ['/usr/bin/bash'], files: [['/etc/os-release', '/etc/os-release']] },
        { step: 'symlink', links: [['bash', '/usr/bin/sh']] },
        { step: 'write', path: '/etc/motd', contents: 'hi\n' },
        { step: 'mkdir', dirs: '/srv' },
        { step: 'delete', files: ['/etc/os-release'] },
        { step: 'shell', cmd: 'true' },
        { step: 'ld.so.cache' }
      ]
    }),
    { compression: 'bzip2' }
  )
  const r = await execa(tsx, [cli, 'plan'], { cwd: dir, reject: false, env: { NO_COLOR: '1' } })
  expect(String(r.stderr)).toBe('')
  expect(r.exitCode).toBe(0)
})

test('a build-host program of copy_host_files counts by content: changing it changes the key', async () => {
  const program = path.join(dir, 'host-tool')
  await writeFile(program, '#!/bin/sh\necho one\n', { mode: 0o755 })
  await project(
    JSON.stringify({
      name: 'example.com/app',
      '-aci-packer-build-steps-': [{ type: 'copy_host_files', binaries: [program] }]
    })
  )
  const key = async (): Promise<string> => {
    const plan = await makePlan(await loadCatalog(path.join(dir, 'IMAGES.json')))
    return plan.images[0]?.key as string
  }
  const before = await key()
  expect(await key()).toBe(before)
  await writeFile(program, '#!/bin/sh\necho two\n', { mode: 0o755 })
  expect(await key()).not.toBe(before)
})
