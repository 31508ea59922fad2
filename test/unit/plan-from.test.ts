import { buildArgsFrom, dockerfileFroms, substitute } from '../../src/plan/dockerfile-from.js'

describe('dockerfileFroms', () => {
  const cases: Array<[string, string, Record<string, string>, string[]]> = [
    ['a plain FROM', 'FROM debian_12-base\nRUN true\n', {}, ['debian_12-base']],
    ['lowercase keyword and a tag', 'from base:latest\n', {}, ['base:latest']],
    ['--platform skipped', 'FROM --platform=$BUILDPLATFORM base AS b\n', {}, ['base']],
    [
      'multi-stage: a later FROM naming a stage is not an image',
      'FROM base AS build\nRUN make\nFROM build AS test\nFROM tools\nCOPY --from=build /o /o\n',
      {},
      ['base', 'tools']
    ],
    ['global ARG default', 'ARG BASE=debian_12-base\nFROM ${BASE}\n', {}, ['debian_12-base']],
    ['build arg overrides the default', 'ARG BASE=a\nFROM $BASE\n', { BASE: 'b' }, ['b']],
    ['${X:-default} when unset', 'ARG TAG\nFROM base:${TAG:-1.0}\n', {}, ['base:1.0']],
    ['ARG after FROM does not reach FROM', 'FROM a\nARG X=b\nFROM ${X}c\n', {}, ['a', 'c']],
    ['continuation lines and comments', 'FROM \\\n# a comment\n  base \\\n  AS x\n', {}, ['base']],
    ['escape directive', '# escape=`\nFROM `\n  base\n', {}, ['base']],
    ['scratch is no image', 'FROM scratch\nCOPY x /\n', {}, []],
    ['several ARGs on one line', 'ARG A=x B=y\nFROM ${A}-${B}\n', {}, ['x-y']]
  ]
  test.each(cases)('%s', (_name, text, args, want) => {
    expect(dockerfileFroms(text, args).map((f) => f.ref)).toEqual(want)
  })

  test('reports the line of each FROM', () => {
    expect(dockerfileFroms('ARG A=1\n\nFROM a\nRUN x \\\n y\nFROM b\n')).toEqual([
      { ref: 'a', line: 3 },
      { ref: 'b', line: 6 }
    ])
  })
})

test('substitute', () => {
  expect(substitute('${A}/$B/${C:+set}/${D:-none}/\\$A', { A: '1', B: '2', C: 'x' })).toBe('1/2/set/none/$A')
})

test('buildArgsFrom reads both --build-arg spellings', () => {
  expect(buildArgsFrom(['--build-arg', 'A=1', '--build-arg=B=2=3', '--pull', '--label', 'C=4'])).toEqual({
    A: '1',
    B: '2=3'
  })
})
