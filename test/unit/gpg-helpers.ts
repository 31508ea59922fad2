// Throwaway OpenPGP keys and gpg --verify against a public key alone, for the signing tests.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A throwaway key made in its own GNUPGHOME: the armoured private key and the public key alone. */
export function makeKey(passphrase: string): { secret: string; public: string } {
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
export function verify(publicKey: string, signature: string, file: string): { ok: boolean; stderr: string } {
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
