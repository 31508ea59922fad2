/**
 * `kiln gc`: removes the blobs no ref of the store reaches, temp files left by dead runs, and
 * the unpacked layers (overlay/aci lowerdirs) no image of the store uses any more.
 */
import type { Command } from 'commander'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DEFAULT_CACHE_DIR } from '../../../sandbox/defaults.js'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import { formatBytes, plural } from '../../../util/log.js'
import type { RegisterCommand } from '../context.js'

export const registerGc: RegisterCommand = (program: Command, ctx) => {
  program
    .command('gc')
    .description(
      'Remove store blobs no ref reaches (old builds stay while a dated tag names them; blobs a running build wrote stay too), and unpacked layers no stored image uses.'
    )
    .option('--store <dir>', 'store directory (an OCI image layout)', DEFAULT_STORE_DIR)
    .option(
      '--sandbox-cache <dir>',
      'unpacked-layer cache of overlay and aci builds ($KILN_SANDBOX_CACHE, else /var/tmp/kiln)',
      DEFAULT_CACHE_DIR
    )
    .option('--keep-unpacked', 'leave the unpacked-layer cache alone (e.g. when several stores share it)')
    .action(async (flags: { store: string; sandboxCache: string; keepUnpacked?: boolean }) => {
      const dir = resolve(flags.store)
      // Without a store nothing tells which unpacked layers are still wanted: touch nothing.
      if (!(await stat(join(dir, 'oci-layout')).catch(() => null))) {
        ctx.reporter.info(`no store at ${dir}; nothing to do`)
        return
      }
      const { openStore } = await import('../../../store/index.js')
      const { pruneUnpacked, storeDiffIDs } = await import('../../../sandbox/prune.js')
      const store = await openStore(dir)
      const r = await store.gc()
      ctx.reporter.info(
        `removed ${plural(r.removed, 'blob')} (${formatBytes(r.bytes)}) and ${plural(r.tempRemoved, 'temp file')} from ${dir}`
      )
      if (r.leased)
        ctx.reporter.info(
          `kept ${plural(r.leased, 'blob')} a running build wrote and has not tagged yet (${r.leaseOwners.join(', ')})`
        )
      if (flags.keepUnpacked) return
      // After the store's gc, so layers only dropped images used go too.
      const cache = resolve(flags.sandboxCache)
      const p = await pruneUnpacked(cache, await storeDiffIDs(store))
      if (p.layers || p.temps || p.busy)
        ctx.reporter.info(
          `removed ${plural(p.layers, 'unpacked layer')} and ${plural(p.temps, 'temp dir')} (${formatBytes(p.bytes)}) from ${join(cache, 'layers')}` +
            (p.busy ? `; kept ${p.busy} a running build has mounted` : '')
        )
    })
}
