// Cancellation and faults, end to end through the `kiln` command: SIGTERM and SIGKILL at the
// points of a build where something is running (docker build, docker save into the store, the
// cache save, the export, the boot gate's qemu), each followed by a re-run; then out/ and the
// store on a tmpfs too small for them. Checks what a user would: the exit status, out/index.json,
// and that nothing of the killed run stays (processes, engine tags, temp files and directories).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunReport } from '../../src/pipeline/types.js'
import { sweepEngineTags } from '../../src/engine/leftovers.js'
import { openStore } from '../../src/store/index.js'
import { run, tryRun } from '../../src/util/exec.js'
import { ensureBase } from '../fixtures/bases.js'
import { ensureBootArchives } from '../fixtures/boot-archives.js'

const id = `kc${process.pid}`
const CLI = join(process.cwd(), 'src/adapters/cli/index.ts')
const LABEL = `kiln.cancel.test=${id}`

let dir: string
let storeDir: string
let outDir: string
let cacheDir: string
/**
 * The temp directory of every kiln this file starts. Its own, because any other kiln on the
 * machine (the other test files run beside this one) sweeps a dead run's directories from the
 * shared one: what a SIGKILLed run left could be gone before this file looks for it.
 */
let tmp: string
const mounts: string[] = []

const catalog = {
  version: 1,
  images: [
    { name: 'base', base: { tar: 'minbase.tar' }, builder: 'import' },
    // Sleeps in its RUN step while slow/gate/sleep exists; the label marks its build container.
    { name: 'slow', base: 'base', builder: 'dockerfile', file: 'slow/Dockerfile', working_dir: 'slow' },
    // 96 MB of random bytes: docker save, the cache copy and the export each take seconds.
    {
      name: 'big',
      base: 'base',
      builder: 'dockerfile',
      file: 'big/Dockerfile',
      working_dir: 'big',
      exports: ['rootfs']
    },
    // Its provisioner sleeps inside the container packer's docker builder started.
    { name: 'pslow', base: 'base', builder: 'packer', file: 'packer/slow.json' },
    {
      name: 'exported',
      base: 'base',
      builder: 'dockerfile',
      file: 'exported/Dockerfile',
      working_dir: 'exported',
      exports: ['rootfs']
    }
  ]
}

const files: Record<string, string> = {
  'slow/Dockerfile': [
    'ARG BASE_IMAGE',
    'FROM ${BASE_IMAGE}',
    `LABEL ${LABEL}`,
    'COPY gate /gate',
    'RUN if [ -e /gate/sleep ]; then sleep 900; fi',
    ''
  ].join('\n'),
  'slow/gate/keep': '',
  'big/Dockerfile': [
    'ARG BASE_IMAGE',
    'FROM ${BASE_IMAGE}',
    'COPY gate /gate',
    'RUN head -c 96M /dev/urandom > /big',
    ''
  ].join('\n'),
  'big/gate/n': '0',
  'packer/slow.json': JSON.stringify({
    variables: { base_image: '' },
    builders: [{ type: 'docker', image: '{{user `base_image`}}', commit: true, pull: false }],
    provisioners: [{ type: 'shell', inline: ['sleep 907'] }]
  }),
  'exported/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo exported > /etc/kiln-exported\n'
}

interface Kiln {
  child: ChildProcess
  pid: number
  stderr: () => string
  exit: Promise<{ code: number | null; signal: string | null }>
}

/** Starts `kiln ARGS` as its own node process (no wrapper), so its pid is kiln's. */
function startKiln(args: string[], opts: { store?: string; out?: string; cache?: boolean } = {}): Kiln {
  const argv = [...args]
  if (args[0] === 'build') {
    argv.push('-f', join(dir, 'IMAGES.json'), '--store', opts.store ?? storeDir, '--out', opts.out ?? outDir)
    if (opts.cache) argv.push('--cache-dir', cacheDir)
  }
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp }
  })
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  child.stdout!.resume()
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  )
  started.push(child)
  return { child, pid: child.pid!, stderr: () => err, exit }
}

/** Every kiln this file started: one a failed test left running is killed before the next test. */
const started: ChildProcess[] = []
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})

async function kiln(
  args: string[],
  opts: Parameters<typeof startKiln>[1] = {}
): Promise<{ code: number | null; stderr: string }> {
  const k = startKiln(args, opts)
  const { code } = await k.exit
  return { code, stderr: k.stderr() }
}

async function waitFor<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  ms = 120_000,
  every = 50
): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined && v !== false) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, every))
  }
}

/** Processes whose parent is `pid`, with their command lines. */
function childrenOf(pid: number): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = []
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const ppid = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1]
      if (Number(ppid) !== pid) continue
      out.push({ pid: Number(p), cmd: readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ') })
    } catch {
      // gone meanwhile
    }
  }
  return out
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`)

/** The engine tags a run made (its owner token starts with its pid). */
async function tagsOf(pid: number): Promise<string[]> {
  const r = await run('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])
  return r.stdout
    .split('\n')
    .filter((t) => /^kiln-(base|out)\//.test(t) && t.includes(`:${pid}-`))
    .sort()
}

/** Temporary directories and files a run (by pid) left in the temp dir, out/, the store and the cache. */
function tempsOf(pid: number, roots: string[] = [outDir, storeDir, cacheDir]): string[] {
  const found = readdirSync(tmp)
    .filter((f) => f.startsWith(`kiln-${pid}-`))
    .map((f) => join(tmp, f))
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.name.includes(`.tmp-${pid}-`) || (d.endsWith('.kiln-tmp') && e.name.startsWith(`${pid}-`)))
        found.push(p)
      else if (e.isDirectory()) walk(p)
    }
  }
  for (const r of roots) if (existsSync(r)) walk(r)
  return found
}

async function report(out = outDir): Promise<Record<string, RunReport['images'][number]>> {
  const r = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as RunReport
  return Object.fromEntries(r.images.map((i) => [i.name, i]))
}

async function labelledContainers(): Promise<string[]> {
  const r = await run('docker', ['ps', '-aq', '--filter', `label=${LABEL}`])
  return r.stdout.split('\n').filter(Boolean)
}

/** Waits until the kiln run `k` has a child whose command line matches. */
function childMatching(k: Kiln, re: RegExp): Promise<{ pid: number; cmd: string }> {
  return waitFor(
    `a child matching ${re}`,
    () => {
      if (k.child.exitCode !== null) throw new Error(`kiln exited first: ${k.stderr()}`)
      return childrenOf(k.pid).find((c) => re.test(c.cmd))
    },
    180_000,
    20
  )
}

/** Kills `k` with SIGKILL and checks that none of its children outlives it (parent-death signal). */
async function killHard(k: Kiln): Promise<void> {
  const kids = childrenOf(k.pid)
  k.child.kill('SIGKILL')
  await k.exit
  await waitFor(
    'the killed run’s children to die with it',
    () => kids.every((c) => !alive(c.pid)) || undefined,
    10_000
  )
}

async function mountTmpfs(size: string): Promise<string> {
  const at = await mkdtemp(join(dir, 'tmpfs-'))
  await run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at])
  mounts.push(at)
  return at
}

beforeAll(async () => {
  const tar = await ensureBase('minbase')
  dir = await mkdtemp('/var/tmp/kiln-itg-cancel-')
  tmp = join(dir, 'tmp')
  await mkdir(tmp)
  // The shared minbase plus a file of this run's own: the base (and every image on it) is then
  // new to the engine, so the load test sees its image arrive and go. With minbase alone another
  // test file's build cache may already hold the very same image.
  await copyFile(tar, join(dir, 'minbase.tar'))
  await mkdir(join(dir, 'unique/etc'), { recursive: true })
  await writeFile(join(dir, 'unique/etc/kiln-test-run'), `${dir}\n`)
  await run('tar', [
    '--append',
    '--file',
    join(dir, 'minbase.tar'),
    '-C',
    join(dir, 'unique'),
    'etc/kiln-test-run'
  ])
  for (const [f, text] of Object.entries(files)) {
    await mkdir(join(dir, f, '..'), { recursive: true })
    await writeFile(join(dir, f), text)
  }
  await writeFile(join(dir, 'IMAGES.json'), JSON.stringify(catalog, null, 2))
  storeDir = join(dir, 'store')
  outDir = join(dir, 'out')
  cacheDir = join(dir, 'cache')
  // The one base every test builds on.
  const r = await kiln(['build', '-t', 'base'])
  expect(r).toMatchObject({ code: 0 })
})

afterAll(async () => {
  for (const m of mounts) await tryRun('umount', [m])
  for (const c of await labelledContainers().catch(() => [])) await tryRun('docker', ['rm', '-f', c])
  // What the last killed run left in the engine, as the next run's sweep would remove it.
  await sweepEngineTags()
  // The step images a SIGKILLed classic build left as build cache (they carry the label).
  const steps = await tryRun('docker', ['images', '-aq', '--filter', `label=${LABEL}`])
  const ids = [...new Set(steps?.stdout.split('\n').filter(Boolean) ?? [])]
  if (ids.length) await tryRun('docker', ['image', 'rm', ...ids])
  if (dir && !process.env.KILN_KEEP_TMP) await rm(dir, { recursive: true, force: true })
})

test('SIGKILL during docker load: the load stops with kiln, nothing of it stays in the engine', async () => {
  const base = (await (await openStore(storeDir)).getImage('base'))!
  const config = base.manifest.config.digest
  const inEngine = async (): Promise<boolean> =>
    (await tryRun('docker', ['image', 'inspect', config])) !== null
  // The bottom layer's chain id is its diffID: where the engine keeps it once registered.
  const driver = (await run('docker', ['info', '--format', '{{.Driver}}'])).stdout.trim()
  const layer = `/var/lib/docker/image/${driver}/layerdb/sha256/${base.layers[0].digest.slice(7)}`
  const layerBefore = existsSync(layer)
  expect(await inEngine()).toBe(false)
  await writeFile(join(dir, 'slow/gate/sleep'), 'load')
  const a = startKiln(['build', '-t', 'slow'])
  await childMatching(a, /docker load\s*$/)
  await killHard(a)
  await waitFor(
    'the engine to drop the half-loaded image',
    async () => (!(await inEngine()) && (layerBefore || !existsSync(layer)) ? true : undefined),
    20_000
  )
  await rm(join(dir, 'slow/gate/sleep'))
})

test('SIGTERM during docker build: exit 143, the image marked interrupted, nothing left; a run beside it is not swept', async () => {
  await writeFile(join(dir, 'slow/gate/sleep'), 'term')
  const a = startKiln(['build', '-t', 'slow'])
  // The RUN step is running in the engine (its container carries the Dockerfile's label).
  await waitFor('the sleeping RUN step', async () => {
    const r = await run('docker', ['ps', '-q', '--filter', `label=${LABEL}`, '--filter', 'status=running'])
    return r.stdout.trim() || undefined
  })
  const client = childrenOf(a.pid).find((c) => /docker build/.test(c.cmd))
  expect(client).toBeDefined()
  const tags = await tagsOf(a.pid)
  expect(tags.length).toBeGreaterThan(0)
  const temps = tempsOf(a.pid)
  expect(temps.length).toBeGreaterThan(0)

  // Another run starts (and sweeps) while this one builds: it must leave this one's things alone.
  expect(await kiln(['build', '-t', 'base'])).toMatchObject({ code: 0 })
  expect(await tagsOf(a.pid)).toEqual(tags)
  expect(temps.every((t) => existsSync(t))).toBe(true)

  a.child.kill('SIGTERM')
  const t0 = Date.now()
  expect(await a.exit).toEqual({ code: 143, signal: null })
  expect(Date.now() - t0).toBeLessThan(7500)
  expect(a.stderr()).toMatch(/interrupted by SIGTERM/)
  expect(a.stderr()).not.toMatch(/\n\s+at /)
  expect((await report()).slow).toMatchObject({ status: 'interrupted' })
  expect(alive(client!.pid)).toBe(false)
  expect(await tagsOf(a.pid)).toEqual([])
  expect(tempsOf(a.pid)).toEqual([])
  // The engine cancels a build whose client went away, and removes its container.
  await waitFor(
    'the build container to go',
    async () => ((await labelledContainers()).length ? undefined : true),
    20_000
  )
})

test('SIGKILL during docker build: the client dies with kiln, the re-run sweeps and completes', async () => {
  await writeFile(join(dir, 'slow/gate/sleep'), 'kill')
  const a = startKiln(['build', '-t', 'slow'])
  await waitFor('the sleeping RUN step', async () => {
    const r = await run('docker', ['ps', '-q', '--filter', `label=${LABEL}`, '--filter', 'status=running'])
    return r.stdout.trim() || undefined
  })
  expect(childrenOf(a.pid).some((c) => /docker build/.test(c.cmd))).toBe(true)
  await killHard(a)
  // What a SIGKILLed run cannot clean is there until the next run: its own tags (and no
  // other name: a chain base reaches the build under the run's tag only).
  expect((await tagsOf(a.pid)).length).toBeGreaterThan(0)
  expect(await tryRun('docker', ['image', 'inspect', 'base:latest'])).toBeNull()
  await waitFor(
    'the build container to go',
    async () => ((await labelledContainers()).length ? undefined : true),
    20_000
  )

  await rm(join(dir, 'slow/gate/sleep'))
  const again = await kiln(['build', '-t', 'slow'])
  expect(again).toMatchObject({ code: 0 })
  expect(again.stderr).not.toMatch(/\n\s+at /)
  expect((await report()).slow).toMatchObject({ status: 'built' })
  expect(await tagsOf(a.pid)).toEqual([])
  expect(tempsOf(a.pid)).toEqual([])
})

test('a second signal exits at once: the client killed, index.json still says interrupted', async () => {
  await writeFile(join(dir, 'slow/gate/sleep'), 'twice')
  const a = startKiln(['build', '-t', 'slow'])
  await waitFor('the sleeping RUN step', async () => {
    const r = await run('docker', ['ps', '-q', '--filter', `label=${LABEL}`, '--filter', 'status=running'])
    return r.stdout.trim() || undefined
  })
  const client = childrenOf(a.pid).find((c) => /docker build/.test(c.cmd))!
  a.child.kill('SIGINT')
  await waitFor(
    'the first signal to be seen',
    () => (a.stderr().includes('stopping') ? true : undefined),
    5000
  )
  a.child.kill('SIGINT')
  expect(await a.exit).toEqual({ code: 130, signal: null })
  expect(alive(client.pid)).toBe(false)
  expect((await report()).slow).toMatchObject({ status: 'interrupted' })
  expect(tempsOf(a.pid)).toEqual([])
  await rm(join(dir, 'slow/gate/sleep'))
})

test('SIGKILL during packer build: packer and its plugins die with kiln; the next run removes its container', async () => {
  const a = startKiln(['build', '-t', 'pslow'])
  const packer = await childMatching(a, /packer build/)
  const container = await waitFor(
    'the provisioner sleeping in packer’s container',
    async () => {
      const ps = await run('docker', ['ps', '--format', '{{.ID}} {{.Image}}'])
      const line = ps.stdout.split('\n').find((l) => l.includes(`kiln-base/pslow:${a.pid}-`))
      if (!line) return undefined
      const top = await tryRun('docker', ['top', line.split(' ')[0]])
      return top?.stdout.includes('sleep 907') ? line.split(' ')[0] : undefined
    },
    180_000,
    200
  )
  // Packer runs as PID 1 of its own PID namespace (below unshare): everything it started.
  const tree = (pid: number): number[] => childrenOf(pid).flatMap((c) => [c.pid, ...tree(c.pid)])
  const plugins = tree(packer.pid)
  expect(plugins.length).toBeGreaterThan(1)
  await killHard(a)
  await waitFor(
    'packer and everything it started to end',
    () => (plugins.every((p) => !alive(p)) ? true : undefined),
    10_000
  )
  expect(await kiln(['build', '-t', 'base'])).toMatchObject({ code: 0 })
  expect(await tryRun('docker', ['inspect', container])).toBeNull()
  expect(await tagsOf(a.pid)).toEqual([])
  expect(tempsOf(a.pid)).toEqual([])
})

describe.each([
  { point: 'docker save into the store', how: 'SIGKILL' },
  { point: 'the cache save', how: 'SIGTERM' },
  { point: 'the export', how: 'SIGKILL' },
  { point: 'the export', how: 'SIGTERM' }
] as const)('$how during $point', ({ point, how }) => {
  test('leaves nothing behind; the re-run completes', async () => {
    // A new key each time, so the big image is built (and saved, cached, exported) again.
    await writeFile(join(dir, 'big/gate/n'), `${point} ${how}`)
    const a = startKiln(['build', '-t', 'big'], { cache: true })
    if (point === 'docker save into the store') {
      await childMatching(a, /docker save (-- )?kiln-out\//)
    } else {
      const where = point === 'the cache save' ? join(cacheDir, 'blobs/sha256') : join(outDir, 'big')
      await waitFor(
        `a temporary file of ${point}`,
        () => {
          if (a.child.exitCode !== null) throw new Error(`kiln exited first: ${a.stderr()}`)
          // The big image's own save (the base may be saved to the cache first): after it is built.
          if (!a.stderr().includes('big: built ')) return undefined
          return existsSync(where) && readdirSync(where).some((f) => f.includes(`.tmp-${a.pid}-`))
            ? true
            : undefined
        },
        180_000,
        10
      )
    }
    if (how === 'SIGKILL') {
      await killHard(a)
    } else {
      a.child.kill('SIGTERM')
      expect(await a.exit).toEqual({ code: 143, signal: null })
      expect((await report()).big).toMatchObject({ status: 'interrupted' })
      expect(await tagsOf(a.pid)).toEqual([])
      expect(tempsOf(a.pid)).toEqual([])
    }
    const again = await kiln(['build', '-t', 'big'], { cache: true })
    expect(again).toMatchObject({ code: 0 })
    expect(['built', 'reused']).toContain((await report()).big.status)
    expect(existsSync(join(outDir, 'big/image.tar.gz'))).toBe(true)
    expect(await tagsOf(a.pid)).toEqual([])
    expect(tempsOf(a.pid)).toEqual([])
  })
})

describe('the boot gate', () => {
  const qemuOf = (pid: number): number[] =>
    readdirSync('/proc')
      .filter((x) => /^\d+$/.test(x))
      .filter((p) => {
        try {
          const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8')
          return cmd.includes('qemu-system') && cmd.includes(`kiln-${pid}-`)
        } catch {
          return false
        }
      })
      .map(Number)
  const scratchOf = (pid: number): string[] => readdirSync(tmp).filter((f) => f.startsWith(`kiln-${pid}-`))

  test.each(['SIGTERM', 'SIGKILL'] as const)(
    '%s while qemu boots: no qemu and no scratch disk stay',
    async (how) => {
      const archives = await ensureBootArchives()
      const a = startKiln(['verify', 'boot', archives.dir, '--accel', 'tcg', '--timeout', '600'])
      const qemu = await waitFor(
        'qemu to start',
        () => {
          if (a.child.exitCode !== null) throw new Error(`kiln exited first: ${a.stderr()}`)
          return qemuOf(a.pid)[0]
        },
        300_000,
        50
      )
      expect(scratchOf(a.pid).length).toBeGreaterThan(0)
      a.child.kill(how)
      const end = await a.exit
      if (how === 'SIGTERM') expect(String(end.code ?? end.signal)).toMatch(/143|SIGTERM/)
      await waitFor('qemu to end', () => (alive(qemu) ? undefined : true), 10_000)
      if (how === 'SIGKILL') {
        // The next command that writes removes the dead check's scratch directory.
        expect(scratchOf(a.pid).length).toBeGreaterThan(0)
        expect(
          await kiln(['export', '--image', 'base', '--store', storeDir, '-o', join(dir, 'out-gate')])
        ).toMatchObject({ code: 0 })
      }
      expect(scratchOf(a.pid)).toEqual([])
    }
  )
})

describe('a full disk', () => {
  test('out/ full during kiln export: one clear line, exit 1, no temp file; works once there is room', async () => {
    const small = await mountTmpfs('4m')
    const r = await kiln(['export', '--image', 'base', '--store', storeDir, '-o', small])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/image\.tar\.gz: no space left on device/)
    expect(r.stderr).not.toMatch(/\n\s+at |Unhandled|ERR_/)
    expect(readdirSync(join(small, 'base'))).toEqual([])
    await run('mount', ['-o', 'remount,size=256m', small])
    expect(await kiln(['export', '--image', 'base', '--store', storeDir, '-o', small])).toMatchObject({
      code: 0
    })
    expect(existsSync(join(small, 'base/image.tar.gz'))).toBe(true)
  })

  test.each(['rootfs.tar.gz', 'rootfs.tar.zst'])(
    'out/ full during kiln flatten to %s: one clear line naming the file, exit 1, no temp file',
    async (name) => {
      const small = await mountTmpfs('4m')
      const r = await kiln(['flatten', '-i', `${storeDir}:base`, '-o', join(small, name)])
      expect(r.code).toBe(1)
      // With zstd this said "write EPIPE": the compressor's pipe broke once its output could not be written.
      expect(r.stderr).toContain(`${name}: no space left on device`)
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at |Unhandled/)
      expect(readdirSync(small)).toEqual([])
    }
  )

  test('out/ full during kiln build: the image fails naming the file, index.json is current, no temp file', async () => {
    const small = await mountTmpfs('4m')
    const r = await kiln(['build', '-t', 'exported'], { out: small })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/exported: .*exported\/image\.tar\.gz: no space left on device/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    const index = await report(small)
    expect(index.exported).toMatchObject({ status: 'failed' })
    expect(index.exported.error!.message).toMatch(/no space left on device/)
    expect(tempsOf(0, [small]).concat(readdirSync(join(small, 'exported')))).toEqual([])
    await run('mount', ['-o', 'remount,size=256m', small])
    expect(await kiln(['build', '-t', 'exported'], { out: small })).toMatchObject({ code: 0 })
  })

  test('the store full during docker save: says the store is full, not "connection reset"', async () => {
    // A store that holds the base and ~40 MB more: the big image's 96 MB layer cannot fit.
    const small = await mountTmpfs('512m')
    expect(await kiln(['build', '-t', 'base', '--no-export'], { store: small })).toMatchObject({ code: 0 })
    const used = Number((await run('df', ['--output=used', '-B1', small])).stdout.split('\n')[1])
    await run('mount', ['-o', `remount,size=${used + 40 * 1024 * 1024}`, small])
    await writeFile(join(dir, 'big/gate/n'), 'full store')
    const r = await kiln(['build', '-t', 'big', '--no-export'], { store: small })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/big: docker save: .*store .*: no space left on device/)
    expect(r.stderr).not.toMatch(/connection reset|\n\s+at /)
    expect(readdirSync(join(small, '.kiln-tmp'))).toEqual([])
    await run('mount', ['-o', 'remount,size=1g', small])
    expect(await kiln(['build', '-t', 'big', '--no-export'], { store: small })).toMatchObject({ code: 0 })
  })
})
