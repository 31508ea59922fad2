import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openActionSigner, secretsOf, writeSubjectChecksums } from '../../src/adapters/action/attest.js'
import { parseInputs } from '../../src/adapters/action/inputs.js'
import type { RunReport } from '../../src/pipeline/types.js'
import { InvalidInputError } from '../../src/util/errors.js'

const inputs = (given: Record<string, string>) => parseInputs((n) => given[n] ?? '')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-attest-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('sbom-format: spdx by default, one of the four, else invalid input naming the input', () => {
  expect(inputs({})['sbom-format']).toBe('spdx')
  expect(inputs({ 'sbom-format': 'both' })['sbom-format']).toBe('both')
  expect(() => inputs({ 'sbom-format': 'swid' })).toThrow(
    /\/sbom-format: "swid" is not one of spdx, cyclonedx, both, none/
  )
})

test('a signing-key that is not a key is invalid input naming signing-key; every line of a key is masked', async () => {
  const bad = await openActionSigner(inputs({ 'signing-key': 'oops' })).catch((e: unknown) => e)
  expect(bad).toBeInstanceOf(InvalidInputError)
  expect((bad as Error).message).toMatch(/action inputs: \/signing-key: it is not an ASCII-armoured/)
  expect(await openActionSigner(inputs({}))).toBeNull()
  const key =
    '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGVt0123456789abcdef\n=AbCd\n-----END PGP PRIVATE KEY BLOCK-----'
  expect(secretsOf(inputs({ 'signing-key': key, 'signing-key-passphrase': ' p w ' }))).toEqual([
    'lQOYBGVt0123456789abcdef',
    ' p w '
  ])
})

test('subject-checksums: every file of each published image, named <image>/<file>, checkable with sha256sum -c from out/', async () => {
  const images: RunReport['images'] = []
  for (const name of ['web', 'db']) {
    const d = join(dir, name)
    mkdirSync(d)
    writeFileSync(join(d, 'image.tar.gz'), `${name} archive`)
    writeFileSync(join(d, 'sbom.spdx.json'), '{}')
    const sums = execFileSync('sha256sum', ['image.tar.gz', 'sbom.spdx.json'], { cwd: d, encoding: 'utf8' })
    writeFileSync(join(d, 'SHA256SUMS'), sums)
    images.push({
      name,
      exports: {
        dir: d,
        files: [{ name: 'image.tar.gz', size: 1, sha256: '' }],
        documents: ['sbom.spdx.json']
      }
    } as RunReport['images'][number])
  }
  const path = await writeSubjectChecksums(dir, images)
  const text = readFileSync(path, 'utf8')
  expect(
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('  ')[1])
  ).toEqual(['web/image.tar.gz', 'web/sbom.spdx.json', 'db/image.tar.gz', 'db/sbom.spdx.json'])
  expect(execFileSync('sha256sum', ['-c', path], { cwd: dir, encoding: 'utf8' })).toContain(
    'web/image.tar.gz: OK'
  )
})
