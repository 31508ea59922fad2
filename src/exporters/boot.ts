/**
 * Boot archives in the layout bare-metal provisioners expect (Packet's archive-* tools):
 * kernel.tar.gz holds `./vmlinuz`, initrd.tar.gz holds `./initrd`, modules.tar.gz holds
 * `lib/modules/<version>/…` (a clean relative path, unlike the temp prefix the originals
 * leaked). The kernel is chosen from the header indexes before the pass, so the archives
 * are written in the same pass as the rootfs.
 */
import { memberHeader, type TarWriter, type PassTarget } from './flatten.js'
import { resolveInImage, type FlattenPlan, type IndexedEntry, type PlannedEntry } from './plan.js'
import { binaryName, printable, type OutHeader } from './tar.js'

export class NoKernelError extends Error {}

export interface BootSelection {
  /** As named in the image: a binary string, like every path here (tar.ts). */
  version: string
  /** Path of the kernel inside the image (links resolved). */
  kernelPath: string
  kernel: PlannedEntry
  initrdPath?: string
  initrd?: PlannedEntry
  /** Real path of lib/modules/<version> inside the image (e.g. usr/lib/modules/V on merged /usr). */
  modulesPath?: string
}

/** `sort -V` order: digit runs compare as numbers, everything else as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? []
  const pb = b.match(/\d+|\D+/g) ?? []
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const nx = /^\d/.test(x)
    const ny = /^\d/.test(y)
    if (nx && ny) {
      const d = Number(x) - Number(y)
      if (d) return d
    } else if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Kernel versions found as boot/vmlinuz-<version> (regular files or links to one), rescue kernels left out. */
export function listKernels(plan: FlattenPlan): string[] {
  const out: string[] = []
  // Only what lies below boot/ can match: no path string is made for the rest of the image.
  for (const { path } of plan.visible('boot')) {
    const m = /^boot\/vmlinuz-(.+)$/.exec(path)
    if (!m || /rescue/.test(m[1])) continue
    const r = resolveInImage(plan, path)
    if (r && (r.entry.src.type === 'file' || r.entry.kind !== 'copy')) out.push(m[1])
  }
  return out.sort(compareVersions)
}

const INITRD_NAMES = (v: string): string[] => [
  `boot/initrd.img-${v}`,
  `boot/initramfs-${v}.img`,
  `boot/initrd-${v}`,
  `boot/initrd-${v}.img`
]

/**
 * Picks the kernel (newest, or `pin`, given as UTF-8 text), its initrd and its modules
 * directory. Throws NoKernelError naming what is missing.
 */
export function selectBoot(plan: FlattenPlan, pin?: string): BootSelection {
  const kernels = listKernels(plan)
  if (!kernels.length) throw new NoKernelError('no kernel in the image: no /boot/vmlinuz-* file')
  const version = pin === undefined ? kernels[kernels.length - 1] : binaryName(pin)
  if (!kernels.includes(version)) {
    throw new NoKernelError(
      `kernel ${printable(version)} is not in the image (found: ${kernels.map(printable).join(', ')})`
    )
  }
  const k = resolveInImage(plan, `boot/vmlinuz-${version}`)!
  const sel: BootSelection = { version, kernelPath: k.path, kernel: k.entry }
  for (const name of INITRD_NAMES(version)) {
    const r = resolveInImage(plan, name)
    if (r && r.entry.src.type !== 'dir') {
      sel.initrdPath = r.path
      sel.initrd = r.entry
      break
    }
  }
  const mods = resolveInImage(plan, `lib/modules/${version}`)
  if (mods && mods.entry.src.type === 'dir') sel.modulesPath = mods.path
  return sel
}

/** A regular file carrying `content` (for hardlinks: the inode's metadata and data). */
function fileHeader(
  name: string,
  p: PlannedEntry,
  content: IndexedEntry | undefined,
  sourceDateEpoch?: number
): OutHeader {
  return { ...memberHeader(name, content ?? p.src, sourceDateEpoch), type: 'file', size: content?.size ?? 0 }
}

/** A target taking one file of the image under a fixed name (./vmlinuz, ./initrd). */
export function singleFileTarget(
  writer: TarWriter,
  entry: PlannedEntry,
  name: string,
  sourceDateEpoch?: number
): PassTarget {
  return {
    writer,
    select: (p, content) => (p.id === entry.id ? fileHeader(name, p, content, sourceDateEpoch) : null)
  }
}

/** A target taking the modules tree, renamed to lib/modules/<version>/…; hardlinks become plain files. */
export function modulesTarget(writer: TarWriter, sel: BootSelection, sourceDateEpoch?: number): PassTarget {
  const dir = sel.modulesPath!
  const prefix = `lib/modules/${sel.version}`
  return {
    writer,
    select: (p, content) => {
      if (p.path !== dir && !p.path.startsWith(`${dir}/`)) return null
      const rel = p.path.slice(dir.length)
      const e = p.src
      if (p.kind !== 'copy' || e.type === 'file')
        return fileHeader(`${prefix}${rel}`, p, content, sourceDateEpoch)
      return memberHeader(`${prefix}${rel}`, e, sourceDateEpoch)
    }
  }
}
