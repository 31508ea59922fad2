// The boot gate for real: the kernel fixture's archives (laid out as the exporters lay them
// out) booted under qemu, and deliberately broken copies of them, each failing with a message
// that names what is wrong. After every test no qemu process and no scratch directory remain.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Command } from 'commander'
import { registerVerify } from '../../src/adapters/cli/commands/verify.js'
import type { CliContext } from '../../src/adapters/cli/context.js'
import { run } from '../../src/util/exec.js'
import { SilentReporter } from '../../src/util/log.js'
import { verifyBoot, type BootResult } from '../../src/verify/boot.js'
import { BootAborted } from '../../src/verify/console.js'
import { TEMP_PREFIX } from '../../src/verify/temp.js'
import {
  BOOT_ARCHIVES,
  copyArchives,
  deleteMembers,
  ensureBootArchives,
  ensureVariant,
  replaceSingle,
  scramble,
  type BootArchives
} from '../fixtures/boot-archives.js'

const reporter = new SilentReporter()
// A guest under TCG on a busy 2-core runner can take minutes: these limits are for the tests
// only (the product's default stays 120 s), so that a slow machine does not read as a failure.
const BOOT_TIMEOUT_SEC = 600
const TEST_TIMEOUT_MS = 1_200_000
let good: BootArchives
let scratch: string

/** qemu processes started by this process's checks (their command lines name our scratch dirs). */
function liveQemus(): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (cmd[0].includes('qemu-system') && cmd.some((a) => a.includes(TEMP_PREFIX))) found.push(pid)
    } catch {
      // gone meanwhile
    }
  }
  return found
}

function scratchDirsLeft(): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith(TEMP_PREFIX))
}

function snapshot(dir: string): string {
  return BOOT_ARCHIVES.map((f) => {
    const st = statSync(join(dir, f))
    return `${f} ${st.size} ${st.mtimeMs}`
  }).join('\n')
}

/** The program with only this command, as main() builds it. */
function cli(ctx: CliContext): Command {
  const program = new Command().exitOverride()
  registerVerify(program, ctx)
  return program
}

function expectFailed(r: BootResult, message: RegExp): void {
  if (r.status !== 'failed' || !message.test(r.message ?? '')) {
    throw new Error(`expected a failure matching ${message}, got: ${JSON.stringify(r, null, 2)}`)
  }
}

beforeAll(async () => {
  good = await ensureBootArchives()
  scratch = mkdtempSync(join(tmpdir(), 'kiln-verify-itg-'))
})

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

afterEach(() => {
  expect(liveQemus()).toEqual([])
  expect(scratchDirsLeft()).toEqual([])
})

it(
  'boots the good archives: root on the disk, a module loaded, /sbin/init there',
  async () => {
    const before = snapshot(good.dir)
    const r = await verifyBoot({ dir: good.dir, reporter, timeoutSec: BOOT_TIMEOUT_SEC })
    if (r.status !== 'passed') throw new Error(`boot check failed: ${r.message}\n${r.consoleTail.join('\n')}`)
    expect(r.kernel).toBe(good.kernel)
    expect(['kvm', 'tcg']).toContain(r.accel)
    expect(r.seconds).toBeGreaterThan(0)
    expect(r.seconds).toBeLessThan(BOOT_TIMEOUT_SEC)
    expect(r.consoleTail.some((l) => l.startsWith(`KILN-BOOT-OK ${good.kernel} `))).toBe(true)
    expect(r.consoleTail).toContain('KILN-CHECK root filesystem on /dev/vda')
    expect(r.consoleTail.some((l) => /^KILN-CHECK module loop loaded from \/lib\/modules\//.test(l))).toBe(
      true
    )
    // What is published is only read.
    expect(snapshot(good.dir)).toBe(before)
    process.stderr.write(
      `boot check: ${r.seconds.toFixed(1)} s booting, ${r.totalSeconds.toFixed(1)} s in all (${r.accel})\n`
    )
  },
  TEST_TIMEOUT_MS
)

it(
  'kiln verify boot --initrd-only passes once the initramfs looks for its root',
  async () => {
    const ctx = { reporter, exitCode: 0 }
    await cli(ctx).parseAsync([
      'node',
      'kiln',
      'verify',
      'boot',
      good.dir,
      '--initrd-only',
      '--timeout',
      String(BOOT_TIMEOUT_SEC)
    ])
    expect(ctx.exitCode).toBe(0)
  },
  TEST_TIMEOUT_MS
)

it(
  'fails before booting when the initrd is missing or empty',
  async () => {
    const missing = copyArchives(good.dir, scratch, 'no-initrd')
    rmSync(join(missing, 'initrd.tar.gz'))
    const r1 = await verifyBoot({ dir: missing, reporter })
    expectFailed(r1, /has no initrd: initrd\.tar\.gz not found/)
    expect(r1.consoleTail).toEqual([])
    await expect(
      cli({ reporter, exitCode: 0 }).parseAsync(['node', 'kiln', 'verify', 'boot', missing])
    ).rejects.toThrow(
      new RegExp(`^${basename(missing)}: boot check: ${missing} has no initrd: initrd.tar.gz not found$`)
    )

    const empty = copyArchives(good.dir, scratch, 'empty-initrd')
    await replaceSingle(empty, 'initrd.tar.gz', 'initrd', (p) => scramble(p, 0))
    const r2 = await verifyBoot({ dir: empty, reporter })
    expectFailed(r2, /initrd\.tar\.gz has no initrd \(\.\/initrd is empty\)/)
  },
  TEST_TIMEOUT_MS
)

it(
  'fails at the kernel panic when the initrd is corrupt, with the console tail',
  async () => {
    const dir = copyArchives(good.dir, scratch, 'corrupt-initrd')
    await replaceSingle(dir, 'initrd.tar.gz', 'initrd', (p) => scramble(p, 1 << 20))
    const t0 = Date.now()
    const r = await verifyBoot({ dir, reporter, mode: 'initrd', timeoutSec: BOOT_TIMEOUT_SEC })
    expectFailed(r, /^kernel panic: VFS: Unable to mount root fs .*\(console: Initramfs unpacking failed/)
    expect(r.consoleTail.length).toBeGreaterThan(10)
    expect(Date.now() - t0).toBeLessThan(BOOT_TIMEOUT_SEC * 1000) // stopped at the panic, not at the timeout
  },
  TEST_TIMEOUT_MS
)

it(
  'fails when the modules archive lacks the module the check loads, naming it',
  async () => {
    const dir = await ensureVariant(good, 'no-loop', (d) => deleteMembers(d, 'modules.tar.gz', '*/loop.ko'))
    const r = await verifyBoot({ dir, reporter, timeoutSec: BOOT_TIMEOUT_SEC })
    expectFailed(r, /failed its checks: module loop: its file is missing/)
    expect(r.consoleTail.some((l) => l.startsWith('KILN-CHECK-FAIL module loop'))).toBe(true)
  },
  TEST_TIMEOUT_MS
)

it(
  'fails when the root filesystem has no /sbin/init, naming it',
  async () => {
    const dir = await ensureVariant(good, 'no-init', (d) => deleteMembers(d, 'image.tar.gz', '*sbin/init'))
    const r = await verifyBoot({ dir, reporter, timeoutSec: BOOT_TIMEOUT_SEC })
    expectFailed(r, /failed its checks: \/sbin\/init is missing$/)
  },
  TEST_TIMEOUT_MS
)

it(
  "never follows the image's links on the host: lib -> foo, foo/modules -> a host directory",
  async () => {
    // The attack: the image's /lib/modules leads (through two links) to a host directory
    // that holds a directory named as the kernel release. The gate used to delete it and
    // move the image's modules there. The canary must keep the same files and contents;
    // the gate itself passes or fails, but cleanly.
    const canary = join(scratch, 'canary')
    mkdirSync(join(canary, good.kernel), { recursive: true })
    writeFileSync(join(canary, good.kernel, 'keep'), 'host data\n')
    writeFileSync(join(canary, 'other'), 'more host data\n')
    const before = treeOf(canary)

    const dir = copyArchives(good.dir, scratch, 'hostile-links')
    const stage = join(dir, 'stage')
    mkdirSync(join(stage, 'foo'), { recursive: true })
    symlinkSync('foo', join(stage, 'lib'))
    symlinkSync(canary, join(stage, 'foo/modules'))
    // The rest of the image's /lib (libc and the loader, systemd, udev) stays where the image keeps it.
    for (const d of ['x86_64-linux-gnu', 'systemd', 'udev'])
      symlinkSync(`/usr/lib/${d}`, join(stage, 'foo', d))
    await run('bash', [
      '-c',
      'set -eo pipefail; f="$1/image.tar.gz"; pigz -dc "$f" > "$1/image.tar"; rm "$f"; ' +
        'tar --delete -f "$1/image.tar" ./lib; ' +
        'tar -rf "$1/image.tar" -C "$2" --numeric-owner --owner=0 --group=0 ./lib ./foo; pigz -1 "$1/image.tar"',
      'sh',
      dir,
      stage
    ])
    rmSync(stage, { recursive: true })

    const r = await verifyBoot({ dir, reporter, timeoutSec: BOOT_TIMEOUT_SEC })
    expect(['passed', 'failed']).toContain(r.status)
    process.stderr.write(`hostile links: the gate ${r.status}${r.message ? `: ${r.message}` : ''}\n`)
    expect(treeOf(canary)).toEqual(before)
  },
  TEST_TIMEOUT_MS
)

/** Every path under dir with its content (files) or kind, sorted. */
function treeOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((e) => {
      const p = join(e.parentPath ?? e.path, e.name)
      return `${p.slice(dir.length)} ${e.isFile() ? readFileSync(p, 'utf8') : e.isDirectory() ? 'dir' : 'other'}`
    })
    .sort()
}

it(
  'stops qemu at the timeout and when cancelled, leaving nothing behind',
  async () => {
    const r = await verifyBoot({ dir: good.dir, reporter, mode: 'initrd', timeoutSec: 2 })
    expectFailed(r, /^timed out after 2 s: the initrd never reached its root device lookup/)
    expect(liveQemus()).toEqual([])

    const abort = new AbortController()
    const started = verifyBoot({ dir: good.dir, reporter, mode: 'initrd', signal: abort.signal })
    setTimeout(() => abort.abort(), 3000)
    await expect(started).rejects.toThrow(BootAborted)
  },
  TEST_TIMEOUT_MS
)

it(
  'removes the scratch directory and qemu when the process is terminated',
  async () => {
    // A check killed by SIGTERM mid-boot: its exit hooks remove its scratch dir and its qemu.
    const script = join(scratch, 'boot.mts')
    writeFileSync(
      script,
      [
        `import { verifyBoot } from ${JSON.stringify(join(process.cwd(), 'src/verify/boot.ts'))}`,
        `import { SilentReporter } from ${JSON.stringify(join(process.cwd(), 'src/util/log.ts'))}`,
        `import { writeFileSync } from 'node:fs'`,
        // Its own pid, so the test kills this check and no other (tests run side by side).
        `writeFileSync(${JSON.stringify(join(scratch, 'boot.pid'))}, String(process.pid))`,
        `await verifyBoot({ dir: process.argv[2], mode: 'initrd', accel: 'tcg', reporter: new SilentReporter() })`
      ].join('\n')
    )
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
    const child = run(tsx, [script, good.dir]).then(
      () => 'exited normally',
      (e: Error) => e.message
    )
    const pidFile = join(scratch, 'boot.pid')
    const childPid = await waitFor(() => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : undefined))
    await waitFor(() => qemuOf(childPid))
    process.kill(Number(childPid), 'SIGTERM')
    expect(await child).toMatch(/SIGTERM|status [1-9]/)
    await waitFor(() => (qemuOf(childPid) ? undefined : 'gone'), 10_000)
    expect(
      readdirSync(tmpdir()).filter((f) => f.startsWith(`kiln-${childPid}-`) && f.includes('-verify-'))
    ).toEqual([])
  },
  TEST_TIMEOUT_MS
)

function qemuOf(pid: string): string | undefined {
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8')
      if (cmd.includes('qemu-system') && cmd.includes(`kiln-${pid}-`)) return p
    } catch {
      // gone meanwhile
    }
  }
  return undefined
}

async function waitFor<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 200))
  }
}
