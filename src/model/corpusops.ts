/**
 * The corpusops build-chain IMAGES.json (`{"images": [...]}` with `builder_type` entries)
 * loads as it is, with the defaulting rules of corpusops' docker_build_chain.py:
 *
 * - `builder_type`: `packer` (default), `dockerfile`, or its alias `docker`; a `dockerfile`
 *   or `docker_file` key forces dockerfile (and names the file when `file` is absent).
 * - `name` defaults to the project directory's name without a `setups.` prefix.
 * - dockerfile entries need `tag`, read as `[host[:port]/][repo/]image[:version]`: the image
 *   part becomes `name` and the tag part `version`, over what the entry says.
 * - `version` otherwise is the file name minus its last extension (a bare `Dockerfile` has none).
 * - `file` defaults to `{name}-{version}.json`, or `{name}.json` without a `version` (packer,
 *   looked up in `<IMAGES dir>/packer/`), or `Dockerfile.{name}-{version}`, or `Dockerfile`
 *   (dockerfile, looked up in the working dir). Only an explicit `version` counts here, as in
 *   corpusops. `{...}` placeholders in a dockerfile's `file` are expanded.
 * - `working_dir` defaults to the parent of the IMAGES.json directory. It is resolved against
 *   the IMAGES.json directory, as corpusops documents (its code used the current directory,
 *   which made the result depend on where it was started).
 * - `extra_args` has `{tag}`, `{name}`, `{version}`, `{file}`, `{working_dir}`, `{builder_type}`
 *   and `{img_parts[...]}` (registry, registry_host, registry_port, repo, image, tag) expanded as Python's
 *   str.format would, then is split into words like a shell would, without running one.
 *
 * The project root of a corpusops file is the parent of its directory (it lives in
 * `.docker/` or `docker/`), since its working dir defaults there.
 *
 * Kiln's image name for an entry (its store tag and out/ directory) is derived from the tag:
 * `[repo/]image[:version]`, lowercased, with every run of characters a docker tag cannot hold
 * (`/`, `:`, ...) replaced by `-`: `corpusops/docker-matrix:v0.25.1` → `corpusops-docker-matrix-v0.25.1`.
 * Packer entries (no tag) use their file name without its extension, as corpusops keys them
 * by file: `myapp-1.0.json` → `myapp-1.0`. The docker tag itself is kept in `tag`.
 */
import path from 'node:path'
import type { ImageSpec } from './types.js'
import type { PathRef } from './normalize.js'
import { normalizeRel } from './paths.js'
import { splitShellWords } from './shell-words.js'
import { checkExtraArgs } from './extra-args.js'
import { didYouMean } from './suggest.js'

export const CORPUSOPS_KEYS = [
  'builder_type',
  'file',
  'working_dir',
  'extra_args',
  'tag',
  'name',
  'version',
  'dockerfile',
  'docker_file'
]

/** True when the document is a corpusops list rather than Kiln's v1 (which has `version: 1`). */
export function isCorpusopsDoc(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false
  const d = doc as { version?: unknown; images?: unknown }
  if (d.version !== undefined || !Array.isArray(d.images)) return false
  return d.images.some(
    (i) =>
      i !== null && typeof i === 'object' && ('builder_type' in i || 'dockerfile' in i || 'docker_file' in i)
  )
}

export interface TagParts {
  host?: string
  repo?: string
  image: string
  tag?: string
}

/** `[host[:port]/][repo/]image[:tag]`; the first component is a host when it has a `.` or `:` or is localhost. */
export function parseTag(tag: string): TagParts | undefined {
  const parts = tag.split('/')
  if (parts.some((p) => p === '')) return undefined
  let host: string | undefined
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) host = parts.shift()
  const last = parts.pop() as string
  const m = /^([^:@]+)(?::([\w][\w.-]{0,127}))?$/.exec(last)
  if (!m) return undefined
  const out: TagParts = { image: m[1] }
  if (host) out.host = host
  if (parts.length) out.repo = parts.join('/')
  if (m[2]) out.tag = m[2]
  return out
}

/** The parts under corpusops' names (its tag regex's groups), for `{img_parts[...]}`. */
function imgParts(p: TagParts | undefined): Record<string, string | null> {
  const [host, port] = (p?.host ?? '').split(':')
  return {
    registry: p?.host ?? null,
    registry_host: host || null,
    registry_port: port || null,
    repo: p?.repo ?? null,
    image: p?.image ?? null,
    tag: p?.tag ?? null
  }
}

export function sanitizeName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 128)
}

/** Python's str.format over a dict: `{key}`, `{key[sub]}`, `{{`, `}}`. Returns an error message for unknown keys. */
export function pyFormat(template: string, values: Record<string, unknown>): string | { error: string } {
  let error: string | undefined
  const out = template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{'
    if (m === '}}') return '}'
    const f = /^(\w+)(?:\[(\w+)\])?$/.exec(field ?? '')
    let v: unknown = f ? values[f[1]] : undefined
    if (f?.[2] !== undefined)
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[f[2]] : undefined
    if (v === null) {
      error ??= `placeholder "${m}" has no value here`
      return m
    }
    if (v === undefined) {
      error ??= `unknown placeholder "${m}"${didYouMean(field ?? '', Object.keys(values))}`
      return m
    }
    return String(v)
  })
  return error === undefined ? out : { error }
}

export interface CorpusopsResult {
  /** namePointer: where the entry's Kiln name comes from (its tag, or its file), for messages about the name. */
  specs: Array<{ spec: ImageSpec; paths: PathRef[]; namePointer: string }>
  /** [pointer, message, image name when it is known]. */
  problems: Array<[string, string, string?]>
  warnings: Array<[string, string]>
}

/** corpusops' own id of an entry (its images dict key): identical ids collapse into one image there. */
function corpusopsId(builderType: string, tag: string | undefined, file: string): string {
  return builderType === 'dockerfile' ? `dockerfile__${tag}` : `packer__${file}`
}

/** The spec without its place in the file: what two entries must share to be the same image. */
function sameImage(a: ImageSpec, b: ImageSpec): boolean {
  const strip = ({ index: _i, pointer: _p, line: _l, ...rest }: ImageSpec): string => JSON.stringify(rest)
  return strip(a) === strip(b)
}

/** Normalises every entry; `imagesDir` and `root` are absolute. */
export async function normalizeCorpusops(
  entries: unknown[],
  imagesDir: string,
  root: string,
  lines: Array<number | undefined>
): Promise<CorpusopsResult> {
  const specs: CorpusopsResult['specs'] = []
  const problems: CorpusopsResult['problems'] = []
  const warnings: Array<[string, string]> = []
  const byId = new Map<string, ImageSpec>()
  const where = (s: ImageSpec): string => `${s.pointer}${s.line !== undefined ? ` (line ${s.line})` : ''}`
  const rel = (abs: string): string => normalizeRel(path.relative(root, abs) || '.')
  for (const [index, value] of entries.entries()) {
    const at = `/images/${index}`
    const before = problems.length
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push([at, 'must be an object'])
      continue
    }
    const e = value as Record<string, unknown>
    for (const k of Object.keys(e))
      if (!CORPUSOPS_KEYS.includes(k))
        problems.push([`${at}/${k}`, `unknown key "${k}"${didYouMean(k, CORPUSOPS_KEYS)}`])
    for (const k of CORPUSOPS_KEYS)
      if (e[k] !== undefined && typeof e[k] !== 'string') problems.push([`${at}/${k}`, 'must be a string'])
    if (problems.length > before) continue
    const str = (k: string): string | undefined => (e[k] as string | undefined) || undefined

    let builderType = str('builder_type') ?? 'packer'
    if (builderType === 'docker') builderType = 'dockerfile'
    if (str('dockerfile') || str('docker_file')) builderType = 'dockerfile'
    if (builderType !== 'packer' && builderType !== 'dockerfile') {
      problems.push([
        `${at}/builder_type`,
        `unknown builder_type "${builderType}"; expected packer, dockerfile or docker${didYouMean(builderType, ['packer', 'dockerfile', 'docker'])}`
      ])
      continue
    }
    const tag = str('tag')
    let parts: TagParts | undefined
    if (tag) {
      parts = parseTag(tag)
      if (!parts) {
        problems.push([`${at}/tag`, `tag "${tag}" is not [host[:port]/][repo/]image[:tag]`])
        continue
      }
    } else if (builderType === 'dockerfile') {
      problems.push([at, 'builder_type dockerfile needs "tag"'])
      continue
    }
    let name = str('name') ?? path.basename(root).replace(/^setups\./, '')
    let version = str('version')
    // The default file uses the version given, not the tag's (corpusops picks it first).
    let fileName =
      str('file') ??
      str('dockerfile') ??
      str('docker_file') ??
      (builderType === 'packer'
        ? version
          ? `${name}-${version}.json`
          : `${name}.json`
        : version
          ? `Dockerfile.${name}-${version}`
          : 'Dockerfile')
    // A dockerfile's tag names the image: its parts win over `name` and `version`.
    if (parts) {
      name = parts.image
      if (parts.tag) version = parts.tag
    }
    const workingDir = path.resolve(imagesDir, str('working_dir') ?? '..')
    const fileDir = builderType === 'packer' ? path.join(imagesDir, 'packer') : workingDir
    const img: Record<string, unknown> = {
      ...e,
      builder_type: builderType,
      name,
      img_parts: imgParts(parts),
      working_dir: normalizeRel(path.relative(root, workingDir) || '.')
    }
    if (version) img.version = version
    if (fileName.includes('{') && fileName.includes('}')) {
      const f = pyFormat(fileName, { ...img, 0: name, 1: version ?? null })
      if (typeof f !== 'string') {
        problems.push([`${at}/file`, f.error])
        continue
      }
      fileName = f
    }
    if (!version) {
      const base = path.basename(fileName)
      const dot = base.lastIndexOf('.')
      if (dot <= 0) {
        problems.push([
          at,
          `no version: give "version", a tag with ":version", or a file name with an extension (not "${base}")`
        ])
        continue
      }
      version = base.slice(0, dot)
    }
    img.version = version
    img.file = fileName

    const kilnName = tag
      ? sanitizeName(`${parts?.repo ? parts.repo + '/' : ''}${parts?.image}${version ? ':' + version : ''}`)
      : sanitizeName(path.basename(fileName).replace(/\.[^.]*$/, ''))
    if (!kilnName) {
      problems.push([at, `cannot derive an image name from "${tag ?? name}"`])
      continue
    }

    let extraArgs: string[] = []
    const rawExtra = str('extra_args')
    if (rawExtra) {
      // corpusops formats only strings holding both braces, so a lone brace stays as is.
      const f = rawExtra.includes('{') && rawExtra.includes('}') ? pyFormat(rawExtra, img) : rawExtra
      const words = typeof f === 'string' ? splitShellWords(f) : f.error
      const checked = typeof words === 'string' ? { error: words } : checkExtraArgs(builderType, words)
      if (!Array.isArray(checked)) {
        problems.push([`${at}/extra_args`, checked.error, kilnName])
        continue
      }
      extraArgs = checked
    }

    const fileAbs = path.resolve(fileDir, fileName)
    const spec: ImageSpec = {
      name: kilnName,
      index,
      pointer: at,
      builder: builderType,
      base: { kind: 'scratch' },
      dependsOn: [],
      arch: 'x86_64',
      file: rel(fileAbs),
      workingDir: rel(workingDir),
      args: {},
      extraArgs,
      labels: {},
      exports: [],
      verify: true,
      version
    }
    if (tag) spec.tag = tag
    if (lines[index] !== undefined) spec.line = lines[index]
    const namePointer = tag ? `${at}/tag` : str('file') ? `${at}/file` : at
    const id = corpusopsId(builderType, tag, fileName)
    const first = byId.get(id)
    if (first && sameImage(first, spec)) {
      warnings.push([
        namePointer,
        `repeats ${where(first)} (corpusops' ${id}) exactly: dropped, as corpusops drops it`
      ])
      continue
    }
    if (first) {
      problems.push([
        namePointer,
        `${where(first)} is corpusops' ${id} too, with other settings: corpusops would keep only one; remove one or give it another ${tag ? 'tag' : 'file'}`
      ])
      continue
    }
    byId.set(id, spec)
    specs.push({
      namePointer,
      spec,
      paths: [
        {
          pointer: str('working_dir') ? `${at}/working_dir` : at,
          rel: path.relative(root, workingDir) || '.',
          kind: 'dir'
        },
        { pointer: str('file') ? `${at}/file` : at, rel: path.relative(root, fileAbs), kind: 'file' }
      ]
    })
  }
  return { specs, problems, warnings }
}
