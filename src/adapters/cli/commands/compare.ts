import { readFile } from 'node:fs/promises'
import type { ExportManifest } from '../../../exporters/manifest.js'
import { InvalidInputError, errorMessage } from '../../../util/errors.js'
import type { RegisterCommand } from '../context.js'
import { exportToTemp } from '../store-image.js'
import { existsSync } from 'node:fs'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'
import type { Reporter } from '../../../util/log.js'

/** Turns a CLI argument into a manifest; a store-backed resolver can replace it later. */
export type ManifestResolver = (ref: string) => Promise<ExportManifest>

export const readManifestFile: ManifestResolver = async (path) => {
  let m: ExportManifest
  try {
    m = JSON.parse(await readFile(path, 'utf8')) as ExportManifest
  } catch (e) {
    throw new InvalidInputError([
      { file: path, pointer: '', message: `cannot read manifest: ${errorMessage(e)}` }
    ])
  }
  if (!Array.isArray(m?.packages) || !Array.isArray(m?.archives)) {
    throw new InvalidInputError([
      { file: path, pointer: '', message: 'not an export manifest.json (no packages/archives)' }
    ])
  }
  return m
}

/** A manifest.json file, or an image of the store whose manifest is computed (one pass, no archives). */
export function manifestOf(store: string, reporter: Reporter): ManifestResolver {
  return async (ref) => {
    if (existsSync(ref) || ref.endsWith('.json')) return readManifestFile(ref)
    const { manifest, cleanup } = await exportToTemp(ref, { store, exports: [], reporter })
    await cleanup()
    return manifest
  }
}

export const registerCompare: RegisterCommand = (program, ctx) => {
  program
    .command('compare')
    .description(
      'Changelog between two exports of an image: sizes, kernels, packages added, updated and removed'
    )
    .argument('<old>', 'manifest.json of the previous export, or an image of the store (e.g. a dated tag)')
    .argument('<new>', 'manifest.json of the new export, or an image of the store')
    .option('--store <dir>', 'the store that holds the images', DEFAULT_STORE_DIR)
    .option('--json', 'print JSON instead of Markdown')
    .action(async (oldRef: string, newRef: string, o: { json?: boolean; store: string }) => {
      const { changelogMarkdown, compareManifests } = await import('../../../exporters/compare.js')
      const resolveRef = manifestOf(o.store, ctx.reporter)
      const [a, b] = await Promise.all([resolveRef(oldRef), resolveRef(newRef)])
      const c = compareManifests(a, b)
      process.stdout.write(
        o.json ? `${JSON.stringify(c, null, 2)}\n` : changelogMarkdown(c, `${b.name}: changes`)
      )
    })
}
