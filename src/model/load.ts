/**
 * loadCatalog: reads IMAGES.json (v1 or corpusops, JSON or YAML; genoci YAML goes to its
 * own loader), validates it, and returns
 * the normalised Catalog, or throws InvalidInputError listing every problem found, each with
 * its file, JSON pointer, line and column. Nothing runs before the whole file is known good.
 */
import { access, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import { InvalidInputError, type Problem } from '../util/errors.js'
import type { Catalog, ImageSpec } from './types.js'
import { isJsonText, parseSource, type SourceDoc } from './positions.js'
import { Problems } from './problems.js'
import { checkV1Schema } from './validate.js'
import { normalizeV1, type PathRef, type RawDefaults, type RawImage } from './normalize.js'
import { isCorpusopsDoc, normalizeCorpusops } from './corpusops.js'
import { checkPath } from './paths.js'
import { didYouMean } from './suggest.js'
import { findCycles, formatCycle } from './cycles.js'
import { loadGenoci } from './genoci.js'
import { ACI_COMPRESSIONS, checkAciDocument } from './aci.js'
import { DEFAULT_CATALOG_FILES } from './defaults.js'
import { displayPath } from './display.js'

export { displayPath }

export interface LoadOptions {
  /** Project root; default: the file's directory (corpusops files: its parent, see corpusops.ts). */
  root?: string
}

// In a module of its own so the CLI's help text does not load the catalog parser.
export { DEFAULT_CATALOG_FILES }

/** The first default catalog file that exists in `dir`, else `IMAGES.json` (whose absence loadCatalog reports). */
export async function findCatalog(dir: string = process.cwd()): Promise<string> {
  for (const name of DEFAULT_CATALOG_FILES) {
    const f = path.join(dir, name)
    if (
      await access(f).then(
        () => true,
        () => false
      )
    )
      return f
  }
  return path.join(dir, DEFAULT_CATALOG_FILES[0])
}

export async function loadCatalog(file: string, opts: LoadOptions = {}): Promise<Catalog> {
  const abs = path.resolve(file)
  const display = displayPath(abs)
  let text: string
  try {
    text = await readFile(abs, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new InvalidInputError([
      {
        file: display,
        pointer: '',
        message: code === 'ENOENT' ? 'file does not exist' : `cannot read: ${String(e)}`
      }
    ])
  }
  const parsed = parseSource(display, text, isJsonText(abs, text))
  if (Array.isArray(parsed)) throw new InvalidInputError(parsed)

  // genoci's YAML (a map of tag → steps, with no `images` list) has its own loader.
  if (isGenociDoc(parsed.value)) return { format: 'genoci', ...(await loadGenoci(abs)) }

  // Paths are compared with the real root, so derive everything from the file's real path.
  const realFile = await realpath(abs)
  const corpusops = isCorpusopsDoc(parsed.value)
  const rootGiven = opts.root ?? (corpusops ? path.dirname(path.dirname(realFile)) : path.dirname(realFile))
  let root: string
  try {
    root = await realpath(path.resolve(rootGiven))
  } catch {
    throw new InvalidInputError([
      { file: display, pointer: '', message: `project root "${rootGiven}" does not exist` }
    ])
  }

  const problems = new Problems(parsed)
  const warnings = new Problems(parsed)
  const entries: Entry[] = []
  if (corpusops) {
    const images = (parsed.value as { images: unknown[] }).images
    const lines = images.map((_, i) => parsed.locate(`/images/${i}`)?.line)
    const r = await normalizeCorpusops(images, path.dirname(realFile), root, lines)
    for (const [pointer, message, image] of r.problems)
      problems.add(pointer, message, image, keyPointer(message))
    for (const [pointer, message] of r.warnings) warnings.add(pointer, message)
    entries.push(...r.specs)
  } else {
    entries.push(
      ...normalizeV1Doc(parsed, problems).map((e) => ({ ...e, namePointer: `${e.spec.pointer}/name` }))
    )
  }

  checkNames(entries, problems)
  await checkPaths(root, entries, problems)
  // A manifest whose path is bad was reported above; the others are read and checked.
  const badPointers = new Set(problems.list.map((p) => p.pointer))
  const aci = entries.filter((e) => e.spec.builder === 'aci' && !badPointers.has(`${e.spec.pointer}/file`))
  for (const { spec } of aci) problems.list.push(...(await checkAciManifest(root, spec, problems)))
  if (problems.list.length) throw new InvalidInputError(sortProblems(problems.list))
  return {
    file: abs,
    format: corpusops ? 'corpusops' : 'kiln-v1',
    root,
    images: entries.map((e) => e.spec),
    ...(warnings.list.length ? { warnings: warnings.list } : {})
  }
}

function isGenociDoc(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false
  const entries = Object.entries(doc)
  return (
    entries.length > 0 &&
    !('images' in doc) &&
    !('version' in doc) &&
    entries.every(([, v]) => v === null || (typeof v === 'object' && !Array.isArray(v)))
  )
}

function keyPointer(message: string): { key: boolean } | undefined {
  return message.startsWith('unknown key') ? { key: true } : undefined
}

function normalizeV1Doc(doc: SourceDoc, problems: Problems): Array<{ spec: ImageSpec; paths: PathRef[] }> {
  const bad = checkV1Schema(doc.value, problems)
  const value = doc.value as { defaults?: RawDefaults; images?: unknown }
  if (!Array.isArray(value?.images)) return []
  const defaults = [...bad].some((p) => p.startsWith('/defaults')) ? {} : (value.defaults ?? {})
  const out: Array<{ spec: ImageSpec; paths: PathRef[] }> = []
  value.images.forEach((raw, i) => {
    const at = `/images/${i}`
    if ([...bad].some((p) => p === at || p.startsWith(`${at}/`))) return
    const r = normalizeV1(raw as RawImage, i, defaults, doc.locate(at)?.line)
    for (const [pointer, message] of r.problems) problems.add(pointer, message, r.spec.name)
    out.push({ spec: r.spec, paths: r.paths })
  })
  return out
}

/** An entry of the file, normalised; namePointer is where its name comes from (`name`, or corpusops' tag or file). */
interface Entry {
  spec: ImageSpec
  paths: PathRef[]
  namePointer: string
}

/** Unique names; base and depends_on name images that exist; no cycle through them. */
function checkNames(entries: Entry[], problems: Problems): void {
  const specs = entries.map((e) => e.spec)
  const byName = new Map<string, ImageSpec>()
  for (const { spec: s, namePointer } of entries) {
    const first = byName.get(s.name)
    if (first) {
      const where = problems.doc.locate(first.pointer)
      problems.add(
        namePointer,
        `duplicate image name "${s.name}" (first at ${first.pointer}${where ? `, line ${where.line}` : ''})`,
        s.name
      )
    } else byName.set(s.name, s)
  }
  const names = [...byName.keys()]
  for (const s of specs) {
    if (s.base.kind === 'image' && !byName.has(s.base.name))
      problems.add(
        `${s.pointer}/base`,
        `base "${s.base.name}" names no image of the catalog${didYouMean(s.base.name, names)}`,
        s.name
      )
    s.dependsOn.forEach((d, i) => {
      if (!byName.has(d))
        problems.add(
          `${s.pointer}/depends_on/${i}`,
          `depends_on "${d}" names no image of the catalog${didYouMean(d, names)}`,
          s.name
        )
    })
  }
  const cycles = findCycles(names, (n) => explicitDeps(byName.get(n) as ImageSpec))
  for (const c of cycles) {
    const s = byName.get(c[0]) as ImageSpec
    problems.add(s.pointer, formatCycle(c), s.name)
  }
}

export function explicitDeps(s: ImageSpec): string[] {
  return [...(s.base.kind === 'image' ? [s.base.name] : []), ...s.dependsOn]
}

async function checkPaths(root: string, entries: Entry[], problems: Problems): Promise<void> {
  const checks = entries.flatMap((e) => e.paths.map((p) => ({ ...p, image: e.spec.name })))
  const results = await Promise.all(checks.map((c) => checkPath(root, c.rel, c.kind)))
  results.forEach((message, i) => {
    if (message) problems.add(checks[i].pointer, message, checks[i].image)
  })
}

/**
 * An ACI node's manifest, checked now rather than when its build starts: the steps (either
 * aci-packer format) and the appc manifest, each problem at its line and column in the
 * manifest; an unknown `.aci` compression at the node's args.
 */
async function checkAciManifest(root: string, spec: ImageSpec, catalog: Problems): Promise<Problem[]> {
  const compression = spec.args.compression
  if (compression !== undefined && !(ACI_COMPRESSIONS as readonly string[]).includes(compression))
    catalog.add(
      `${spec.pointer}/args/compression`,
      `unknown compression "${compression}"; expected one of ${ACI_COMPRESSIONS.join(', ')}${didYouMean(compression, ACI_COMPRESSIONS)}`,
      spec.name
    )
  if (!spec.file) return []
  const abs = path.join(root, spec.file)
  const display = displayPath(abs)
  let text: string
  try {
    text = await readFile(abs, 'utf8')
  } catch (e) {
    return [{ file: display, pointer: '', image: spec.name, message: `cannot read: ${String(e)}` }]
  }
  const parsed = parseSource(display, text, true)
  if (Array.isArray(parsed)) return parsed.map((p) => ({ ...p, image: spec.name }))
  const problems = new Problems(parsed)
  for (const p of checkAciDocument(parsed.value, spec))
    problems.add(p.pointer, p.message, spec.name, { key: p.key ?? false })
  return problems.list
}

/** By file (the catalog first, then the manifests it names, as met), then by position. */
function sortProblems(list: Problem[]): Problem[] {
  const files = [...new Set(list.map((p) => p.file))]
  return list
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        files.indexOf(a.p.file) - files.indexOf(b.p.file) ||
        (a.p.line ?? 0) - (b.p.line ?? 0) ||
        (a.p.column ?? 0) - (b.p.column ?? 0) ||
        a.i - b.i
    )
    .map(({ p }) => p)
}
