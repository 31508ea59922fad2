/**
 * image.aci: a tar of `manifest` and `rootfs/` (numeric owners, xattrs, stable headers).
 * The builder writes it from its work area; an ACI image reused from the store or restored
 * from the cache gets it again from its single layer and the manifest the catalog gives,
 * so out/<name>/image.aci exists after any run, not only after the run that built it.
 */
import { verifiedReadStream } from '../../util/digest.js'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { TAR_CREATE_STABLE } from '../../sandbox/layer.js'
import { TAR_KEEP_ALL } from '../../sandbox/unpacked.js'
import { trackDir } from '../../util/lifecycle.js'
import { uniqueDir } from '../../sandbox/sandbox.js'
import { checkTar } from '../../sources/safe-tar.js'
import type { ImageSpec } from '../../model/types.js'
import type { StoredImage } from '../../store/types.js'
import { run } from '../../util/exec.js'
import { acIdentifier, checkManifest, mergeManifest, type AciManifest } from './manifest.js'

export const ACI_COMPRESSION: Record<string, string[]> = {
  gzip: ['--gzip'],
  xz: ['--xz'],
  bzip2: ['--bzip2'],
  zstd: ['--zstd'],
  none: []
}

/** The node's manifest as it goes into image.aci: the file's fields over the defaults; throws when invalid. */
export async function aciManifestFor(root: string, spec: ImageSpec, arch: string): Promise<AciManifest> {
  if (!spec.file) throw new Error('an aci node needs "file": its aci-packer manifest')
  const doc = JSON.parse(await readFile(resolve(root, spec.file), 'utf8')) as Record<string, unknown>
  const manifest = mergeManifest(doc, { name: acIdentifier(spec.name), arch })
  const problems = checkManifest(manifest)
  if (problems.length)
    throw new Error(`${spec.file}: not a valid appc image manifest:\n    ${problems.join('\n    ')}`)
  return manifest
}

/** Writes `area/manifest` and tars it with `area/rootfs` into `dest` (temp + rename). */
export async function writeAciArchive(
  area: string,
  manifest: AciManifest,
  compression: string,
  dest: string
): Promise<void> {
  const flags = ACI_COMPRESSION[compression]
  if (!flags) throw new Error(`compression "${compression}": expected gzip, xz, bzip2, zstd or none`)
  await writeFile(join(area, 'manifest'), `${JSON.stringify(manifest, null, 2)}\n`)
  const tmp = `${dest}.tmp-${process.pid}`
  try {
    await run('tar', [
      '--create',
      `--file=${tmp}`,
      ...flags,
      ...TAR_CREATE_STABLE,
      ...TAR_KEEP_ALL,
      '--directory',
      area,
      'manifest',
      'rootfs'
    ])
    await rename(tmp, dest)
  } finally {
    await rm(tmp, { force: true })
  }
}

/** image.aci of an ACI image already in the store (its layers unpacked as rootfs/), written to `dest`. */
export async function aciArchiveFromImage(
  root: string,
  spec: ImageSpec,
  image: StoredImage,
  workDir: string,
  dest: string
): Promise<void> {
  const manifest = await aciManifestFor(root, spec, image.config.architecture)
  const area = uniqueDir(workDir, 'aci-archive')
  await mkdir(join(area, 'rootfs'), { recursive: true, mode: 0o755 })
  const remove = trackDir(area)
  try {
    // The builder stores the root file system as one layer with no whiteouts: plain extraction.
    for (const layer of image.layers) {
      // A restored image came from a cache: its entries are checked as any other layer's.
      await checkTar(
        verifiedReadStream(layer.path, layer.digest, layer.size),
        `layer ${layer.diffID}`,
        undefined,
        {
          root: join(area, 'rootfs')
        }
      )
      await run('tar', [
        '--extract',
        `--file=${layer.path}`,
        '--directory',
        join(area, 'rootfs'),
        '--same-permissions',
        '--same-owner',
        ...TAR_KEEP_ALL
      ])
    }
    await writeAciArchive(area, manifest, spec.args.compression ?? 'gzip', dest)
  } finally {
    remove()
  }
}
