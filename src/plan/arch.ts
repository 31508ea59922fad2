/**
 * One architecture per chain. An image is built on its base and on the chain images its file
 * names (FROM, COPY --from, a Packer `image`): their files end up in it, so they must be of its
 * architecture. An arm64 image on an amd64 base would build (qemu-user runs whatever it is
 * given) and boot nowhere, so the plan refuses it. `depends_on` only orders builds and may
 * cross architectures.
 */
import { canonicalArch } from '../model/arch.js'
import { displayPath } from '../model/display.js'
import type { Catalog, ImageSpec } from '../model/types.js'
import { InvalidInputError, type Problem } from '../util/errors.js'
import type { ChainRef } from './types.js'

/** Debian's name for a bootstrap's `arch`, canonical form (amd64 → x86_64). */
const bootstrapArch = (s: ImageSpec): string | undefined =>
  s.base.kind === 'bootstrap' && s.base.bootstrap.arch ? canonicalArch(s.base.bootstrap.arch) : undefined

/** Problems for every image whose base or named chain images are of another architecture. */
export function mixedArchProblems(catalog: Catalog, refs: Map<string, ChainRef[]>): Problem[] {
  const byName = new Map(catalog.images.map((s) => [s.name, s]))
  const file = displayPath(catalog.file)
  const problems: Problem[] = []
  for (const s of catalog.images) {
    const own = canonicalArch(s.arch)
    const at = (pointer: string, message: string): void => {
      problems.push({ file, pointer, line: s.line, image: s.name, message })
    }
    const boot = bootstrapArch(s)
    if (boot && boot !== own)
      at(
        `${s.pointer}/base/bootstrap/arch`,
        `bootstrap arch "${(s.base as { bootstrap: { arch: string } }).bootstrap.arch}" is not the image's arch "${s.arch}": a chain may not mix architectures`
      )
    const named: Array<{ image: string; how: string }> = []
    if (s.base.kind === 'image') named.push({ image: s.base.name, how: 'its base' })
    for (const r of refs.get(s.name) ?? [])
      if (!named.some((n) => n.image === r.image))
        named.push({
          image: r.image,
          how: `${s.builder === 'packer' ? 'its Packer template' : 'its Dockerfile'} names`
        })
    for (const n of named) {
      const other = byName.get(n.image)
      if (!other || canonicalArch(other.arch) === own) continue
      at(
        `${s.pointer}/arch`,
        `arch "${s.arch}", but ${n.how} ${other.name}, which is "${other.arch}": a chain may not mix architectures (use an image built for ${s.arch})`
      )
    }
  }
  return problems
}

/** Throws InvalidInputError listing every image that mixes architectures with its chain. */
export function checkArchitectures(catalog: Catalog, refs: Map<string, ChainRef[]>): void {
  const problems = mixedArchProblems(catalog, refs)
  if (problems.length) throw new InvalidInputError(problems)
}
