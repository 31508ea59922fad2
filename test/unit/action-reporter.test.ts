// The Reporter on a runner: workflow commands on stdout, as the runner reads them.
import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ActionReporter, annotateProblems, imageLocations } from '../../src/adapters/action/reporter.js'
import { loadCatalog } from '../../src/model/index.js'

function captured(fn: () => void): string {
  const lines: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  try {
    fn()
  } finally {
    spy.mockRestore()
  }
  return lines.join('')
}

test('warnings and errors with a location become annotations on the file', () => {
  const r = new ActionReporter()
  expect(captured(() => r.warn('odd base', { file: 'IMAGES.json', line: 7, column: 3 }))).toBe(
    '::warning file=IMAGES.json,line=7,col=3::odd base\n'
  )
  expect(captured(() => r.error('no such file', { file: 'plans/a/Dockerfile' }))).toBe(
    '::error file=plans/a/Dockerfile::no such file\n'
  )
  expect(captured(() => r.warn('plain'))).toBe('::warning::plain\n')
})

test('each problem of an invalid catalog is one annotation at its line', () => {
  const out = captured(() =>
    annotateProblems([
      {
        file: 'IMAGES.json',
        pointer: '/images/1/base',
        line: 12,
        column: 15,
        image: 'leaf',
        message: 'base "x" names no image'
      },
      { file: 'IMAGES.json', pointer: '', message: 'version must be 1' }
    ])
  )
  expect(out.split('\n').filter(Boolean)).toEqual([
    '::error title=kiln%3A invalid input,file=IMAGES.json,line=12,col=15::/images/1/base (image leaf): base "x" names no image',
    '::error title=kiln%3A invalid input,file=IMAGES.json::/: version must be 1'
  ])
})

test('groups wrap their work in a log group and return its value', async () => {
  const r = new ActionReporter()
  const lines: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  try {
    expect(await r.group('leaf (dockerfile)', async () => 42)).toBe(42)
  } finally {
    spy.mockRestore()
  }
  expect(lines.join('')).toBe('::group::leaf (dockerfile)\n::endgroup::\n')
})

describe('a failed image is annotated at its entry in the catalog', () => {
  const file = 'test/fixtures/catalog/chain/IMAGES.json'
  // The line of the "{" that opens base-b's entry (1-based), read from the file itself.
  const lines = readFileSync(file, 'utf8').split('\n')
  const entryLine = lines.findIndex((l) => l.includes('"name": "base-b"'))

  test('build failures and boot gate failures, with one job or several', async () => {
    const r = new ActionReporter()
    r.locateImages(imageLocations(await loadCatalog(resolve(file))))
    expect(captured(() => r.error('base-b: build: exit 1\n  | E: Unable to locate package nope'))).toBe(
      `::error file=${file},line=${entryLine}::base-b: build: exit 1%0A  | E: Unable to locate package nope\n`
    )
    expect(captured(() => r.error('[base-b] base-b: boot gate failed: no marker'))).toBe(
      `::error file=${file},line=${entryLine}::[base-b] base-b: boot gate failed: no marker\n`
    )
    // Not about an image of the catalog, or placed already: as it was.
    expect(captured(() => r.error('2 images: 1 built, 1 failed in 3.0 s'))).toBe(
      '::error::2 images: 1 built, 1 failed in 3.0 s\n'
    )
    expect(captured(() => r.error('base-b: odd', { file: 'base-b/Dockerfile', line: 3 }))).toBe(
      '::error file=base-b/Dockerfile,line=3::base-b: odd\n'
    )
  })

  test('the longest image name that starts the message wins', () => {
    const r = new ActionReporter()
    r.locateImages(
      new Map([
        ['a', { file: 'IMAGES.json', line: 2 }],
        ['a: b', { file: 'IMAGES.json', line: 9 }]
      ])
    )
    expect(captured(() => r.error('a: b: failed'))).toBe('::error file=IMAGES.json,line=9::a: b: failed\n')
    // A warning about an image (its cache entry, say) is not about its entry in the catalog.
    expect(captured(() => r.warn('a: cache entry unusable'))).toBe('::warning::a: cache entry unusable\n')
  })
})
