/**
 * The boot archives of one exported image, as a provisioner receives them:
 *
 *   image.tar.gz    root filesystem, entries rooted at ./
 *   kernel.tar.gz   ./vmlinuz
 *   initrd.tar.gz   ./initrd
 *   modules.tar.gz  lib/modules/<version>/…
 *   manifest.json   { kernel, arch, … }
 *
 * Everything wrong with them that can be seen without booting is reported here, before
 * qemu starts, as a GateFailure naming the archive.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { ExecError, hasTool, run } from '../util/exec.js'
import type { Reporter } from '../util/log.js'

export type GuestArch = 'x86_64' | 'aarch64'

/** The image is at fault (not the machine running the check): the gate fails with this message. */
export class GateFailure extends Error {
  constructor(
    message: string,
    readonly consoleTail: string[] = []
  ) {
    super(message)
    this.name = 'GateFailure'
  }
}

export const ARCHIVES = {
  rootfs: 'image.tar.gz',
  kernel: 'kernel.tar.gz',
  initrd: 'initrd.tar.gz',
  modules: 'modules.tar.gz',
  manifest: 'manifest.json'
} as const

export interface BootManifest {
  kernel?: string
  arch?: GuestArch
}

/** Reads manifest.json when there is one; a malformed one is a failure, a missing one is not. */
export async function readManifest(dir: string): Promise<BootManifest> {
  const file = join(dir, ARCHIVES.manifest)
  if (!existsSync(file)) return {}
  let doc: unknown
  try {
    doc = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new GateFailure(`${file}: not valid JSON (${(e as Error).message})`)
  }
  if (typeof doc !== 'object' || doc === null) throw new GateFailure(`${file}: not a JSON object`)
  const m = doc as Record<string, unknown>
  const out: BootManifest = {}
  if (typeof m.kernel === 'string' && m.kernel) out.kernel = m.kernel
  if (m.arch !== undefined) out.arch = normaliseArch(m.arch, `${file}: arch`)
  return out
}

export function normaliseArch(value: unknown, where: string): GuestArch {
  switch (value) {
    case 'x86_64':
    case 'amd64':
      return 'x86_64'
    case 'aarch64':
    case 'arm64':
      return 'aarch64'
    default:
      throw new GateFailure(`${where}: unsupported architecture ${JSON.stringify(value)} (x86_64 or aarch64)`)
  }
}

/** Path of a required archive in dir; `what` says what is missing in words ("no initrd"). */
export function requireArchive(dir: string, name: string, what: string): string {
  const file = join(dir, name)
  if (!existsSync(file)) throw new GateFailure(`${dir} has ${what}: ${name} not found`)
  if (!statSync(file).isFile()) throw new GateFailure(`${file}: not a regular file`)
  return file
}

/** tar arguments that decompress `file`: pigz when there is one for .gz, else tar's own detection. */
export async function decompressArgs(file: string): Promise<string[]> {
  return file.endsWith('.gz') && (await hasTool('pigz')) ? ['-I', 'pigz'] : []
}

/** Lists an archive's member names (tar -t); an unreadable archive is a GateFailure. */
export async function listArchive(file: string, reporter?: Reporter): Promise<string[]> {
  try {
    const { stdout } = await run('tar', [...(await decompressArgs(file)), '-tf', file], { reporter })
    return stdout.split('\n').filter((l) => l !== '')
  } catch (e) {
    throw archiveError(file, 'cannot be read', e)
  }
}

/**
 * Extracts the one file of a single-file archive (kernel.tar.gz, initrd.tar.gz) to dest.
 * The member is found by the start of its base name (vmlinuz…, initrd…), so ./vmlinuz,
 * vmlinuz and boot/vmlinuz-6.1.0 all do; an empty file counts as missing.
 */
export async function extractSingle(
  file: string,
  prefix: string,
  what: string,
  dest: string,
  reporter?: Reporter
): Promise<string> {
  const members = await listArchive(file, reporter)
  const member = members.find((m) => basename(m).startsWith(prefix) && !m.endsWith('/'))
  if (!member) {
    const shown = members.length ? members.slice(0, 5).join(', ') : 'it is empty'
    throw new GateFailure(`${file} has ${what} (no ${prefix}* member; ${shown})`)
  }
  // The path read afterwards is scratch + member: it must not climb out (tar itself would
  // strip the "../" and extract elsewhere than Kiln then looks).
  if (member.startsWith('/') || member.split('/').includes('..'))
    throw new GateFailure(`${file}: member ${member} leaves the archive's root`)
  const scratch = join(dest, `${prefix}.d`)
  mkdirSync(scratch, { recursive: true })
  try {
    await run(
      'tar',
      // `--`: a member name is never read as one of tar's options (--to-command=…).
      [...(await decompressArgs(file)), '-xf', file, '-C', scratch, '--no-same-owner', '--', member],
      {
        reporter
      }
    )
  } catch (e) {
    throw archiveError(file, `cannot extract ${member}`, e)
  }
  const out = join(scratch, member)
  const st = statSync(out)
  if (!st.isFile()) throw new GateFailure(`${file}: ${member} is not a regular file`)
  if (st.size === 0) throw new GateFailure(`${file} has ${what} (${member} is empty)`)
  return out
}

export function archiveError(file: string, what: string, e: unknown): GateFailure {
  const tail = e instanceof ExecError ? e.tail : []
  return new GateFailure(`${file}: ${what}${tail.length ? `: ${tail.slice(-3).join(' | ')}` : ''}`)
}
