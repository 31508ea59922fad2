/**
 * The build graph: an image depends on its base (when it names an image), its depends_on,
 * and the chain images its Dockerfile builds FROM. Order is topological with the catalog's
 * list order breaking ties, so the same catalog always gives the same order.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Catalog, ImageSpec } from '../model/types.js'
import type { ChainRef } from './types.js'
import { displayPath, explicitDeps } from '../model/load.js'
import { findCycles, formatCycle } from '../model/cycles.js'
import { InvalidInputError, type Problem } from '../util/errors.js'
import { dockerfileBuildArgs, dockerfileImageRefs } from './dockerfile-from.js'
import { packerDockerImages, packerDockerTags } from './packer-refs.js'

/** A docker reference in a comparable form: no default registry/namespace, no `:latest`. */
export function canonicalRef(ref: string): string {
  let r = ref.toLowerCase()
  r = r.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '')
  return r.replace(/:latest$/, '')
}

/**
 * Finds the chain image a FROM reference names: its name, name:latest, its tag, or a tag
 * its Packer template gives it (`extraTags`).
 */
export function chainMatcher(
  specs: ImageSpec[],
  extraTags: Map<string, string[]> = new Map()
): (ref: string) => ImageSpec | undefined {
  const byRef = new Map<string, ImageSpec>()
  for (const s of specs)
    for (const t of [...(s.tag ? [s.tag] : []), ...(extraTags.get(s.name) ?? [])])
      if (!byRef.has(canonicalRef(t))) byRef.set(canonicalRef(t), s)
  // Names win over tags: they are what a v1 catalog's Dockerfiles write.
  for (const s of specs) byRef.set(canonicalRef(s.name), s)
  return (ref) => byRef.get(canonicalRef(ref))
}

/**
 * The chain images each image's main file names: a Dockerfile's FROM and COPY --from, a Packer
 * template's docker builder `image`. An image naming itself is left out: `FROM debian` in an
 * image named debian means the upstream one.
 */
export async function chainReferences(catalog: Catalog): Promise<Map<string, ChainRef[]>> {
  const texts = new Map<string, string>()
  await Promise.all(
    catalog.images
      .filter((s) => (s.builder === 'dockerfile' || s.builder === 'packer') && s.file)
      .map(async (s) => texts.set(s.name, await readFile(path.join(catalog.root, s.file as string), 'utf8')))
  )
  const packerTags = new Map<string, string[]>()
  for (const s of catalog.images)
    if (s.builder === 'packer' && texts.has(s.name))
      packerTags.set(s.name, packerDockerTags(s.file as string, texts.get(s.name) as string))
  const match = chainMatcher(catalog.images, packerTags)
  const out = new Map<string, ChainRef[]>()
  for (const s of catalog.images) {
    const text = texts.get(s.name)
    if (text === undefined) continue
    const refs =
      s.builder === 'dockerfile'
        ? dockerfileImageRefs(text, dockerfileBuildArgs(s)).map((f) => f.ref)
        : packerDockerImages(s.file as string, text)
    const found: ChainRef[] = []
    for (const ref of refs) {
      const m = match(ref)
      if (m && m.name !== s.name && !found.some((f) => f.ref === canonicalRef(ref)))
        found.push({ ref: canonicalRef(ref), image: m.name })
    }
    out.set(s.name, found)
  }
  return out
}

/** The chain images each image's main file builds on, by name (see chainReferences). */
export async function dockerfileDeps(
  catalog: Catalog,
  refs?: Map<string, ChainRef[]>
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for (const [name, list] of refs ?? (await chainReferences(catalog)))
    out.set(name, [...new Set(list.map((r) => r.image))])
  return out
}

/** All dependencies of every image: base, depends_on, then FROM, without repeats. */
export function allDeps(catalog: Catalog, fromDeps: Map<string, string[]>): Map<string, string[]> {
  const deps = new Map<string, string[]>()
  for (const s of catalog.images)
    deps.set(s.name, [...new Set([...explicitDeps(s), ...(fromDeps.get(s.name) ?? [])])])
  return deps
}

/** Topological order, ancestors first, list order as the tie-break. Throws InvalidInputError on a cycle. */
export function topoOrder(catalog: Catalog, deps: Map<string, string[]>): ImageSpec[] {
  const specs = catalog.images
  const names = specs.map((s) => s.name)
  const cycles = findCycles(names, (n) => deps.get(n) ?? [])
  if (cycles.length) {
    const byName = new Map(specs.map((s) => [s.name, s]))
    const file = displayPath(catalog.file)
    throw new InvalidInputError(
      cycles.map((c): Problem => {
        const s = byName.get(c[0]) as ImageSpec
        return { file, pointer: s.pointer, line: s.line, image: s.name, message: formatCycle(c) }
      })
    )
  }
  const remaining = new Map(specs.map((s) => [s.name, new Set(deps.get(s.name) ?? [])]))
  const done = new Set<string>()
  const order: ImageSpec[] = []
  while (order.length < specs.length) {
    // Lowest list index among the images whose dependencies are all done.
    const next = specs.find(
      (s) => !done.has(s.name) && [...(remaining.get(s.name) ?? [])].every((d) => done.has(d))
    )
    if (!next) throw new Error('[internal error] no ready image although no cycle was found')
    done.add(next.name)
    order.push(next)
  }
  return order
}
