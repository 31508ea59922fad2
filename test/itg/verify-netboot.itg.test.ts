// The netboot gate for real: a plan image (the kernel base plus its command line and squashfs/
// overlay in its initrd) exported with `netboot` and `squashfs`, booted by iPXE over qemu's
// restricted user network to the check program; broken variants each fail naming their stage;
// a SIGKILLed check leaves no qemu, no relay and (after the next run's sweep) no scratch directory.
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { registerVerify } from '../../src/adapters/cli/commands/verify.js'
import { exportImage } from '../../src/exporters/export.js'
import { resolveInput } from '../../src/exporters/inputs.js'
import { sweepLeftovers } from '../../src/pipeline/sweep.js'
import { run } from '../../src/util/exec.js'
import { SilentReporter } from '../../src/util/log.js'
import { verifyNetboot, type NetbootResult } from '../../src/verify/netboot.js'
import { TEMP_PREFIX } from '../../src/verify/temp.js'
import { baseTar, ensureBase } from '../fixtures/bases.js'
import { ensureNetbootImage, NETBOOT_CMDLINE } from '../fixtures/netboot-image.js'

const reporter = new SilentReporter()
// Generous for a TCG guest on a busy 2-core runner; the product's default is 300 s.
const TIMEOUT_SEC = 600
const TEST_TIMEOUT_MS = 1_200_000
let scratch: string
let plan: string
let base: string

/** Processes of ours: qemu and the gate's relays name our scratch directories on their command lines. */
function ours(pid?: string): string[] {
  const mark = pid ? `kiln-${pid}-` : TEMP_PREFIX
  const found: string[] = []
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8')
      if (cmd.includes(mark) && (cmd.includes('qemu-system') || cmd.includes('relay.mjs'))) found.push(p)
    } catch {
      // gone meanwhile
    }
  }
  return found
}

function expectStage(r: NetbootResult, stage: string, message: RegExp): void {
  if (r.status !== 'failed' || r.stage !== stage || !message.test(r.message ?? '')) {
    throw new Error(
      `expected a failure in stage ${stage} matching ${message}, got: ${JSON.stringify(r, null, 2)}`
    )
  }
  process.stderr.write(`netboot gate, ${stage}: failed in ${r.totalSeconds.toFixed(1)} s: ${r.message}\n`)
}

async function exportNetboot(
  layers: Parameters<typeof exportImage>[0]['layers'],
  name: string
): Promise<string> {
  const t0 = Date.now()
  const r = await exportImage({
    layers,
    outDir: join(scratch, 'out'),
    name,
    exports: ['netboot', 'squashfs'],
    // lz4 squashfs: seconds instead of minutes; the gate boots it the same.
    compression: 'none',
    reporter
  })
  process.stderr.write(`export ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
  return r.dir
}

/** A copy of dir's netboot/ (hard links), without `drop`, with `replace` written over. */
function variant(name: string, drop: string[], replace: Record<string, string | Buffer> = {}): string {
  const dir = join(scratch, name)
  mkdirSync(join(dir, 'netboot'), { recursive: true })
  for (const f of readdirSync(join(plan, 'netboot'))) {
    if (drop.includes(f) || f in replace) continue
    linkSync(join(plan, 'netboot', f), join(dir, 'netboot', f))
  }
  for (const [f, data] of Object.entries(replace)) writeFileSync(join(dir, 'netboot', f), data)
  return dir
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kiln-itg-netboot-'))
  const saved = await ensureNetbootImage()
  const input = await resolveInput(saved)
  try {
    plan = await exportNetboot(input.layers, 'plan-netboot')
  } finally {
    await input.cleanup()
  }
  const tar = await ensureBase('kernel')
  base = await exportNetboot(
    [{ path: baseTar('kernel'), offset: 0, length: statSync(tar).size }],
    'kernel-base'
  )
}, TEST_TIMEOUT_MS)

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

afterEach(async () => {
  // A relay qemu started for the last connection ends once that connection is gone: a moment.
  await waitFor(() => (ours().length ? undefined : true), 10_000).catch(() => undefined)
  expect(ours()).toEqual([])
  expect(readdirSync(tmpdir()).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([])
})

it(
  'a plan image passes: iPXE chains its boot.ipxe, loads its files over HTTP and boots the squashfs to the check program',
  async () => {
    const net = join(plan, 'netboot')
    // The image's own command line, in the cmdline file and on the script's kernel line.
    expect(readFileSync(join(net, 'cmdline'), 'utf8')).toBe(`${NETBOOT_CMDLINE}\n`)
    expect(readFileSync(join(net, 'boot.ipxe'), 'utf8')).toContain(
      `kernel \${base-url}/vmlinuz initrd=initrd ${NETBOOT_CMDLINE} \${extra-args}`
    )
    // Checksummed like the archives: sha256sum -c accepts SHA256SUMS with the netboot/ names.
    const sums = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: plan, encoding: 'utf8' })
    for (const f of ['vmlinuz', 'initrd', 'cmdline', 'boot.ipxe', 'rootfs.squashfs'])
      expect(sums).toContain(`netboot/${f}: OK`)
    const manifest = JSON.parse(readFileSync(join(plan, 'manifest.json'), 'utf8')) as { kernel: string }

    const r = await verifyNetboot({ dir: plan, reporter, timeoutSec: TIMEOUT_SEC })
    if (r.status !== 'passed') throw new Error(`expected a pass, got: ${JSON.stringify(r, null, 2)}`)
    expect(r.stage).toBeUndefined()
    expect(r.kernel).toBe(manifest.kernel)
    expect(r.consoleTail.join('\n')).toContain('KILN-CHECK root filesystem on overlay')
    // Everything the guest booted came over the gate's HTTP server.
    expect(r.downloadedBytes).toBeGreaterThan(statSync(join(net, 'rootfs.squashfs')).size)
    process.stderr.write(
      `netboot gate passed: ${r.seconds.toFixed(1)} s booting, ${r.totalSeconds.toFixed(1)} s in all, ${(r.downloadedBytes / 1e6).toFixed(0)} MB fetched\n`
    )
  },
  TEST_TIMEOUT_MS
)

it(
  "the kernel base's initrd has no squashfs: fails in stage root",
  async () => {
    const r = await verifyNetboot({ dir: base, reporter, timeoutSec: TIMEOUT_SEC })
    expectStage(r, 'root', /^root: no root \(squashfs\): the initrd cannot mount squashfs/)
  },
  TEST_TIMEOUT_MS
)

it(
  'broken variants fail naming their stage: a missing initrd, a script that is not one, a script with an error',
  async () => {
    let r = await verifyNetboot({ dir: variant('no-initrd', ['initrd']), reporter, timeoutSec: TIMEOUT_SEC })
    expectStage(
      r,
      'initrd download',
      /cannot load the initrd http:\/\/10\.0\.2\.100\/initrd \(iPXE: http:\/\/10\.0\.2\.100\/initrd\.\.\. No such file/
    )

    r = await verifyNetboot({
      dir: variant('garbage', [], { 'boot.ipxe': 'this is not an iPXE script\n' }),
      reporter,
      timeoutSec: TIMEOUT_SEC
    })
    expectStage(r, 'script', /^script: \S+\/boot\.ipxe is not an iPXE script/)

    const script = readFileSync(join(plan, 'netboot', 'boot.ipxe'), 'utf8').replace(/^kernel /m, 'kernal ')
    r = await verifyNetboot({
      dir: variant('typo', [], { 'boot.ipxe': script }),
      reporter,
      timeoutSec: TIMEOUT_SEC
    })
    expectStage(r, 'script', /kernal: command not found/)

    // The command fails the same way, naming the directory and the check (exit 1).
    const noScript = variant('no-script', ['boot.ipxe'])
    const program = new Command().exitOverride()
    registerVerify(program, { reporter, exitCode: 0 })
    await expect(program.parseAsync(['node', 'kiln', 'verify', 'netboot', noScript])).rejects.toThrow(
      new RegExp(`^no-script: netboot check: script: ${noScript} has no netboot/boot\\.ipxe`)
    )
  },
  TEST_TIMEOUT_MS
)

it(
  'a SIGKILLed check leaves no qemu and no relay; its scratch directory goes with the next run',
  async () => {
    const script = join(scratch, 'netboot.mts')
    const pidFile = join(scratch, 'netboot.pid')
    writeFileSync(
      script,
      [
        `import { verifyNetboot } from ${JSON.stringify(join(process.cwd(), 'src/verify/netboot.ts'))}`,
        `import { SilentReporter } from ${JSON.stringify(join(process.cwd(), 'src/util/log.ts'))}`,
        `import { writeFileSync } from 'node:fs'`,
        `writeFileSync(${JSON.stringify(pidFile)}, String(process.pid))`,
        `await verifyNetboot({ dir: process.argv[2], accel: 'tcg', reporter: new SilentReporter() })`
      ].join('\n')
    )
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
    // Its own temp directory: any other kiln on the machine (test files run side by side)
    // would sweep the dead run's scratch from the shared one before this test looks.
    const tmp = mkdtempSync(join(tmpdir(), 'itg-netboot-kill-'))
    const child = run(tsx, [script, plan], { env: { TMPDIR: tmp } }).then(
      () => 'exited normally',
      (e: Error) => e.message
    )
    const pid = await waitFor(() => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : undefined))
    // Killed while the guest downloads (a relay is running) or soon after.
    await waitFor(() => (ours(pid).length >= 2 ? true : undefined), 300_000)
    process.kill(Number(pid), 'SIGKILL')
    expect(await child).toMatch(/SIGKILL|status 137/)
    await waitFor(() => (ours(pid).length ? undefined : 'gone'), 15_000)
    const left = (): string[] =>
      readdirSync(tmp).filter((f) => f.startsWith(`kiln-${pid}-`) && f.includes('-verify-'))
    expect(left()).toHaveLength(1) // SIGKILL runs no exit hook: the next run's sweep removes it
    await sweepLeftovers({ reporter, tmpDir: tmp })
    expect(left()).toEqual([])
    rmSync(tmp, { recursive: true })
  },
  TEST_TIMEOUT_MS
)

async function waitFor<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 200))
  }
}
