/**
 * Netboot artifacts: out/<name>/netboot/ holds what an iPXE client needs, unwrapped, so the
 * directory can be served as it is (HTTP or TFTP):
 *
 *   vmlinuz          the kernel, as the image has it
 *   initrd           its initrd, as the image has it
 *   cmdline          the kernel command line (/etc/kernel/cmdline of the image, or a default)
 *   boot.ipxe        an iPXE script that boots them; every URL is ${base-url}/<file>
 *   rootfs.squashfs  (export "squashfs") the root filesystem, for a live boot
 *
 * Kernel and initrd are the ones the kernel/initrd exporters pick (boot.ts, resolved inside the
 * image), copied by byte range from their layer after the pass. The command line is image
 * content written into a script: it is reduced to words of a conservative character set, so
 * nothing in it can expand, chain or end an iPXE line.
 */
import { execa, type ResultPromise } from 'execa'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { availableParallelism } from 'node:os'
import { rename, rm, stat } from 'node:fs/promises'
import { dieWithKiln } from '../util/exec.js'
import { tempFileFor, trackDir } from '../util/lifecycle.js'
import type { ByteSink, Compression } from './compress.js'
import { FileSink } from './compress.js'
import { FileReader } from './file-reader.js'
import { contentOf, type FlattenPlan, type PlannedEntry } from './plan.js'
import { printable } from './tar.js'

export const NETBOOT_DIR = 'netboot'
export const NETBOOT_FILES = {
  kernel: 'vmlinuz',
  initrd: 'initrd',
  cmdline: 'cmdline',
  script: 'boot.ipxe',
  squashfs: 'rootfs.squashfs'
} as const

/** Where the image states its kernel command line (systemd's kernel-install reads the same file). */
export const CMDLINE_PATH = 'etc/kernel/cmdline'
/** A netboot without /etc/kernel/cmdline: read-only root, the rest is the deployer's (extra-args). */
export const DEFAULT_CMDLINE = 'ro'
/** The kernel's own limit on x86 (COMMAND_LINE_SIZE) is 2048; more than that is not a command line. */
export const MAX_CMDLINE_BYTES = 2048

/**
 * Characters a command-line word may have. iPXE expands `${…}`, splits on `||` and `&&`, reads
 * quotes and backslashes, and ends a command at a newline: none of those can get through.
 */
const WORD = /^[A-Za-z0-9._,:=/+@%~^-]+$/

export class CmdlineError extends Error {}

/**
 * The command line from the bytes of /etc/kernel/cmdline: whitespace runs (newlines included,
 * as kernel-install reads the file) become one space; a word with any other character is
 * refused, naming it. Undefined (no file) gives DEFAULT_CMDLINE.
 */
export function kernelCmdline(raw: Buffer | undefined): string {
  if (raw === undefined) return DEFAULT_CMDLINE
  if (raw.length > MAX_CMDLINE_BYTES)
    throw new CmdlineError(
      `/${CMDLINE_PATH}: ${raw.length} bytes, more than a kernel command line (${MAX_CMDLINE_BYTES})`
    )
  const words = raw
    .toString('latin1')
    .split(/[ \t\n\r\v\f]+/)
    .filter((w) => w !== '')
  for (const w of words) {
    if (!WORD.test(w)) {
      const bad = [...w].find((c) => !WORD.test(c)) ?? w
      throw new CmdlineError(
        `/${CMDLINE_PATH}: the word ${printable(w)} has ${JSON.stringify(bad)}, which the netboot script cannot carry safely (letters, digits and ${'._,:=/+@%~^-'} only)`
      )
    }
  }
  return words.length ? words.join(' ') : DEFAULT_CMDLINE
}

export interface IpxeScriptOptions {
  /** Image name (an OUTPUT_NAME: safe in a script). */
  name: string
  /** Kernel release as named in the image (binary string). */
  kernel: string
  /** From kernelCmdline(): words of the safe set only. */
  cmdline: string
  /** Whether rootfs.squashfs is exported beside it (the `live` setting loads it). */
  squashfs: boolean
}

/** Lines the script prints when a step fails: the netboot gate reads them (console rules). */
export const IPXE_FAIL = 'Kiln netboot failed:'

/** Text only of the safe set (for the script's comments and messages); anything else is '?'. */
function scriptText(s: string): string {
  return printable(s).replace(/[^A-Za-z0-9._,:=/+@%~^-]/g, '?')
}

export function ipxeScript(o: IpxeScriptOptions): string {
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(o.name)) throw new Error(`netboot script: unsafe image name ${o.name}`)
  for (const w of o.cmdline.split(' '))
    if (!WORD.test(w)) throw new Error(`netboot script: unsafe command line word ${JSON.stringify(w)}`)
  const kernel = scriptText(o.kernel)
  const f = NETBOOT_FILES
  const lines = [
    '#!ipxe',
    `# Kiln netboot script: ${o.name}, kernel ${kernel}.`,
    '# Serve the files of this directory, set base-url to their URL (no trailing /) and chain this:',
    '#   set base-url http://192.0.2.1/' + o.name,
    '#   chain ${base-url}/boot.ipxe',
    '# Optional settings: extra-args (appended to the kernel command line), extra-initrd (URL of',
    `# one more initrd, loaded last)${o.squashfs ? `, live (any value: ${f.squashfs} is loaded into the` : ''}`,
    ...(o.squashfs ? ['# initramfs as /rootfs.squashfs, for an initrd that boots from it).'] : []),
    'isset ${base-url} || goto kiln-no-base-url',
    `echo Kiln netboot: ${o.name}, kernel ${kernel}, from \${base-url}`,
    `kernel \${base-url}/${f.kernel} initrd=${f.initrd} ${o.cmdline} \${extra-args} || goto kiln-no-kernel`,
    `initrd \${base-url}/${f.initrd} || goto kiln-no-initrd`
  ]
  if (o.squashfs) {
    lines.push(
      'isset ${live} || goto kiln-extra',
      `initrd \${base-url}/${f.squashfs} /rootfs.squashfs || goto kiln-no-rootfs`,
      ':kiln-extra'
    )
  }
  lines.push(
    'isset ${extra-initrd} || goto kiln-boot',
    'initrd ${extra-initrd} || goto kiln-no-extra-initrd',
    ':kiln-boot',
    'boot || goto kiln-no-boot',
    ':kiln-no-base-url',
    `echo ${IPXE_FAIL} base-url is not set`,
    'exit 1',
    ':kiln-no-kernel',
    `echo ${IPXE_FAIL} cannot load the kernel \${base-url}/${f.kernel}`,
    'exit 1',
    ':kiln-no-initrd',
    `echo ${IPXE_FAIL} cannot load the initrd \${base-url}/${f.initrd}`,
    'exit 1'
  )
  if (o.squashfs)
    lines.push(
      ':kiln-no-rootfs',
      `echo ${IPXE_FAIL} cannot load the root filesystem \${base-url}/${f.squashfs}`,
      'exit 1'
    )
  lines.push(
    ':kiln-no-extra-initrd',
    `echo ${IPXE_FAIL} cannot load the extra initrd \${extra-initrd}`,
    'exit 1',
    ':kiln-no-boot',
    `echo ${IPXE_FAIL} the kernel did not start`,
    'exit 1',
    ''
  )
  return lines.join('\n')
}

/**
 * Copies the data of one planned file (kernel, initrd) out of its layer into `dest`, hashed on
 * the way (FileSink: temporary name, renamed when complete).
 */
export async function copyEntry(
  plan: FlattenPlan,
  entry: PlannedEntry,
  dest: string,
  signal?: AbortSignal
): Promise<{ size: number; sha256: string }> {
  const content = contentOf(plan, entry)
  const sink = new FileSink(dest)
  const reader = content ? await FileReader.open(plan.layers[content.layer].source.path) : undefined
  try {
    const CHUNK = 1 << 20
    const buf = Buffer.allocUnsafe(CHUNK)
    for (let off = 0; content && off < content.size; off += CHUNK) {
      signal?.throwIfAborted()
      const n = Math.min(CHUNK, content.size - off)
      await reader!.readInto(buf, 0, n, content.dataOffset + off)
      await sink.write(buf.subarray(0, n))
    }
    await sink.end()
  } catch (e) {
    await sink.abort()
    throw e
  } finally {
    await reader?.close()
  }
  return { size: sink.size, sha256: sink.sha256 }
}

/**
 * tar2sqfs compressor options for the export's compression, at the levels the archives use:
 * `none` asks for speed (zstd -1), not for no compression. (squashfs-tools' own defaults, gzip -9
 * and zstd -15, took 152 s and 85 s on the kernel fixture where these take 4-25 s.)
 */
export function squashfsCompressor(c: Compression): string[] {
  // zstd -1, not lz4, for speed: squashfs-tools' unsquashfs 4.5 calls tar2sqfs' lz4 images corrupt.
  return c === 'gzip'
    ? ['-c', 'gzip', '-X', 'level=6']
    : ['-c', 'zstd', '-X', `level=${c === 'none' ? 1 : 3}`]
}

/**
 * The flattened rootfs tar piped into tar2sqfs (squashfs-tools-ng), which writes
 * rootfs.squashfs under a temporary name with a compressor job per core; renamed and hashed by
 * end(). It keeps owners, modes, links, xattrs and the times of the tar headers (clamped to
 * SOURCE_DATE_EPOCH). POSIX ACLs (system.posix_acl_* xattrs) are left out with a warning:
 * squashfs has no place for them (sqfstar drops them too). Not --no-skip: it would make them
 * fatal; the tar is Kiln's own, written by the pass, so there is no record it cannot read.
 */
export class SquashfsSink implements ByteSink {
  size = 0
  sha256 = ''
  private readonly tmp: string
  private readonly untrack: () => void
  private readonly child: ResultPromise<{ stdin: 'pipe'; stdout: 'ignore'; stderr: 'pipe' }>
  constructor(
    readonly path: string,
    opts: { compression: Compression; sourceDateEpoch?: number }
  ) {
    this.tmp = tempFileFor(path)
    this.untrack = trackDir(this.tmp)
    const args = ['--quiet', '-j', String(availableParallelism())]
    args.push(...squashfsCompressor(opts.compression))
    if (opts.sourceDateEpoch !== undefined) args.push('--defaults', `mtime=${opts.sourceDateEpoch}`)
    args.push('--', this.tmp)
    const [file, argv] = dieWithKiln('tar2sqfs', args)
    this.child = execa(file, argv, { stdin: 'pipe', stdout: 'ignore', stderr: 'pipe' })
    this.child.catch(() => undefined)
  }
  private failure(e: unknown): Error {
    const stderr = (e as { stderr?: string }).stderr ?? ''
    const lines = stderr
      .split('\n')
      .filter((l) => l.trim() && !/^WARNING: squashfs does not support xattr prefix/.test(l))
      .slice(-3)
    return new Error(
      `tar2sqfs could not make ${this.path}: ${lines.join(' | ') || (e as Error).message}${
        (e as { code?: string }).code === 'ENOENT' ? ' (install squashfs-tools-ng)' : ''
      }`
    )
  }
  async write(chunk: Buffer): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.child.stdin.write(chunk, (e) => (e ? reject(e) : resolve()))
      })
    } catch (e) {
      // A dead tar2sqfs shows as EPIPE here: its own message says why.
      const exit: unknown = await this.child.then(
        () => e,
        (x: unknown) => x
      )
      throw this.failure(exit)
    }
  }
  async end(): Promise<void> {
    this.child.stdin.end()
    try {
      await this.child
    } catch (e) {
      await rm(this.tmp, { force: true })
      throw this.failure(e)
    }
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(this.tmp)) hash.update(chunk as Buffer)
    this.sha256 = hash.digest('hex')
    this.size = (await stat(this.tmp)).size
    await rename(this.tmp, this.path)
    this.untrack()
  }
  async abort(): Promise<void> {
    this.child.kill('SIGKILL')
    await this.child.catch(() => undefined)
    await rm(this.tmp, { force: true })
    this.untrack()
  }
}
