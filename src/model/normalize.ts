/**
 * IMAGES.json v1 entry → ImageSpec, with the defaults applied. Runs on entries the schema
 * accepted, so the raw types are known; adds the problems the schema cannot see (a builder
 * without the file it needs, steps a builder would ignore) and lists the paths to check.
 */
import path from 'node:path'
import type { BaseSource, BootstrapSource, BuilderKind, ExportKind, ImageSpec, OverlaySpec } from './types.js'
import type { PathKind } from './paths.js'
import { normalizeRel } from './paths.js'
import { splitShellWords } from './shell-words.js'
import { checkExtraArgs } from './extra-args.js'
import { parseVerify, type RawVerify } from './verify.js'

export interface RawImage {
  name: string
  distro?: string
  plan?: string
  arch?: string
  base?: string | Record<string, unknown>
  depends_on?: string[]
  builder?: BuilderKind
  file?: string
  working_dir?: string
  args?: Record<string, string>
  vars?: Record<string, string>
  extra_args?: string | string[]
  tag?: string
  version?: string
  target?: string
  labels?: Record<string, string>
  network?: string
  packs?: string[]
  run?: Array<string | string[]>
  copy?: Array<{ src: string; dest: string }>
  env?: Record<string, string>
  entrypoint?: string[]
  cmd?: string[]
  exports?: ExportKind[]
  kernel?: string
  verify?: RawVerify
  mounts?: Array<'proc' | 'dev' | 'sys'>
  policy_rc_d?: boolean
}

export type RawDefaults = Partial<
  Pick<
    RawImage,
    'arch' | 'distro' | 'plan' | 'exports' | 'verify' | 'network' | 'labels' | 'mounts' | 'policy_rc_d'
  >
>

/** A path the entry refers to, checked for existence and containment by the loader. */
export interface PathRef {
  pointer: string
  rel: string
  kind: PathKind
}

export interface NormalizeResult {
  spec: ImageSpec
  paths: PathRef[]
  /** Problems as [pointer, message]. */
  problems: Array<[string, string]>
}

const OVERLAY_STEPS = ['packs', 'run', 'copy'] as const

export function parseBase(base: RawImage['base']): BaseSource {
  if (base === undefined || base === 'scratch' || base === 'empty') return { kind: 'scratch' }
  if (typeof base === 'string') return { kind: 'image', name: base }
  if ('image' in base) return { kind: 'docker', ref: String(base.image) }
  if ('tar' in base) return { kind: 'tar', path: normalizeRel(String(base.tar)) }
  if ('dir' in base) return { kind: 'dir', path: normalizeRel(String(base.dir)) }
  if ('squashfs' in base) return { kind: 'squashfs', path: normalizeRel(String(base.squashfs)) }
  return { kind: 'bootstrap', bootstrap: { ...(base.bootstrap as BootstrapSource) } }
}

function isSource(b: BaseSource): boolean {
  return b.kind !== 'scratch' && b.kind !== 'image'
}

/** Builder when the entry names none: overlay steps → overlay; file name → dockerfile/packer; a bare source → import. */
function inferBuilder(raw: RawImage, base: BaseSource): BuilderKind | string {
  if (OVERLAY_STEPS.some((k) => raw[k] !== undefined)) return 'overlay'
  if (raw.file) {
    const f = path.posix.basename(raw.file)
    if (/^Dockerfile|\.dockerfile$|^Containerfile/i.test(f)) return 'dockerfile'
    if (/\.pkr\.(hcl|json)$/i.test(f)) return 'packer'
    return `cannot tell the builder from file "${raw.file}": set "builder"`
  }
  if (isSource(base)) return 'import'
  return 'nothing to build: give "builder" and "file", overlay steps, or a base source'
}

/** `extra_args` split like a shell would and checked against the builder's allowlist. */
function extraArgsOf(given: string | string[], builder: BuilderKind): string[] | { error: string } {
  const words = Array.isArray(given) ? given : splitShellWords(given)
  if (typeof words === 'string') return { error: words }
  if (builder !== 'dockerfile' && builder !== 'packer')
    return { error: '"extra_args" is only used by the dockerfile and packer builders' }
  return checkExtraArgs(builder, words)
}

export function normalizeV1(
  raw: RawImage,
  index: number,
  defaults: RawDefaults,
  line?: number
): NormalizeResult {
  const at = `/images/${index}`
  const problems: Array<[string, string]> = []
  const paths: PathRef[] = []
  const base = parseBase(raw.base)
  let builder: BuilderKind = 'import'
  let known = true
  if (raw.builder) builder = raw.builder
  else {
    const b = inferBuilder(raw, base)
    if (['dockerfile', 'packer', 'overlay', 'import'].includes(b)) builder = b as BuilderKind
    else {
      problems.push([at, b])
      known = false // no checks of what a builder needs: it is not known
    }
  }

  const workingDir = normalizeRel(raw.working_dir ?? '.')
  if (raw.working_dir !== undefined)
    paths.push({ pointer: `${at}/working_dir`, rel: raw.working_dir, kind: 'dir' })
  let file = raw.file === undefined ? undefined : normalizeRel(raw.file)
  if (raw.file !== undefined) paths.push({ pointer: `${at}/file`, rel: raw.file, kind: 'file' })
  else if (builder === 'dockerfile') {
    // docker's own default: <context>/Dockerfile
    file = normalizeRel(path.posix.join(workingDir, 'Dockerfile'))
    paths.push({ pointer: at, rel: file, kind: 'file' })
  } else if (builder === 'packer' || builder === 'aci')
    problems.push([at, `builder "${builder}" needs "file"`])

  if (known) {
    if (builder !== 'overlay')
      for (const k of OVERLAY_STEPS)
        if (raw[k] !== undefined) problems.push([`${at}/${k}`, `"${k}" is only used by the overlay builder`])
    if (builder === 'import' && !isSource(base))
      problems.push([
        at,
        'builder "import" needs a base source: {image}, {tar}, {dir}, {squashfs} or {bootstrap}'
      ])
    if (builder === 'import' && raw.file !== undefined)
      problems.push([`${at}/file`, 'builder "import" reads no file'])
    if (raw.vars !== undefined && builder !== 'packer')
      problems.push([
        `${at}/vars`,
        '"vars" is only used by the packer builder (use "args" for build arguments)'
      ])
    if (raw.target !== undefined && builder !== 'dockerfile')
      problems.push([`${at}/target`, '"target" is only used by the dockerfile builder'])
  }

  const boot = base.kind === 'bootstrap' ? base.bootstrap : undefined
  if (boot?.snapshot && boot.mirror && /^deb(-src)? /.test(boot.mirror))
    problems.push([
      `${at}/base/bootstrap/mirror`,
      'with "snapshot", "mirror" is the snapshot archive\'s root URL, not an apt source line'
    ])
  if (base.kind === 'tar' || base.kind === 'squashfs' || base.kind === 'dir') {
    // Checked as written, so that the message quotes the user's own text.
    const written = String((raw.base as Record<string, unknown>)[base.kind])
    paths.push({
      pointer: `${at}/base/${base.kind}`,
      rel: written,
      kind: base.kind === 'dir' ? 'dir' : 'file'
    })
  }
  raw.packs?.forEach((p, i) => paths.push({ pointer: `${at}/packs/${i}`, rel: p, kind: 'any' }))
  raw.copy?.forEach((c, i) => paths.push({ pointer: `${at}/copy/${i}/src`, rel: c.src, kind: 'any' }))

  let overlay: OverlaySpec | undefined
  const hasOverlay = [...OVERLAY_STEPS, 'env', 'entrypoint', 'cmd', 'mounts', 'policy_rc_d'].some(
    (k) => raw[k as keyof RawImage] !== undefined
  )
  const mounts = raw.mounts ?? defaults.mounts
  const policyRcD = raw.policy_rc_d ?? defaults.policy_rc_d
  if (hasOverlay || builder === 'overlay') {
    overlay = {}
    if (raw.packs) overlay.packs = raw.packs.map(normalizeRel)
    if (raw.run) overlay.run = raw.run
    if (raw.copy) overlay.copy = raw.copy.map((c) => ({ src: normalizeRel(c.src), dest: c.dest }))
    if (raw.env) overlay.env = raw.env
    if (raw.entrypoint) overlay.entrypoint = raw.entrypoint
    if (raw.cmd) overlay.cmd = raw.cmd
    if (mounts) overlay.mounts = mounts
    if (policyRcD !== undefined) overlay.policyRcD = policyRcD
  }

  // An entry whose builder is not known already has its problem: no second one about extra_args.
  const extraArgs = raw.extra_args === undefined || !known ? [] : extraArgsOf(raw.extra_args, builder)
  if (!Array.isArray(extraArgs)) problems.push([`${at}/extra_args`, extraArgs.error])

  const spec: ImageSpec = {
    name: raw.name,
    index,
    pointer: at,
    builder,
    base,
    dependsOn: raw.depends_on ?? [],
    arch: raw.arch ?? defaults.arch ?? 'x86_64',
    workingDir,
    args: { ...(raw.args ?? {}), ...(raw.vars ?? {}) },
    extraArgs: Array.isArray(extraArgs) ? extraArgs : [],
    labels: { ...(defaults.labels ?? {}), ...(raw.labels ?? {}) },
    exports: raw.exports ?? defaults.exports ?? [],
    verify: parseVerify(raw.verify ?? defaults.verify).boot
  }
  const gates = parseVerify(raw.verify ?? defaults.verify)
  if (gates.install || gates.netboot) spec.gates = { install: gates.install, netboot: gates.netboot }
  const distro = raw.distro ?? defaults.distro
  const plan = raw.plan ?? defaults.plan
  if (distro !== undefined) spec.distro = distro
  if (plan !== undefined) spec.plan = plan
  if (file !== undefined) spec.file = file
  if (raw.tag !== undefined) spec.tag = raw.tag
  if (raw.version !== undefined) spec.version = raw.version
  if (raw.target !== undefined) spec.target = raw.target
  const network = raw.network ?? defaults.network ?? (builder === 'dockerfile' ? 'host' : undefined)
  if (network !== undefined) spec.network = network
  if (overlay) spec.overlay = overlay
  if (raw.kernel !== undefined) spec.kernel = raw.kernel
  if (line !== undefined) spec.line = line
  return { spec, paths, problems }
}
