import { Option } from 'commander'
import { dirname, resolve } from 'node:path'
import type { Compression } from '../../../exporters/compress.js'
import { InvalidInputError } from '../../../util/errors.js'
import type { RegisterCommand } from '../context.js'
import { openInput, parseEpoch } from './export.js'

/** The compression an output name implies (image.tar.zst → zstd); gzip for stdout and other names. */
export function compressionFor(output: string): Compression {
  if (/\.(tar\.zst|tzst)$/.test(output)) return 'zstd'
  if (/\.tar$/.test(output)) return 'none'
  return 'gzip'
}

export const registerFlatten: RegisterCommand = (program, ctx) => {
  program
    .command('flatten')
    .description('Flatten a docker save tarball, OCI archive or OCI layout into one root filesystem tar')
    .option(
      '-i, --input <path>',
      "docker save tarball, OCI archive, OCI layout DIR[:TAG], or '-' for stdin",
      '-'
    )
    .option('-o, --output <path>', "output file, or '-' for stdout", '-')
    .addOption(
      new Option(
        '--compress <kind>',
        'gzip, zstd or none (default: from the output name, else gzip)'
      ).choices(['gzip', 'zstd', 'none'])
    )
    .option('--source-date-epoch <seconds>', 'clamp member mtimes to this time (default: $SOURCE_DATE_EPOCH)')
    .action(
      async (o: { input: string; output: string; compress?: Compression; sourceDateEpoch?: string }) => {
        const { flatten } = await import('../../../exporters/flatten.js')
        const { FlattenError } = await import('../../../exporters/plan.js')
        const { TarFormatError } = await import('../../../exporters/tar.js')
        const { sweepLeftovers } = await import('../../../pipeline/sweep.js')
        // A file output's directory may hold a killed flatten's temporary archive.
        await sweepLeftovers({
          outDir: o.output === '-' ? undefined : dirname(resolve(o.output)),
          reporter: ctx.reporter
        })
        const input = await openInput(o.input)
        try {
          await flatten({
            layers: input.layers,
            output: o.output,
            compression: o.compress ?? compressionFor(o.output),
            sourceDateEpoch: parseEpoch(o.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH),
            reporter: ctx.reporter
          })
        } catch (e) {
          // A layer the flattener refuses (a root that is not a directory, a path out of the
          // root, a broken header) is the input's fault: exit 2, and no output was written.
          if (e instanceof FlattenError || e instanceof TarFormatError)
            throw new InvalidInputError([{ file: o.input, pointer: '', message: e.message }])
          throw e
        } finally {
          await input.cleanup()
        }
      }
    )
}
