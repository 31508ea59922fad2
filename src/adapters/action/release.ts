/**
 * Release assets through the GitHub REST API, with fetch: the release for `tag` (created when
 * absent), then each file uploaded to its upload_url. An asset of the same name from an earlier
 * attempt is replaced, so a re-run job finishes the release instead of failing on it.
 * GITHUB_API_URL is respected (GitHub Enterprise, tests).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Readable } from 'node:stream'

export interface ReleaseOptions {
  apiUrl: string
  token: string
  /** owner/name */
  repository: string
  tag: string
  /** Commit the tag is created on when the release (and tag) do not exist yet. */
  sha?: string
  /** Files to attach: asset name → path. */
  assets: Array<{ name: string; path: string }>
  /**
   * Markdown for the release notes. Matrix jobs publish to the same release one after another,
   * so notes are appended to what earlier jobs wrote (a section already there is not repeated).
   */
  notes?: string
  /** Used instead of notes when they would take the body past GitHub's limit (changelogs left out). */
  shortNotes?: string
}

/** GitHub refuses a release body longer than this; the whole release would fail on it. */
const MAX_BODY = 125_000

export interface ReleaseResult {
  id: number
  url: string
  created: boolean
  assets: Array<{ name: string; size: number; url: string }>
}

interface Release {
  id: number
  body?: string | null
  html_url: string
  upload_url: string
  assets?: Array<{ id: number; name: string }>
}

export async function publishRelease(o: ReleaseOptions): Promise<ReleaseResult> {
  const api = o.apiUrl.replace(/\/+$/, '')
  const headers = {
    authorization: `Bearer ${o.token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'kiln-action'
  }
  const call = async (
    method: string,
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
    raw?: RequestInit['body']
  ) => {
    const res = await fetch(url, {
      method,
      headers: {
        ...headers,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...extra
      },
      body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
      ...(raw ? { duplex: 'half' } : {})
    } as RequestInit)
    return res
  }
  const fail = async (what: string, res: Response): Promise<never> => {
    const text = await res.text().catch(() => '')
    throw new Error(
      `release ${o.tag}: ${what}: HTTP ${res.status} ${res.statusText}${text ? `: ${text.slice(0, 500)}` : ''}`
    )
  }

  const repo = `${api}/repos/${o.repository}`
  const withNotes = (body: string | null | undefined): string => {
    const join = (notes?: string) => [body, notes].filter(Boolean).join('\n\n')
    const full = join(o.notes)
    return full.length > MAX_BODY && o.shortNotes ? join(o.shortNotes) : full
  }
  let created = false
  let res = await call('GET', `${repo}/releases/tags/${encodeURIComponent(o.tag)}`)
  let release: Release
  if (res.status === 404) {
    res = await call('POST', `${repo}/releases`, {
      tag_name: o.tag,
      name: o.tag,
      target_commitish: o.sha,
      ...(o.notes ? { body: withNotes('') } : {})
    })
    if (!res.ok) await fail('create the release', res)
    created = true
  } else if (!res.ok) {
    await fail('look up the release', res)
  }
  release = (await res.json()) as Release
  if (!created && o.notes && !(release.body ?? '').includes(o.notes.split('\n')[0])) {
    const body = withNotes(release.body)
    const patched = await call('PATCH', `${repo}/releases/${release.id}`, { body })
    if (!patched.ok) await fail('update the release notes', patched)
  }
  if (!release.assets) {
    const list = await call('GET', `${repo}/releases/${release.id}/assets?per_page=100`)
    release = { ...release, assets: list.ok ? ((await list.json()) as Release['assets']) : [] }
  }

  const uploaded: ReleaseResult['assets'] = []
  const uploadBase = release.upload_url.replace(/\{\?[^}]*\}$/, '')
  for (const a of o.assets) {
    const old = release.assets?.find((x) => x.name === a.name)
    if (old) {
      const del = await call('DELETE', `${repo}/releases/assets/${old.id}`)
      if (!del.ok && del.status !== 404) await fail(`replace asset ${a.name}`, del)
    }
    const size = (await stat(a.path)).size
    const body = Readable.toWeb(createReadStream(a.path)) as unknown as RequestInit['body']
    const up = await call(
      'POST',
      `${uploadBase}?name=${encodeURIComponent(a.name)}`,
      undefined,
      { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body
    )
    if (!up.ok) await fail(`upload ${basename(a.path)} as ${a.name}`, up)
    const asset = (await up.json()) as { name: string; size: number; browser_download_url: string }
    uploaded.push({ name: asset.name, size: asset.size, url: asset.browser_download_url })
  }
  return { id: release.id, url: release.html_url, created, assets: uploaded }
}
