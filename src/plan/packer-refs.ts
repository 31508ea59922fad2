/**
 * Files a Packer template reads, where the template says so plainly: provisioners'
 * `source`/`sources`, `script`/`scripts`, `playbook_file`, `galaxy_file`, `role_paths`.
 * JSON templates are walked; HCL templates are scanned for those attributes' string
 * literals. `{{template_dir}}` / `${path.root}` and `{{pwd}}` / `${path.cwd}` are
 * resolved; any other interpolation cannot be known before the build and is skipped.
 */

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

/**
 * Host files an ACI manifest's build steps read (aci-packer): `path` of image/cmd steps,
 * `playbook`, `src`, `script`, and the host side of `files` pairs. Relative to the manifest.
 */
export function aciManifestRefs(text: string): string[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return []
  }
  const out: string[] = []
  const visit = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) {
      if (key === 'files') {
        for (const pair of v) if (Array.isArray(pair) && typeof pair[0] === 'string') out.push(pair[0])
        return
      }
      for (const x of v) visit(x, key)
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, k)
    } else if (typeof v === 'string' && ['path', 'playbook', 'src', 'script'].includes(key ?? '')) out.push(v)
  }
  visit(doc)
  return [...new Set(out.filter((p) => !/^[a-z]+:\/\//i.test(p)))]
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
