/**
 * Archives already in out/ for the same input key are not written again. After an export, a
 * stamp (out/<name>/.kiln-stamp.json) records what was asked for (key, kinds, compression,
 * kernel pin, SOURCE_DATE_EPOCH), the files with their digests, and the boot gate's verdict.
 * A later run asking for the same thing reuses them once every file still has its digest; an
 * image that is merely reused would otherwise cost a full flatten and a boot every run.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../util/atomic-write.js'
import { join } from 'node:path'
import type { ImageReport } from './types.js'

export const STAMP_FILE = '.kiln-stamp.json'

/** What decides the archives' bytes. */
export interface ExportRequest {
  key: string
  exports: string[]
  compression: string
  kernel?: string
  sourceDateEpoch?: number
  /** SBOM format(s) written beside the archives. */
  sbomFormat?: string
}

interface Stamp {
  request: ExportRequest
  exports: NonNullable<ImageReport['exports']>
  verify?: ImageReport['verify']
}

function sameRequest(a: ExportRequest, b: ExportRequest): boolean {
  const norm = (r: ExportRequest): string =>
    JSON.stringify([
      r.key,
      [...r.exports].sort(),
      r.compression,
      r.kernel ?? null,
      r.sourceDateEpoch ?? null,
      r.sbomFormat ?? null
    ])
  return norm(a) === norm(b)
}

async function sha256(path: string): Promise<string | null> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  } catch {
    return null
  }
  return hash.digest('hex')
}

/** The stamped exports of `dir` when they answer `request` and every file is intact; else null. */
export async function reusableExport(
  dir: string,
  request: ExportRequest
): Promise<{ exports: Stamp['exports']; verify?: Stamp['verify'] } | null> {
  let stamp: Stamp
  try {
    stamp = JSON.parse(await readFile(join(dir, STAMP_FILE), 'utf8')) as Stamp
  } catch {
    return null
  }
  if (!stamp?.request || !sameRequest(stamp.request, request) || !stamp.exports?.files?.length) return null
  for (const f of stamp.exports.files) {
    if ((await sha256(join(dir, f.name))) !== f.sha256) return null
  }
  // The manifest, the checksums and the SBOM and provenance a user reads must be there too (a
  // signature is made again each run, with whatever key this run has).
  const documents = (stamp.exports.documents ?? []).filter((f) => !f.endsWith('.asc'))
  for (const f of ['manifest.json', 'SHA256SUMS', ...documents])
    if ((await sha256(join(dir, f))) === null) return null
  return { exports: { ...stamp.exports, dir }, verify: stamp.verify }
}

/** Records a finished export (and, later, its boot verdict). Written whole or not at all. */
export async function writeStamp(
  dir: string,
  request: ExportRequest,
  exports: Stamp['exports'],
  verify?: Stamp['verify']
): Promise<void> {
  await writeFileAtomic(
    join(dir, STAMP_FILE),
    JSON.stringify({ request, exports, verify } satisfies Stamp, null, 2)
  )
}
