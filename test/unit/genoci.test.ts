import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { planText } from '../../src/adapters/cli/commands/plan.js'
import { loadGenoci } from '../../src/model/genoci.js'
import { loadCatalog } from '../../src/model/load.js'
import { makePlan } from '../../src/plan/index.js'
import { InvalidInputError } from '../../src/util/errors.js'

const DIR = join(process.cwd(), 'test/fixtures/genoci')

let tmp = ''
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

describe('loadGenoci', () => {
  test('loads the example as a chain of overlay images', async () => {
    // The example expands a rootfs tarball that the integration test makes; any file does here.
    tmp = await mkdtemp(join(tmpdir(), 'kiln-genoci-'))
    await cp(DIR, tmp, { recursive: true })
    await writeFile(join(tmp, 'rootfs.tar.gz'), '')
    const c = await loadGenoci(join(tmp, 'example.yaml'))
    expect(c.root).toBe(tmp)
    expect(c.images.map((i) => [i.name, i.builder, i.base])).toEqual([
      ['rootfs', 'overlay', { kind: 'scratch' }],
      ['modified', 'overlay', { kind: 'image', name: 'rootfs' }]
    ])
    expect(c.images[0]?.overlay).toEqual({ expand: ['./rootfs.tar.gz'] })
    expect(c.images[1]?.overlay).toEqual({
      run: ['echo "Hello, world" > /hw\n'],
      copy: [{ src: 'pack-a/etc/kiln/a.conf', dest: '/etc/genoci.conf' }],
      // genoci passed its entrypoint to umoci --config.cmd: it is the image's Cmd.
      cmd: ['/bin/echo', 'hello world'],
      env: { GENOCI: 'yes' },
      annotations: { 'org.example.note': 'from genoci' }
    })
  })

  test('a dependency cycle is an error naming it, not an endless loop', async () => {
    const err = await loadGenoci(join(DIR, 'cycle.yaml')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidInputError)
    expect((err as Error).message).toMatch(/dependency cycle: a -> c -> b -> a/)
  })

  test('problems carry line and column; an unknown key points at the key', async () => {
    const err = (await loadGenoci(join(DIR, 'unknown-base.yaml')).catch(
      (e: unknown) => e
    )) as InvalidInputError
    expect(err).toBeInstanceOf(InvalidInputError)
    expect(err.problems.map((p) => [p.pointer, p.line, p.column, p.message.split(';')[0]])).toEqual([
      ['/top/frobnicate', 4, 3, 'unknown key']
    ])
    expect(err.message).toMatch(/unknown-base\.yaml:4:3: \/top\/frobnicate \(image top\): unknown key/)
  })
})

describe('genoci as its recipes are written', () => {
  let dir = ''
  let host = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-genoci-'))
    host = await mkdtemp(join(tmpdir(), 'kiln-genoci-host-'))
    await writeFile(join(host, 'root.tar'), 'tar 1')
    await writeFile(join(host, 'tool.deb'), 'deb')
    await writeFile(join(host, 'motd'), 'hello')
    await writeFile(
      join(dir, 'recipe.yaml'),
      [
        'app:',
        '  base: other-file-base',
        `  expand: ${host}/root.tar`,
        `  install: ${host}/tool.deb`,
        `  copy: ${host}/motd /etc/motd`,
        ''
      ].join('\n')
    )
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
    await rm(host, { recursive: true, force: true })
  })

  const lookup = (digests: Record<string, string>) => async (name: string) => digests[name] ?? null

  test('a base naming no tag of the file is an image of the store, keyed by its manifest digest', async () => {
    const c = await loadCatalog(join(dir, 'recipe.yaml'))
    expect(c.images[0]?.base).toEqual({ kind: 'stored', name: 'other-file-base' })
    const plan = await makePlan(
      c,
      {},
      { storedImage: lookup({ 'other-file-base': `sha256:${'a'.repeat(64)}` }) }
    )
    expect(plan.images[0]?.inputs).toContainEqual({
      kind: 'base-stored',
      name: 'other-file-base',
      digest: `sha256:${'a'.repeat(64)}`
    })
    const rebuilt = await makePlan(
      c,
      {},
      { storedImage: lookup({ 'other-file-base': `sha256:${'b'.repeat(64)}` }) }
    )
    expect(rebuilt.images[0]?.key).not.toBe(plan.images[0]?.key)
  })

  test('a base neither in the file nor in the store is an error at plan time, with its place', async () => {
    const c = await loadCatalog(join(dir, 'recipe.yaml'))
    const err = (await makePlan(c, {}, { storedImage: lookup({}) }).catch(
      (e: unknown) => e
    )) as InvalidInputError
    expect(err).toBeInstanceOf(InvalidInputError)
    expect(err.message).toMatch(
      /recipe\.yaml:2:9: \/app\/base \(image app\): base "other-file-base" is neither a tag of this file nor an image of the store$/
    )
  })

  test('absolute host paths are accepted and keyed by content; --explain lists them', async () => {
    const c = await loadCatalog(join(dir, 'recipe.yaml'))
    const opts = { storedImage: lookup({ 'other-file-base': `sha256:${'a'.repeat(64)}` }) }
    const before = (await makePlan(c, {}, opts)).images[0]!
    expect(before.inputs.filter((i) => i.kind.startsWith('host-')).map((i) => [i.kind, i.name])).toEqual([
      ['host-copy', `${host}/motd`],
      ['host-file', `${host}/root.tar`],
      ['host-file', `${host}/tool.deb`]
    ])
    expect(planText(await makePlan(c, {}, opts), true)).toContain(`${host}/root.tar`)
    await writeFile(join(host, 'root.tar'), 'tar 2')
    const after = (await makePlan(c, {}, opts)).images[0]!
    expect(after.key).not.toBe(before.key)
    await writeFile(join(host, 'root.tar'), 'tar 1')
    expect((await makePlan(c, {}, opts)).images[0]!.key).toBe(before.key)
  })

  test('a missing host file and a relative path leaving the directory are still refused', async () => {
    await writeFile(join(dir, 'bad.yaml'), `x:\n  base: empty\n  expand: ${host}/nope.tar ../outside.tar\n`)
    const err = (await loadGenoci(join(dir, 'bad.yaml')).catch((e: unknown) => e)) as InvalidInputError
    expect(err.problems.map((p) => p.message)).toEqual([
      `${host}/nope.tar: no such file or directory`,
      `../outside.tar: a relative path must stay inside ${dir} (an absolute host path may leave it)`
    ])
  })
})
