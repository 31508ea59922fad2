import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { main } from '../../src/adapters/cli/main.js'
import { openSigner, SigningKeyError } from '../../src/exporters/sign.js'
import { makeKey, verify } from './gpg-helpers.js'
import { makeTar } from './store-helpers.js'

const kilnHomes = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('kiln-gnupg-'))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-sums-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('a protected key signs SHA256SUMS; gpg --verify with the public key alone accepts it and refuses a changed file', async () => {
  const key = makeKey('s3cret')
  const sums = join(dir, 'SHA256SUMS')
  writeFileSync(sums, `${'ab'.repeat(32)}  image.tar.gz\n`)
  const before = kilnHomes()
  const signer = await openSigner(key.secret, 's3cret')
  try {
    const asc = await signer.sign(sums)
    expect(asc).toBe(`${sums}.asc`)
    expect(readFileSync(asc, 'utf8')).toMatch(/^-----BEGIN PGP SIGNATURE-----/)
    const good = verify(key.public, asc, sums)
    expect(good.stderr).toContain('Good signature')
    expect(good.ok).toBe(true)
    writeFileSync(sums, `${'cd'.repeat(32)}  image.tar.gz\n`)
    expect(verify(key.public, asc, sums).ok).toBe(false)
  } finally {
    await signer.close()
  }
  // The temporary keyring is gone with the signer.
  expect(kilnHomes()).toEqual(before)
})

test('a wrong passphrase, or no key at all, is refused up front, saying why, and leaves no keyring behind', async () => {
  const key = makeKey('right')
  const before = kilnHomes()
  const wrong = await openSigner(key.secret, 'wrong').catch((e: unknown) => e)
  expect(wrong).toBeInstanceOf(SigningKeyError)
  expect((wrong as Error).message).toMatch(/cannot sign/)
  const notAKey = await openSigner('hello', '').catch((e: unknown) => e)
  expect(notAKey).toBeInstanceOf(SigningKeyError)
  expect((notAKey as Error).message).toMatch(/not an ASCII-armoured OpenPGP private key/)
  const publicOnly = await openSigner(key.public.replace(/PUBLIC/g, 'PRIVATE'), '').catch((e: unknown) => e)
  expect(publicOnly).toBeInstanceOf(SigningKeyError)
  expect(kilnHomes()).toEqual(before)
  expect(existsSync(join(dir, 'SHA256SUMS.asc'))).toBe(false)
})

describe('kiln export --sign-key', () => {
  let stderr: string[]
  beforeEach(() => {
    stderr = []
    jest.spyOn(process.stderr, 'write').mockImplementation((t: string | Uint8Array) => {
      stderr.push(String(t))
      return true
    })
  })
  afterEach(() => jest.restoreAllMocks())

  async function save(): Promise<string> {
    const layer = await makeTar([{ name: 'etc/hostname', body: 'kiln\n' }])
    const input = join(dir, 'save.tar')
    writeFileSync(
      input,
      await makeTar([
        { name: 'manifest.json', body: '[{"Config":"c.json","Layers":["l.tar"]}]' },
        { name: 'c.json', body: '{}' },
        { name: 'l.tar', body: layer as unknown as string }
      ])
    )
    return input
  }

  test('signs SHA256SUMS, which gpg --verify accepts with the public key alone', async () => {
    const key = makeKey('')
    writeFileSync(join(dir, 'key.asc'), key.secret)
    const out = join(dir, 'out')
    expect(
      await main([
        'node',
        'kiln',
        'export',
        '-i',
        await save(),
        '-o',
        out,
        '--sign-key',
        join(dir, 'key.asc')
      ])
    ).toBe(0)
    const sums = join(out, 'image', 'SHA256SUMS')
    expect(verify(key.public, `${sums}.asc`, sums).ok).toBe(true)
  })

  test('an unreadable or unusable key: exit 2 naming it, nothing written', async () => {
    const input = await save()
    const out = join(dir, 'out')
    expect(
      await main(['node', 'kiln', 'export', '-i', input, '-o', out, '--sign-key', join(dir, 'nope.asc')])
    ).toBe(2)
    expect(stderr.join('')).toMatch(/nope\.asc.*signing key/)
    writeFileSync(join(dir, 'bad.asc'), 'not a key')
    expect(
      await main(['node', 'kiln', 'export', '-i', input, '-o', out, '--sign-key', join(dir, 'bad.asc')])
    ).toBe(2)
    expect(stderr.join('')).toMatch(/bad\.asc.*signing key: it is not an ASCII-armoured OpenPGP private key/)
    expect(stderr.join('')).not.toMatch(/TypeError|at .*\.ts:/)
    expect(existsSync(out)).toBe(false)
  })
})
