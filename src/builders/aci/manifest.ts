/**
 * aci-packer's manifest: an appc image manifest plus the key `-aci-packer-build-steps-`.
 * Steps take the old `"type"` key or the newer `"step"` key. The manifest that ships is
 * the user's merged onto defaults (acKind ImageManifest, acVersion 0.8.11, labels os and
 * arch from the image), labels merged by name (the user's win), the steps key removed,
 * then checked against the appc schema.
 */
import { Ajv, type ErrorObject } from 'ajv'
import schema from '../../../schema/appc-image-manifest.schema.json' with { type: 'json' }

export const STEPS_KEY = '-aci-packer-build-steps-'
export const AC_VERSION = '0.8.11'

export type AciStep =
  | { step: 'image'; path?: string; url?: string; from?: 'base' }
  | {
      step: 'setup_chroot'
      copy_resolvconf?: boolean
      copy_hosts?: boolean
      mount_proc?: boolean
      mount_dev?: boolean
      mount_sys?: boolean
      make_debian_policy_rc?: boolean
    }
  | {
      step: 'ansible'
      playbook: string
      copy_resolvconf?: boolean
      copy_hosts?: boolean
      mount_proc?: boolean
      mount_dev?: boolean
      mount_sys?: boolean
      make_debian_policy_rc?: boolean
    }
  | { step: 'cmd'; path: string; args?: string[]; copy?: boolean }
  | { step: 'extract'; binaries: string[]; keeps?: string[] }
  | { step: 'create_python_env'; python_exe?: string }
  | { step: 'copy_host_files'; binaries?: string[]; files?: Array<[string, string]> }

const KINDS = ['image', 'setup_chroot', 'ansible', 'cmd', 'extract', 'create_python_env', 'copy_host_files']

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

/** The steps of a manifest document; throws a message naming the bad step. */
export function parseSteps(doc: Record<string, unknown>): AciStep[] {
  const raw = doc[STEPS_KEY]
  if (raw === undefined) return []
  if (!Array.isArray(raw)) throw new Error(`${STEPS_KEY} must be a list of steps`)
  return raw.map((s: unknown, i: number) => {
    if (typeof s !== 'object' || s === null) throw new Error(`${STEPS_KEY}[${i}]: a step is an object`)
    const o = s as Record<string, unknown>
    const kind = o.step ?? o.type
    if (typeof kind !== 'string' || !KINDS.includes(kind))
      throw new Error(
        `${STEPS_KEY}[${i}]: unknown step ${JSON.stringify(kind)}; expected one of ${KINDS.join(', ')}`
      )
    const need = (k: string, t: 'string' | 'array'): void => {
      const v = o[k]
      if (t === 'string' ? typeof v !== 'string' : !Array.isArray(v))
        throw new Error(`${STEPS_KEY}[${i}] (${kind}): "${k}" is required (${t})`)
    }
    if (kind === 'ansible') need('playbook', 'string')
    if (kind === 'cmd') need('path', 'string')
    if (kind === 'extract') need('binaries', 'array')
    if (kind === 'image' && o.path === undefined && o.url === undefined && o.from !== 'base')
      throw new Error(`${STEPS_KEY}[${i}] (image): give "path", "url" or "from": "base"`)
    return { ...o, step: kind } as AciStep
  })
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

/** The user's manifest merged onto the defaults. */
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
  for (const l of (user.labels as Label[] | undefined) ?? []) labels.set(l.name, l.value)
  return {
    acKind: 'ImageManifest',
    acVersion: AC_VERSION,
    name: defaults.name,
    ...user,
    labels: [...labels].map(([name, value]) => ({ name, value }))
  } as AciManifest
}

const ajv = new Ajv({ allErrors: true, strict: false })
const validate = ajv.compile(schema)

/** Problems with a manifest against the appc schema ("/app/exec: must …"), empty when valid. */
export function checkManifest(m: unknown): string[] {
  if (validate(m)) return []
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`
  )
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
