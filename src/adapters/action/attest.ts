/**
 * The Action's side of signing and attestation: the signer made from the signing-key input, and
 * the subject-checksums file that actions/attest-build-provenance takes (`<sha256>  <name>`
 * lines, as sha256sum writes them), listing every file each published image's SHA256SUMS lists.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunReport } from '../../pipeline/types.js'
import { openSigner, SigningKeyError, type Signer } from '../../exporters/sign.js'
import { InvalidInputError } from '../../util/errors.js'
import type { Inputs } from './inputs.js'

/** A detached ASCII-armoured signature of `data`, made in a directory of its own. */
export async function signBytes(signer: Signer, data: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-sign-'))
  try {
    const file = join(dir, 'SHA256SUMS')
    await writeFile(file, data)
    return await readFile(await signer.sign(file))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The signer of signing-key, checked before anything is built; null without a key. */
export async function openActionSigner(inputs: Inputs): Promise<Signer | null> {
  if (!inputs['signing-key']) return null
  try {
    return await openSigner(inputs['signing-key'], inputs['signing-key-passphrase'])
  } catch (e) {
    if (e instanceof SigningKeyError)
      throw new InvalidInputError([{ file: 'action inputs', pointer: '/signing-key', message: e.message }])
    throw e
  }
}

/** The masks for the log: every line of the key (the runner masks line by line) and the passphrase. */
export function secretsOf(inputs: Inputs): string[] {
  const lines = inputs['signing-key']
    .split('\n')
    .map((l) => l.trim())
    // Armour headers and blank lines are the same in every key; masking them hides nothing.
    .filter((l) => l.length > 8 && !/^-----(BEGIN|END) PGP/.test(l))
  return [...lines, ...(inputs['signing-key-passphrase'] ? [inputs['signing-key-passphrase']] : [])]
}

/**
 * Writes `<outDir>/subject-checksums.txt` from the SHA256SUMS of `images` (each name prefixed with
 * its image: `<image>/<file>`) and returns its path.
 */
export async function writeSubjectChecksums(outDir: string, images: RunReport['images']): Promise<string> {
  const lines: string[] = []
  for (const i of images) {
    if (!i.exports?.files.length) continue
    const sums = await readFile(join(i.exports.dir, 'SHA256SUMS'), 'utf8')
    for (const line of sums.split('\n')) {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
      if (m) lines.push(`${m[1]}  ${i.name}/${m[2]}`)
    }
  }
  const path = join(outDir, 'subject-checksums.txt')
  await writeFile(path, lines.map((l) => `${l}\n`).join(''))
  return path
}
