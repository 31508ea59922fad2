/**
 * The seccomp filter of a step: Docker's default profile, in the OCI runtime-spec form runc
 * reads. The source is the profile Debian ships in golang-github-containers-common (the one
 * podman uses), which is Docker's profile in Docker's own format: rules with `includes` /
 * `excludes` by capability, architecture and kernel. Those are resolved here for the
 * capabilities a step gets and the machine's architecture.
 *
 * Podman's copy allows a few syscalls that Docker's allows only with CAP_SYS_ADMIN (mount,
 * unshare, setns, pivot_root, the new mount API), or never (the keyring), relying on the
 * missing capability alone. Docker's stricter choice is restored here, so that a step cannot
 * even reach those kernel paths (a new user namespace would give it CAP_SYS_ADMIN there):
 * they are dropped, and `clone` is allowed only without namespace flags, as Docker does.
 */
import { readFileSync } from 'node:fs'
import { release } from 'node:os'

export const SECCOMP_SOURCE = '/usr/share/containers/seccomp.json'

/** The rule shape of both formats (Docker's adds includes/excludes). */
interface SyscallRule {
  names: string[]
  action: string
  args?: Array<{ index: number; value: number; valueTwo?: number; op: string }> | null
  errnoRet?: number
  includes?: { caps?: string[]; arches?: string[]; minKernel?: string }
  excludes?: { caps?: string[]; arches?: string[] }
}

interface DockerProfile {
  defaultAction: string
  defaultErrnoRet?: number
  archMap?: Array<{ architecture: string; subArchitectures?: string[] }>
  syscalls: SyscallRule[]
}

export interface OciSeccomp {
  defaultAction: string
  defaultErrnoRet?: number
  architectures: string[]
  syscalls: Array<Omit<SyscallRule, 'includes' | 'excludes'>>
}

/** Allowed by Docker only with CAP_SYS_ADMIN (or never, for the keyring calls). */
const DOCKER_DENIES_WITHOUT_SYS_ADMIN = new Set([
  'mount',
  'umount',
  'umount2',
  'mount_setattr',
  'move_mount',
  'open_tree',
  'fsopen',
  'fsconfig',
  'fsmount',
  'fspick',
  'pivot_root',
  'unshare',
  'setns',
  'keyctl',
  'add_key',
  'request_key',
  'clone',
  'clone3'
])

// Every CLONE_NEW* flag (namespaces): Docker's clone rule, for callers without CAP_SYS_ADMIN.
const CLONE_NAMESPACE_FLAGS = 0x7e020000
const EPERM = 1
const ENOSYS = 38

/** Docker's architecture names as Node spells them. */
function dockerArch(): string {
  const map: Partial<Record<NodeJS.Architecture, string>> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: 'x86',
    s390x: 's390x',
    ppc64: 'ppc64le'
  }
  return map[process.arch] ?? process.arch
}

/** Architecture names of the seccomp filter itself (SCMP_ARCH_*). */
const SCMP_ARCH: Record<string, string> = {
  amd64: 'SCMP_ARCH_X86_64',
  arm64: 'SCMP_ARCH_AARCH64',
  arm: 'SCMP_ARCH_ARM',
  x86: 'SCMP_ARCH_X86',
  s390x: 'SCMP_ARCH_S390X',
  ppc64le: 'SCMP_ARCH_PPC64LE'
}

function kernelAtLeast(version: string, running = release()): boolean {
  const parse = (v: string): number[] => v.split(/[.-]/).slice(0, 2).map(Number)
  const [a, b] = parse(running)
  const [x, y] = parse(version)
  return a > x || (a === x && b >= y)
}

/** Docker's profile resolved for `caps` on this machine (pure: the profile is given). */
export function toOciSeccomp(
  profile: DockerProfile,
  caps: readonly string[],
  arch = dockerArch()
): OciSeccomp {
  const has = (c: string): boolean => caps.includes(c)
  const syscalls: OciSeccomp['syscalls'] = []
  for (const rule of profile.syscalls) {
    const inc = rule.includes ?? {}
    const exc = rule.excludes ?? {}
    if (inc.arches?.length && !inc.arches.includes(arch)) continue
    if (inc.caps?.length && !inc.caps.every(has)) continue
    if (inc.minKernel && !kernelAtLeast(inc.minKernel)) continue
    if (exc.arches?.includes(arch)) continue
    if (exc.caps?.some(has)) continue
    let names = rule.names
    if (rule.action === 'SCMP_ACT_ALLOW') names = names.filter((n) => !DOCKER_DENIES_WITHOUT_SYS_ADMIN.has(n))
    if (!names.length) continue
    syscalls.push({
      names,
      action: rule.action,
      ...(rule.args?.length ? { args: rule.args } : {}),
      ...(rule.errnoRet !== undefined ? { errnoRet: rule.errnoRet } : {})
    })
  }
  // Denied as Docker denies them: "Operation not permitted" (the default here is ENOSYS).
  const denied = [...DOCKER_DENIES_WITHOUT_SYS_ADMIN].filter((n) => n !== 'clone' && n !== 'clone3')
  syscalls.push({ names: denied, action: 'SCMP_ACT_ERRNO', errnoRet: EPERM })
  // clone's flags are its first argument on the architectures Kiln builds for.
  syscalls.push({
    names: ['clone'],
    action: 'SCMP_ACT_ALLOW',
    args: [{ index: 0, value: CLONE_NAMESPACE_FLAGS, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]
  })
  // clone3 passes its flags in memory, out of a filter's reach: ENOSYS makes libc fall back to clone.
  syscalls.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS })
  const archEntry = profile.archMap?.find((a) => a.architecture === SCMP_ARCH[arch])
  const architectures = archEntry
    ? [archEntry.architecture, ...(archEntry.subArchitectures ?? [])]
    : SCMP_ARCH[arch]
      ? [SCMP_ARCH[arch]]
      : []
  return {
    defaultAction: profile.defaultAction,
    defaultErrnoRet: profile.defaultErrnoRet ?? EPERM,
    architectures,
    syscalls
  }
}

let cached: { caps: string; profile: OciSeccomp } | null = null

/** The step filter for `caps`, from the profile Debian ships (read once per process). */
export function dockerDefaultSeccomp(caps: readonly string[], source = SECCOMP_SOURCE): OciSeccomp {
  const key = caps.join(',')
  if (cached?.caps === key) return cached.profile
  let text: string
  try {
    text = readFileSync(source, 'utf8')
  } catch (e) {
    throw new Error(
      `sandbox: cannot read the seccomp profile ${source} (Debian package golang-github-containers-common): ${(e as Error).message}`
    )
  }
  const profile = toOciSeccomp(JSON.parse(text) as DockerProfile, caps)
  cached = { caps: key, profile }
  return profile
}
