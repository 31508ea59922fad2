/**
 * Release assets through the GitHub REST API (github.ts: Octokit with retries and rate limits).
 *
 * - Every file is checked against GitHub's 2 GiB asset limit before anything is created or
 *   uploaded: a release is never left half made for a file GitHub would refuse.
 * - A new release is created as a draft, its assets uploaded, then published: consumers (and
 *   immutable releases) never see it without its files. A draft left by a failed attempt is taken
 *   up again; a release already published gets its assets added or replaced (matrix jobs).
 * - Checksums name the files as they are published: each `sums` group becomes an asset
 *   (`<image>-SHA256SUMS`) listing `<image>-image.tar.gz` …, and the release-wide `SHA256SUMS`
 *   lists every asset of the release, merged with what earlier jobs published. The hashes are of
 *   the bytes uploaded, so `sha256sum -c` passes in a directory of downloaded assets.
 * - A re-run is idempotent: same-named assets are replaced, notes already there are not repeated.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Transform, pipeline } from 'node:stream'
import { downloadAsset, githubClient, httpError, ownerRepo, type GitHubClient } from './github.js'

export interface ReleaseOptions {
  apiUrl: string
  token: string
  /** owner/name */
  repository: string
  tag: string
  /** Commit the tag is created on when the release (and tag) do not exist yet. */
  sha?: string
  /**
   * Files to attach: asset name → path, with the sha256 the file had when it was written, when
   * known: a file that changed since (the disk, another step) is not published.
   */
  assets: Array<{ name: string; path: string; sha256?: string }>
  /** Checksum assets to write: `name` (e.g. base-SHA256SUMS) lists the assets named in `of`. */
  sums?: Array<{ name: string; of: string[] }>
  /**
   * Markdown for the release notes. Matrix jobs publish to the same release one after another,
   * so notes are appended to what earlier jobs wrote (a section already there is not repeated).
   */
  notes?: string
  /** Used instead of notes when they would take the body past GitHub's limit (changelogs left out). */
  shortNotes?: string
  /**
   * Signs the release-wide SHA256SUMS (a detached ASCII-armoured OpenPGP signature, uploaded as
   * SHA256SUMS.asc); without it, no signature is published.
   */
  signSums?: (sums: Buffer) => Promise<Buffer>
  /** Warnings (rate limits waited for). */
  warn?: (message: string) => void
  /** Back-off unit in ms (tests). */
  retryBaseMs?: number
}

/** GitHub refuses a release body longer than this; the whole release would fail on it. */
const MAX_BODY = 125_000
/** GitHub refuses release assets of 2 GiB or more. */
export const MAX_ASSET = 2 ** 31
/** The release-wide checksum file. */
export const RELEASE_SUMS = 'SHA256SUMS'
/** A checksum file read back from the release is small; anything bigger is not one. */
const MAX_SUMS = 8 << 20
/** Attempts per upload: a failed upload is retried from the start of the file. */
const UPLOAD_ATTEMPTS = 3

export interface ReleaseResult {
  id: number
  url: string
  created: boolean
  assets: Array<{ name: string; size: number; url: string }>
}

interface Release {
  id: number
  tag_name: string
  draft: boolean
  body?: string | null
  html_url: string
  upload_url: string
}

interface Asset {
  id: number
  name: string
}

export async function publishRelease(o: ReleaseOptions): Promise<ReleaseResult> {
  await checkSizes(o.assets)
  const octokit = githubClient({
    apiUrl: o.apiUrl,
    token: o.token,
    warn: o.warn ?? (() => {}),
    retryBaseMs: o.retryBaseMs
  })
  const repo = ownerRepo(o.repository)
  const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      throw new Error(`release ${o.tag}: ${what}: ${httpError(e)}`)
    }
  }
  const withNotes = (body: string | null | undefined): string => {
    const join = (notes?: string) => [body, notes].filter(Boolean).join('\n\n')
    const full = join(o.notes)
    return full.length > MAX_BODY && o.shortNotes ? join(o.shortNotes) : full
  }

  let created = false
  let release = await step('look up the release', () => findRelease(octokit, repo, o.tag))
  if (!release) {
    release = await step('create the release', async () => {
      const { data } = await octokit.rest.repos.createRelease({
        ...repo,
        tag_name: o.tag,
        name: o.tag,
        target_commitish: o.sha,
        draft: true,
        ...(o.notes ? { body: withNotes('') } : {})
      })
      return adoptOldestDraft(octokit, repo, data as Release)
    })
    created = true
  }
  const current = release
  if (!created && o.notes && !(current.body ?? '').includes(o.notes.split('\n')[0])) {
    await step('update the release notes', () =>
      octokit.rest.repos.updateRelease({ ...repo, release_id: current.id, body: withNotes(current.body) })
    )
  }

  const existing = await step('list the assets', () => listAssets(octokit, repo, current.id))
  const uploaded: ReleaseResult['assets'] = []
  const sha256 = new Map<string, string>()
  for (const a of o.assets) {
    const up = await step(`upload ${a.path} as ${a.name}`, () =>
      uploadAsset(octokit, repo, current, existing, a.name, { path: a.path })
    )
    if (a.sha256 && up.sha256 !== a.sha256) {
      await octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: up.id }).catch(() => undefined)
      throw new Error(
        `release ${o.tag}: ${a.path} changed since it was exported (sha256 ${up.sha256}, exported as ${a.sha256}); not published`
      )
    }
    sha256.set(a.name, up.sha256)
    uploaded.push(up.asset)
  }
  for (const s of o.sums ?? []) {
    const text = sumsText(s.of.map((name) => [name, sha256.get(name)!] as const))
    const up = await step(`upload ${s.name}`, () =>
      uploadAsset(octokit, repo, current, existing, s.name, { data: Buffer.from(text) })
    )
    sha256.set(s.name, up.sha256)
    uploaded.push(up.asset)
  }
  const all = await step(`update ${RELEASE_SUMS}`, () =>
    mergeReleaseSums(octokit, o.repository, current, sha256)
  )
  uploaded.push(all.asset)
  if (o.signSums) {
    // The bytes the release holds now (every job's lines), signed as they are.
    const signature = await o.signSums(all.bytes)
    const assets = await listAssets(octokit, repo, current.id)
    const up = await step(`upload ${RELEASE_SUMS}.asc`, () =>
      uploadAsset(octokit, repo, current, assets, `${RELEASE_SUMS}.asc`, { data: signature })
    )
    uploaded.push(up.asset)
  }
  if (current.draft) {
    release = await step('publish the release', async () => {
      const { data } = await octokit.rest.repos.updateRelease({
        ...repo,
        release_id: current.id,
        draft: false
      })
      return data as Release
    })
  }
  return { id: release.id, url: release.html_url, created, assets: uploaded }
}

/** Refuses, before any request, a file GitHub would not take (naming it and its size). */
async function checkSizes(assets: ReleaseOptions['assets']): Promise<void> {
  for (const a of assets) {
    const { size } = await stat(a.path)
    if (size >= MAX_ASSET) {
      throw new Error(
        `release asset ${a.name} (${a.path}) is ${size} bytes (${(size / 2 ** 30).toFixed(2)} GiB): ` +
          'GitHub takes release assets under 2 GiB; nothing was published'
      )
    }
  }
}

/**
 * The release of `tag`: the published one (by tag), else a draft with that tag name (left by a
 * failed or concurrent attempt; GitHub only finds drafts by listing them).
 */
async function findRelease(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  tag: string
): Promise<Release | undefined> {
  try {
    return (await octokit.rest.repos.getReleaseByTag({ ...repo, tag })).data as Release
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw e
  }
  return (await drafts(octokit, repo, tag))[0]
}

/** Drafts named `tag`, oldest first. */
async function drafts(octokit: GitHubClient, repo: { owner: string; repo: string }, tag: string) {
  const all = await octokit.paginate(octokit.rest.repos.listReleases, { ...repo, per_page: 100 })
  return (all as Release[]).filter((r) => r.draft && r.tag_name === tag).sort((a, b) => a.id - b.id)
}

/**
 * Two matrix jobs may each create a draft at the same moment: both keep the oldest, and the
 * newer one is deleted, so the release ends up with every asset once.
 */
async function adoptOldestDraft(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  mine: Release
): Promise<Release> {
  const oldest = (await drafts(octokit, repo, mine.tag_name))[0]
  if (!oldest || oldest.id >= mine.id) return mine
  await octokit.rest.repos.deleteRelease({ ...repo, release_id: mine.id }).catch(() => undefined)
  return oldest
}

async function listAssets(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  releaseId: number
): Promise<Asset[]> {
  return (await octokit.paginate(octokit.rest.repos.listReleaseAssets, {
    ...repo,
    release_id: releaseId,
    per_page: 100
  })) as Asset[]
}

/**
 * Uploads a file (streamed, hashed on the way) or bytes as `name`, replacing a same-named asset.
 * Octokit's retry cannot resend a stream, so a failed upload is retried here from the start of
 * the file, after deleting whatever the failed attempt left under that name.
 */
async function uploadAsset(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  release: Release,
  existing: Asset[],
  name: string,
  content: { path: string } | { data: Buffer }
): Promise<{ id: number; sha256: string; asset: ReleaseResult['assets'][number] }> {
  let lastError: unknown
  for (let attempt = 1; attempt <= UPLOAD_ATTEMPTS; attempt++) {
    const stale = attempt === 1 ? existing : await listAssets(octokit, repo, release.id)
    for (const old of stale.filter((x) => x.name === name)) {
      await octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: old.id }).catch((e: unknown) => {
        if ((e as { status?: number }).status !== 404) throw e
      })
    }
    const hash = createHash('sha256')
    let body: NodeJS.ReadableStream | Buffer
    let size: number
    if ('data' in content) {
      hash.update(content.data)
      body = content.data
      size = content.data.length
    } else {
      size = (await stat(content.path)).size
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk)
          done(null, chunk)
        }
      })
      body = pipeline(createReadStream(content.path), tap, () => {})
    }
    try {
      const { data } = await octokit.request({
        method: 'POST',
        url: release.upload_url,
        name,
        data: body as unknown as string,
        headers: { 'content-type': 'application/octet-stream', 'content-length': size },
        // A stream cannot be sent twice: this loop retries instead of the plugin.
        request: { retries: 0 }
      })
      const asset = data as { id: number; name: string; size: number; browser_download_url: string }
      return {
        id: asset.id,
        sha256: hash.digest('hex'),
        asset: { name: asset.name, size: asset.size, url: asset.browser_download_url }
      }
    } catch (e) {
      lastError = e
      const status = (e as { status?: number }).status ?? 0
      // 4xx other than a leftover of a failed attempt (422) will not get better by retrying.
      if (status >= 400 && status < 500 && status !== 422) break
    }
  }
  throw lastError
}

/** `sha256sum` format: "<hex>  <name>" per line, sorted by name. */
function sumsText(entries: Iterable<readonly [string, string]>): string {
  return [...entries]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, hex]) => `${hex}  ${name}\n`)
    .join('')
}

/** name → hash from a sha256sum file; lines that are not one are ignored. */
function parseSums(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
    if (m) out.set(m[2], m[1])
  }
  return out
}

/** Rounds of merging the release-wide SHA256SUMS while other jobs publish into the release. */
const MERGE_ROUNDS = 5

const isSums = (name: string) => name === RELEASE_SUMS || name.endsWith(`-${RELEASE_SUMS}`)

/**
 * The release-wide SHA256SUMS: what the release's SHA256SUMS and each `*-SHA256SUMS` already
 * say (earlier matrix jobs), then this job's hashes, kept to the assets the release has now.
 * Replaces the asset. Jobs finishing together could overwrite each other's lines: the file is
 * read back and merged again while it lacks this job's lines or a `*-SHA256SUMS` appeared that
 * was not read, so the last job to write leaves every job's lines.
 */
async function mergeReleaseSums(
  octokit: GitHubClient,
  repository: string,
  release: Release,
  mine: Map<string, string>
): Promise<{ asset: ReleaseResult['assets'][number]; bytes: Buffer }> {
  const repo = ownerRepo(repository)
  const download = (a: Asset) => downloadAsset(octokit, repository, a.id, MAX_SUMS)
  const read = async (a: Asset) => parseSums((await download(a)).toString('utf8'))
  let assets = await listAssets(octokit, repo, release.id)
  for (let round = 1; ; round++) {
    const merged = new Map<string, string>()
    const others = assets.filter((a) => isSums(a.name) && !mine.has(a.name))
    // The release-wide file first: a per-image file read after it is newer where they differ.
    others.sort((x, y) => Number(y.name === RELEASE_SUMS) - Number(x.name === RELEASE_SUMS))
    for (const a of others) for (const [name, hex] of await read(a)) merged.set(name, hex)
    for (const [name, hex] of mine) merged.set(name, hex)
    const present = new Set(assets.map((a) => a.name))
    const lines = [...merged].filter(([name]) => name !== RELEASE_SUMS && present.has(name))
    const up = await uploadAsset(octokit, repo, release, assets, RELEASE_SUMS, {
      data: Buffer.from(sumsText(lines))
    })

    assets = await listAssets(octokit, repo, release.id)
    const seen = new Set(others.map((a) => a.name))
    const unread = assets.some(
      (a) => isSums(a.name) && a.name !== RELEASE_SUMS && !seen.has(a.name) && !mine.has(a.name)
    )
    const now = assets.find((a) => a.name === RELEASE_SUMS)
    const bytes = now ? await download(now) : Buffer.alloc(0)
    const kept = parseSums(bytes.toString('utf8'))
    const complete = [...mine].every(([name, hex]) => kept.get(name) === hex)
    if ((complete && !unread) || round >= MERGE_ROUNDS) return { asset: up.asset, bytes }
  }
}
