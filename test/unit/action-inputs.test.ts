import { parseInputs, splitList } from '../../src/adapters/action/inputs.js'
import { matrixOf } from '../../src/adapters/action/outputs.js'
import { InvalidInputError } from '../../src/util/errors.js'
import type { Plan } from '../../src/plan/types.js'
import { planned } from './cache-helpers.js'

const reader = (given: Record<string, string>) => (name: string) => given[name] ?? ''

describe('parseInputs', () => {
  test('defaults as action.yml declares them', () => {
    expect(parseInputs(reader({}))).toEqual({
      'images-file': '',
      targets: [],
      distro: undefined,
      plan: undefined,
      arch: undefined,
      cache: 'github',
      'cache-dir': '',
      'cache-size': '',
      'store-dir': '',
      'out-dir': 'out',
      exports: true,
      'fail-on-cache-miss': false,
      compression: 'gzip',
      'release-tag': '',
      'changelog-against': '',
      'upload-artifacts': true,
      'archive-artifacts': true,
      'retention-days': undefined,
      summary: true,
      mode: 'build',
      jobs: 2,
      'source-date-epoch': undefined,
      verify: true,
      'sbom-format': 'spdx',
      'signing-key': '',
      'signing-key-passphrase': '',
      token: ''
    })
  })

  test.each([
    [{ targets: 'a, b\nc\n' }, { targets: ['a', 'b', 'c'] }],
    [
      { cache: 'local', 'cache-dir': '/var/cache/kiln', 'cache-size': '8G' },
      { cache: 'local', 'cache-dir': '/var/cache/kiln', 'cache-size': '8G' }
    ],
    [
      { mode: 'plan', jobs: '4', exports: 'false', 'source-date-epoch': '1700000000' },
      { mode: 'plan', jobs: 4, exports: false, 'source-date-epoch': 1700000000 }
    ],
    [
      { 'archive-artifacts': 'false', 'retention-days': '7', summary: 'false' },
      { 'archive-artifacts': false, 'retention-days': 7, summary: false }
    ],
    [
      { distro: ' debian_12 ', plan: 'c3.small.x86' },
      { distro: 'debian_12', plan: 'c3.small.x86' }
    ]
  ])('%j', (given, expected) => {
    expect(parseInputs(reader(given))).toMatchObject(expected)
  })

  test('every bad input is reported at once, by name', () => {
    let err: unknown
    try {
      parseInputs(
        reader({
          cache: 'redis',
          jobs: '0',
          exports: 'maybe',
          mode: 'deploy',
          'cache-size': 'big',
          'source-date-epoch': 'yesterday'
        })
      )
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InvalidInputError)
    const problems = (err as InvalidInputError).problems.map((p) => `${p.pointer}: ${p.message}`)
    expect(problems).toEqual([
      '/jobs: "0" is not a whole number of at least 1',
      '/source-date-epoch: "yesterday" is not a Unix time in seconds',
      '/cache-size: invalid size "big": expected a number with an optional unit K, M, G or T',
      '/cache: "redis" is not one of local, github, none',
      '/exports: "maybe" is not a boolean (true or false)',
      '/mode: "deploy" is not one of build, plan'
    ])
  })

  test('SOURCE_DATE_EPOCH from the environment when the input is empty; the input wins', () => {
    expect(parseInputs(reader({}), { SOURCE_DATE_EPOCH: '1700000000' })['source-date-epoch']).toBe(1700000000)
    expect(
      parseInputs(reader({ 'source-date-epoch': '42' }), { SOURCE_DATE_EPOCH: '1700000000' })[
        'source-date-epoch'
      ]
    ).toBe(42)
    expect(parseInputs(reader({}), { SOURCE_DATE_EPOCH: '' })['source-date-epoch']).toBeUndefined()
  })

  test.each(['yesterday', '-1', '1e9', '1.5', '0x10'])('SOURCE_DATE_EPOCH=%s is an input error', (v) => {
    expect(() => parseInputs(reader({}), { SOURCE_DATE_EPOCH: v })).toThrow(
      `/source-date-epoch: "${v}" (SOURCE_DATE_EPOCH in the environment) is not a Unix time in seconds`
    )
  })

  test.each(['0', '91', 'week', '7.5'])('retention-days %s is an input error', (v) => {
    expect(() => parseInputs(reader({ 'retention-days': v }))).toThrow(
      `/retention-days: "${v}" is not a number of days from 1 to 90`
    )
  })

  test('a local cache needs a directory', () => {
    expect(() => parseInputs(reader({ cache: 'local' }))).toThrow(/cache "local" needs a cache-dir/)
  })

  test('splitList', () => expect(splitList(' a,,b \n\n c')).toEqual(['a', 'b', 'c']))
})

describe('matrixOf', () => {
  const img = (name: string, distro?: string, plan?: string) => {
    const p = planned(name, [])
    p.spec.distro = distro
    p.spec.plan = plan
    return p
  }
  const plan = {
    images: [
      img('d12-base', 'debian_12'),
      img('d12-c3', 'debian_12', 'c3.small.x86'),
      img('d12-m3', 'debian_12', 'm3.large.x86'),
      img('u22-base', 'ubuntu_22')
    ]
  } as Plan

  test('one job per distinct combination of the chosen images, each naming its targets', () => {
    const m = matrixOf(plan, {}, 'x86_64')
    expect(JSON.parse(JSON.stringify(m))).toEqual({
      include: [
        { distro: 'debian_12', plan: '', arch: 'x86_64', emulated: false, targets: 'd12-base' },
        { distro: 'debian_12', plan: 'c3.small.x86', arch: 'x86_64', emulated: false, targets: 'd12-c3' },
        { distro: 'debian_12', plan: 'm3.large.x86', arch: 'x86_64', emulated: false, targets: 'd12-m3' },
        { distro: 'ubuntu_22', plan: '', arch: 'x86_64', emulated: false, targets: 'u22-base' }
      ]
    })
  })

  test('ancestors pulled in by a selection are not matrix jobs', () => {
    expect(matrixOf(plan, { plan: 'c3.small.x86' }, 'x86_64').include).toEqual([
      { distro: 'debian_12', plan: 'c3.small.x86', arch: 'x86_64', emulated: false, targets: 'd12-c3' }
    ])
    expect(matrixOf(plan, { targets: ['d12-m3', 'd12-c3'] }).include.map((e) => e.targets)).toEqual([
      'd12-c3',
      'd12-m3'
    ])
  })

  test('arch is one spelling per machine, and marks the jobs a runner of the planning arch would emulate', () => {
    const arm = (name: string, arch: string) => {
      const p = img(name, 'debian_12', 'c2.large.arm')
      p.spec.arch = arch
      return p
    }
    const mixed = { images: [...plan.images.slice(0, 2), arm('a1', 'aarch64'), arm('a2', 'arm64')] } as Plan
    expect(matrixOf(mixed, {}, 'x86_64').include).toEqual([
      { distro: 'debian_12', plan: '', arch: 'x86_64', emulated: false, targets: 'd12-base' },
      { distro: 'debian_12', plan: 'c3.small.x86', arch: 'x86_64', emulated: false, targets: 'd12-c3' },
      { distro: 'debian_12', plan: 'c2.large.arm', arch: 'aarch64', emulated: true, targets: 'a1,a2' }
    ])
    expect(matrixOf(mixed, {}, 'aarch64').include.map((e) => [e.arch, e.emulated])).toEqual([
      ['x86_64', true],
      ['x86_64', true],
      ['aarch64', false]
    ])
  })
})
