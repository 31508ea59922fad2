import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { loadGenoci } from '../../src/model/genoci.js'
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

  test('an unknown base and an unknown key are both reported', async () => {
    const err = (await loadGenoci(join(DIR, 'unknown-base.yaml')).catch(
      (e: unknown) => e
    )) as InvalidInputError
    expect(err).toBeInstanceOf(InvalidInputError)
    expect(err.problems.map((p) => [p.pointer, p.message.split(';')[0]])).toEqual([
      ['/top/frobnicate', 'unknown key'],
      ['/top/base', 'unknown base "nowhere": it is neither "empty" nor a tag of this file']
    ])
  })
})
