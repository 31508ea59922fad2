/**
 * The build plan: which images to build, in which order, and the input key of each.
 */
import type { Catalog } from '../model/types.js'
import type { Plan, PlannedImage } from './types.js'
import { allDeps, dockerfileDeps, topoOrder } from './graph.js'
import { matrixOf, selectImages, type Selection } from './select.js'
import { computeKeys, type KeyOptions } from './keys.js'

export * from './types.js'
export type { Selection } from './select.js'
export type { KeyOptions } from './keys.js'
export { selectImages, matrixOf } from './select.js'
export { computeKeys, keyOf, KEY_FORMAT } from './keys.js'
export { BUILDER_FORMAT, gatherInputs, specForKey } from './inputs.js'
export { allDeps, canonicalRef, chainMatcher, dockerfileDeps, topoOrder } from './graph.js'
export { buildArgsFrom, dockerfileFroms, instructions, substitute, type FromRef } from './dockerfile-from.js'
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

export type PlanOptions = KeyOptions

/**
 * Plans a build of `selection` (default: every image): the chosen images and all their
 * ancestors in topological order (catalog order breaks ties), each with its input key.
 * Throws InvalidInputError for a dependency cycle or a selection naming no image.
 */
export async function makePlan(
  catalog: Catalog,
  selection: Selection = {},
  opts: PlanOptions = {}
): Promise<Plan> {
  const deps = allDeps(catalog, await dockerfileDeps(catalog))
  const order = topoOrder(catalog, deps)
  const { chosen, needed } = selectImages(catalog, deps, selection)
  const planned = order.filter((s) => needed.has(s.name))
  const keys = await computeKeys(catalog, planned, deps, opts)
  const images: PlannedImage[] = planned.map((spec) => {
    const k = keys.get(spec.name) as { key: string; inputs: PlannedImage['inputs'] }
    return {
      spec,
      key: k.key,
      inputs: k.inputs,
      deps: deps.get(spec.name) ?? [],
      selected: chosen.has(spec.name)
    }
  })
  return { catalog, images, matrix: matrixOf(order, chosen) }
}
