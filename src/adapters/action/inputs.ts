/**
 * The Action's inputs, keyed by their names in action.yml, read and checked once. Parsing is a
 * pure function of a reader so it can be tested as a table; main.ts passes core.getInput.
 */
import { CACHE_KINDS, parseSize, type CacheKind } from '../../cache/index.js'
import { SBOM_FORMATS, type SbomFormat } from '../../exporters/sbom.js'
import { InvalidInputError, type Problem } from '../../util/errors.js'

export const COMPRESSIONS = ['gzip', 'zstd', 'none'] as const
export const MODES = ['build', 'plan'] as const

export interface Inputs {
  'images-file': string
  targets: string[]
  distro?: string
  plan?: string
  arch?: string
  cache: CacheKind
  'cache-dir': string
  'cache-size': string
  'store-dir': string
  'out-dir': string
  exports: boolean
  compression: (typeof COMPRESSIONS)[number]
  'release-tag': string
  /** '' (latest when release-tag is set, else none), latest, none, or a release tag. */
  'changelog-against': string
  'upload-artifacts': boolean
  /** Fail before building when any image is in neither the store nor the cache. */
  'fail-on-cache-miss': boolean
  /** false: one unzipped artifact per file (as actions/upload-artifact's `archive: false`). */
  'archive-artifacts': boolean
  /** Days the artifacts are kept; undefined: the repository's setting. */
  'retention-days'?: number
  /** Write the job summary. */
  summary: boolean
  mode: (typeof MODES)[number]
  jobs: number
  'source-date-epoch'?: number
  verify: boolean
  'sbom-format': SbomFormat
  /** Armoured OpenPGP private key that signs SHA256SUMS; '' for none. */
  'signing-key': string
  'signing-key-passphrase': string
  token: string
}

/** Defaults as in action.yml, for callers that do not go through the runner (and for tests). */
export const DEFAULTS: Record<keyof Inputs, string> = {
  // Empty: the first default catalog file that exists (model/defaults.ts), as the CLI does.
  'images-file': '',
  targets: '',
  distro: '',
  plan: '',
  arch: '',
  cache: 'github',
  'cache-dir': '',
  'cache-size': '',
  'store-dir': '',
  'out-dir': 'out',
  exports: 'true',
  compression: 'gzip',
  'release-tag': '',
  'changelog-against': '',
  'upload-artifacts': 'true',
  'fail-on-cache-miss': 'false',
  'archive-artifacts': 'true',
  'retention-days': '',
  summary: 'true',
  mode: 'build',
  jobs: '2',
  'source-date-epoch': '',
  verify: 'true',
  'sbom-format': 'spdx',
  'signing-key': '',
  'signing-key-passphrase': '',
  token: ''
}

/**
 * Reads every input; `read(name)` returns '' for an input that was not given (as core.getInput).
 * `env` is the environment (process.env on a runner): SOURCE_DATE_EPOCH there is honoured when
 * the source-date-epoch input is empty, as reproducible-builds.org asks of every build tool.
 */
export function parseInputs(
  read: (name: string) => string,
  env: Record<string, string | undefined> = {}
): Inputs {
  const problems: Problem[] = []
  const get = (name: keyof Inputs): string => {
    const v = read(name).trim()
    return v === '' ? DEFAULTS[name] : v
  }
  const bad = (name: string, message: string) =>
    problems.push({ file: 'action inputs', pointer: `/${name}`, message })
  const oneOf = <T extends string>(name: keyof Inputs, allowed: readonly T[]): T => {
    const v = get(name)
    if (!(allowed as readonly string[]).includes(v)) bad(name, `"${v}" is not one of ${allowed.join(', ')}`)
    return v as T
  }
  const bool = (name: keyof Inputs): boolean => {
    const v = get(name).toLowerCase()
    if (['true', 'yes', '1', 'on'].includes(v)) return true
    if (['false', 'no', '0', 'off'].includes(v)) return false
    bad(name, `"${v}" is not a boolean (true or false)`)
    return false
  }
  const optional = (name: keyof Inputs): string | undefined => get(name) || undefined

  const jobsText = get('jobs')
  const jobs = Number(jobsText)
  if (!Number.isInteger(jobs) || jobs < 1) bad('jobs', `"${jobsText}" is not a whole number of at least 1`)
  const epochInput = get('source-date-epoch')
  const epochText = epochInput || (env.SOURCE_DATE_EPOCH ?? '').trim()
  const epoch = epochText === '' ? undefined : Number(epochText)
  if (epoch !== undefined && (!/^\d+$/.test(epochText) || !Number.isSafeInteger(epoch))) {
    const from = epochInput ? '' : ' (SOURCE_DATE_EPOCH in the environment)'
    bad('source-date-epoch', `"${epochText}"${from} is not a Unix time in seconds`)
  }
  const retentionText = get('retention-days')
  const retention = retentionText === '' ? undefined : Number(retentionText)
  if (retention !== undefined && !(/^\d+$/.test(retentionText) && retention >= 1 && retention <= 90)) {
    bad('retention-days', `"${retentionText}" is not a number of days from 1 to 90`)
  }
  const cacheSize = get('cache-size')
  if (cacheSize) {
    try {
      parseSize(cacheSize)
    } catch (e) {
      bad('cache-size', e instanceof Error ? e.message : String(e))
    }
  }
  const inputs: Inputs = {
    'images-file': get('images-file'),
    targets: splitList(get('targets')),
    distro: optional('distro'),
    plan: optional('plan'),
    arch: optional('arch'),
    cache: oneOf('cache', CACHE_KINDS),
    'cache-dir': get('cache-dir'),
    'cache-size': cacheSize,
    'store-dir': get('store-dir'),
    'out-dir': get('out-dir'),
    exports: bool('exports'),
    compression: oneOf('compression', COMPRESSIONS),
    'release-tag': get('release-tag'),
    'changelog-against': get('changelog-against'),
    'upload-artifacts': bool('upload-artifacts'),
    'fail-on-cache-miss': bool('fail-on-cache-miss'),
    'archive-artifacts': bool('archive-artifacts'),
    'retention-days': retention,
    summary: bool('summary'),
    mode: oneOf('mode', MODES),
    jobs,
    'source-date-epoch': epoch,
    verify: bool('verify'),
    'sbom-format': oneOf('sbom-format', SBOM_FORMATS),
    'signing-key': get('signing-key'),
    // As given: a passphrase may begin or end with spaces.
    'signing-key-passphrase': read('signing-key-passphrase'),
    token: get('token')
  }
  if (inputs.cache === 'local' && !inputs['cache-dir']) bad('cache-dir', 'cache "local" needs a cache-dir')
  if (problems.length) throw new InvalidInputError(problems)
  return inputs
}

/** "a, b\nc" → ["a", "b", "c"]: newline or comma separated, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
}
