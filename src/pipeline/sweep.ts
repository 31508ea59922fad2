/**
 * The sweep every writing command runs first: what killed runs left (temporary directories,
 * `.tmp-OWNER` files in out/, the store and the cache, engine tags), removed when their owner
 * is certainly gone. See util/leftovers.ts and engine/leftovers.ts for what counts as whose.
 */
import { join } from 'node:path'
import { sweepEngineTags } from '../engine/leftovers.js'
import { STORE_TMP_DIR } from '../store/defaults.js'
import { sweepStoreTemp, sweepTempDirs, sweepTempFiles } from '../util/leftovers.js'
import { plural, type Reporter } from '../util/log.js'
import { installerCacheDir } from '../verify/installer.js'

export interface SweepOptions {
  /** out/: temporary archives, manifests, index.json. */
  outDir?: string
  /** The store's root: its half-written blobs. */
  storeDir?: string
  /** A local cache directory: its half-copied blobs and records. */
  cacheDir?: string
  /** Where work areas go besides the OS temp dir (a build's tmpDir). */
  tmpDir?: string
  /** Also remove dead runs' engine tags (commands that use the engine). */
  engine?: boolean
  reporter: Reporter
}

export async function sweepLeftovers(opts: SweepOptions): Promise<number> {
  const removed = [
    // The install gate's installer cache holds a killed run's half-made installer under the same kind of name.
    ...(await sweepTempDirs([opts.tmpDir, installerCacheDir()])),
    // out/<image>/netboot/ holds the netboot files: two levels below out/.
    ...(opts.outDir ? await sweepTempFiles(opts.outDir, 2) : []),
    ...(opts.storeDir ? await sweepStoreTemp(join(opts.storeDir, STORE_TMP_DIR)) : []),
    ...(opts.cacheDir ? await sweepTempFiles(opts.cacheDir, 3) : []),
    ...(opts.engine ? await sweepEngineTags(opts.reporter) : [])
  ]
  for (const r of removed) opts.reporter.debug(`removed a killed run's leftover: ${r}`)
  if (removed.length) opts.reporter.info(`removed ${plural(removed.length, 'leftover')} of killed runs`)
  return removed.length
}
