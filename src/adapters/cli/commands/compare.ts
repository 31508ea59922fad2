import { readFile } from 'node:fs/promises'
import { changelogMarkdown, compareManifests } from '../../../exporters/compare.js'
import type { ExportManifest } from '../../../exporters/manifest.js'
import { InvalidInputError, errorMessage } from '../../../util/errors.js'
import type { RegisterCommand } from '../context.js'

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

export const registerCompare: RegisterCommand = (program) => {
  program
    .command('compare')
    .description(
      'Changelog between two exports of an image: sizes, kernels, packages added, updated and removed'
    )
    .argument('<old>', 'manifest.json of the previous export')
    .argument('<new>', 'manifest.json of the new export')
    .option('--json', 'print JSON instead of Markdown')
    .action(async (oldRef: string, newRef: string, o: { json?: boolean }) => {
      const [a, b] = await Promise.all([readManifestFile(oldRef), readManifestFile(newRef)])
      const c = compareManifests(a, b)
      process.stdout.write(
        o.json ? `${JSON.stringify(c, null, 2)}\n` : changelogMarkdown(c, `${b.name}: changes`)
      )
    })
}
