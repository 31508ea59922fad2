/**
 * The cache across runs and runners. `openCache` picks a backend; ImageCache moves images
 * between it and the store. Only github.ts imports @actions/*, and only when it is chosen.
 */
import type { Store } from '../store/types.js'
import type { Reporter } from '../util/log.js'
import { ImageCache } from './image-cache.js'
import { LocalCache } from './local.js'
import { NoCache } from './none.js'
import { parseSize } from './size.js'
import type { CacheBackend, CacheKind } from './types.js'

export { ImageCache, type CacheStats, type ImageCacheOptions } from './image-cache.js'
export { LocalCache } from './local.js'
export { NoCache } from './none.js'
export { formatSize, parseSize } from './size.js'
export { diffInputs, verifyRecord } from './record.js'
export type * from './types.js'

export const CACHE_KINDS: readonly CacheKind[] = ['local', 'github', 'none']

export interface CacheSettings {
  kind: CacheKind
  /** local: the directory. */
  dir?: string
  /** local: size cap, e.g. "8G" (empty: no cap). */
  size?: string
  reporter: Reporter
}

/**
 * The backend for `settings.kind`. github without access to the cache service (not in Actions,
 * or a job without the runtime token) warns and falls back to none: a cache never fails a build.
 */
export async function openBackend(settings: CacheSettings): Promise<CacheBackend> {
  switch (settings.kind) {
    case 'none':
      return new NoCache()
    case 'local': {
      if (!settings.dir) throw new Error('cache "local" needs a directory (cache-dir)')
      const maxBytes = settings.size ? parseSize(settings.size) : 0
      return new LocalCache({ dir: settings.dir, maxBytes, reporter: settings.reporter })
    }
    case 'github': {
      // Loaded only when chosen, so the CLI never pulls the toolkit in for other backends.
      const { GithubCache } = await import('./github.js')
      if (!GithubCache.available()) {
        settings.reporter.warn(
          'the GitHub cache service is not available to this job (ACTIONS_RESULTS_URL unset); caching is off'
        )
        return new NoCache()
      }
      return new GithubCache({ reporter: settings.reporter })
    }
    default:
      throw new Error(
        `unknown cache ${JSON.stringify(settings.kind)}: expected one of ${CACHE_KINDS.join(', ')}`
      )
  }
}

export async function openCache(settings: CacheSettings & { store: Store }): Promise<ImageCache> {
  const backend = await openBackend(settings)
  return new ImageCache({
    store: settings.store,
    backend,
    reporter: settings.reporter
  })
}
