import { Option } from 'commander'
import { resolve } from 'node:path'
import type { EXPORT_KINDS as ENGINE_EXPORT_KINDS, ExportKind } from '../../../exporters/export.js'
import type { ResolvedInput } from '../../../exporters/inputs.js'
import type { Compression } from '../../../exporters/compress.js'
import { InvalidInputError } from '../../../util/errors.js'
import type { RegisterCommand } from '../context.js'
import { storeInput } from '../store-image.js'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import { openCliSigner, sbomFormatOption, signKeyOption } from '../signing.js'

/**
 * The exporters' EXPORT_KINDS, copied so that the help text does not load the exporters;
 * its type is theirs, so the copy cannot drift from it.
 */
const EXPORT_KINDS: typeof ENGINE_EXPORT_KINDS = [
  'rootfs',
  'kernel',
  'initrd',
  'modules',
  'netboot',
  'squashfs'
]

/** Opens -i; an unreadable or malformed input is the user's to fix (exit status 2). */
export async function openInput(input: string): Promise<ResolvedInput> {
  const { InputError, resolveInput } = await import('../../../exporters/inputs.js')
  try {
    return await resolveInput(input)
  } catch (e) {
    if (e instanceof InputError)
      throw new InvalidInputError([
        { file: input, pointer: '', message: e.message.replace(`${input}: `, '') }
      ])
    throw e
  }
}

export function parseEpoch(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined
  if (!/^\d+$/.test(v)) {
    throw new InvalidInputError([
      {
        file: '<command line>',
        pointer: '/source-date-epoch',
        message: `not a whole number of seconds: ${v}`
      }
    ])
  }
  return Number(v)
}

export function parseExports(v: string): ExportKind[] {
  const kinds = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = kinds.filter((k) => !(EXPORT_KINDS as readonly string[]).includes(k))
  if (bad.length || !kinds.length) {
    throw new InvalidInputError([
      {
        file: '<command line>',
        pointer: '/exports',
        message: `unknown export ${bad.join(', ') || '(none)'}; choose from ${EXPORT_KINDS.join(', ')}`
      }
    ])
  }
  return kinds as ExportKind[]
}

export const registerExport: RegisterCommand = (program, ctx) => {
  program
    .command('export')
    .description(
      'Write the bare-metal archives of an image: rootfs, kernel, initrd, modules, netboot/ (vmlinuz, initrd, cmdline, boot.ipxe; rootfs.squashfs), the SBOM, manifest.json, SHA256SUMS'
    )
    .option('-i, --input <path>', "docker save tarball, OCI archive, OCI layout DIR[:TAG], or '-' for stdin")
    .option('--image <name>', 'an image of the store instead of -i (its name or a dated tag)')
    .option('--store <dir>', 'the store that holds --image', DEFAULT_STORE_DIR)
    .requiredOption('-o, --output <dir>', 'output directory; archives go to DIR/NAME/')
    .option('--name <name>', 'image name (the subdirectory; default: --image, else "image")')
    .option('--exports <list>', `comma-separated: ${EXPORT_KINDS.join(',')}`, 'rootfs')
    .addOption(
      new Option('--compress <kind>', 'archive compression').choices(['gzip', 'zstd', 'none']).default('gzip')
    )
    .option('--kernel <version>', 'pick this kernel version instead of the newest')
    .option('--source-date-epoch <seconds>', 'clamp member mtimes to this time (default: $SOURCE_DATE_EPOCH)')
    .addOption(sbomFormatOption())
    .addOption(signKeyOption())
    .action(
      async (o: {
        input?: string
        image?: string
        store: string
        output: string
        name?: string
        exports: string
        compress: Compression
        kernel?: string
        sourceDateEpoch?: string
        sbomFormat: 'spdx' | 'cyclonedx' | 'both' | 'none'
        signKey?: string
      }) => {
        const exports = parseExports(o.exports)
        const sourceDateEpoch = parseEpoch(o.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH)
        if (!o.input === !o.image) {
          throw new InvalidInputError([
            { file: '<command line>', pointer: '', message: 'give either -i INPUT or --image NAME' }
          ])
        }
        const { badOutputName, exportImage } = await import('../../../exporters/export.js')
        const name = o.name ?? o.image?.replace(/[^\w.-]/g, '_') ?? 'image'
        const badName = badOutputName(name)
        if (badName)
          throw new InvalidInputError([
            { file: '<command line>', pointer: o.name === undefined ? '/image' : '/name', message: badName }
          ])
        const { sweepLeftovers } = await import('../../../pipeline/sweep.js')
        await sweepLeftovers({ outDir: o.output, reporter: ctx.reporter })
        const signer = await openCliSigner(o.signKey)
        const input = await openInput(o.input ?? storeInput(o.image!, o.store)).catch(async (e: unknown) => {
          await signer?.close()
          throw e
        })
        try {
          const r = await exportImage({
            layers: input.layers,
            outDir: o.output,
            name,
            exports,
            compression: o.compress,
            kernel: o.kernel,
            sourceDateEpoch,
            sbomFormat: o.sbomFormat,
            reporter: ctx.reporter
          })
          for (const a of r.archives) ctx.reporter.info(`${a.path}  ${a.size} bytes  sha256:${a.sha256}`)
          if (signer) ctx.reporter.info(`${await signer.sign(r.sumsPath)} (key ${signer.fingerprint})`)
        } catch (e) {
          // A blob of the store that failed its digest goes, so the next build restores or rebuilds it.
          const { findCorruptBlob } = await import('../../../util/digest.js')
          const corrupt = findCorruptBlob(e)
          if (corrupt && o.image) {
            const { openStore } = await import('../../../store/index.js')
            if (await (await openStore(o.store)).dropCorruptBlob(corrupt))
              ctx.reporter.warn(`deleted the corrupt blob ${corrupt.digest} from ${resolve(o.store)}`)
          }
          throw e
        } finally {
          await signer?.close()
          await input.cleanup()
        }
      }
    )
}
