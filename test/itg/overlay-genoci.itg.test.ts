// genoci's example end to end: a base expanded from a tarball onto `empty`, then a run,
// a copy, an entrypoint (genoci's: it becomes Cmd) and an env annotation on top.
import { cp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { overlayBuilder } from '../../src/builders/overlay.js'
import { loadGenoci } from '../../src/model/genoci.js'
import { openStore } from '../../src/store/index.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import { runInImage } from '../../src/sandbox/run-image.js'
import { run } from '../../src/util/exec.js'
import { ensureBase } from '../fixtures/bases.js'
import { context, save, tempDir } from './overlay-helpers.js'

let dir: string
let store: Store

beforeAll(async () => {
  dir = await tempDir('genoci')
  const project = join(dir, 'project')
  await cp(join(process.cwd(), 'test/fixtures/genoci'), project, { recursive: true })
  await run('sh', [
    '-c',
    'pigz -1 -c "$1" > "$2"',
    'gz',
    await ensureBase('minbase'),
    join(project, 'rootfs.tar.gz')
  ])
  store = await openStore(join(dir, 'store'))
  const catalog = await loadGenoci(join(project, 'example.yaml'))
  let prev: StoredImage | null = null
  for (const spec of catalog.images) {
    const ctx = { ...context(store, project, spec, prev, join(dir, `work-${spec.name}`)), catalog }
    prev = await save(store, spec.name, await overlayBuilder.build(ctx))
  }
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('the expanded base is one layer; the derived image adds one more', async () => {
  expect((await store.getImage('rootfs'))?.layers).toHaveLength(1)
  const modified = await store.getImage('modified')
  expect(modified?.layers).toHaveLength(2)
  expect(modified?.config.config?.Cmd).toEqual(['/bin/echo', 'hello world'])
  expect(modified?.config.config?.Env).toContain('GENOCI=yes')
  expect(modified?.manifest.annotations?.['org.example.note']).toBe('from genoci')
})

test('its default command, run output and copied file are there', async () => {
  const lines: string[] = []
  expect(
    (await runInImage(store, 'modified', [], { stdio: 'pipe', onLine: (l) => lines.push(l) })).exitCode
  ).toBe(0)
  expect(lines).toEqual(['hello world'])
  lines.length = 0
  const r = await runInImage(store, 'modified', ['sh', '-c', 'cat /hw /etc/genoci.conf; echo $GENOCI'], {
    stdio: 'pipe',
    onLine: (l) => lines.push(l)
  })
  expect(r.exitCode).toBe(0)
  expect(lines).toEqual(['Hello, world', 'from pack a', 'yes'])
})
