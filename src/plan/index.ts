/**
 * The build plan: which images to build, in which order, and the input key of each.
 */
import type { Catalog, ImageSpec } from '../model/types.js'
import { displayPath } from '../model/display.js'
import { InvalidInputError, type Problem } from '../util/errors.js'
import type { Plan, PlannedImage } from './types.js'
import { allDeps, chainReferences, dockerfileDeps, topoOrder } from './graph.js'
import { matrixOf, selectImages, type Selection } from './select.js'
import { computeKeys, type KeyOptions } from './keys.js'
import { checkArchitectures } from './arch.js'

export * from './types.js'
export type { Selection } from './select.js'
export type { KeyOptions } from './keys.js'
export { selectImages, matrixOf } from './select.js'
export { computeKeys, keyOf, KEY_FORMAT } from './keys.js'
export { checkArchitectures, mixedArchProblems } from './arch.js'
export { BUILDER_FORMAT, gatherInputs, specForKey } from './inputs.js'
export { allDeps, canonicalRef, chainMatcher, chainReferences, dockerfileDeps, topoOrder } from './graph.js'
export {
  buildArgsFrom,
  dockerfileBuildArgs,
  dockerfileFroms,
  dockerfileImageRefs,
  replaceSpans,
  substitute,
  type FromRef,
  type ImageRef
} from './dockerfile-from.js'
export { parseDockerfile, type Instruction, type ParsedDockerfile } from './dockerfile-parse.js'
export {
  CONTEXT_ALWAYS_EXCLUDED,
  contextFilter,
  dockerignoreFilter,
  parseDockerignore
} from './dockerignore.js'
export { Hasher, canonicalJson, sha256, type TreeFilter } from './hash.js'
export {
  aciHostBinaries,
  aciManifestRefs,
  packerDockerImages,
  packerDockerTags,
  packerRefs,
  type PackerRef
} from './packer-refs.js'

export interface PlanOptions extends KeyOptions {
  /**
   * The manifest digest of the store image of this name, or null: how bases naming an image of
   * the store (genoci's `base:` naming a tag built from another file) are found and keyed.
   */
  storedImage?: (name: string) => Promise<string | null>
}

/** The digest of every store image a base of `specs` names; InvalidInputError for those the store lacks. */
async function storedBases(
  catalog: Catalog,
  specs: ImageSpec[],
  lookup: PlanOptions['storedImage']
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const problems: Problem[] = []
  for (const s of specs) {
    if (s.base.kind !== 'stored' || out.has(s.base.name)) continue
    const digest = lookup ? await lookup(s.base.name) : null
    if (digest) out.set(s.base.name, digest)
    else
      problems.push({
        file: displayPath(catalog.file),
        pointer: `${s.pointer}/base`,
        line: s.baseLine ?? s.line,
        column: s.baseColumn,
        image: s.name,
        message: `base "${s.base.name}" is neither a tag of this file nor an image of the store${lookup ? '' : ' (no store to look in)'}`
      })
  }
  if (problems.length) throw new InvalidInputError(problems)
  return out
}

/**
 * Plans a build of `selection` (default: every image): the chosen images and all their
 * ancestors in topological order (catalog order breaks ties), each with its input key.
 * Throws InvalidInputError for a dependency cycle, a chain mixing architectures or a selection
 * naming no image.
 */
export async function makePlan(
  catalog: Catalog,
  selection: Selection = {},
  opts: PlanOptions = {}
): Promise<Plan> {
  const refs = await chainReferences(catalog)
  const deps = allDeps(catalog, await dockerfileDeps(catalog, refs))
  const order = topoOrder(catalog, deps)
  checkArchitectures(catalog, refs)
  const { chosen, needed } = selectImages(catalog, deps, selection)
  const planned = order.filter((s) => needed.has(s.name))
  const keys = await computeKeys(catalog, planned, deps, {
    ...opts,
    storedBases: await storedBases(catalog, planned, opts.storedImage)
  })
  const images: PlannedImage[] = planned.map((spec) => {
    const k = keys.get(spec.name) as { key: string; inputs: PlannedImage['inputs'] }
    return {
      spec,
      key: k.key,
      inputs: k.inputs,
      deps: deps.get(spec.name) ?? [],
      chainRefs: refs.get(spec.name) ?? [],
      selected: chosen.has(spec.name)
    }
  })
  return { catalog, images, matrix: matrixOf(order, chosen) }
}
