/**
 * The changelog between two exports of an image (what Packet's compare-* printed from
 * chroots, here from the manifests alone): sizes, package count, kernels, and packages
 * added, updated and removed, as Markdown for release notes or as JSON.
 */
import type { ExportManifest } from './manifest.js'
import type { Package } from './packages.js'

export interface Changelog {
  /** Compressed rootfs archive size, bytes (null when not exported). */
  imageSize: { old: number | null; new: number | null }
  /** Bytes of regular files in the root filesystem. */
  fsSize: { old: number; new: number }
  packageCount: { old: number; new: number }
  kernels: { old: string | null; new: string | null }
  added: Package[]
  updated: Array<{ name: string; oldVersion: string; newVersion: string }>
  removed: Package[]
}

const keyOf = (p: Package): string => (p.arch ? `${p.name}:${p.arch}` : p.name)

function rootfsSize(m: ExportManifest): number | null {
  return m.archives.find((a) => a.kind === 'rootfs')?.size ?? null
}

export function compareManifests(oldM: ExportManifest, newM: ExportManifest): Changelog {
  const before = new Map(oldM.packages.map((p) => [keyOf(p), p]))
  const after = new Map(newM.packages.map((p) => [keyOf(p), p]))
  const added: Package[] = []
  const updated: Changelog['updated'] = []
  const removed: Package[] = []
  for (const [k, p] of after) {
    const o = before.get(k)
    if (!o) added.push(p)
    else if (o.version !== p.version)
      updated.push({ name: p.name, oldVersion: o.version, newVersion: p.version })
  }
  for (const [k, p] of before) if (!after.has(k)) removed.push(p)
  return {
    imageSize: { old: rootfsSize(oldM), new: rootfsSize(newM) },
    fsSize: { old: oldM.fsSize, new: newM.fsSize },
    packageCount: { old: oldM.packages.length, new: newM.packages.length },
    kernels: { old: oldM.kernel, new: newM.kernel },
    added,
    updated,
    removed
  }
}

function mib(n: number | null): string {
  return n === null ? '-' : `${(n / (1 << 20)).toFixed(1)} MiB`
}

function delta(a: number | null, b: number | null, fmt: (n: number | null) => string): string {
  if (a === null || b === null) return ''
  const d = b - a
  return d === 0 ? ' (no change)' : ` (${d > 0 ? '+' : '-'}${fmt(Math.abs(d))})`
}

/** Release-note Markdown. */
export function changelogMarkdown(c: Changelog, title = 'Changes'): string {
  const lines = [`## ${title}`, '', '| | previous | new |', '| --- | --- | --- |']
  lines.push(
    `| Image size | ${mib(c.imageSize.old)} | ${mib(c.imageSize.new)}${delta(c.imageSize.old, c.imageSize.new, mib)} |`
  )
  lines.push(
    `| Filesystem size | ${mib(c.fsSize.old)} | ${mib(c.fsSize.new)}${delta(c.fsSize.old, c.fsSize.new, mib)} |`
  )
  lines.push(
    `| Packages | ${c.packageCount.old} | ${c.packageCount.new}${delta(c.packageCount.old, c.packageCount.new, String)} |`
  )
  lines.push(`| Kernel | ${c.kernels.old ?? '-'} | ${c.kernels.new ?? '-'} |`)
  const section = (head: string, items: string[]): void => {
    lines.push('', `### ${head} (${items.length})`, '')
    lines.push(...(items.length ? items.map((s) => `- ${s}`) : ['none']))
  }
  section(
    'New packages',
    c.added.map((p) => `${p.name} ${p.version}`)
  )
  section(
    'Updated packages',
    c.updated.map((u) => `${u.name} ${u.oldVersion} → ${u.newVersion}`)
  )
  section(
    'Removed packages',
    c.removed.map((p) => `${p.name} ${p.version}`)
  )
  return `${lines.join('\n')}\n`
}
