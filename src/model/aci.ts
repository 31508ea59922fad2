/**
 * aci-packer manifests, checked when the catalog loads (so `kiln plan` refuses a bad one with
 * its file, line and column, before anything is built): an appc image manifest plus the key
 * `-aci-packer-build-steps-`, a list of steps in either of aci-packer's two formats:
 *
 * - the old one (aci-packer.py): each step keyed `"type"`: image, setup_chroot, ansible, cmd,
 *   extract, create_python_env, copy_host_files;
 * - the current one (acipacker.py): keyed `"step"`, with an optional `"name"`, and the steps
 *   shell, copy, symlink, write, delete, mkdir and ld.so.cache as well.
 *
 * Kiln takes every step under either key. Each step's fields are in
 * schema/aci-packer-steps.schema.json; the manifest that ships (the user's over the defaults)
 * is checked against schema/appc-image-manifest.schema.json.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import stepsSchema from '../../schema/aci-packer-steps.schema.json' with { type: 'json' }
import appcSchema from '../../schema/appc-image-manifest.schema.json' with { type: 'json' }
import { didYouMean } from './suggest.js'
import { describe } from './validate.js'

export const STEPS_KEY = '-aci-packer-build-steps-'
export const AC_VERSION = '0.8.11'

/** `.aci` compressions: aci-packer's -C (gzip, xz, bzip2, none) and zstd. */
export const ACI_COMPRESSIONS = ['gzip', 'xz', 'bzip2', 'zstd', 'none'] as const

/** A file mode as the manifest gives it: an integer, or an octal string ("0755"). */
export type ModeValue = number | string

interface Named {
  /** The step's label in messages (current format). */
  name?: string
}

export interface ChrootFlags {
  copy_resolvconf?: boolean
  copy_hosts?: boolean
  mount_proc?: boolean
  mount_dev?: boolean
  mount_sys?: boolean
  make_debian_policy_rc?: boolean
}

export type AciStep = Named &
  (
    | { step: 'image'; path?: string; url?: string; from?: 'base' }
    | ({ step: 'setup_chroot' } & ChrootFlags)
    | ({ step: 'ansible'; playbook: string } & ChrootFlags)
    | { step: 'cmd'; path: string; args?: string[]; copy?: boolean }
    | { step: 'shell'; cmd: string }
    | {
        step: 'copy'
        binaries?: Array<string | [string, string]>
        find_executable?: string[]
        files?: Array<[string, string]>
        excludes?: string[]
        uid?: number
        gid?: number
        mode?: ModeValue
      }
    | { step: 'symlink'; links: Array<[string, string]> }
    | { step: 'write'; path: string; contents: string }
    | { step: 'delete'; files: string[] }
    | { step: 'mkdir'; dirs: string | string[]; mode?: ModeValue; uid?: number; gid?: number }
    | { step: 'ld.so.cache'; ldconfig?: string; host_base?: boolean }
    | { step: 'extract'; binaries: string[]; keeps?: string[] }
    | { step: 'create_python_env'; python_exe?: string }
    | { step: 'copy_host_files'; binaries?: string[]; files?: Array<[string, string]> }
  )

export type AciStepKind = AciStep['step']

const definitions = stepsSchema.definitions as Record<string, object>
export const STEP_KINDS = Object.keys(definitions).filter(
  (k) => k !== 'pair' && k !== 'mode'
) as AciStepKind[]

// Each step kind's validator is compiled when a manifest first uses that kind: most commands
// never read an ACI manifest, and compiling all of them costs a quarter of a second.
let ajv: Ajv | undefined
const validators = new Map<string, ValidateFunction>()
let appcValidator: ValidateFunction | undefined
function stepValidator(kind: string): ValidateFunction {
  let v = validators.get(kind)
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: false })
    v = ajv.compile({ ...definitions[kind], definitions })
    validators.set(kind, v)
  }
  return v
}

/** A problem at a JSON pointer of the manifest. */
export interface ManifestProblem {
  pointer: string
  message: string
  /** The pointer names a member's key (an unknown key), not its value. */
  key?: boolean
}

/** The steps of a manifest and every problem with them (the steps are usable only when there is none). */
export function checkSteps(doc: unknown): { steps: AciStep[]; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = []
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    return { steps: [], problems: [{ pointer: '', message: 'an ACI manifest is a JSON object' }] }
  const raw = (doc as Record<string, unknown>)[STEPS_KEY]
  if (raw === undefined) return { steps: [], problems }
  const at = `/${STEPS_KEY}`
  if (!Array.isArray(raw))
    return { steps: [], problems: [{ pointer: at, message: 'must be a list of steps' }] }
  const steps: AciStep[] = []
  raw.forEach((s: unknown, i: number) => {
    const here = `${at}/${i}`
    if (!s || typeof s !== 'object' || Array.isArray(s)) {
      problems.push({ pointer: here, message: `step ${i}: a step is an object` })
      return
    }
    const o = s as Record<string, unknown>
    if (o.step !== undefined && o.type !== undefined) {
      problems.push({
        pointer: `${here}/type`,
        message: `step ${i}: give "step" (current format) or "type" (old format), not both`,
        key: true
      })
      return
    }
    const keyName = o.step !== undefined ? 'step' : 'type'
    const kind = o[keyName]
    if (kind === undefined) {
      problems.push({ pointer: here, message: `step ${i}: missing key "step" (or "type" in the old format)` })
      return
    }
    if (typeof kind !== 'string' || !(STEP_KINDS as string[]).includes(kind)) {
      problems.push({
        pointer: `${here}/${keyName}`,
        message: `step ${i}: unknown step ${JSON.stringify(kind)}; expected one of ${STEP_KINDS.join(', ')}${typeof kind === 'string' ? didYouMean(kind, STEP_KINDS) : ''}`
      })
      return
    }
    const label = `step ${i} (${kind})`
    const before = problems.length
    const validate = stepValidator(kind)
    if (!validate(o)) {
      const seen = new Set<string>()
      for (const e of validate.errors ?? []) {
        if (/\/oneOf\/\d+\//.test(e.schemaPath)) continue
        const d = describeStepError(e)
        const id = `${d.pointer}\0${d.message}`
        if (seen.has(id)) continue
        seen.add(id)
        problems.push({
          pointer: `${here}${d.pointer}`,
          message: `${label}: ${d.message}`,
          ...(d.key ? { key: true } : {})
        })
      }
    }
    if (kind === 'image' && [o.path, o.url, o.from].filter((v) => v !== undefined).length > 1)
      problems.push({ pointer: here, message: `${label}: give one of "path", "url" or "from", not several` })
    if (kind === 'copy' && !['binaries', 'find_executable', 'files'].some((k) => o[k] !== undefined))
      problems.push({ pointer: here, message: `${label}: give "binaries", "find_executable" or "files"` })
    if (problems.length === before) steps.push({ ...o, step: kind } as AciStep)
  })
  return { steps, problems }
}

/**
 * Whether a `cmd` step copies a project file in before running it. aci-packer.py copied
 * `path` when it was a file on the host (copy: true by default); acipacker.py runs the
 * image's own program. Kiln: `copy` when given, else a relative path is a project file
 * (copied) and an absolute one is the image's program (run in place).
 */
export function cmdCopies(step: { path: string; copy?: boolean }): boolean {
  return step.copy ?? !step.path.startsWith('/')
}

/** Whether a manifest is in aci-packer's current format (its steps keyed "step"). */
export function isCurrentFormat(doc: unknown): boolean {
  const raw = (doc as Record<string, unknown> | null)?.[STEPS_KEY]
  return Array.isArray(raw) && raw.some((s) => s && typeof s === 'object' && 'step' in s)
}

function describeStepError(e: ErrorObject): { pointer: string; message: string; key?: boolean } {
  if (e.keyword === 'oneOf') {
    const field = e.instancePath.slice(e.instancePath.lastIndexOf('/') + 1)
    const message =
      field === 'mode'
        ? 'must be an integer or an octal string such as "0755"'
        : field === 'dirs'
          ? 'must be a path or a list of paths'
          : 'must be a path or a [src, dst] pair'
    return { pointer: e.instancePath, message }
  }
  if (e.keyword === 'minItems' || e.keyword === 'maxItems')
    return { pointer: e.instancePath, message: 'must be a pair of paths' }
  if (e.keyword === 'pattern' && e.instancePath === '/url')
    return { pointer: e.instancePath, message: 'must be an http://, https:// or file:// URL' }
  return describe(e)
}

/** A mode value as a number (an octal string is read as octal). */
export function modeNumber(m: ModeValue | undefined, dflt: number): number {
  if (m === undefined) return dflt
  return typeof m === 'number' ? m : parseInt(m, 8)
}

export interface Label {
  name: string
  value: string
}

export interface AciManifest {
  acKind: 'ImageManifest'
  acVersion: string
  name: string
  labels?: Label[]
  app?: {
    exec: string[]
    user: string
    group: string
    environment?: Label[]
    workingDirectory?: string
    [k: string]: unknown
  }
  [k: string]: unknown
}

/** appc's arch label for an OCI/uname architecture. */
export function appcArch(arch: string): string {
  const m: Record<string, string> = {
    x86_64: 'amd64',
    amd64: 'amd64',
    aarch64: 'arm64',
    arm64: 'arm64',
    i686: 'i386',
    i386: 'i386',
    '386': 'i386'
  }
  return m[arch] ?? arch
}

/** The user's manifest merged onto the defaults (labels merged by name, the user's win). */
export function mergeManifest(
  doc: Record<string, unknown>,
  defaults: { name: string; arch: string; os?: string }
): AciManifest {
  const user = { ...doc }
  delete user[STEPS_KEY]
  const labels = new Map<string, string>([
    ['os', defaults.os ?? 'linux'],
    ['arch', appcArch(defaults.arch)]
  ])
  const given = Array.isArray(user.labels) ? (user.labels as Label[]) : []
  for (const l of given) if (l && typeof l === 'object') labels.set(l.name, l.value)
  return {
    acKind: 'ImageManifest',
    acVersion: AC_VERSION,
    name: defaults.name,
    ...user,
    labels: [...labels].map(([name, value]) => ({ name, value }))
  } as AciManifest
}

/** Problems with a manifest against the appc schema ("/app/exec: must …"), empty when valid. */
export function checkManifest(m: unknown): string[] {
  return appcProblems(m).map((p) => `${p.pointer || '/'}: ${p.message}`)
}

/** The same, as pointers and messages. */
export function appcProblems(m: unknown): ManifestProblem[] {
  appcValidator ??= (ajv ??= new Ajv({ allErrors: true, verbose: true, strict: false })).compile(appcSchema)
  if (appcValidator(m)) return []
  return (appcValidator.errors ?? []).map((e) => ({
    pointer: e.instancePath,
    message: e.message ?? 'invalid'
  }))
}

/** An appc identifier made from an image name (lower case, other characters → "-"). */
export function acIdentifier(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._~/-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'image'
  )
}

/**
 * Every problem of one node's manifest document: its steps, then (when the steps are fine)
 * the appc manifest it becomes, merged onto the defaults of the image `name` and `arch`.
 */
export function checkAciDocument(doc: unknown, image: { name: string; arch: string }): ManifestProblem[] {
  const { problems } = checkSteps(doc)
  if (problems.length || !doc || typeof doc !== 'object') return problems
  return appcProblems(
    mergeManifest(doc as Record<string, unknown>, { name: acIdentifier(image.name), arch: image.arch })
  ).map((p) => ({ ...p, message: `appc image manifest: ${p.message}` }))
}
