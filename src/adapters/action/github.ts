/**
 * The GitHub REST client of the Action: @actions/github's Octokit (GITHUB_API_URL and the
 * runner's proxy settings respected) with the retry plugin (5xx and network errors, backing off)
 * and the throttling plugin (rate limits: waits as GitHub asks, then retries). Maintained
 * clients instead of raw fetch: pagination, rate-limit headers and redirects done as GitHub
 * documents them.
 */
import { GitHub, getOctokitOptions } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

const Client = GitHub.plugin(retry, throttling)
export type GitHubClient = InstanceType<typeof Client>

export interface ClientOptions {
  apiUrl: string
  token: string
  /** Where "waiting for the rate limit" is said. */
  warn: (message: string) => void
  /** Milliseconds per unit of back-off (GitHub's Retry-After seconds, retry n²): 1000 but in tests. */
  retryBaseMs?: number
}

/** Waiting longer than this for a rate limit to reset would hold the job for nothing: fail instead. */
const MAX_RATE_LIMIT_WAIT_S = 300
const RATE_LIMIT_RETRIES = 3

export function githubClient(o: ClientOptions): GitHubClient {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
      const what = `${options.method ?? ''} ${options.url ?? ''}`.trim()
      if (retryCount >= RATE_LIMIT_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_S) {
        o.warn(`GitHub ${kind} on ${what}: giving up (retry after ${retryAfter} s)`)
        return false
      }
      o.warn(`GitHub ${kind} on ${what}: retrying in ${retryAfter} s`)
      return true
    }
  return new Client(
    getOctokitOptions(o.token, {
      baseUrl: o.apiUrl.replace(/\/+$/, ''),
      userAgent: 'kiln-action',
      retry: { retryAfterBaseValue: o.retryBaseMs ?? 1000 },
      throttle: {
        retryAfterBaseValue: o.retryBaseMs ?? 1000,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit')
      }
    })
  )
}

/** owner/name → { owner, repo } as Octokit's routes take it. */
export function ownerRepo(repository: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = repository.split('/')
  if (!owner || !repo || rest.length) throw new Error(`"${repository}" is not owner/name`)
  return { owner, repo }
}

/**
 * An Octokit error as one line: the status and GitHub's message, or, when no answer came (Octokit
 * calls that a 500 too), the network error itself. No stack.
 */
export function httpError(e: unknown): string {
  const err = e as { status?: number; message?: string; response?: { data?: unknown }; name?: string }
  if (typeof err?.status === 'number' && err.response) {
    const data = err.response.data as { message?: string } | string | undefined
    const detail = (typeof data === 'string' ? data : data?.message) || err.message
    return `HTTP ${err.status}${detail ? `: ${detail.slice(0, 500)}` : ''}`
  }
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return 'no answer in time'
  return `no answer: ${err?.message ?? String(e)}`
}

/**
 * A release asset's content, refusing more than `max` bytes. Octokit follows GitHub's redirect to
 * storage on another host, and fetch does not send the token across origins.
 */
export async function downloadAsset(
  octokit: GitHubClient,
  repository: string,
  assetId: number,
  max: number,
  signal?: AbortSignal
): Promise<Buffer> {
  const res = await octokit.rest.repos.getReleaseAsset({
    ...ownerRepo(repository),
    asset_id: assetId,
    headers: { accept: 'application/octet-stream' },
    request: { parseSuccessResponseBody: false, signal }
  })
  const body = res.data as unknown as AsyncIterable<Uint8Array> | null
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of body ?? []) {
    size += chunk.length
    if (size > max) throw new Error(`more than ${max} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
