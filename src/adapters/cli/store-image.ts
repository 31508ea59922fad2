/**
 * Commands that take "an image of the store" accept its name (or a dated tag); the store is an
 * OCI image layout, so the exporters read it as `STORE:NAME` like any other layout.
 */
import { existsSync, statSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ExportKind } from '../../exporters/export.js'
import type { ExportManifest } from '../../exporters/manifest.js'
import { DEFAULT_STORE_DIR } from '../../store/defaults.js'
import type { Reporter } from '../../util/log.js'
import { tempPrefix } from '../../util/lifecycle.js'

/** The exporters' input string for an image of the store. */
export function storeInput(image: string, store = DEFAULT_STORE_DIR): string {
  return `${resolve(store)}:${image}`
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory()
}

/**
 * Exports a store image's archives into a temporary directory for a command that reads them
 * (verify boot, compare); `cleanup` removes it.
 */
export async function exportToTemp(
  image: string,
  opts: { store?: string; exports: ExportKind[]; reporter: Reporter }
): Promise<{ dir: string; manifest: ExportManifest; cleanup: () => Promise<void> }> {
  // Loaded here, not above: the commands import this module at start-up (commands/index.ts).
  const { exportImage } = await import('../../exporters/export.js')
  const { resolveInput } = await import('../../exporters/inputs.js')
  const top = await mkdtemp(join(tmpdir(), tempPrefix('image')))
  const cleanup = (): Promise<void> => rm(top, { recursive: true, force: true })
  try {
    const input = await resolveInput(storeInput(image, opts.store))
    try {
      const res = await exportImage({
        layers: input.layers,
        outDir: top,
        name: image.replace(/[^\w.-]/g, '_'),
        exports: opts.exports,
        compression: 'gzip',
        reporter: opts.reporter
      })
      const manifest = JSON.parse(await readFile(res.manifestPath, 'utf8')) as ExportManifest
      return { dir: res.dir, manifest, cleanup }
    } finally {
      await input.cleanup()
    }
  } catch (e) {
    await cleanup()
    throw e
  }
}
