/**
 * `kiln plan`: what would be built, in which order, with which input keys, without
 * building anything (and without docker: keys come from file contents only).
 */
import type { Command } from 'commander'
import type { RegisterCommand } from '../context.js'
import {
  DEFAULT_CATALOG_FILES,
  displayPath as displayPathOf,
  findCatalog,
  loadCatalog
} from '../../../model/load.js'
import type { BaseSource, BuilderKind } from '../../../model/types.js'
import { makePlan } from '../../../plan/index.js'
import type { Plan } from '../../../plan/types.js'

interface PlanFlags {
  file?: string
  root?: string
  target: string[]
  distro?: string
  plan?: string
  arch?: string
  json?: boolean
  explain?: boolean
}

/** The BASE column: for a Dockerfile or Packer image without one, its file decides (see DEPENDS ON). */
export function describeBase(b: BaseSource, builder?: BuilderKind): string {
  switch (b.kind) {
    case 'scratch':
      return builder === 'dockerfile' || builder === 'packer' || builder === 'aci' ? '-' : 'scratch'
    case 'image':
      return b.name
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

export function planJson(plan: Plan, explain: boolean): unknown[] {
  return plan.images.map((i) => ({
    name: i.spec.name,
    key: i.key,
    builder: i.spec.builder,
    base: describeBase(i.spec.base, i.spec.builder),
    depends_on: i.deps,
    distro: i.spec.distro ?? null,
    plan: i.spec.plan ?? null,
    arch: i.spec.arch,
    ...(explain ? { inputs: i.inputs } : {})
  }))
}

export function planText(plan: Plan, explain: boolean): string {
  const rows = [['#', 'NAME', 'KEY', 'BUILDER', 'BASE', 'DEPENDS ON']]
  plan.images.forEach((i, n) =>
    rows.push([
      String(n + 1),
      i.spec.name,
      i.key.slice(0, 12),
      i.spec.builder,
      describeBase(i.spec.base, i.spec.builder),
      i.deps.join(',') || '-'
    ])
  )
  let out = table(rows)
  if (explain)
    for (const i of plan.images) {
      out += `\n${i.spec.name} ${i.key}\n`
      out += table(i.inputs.map((x) => ['  ' + x.kind, x.name, x.digest]))
    }
  return out
}

export const registerPlan: RegisterCommand = (program: Command) => {
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
    .action(async (flags: PlanFlags) => {
      const file = flags.file ?? (await findCatalog())
      const catalog = await loadCatalog(file, flags.root ? { root: flags.root } : {})
      const plan = await makePlan(catalog, {
        targets: flags.target,
        distro: flags.distro,
        plan: flags.plan,
        arch: flags.arch
      })
      const explain = !!flags.explain
      process.stdout.write(
        flags.json ? JSON.stringify(planJson(plan, explain), null, 2) + '\n' : planText(plan, explain)
      )
    })
}
