/**
 * The Action's outputs: names in one place, values computed by pure functions.
 */
import * as core from '@actions/core'
import type { RunReport } from '../../pipeline/types.js'
import type { Plan } from '../../plan/types.js'
import type { Selection } from '../../plan/index.js'
import type { ChangedInput } from '../../cache/index.js'
import type { UploadedArtifact } from './artifacts.js'
import type { PlanStatus } from './summary.js'
import { canonicalArch, hostArch, runsNatively } from '../../model/arch.js'

export const OUTPUTS = [
  'images',
  'artifacts',
  'cache-hits',
  'cache-hit',
  'built',
  'matrix',
  'plan',
  'release-url',
  'release-id',
  'subject-checksums',
  'artifact-ids',
  'artifact-urls'
] as const
export type OutputName = (typeof OUTPUTS)[number]

export interface MatrixEntry {
  distro: string
  plan: string
  /** uname-style (x86_64, aarch64) whatever the catalog's spelling: what a workflow maps to `runs-on`. */
  arch: string
  /**
   * True when the runner that planned is of another architecture: a job on a runner like it
   * builds these images under qemu-user (slower), where a runner of `arch` builds them natively.
   */
  emulated: boolean
  /** The images of this combination that were asked for, comma separated: a job builds exactly these. */
  targets: string
}

/**
 * One matrix job per distinct (distro, plan, arch) of the images asked for (not of ancestors
 * pulled in to build them), each naming its images so that no image is the target of two jobs:
 * `{"include":[...]}` as strategy.matrix takes it through fromJSON.
 */
export function matrixOf(plan: Plan, sel: Selection, host = hostArch()): { include: MatrixEntry[] } {
  const targets = sel.targets?.length ? new Set(sel.targets) : undefined
  const chosen = plan.images.filter(
    (p) =>
      (!targets || targets.has(p.spec.name)) &&
      (sel.distro === undefined || p.spec.distro === sel.distro) &&
      (sel.plan === undefined || p.spec.plan === sel.plan) &&
      (sel.arch === undefined || canonicalArch(p.spec.arch) === canonicalArch(sel.arch))
  )
  const groups = new Map<string, MatrixEntry>()
  for (const p of chosen) {
    const arch = canonicalArch(p.spec.arch)
    const e = {
      distro: p.spec.distro ?? '',
      plan: p.spec.plan ?? '',
      arch,
      emulated: !runsNatively(arch, host),
      targets: ''
    }
    const id = JSON.stringify([e.distro, e.plan, e.arch])
    const g = groups.get(id) ?? e
    g.targets = g.targets ? `${g.targets},${p.spec.name}` : p.spec.name
    groups.set(id, g)
  }
  return { include: [...groups.values()] }
}

export interface PlanOutputImage {
  name: string
  key: string
  builder: string
  deps: string[]
  distro?: string
  plan?: string
  arch: string
  /** Built under qemu-user on a runner like the one that planned (see MatrixEntry). */
  emulated: boolean
  /** build: would be built; cache: would be restored; store: already in the store. */
  status: PlanStatus
  changed?: ChangedInput[] | null
}

export function setOutput(name: OutputName, value: string | number | boolean | object): void {
  core.setOutput(name, typeof value === 'object' ? JSON.stringify(value) : String(value))
}

/** Outputs of a build: set before a failure is reported, so later steps can still read them. */
export function setBuildOutputs(report: RunReport): void {
  setOutput(
    'images',
    report.images.map((i) => ({
      name: i.name,
      key: i.key,
      status: i.status,
      seconds: i.seconds,
      size: i.size,
      manifestDigest: i.manifestDigest,
      tag: i.tag,
      changed: i.changed
    }))
  )
  const files = report.images.flatMap((i) => i.exports?.files.map((f) => `${i.exports!.dir}/${f.name}`) ?? [])
  setOutput('artifacts', files.join('\n'))
  setOutput('cache-hits', report.images.filter((i) => i.status === 'restored').length)
  setOutput('cache-hit', cacheHit(report.images.map((i) => i.status)))
  setOutput('built', report.images.filter((i) => i.status === 'built').length)
}

/**
 * true when every image of the run came from the store or the cache (build: reused or restored;
 * plan: store or cache), false when any was (or would be) built or failed, or there were none.
 */
export function cacheHit(statuses: string[]): boolean {
  return statuses.length > 0 && statuses.every((s) => ['reused', 'restored', 'store', 'cache'].includes(s))
}

/** What was uploaded, as JSON objects keyed by artifact name: {"name": id} and {"name": url}. */
export function setArtifactOutputs(artifacts: UploadedArtifact[]): void {
  setOutput('artifact-ids', Object.fromEntries(artifacts.map((a) => [a.name, a.id ?? null])))
  setOutput('artifact-urls', Object.fromEntries(artifacts.map((a) => [a.name, a.url ?? null])))
}
