/**
 * The manifest.json each image had in an earlier release, for the changelog in the job summary
 * and the release notes. Read-only GitHub REST calls (github.ts), every page of releases.
 *
 * Everything here is best effort: a missing release, an HTTP error, a timeout or a manifest that
 * does not look like one costs that image its changelog and gives a warning, never the job.
 * The downloaded manifest is checked before use: its package names end up in Markdown that is
 * published, so strings that could carry markup or break the tables are refused.
 */
import { readFile } from 'node:fs/promises'
import { changelogMarkdown, compareManifests } from '../../exporters/compare.js'
import type { ExportManifest } from '../../exporters/manifest.js'
import { errorMessage } from '../../util/errors.js'
import type { Reporter } from '../../util/log.js'
import { downloadAsset, githubClient, httpError, ownerRepo } from './github.js'

export interface PreviousOptions {
  apiUrl: string
  token: string
  /** owner/name */
  repository: string
  /** The release being published now: never its own "previous". */
  currentTag?: string
  /** Compare against this tag instead of the newest earlier release. */
  against?: string
  images: string[]
  reporter: Reporter
  /** Back-off unit in ms (tests). */
  retryBaseMs?: number
}

export interface PreviousManifest {
  tag: string
  manifest: ExportManifest
}

interface Release {
  tag_name: string
  draft?: boolean
  created_at?: string | null
  published_at?: string | null
  assets?: Array<{ id: number; name: string; size?: number }>
}

export interface ImageChangelog {
  /** The release compared against. */
  tag: string
  /** changelogMarkdown, titled "Changes since <tag>". */
  markdown: string
}

/** Each image's changelog from its manifest in the earlier release to its new manifest.json. */
export async function imageChangelogs(
  o: Omit<PreviousOptions, 'images'> & { images: Array<{ name: string; manifest: string }> }
): Promise<Record<string, ImageChangelog>> {
  const previous = await previousManifests({ ...o, images: o.images.map((i) => i.name) })
  const out: Record<string, ImageChangelog> = {}
  for (const { name, manifest } of o.images) {
    const prev = previous.get(name)
    if (!prev) continue
    try {
      const current = JSON.parse(await readFile(manifest, 'utf8')) as ExportManifest
      const c = compareManifests(prev.manifest, current)
      out[name] = { tag: prev.tag, markdown: changelogMarkdown(c, `Changes since ${prev.tag}`) }
    } catch (e) {
      o.reporter.warn(`changelog of ${name}: ${errorMessage(e)}`)
    }
  }
  return out
}

/** Manifests are small (a line per package); anything bigger is not one. */
const MAX_MANIFEST = 32 << 20
/** A hung API must not hold the job. */
const TIMEOUT_MS = 30_000

/** Image name → its manifest in the release it is compared against; images without one are absent. */
export async function previousManifests(o: PreviousOptions): Promise<Map<string, PreviousManifest>> {
  const out = new Map<string, PreviousManifest>()
  const octokit = githubClient({
    apiUrl: o.apiUrl,
    token: o.token,
    warn: (m) => o.reporter.warn(`changelog: ${m}`),
    retryBaseMs: o.retryBaseMs
  })
  const signal = () => AbortSignal.timeout(TIMEOUT_MS)

  let releases: Release[]
  try {
    const repo = ownerRepo(o.repository)
    if (o.against) {
      try {
        const { data } = await octokit.rest.repos.getReleaseByTag({
          ...repo,
          tag: o.against,
          request: { signal: signal() }
        })
        releases = [data as Release]
      } catch (e) {
        throw (e as { status?: number }).status === 404 ? new Error(`no release ${o.against}`) : e
      }
    } else {
      // Every page: the release with an image's manifest may be older than the newest hundred.
      releases = (await octokit.paginate(octokit.rest.repos.listReleases, {
        ...repo,
        per_page: 100,
        request: { signal: signal() }
      })) as Release[]
    }
  } catch (e) {
    o.reporter.warn(`changelog: cannot list the releases of ${o.repository}: ${httpError(e)}`)
    return out
  }
  // published_at: GitHub's created_at is the date of the tagged commit, not of the release.
  const time = (r: Release) => Date.parse(r.published_at ?? r.created_at ?? '') || 0
  // A release re-published later (an old tag's job re-run) is compared with what came before it.
  const current = releases.find((r) => r?.tag_name === o.currentTag)
  const before = current && !current.draft ? time(current) : Infinity
  const candidates = releases
    .filter((r) => r && typeof r.tag_name === 'string' && Array.isArray(r.assets) && !r.draft)
    // A named tag is taken as asked; otherwise the release being published is not its own baseline.
    .filter((r) => o.against || (r.tag_name !== o.currentTag && time(r) < before))
    .sort((a, b) => time(b) - time(a))

  for (const name of o.images) {
    const file = `${name}-manifest.json`
    const release = candidates.find((r) => r.assets!.some((a) => a?.name === file))
    const asset = release?.assets!.find((a) => a?.name === file)
    if (!release || !asset) {
      o.reporter.info(`changelog: no ${o.against ? `release ${o.against}` : 'earlier release'} has ${file}`)
      continue
    }
    try {
      if ((asset.size ?? 0) > MAX_MANIFEST) throw new Error(`${asset.size} bytes is too big for a manifest`)
      const data = await downloadAsset(octokit, o.repository, asset.id, MAX_MANIFEST, signal())
      const manifest = checkManifest(JSON.parse(data.toString('utf8')))
      out.set(name, { tag: plain(release.tag_name), manifest })
    } catch (e) {
      o.reporter.warn(`changelog of ${name}: ${file} of release ${plain(release.tag_name)}: ${httpError(e)}`)
    }
  }
  return out
}

/** Short text without control characters or Markdown/HTML specials (<, >, |, `). */
const safe = (s: unknown): s is string =>
  typeof s === 'string' && s.length <= 256 && !/[\0-\x1f\x7f<>|`]/.test(s)

/** A tag for display: the same rule, offending characters dropped. */
function plain(s: string): string {
  return s.replace(/[\0-\x1f\x7f<>|`]/g, '').slice(0, 256)
}

/** The fields compareManifests and changelogMarkdown read, checked; throws on anything else. */
export function checkManifest(x: unknown): ExportManifest {
  const m = x as Partial<ExportManifest> | null
  if (!m || typeof m !== 'object' || !Array.isArray(m.packages) || !Array.isArray(m.archives))
    throw new Error('not an export manifest (no packages or archives)')
  m.packages.forEach((p, i) => {
    if (!p || !safe(p.name) || !safe(p.version) || (p.arch !== undefined && !safe(p.arch)))
      throw new Error(`package ${i} is not a plain {name, version, arch}`)
  })
  m.archives.forEach((a, i) => {
    if (!a || typeof a.kind !== 'string' || (a.size !== undefined && !Number.isFinite(a.size)))
      throw new Error(`archive ${i} has no kind or a size that is not a number`)
  })
  if (!Number.isFinite(m.fsSize)) throw new Error('fsSize is not a number')
  if (m.kernel != null && !safe(m.kernel)) throw new Error('kernel is not plain text')
  return { ...m, kernel: m.kernel ?? null } as ExportManifest
}
