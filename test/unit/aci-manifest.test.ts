import { describe, expect, test } from '@jest/globals'
import {
  acIdentifier,
  appcArch,
  checkManifest,
  mergeManifest,
  parseSteps,
  STEPS_KEY
} from '../../src/builders/aci/manifest.js'
import { checkSteps, cmdCopies, isCurrentFormat } from '../../src/model/aci.js'
import { aciManifestRefs } from '../../src/plan/index.js'

describe('aci-packer manifests', () => {
  test('steps take the old "type" key and the newer "step" key', () => {
    const steps = parseSteps({
      [STEPS_KEY]: [
        { type: 'image', path: 'a.tar' },
        { step: 'extract', binaries: ['/bin/sh'] }
      ]
    })
    expect(steps.map((s) => s.step)).toEqual(['image', 'extract'])
  })

  test('an unknown step or a missing field names the step', () => {
    expect(() => parseSteps({ [STEPS_KEY]: [{ type: 'shel' }] })).toThrow(
      /steps\/0\/type: step 0: unknown step "shel"; .*did you mean "shell"/
    )
    expect(() => parseSteps({ [STEPS_KEY]: [{ step: 'cmd' }] })).toThrow(/step 0 \(cmd\): missing key "path"/)
  })

  test('the manifest is merged onto the defaults, labels by name with the user winning', () => {
    const m = mergeManifest(
      {
        name: 'example.com/x',
        labels: [
          { name: 'os', value: 'freebsd' },
          { name: 'version', value: '1' }
        ],
        [STEPS_KEY]: []
      },
      { name: 'x', arch: 'x86_64' }
    )
    expect(m).toEqual({
      acKind: 'ImageManifest',
      acVersion: '0.8.11',
      name: 'example.com/x',
      labels: [
        { name: 'os', value: 'freebsd' },
        { name: 'arch', value: 'amd64' },
        { name: 'version', value: '1' }
      ]
    })
    expect(checkManifest(m)).toEqual([])
    expect(appcArch('aarch64')).toBe('arm64')
  })

  test('the appc schema catches a bad name and an app without exec', () => {
    const problems = checkManifest({
      acKind: 'ImageManifest',
      acVersion: '0.8.11',
      name: 'Not Valid',
      app: { user: 'root', group: 'root' }
    })
    expect(problems).toEqual(
      expect.arrayContaining([
        '/name: must match pattern "^[a-z0-9]+([-._~/][a-z0-9]+)*$"',
        "/app: must have required property 'exec'"
      ])
    )
    expect(acIdentifier('Debian_12 Tools')).toBe('debian_12-tools')
  })
})

// acipacker.py's current format (steps keyed "step", a "name"), as its samples write it.
const current = {
  name: 'python',
  labels: [{ name: 'version', value: '3.4' }],
  [STEPS_KEY]: [
    { step: 'symlink', name: 'python links', links: [['python3.4', '/usr/bin/python3']] },
    {
      step: 'copy',
      binaries: ['/usr/bin/python3.4', ['aci-discovery', '/bin/aci-discovery']],
      find_executable: ['/usr/lib/python3.4/'],
      files: [['/usr/lib/python3.4/', '/usr/lib/python3.4/']],
      excludes: ['/usr/lib/python3.4/test'],
      uid: 0,
      gid: 0,
      mode: '0755'
    },
    { step: 'ld.so.cache', ldconfig: '/sbin/ldconfig.real', host_base: true },
    { step: 'setup_chroot' },
    { step: 'write', path: '/etc/passwd', contents: 'root:x:0:0:root:/:/bin/sh\n' },
    { step: 'shell', cmd: 'wget -O - https://example.invalid/get-pip.py | chroot $ROOTFS /usr/bin/python' },
    { step: 'delete', files: ['/root'] },
    { step: 'mkdir', dirs: ['/opt', '/var/lib/zookeeper'] },
    { step: 'mkdir', dirs: '/srv', mode: 448 },
    { step: 'mkdir', uid: 65534, gid: 65534, dirs: ['/var/log/nginx', '/var/lib/nginx/tmp'] },
    { step: 'image', url: 'https://example.invalid/root.tar.gz' },
    { step: 'cmd', path: '/bin/busybox', args: ['--install', '-s', '/bin'] },
    { step: 'ansible', playbook: 'site.yml' }
  ]
}

// aci-packer.py's old format (steps keyed "type").
const old = {
  name: 'example.com/app',
  [STEPS_KEY]: [
    { type: 'image', path: 'root.tar' },
    { type: 'setup_chroot', copy_resolvconf: false, make_debian_policy_rc: true },
    { type: 'ansible', playbook: 'site.yml', mount_proc: true },
    { type: 'cmd', copy: false, path: '/usr/bin/apt-get', args: ['clean'] },
    { type: 'extract', binaries: ['/bin/bash'], keeps: ['/etc'] },
    { type: 'create_python_env', python_exe: '/usr/bin/python3' },
    { type: 'copy_host_files', binaries: ['/bin/ls'], files: [['hello.py', '/hello.py']] }
  ]
}

describe('the step schema (both formats)', () => {
  test('every step of each format passes, and the format is told apart', () => {
    for (const doc of [current, old]) {
      const r = checkSteps(doc)
      expect(r.problems).toEqual([])
      expect(r.steps).toHaveLength(doc[STEPS_KEY].length)
    }
    expect(isCurrentFormat(current)).toBe(true)
    expect(isCurrentFormat(old)).toBe(false)
  })

  test('an unknown field, a wrong type and a missing field: one problem each, at the field', () => {
    const r = checkSteps({
      [STEPS_KEY]: [
        { step: 'write', path: '/etc/x', content: 'typo' },
        { step: 'copy', binaries: '/bin/sh' },
        { step: 'symlink' },
        { step: 'mkdir', dirs: ['/a'], mode: 'rwx' },
        { step: 'symlink', links: [['only-one']] },
        { type: 'cmd', step: 'cmd', path: '/x' },
        { name: 'no kind' }
      ]
    })
    expect(r.steps).toEqual([])
    expect(r.problems).toEqual([
      { pointer: `/${STEPS_KEY}/0`, message: 'step 0 (write): missing key "contents"' },
      {
        pointer: `/${STEPS_KEY}/0/content`,
        message: 'step 0 (write): unknown key "content"; did you mean "contents"?',
        key: true
      },
      { pointer: `/${STEPS_KEY}/1/binaries`, message: 'step 1 (copy): must be an array' },
      { pointer: `/${STEPS_KEY}/2`, message: 'step 2 (symlink): missing key "links"' },
      {
        pointer: `/${STEPS_KEY}/3/mode`,
        message: 'step 3 (mkdir): must be an integer or an octal string such as "0755"'
      },
      { pointer: `/${STEPS_KEY}/4/links/0`, message: 'step 4 (symlink): must be a pair of paths' },
      {
        pointer: `/${STEPS_KEY}/5/type`,
        message: 'step 5: give "step" (current format) or "type" (old format), not both',
        key: true
      },
      { pointer: `/${STEPS_KEY}/6`, message: 'step 6: missing key "step" (or "type" in the old format)' }
    ])
  })

  test('an image step takes one source; a copy step needs something to copy', () => {
    const r = checkSteps({
      [STEPS_KEY]: [{ step: 'image', path: 'a.tar', url: 'https://x.invalid/a' }, { step: 'copy' }]
    })
    expect(r.problems.map((p) => p.message)).toEqual([
      'step 0 (image): give one of "path", "url" or "from", not several',
      'step 1 (copy): give "binaries", "find_executable" or "files"'
    ])
  })
})

test("cmd: a relative path is a project file copied in, an absolute one the image's own program", () => {
  expect(cmdCopies({ path: 'hello.sh' })).toBe(true)
  expect(cmdCopies({ path: '/bin/busybox' })).toBe(false)
  expect(cmdCopies({ path: '/bin/busybox', copy: true })).toBe(true)
  expect(cmdCopies({ path: 'hello.sh', copy: false })).toBe(false)
  // zookeeper's sample runs the image's busybox: not a project file the key would read.
  const refs = aciManifestRefs(
    JSON.stringify({
      [STEPS_KEY]: [
        { step: 'cmd', path: '/bin/busybox', args: ['--install', '-s', '/bin'] },
        { step: 'cmd', path: 'hello.sh' },
        {
          step: 'copy',
          binaries: [['aci-discovery', '/bin/aci-discovery'], '/bin/sh'],
          files: [['/etc/a', '/etc/a']]
        },
        { step: 'write', path: 'etc/motd', contents: '' }
      ]
    })
  )
  expect(refs).toEqual(['hello.sh', 'aci-discovery'])
})
