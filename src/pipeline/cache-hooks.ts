/**
 * The cache as the orchestrator's hooks (pipeline/run.ts BuildHooks), so the CLI and the Action
 * wire it the same way:
 *
 *   buildPlan(plan, { ..., hooks: cacheHooks(cache) })
 *
 * restore: before building an image the store lacks. afterImage: right after an image is in the
 * store, explain a rebuild (report.changed) and save it, so a later run (or a re-run after a
 * failure further down the chain) finds it on any runner. Restored images are already there.
 */
import type { ImageReport } from './types.js'
import type { PlannedImage } from '../plan/types.js'
import type { StoredImage } from '../store/types.js'
import type { ImageCache } from '../cache/image-cache.js'

export interface CacheHooks {
  restore(planned: PlannedImage): Promise<StoredImage | null>
  afterImage(report: ImageReport, stored: StoredImage, planned: PlannedImage): Promise<void>
  /** Names of the images saved during the run. */
  readonly saved: Set<string>
}

export function cacheHooks(cache: ImageCache): CacheHooks {
  const saved = new Set<string>()
  return {
    saved,
    restore: (planned) => cache.restore(planned),
    async afterImage(report, stored, planned) {
      if (report.status === 'restored' || cache.backendName === 'none') return
      if (report.status === 'built') {
        // Before the save: the save moves the name's pointer to this build.
        const why = await cache.explainMiss(planned)
        if (why.changed) report.changed = why.changed
      }
      // Built, or reused from a store that outlives runs: either way the cache may lack it.
      if (await cache.save(planned, stored)) saved.add(planned.spec.name)
    }
  }
}
