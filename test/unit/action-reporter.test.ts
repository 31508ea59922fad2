// The Reporter on a runner: workflow commands on stdout, as the runner reads them.
import { jest } from '@jest/globals'
import { ActionReporter, annotateProblems } from '../../src/adapters/action/reporter.js'

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
