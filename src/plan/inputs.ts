/**
 * Everything an image's content depends on, other than its dependencies' keys, as a list
 * of KeyInputs (`kiln plan --explain` prints them; the cache keeps them to say what changed).
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { BuilderKind, Catalog, ImageSpec } from '../model/types.js'
import type { KeyInput } from './types.js'
import { Hasher, canonicalJson, sha256 } from './hash.js'
import { contextFilter } from './dockerignore.js'
import { aciHostBinaries, aciManifestRefs, packerRefs } from './packer-refs.js'

/**
 * Version of each builder's output format: bump it when a builder starts producing
 * different images from the same inputs, so every key of that builder changes.
 */
export const BUILDER_FORMAT: Record<BuilderKind, number> = {
  // 2: a FROM / image naming a chain image gets the stored image (chain-refs.ts); format 1
  // built on whatever the engine held under that name, so its images may not be what the key says.
  dockerfile: 2,
  packer: 2,
  overlay: 1,
  aci: 1,
  import: 1
}

export interface InputOptions {
  /**
   * Tool versions to fold into keys (e.g. `{ packer: '1.6.6' }`). None by default: a key must
   * come out the same on a runner that only plans (no docker, no packer) and on the one that
   * builds, so only versions a caller pins on both sides belong here.
   */
  toolVersions?: Partial<Record<BuilderKind, string>>
  /** Manifest digest of each store image a base names (`stored` bases): the key covers its content. */
  storedBases?: ReadonlyMap<string, string>
}

/**
 * The spec as it counts for the key: without its place in the file (index, pointer, line)
 * and without what only acts after the build (exports, the boot check, the kernel pin),
 * so reordering the catalog or asking for one more archive rebuilds nothing. The name
 * stays: it is the tag the image gets.
 */
export function specForKey(
  spec: ImageSpec
): Omit<
  ImageSpec,
  'index' | 'pointer' | 'line' | 'baseLine' | 'baseColumn' | 'exports' | 'verify' | 'gates' | 'kernel'
> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { index, pointer, line, baseLine, baseColumn, exports, verify, gates, kernel, ...rest } = spec
  return rest
}

export async function gatherInputs(
  catalog: Catalog,
  spec: ImageSpec,
  hasher: Hasher,
  opts: InputOptions = {}
): Promise<KeyInput[]> {
  const root = catalog.root
  const tool = opts.toolVersions?.[spec.builder]
  const builderName = `${spec.builder}@${BUILDER_FORMAT[spec.builder]}${tool ? ` ${tool}` : ''}`
  const fixed: KeyInput[] = [
    { kind: 'builder', name: builderName, digest: sha256(builderName) },
    { kind: 'spec', name: spec.name, digest: sha256(canonicalJson(specForKey(spec))) }
  ]
  for (const k of Object.keys(spec.args).sort())
    fixed.push({ kind: 'arg', name: k, digest: sha256(spec.args[k]) })
  if (spec.extraArgs.length)
    fixed.push({
      kind: 'extra-args',
      name: spec.extraArgs.join(' '),
      digest: sha256(canonicalJson(spec.extraArgs))
    })

  // Content inputs: promises in a fixed order, settled together so hashing runs in parallel.
  const pending: Array<Promise<KeyInput | undefined>> = []
  const abs = (rel: string): string => path.join(root, rel)
  const fileInput = (kind: string, rel: string): Promise<KeyInput> =>
    hasher.file(abs(rel)).then((digest) => ({ kind, name: rel, digest }))
  /** A path that is a file or a directory (packs, copy sources, referenced files). */
  const pathInput = async (kind: string, absPath: string): Promise<KeyInput | undefined> => {
    const rel = path.relative(root, absPath).split(path.sep).join('/') || '.'
    let real: string
    try {
      real = await realpath(absPath)
    } catch {
      return undefined // not there (yet): the builder will say so
    }
    if (real !== root && !real.startsWith(root + path.sep))
      return { kind: `${kind}-outside-root`, name: rel, digest: sha256(real) }
    const st = await stat(real)
    if (st.isDirectory()) return { kind: `${kind}-tree`, name: rel, digest: await hasher.tree(real) }
    // A script's executable bit decides whether it runs; it shows in the name so the
    // digest stays the plain sha256 of the content (what sha256sum prints).
    return { kind, name: st.mode & 0o111 ? `${rel} (executable)` : rel, digest: await hasher.file(real) }
  }

  /**
   * An absolute host path (genoci's expand, install and copy may name the user's own files
   * anywhere on the host): by content, under its absolute name, so `--explain` lists it.
   */
  const hostInput = async (kind: string, hostPath: string): Promise<KeyInput | undefined> => {
    const st = await stat(hostPath).catch(() => null)
    if (!st) return undefined // gone since the catalog was loaded: the builder will say so
    if (st.isDirectory())
      return { kind: `host-${kind}-tree`, name: hostPath, digest: await hasher.tree(hostPath) }
    return { kind: `host-${kind}`, name: hostPath, digest: await hasher.file(hostPath) }
  }
  const overlayInput = (kind: string, p: string): Promise<KeyInput | undefined> =>
    path.isAbsolute(p) ? hostInput(kind, p) : pathInput(kind, abs(p))

  if (spec.file) pending.push(fileInput('file', spec.file))

  if (spec.builder === 'dockerfile') {
    const context = abs(spec.workingDir)
    const ignore = await contextFilter(context, spec.file ? abs(spec.file) : undefined)
    if (ignore.file) pending.push(pathInput('dockerignore', ignore.file))
    pending.push(
      hasher
        .tree(context, ignore.filter)
        .then((digest) => ({ kind: 'context', name: spec.workingDir, digest }))
    )
  }

  if (spec.builder === 'packer' && spec.file) {
    const text = await readFile(abs(spec.file), 'utf8')
    for (const ref of packerRefs(spec.file, text)) {
      const from = ref.relativeTo === 'template' ? path.dirname(abs(spec.file)) : abs(spec.workingDir)
      pending.push(pathInput('packer-ref', path.resolve(from, ref.path)))
    }
  }

  if (spec.builder === 'aci' && spec.file) {
    const text = await readFile(abs(spec.file), 'utf8')
    for (const ref of aciManifestRefs(text))
      pending.push(pathInput('aci-ref', path.resolve(path.dirname(abs(spec.file)), ref)))
    // Programs copied from the build host: by content, so a changed program is not reused.
    for (const bin of aciHostBinaries(text))
      pending.push(
        hasher.file(bin).then(
          (digest) => ({ kind: 'aci-host-binary', name: bin, digest }),
          () => undefined // not on this host: the build says so
        )
      )
  }

  for (const p of spec.overlay?.packs ?? []) pending.push(pathInput('pack', abs(p)))
  for (const c of spec.overlay?.copy ?? []) pending.push(overlayInput('copy', c.src))
  for (const p of [...(spec.overlay?.expand ?? []), ...(spec.overlay?.install ?? [])])
    pending.push(overlayInput('file', p))

  // Sources that are files in the checkout count by content; a docker ref or a bootstrap
  // counts by its spec (pin a digest or a snapshot date for a key that means one content).
  const b = spec.base
  if (b.kind === 'stored') {
    const digest = opts.storedBases?.get(b.name)
    if (!digest) throw new Error(`[internal error] no digest for the store image ${b.name} of ${spec.name}`)
    fixed.push({ kind: 'base-stored', name: b.name, digest })
  }
  if (b.kind === 'tar' || b.kind === 'squashfs') pending.push(fileInput(`base-${b.kind}`, b.path))
  if (b.kind === 'dir')
    pending.push(hasher.tree(abs(b.path)).then((digest) => ({ kind: 'base-dir', name: b.path, digest })))

  const content = (await Promise.all(pending)).filter((i): i is KeyInput => i !== undefined)
  return [...fixed, ...content]
}
