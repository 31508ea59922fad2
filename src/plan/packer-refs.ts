/**
 * Files a Packer template reads, where the template says so plainly: provisioners'
 * `source`/`sources`, `script`/`scripts`, `playbook_file`, `galaxy_file`, `role_paths`.
 * JSON templates are walked; HCL templates are scanned for those attributes' string
 * literals. `{{template_dir}}` / `${path.root}` and `{{pwd}}` / `${path.cwd}` are
 * resolved; any other interpolation cannot be known before the build and is skipped.
 */

import { checkSteps, cmdCopies, type AciStep } from '../model/aci.js'

const KEYS = ['source', 'sources', 'script', 'scripts', 'playbook_file', 'galaxy_file', 'role_paths']

export interface PackerRef {
  /** The path as written, with the known variables resolved. */
  path: string
  /** Where a relative path starts: the template's directory or packer's working directory. */
  relativeTo: 'template' | 'cwd'
}

function resolveVars(s: string): PackerRef | undefined {
  let relativeTo: PackerRef['relativeTo'] = 'cwd'
  let p = s
  const tmpl = /^(\{\{\s*template_dir\s*\}\}|\$\{path\.root\})\/?/
  const cwd = /^(\{\{\s*pwd\s*\}\}|\$\{path\.cwd\})\/?/
  if (tmpl.test(p)) {
    relativeTo = 'template'
    p = p.replace(tmpl, '')
  } else p = p.replace(cwd, '')
  if (!p || /\{\{|\$\{/.test(p) || /^[a-z]+:\/\//i.test(p)) return undefined
  return { path: p, relativeTo }
}

export function packerJsonRefs(text: string): PackerRef[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return []
  }
  const found: string[] = []
  const provisioners = (doc as { provisioners?: unknown })?.provisioners
  for (const p of Array.isArray(provisioners) ? provisioners : []) {
    if (!p || typeof p !== 'object') continue
    for (const k of KEYS) {
      const v = (p as Record<string, unknown>)[k]
      for (const s of Array.isArray(v) ? v : [v]) if (typeof s === 'string') found.push(s)
    }
  }
  return uniq(found)
}

export function packerHclRefs(text: string): PackerRef[] {
  const found: string[] = []
  const attr = new RegExp(`^\\s*(?:${KEYS.join('|')})\\s*=\\s*(\\[[^\\]]*\\]|"(?:[^"\\\\]|\\\\.)*")`, 'gm')
  for (const m of text.matchAll(attr))
    for (const lit of m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)) found.push(lit[1].replace(/\\(.)/g, '$1'))
  // A build block's `sources = ["source.docker.x"]` names builders, not files.
  return uniq(found.filter((f) => !/^source\.[\w-]+\.[\w-]+$/.test(f)))
}

export function packerRefs(file: string, text: string): PackerRef[] {
  return /\.json$/i.test(file) ? packerJsonRefs(text) : packerHclRefs(text)
}

function uniq(paths: string[]): PackerRef[] {
  const out: PackerRef[] = []
  for (const s of paths) {
    const r = resolveVars(s)
    if (r && !out.some((o) => o.path === r.path && o.relativeTo === r.relativeTo)) out.push(r)
  }
  return out
}

/** The valid steps of an ACI manifest's text (none when it does not parse: loading reported that). */
function aciSteps(text: string): AciStep[] {
  try {
    return checkSteps(JSON.parse(text)).steps
  } catch {
    return []
  }
}

/**
 * Project files an ACI manifest's build steps read, relative to the manifest: an `image`
 * path, a copied `cmd` script, a playbook, the project side of copy_host_files' `files`, and
 * the relative sources of `copy` (its absolute ones are in the base image, whose key counts).
 */
export function aciManifestRefs(text: string): string[] {
  const out: string[] = []
  const relative = (p: string): void => {
    if (!p.startsWith('/')) out.push(p)
  }
  for (const s of aciSteps(text)) {
    if (s.step === 'image' && s.path) out.push(s.path)
    else if (s.step === 'cmd' && cmdCopies(s)) out.push(s.path)
    else if (s.step === 'ansible') out.push(s.playbook)
    else if (s.step === 'copy_host_files') for (const [src] of s.files ?? []) out.push(src)
    else if (s.step === 'copy') {
      for (const b of s.binaries ?? []) relative(typeof b === 'string' ? b : b[0])
      for (const [src] of s.files ?? []) relative(src)
    }
  }
  return [...new Set(out)]
}

/** Build-host programs an ACI manifest copies (copy_host_files' `binaries`): they count by content. */
export function aciHostBinaries(text: string): string[] {
  const out = aciSteps(text).flatMap((s) => (s.step === 'copy_host_files' ? (s.binaries ?? []) : []))
  return [...new Set(out)]
}

/** Docker images a Packer template's docker builders start from (`image`): chain images it depends on. */
export function packerDockerImages(file: string, text: string): string[] {
  if (!/\.json$/i.test(file)) {
    // HCL: `image = "..."` attributes (source "docker" blocks); interpolated values are unknowable.
    return [...text.matchAll(/^\s*image\s*=\s*"([^"$]+)"/gm)].map((m) => m[1])
  }
  let doc: { builders?: unknown } | undefined
  try {
    doc = JSON.parse(text) as { builders?: unknown }
  } catch {
    return []
  }
  const builders = Array.isArray(doc?.builders) ? (doc.builders as Array<Record<string, unknown>>) : []
  return builders
    .filter((b) => b && b.type === 'docker' && typeof b.image === 'string' && !String(b.image).includes('{{'))
    .map((b) => String(b.image))
}

/** Docker tags a Packer JSON template gives its result (docker-tag / docker-import post-processors). */
export function packerDockerTags(file: string, text: string): string[] {
  if (!/\.json$/i.test(file)) return []
  let doc: { 'post-processors'?: unknown } | undefined
  try {
    doc = JSON.parse(text) as { 'post-processors'?: unknown }
  } catch {
    return []
  }
  const out: string[] = []
  const visit = (p: unknown): void => {
    if (Array.isArray(p)) return p.forEach(visit)
    if (!p || typeof p !== 'object') return
    const pp = p as { type?: unknown; repository?: unknown; tag?: unknown; tags?: unknown }
    if ((pp.type !== 'docker-tag' && pp.type !== 'docker-import') || typeof pp.repository !== 'string') return
    const tags = Array.isArray(pp.tags) ? pp.tags : [pp.tag ?? 'latest']
    for (const t of tags)
      if (typeof t === 'string' && !`${pp.repository}:${t}`.includes('{{')) out.push(`${pp.repository}:${t}`)
  }
  visit(doc?.['post-processors'])
  return out
}
