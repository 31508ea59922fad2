/**
 * The architecture a kernel file is for, read from its header: an x86 bzImage ("HdrS" at
 * 0x202), an arm64 Image ("ARM\x64" at 0x38, what Debian's arm64 vmlinuz is once gunzipped),
 * or a PE/EFI image (EFI-stub and zboot kernels) by its machine field. Debian's arm64
 * /boot/vmlinuz-*-arm64 is a gzip-compressed Image: the first bytes are unpacked to look.
 * It lets the boot gate choose qemu for archives without an `arch` in manifest.json and refuse
 * a kernel of the wrong architecture before booting it.
 */
import { open } from 'node:fs/promises'
import { constants, gunzipSync } from 'node:zlib'
import type { GuestArch } from './archives.js'

const HEAD = 4096
/** Compressed bytes read from a gzip-compressed kernel: more than HEAD unpacked bytes need, and at most ~16 MiB unpacked. */
const GZIP_HEAD = 16 * 1024

export type KernelKind = { arch: GuestArch; format: string } | { arch: null; format: string }

/** Reads the kernel's first bytes and says what it is; `arch` null for a format it does not know. */
export async function kernelArch(file: string): Promise<KernelKind> {
  const fh = await open(file, 'r')
  let head: Buffer
  try {
    const buf = Buffer.alloc(GZIP_HEAD)
    const { bytesRead } = await fh.read(buf, 0, GZIP_HEAD, 0)
    head = buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const k = sniff(gunzipHead(head))
    return { arch: k.arch, format: `gzip-compressed ${k.format}` } as KernelKind
  }
  return sniff(head)
}

/** What a kernel's first bytes say (pure, for tests). */
export function sniff(b: Buffer): KernelKind {
  if (b.length >= 0x206 && b.toString('latin1', 0x202, 0x206) === 'HdrS')
    return { arch: 'x86_64', format: 'bzImage' }
  if (b.length >= 0x3c && b.readUInt32LE(0x38) === 0x644d5241)
    return { arch: 'aarch64', format: 'arm64 Image' }
  if (b.length >= 0x40 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c)
    if (pe + 6 <= b.length && b.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      const machine = b.readUInt16LE(pe + 4)
      if (machine === 0xaa64) return { arch: 'aarch64', format: 'PE/EFI image' }
      if (machine === 0x8664) return { arch: 'x86_64', format: 'PE/EFI image' }
    }
  }
  return { arch: null, format: 'unknown format' }
}

/** The first bytes of a gzip file, unpacked: a sync flush takes a cut-off stream as far as it goes. */
function gunzipHead(compressed: Buffer): Buffer {
  try {
    return gunzipSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, HEAD)
  } catch {
    return Buffer.alloc(0)
  }
}
