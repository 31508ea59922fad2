import { dockerBuildArgs, dockerSafeName, isDockerStepLine } from '../../src/builders/docker-build-args.js'
import type { ImageSpec } from '../../src/model/types.js'
import { emulatedPlatform } from '../../src/builders/dockerfile.js'
import { imageSpec } from '../fixtures/image-spec.js'

function spec(over: Partial<ImageSpec> = {}): ImageSpec {
  return imageSpec('debian_12-c3.small.x86', {
    index: 1,
    pointer: '/images/1',
    base: { kind: 'image', name: 'debian_12-base' },
    file: 'plans/c3/Dockerfile',
    verify: true,
    ...over
  })
}

const common = { file: '/p/plans/c3/Dockerfile', contextDir: '/p', outputTag: 'kiln-out/x:1' }

describe('dockerBuildArgs', () => {
  // Every value in --flag=value form and the context after `--`: no catalog value can be read
  // as an option of docker build, whatever it starts with.
  const cases: Array<[string, ImageSpec, Parameters<typeof dockerBuildArgs>[1], string[]]> = [
    [
      'classic builder, base, host network by default',
      spec(),
      { ...common, mode: 'classic', baseRef: 'kiln-base/x:1' },
      [
        'build',
        '--file=/p/plans/c3/Dockerfile',
        '--tag=kiln-out/x:1',
        '--network=host',
        '--force-rm',
        '--build-arg=BASE_IMAGE=kiln-base/x:1',
        '--',
        '/p'
      ]
    ],
    [
      'buildx loads the result into the engine; scratch has no BASE_IMAGE',
      spec({ base: { kind: 'scratch' } }),
      { ...common, mode: 'buildx' },
      [
        'buildx',
        'build',
        '--load',
        '--file=/p/plans/c3/Dockerfile',
        '--tag=kiln-out/x:1',
        '--network=host',
        '--',
        '/p'
      ]
    ],
    [
      'user tag, network, args sorted, target, labels, extra args before the context',
      spec({
        tag: 'corpusops/app:1.0',
        network: 'none',
        args: { Z: '1', A: 'two words' },
        target: 'final',
        labels: { 'org.example.b': 'b', 'org.example.a': 'a' },
        extraArgs: ['--squash', '--build-arg=X={tag}']
      }),
      { ...common, mode: 'classic', baseRef: 'b:1', sourceDateEpoch: 1700000000 },
      [
        'build',
        '--file=/p/plans/c3/Dockerfile',
        '--tag=kiln-out/x:1',
        '--tag=corpusops/app:1.0',
        '--network=none',
        '--force-rm',
        '--build-arg=A=two words',
        '--build-arg=BASE_IMAGE=b:1',
        '--build-arg=SOURCE_DATE_EPOCH=1700000000',
        '--build-arg=Z=1',
        '--target=final',
        '--label=org.example.a=a',
        '--label=org.example.b=b',
        '--squash',
        '--build-arg=X={tag}',
        '--',
        '/p'
      ]
    ],
    [
      'values that look like options stay values',
      spec({ args: { A: '--iidfile=/tmp/x' }, labels: { l: '-f /etc/passwd' } }),
      { ...common, mode: 'classic' },
      [
        'build',
        '--file=/p/plans/c3/Dockerfile',
        '--tag=kiln-out/x:1',
        '--network=host',
        '--force-rm',
        '--build-arg=A=--iidfile=/tmp/x',
        '--label=l=-f /etc/passwd',
        '--',
        '/p'
      ]
    ],
    [
      "the catalog's own BASE_IMAGE wins",
      spec({ args: { BASE_IMAGE: 'mine:1' } }),
      { ...common, mode: 'classic', baseRef: 'kiln-base/x:1' },
      [
        'build',
        '--file=/p/plans/c3/Dockerfile',
        '--tag=kiln-out/x:1',
        '--network=host',
        '--force-rm',
        '--build-arg=BASE_IMAGE=mine:1',
        '--',
        '/p'
      ]
    ],
    [
      'an emulated image gets its platform (FROMs outside the chain resolve to it)',
      spec({ arch: 'aarch64' }),
      { ...common, mode: 'classic', baseRef: 'kiln-base/x:1', platform: 'linux/arm64' },
      [
        'build',
        '--file=/p/plans/c3/Dockerfile',
        '--tag=kiln-out/x:1',
        '--network=host',
        '--force-rm',
        '--build-arg=BASE_IMAGE=kiln-base/x:1',
        '--platform=linux/arm64',
        '--',
        '/p'
      ]
    ],
    [
      "the catalog's own --platform wins",
      spec({ arch: 'aarch64', extraArgs: ['--platform=linux/arm64/v8'] }),
      { ...common, mode: 'classic', platform: 'linux/arm64' },
      [
        'build',
        '--file=/p/plans/c3/Dockerfile',
        '--tag=kiln-out/x:1',
        '--network=host',
        '--force-rm',
        '--platform=linux/arm64/v8',
        '--',
        '/p'
      ]
    ]
  ]
  it.each(cases)('%s', (_title, s, inputs, want) => {
    expect(dockerBuildArgs(s, inputs)).toEqual(want)
  })

  it('the platform is set only for images the host emulates', () => {
    expect(emulatedPlatform('aarch64')).toBe(process.arch === 'arm64' ? undefined : 'linux/arm64')
    expect(emulatedPlatform(process.arch === 'arm64' ? 'arm64' : 'x86_64')).toBeUndefined()
  })
})

describe('dockerSafeName', () => {
  it.each([
    ['debian_12-c3.small.x86', 'debian_12-c3.small.x86'],
    ['Busybox ACI', 'busybox-aci'],
    ['-x-', 'x'],
    ['***', 'image']
  ])('%s → %s', (a, b) => expect(dockerSafeName(a)).toBe(b))
})

describe('isDockerStepLine', () => {
  it.each([
    ['Step 2/5 : RUN apt-get update', true],
    ['#7 [2/3] RUN apt-get update', true],
    [' ---> Running in 0a1b2c', false],
    ['Get:1 http://deb bookworm InRelease', false]
  ])('%s', (l, want) => expect(isDockerStepLine(l)).toBe(want))
})
