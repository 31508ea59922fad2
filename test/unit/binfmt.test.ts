// The emulation check before an image of another architecture is built. A fake binfmt_misc
// directory stands in for the kernel's (the real handler serves other builds on this machine
// and is only ever read here), and an empty search path for a host without the tools.
import { jest } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path, { join } from 'node:path'
import { execa } from 'execa'
import { ensureEmulation, qemuHandler, readBinfmt, BINFMT_DIR } from '../../src/engine/binfmt.js'
import { buildPlan, type BuildOptions } from '../../src/pipeline/run.js'
import type { Builder } from '../../src/builders/types.js'
import type { Plan } from '../../src/plan/types.js'
import { openStore } from '../../src/store/index.js'
import { InvalidInputError } from '../../src/util/errors.js'
import { SilentReporter, type Reporter } from '../../src/util/log.js'
import { imageSpec } from '../fixtures/image-spec.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-binfmt-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

/** A binfmt_misc mount with `entries` (name → file text). */
async function fakeBinfmt(entries: Record<string, string>, mounted = true): Promise<string> {
  const d = join(dir, 'binfmt_misc')
  await mkdir(d)
  if (mounted) await writeFile(join(d, 'status'), 'enabled\n')
  for (const [n, text] of Object.entries(entries)) await writeFile(join(d, n), text)
  return d
}
const entry = (state: string, flags: string) =>
  `${state}\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: ${flags}\noffset 0\nmagic 7f454c46\n`

/** A reporter that keeps its warnings. */
function warnings(): { reporter: Reporter; list: () => string[] } {
  const reporter = new SilentReporter()
  const spy = jest.spyOn(reporter, 'warn')
  return { reporter, list: () => spy.mock.calls.map((c) => String((c as unknown[])[0])) }
}

const check = async (
  binfmt: string,
  extra: { root?: boolean; searchPath?: string; reporter?: Reporter } = {}
) =>
  ensureEmulation('aarch64', {
    reporter: extra.reporter ?? new SilentReporter(),
    dir: binfmt,
    host: 'x86_64',
    root: extra.root ?? false,
    searchPath: extra.searchPath ?? join(dir, 'no-tools')
  })

describe('ensureEmulation', () => {
  test('handler names follow Debian binfmt-support', () => {
    expect(['aarch64', 'arm64', 'armhf', 'x86_64', 'i386'].map(qemuHandler)).toEqual([
      'qemu-aarch64',
      'qemu-aarch64',
      'qemu-arm',
      'qemu-x86_64',
      'qemu-i386'
    ])
  })

  test('a native architecture needs nothing, even without binfmt_misc', async () => {
    await expect(
      ensureEmulation('amd64', { reporter: new SilentReporter(), dir: join(dir, 'none'), host: 'x86_64' })
    ).resolves.toBeUndefined()
  })

  test('a missing handler, and no tools to register it: one line naming the packages', async () => {
    const err = await check(await fakeBinfmt({}), { root: true }).catch((e: unknown) => e)
    expect((err as Error).message).toBe(
      'aarch64 images on this x86_64 host need qemu-user emulation, but binfmt_misc has no qemu-aarch64 handler: install qemu-user-static and binfmt-support (apt-get install qemu-user-static binfmt-support)'
    )
  })

  test('not root: says to do it as root', async () => {
    await expect(check(await fakeBinfmt({}))).rejects.toThrow(
      /no qemu-aarch64 handler: install qemu-user-static and binfmt-support \(apt-get install qemu-user-static binfmt-support\), as root$/
    )
  })

  test('a disabled handler: the command that enables it', async () => {
    await expect(check(await fakeBinfmt({ 'qemu-aarch64': entry('disabled', 'PF') }))).rejects.toThrow(
      /the binfmt handler qemu-aarch64 is disabled: run update-binfmts --enable qemu-aarch64, as root/
    )
  })

  test('binfmt_misc not mounted', async () => {
    await expect(check(await fakeBinfmt({}, false))).rejects.toThrow(
      /binfmt_misc is not mounted at .*: as root, mount -t binfmt_misc binfmt_misc \/proc\/sys\/fs\/binfmt_misc and install qemu-user-static and binfmt-support/
    )
  })

  test('enabled with F: fine; without F: a warning about containers', async () => {
    const ok = warnings()
    await check(await fakeBinfmt({ 'qemu-aarch64': entry('enabled', 'PF') }), { reporter: ok.reporter })
    expect(ok.list()).toEqual([])
    await rm(join(dir, 'binfmt_misc'), { recursive: true })
    const noF = warnings()
    await check(await fakeBinfmt({ 'qemu-aarch64': entry('enabled', 'P') }), { reporter: noF.reporter })
    expect(noF.list()).toEqual([expect.stringMatching(/without the F \(fix-binary\) flag/)])
  })

  test("this machine's real handler reads as enabled (read only)", async () => {
    const real = await readBinfmt('qemu-aarch64', BINFMT_DIR)
    expect(real).toMatchObject({ enabled: true, flags: expect.stringContaining('F') })
  })
})

describe('buildPlan refuses to start without emulation', () => {
  const plan = (): Plan => ({
    catalog: { file: join(dir, 'IMAGES.json'), root: dir, images: [] },
    images: [
      {
        spec: imageSpec('amd', { pointer: '/images/0' }),
        key: 'a'.repeat(64),
        inputs: [],
        deps: []
      },
      {
        spec: imageSpec('arm-base', { pointer: '/images/1', arch: 'aarch64', line: 7 }),
        key: 'b'.repeat(64),
        inputs: [],
        deps: []
      }
    ],
    matrix: { distro: [], plan: [], arch: [] }
  })

  test('exit-2 problem naming file, image and field; nothing built', async () => {
    const built: string[] = []
    const builder: Builder = {
      build: async (ctx) => {
        built.push(ctx.image.spec.name)
        throw new Error('must not run')
      }
    }
    const opts: BuildOptions = {
      store: await openStore(join(dir, 'store')),
      outDir: join(dir, 'out'),
      reporter: new SilentReporter(),
      tmpDir: dir,
      builderFor: () => builder,
      emulation: { dir: await fakeBinfmt({}), host: 'x86_64', root: false }
    }
    const err = await buildPlan(plan(), opts).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidInputError)
    expect((err as InvalidInputError).problems).toEqual([
      {
        file: expect.stringMatching(/IMAGES\.json$/),
        pointer: '/images/1/arch',
        line: 7,
        image: 'arm-base',
        message: expect.stringMatching(/install qemu-user-static and binfmt-support/)
      }
    ])
    expect(built).toEqual([])
  })
})

test('kiln build: exit 2 and the message, before anything is built', async () => {
  const repo = path.resolve('.')
  const cat = join(dir, 'cat')
  await mkdir(cat)
  await writeFile(
    join(cat, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [
        { name: 'arm-base', arch: 'aarch64', base: { bootstrap: { suite: 'bookworm' } }, builder: 'import' }
      ]
    })
  )
  const r = await execa(
    join(repo, 'node_modules/.bin/tsx'),
    [
      join(repo, 'src/adapters/cli/index.ts'),
      'build',
      '--store',
      join(dir, 'store'),
      '--out',
      join(dir, 'out')
    ],
    { cwd: cat, reject: false, env: { NO_COLOR: '1', KILN_BINFMT_DIR: await fakeBinfmt({}) } }
  )
  expect(r.exitCode).toBe(2)
  expect(String(r.stderr)).toMatch(
    /error: IMAGES\.json:\d+: \/images\/0\/arch \(image arm-base\): aarch64 images on this x86_64 host need qemu-user emulation, but binfmt_misc has no qemu-aarch64 handler: install qemu-user-static and binfmt-support/
  )
  expect(String(r.stderr)).toMatch(/nothing was built/)
}, 60_000)
