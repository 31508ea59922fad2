/** `kiln images`: what the store holds, one line per ref (moving tags and dated tags). */
import type { Command } from 'commander'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import type { OciManifest } from '../../../store/index.js'
import { formatBytes } from '../../../util/log.js'
import type { RegisterCommand } from '../context.js'

export interface ImageRow {
  ref: string
  image?: string
  digest: string
  key?: string
  size: number
  created?: string
}

/** The rows of `kiln images` for the store at `dir` (empty when there is no store). */
export async function listImages(dir: string): Promise<ImageRow[]> {
  if (!(await stat(join(dir, 'oci-layout')).catch(() => null))) return []
  const { openStore } = await import('../../../store/index.js')
  const store = await openStore(dir)
  const sizes = new Map<string, number>()
  const rows: ImageRow[] = []
  for (const r of await store.listRefs()) {
    let size = sizes.get(r.digest)
    if (size === undefined) {
      const m = await store.readJsonBlob<OciManifest>(r.digest)
      size = m.layers.reduce((n, l) => n + l.size, 0)
      sizes.set(r.digest, size)
    }
    rows.push({ ref: r.ref, image: r.image, digest: r.digest, key: r.key, size, created: r.created })
  }
  // Grouped by image, newest build first within each; list order breaks ties.
  return rows.sort(
    (a, b) =>
      (a.image ?? a.ref).localeCompare(b.image ?? b.ref) || (b.created ?? '').localeCompare(a.created ?? '')
  )
}

export function formatImageRows(rows: ImageRow[]): string {
  const table = [
    ['REF', 'KEY', 'MANIFEST', 'SIZE', 'CREATED'],
    ...rows.map((r) => [
      r.ref,
      (r.key ?? '-').slice(0, 12),
      r.digest.slice(7, 19),
      formatBytes(r.size),
      r.created ?? '-'
    ])
  ]
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)))
  return (
    table
      .map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  '))
      .join('\n') + '\n'
  )
}

export const registerImages: RegisterCommand = (program: Command) => {
  program
    .command('images')
    .description(
      `List the images in the store: moving tags, dated tags (NAME-YYYY-MM-DD_N), input keys, sizes.`
    )
    .option('--store <dir>', 'store directory (an OCI image layout)', DEFAULT_STORE_DIR)
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: { store: string; json?: boolean }) => {
      const dir = resolve(flags.store)
      const rows = await listImages(dir)
      if (flags.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      else if (rows.length === 0) process.stderr.write(`no images in ${dir}\n`)
      else process.stdout.write(formatImageRows(rows))
    })
}
