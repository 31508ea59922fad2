/** `kiln build`: builds the selected images of a catalog into the store and writes out/. */
import { Option, type Command } from 'commander'
import { resolve } from 'node:path'
import type { Compression } from '../../../pipeline/run.js'
import { gateFailed } from '../../../pipeline/types.js'
import { DEFAULT_CATALOG_FILES } from '../../../model/defaults.js'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import {
  EXIT_BUILD_FAILED,
  EXIT_INVALID_INPUT,
  InvalidInputError,
  formatProblem
} from '../../../util/errors.js'
import type { RegisterCommand } from '../context.js'
import { openCliSigner, sbomFormatOption, signKeyOption } from '../signing.js'

interface BuildFlags {
  file?: string
  target: string[]
  distro?: string
  plan?: string
  arch?: string
  store: string
  out: string
  jobs: string
  export: boolean
  compress: Compression
  sourceDateEpoch?: string
  cacheDir?: string
  cacheSize?: string
  verify: boolean
  bootTimeout: string
  sbomFormat: 'spdx' | 'cyclonedx' | 'both' | 'none'
  signKey?: string
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v]
}

function positiveInt(flag: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) {
    throw new InvalidInputError([
      { file: '(command line)', pointer: '', message: `${flag} must be a positive integer, not "${v}"` }
    ])
  }
  return Number(v)
}

export const registerBuild: RegisterCommand = (program: Command, ctx) => {
  program
    .command('build')
    .description(
      'Build the selected images (and their ancestors) into the store; write the archives and out/index.json.'
    )
    .option(
      '-f, --file <file>',
      `the catalog, JSON or YAML (default: the first of ${DEFAULT_CATALOG_FILES.join(', ')})`
    )
    .option(
      '-t, --target <name>',
      'image to build, with its ancestors (repeatable; default: all)',
      collect,
      []
    )
    .option('--distro <distro>', 'only images of this distro')
    .option('--plan <plan>', 'only images of this hardware plan')
    .option('--arch <arch>', 'only images of this architecture')
    .option('--store <dir>', 'store directory (OCI image layout)', DEFAULT_STORE_DIR)
    .option('--out <dir>', 'where archives and index.json go', 'out')
    .option('-j, --jobs <n>', 'images built at the same time', '1')
    .option('--no-export', 'build into the store only, write no archives')
    .addOption(
      new Option('--compress <kind>', 'archive compression').choices(['gzip', 'zstd', 'none']).default('gzip')
    )
    .option(
      '--source-date-epoch <seconds>',
      'timestamp for reproducible outputs (default: $SOURCE_DATE_EPOCH)'
    )
    .option('--cache-dir <dir>', 'a local cache: images the store lacks come from here, new ones go here')
    .option('--cache-size <size>', 'size cap of the local cache, e.g. 8G (default: none)')
    .option('--no-verify', 'do not boot exported images with a kernel under qemu (the boot gate)')
    .option('--boot-timeout <seconds>', 'time limit of one boot in the gate', '120')
    .addOption(sbomFormatOption())
    .addOption(signKeyOption())
    .action(async (flags: BuildFlags) => {
      const jobs = positiveInt('--jobs', flags.jobs)
      const bootTimeoutSec = positiveInt('--boot-timeout', flags.bootTimeout)
      const sdeText = flags.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH
      const sourceDateEpoch = sdeText === undefined || sdeText === '' ? undefined : positiveIntOrZero(sdeText)
      const { findCatalog, loadCatalog } = await import('../../../model/load.js')
      const { makePlan } = await import('../../../plan/index.js')
      const { openStore } = await import('../../../store/index.js')
      const { openCache } = await import('../../../cache/index.js')
      const { cacheHooks } = await import('../../../pipeline/cache-hooks.js')
      const { buildPlan } = await import('../../../pipeline/run.js')
      const { sweepLeftovers } = await import('../../../pipeline/sweep.js')
      // What killed runs left goes first (never what a live run owns).
      await sweepLeftovers({
        outDir: resolve(flags.out),
        storeDir: resolve(flags.store),
        cacheDir: flags.cacheDir ? resolve(flags.cacheDir) : undefined,
        engine: true,
        reporter: ctx.reporter
      })
      const catalog = await loadCatalog(flags.file ?? (await findCatalog()))
      for (const w of catalog.warnings ?? []) ctx.reporter.warn(formatProblem(w))
      const store = await openStore(resolve(flags.store), { warn: (m) => ctx.reporter.warn(m) })
      const plan = await makePlan(
        catalog,
        {
          targets: flags.target.length ? flags.target : undefined,
          distro: flags.distro,
          plan: flags.plan,
          arch: flags.arch
        },
        { storedImage: async (name) => (await store.getImage(name))?.manifestDigest ?? null }
      )
      const cache = flags.cacheDir
        ? await openCache({
            kind: 'local',
            dir: resolve(flags.cacheDir),
            size: flags.cacheSize,
            store,
            reporter: ctx.reporter
          })
        : null
      // Before anything is built: a key that cannot sign is the user's to fix (exit 2).
      const signer = await openCliSigner(flags.signKey)
      const { runSignal } = await import('../../../util/lifecycle.js')
      // SIGINT/SIGTERM stop the tools and let every build clean up after itself (util/lifecycle.ts).
      const signal = runSignal()
      try {
        const report = await buildPlan(plan, {
          store,
          outDir: resolve(flags.out),
          jobs,
          reporter: ctx.reporter,
          exports: flags.export,
          compression: flags.compress,
          sourceDateEpoch,
          signal,
          verify: flags.verify,
          bootTimeoutSec,
          sbomFormat: flags.sbomFormat,
          signer: signer ?? undefined,
          hooks: cache ? cacheHooks(cache) : undefined
        })
        if (report.images.some((i) => i.error?.refused)) ctx.exitCode = EXIT_INVALID_INPUT
        else if (report.images.some((i) => i.status === 'failed' || gateFailed(i)))
          ctx.exitCode = EXIT_BUILD_FAILED
      } finally {
        await signer?.close()
        await cache?.close()
      }
    })
}

function positiveIntOrZero(v: string): number {
  if (!/^\d+$/.test(v)) {
    throw new InvalidInputError([
      {
        file: '(command line)',
        pointer: '',
        message: `--source-date-epoch must be seconds since 1970, not "${v}"`
      }
    ])
  }
  return Number(v)
}
