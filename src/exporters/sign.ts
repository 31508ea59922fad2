/**
 * OpenPGP signatures of SHA256SUMS (SHA256SUMS.asc: detached, ASCII-armoured), made with the
 * distribution's gpg and a key the user hands over (an armoured private key, e.g. from a secret).
 *
 * The key lives only in a throwaway GNUPGHOME (0700, made by mkdtemp) for the run: never the
 * user's keyring. gpg runs in batch mode with loopback pinentry, so it never prompts; its agent is
 * stopped and the directory removed when the signer closes. The key and the passphrase are
 * checked once, up front, by signing a probe: a key that cannot sign fails before anything is built.
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ExecError, run, tryRun } from '../util/exec.js'

export const SIGNATURE_SUFFIX = '.asc'

export class SigningKeyError extends Error {}

export interface Signer {
  /** Fingerprint of the signing key. */
  readonly fingerprint: string
  /** Writes `<file>.asc` next to `file` (atomically) and returns its path. */
  sign(file: string): Promise<string>
  /** Stops gpg's agent and removes the temporary keyring. */
  close(): Promise<void>
}

const firstLine = (e: unknown): string => {
  const text =
    e instanceof ExecError ? e.tail.filter((l) => /gpg:/.test(l)).join('; ') || e.message : String(e)
  return text.split('\n')[0]
}

/**
 * Imports `armouredKey` into a new temporary GNUPGHOME and checks that it signs (with
 * `passphrase` when it is protected). Throws SigningKeyError saying why it cannot.
 */
export async function openSigner(armouredKey: string, passphrase = ''): Promise<Signer> {
  const home = await mkdtemp(join(tmpdir(), 'kiln-gnupg-'))
  const gpg = (args: string[], input?: string) =>
    run('gpg', ['--batch', '--no-tty', '--homedir', home, ...args], { input, extendEnv: true })
  const close = async (): Promise<void> => {
    await tryRun('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'])
    await rm(home, { recursive: true, force: true })
  }
  try {
    if (!/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(armouredKey))
      throw new SigningKeyError(
        'it is not an ASCII-armoured OpenPGP private key (-----BEGIN PGP PRIVATE KEY BLOCK-----)'
      )
    const passFile = join(home, 'passphrase')
    await writeFile(passFile, passphrase, { mode: 0o600 })
    await gpg(['--import'], armouredKey).catch((e: unknown) => {
      throw new SigningKeyError(`gpg could not import it: ${firstLine(e)}`)
    })
    const listing = await gpg(['--list-secret-keys', '--with-colons'])
    const fingerprints = listing.stdout
      .split('\n')
      .filter((l) => l.startsWith('fpr:'))
      .map((l) => l.split(':')[9])
    // The primary key's fingerprint comes first; gpg picks a signing subkey of it by itself.
    const fingerprint = fingerprints[0]
    if (!fingerprint) throw new SigningKeyError('it holds no secret key')
    const sign = async (file: string): Promise<string> => {
      const out = `${file}${SIGNATURE_SUFFIX}`
      const tmp = `${out}.tmp-${process.pid}`
      await rm(tmp, { force: true })
      await gpg([
        '--pinentry-mode',
        'loopback',
        '--passphrase-file',
        passFile,
        '--local-user',
        fingerprint,
        '--armor',
        '--detach-sign',
        '--output',
        tmp,
        file
      ])
      await rename(tmp, out)
      return out
    }
    const probe = join(home, 'probe')
    await writeFile(probe, 'kiln signing probe\n')
    await sign(probe).catch((e: unknown) => {
      throw new SigningKeyError(`it cannot sign (a wrong or missing passphrase?): ${firstLine(e)}`)
    })
    return { fingerprint, sign, close }
  } catch (e) {
    await close()
    throw e
  }
}
