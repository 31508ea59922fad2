// Teardown: a failing step and a SIGTERM in the middle of a build each leave no mount,
// no process and no temporary directory behind.
import { spawn } from 'node:child_process'
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { overlayBuilder } from '../../src/builders/overlay.js'
import { BuildError } from '../../src/util/errors.js'
import { run } from '../../src/util/exec.js'
import type { Store, StoredImage } from '../../src/store/types.js'
import {
  containerCgroups,
  context,
  leftovers,
  settled,
  spec,
  storeWithMinbase,
  tempDir
} from './overlay-helpers.js'

let dir: string
let store: Store
let base: StoredImage

beforeAll(async () => {
  dir = await tempDir('sandbox')
  ;({ store, base } = await storeWithMinbase(dir))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('a failing step fails the build with its output, and post still runs; nothing is left', async () => {
  const work = join(dir, 'work-fail')
  const marker = join(dir, 'post-ran')
  const s = spec('fails', {
    overlay: {
      mounts: ['proc', 'dev'],
      run: [['sh', '-c', 'echo about to fail; sleep 3093 & exit 3']],
      post: [`touch ${marker}`]
    }
  })
  const err = await overlayBuilder.build(context(store, dir, s, base, work)).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(BuildError)
  expect((err as BuildError).message).toMatch(/^fails: run\[0\]: exited with status 3\n {2}\| about to fail/)
  expect(await stat(marker)).toBeTruthy()
  // The background `sleep 3093` died with the namespace's PID 1.
  expect(await leftovers(work)).toEqual({ mounts: [], processes: [] })
  expect((await leftovers('sleep 3093')).processes.filter((l) => /^\s*\d+ sleep 3093$/.test(l))).toEqual([])
  await expect(stat(join(work, 'sandbox'))).rejects.toThrow(/ENOENT/)
  expect(await containerCgroups(process.pid)).toEqual([])
})

/** Starts a build whose step sleeps, in a node process of its own, and waits for the step to run. */
async function buildInChild(
  work: string,
  sleeper: string
): Promise<{ child: ReturnType<typeof spawn>; sleepers: () => Promise<string[]> }> {
  const script = join(dir, `build-then-wait-${sleeper}.mts`)
  const helpers = join(process.cwd(), 'test/itg/overlay-helpers.ts')
  const builder = join(process.cwd(), 'src/builders/overlay.ts')
  await writeFile(
    script,
    `import { overlayBuilder } from ${JSON.stringify(builder)}
import { context, spec } from ${JSON.stringify(helpers)}
import { openStore } from ${JSON.stringify(join(process.cwd(), 'src/store/index.ts'))}
const store = await openStore(${JSON.stringify(join(dir, 'store'))})
const base = await store.getImage('minbase')
const s = spec('sleeper', { overlay: { mounts: ['proc'], run: [['sh', '-c', 'echo READY; exec sleep ${sleeper}']] } })
const ctx = context(store, ${JSON.stringify(dir)}, s, base, ${JSON.stringify(work)})
ctx.reporter = { info() {}, warn() {}, error() {}, group: async (_t, f) => f(), debug: (l) => { if (l.endsWith('READY')) process.stdout.write('READY\\n') } }
await overlayBuilder.build(ctx)
`
  )
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('READY') && resolve())
    child.once('exit', () => reject(new Error(`the build ended before its step started: ${err}`)))
  })
  const running = async (): Promise<string[]> =>
    (await leftovers(`sleep ${sleeper}`)).processes.filter((l) =>
      new RegExp(`^\\s*\\d+ sleep ${sleeper}$`).test(l)
    )
  // READY comes just before the shell becomes `sleep`: wait for the exec.
  const end = Date.now() + 10000
  while ((await running()).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
  return { child, sleepers: running }
}

async function exitOf(child: ReturnType<typeof spawn>): Promise<number | string | null> {
  const [code, sig] = await new Promise<[number | null, string | null]>((r) =>
    child.once('exit', (c, s) => r([c, s]))
  )
  return sig ?? code
}

test('SIGTERM to a building process takes its sandbox down with it', async () => {
  const work = join(dir, 'work-term')
  const { child, sleepers } = await buildInChild(work, '3171')
  try {
    expect(await sleepers()).toHaveLength(1)
    expect(await containerCgroups(child.pid as number)).not.toEqual([])
  } finally {
    child.kill('SIGTERM')
  }
  expect(await exitOf(child)).toBe('SIGTERM')
  // The step's driver deletes its container (and cgroups) after node is gone: give it a moment.
  expect(await settled(async () => (await leftovers(work)).processes)).toEqual([])
  expect(await leftovers(work)).toEqual({ mounts: [], processes: [] })
  expect(await settled(sleepers)).toEqual([])
  await expect(stat(join(work, 'sandbox'))).rejects.toThrow(/ENOENT/)
  expect(await readFile('/proc/mounts', 'utf8')).not.toContain('kiln-sandbox')
  expect(await settled(() => containerCgroups(child.pid as number))).toEqual([])
})

test('SIGKILL of node leaves no process, mount, runc state or cgroup of its step', async () => {
  const work = join(dir, 'work-kill')
  const { child, sleepers } = await buildInChild(work, '3259')
  try {
    expect(await sleepers()).toHaveLength(1)
    expect(await containerCgroups(child.pid as number)).not.toEqual([])
  } finally {
    child.kill('SIGKILL')
  }
  expect(await exitOf(child)).toBe('SIGKILL')
  expect(await settled(sleepers)).toEqual([])
  expect(await settled(async () => (await leftovers(work)).processes)).toEqual([])
  expect(await settled(async () => (await leftovers(work)).mounts)).toEqual([])
  expect(await settled(() => containerCgroups(child.pid as number))).toEqual([])
  // runc's state lived on a tmpfs of the step's mount namespace: nothing of it is on disk.
  expect((await run('find', [work, '-name', 'state.json'])).stdout).toBe('')
  expect(await readdir('/run/kiln-runc').catch(() => [])).toEqual([])
  expect(await readFile('/proc/mounts', 'utf8')).not.toMatch(/kiln-sandbox|kiln-runc-state/)
})
