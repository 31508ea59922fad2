// The runc config of a step: Docker's defaults (capabilities, seccomp, masked paths), the
// host's network, and pseudo file systems of the step's own namespaces.
import { existsSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { DOCKER_CAPABILITIES, stepConfig, type StepConfig } from '../../src/sandbox/oci-spec.js'
import {
  SECCOMP_SOURCE,
  dockerDefaultSeccomp,
  toOciSeccomp,
  type OciSeccomp
} from '../../src/sandbox/seccomp.js'

const allowed = (p: OciSeccomp, name: string): boolean =>
  p.syscalls.some((r) => r.action === 'SCMP_ACT_ALLOW' && r.names.includes(name) && !r.args)

describe('seccomp: Docker profile to OCI form', () => {
  const profile = {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 38,
    archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] }],
    syscalls: [
      { names: ['read', 'mount', 'unshare', 'clone', 'keyctl'], action: 'SCMP_ACT_ALLOW' },
      { names: ['arch_prctl'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['amd64'] } },
      { names: ['cacheflush'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['arm64'] } },
      { names: ['bpf', 'setns'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
      {
        names: ['bpf', 'setns'],
        action: 'SCMP_ACT_ERRNO',
        errnoRet: 1,
        excludes: { caps: ['CAP_SYS_ADMIN'] }
      },
      { names: ['chroot'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_CHROOT'] } },
      { names: ['chroot'], action: 'SCMP_ACT_ERRNO', errnoRet: 1, excludes: { caps: ['CAP_SYS_CHROOT'] } }
    ]
  }

  test('rules are resolved for the capabilities and the architecture', () => {
    const p = toOciSeccomp(profile, ['CAP_SYS_CHROOT'], 'amd64')
    expect(p.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'])
    expect(p.defaultErrnoRet).toBe(38)
    expect(allowed(p, 'read')).toBe(true)
    expect(allowed(p, 'arch_prctl')).toBe(true)
    expect(allowed(p, 'cacheflush')).toBe(false)
    expect(allowed(p, 'chroot')).toBe(true)
    expect(allowed(p, 'bpf')).toBe(false)
    expect(p.syscalls).toContainEqual({ names: ['bpf', 'setns'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 })
    expect(p.syscalls.some((r) => r.names.includes('chroot') && r.action === 'SCMP_ACT_ERRNO')).toBe(false)
  })

  test('what Docker allows only with CAP_SYS_ADMIN is denied with EPERM; clone only without namespace flags', () => {
    const p = toOciSeccomp(profile, DOCKER_CAPABILITIES, 'amd64')
    for (const n of ['mount', 'unshare', 'keyctl', 'clone', 'setns']) expect(allowed(p, n)).toBe(false)
    const deny = p.syscalls.find((r) => r.action === 'SCMP_ACT_ERRNO' && r.names.includes('mount'))
    expect(deny).toMatchObject({ errnoRet: 1 })
    expect(deny?.names).toEqual(
      expect.arrayContaining(['umount2', 'pivot_root', 'unshare', 'setns', 'keyctl'])
    )
    expect(p.syscalls).toContainEqual({
      names: ['clone'],
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]
    })
    expect(p.syscalls).toContainEqual({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 })
  })

  test('a missing profile is named with the package that ships it', () => {
    expect(() => dockerDefaultSeccomp(['CAP_KILL'], '/nonexistent/seccomp.json')).toThrow(
      /cannot read the seccomp profile \/nonexistent\/seccomp.json \(Debian package golang-github-containers-common\)/
    )
  })

  ;(existsSync(SECCOMP_SOURCE) ? test : test.skip)(
    "Debian's profile, resolved: no mount, no namespaces",
    () => {
      const p = dockerDefaultSeccomp(DOCKER_CAPABILITIES)
      for (const n of [
        'mount',
        'umount2',
        'pivot_root',
        'unshare',
        'setns',
        'bpf',
        'keyctl',
        'init_module',
        'kexec_load'
      ])
        expect(allowed(p, n)).toBe(false)
      for (const n of ['read', 'execve', 'chroot', 'chown', 'ptrace']) expect(allowed(p, n)).toBe(true)
    }
  )
})

describe('stepConfig', () => {
  const seccomp: OciSeccomp = { defaultAction: 'SCMP_ACT_ERRNO', architectures: [], syscalls: [] }
  const config = (mounts: Array<'proc' | 'dev' | 'sys'>): StepConfig =>
    stepConfig({ root: '/sb/root', args: ['sh', '-c', 'true'], env: { A: '1' }, mounts }, seccomp)

  test("Docker's defaults: capabilities, no new privileges, masked /proc, and the host network", () => {
    const c = config([])
    expect(c.root).toEqual({ path: '/sb/root', readonly: false })
    expect(c.process.args).toEqual(['sh', '-c', 'true'])
    expect(c.process.env).toEqual(['A=1'])
    expect(c.process.user).toEqual({ uid: 0, gid: 0 })
    expect(c.process.noNewPrivileges).toBe(true)
    expect(c.process.capabilities).toEqual({
      bounding: DOCKER_CAPABILITIES,
      effective: DOCKER_CAPABILITIES,
      permitted: DOCKER_CAPABILITIES
    })
    expect(DOCKER_CAPABILITIES).toHaveLength(14)
    expect(c.linux.namespaces.map((n) => n.type).sort()).toEqual(['ipc', 'mount', 'pid', 'uts'])
    expect(c.linux.maskedPaths).toEqual(
      expect.arrayContaining(['/proc/kcore', '/proc/keys', '/sys/firmware'])
    )
    expect(c.linux.readonlyPaths).toEqual(expect.arrayContaining(['/proc/sys', '/proc/sysrq-trigger']))
    expect(c.linux.seccomp).toBe(seccomp)
  })

  test('always a new /proc and a tmpfs /dev; /sys read-only when asked for; never a bind of the host', () => {
    const dests = (c: StepConfig): string[] => c.mounts.map((m) => m.destination)
    expect(dests(config([]))).toEqual(['/proc', '/dev', '/dev/pts', '/dev/shm', '/dev/mqueue'])
    const all = config(['proc', 'dev', 'sys'])
    expect(dests(all)).toEqual(['/proc', '/dev', '/dev/pts', '/dev/shm', '/dev/mqueue', '/sys'])
    expect(all.mounts.find((m) => m.destination === '/sys')).toMatchObject({
      type: 'sysfs',
      options: expect.arrayContaining(['ro'])
    })
    expect(all.mounts.some((m) => m.type === 'bind')).toBe(false)
  })
})

describe('runDriver', () => {
  test('a container sandbox under /run is refused (the driver hides /run behind runc state)', async () => {
    const { runDriver } = await import('../../src/sandbox/driver.js')
    expect(() =>
      runDriver({
        merged: '/run/kiln/root',
        lowers: ['/var/tmp/kiln/layers/x'],
        upper: '/run/kiln/upper',
        work: '/run/kiln/work',
        mounts: [],
        argv: [],
        container: { bundle: '/run/kiln/runc', id: 'kiln-test' },
        stdio: 'pipe'
      })
    ).toThrow(
      /\/run\/kiln\/root: a sandbox cannot live under \/run \(put TMPDIR and \$KILN_SANDBOX_CACHE elsewhere\)/
    )
  })
})
