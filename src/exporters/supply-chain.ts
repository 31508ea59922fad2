/**
 * The documents written next to an image's archives that say what it holds and how it was made:
 * the SBOM(s) (sbom.ts) and the provenance statement (provenance.ts). Written after the archives
 * (whose digests they name) and before manifest.json and SHA256SUMS (which list them).
 */
import { createHash } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { attributePackages, readOsRelease, withDebianLicenses, type ChainImage } from './origin.js'
import type { PackageList } from './packages.js'
import type { FlattenPlan } from './plan.js'
import { PROVENANCE_FILE, provenanceStatement, type ProvenanceContext } from './provenance.js'
import {
  CYCLONEDX_FILE,
  cyclonedxDocument,
  sbomFiles,
  SPDX_FILE,
  spdxDocument,
  type SbomFormat,
  type SbomInput
} from './sbom.js'

export interface SupplyChainOptions {
  plan: FlattenPlan
  dir: string
  image: string
  key?: string
  packages: PackageList
  archives: Array<{ file: string; sha256: string }>
  sbomFormat: SbomFormat
  /** The images of the chain below this one, nearest first, with their layers. */
  ancestors: ChainImage[]
  /** Without it (an image exported from the store alone) no provenance is written. */
  provenance?: ProvenanceContext
  sourceDateEpoch?: number
  kilnVersion: string
}

/** A document written: its file name in the export directory and its sha256. */
export interface WrittenDocument {
  file: string
  sha256: string
}

async function writeJson(dir: string, file: string, doc: unknown): Promise<WrittenDocument> {
  const text = `${JSON.stringify(doc, null, 2)}\n`
  const path = join(dir, file)
  const tmp = `${path}.tmp-${process.pid}`
  await writeFile(tmp, text)
  await rename(tmp, path)
  return { file, sha256: createHash('sha256').update(text).digest('hex') }
}

/** The signature of SHA256SUMS (sign.ts): any earlier one no longer matches a new SHA256SUMS. */
export const SUMS_SIGNATURE_FILE = 'SHA256SUMS.asc'

/**
 * Writes the documents asked for and removes those of an earlier export that were not (another
 * SBOM format, a signature of the old SHA256SUMS), so out/<name>/ never mixes two exports.
 */
export async function writeSupplyChainDocuments(opts: SupplyChainOptions): Promise<WrittenDocument[]> {
  const written: WrittenDocument[] = []
  for (const stale of [SPDX_FILE, CYCLONEDX_FILE, PROVENANCE_FILE, SUMS_SIGNATURE_FILE])
    await rm(join(opts.dir, stale), { force: true })
  const files = sbomFiles(opts.sbomFormat)
  if (files.length) {
    const { format } = opts.packages
    const packages =
      format === 'dpkg' ? await withDebianLicenses(opts.plan, opts.packages.packages) : opts.packages.packages
    const input: SbomInput = {
      image: opts.image,
      key: opts.key,
      packageFormat: format,
      packages,
      os: await readOsRelease(opts.plan),
      addedBy: await attributePackages(opts.plan, opts.packages, opts.image, opts.ancestors),
      archives: opts.archives,
      sourceDateEpoch: opts.sourceDateEpoch,
      toolVersion: opts.kilnVersion
    }
    if (files.includes(SPDX_FILE)) written.push(await writeJson(opts.dir, SPDX_FILE, spdxDocument(input)))
    if (files.includes(CYCLONEDX_FILE))
      written.push(await writeJson(opts.dir, CYCLONEDX_FILE, cyclonedxDocument(input)))
  }
  if (opts.provenance) {
    const statement = provenanceStatement(
      opts.image,
      opts.archives,
      opts.provenance,
      new Date().toISOString()
    )
    written.push(await writeJson(opts.dir, PROVENANCE_FILE, statement))
  }
  return written
}
