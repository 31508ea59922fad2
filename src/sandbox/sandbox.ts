/**
 * A sandbox: an image's layers (read-only, unpacked) under a writable upper directory,
 * mounted with overlayfs in a private mount namespace for each command, with the host's
 * DNS and optional /proc, /dev, /sys patched in for the length of the command only.
 *
 * Commands run as argument arrays, inside the image (`exec`: a runc container whose root is
 * the overlay, with a controlled environment; see oci-spec.ts), on the host with the
 * mounted root in $KILN_ROOT (`host`: packs, copies, genoci's pre/post hooks), or on the
 * host driving a container of the image through a chroot stand-in (`beside`: ansible).
 * `close()` removes what the sandbox created; callers use try/finally, and
 * SIGINT/SIGTERM are covered by util/lifecycle.ts.
 */
import { randomBytes } from 'node:crypto'
import { chmod, chown, mkdir, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Reporter } from '../util/log.js'
import { trackDir } from '../util/lifecycle.js'
import { runDriver, type ContainerRun, type DriverResult, type MountKind } from './driver.js'
import { stepConfig } from './oci-spec.js'
import { isWhiteout, lookupLayered, settleTimes, writePatch, type PatchFile } from './patch.js'

/** chroot's interface (ROOT PROGRAM ARG…), running PROGRAM in the container of beside(). */
const CHROOT_PROGRAM = `#!/bin/sh
shift
exec runc --root "$KILN_RUNC_ROOT" exec "$KILN_CONTAINER" "$@"
`

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** The environment every command inside starts from (then the image's Env, then the spec's). */
export function baseEnv(): Record<string, string> {
  return { PATH: DEFAULT_PATH, HOME: '/root', DEBIAN_FRONTEND: 'noninteractive', LANG: 'C.UTF-8' }
}

/** `["K=V", …]` (an OCI config's Env) as a record. */
export function envFromList(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const kv of list ?? []) {
    const i = kv.indexOf('=')
    if (i > 0) out[kv.slice(0, i)] = kv.slice(i + 1)
  }
  return out
}

export interface SandboxOptions {
  /** A directory of the caller's for this sandbox's own files; created, removed by close(). */
  dir: string
  /** Unpacked layers, TOP FIRST. */
  lowers: string[]
  /** Use this directory as the upper (it is kept by close()); default: a fresh one in `dir`. */
  upper?: string
  /** Host resolv.conf / hosts during commands (default true). */
  dns?: boolean
  hosts?: boolean
  policyRcD?: boolean
  mounts?: MountKind[]
  /** The image's environment (config Env), applied over baseEnv(). */
  env?: Record<string, string>
  reporter?: Reporter
  signal?: AbortSignal
}

export interface CommandOptions {
  env?: Record<string, string>
  /** Extra read-only files visible during this command only (e.g. `.kiln/run.sh`). */
  files?: PatchFile[]
  stdio?: 'inherit' | 'pipe'
  onLine?: (line: string) => void
  /** Host commands only. */
  cwd?: string
}

export class Sandbox {
  readonly upper: string
  private readonly work: string
  private readonly merged: string
  private readonly patch: string
  private readonly removeDir: () => void

  private constructor(
    private readonly opts: SandboxOptions,
    removeDir: () => void
  ) {
    this.removeDir = removeDir
    this.upper = opts.upper ?? join(opts.dir, 'upper')
    this.work = join(opts.dir, 'work')
    this.merged = join(opts.dir, 'root')
    this.patch = join(opts.dir, 'patch')
  }

  static async open(opts: SandboxOptions): Promise<Sandbox> {
    await mkdir(opts.dir, { recursive: true })
    const remove = trackDir(opts.dir)
    const sb = new Sandbox(opts, remove)
    try {
      for (const d of [sb.work, sb.merged]) await mkdir(d, { mode: 0o755 })
      if (!opts.upper) {
        // The upper dir's root is the merged root: it must look like an image root
        // (a 0700 root keeps apt's _apt user out, for one).
        await mkdir(sb.upper, { mode: 0o755 })
        await chmod(sb.upper, 0o755)
        await chown(sb.upper, 0, 0)
      }
    } catch (e) {
      remove()
      throw e
    }
    return sb
  }

  /** The image as layered directories, top first: the upper dir, then the lowers. */
  get layers(): string[] {
    return [this.upper, ...this.opts.lowers]
  }

  /** The root as mounted during a command (only inside the sandbox's namespace). */
  get root(): string {
    return this.merged
  }

  /** Runs `argv` inside the image (a runc container, as root in /), with a controlled environment. */
  async exec(argv: string[], o: CommandOptions = {}): Promise<DriverResult> {
    const env = { ...baseEnv(), ...this.opts.env, ...o.env }
    return this.runWith([], o, this.opts.mounts, { args: argv, env })
  }

  /**
   * Runs `argv` on the host (as host() does) beside a container of the image, created and
   * never started: `chrootProgram` takes chroot's arguments (ROOT PROGRAM ARG…) and runs
   * PROGRAM inside that container instead, so that a tool made to drive a chroot (ansible's
   * chroot connection) gets the boundary of a step rather than a chroot's.
   */
  async beside(argv: string[], o: CommandOptions = {}): Promise<DriverResult> {
    const kv = Object.entries({ ...o.env, KILN_ROOT: this.merged }).map(([k, v]) => `${k}=${v}`)
    const env = { ...baseEnv(), ...this.opts.env }
    return this.runWith(['env', ...kv, ...argv], o, this.opts.mounts, { args: ['/bin/sh'], env })
  }

  /** The chroot stand-in of beside() (a host path, there during beside() only). */
  get chrootProgram(): string {
    return join(this.opts.dir, 'runc', 'kiln-chroot')
  }

  /** Runs `argv` on the host with the mounted root in $KILN_ROOT (inside the namespace). */
  async host(argv: string[], o: CommandOptions = {}): Promise<DriverResult> {
    const kv = Object.entries({ ...o.env, KILN_ROOT: this.merged }).map(([k, v]) => `${k}=${v}`)
    return this.runWith(['env', ...kv, ...argv], o, this.opts.mounts)
  }

  async close(): Promise<void> {
    this.removeDir()
  }

  private async runWith(
    argv: string[],
    o: CommandOptions,
    mounts: MountKind[] | undefined,
    step?: { args: string[]; env: Record<string, string> }
  ): Promise<DriverResult> {
    // A step always has /proc and /dev (oci-spec.ts): the patch layer gives them mount points.
    if (step) mounts = [...new Set<MountKind>([...(mounts ?? []), 'proc', 'dev'])]
    const imageDirs = [this.upper, ...this.opts.lowers]
    const patch = await writePatch(
      this.patch,
      imageDirs,
      {
        dns: this.opts.dns,
        hosts: this.opts.hosts,
        policyRcD: this.opts.policyRcD,
        mounts,
        files: o.files
      },
      this.opts.reporter
    )
    await settleTimes(this.patch, imageDirs, patch.paths)
    // runc hands a step pipes, not our descriptors: at a terminal, it gets a terminal of its own.
    const terminal = o.stdio === 'inherit' && !!process.stdin.isTTY && !!process.stdout.isTTY
    const container = step && (await this.writeBundle(step.args, step.env, patch.mounts, terminal))
    try {
      return await runDriver({
        merged: this.merged,
        lowers: [this.patch, ...this.opts.lowers],
        upper: this.upper,
        work: this.work,
        mounts: patch.mounts,
        argv,
        container,
        stdio: o.stdio ?? 'pipe',
        onLine: o.onLine,
        cwd: o.cwd,
        signal: this.opts.signal,
        reporter: this.opts.reporter
      })
    } finally {
      // A step that deleted a patched file left a whiteout for something the image never
      // had: drop it, so the upper dir shows only real changes.
      for (const p of patch.paths) {
        if ((await isWhiteout(this.upper, p)) && !(await lookupLayered(this.opts.lowers, p)))
          await unlink(join(this.upper, p))
      }
      await rm(this.patch, { recursive: true, force: true })
    }
  }

  /** runc's bundle for one step: its config.json, and the chroot stand-in of beside(). */
  private async writeBundle(
    args: string[],
    env: Record<string, string>,
    mounts: MountKind[],
    terminal: boolean
  ): Promise<ContainerRun> {
    const bundle = join(this.opts.dir, 'runc')
    await rm(bundle, { recursive: true, force: true })
    await mkdir(bundle, { mode: 0o700 })
    const config = stepConfig({ root: this.merged, args, env, mounts, terminal })
    await writeFile(join(bundle, 'config.json'), JSON.stringify(config), { mode: 0o600 })
    await writeFile(this.chrootProgram, CHROOT_PROGRAM, { mode: 0o700 })
    // Unique on the host: runc names the container's cgroups after it.
    return { bundle, id: `kiln-${process.pid}-${randomBytes(6).toString('hex')}` }
  }
}

/** A fresh, unique directory name under `parent`. */
export function uniqueDir(parent: string, prefix: string): string {
  return join(parent, `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`)
}
