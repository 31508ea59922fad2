/**
 * The netboot gate: an image's netboot/ export booted the way a provisioner boots it. qemu's
 * BIOS runs the virtio NIC's option ROM (iPXE, from ipxe-qemu), which gets an address and the
 * boot file from qemu's user network (DHCP, TFTP from a scratch directory); the boot file sets
 * base-url and chains the exported boot.ipxe, which loads vmlinuz, initrd and rootfs.squashfs
 * over HTTP; the initramfs mounts the squashfs under an overlay (netboot-guest.ts) and runs the
 * check program (check-script.ts) as init. It passes only on the check program's marker; every
 * failure names the stage it happened in.
 *
 * Nothing leaves the machine: the user network is `restrict=on` (no route out, nor to the
 * host), and the one way through is a guestfwd for 10.0.2.100:80, which qemu connects, per
 * connection, to a relay (a node process of this file) that talks to an HTTP server bound to
 * 127.0.0.1 and serving only the files of the netboot directory and the gate's own initrd.
 */
import { randomBytes } from 'node:crypto'
import {
  createReadStream,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { pipeline } from 'node:stream/promises'
import type { AddressInfo } from 'node:net'
import { basename, join } from 'node:path'
import { hasTool } from '../util/exec.js'
import { formatBytes, formatSeconds, type Reporter } from '../util/log.js'
import { chooseAccel, type AccelChoice } from './accel.js'
import { GateFailure, readManifest, type BootManifest } from './archives.js'
import type { BootResult } from './boot.js'
import { CHECK_PATH, DEFAULT_CHECK_MODULES, checkScript } from './check-script.js'
import { BootAborted, runGuest } from './console.js'
import { DEFAULT_NETBOOT_TIMEOUT_SEC } from './defaults.js'
import {
  BOOT_FILE,
  GATE_CPIO,
  GATE_HOST,
  GATE_PORT,
  GATE_PREFIX,
  NetbootRules,
  gateArchive,
  wrapperScript,
  type NetbootStage
} from './netboot-guest.js'
import { gateAppend, machineArgs, qemuBinary, type Accel, type Command } from './qemu.js'
import { makeScratchDir } from './temp.js'

export { DEFAULT_NETBOOT_TIMEOUT_SEC }
export type { NetbootStage }

export interface VerifyNetbootOptions {
  /** out/<name> (holding netboot/ and manifest.json), or the netboot directory itself. */
  dir: string
  /** Limit for the boot itself, downloads included. Default 300. */
  timeoutSec?: number
  accel?: AccelChoice
  /** Modules the check tries to load, first loadable one wins. */
  modules?: string[]
  reporter: Reporter
  signal?: AbortSignal
}

export interface NetbootResult extends BootResult {
  /** The stage a failure happened in (absent when passed). */
  stage?: NetbootStage
  /** Bytes the guest fetched over HTTP. */
  downloadedBytes: number
}

/** qemu's default ROM for virtio-net-pci: iPXE, shipped by ipxe-qemu. */
const IPXE_ROMS = ['/usr/share/qemu/efi-virtio.rom', '/usr/lib/ipxe/qemu/efi-virtio.rom']

const SERVED_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/

/** The relay qemu runs per guest connection: its stdin/stdout is the guest's socket. */
const RELAY = `// Written by Kiln's netboot gate: joins one guest connection (stdin/stdout) to the gate's
// HTTP server on 127.0.0.1, and ends with either side.
import { connect } from 'node:net'
const s = connect(Number(process.argv[2]), '127.0.0.1')
process.stdin.pipe(s)
s.pipe(process.stdout)
s.on('close', () => process.exit(0))
s.on('error', () => process.exit(1))
process.stdin.on('end', () => s.end())
process.stdin.on('error', () => process.exit(1))
`

/** Finds the directory holding boot.ipxe: DIR/netboot, or DIR itself. */
export function netbootDir(dir: string): string | null {
  for (const d of [join(dir, 'netboot'), dir]) if (existsSync(join(d, 'boot.ipxe'))) return d
  return null
}

interface GateServer {
  port: number
  served: Map<string, number>
  close(): Promise<void>
}

/**
 * GET/HEAD of /<file> (a regular file directly in `root`, never a link) and of the gate's own
 * files under GATE_PREFIX; anything else is 404. Bound to 127.0.0.1 only.
 */
async function serve(root: string, gateFiles: Map<string, Buffer>, reporter: Reporter): Promise<GateServer> {
  const served = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0]
    const head = req.method === 'HEAD'
    const send = (status: number, size: number): void => {
      res.writeHead(status, { 'content-length': size, 'content-type': 'application/octet-stream' })
    }
    reporter.debug(`netboot gate: ${req.method} ${url}`)
    if (req.method !== 'GET' && !head) {
      res.writeHead(405).end()
      return
    }
    if (url.startsWith(GATE_PREFIX)) {
      const data = gateFiles.get(url.slice(GATE_PREFIX.length))
      if (!data) return void res.writeHead(404).end()
      send(200, data.length)
      res.end(head ? undefined : data)
      return
    }
    const name = url.slice(1)
    const file = join(root, name)
    const st = SERVED_NAME.test(name) ? lstatSync(file, { throwIfNoEntry: false }) : undefined
    if (!st?.isFile()) return void res.writeHead(404).end()
    send(200, st.size)
    if (head) return void res.end()
    served.set(name, (served.get(name) ?? 0) + st.size)
    // A guest that hangs up mid-file ends the stream; nothing to report.
    pipeline(createReadStream(file), res).catch(() => undefined)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Guest memory: the squashfs sits in the initramfs (and briefly twice), the initrd unpacks to ~4x. */
function memoryMiB(dir: string): number {
  const size = (f: string): number => (existsSync(join(dir, f)) ? statSync(join(dir, f)).size : 0)
  const MiB = 1 << 20
  return Math.ceil((2 * size('rootfs.squashfs') + 4 * size('initrd')) / MiB) + 1024
}

/**
 * The serial port the guest's kernel writes to: the first ttyS of the image's own command line
 * (the 8250 driver binds one console, the first named, so a plan's `console=ttyS1` wins over
 * any console the gate adds), else ttyS0. Legacy ports only (ttyS0-3).
 */
export function serialPort(cmdline: string): number {
  const m = /(?:^|\s)console=ttyS(\d+)/.exec(cmdline)
  const n = m ? Number(m[1]) : 0
  return n <= 3 ? n : 0
}

export function netbootCommand(o: {
  accel: Accel
  memoryMiB: number
  /** The image's console port (serialPort()). */
  serial: number
  tftpDir: string
  relay: string
  port: number
}): Command {
  // qemu splits -netdev on commas, and slirp splits the guestfwd command on spaces.
  for (const v of [o.tftpDir, o.relay, process.execPath])
    if (/[ ,]/.test(v))
      throw new Error(`netboot gate: ${v}: a path with a space or comma cannot be given to qemu`)
  const netdev = [
    'user',
    'id=n0',
    'restrict=on',
    `tftp=${o.tftpDir}`,
    `bootfile=${BOOT_FILE}`,
    `guestfwd=tcp:${GATE_HOST}:${GATE_PORT}-cmd:${process.execPath} ${o.relay} ${o.port}`
  ].join(',')
  return {
    file: qemuBinary('x86_64'),
    args: [
      ...machineArgs(o.accel, o.memoryMiB),
      // SeaBIOS then writes its screen, and iPXE's, to the serial port.
      '-machine',
      'graphics=off',
      // SeaBIOS and iPXE write to COM1 (stdout). A kernel whose console is another port writes
      // there, and that port goes to qemu's stderr, which is read as the console too: node gives
      // a child a socket for each stdio pipe, so it is a socket chardev on fd 2. The ports between
      // exist and go nowhere.
      ...(o.serial === 0
        ? ['-serial', 'stdio']
        : [
            '-chardev',
            'socket,id=kernel-console,fd=2',
            '-serial',
            'stdio',
            ...Array.from({ length: o.serial - 1 }, () => ['-serial', 'null']).flat(),
            '-serial',
            'chardev:kernel-console'
          ]),
      '-netdev',
      netdev,
      '-device',
      'virtio-net-pci,netdev=n0,bootindex=1'
    ]
  }
}

export async function verifyNetboot(opts: VerifyNetbootOptions): Promise<NetbootResult> {
  const t0 = Date.now()
  const { dir, reporter } = opts
  const timeoutSec = opts.timeoutSec ?? DEFAULT_NETBOOT_TIMEOUT_SEC
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory`)
  if (!(timeoutSec > 0))
    throw new Error(`netboot check timeout must be a positive number of seconds, not ${timeoutSec}`)
  let accel: Accel = opts.accel === 'kvm' ? 'kvm' : 'tcg'
  let downloadedBytes = 0
  const failed = (
    stage: NetbootStage,
    message: string,
    consoleTail: string[] = [],
    seconds = 0
  ): NetbootResult => ({
    status: 'failed',
    stage,
    seconds,
    accel,
    message,
    consoleTail,
    downloadedBytes,
    totalSeconds: (Date.now() - t0) / 1000
  })

  const net = netbootDir(dir)
  if (!net) return failed('script', `script: ${dir} has no netboot/boot.ipxe (export "netboot")`)
  // iPXE runs a boot file that is not a script as a PXE program (x86 code): a text file then
  // hangs the guest until the timeout. That much is seen without booting.
  const scriptFile = join(net, 'boot.ipxe')
  if (!lstatSync(scriptFile).isFile()) return failed('script', `script: ${scriptFile} is not a regular file`)
  const head = readFileSync(scriptFile).subarray(0, 8).toString('latin1')
  if (!/^#!ipxe\s/.test(head))
    return failed('script', `script: ${scriptFile} is not an iPXE script (its first line is not #!ipxe)`)
  let manifest: BootManifest
  try {
    manifest = await readManifest(existsSync(join(dir, 'manifest.json')) ? dir : join(net, '..'))
  } catch (e) {
    if (e instanceof GateFailure) return failed('script', e.message)
    throw e
  }
  if ((manifest.arch ?? 'x86_64') !== 'x86_64')
    throw new Error(`the netboot check boots x86_64 guests (BIOS iPXE) only; ${dir} is ${manifest.arch}`)
  const qemu = qemuBinary('x86_64')
  if (!(await hasTool(qemu))) throw new Error(`${qemu} is not installed: the netboot check needs it`)
  if (!IPXE_ROMS.some((r) => existsSync(r)))
    throw new Error('no iPXE ROM for virtio-net (efi-virtio.rom): install ipxe-qemu')

  const scratch = makeScratchDir()
  let server: GateServer | undefined
  try {
    const token = randomBytes(8).toString('hex')
    const tftpDir = join(scratch.path, 'tftp')
    const relay = join(scratch.path, 'relay.mjs')
    mkdirSync(tftpDir)
    writeFileSync(relay, RELAY)
    const cmdlineFile = join(net, 'cmdline')
    const serial = existsSync(cmdlineFile)
      ? serialPort(readFileSync(cmdlineFile, 'latin1').slice(0, 4096))
      : 0
    const base = `http://${GATE_HOST}`
    writeFileSync(
      join(tftpDir, BOOT_FILE),
      wrapperScript({
        token,
        baseUrl: base,
        gateUrl: `${base}${GATE_PREFIX}${GATE_CPIO}`,
        // gateAppend's panic/timer options, on the console the image's own command line uses.
        args: `${gateAppend('x86_64').replace(/console=ttyS0/, `console=ttyS${serial}`)} boot=kiln init=${CHECK_PATH}`
      })
    )
    const check = checkScript({
      token,
      rootDevice: 'overlay',
      modules: opts.modules ?? DEFAULT_CHECK_MODULES
    })
    server = await serve(net, new Map([[GATE_CPIO, gateArchive(check, CHECK_PATH.slice(1))]]), reporter)
    const kernel = join(net, 'vmlinuz')
    accel = existsSync(kernel) ? await chooseAccel(opts.accel ?? 'auto', 'x86_64', kernel, reporter) : accel
    const cmd = netbootCommand({
      accel,
      memoryMiB: memoryMiB(net),
      serial,
      tftpDir,
      relay,
      port: server.port
    })
    const rules = new NetbootRules(token)
    reporter.info(
      `netbooting ${basename(dir)} (x86_64, ${accel}, iPXE over qemu's user network, console ttyS${serial})`
    )
    const guest = await runGuest(cmd, rules, { timeoutSec, signal: opts.signal, reporter })
    downloadedBytes = [...server.served.values()].reduce((a, b) => a + b, 0)
    let { passed, message } = guest.verdict
    if (passed && manifest.kernel && guest.verdict.kernel && guest.verdict.kernel !== manifest.kernel) {
      passed = false
      message = `check: booted kernel ${guest.verdict.kernel}, but manifest.json says ${manifest.kernel}`
      rules.failedStage = 'check'
    }
    if (!passed) {
      const timedOut = /^timed out after/.test(message)
      const stage = timedOut ? 'timeout' : (rules.failedStage ?? rules.stage)
      if (timedOut) message = `timeout: ${message} (last stage reached: ${rules.stage})`
      else if (!rules.failedStage) message = `${stage}: ${message}`
      return failed(stage, message, guest.consoleTail, guest.seconds)
    }
    reporter.info(
      `netboot check passed in ${formatSeconds(guest.seconds)} (${formatBytes(downloadedBytes)} over HTTP): ${message}`
    )
    return {
      status: 'passed',
      seconds: guest.seconds,
      accel,
      message,
      consoleTail: guest.consoleTail,
      kernel: guest.verdict.kernel,
      downloadedBytes,
      totalSeconds: (Date.now() - t0) / 1000
    }
  } catch (e) {
    if (opts.signal?.aborted) throw new BootAborted()
    throw e
  } finally {
    await server?.close()
    await scratch.dispose()
  }
}
