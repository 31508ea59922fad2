import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSigner, SigningKeyError } from '../../src/exporters/sign.js'

/** A throwaway key made in its own GNUPGHOME: the armoured private key and the public key alone. */
function makeKey(passphrase: string): { secret: string; public: string } {
  const home = mkdtempSync(join(tmpdir(), 'kiln-sign-test-'))
  const gpg = (...args: string[]): string =>
    execFileSync(
      'gpg',
      ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', passphrase, ...args],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      }
    )
  try {
    gpg('--quick-gen-key', 'Kiln Test <kiln-test@example.invalid>', 'ed25519', 'sign', '1d')
    return { secret: gpg('--armor', '--export-secret-keys'), public: gpg('--armor', '--export') }
  } finally {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'])
    rmSync(home, { recursive: true, force: true })
  }
}

/** `gpg --verify` against the public key alone, in a keyring of its own. */
function verify(publicKey: string, signature: string, file: string): { ok: boolean; stderr: string } {
  const home = mkdtempSync(join(tmpdir(), 'kiln-verify-test-'))
  try {
    execFileSync('gpg', ['--batch', '--homedir', home, '--import'], {
      input: publicKey,
      stdio: ['pipe', 'ignore', 'ignore']
    })
    const r = spawnSync('gpg', ['--batch', '--homedir', home, '--verify', signature, file], {
      encoding: 'utf8'
    })
    return { ok: r.status === 0, stderr: r.stderr }
  } finally {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'])
    rmSync(home, { recursive: true, force: true })
  }
}

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
