/** `kiln gc`: removes the blobs no ref of the store reaches, and temp files left by dead runs. */
import type { Command } from 'commander'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DEFAULT_STORE_DIR, openStore } from '../../../store/index.js'
import { formatBytes } from '../../../util/log.js'
import type { RegisterCommand } from '../context.js'

export const registerGc: RegisterCommand = (program: Command, ctx) => {
  program
    .command('gc')
    .description(
      'Remove store blobs no ref reaches (old builds stay while a dated tag names them). Run it between builds.'
    )
    .option('--store <dir>', 'store directory (an OCI image layout)', DEFAULT_STORE_DIR)
    .action(async (flags: { store: string }) => {
      const dir = resolve(flags.store)
      if (!(await stat(join(dir, 'oci-layout')).catch(() => null))) {
        ctx.reporter.info(`no store at ${dir}; nothing to do`)
        return
      }
      const store = await openStore(dir)
      const r = await store.gc()
      ctx.reporter.info(
        `removed ${r.removed} blob${r.removed === 1 ? '' : 's'} (${formatBytes(r.bytes)}) and ${r.tempRemoved} temp file${r.tempRemoved === 1 ? '' : 's'} from ${dir}`
      )
    })
}
