/**
 * The CLI's supply-chain options, shared by `kiln build` and `kiln export`: the SBOM format and
 * the key that signs SHA256SUMS (--sign-key FILE, or the armoured key itself in $KILN_SIGNING_KEY;
 * its passphrase in $KILN_SIGNING_KEY_PASSPHRASE).
 */
import { Option } from 'commander'
import { readFile } from 'node:fs/promises'
import type { SBOM_FORMATS } from '../../exporters/sbom.js'
import type { Signer } from '../../exporters/sign.js'
import { errorMessage, InvalidInputError } from '../../util/errors.js'

/** exporters/sbom.ts SBOM_FORMATS, copied so --help loads no exporter; its type is theirs, so it cannot drift. */
export const SBOM_FORMAT_CHOICES: typeof SBOM_FORMATS = ['spdx', 'cyclonedx', 'both', 'none']

export const sbomFormatOption = (): Option =>
  new Option(
    '--sbom-format <format>',
    'SBOM beside the archives: sbom.spdx.json, sbom.cdx.json, both or none'
  )
    .choices(SBOM_FORMAT_CHOICES)
    .default('spdx')

export const signKeyOption = (): Option =>
  new Option(
    '--sign-key <file>',
    'armoured OpenPGP private key that signs SHA256SUMS into SHA256SUMS.asc (default: $KILN_SIGNING_KEY, the key itself; passphrase in $KILN_SIGNING_KEY_PASSPHRASE)'
  )

/** The signer the options ask for, checked before anything is built; null when none is asked for. */
export async function openCliSigner(signKey: string | undefined): Promise<Signer | null> {
  const where = signKey ?? '$KILN_SIGNING_KEY'
  const bad = (message: string): InvalidInputError =>
    new InvalidInputError([
      { file: where, pointer: signKey ? '/sign-key' : '', message: `signing key: ${message}` }
    ])
  let key: string | undefined
  if (signKey)
    key = await readFile(signKey, 'utf8').catch((e: unknown) => Promise.reject(bad(errorMessage(e))))
  else key = process.env.KILN_SIGNING_KEY || undefined
  if (!key) return null
  const { openSigner, SigningKeyError } = await import('../../exporters/sign.js')
  try {
    return await openSigner(key, process.env.KILN_SIGNING_KEY_PASSPHRASE ?? '')
  } catch (e) {
    if (e instanceof SigningKeyError) throw bad(e.message)
    throw e
  }
}
