/**
 * What an export directory says about itself: manifest.json (name, key, base chain,
 * layers, archives, kernel, packages) and SHA256SUMS (the format `sha256sum -c` reads).
 * Both are deterministic for the same image and written atomically.
 */
import { writeFileAtomic } from '../util/atomic-write.js'
import type { Package, PackageFormat } from './packages.js'

export interface ArchiveInfo {
  /** rootfs | kernel | initrd | modules | netboot | squashfs */
  kind: string
  /** File name inside the export directory. */
  file: string
  /** Absolute path. */
  path: string
  size: number
  sha256: string
}

export interface ExportManifest {
  schemaVersion: 1
  name: string
  key?: string
  /** The chain of bases this image was built on, nearest first. */
  base: Array<{ name: string; key?: string }>
  /** Layer digests (diffIDs where known), bottom first. */
  layers: Array<string | null>
  archives: Array<Omit<ArchiveInfo, 'path'>>
  /** Members in the root filesystem and the bytes of its regular files. */
  entries: number
  fsSize: number
  kernel: string | null
  /** The image's architecture, uname-style (x86_64, aarch64): the boot gate picks qemu by it. */
  arch?: string
  packageFormat: PackageFormat | null
  packages: Package[]
  /** SBOMs and provenance next to the archives (file name and sha256). */
  documents?: Array<{ file: string; sha256: string }>
}

export async function writeManifest(path: string, m: ExportManifest): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(m, null, 2)}\n`)
}

/** `<sha256>  <file>` lines, sorted by file name. */
export function formatSums(entries: Array<{ file: string; sha256: string }>): string {
  return [...entries]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.file}\n`)
    .join('')
}

export async function writeSums(
  path: string,
  entries: Array<{ file: string; sha256: string }>
): Promise<void> {
  await writeFileAtomic(path, formatSums(entries))
}
