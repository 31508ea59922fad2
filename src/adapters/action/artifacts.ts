/**
 * Uploads each exported image's out/<name>/ files as workflow artifacts: by default one zipped
 * artifact named after the image; with `archive: false` one artifact per file, not zipped, named
 * `<image>-<file>` (as its release asset is), so that a download is the archive itself.
 * Only the images this job was asked for: in a matrix, an ancestor is built (or restored) by
 * several jobs, and an artifact name may exist once per run.
 */
import { DefaultArtifactClient } from '@actions/artifact'
import { copyFile, link, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { gateFailed, type RunReport } from '../../pipeline/types.js'
import { errorMessage } from '../../util/errors.js'
import type { Reporter } from '../../util/log.js'

export interface UploadedArtifact {
  name: string
  /** The image whose files it holds. */
  image: string
  size: number
  id?: number
  /** Where a person downloads it (the run's page), when the run is known. */
  url?: string
}

export interface ArtifactOptions {
  /** false: one unzipped artifact per file. */
  archive: boolean
  /** Days kept; undefined: the repository's setting. */
  retentionDays?: number
  /** The runner's environment, for the artifacts' URLs (GITHUB_SERVER_URL, _REPOSITORY, _RUN_ID). */
  env?: Record<string, string | undefined>
}

type Client = Pick<DefaultArtifactClient, 'uploadArtifact'>

export async function uploadImageArtifacts(
  report: RunReport,
  only: Set<string>,
  reporter: Reporter,
  opts: ArtifactOptions = { archive: true },
  client: Client = new DefaultArtifactClient()
): Promise<UploadedArtifact[]> {
  const uploaded: UploadedArtifact[] = []
  const urlOf = artifactUrl(opts.env ?? {})
  for (const image of report.images) {
    // An image that failed a gate (boot, install, netboot) is not published, as an artifact or otherwise.
    if (!only.has(image.name) || !image.exports?.files.length || gateFailed(image)) continue
    const dir = image.exports.dir
    const files: string[] = []
    // netboot/ (exports netboot and squashfs) is the one directory of an export.
    for (const f of [
      ...(await readdir(dir)),
      ...(await readdir(join(dir, 'netboot')).catch(() => [])).map((n) => `netboot/${n}`)
    ]) {
      const path = join(dir, f)
      const base = f.slice(f.lastIndexOf('/') + 1)
      // Dotfiles (Kiln's export stamp) and temporary names are Kiln's own, not the image's.
      if ((await stat(path)).isFile() && !base.startsWith('.') && !base.includes('.tmp')) files.push(path)
    }
    const upload = async (name: string, send: () => Promise<{ size?: number; id?: number }>) => {
      try {
        const res = await send()
        uploaded.push({ name, image: image.name, size: res.size ?? 0, id: res.id, url: urlOf(res.id) })
      } catch (e) {
        // Artifacts are a convenience next to the release: a failed upload warns.
        reporter.warn(`${image.name}: artifact ${name} upload failed: ${errorMessage(e)}`)
      }
    }
    if (opts.archive) {
      // Archives are compressed already: zipping them again costs time and saves nothing.
      await upload(image.name, () =>
        client.uploadArtifact(image.name, files, dir, {
          compressionLevel: 0,
          retentionDays: opts.retentionDays
        })
      )
      continue
    }
    // Unzipped, the toolkit names the artifact after the file: each file gets the image's name in
    // front through a link in a private directory (a dotted one, never uploaded itself), as every
    // image has its own image.tar.gz and an artifact name may exist once per run.
    const staging = await mkdtemp(join(dir, '.artifacts-'))
    try {
      for (const file of files) {
        // netboot/vmlinuz → <image>-netboot-vmlinuz: one flat name per artifact.
        const name = `${image.name}-${file.slice(dir.length + 1).replace(/\//g, '-')}`
        const named = join(staging, name)
        await link(file, named).catch(() => copyFile(file, named))
        await upload(name, () =>
          client.uploadArtifact(name, [named], staging, {
            skipArchive: true,
            retentionDays: opts.retentionDays
          })
        )
      }
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }
  return uploaded
}

/** An artifact's page, as actions/upload-artifact gives it in its artifact-url output. */
function artifactUrl(env: Record<string, string | undefined>): (id?: number) => string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env
  return (id) =>
    id !== undefined && repo && run ? `${server}/${repo}/actions/runs/${run}/artifacts/${id}` : undefined
}
