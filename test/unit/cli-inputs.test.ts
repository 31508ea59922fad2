// `kiln export -i` and `kiln flatten -i` given a docker save tarball that is broken: the
// user's input to fix (exit 2, one line naming the file), never a JS error.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { main } from '../../src/adapters/cli/main.js'
import { makeTar } from './store-helpers.js'

let dir: string
let stderr: string[]
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-cli-inputs-'))
  stderr = []
  jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s))
    return true
  })
})
afterEach(() => {
  jest.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

const saveWith = (manifest: string, extra: Array<{ name: string; body: string }> = []): Promise<Buffer> =>
  makeTar([{ name: 'manifest.json', body: manifest }, { name: 'c.json', body: '{}' }, ...extra])

const cases: Array<[string, () => Promise<Buffer>, RegExp]> = [
  ['a manifest.json that is not JSON', () => saveWith('not json\n'), /manifest\.json is not valid JSON/],
  [
    'a manifest.json whose Layers is not a list',
    () => saveWith('[{"Config":"c.json","Layers":"l.tar"}]'),
    /manifest\.json: Layers must be a list of file names/
  ],
  [
    'an index.json whose manifests is not a list',
    () => makeTar([{ name: 'index.json', body: '{"manifests":"x"}' }]),
    /index\.json: manifests must be a list of descriptors/
  ],
  [
    'an index.json naming a manifest without a digest',
    () => makeTar([{ name: 'index.json', body: '{"manifests":[{"mediaType":"x"}]}' }]),
    /index\.json: manifests must be a list of descriptors, each with a digest/
  ]
]

describe.each(['export', 'flatten'])('kiln %s -i', (command) => {
  const run = (input: string): Promise<number> =>
    main(['node', 'kiln', command, '-i', input, '-o', join(dir, command === 'export' ? 'out' : 'out.tar')])

  it.each(cases)('refuses %s with exit 2, naming the file, writing nothing', async (_what, make, message) => {
    const input = join(dir, 'save.tar')
    writeFileSync(input, await make())
    expect(await run(input)).toBe(2)
    const text = stderr.join('')
    expect(text).toMatch(message)
    expect(text).toContain('save.tar')
    expect(text).not.toMatch(/TypeError|SyntaxError|is not a function|Cannot read properties/)
    expect(readdirSync(dir)).toEqual(['save.tar'])
  })

  it('takes an empty layer file as an empty layer (no "outside buffer bounds")', async () => {
    const input = join(dir, 'save.tar')
    writeFileSync(
      input,
      await saveWith('[{"Config":"c.json","Layers":["l.tar"]}]', [{ name: 'l.tar', body: '' }])
    )
    expect(await run(input)).toBe(0)
    expect(stderr.join('')).not.toMatch(/outside buffer bounds/)
  })
})
