/**
 * Uploads each exported image's out/<name>/ files as one workflow artifact named after the image.
 * Only the images this job was asked for: in a matrix, an ancestor is built (or restored) by
 * several jobs, and an artifact name may exist once per run.
 */
import { DefaultArtifactClient } from '@actions/artifact'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunReport } from '../../build/types.js'
import { errorMessage } from '../../util/errors.js'
import type { Reporter } from '../../util/log.js'

export interface UploadedArtifact {
  name: string
  size: number
  id?: number
}

export async function uploadImageArtifacts(
  report: RunReport,
  only: Set<string>,
  reporter: Reporter,
  client: Pick<DefaultArtifactClient, 'uploadArtifact'> = new DefaultArtifactClient()
): Promise<UploadedArtifact[]> {
  const uploaded: UploadedArtifact[] = []
  for (const image of report.images) {
    // An image that failed its boot gate is not published, as an artifact or otherwise.
    if (!only.has(image.name) || !image.exports?.files.length || image.verify?.status === 'failed') continue
    const dir = image.exports.dir
    const files: string[] = []
    for (const f of await readdir(dir)) {
      const path = join(dir, f)
      // Dotfiles (Kiln's export stamp) and temporary names are Kiln's own, not the image's.
      if ((await stat(path)).isFile() && !f.startsWith('.') && !f.includes('.tmp')) files.push(path)
    }
    try {
      // Archives are compressed already: zipping them again costs time and saves nothing.
      const res = await client.uploadArtifact(image.name, files, dir, { compressionLevel: 0 })
      uploaded.push({ name: image.name, size: res.size ?? 0, id: res.id })
    } catch (e) {
      // Artifacts are a convenience next to the release: a failed upload warns.
      reporter.warn(`${image.name}: artifact upload failed: ${errorMessage(e)}`)
    }
  }
  return uploaded
}
