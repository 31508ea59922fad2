/**
 * `extra_args` is a way for a catalog to reach a builder's own command line, so it is parsed
 * here against an allowlist instead of being appended as it is. Kiln runs as root: a catalog
 * word that the tool reads as an option it did not expect could write a host file
 * (`--iidfile`, `--output`, `--metadata-file`), read one (`-f /etc/passwd`, `--secret`,
 * `-var-file`), or reach the host's environment (`--build-arg NAME` without a value copies
 * the host's variable). Only options that change what is built, never where Kiln reads from
 * or writes to, are accepted; every other word is refused when the catalog is loaded.
 *
 * The accepted words are returned in one `--flag=value` form, so a value can never be read as
 * the next option, whatever the tool's option parser does with a separate one.
 */

/** How an accepted option's value is checked: a pattern and what it means in words. */
interface ValueRule {
  pattern: RegExp
  expected: string
}

const ARG = /^[A-Za-z_][A-Za-z0-9_-]*=/
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/** `docker build` options an image may add. A value-less entry is a switch. */
export const DOCKER_BUILD_OPTIONS: Record<string, ValueRule | null> = {
  '--build-arg': { pattern: ARG, expected: 'NAME=value' },
  '--label': { pattern: /^[^-=][^=]*=/, expected: 'key=value' },
  '--target': { pattern: NAME, expected: 'a stage name' },
  '--network': { pattern: NAME, expected: 'a network name (host, none, default, bridge, ...)' },
  '--platform': {
    pattern: /^[a-z0-9]+(\/[a-z0-9._-]+){0,2}(,[a-z0-9]+(\/[a-z0-9._-]+){0,2})*$/,
    expected: 'os/arch[/variant]'
  },
  '--add-host': { pattern: /^[A-Za-z0-9][A-Za-z0-9.-]*:[A-Za-z0-9.:[\]-]+$/, expected: 'host:address' },
  '--shm-size': { pattern: /^[0-9]+[bkmgBKMG]?$/, expected: 'a size such as 256m' },
  '--no-cache': null,
  '--pull': null,
  '--squash': null,
  '--rm': null,
  '--force-rm': null,
  '--compress': null,
  '--quiet': null
}

/** `packer build` options an image may add: variables only. */
export const PACKER_BUILD_OPTIONS: Record<string, ValueRule | null> = {
  '-var': { pattern: ARG, expected: 'name=value' }
}

export type ExtraArgsBuilder = 'dockerfile' | 'packer'

/**
 * The words of `extra_args` for `builder` in `--flag=value` form, or why they are refused
 * (the message names the word). `--flag value` and `--flag=value` are both read.
 */
export function checkExtraArgs(builder: ExtraArgsBuilder, words: string[]): string[] | { error: string } {
  const allowed = builder === 'packer' ? PACKER_BUILD_OPTIONS : DOCKER_BUILD_OPTIONS
  const names = Object.keys(allowed)
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    const eq = word.indexOf('=')
    const flag = eq > 0 && word.startsWith('-') ? word.slice(0, eq) : word
    if (!(flag in allowed)) {
      const what = word.startsWith('-') ? `option "${flag}"` : `argument "${word}"`
      return {
        error: `${what} is not allowed in extra_args of a ${builder} image; allowed: ${names.join(', ')}`
      }
    }
    const rule = allowed[flag]
    if (!rule) {
      if (eq > 0) return { error: `option "${flag}" takes no value (got "${word}")` }
      out.push(flag)
      continue
    }
    let value: string
    if (eq > 0) value = word.slice(eq + 1)
    else if (i + 1 < words.length) value = words[++i]
    else return { error: `option "${flag}" needs a value (${rule.expected})` }
    if (!rule.pattern.test(value))
      return { error: `option "${flag}" needs ${rule.expected}, not ${JSON.stringify(value)}` }
    out.push(`${flag}=${value}`)
  }
  return out
}
