/**
 * `kiln fsck [--repair]`: checks every blob of the store against its digest and every ref for a
 * complete, valid image (the store does the work: store/layout.ts fsck). Exit 1 when anything is
 * wrong; with --repair, corrupt blobs and the refs that can no longer be satisfied are removed,
 * so the next build restores or rebuilds those images, and the exit status is 0 (the store is
 * sound again).
 */
import type { Command } from 'commander'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import { EXIT_BUILD_FAILED, InvalidInputError } from '../../../util/errors.js'
import { plural } from '../../../util/log.js'
import type { RegisterCommand } from '../context.js'

export const registerFsck: RegisterCommand = (program: Command, ctx) => {
  program
    .command('fsck')
    .description(
      'Check every blob of the store against its digest and every ref for a complete image; exit 1 when something is wrong'
    )
    .option('--store <dir>', 'store directory (an OCI image layout)', DEFAULT_STORE_DIR)
    .option('--repair', 'remove corrupt blobs and the refs that can no longer be satisfied')
    .action(async (flags: { store: string; repair?: boolean }) => {
      const dir = resolve(flags.store)
      if (!(await stat(join(dir, 'oci-layout')).catch(() => null))) {
        throw new InvalidInputError([{ file: dir, pointer: '', message: 'not a store (no oci-layout file)' }])
      }
      const { openStore } = await import('../../../store/index.js')
      const store = await openStore(dir)
      const r = await store.fsck({ repair: flags.repair })
      for (const b of r.corruptBlobs) ctx.reporter.error(`blob ${b.digest}: ${b.problem}`)
      for (const ref of r.brokenRefs) for (const p of ref.problems) ctx.reporter.error(`ref ${ref.ref}: ${p}`)
      const bad = r.corruptBlobs.length + r.brokenRefs.length
      if (!bad) {
        ctx.reporter.info(
          `${dir}: ${plural(r.blobsChecked, 'blob')} checked, every ref complete: no problems`
        )
        return
      }
      ctx.reporter.info(
        `${dir}: ${plural(r.blobsChecked, 'blob')} checked: ${plural(r.corruptBlobs.length, 'corrupt blob')}, ${plural(r.brokenRefs.length, 'broken ref')}`
      )
      if (!flags.repair) {
        ctx.reporter.info(
          'run kiln fsck --repair to remove them; the next build restores or rebuilds those images'
        )
        ctx.exitCode = EXIT_BUILD_FAILED
        return
      }
      for (const d of r.removedBlobs) ctx.reporter.info(`removed blob ${d}`)
      for (const ref of r.removedRefs) ctx.reporter.info(`removed ref ${ref}`)
      ctx.reporter.info(
        `repaired: removed ${plural(r.removedBlobs.length, 'blob')} and ${plural(r.removedRefs.length, 'ref')}; the next build restores or rebuilds those images`
      )
    })
}
