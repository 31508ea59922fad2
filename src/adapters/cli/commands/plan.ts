/**
 * `kiln plan`: what would be built, in which order, with which input keys, without
 * building anything (and without docker: keys come from file contents only).
 */
import { canonicalArch, runsNatively } from '../../../model/arch.js'
import type { Command } from 'commander'
import type { RegisterCommand } from '../context.js'
import { DEFAULT_CATALOG_FILES } from '../../../model/defaults.js'
import type { BaseSource, BuilderKind } from '../../../model/types.js'
import type { Plan, PlannedImage } from '../../../plan/types.js'
import type { ChangedInput } from '../../../cache/types.js'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Reporter } from '../../../util/log.js'
import { formatProblem } from '../../../util/errors.js'
import type { Store } from '../../../store/types.js'
import { DEFAULT_STORE_DIR } from '../../../store/defaults.js'

interface PlanFlags {
  file?: string
  root?: string
  target: string[]
  distro?: string
  plan?: string
  arch?: string
  json?: boolean
  explain?: boolean
  store?: string
  cacheDir?: string
}

/** Where each image would come from in a build, and for those to build, what changed. */
export interface PlanStatus {
  status: 'in store' | 'in cache' | 'build'
  /** For `build`: inputs changed since the last saved build (null: never built before). */
  changed?: ChangedInput[] | null
}

/**
 * Looks each planned image up in a store and a local cache, without building or restoring
 * anything: the "why does it rebuild" view, before the build runs.
 */
export async function planStatus(
  plan: Plan,
  opts: { store?: string; cacheDir?: string; reporter: Reporter }
): Promise<Map<string, PlanStatus>> {
  const { openStore } = await import('../../../store/index.js')
  const { openCache } = await import('../../../cache/index.js')
  const out = new Map<string, PlanStatus>()
  const store = opts.store && existsSync(opts.store) ? await openStore(opts.store) : null
  // The cache only reads records here; it wants a store for restores, which plan never does,
  // so without one it gets a throwaway store that is removed afterwards.
  const scratch = opts.cacheDir && !store ? await mkdtemp(join(tmpdir(), 'kiln-plan-')) : null
  try {
    const cache = opts.cacheDir
      ? await openCache({
          kind: 'local',
          dir: opts.cacheDir,
          reporter: opts.reporter,
          store: store ?? (await openStore(scratch!))
        })
      : null
    for (const p of plan.images) {
      if (store && (await store.findByKey(p.key))) out.set(p.spec.name, { status: 'in store' })
      else if (cache && (await cache.has(p))) out.set(p.spec.name, { status: 'in cache' })
      else
        out.set(p.spec.name, {
          status: 'build',
          changed: cache ? (await cache.explainMiss(p)).changed : null
        })
    }
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true })
  }
  return out
}

/**
 * Finds store images by name (bases naming one: genoci's `base:` naming a tag another file
 * built). The store is opened only when a base asks, and only if it exists: plan writes nothing.
 */
export function storedImageLookup(dir: string): (name: string) => Promise<string | null> {
  let opening: Promise<Store | null> | undefined
  return async (name) => {
    opening ??= existsSync(dir)
      ? import('../../../store/index.js').then((m) => m.openStore(dir))
      : Promise.resolve(null)
    const store = await opening
    return (await store?.getImage(name))?.manifestDigest ?? null
  }
}

/** "changed file a/Dockerfile, added file b" for one image, or why nothing can be said. */
export function describeChanges(changed: ChangedInput[] | null | undefined): string {
  if (!changed) return 'no earlier build to compare with'
  if (!changed.length) return 'same inputs as the last build'
  return changed.map((c) => `${c.change} ${c.kind} ${c.name}`).join(', ')
}

function statusOf(statuses: Map<string, PlanStatus> | null, i: PlannedImage): PlanStatus | undefined {
  return statuses?.get(i.spec.name)
}

/** The BASE column: for a Dockerfile or Packer image without one, its file decides (see DEPENDS ON). */
export function describeBase(b: BaseSource, builder?: BuilderKind): string {
  switch (b.kind) {
    case 'scratch':
      return builder === 'dockerfile' || builder === 'packer' || builder === 'aci' ? '-' : 'scratch'
    case 'image':
      return b.name
    case 'stored':
      return `store ${b.name}`
    case 'docker':
      return `docker ${b.ref}`
    case 'bootstrap':
      return `bootstrap ${b.bootstrap.suite}${b.bootstrap.variant ? `/${b.bootstrap.variant}` : ''}`
    default:
      return `${b.kind} ${b.path}`
  }
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  return (
    rows
      .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
      .join('\n') + '\n'
  )
}

export function planJson(
  plan: Plan,
  explain: boolean,
  statuses: Map<string, PlanStatus> | null = null
): unknown[] {
  return plan.images.map((i) => ({
    name: i.spec.name,
    key: i.key,
    builder: i.spec.builder,
    base: describeBase(i.spec.base, i.spec.builder),
    depends_on: i.deps,
    distro: i.spec.distro ?? null,
    plan: i.spec.plan ?? null,
    arch: i.spec.arch,
    ...(explain ? { inputs: i.inputs } : {}),
    ...(statuses ? statusOf(statuses, i) : {})
  }))
}

export function planText(
  plan: Plan,
  explain: boolean,
  statuses: Map<string, PlanStatus> | null = null
): string {
  // ARCH only when it says something: several architectures, or one this host emulates.
  const arches = new Set(plan.images.map((i) => canonicalArch(i.spec.arch)))
  const showArch = arches.size > 1 || [...arches].some((a) => !runsNatively(a))
  const rows = [
    [
      '#',
      'NAME',
      'KEY',
      ...(showArch ? ['ARCH'] : []),
      'BUILDER',
      'BASE',
      'DEPENDS ON',
      ...(statuses ? ['STATUS'] : [])
    ]
  ]
  plan.images.forEach((i, n) =>
    rows.push([
      String(n + 1),
      i.spec.name,
      i.key.slice(0, 12),
      ...(showArch ? [`${canonicalArch(i.spec.arch)}${runsNatively(i.spec.arch) ? '' : ' (emulated)'}`] : []),
      i.spec.builder,
      describeBase(i.spec.base, i.spec.builder),
      i.deps.join(',') || '-',
      ...(statuses ? [statusOf(statuses, i)?.status ?? '-'] : [])
    ])
  )
  let out = table(rows)
  if (statuses) {
    const rebuilt = plan.images.filter((i) => statusOf(statuses, i)?.status === 'build')
    if (rebuilt.length) out += '\nWhy they build:\n'
    for (const i of rebuilt) out += `  ${i.spec.name}: ${describeChanges(statusOf(statuses, i)?.changed)}\n`
  }
  if (explain)
    for (const i of plan.images) {
      out += `\n${i.spec.name} ${i.key}\n`
      out += table(i.inputs.map((x) => ['  ' + x.kind, x.name, x.digest]))
    }
  return out
}

export const registerPlan: RegisterCommand = (program: Command, ctx) => {
  program
    .command('plan')
    .description('Show the images a build would make, in order, with their input keys. Builds nothing.')
    .option(
      '-f, --file <file>',
      `the catalog, JSON or YAML (default: the first of ${DEFAULT_CATALOG_FILES.join(', ')})`
    )
    .option('--root <dir>', 'project root that paths resolve against (default: the catalog directory)')
    .option(
      '-t, --target <name>',
      'plan this image and its ancestors (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      []
    )
    .option('--distro <distro>', 'only images of this distro (and their ancestors)')
    .option('--plan <plan>', 'only images of this hardware plan (and their ancestors)')
    .option('--arch <arch>', 'only images of this architecture (and their ancestors)')
    .option('--json', 'print a JSON array instead of a table')
    .option('--explain', 'list every input of every key with its digest')
    .option('--store <dir>', 'say which images this store already holds')
    .option('--cache-dir <dir>', 'a local cache: say which images it holds and why the others would build')
    .action(async (flags: PlanFlags) => {
      const { findCatalog, loadCatalog } = await import('../../../model/load.js')
      const { makePlan } = await import('../../../plan/index.js')
      const file = flags.file ?? (await findCatalog())
      const catalog = await loadCatalog(file, flags.root ? { root: flags.root } : {})
      for (const w of catalog.warnings ?? []) ctx.reporter.warn(formatProblem(w))
      const plan = await makePlan(
        catalog,
        { targets: flags.target, distro: flags.distro, plan: flags.plan, arch: flags.arch },
        { storedImage: storedImageLookup(flags.store ?? DEFAULT_STORE_DIR) }
      )
      const explain = !!flags.explain
      const statuses =
        flags.store || flags.cacheDir
          ? await planStatus(plan, { store: flags.store, cacheDir: flags.cacheDir, reporter: ctx.reporter })
          : null
      process.stdout.write(
        flags.json
          ? JSON.stringify(planJson(plan, explain, statuses), null, 2) + '\n'
          : planText(plan, explain, statuses)
      )
    })
}
