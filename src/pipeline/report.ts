/** out/index.json: the run's report, written whole (temp + rename) after every image. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { tempFileFor } from '../util/lifecycle.js'
import { writeFileAtomic } from '../util/atomic-write.js'
import { join } from 'node:path'
import type { BaseSource } from '../model/types.js'
import type { StoredImage } from '../store/types.js'
import type { ImageReport, RunReport } from './types.js'

export const REPORT_FILE = 'index.json'

/** The same, synchronously: for an exit at once, when no promise will settle any more. */
export function writeReportSync(outDir: string, report: RunReport): void {
  const file = join(outDir, REPORT_FILE)
  const tmp = tempFileFor(file)
  try {
    mkdirSync(outDir, { recursive: true })
    writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`)
    renameSync(tmp, file)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
}

export async function writeReport(outDir: string, report: RunReport): Promise<string> {
  await mkdir(outDir, { recursive: true })
  const file = join(outDir, REPORT_FILE)
  await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`)
  return file
}

/** How the report names a base: another image's name, or the source it starts from. */
export function describeBase(base: BaseSource): string | undefined {
  switch (base.kind) {
    case 'scratch':
      return 'scratch'
    case 'image':
      return base.name
    case 'stored':
      return `store:${base.name}`
    case 'docker':
      return `docker:${base.ref}`
    case 'bootstrap':
      return `bootstrap:${base.bootstrap.suite}${base.bootstrap.variant ? `/${base.bootstrap.variant}` : ''}`
    default:
      return `${base.kind}:${base.path}`
  }
}

/** The image's dated tag (NAME-YYYY-MM-DD_N) among its refs. */
export function datedTag(image: StoredImage, name: string): string | undefined {
  const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d\\d-\\d\\d_\\d+$`)
  return image.refs
    .filter((r) => re.test(r))
    .sort(byDatedTag)
    .pop()
}

function byDatedTag(a: string, b: string): number {
  const n = (s: string): [string, number] => {
    const m = s.match(/-(\d{4}-\d\d-\d\d)_(\d+)$/)
    return m ? [m[1], Number(m[2])] : ['', 0]
  }
  const [da, na] = n(a)
  const [db, nb] = n(b)
  return da === db ? na - nb : da < db ? -1 : 1
}

/** Fills the image part of a report from the stored image. */
export function describeImage(report: ImageReport, image: StoredImage): void {
  report.manifestDigest = image.manifestDigest
  report.layers = image.layers.map((l) => l.digest)
  report.size = image.layers.reduce((n, l) => n + l.size, 0)
  report.tag = datedTag(image, report.name)
}
