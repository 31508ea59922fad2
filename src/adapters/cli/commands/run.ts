/** `kiln run IMAGE -- CMD ARGS…`: a command in a store image over a throwaway overlay. */
import type { Command } from 'commander'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { MountKind } from '../../../sandbox/driver.js'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import { InvalidInputError } from '../../../util/errors.js'
import type { RegisterCommand } from '../context.js'

const MOUNTS: readonly MountKind[] = ['proc', 'dev', 'sys']

export function parseMounts(s: string | undefined): MountKind[] {
  if (!s) return []
  const out: MountKind[] = []
  for (const m of s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (!(MOUNTS as readonly string[]).includes(m))
      throw new InvalidInputError([
        {
          file: '--mount',
          pointer: '',
          message: `unknown mount "${m}"; expected a list of ${MOUNTS.join(', ')}`
        }
      ])
    out.push(m as MountKind)
  }
  return out
}

export const registerRun: RegisterCommand = (program: Command, ctx) => {
  program
    .command('run')
    .description(
      "Run a command inside a store image, over a throwaway overlay that is removed afterwards (needs root). The exit status is the command's."
    )
    .argument('<image>', 'image name, dated tag or manifest digest')
    .argument(
      '[command...]',
      "the command and its arguments, after -- (default: the image's Entrypoint and Cmd)"
    )
    .option('--store <dir>', 'store directory (an OCI image layout)', DEFAULT_STORE_DIR)
    .option('--mount <list>', 'pseudo file systems to mount inside: proc,dev,sys')
    .option('--no-dns', "do not patch in the host's resolv.conf and hosts")
    .passThroughOptions()
    .action(
      async (image: string, command: string[], flags: { store: string; mount?: string; dns: boolean }) => {
        const dir = resolve(flags.store)
        if (!(await stat(join(dir, 'oci-layout')).catch(() => null)))
          throw new InvalidInputError([
            { file: dir, pointer: '', message: 'no store here (no oci-layout file); give --store' }
          ])
        const { openStore } = await import('../../../store/index.js')
        const { runInImage } = await import('../../../sandbox/run-image.js')
        const store = await openStore(dir)
        // With passThroughOptions commander keeps the `--` that ends kiln's own options.
        const argv = command[0] === '--' ? command.slice(1) : command
        const r = await runInImage(store, image, argv, {
          mounts: parseMounts(flags.mount),
          dns: flags.dns,
          reporter: ctx.reporter
        })
        ctx.exitCode = r.exitCode
      }
    )
}
