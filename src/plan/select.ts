/**
 * Selection: the images a run asks for (by name and/or matrix axes), plus every ancestor
 * they need. The matrix lists the axis values of the images asked for, not of ancestors
 * pulled in only to build them: a plan for c3.small.x86 fans out over that plan alone,
 * although it needs the distro base, which has no plan.
 */
import { canonicalArch } from '../model/arch.js'
import type { Catalog, ImageSpec } from '../model/types.js'
import { displayPath } from '../model/load.js'
import { didYouMean } from '../model/suggest.js'
import { InvalidInputError, type Problem } from '../util/errors.js'

export interface Selection {
  /** Image names; empty or absent: every image that matches the axes. */
  targets?: string[]
  distro?: string
  plan?: string
  arch?: string
}

export interface Selected {
  /** Names of images asked for (targets matching the axes). */
  chosen: Set<string>
  /** chosen plus all their ancestors. */
  needed: Set<string>
}

export function selectImages(catalog: Catalog, deps: Map<string, string[]>, sel: Selection = {}): Selected {
  const file = displayPath(catalog.file)
  const names = catalog.images.map((s) => s.name)
  const problems: Problem[] = []
  for (const t of sel.targets ?? [])
    if (!names.includes(t))
      problems.push({
        file,
        pointer: '',
        message: `target "${t}" names no image of the catalog${didYouMean(t, names)}`
      })
  if (problems.length) throw new InvalidInputError(problems)
  const axis = (s: ImageSpec): boolean =>
    (sel.distro === undefined || s.distro === sel.distro) &&
    (sel.plan === undefined || s.plan === sel.plan) &&
    // One machine, whichever spelling (aarch64, arm64): the Action's matrix gives the uname one.
    (sel.arch === undefined || canonicalArch(s.arch) === canonicalArch(sel.arch))
  const targets = sel.targets?.length ? new Set(sel.targets) : undefined
  const chosen = new Set(
    catalog.images.filter((s) => (!targets || targets.has(s.name)) && axis(s)).map((s) => s.name)
  )
  if (!chosen.size) {
    const what = [
      ...(sel.targets?.length ? [`targets ${sel.targets.join(', ')}`] : []),
      ...(['distro', 'plan', 'arch'] as const)
        .filter((k) => sel[k] !== undefined)
        .map((k) => `${k} ${sel[k]}`)
    ]
    throw new InvalidInputError([
      { file, pointer: '', message: `the selection (${what.join(', ')}) matches no image` }
    ])
  }
  const needed = new Set<string>()
  const visit = (n: string): void => {
    if (needed.has(n)) return
    needed.add(n)
    for (const d of deps.get(n) ?? []) visit(d)
  }
  for (const n of chosen) visit(n)
  return { chosen, needed }
}

/** Distinct axis values of the chosen images, in build order. */
export function matrixOf(
  order: ImageSpec[],
  chosen: Set<string>
): { distro: string[]; plan: string[]; arch: string[] } {
  const m = { distro: [] as string[], plan: [] as string[], arch: [] as string[] }
  for (const s of order) {
    if (!chosen.has(s.name)) continue
    for (const k of ['distro', 'plan', 'arch'] as const) {
      const v = k === 'arch' ? canonicalArch(s.arch) : s[k]
      if (v !== undefined && !m[k].includes(v)) m[k].push(v)
    }
  }
  return m
}
