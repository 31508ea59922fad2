/**
 * The host's apt sources, read to pick the default mirror for a bootstrap: the mirror the
 * machine already uses is the one that is reachable (a runner behind a proxy or a local
 * mirror), so kiln never has to name one itself.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'

export interface AptSource {
  uri: string
  suites: string[]
  components: string[]
}

/** One-line form: `deb [options] URI SUITE [COMPONENT...]`. */
export function parseSourcesList(text: string): AptSource[] {
  const out: AptSource[] = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line.startsWith('deb ') && !line.startsWith('deb\t')) continue
    const rest = line
      .slice(4)
      .trim()
      .replace(/^\[[^\]]*\]\s*/, '')
    const [uri, suite, ...components] = rest.split(/\s+/)
    if (uri && suite) out.push({ uri, suites: [suite], components })
  }
  return out
}

/** deb822 form (*.sources): stanzas of `Types:`, `URIs:`, `Suites:`, `Components:`. */
export function parseDeb822(text: string): AptSource[] {
  const out: AptSource[] = []
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>()
    let last = ''
    for (const raw of stanza.split('\n')) {
      if (raw.startsWith('#')) continue
      if (/^\s/.test(raw) && last) {
        fields.set(last, `${fields.get(last)} ${raw.trim()}`)
        continue
      }
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(raw)
      if (!m) continue
      last = m[1].toLowerCase()
      fields.set(last, m[2].trim())
    }
    if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue
    if ((fields.get('enabled') ?? 'yes').toLowerCase() === 'no') continue
    const words = (k: string): string[] => (fields.get(k) ?? '').split(/\s+/).filter(Boolean)
    for (const uri of words('uris'))
      out.push({ uri, suites: words('suites'), components: words('components') })
  }
  return out
}

/** Every `deb` source configured under `aptDir` (sources.list, sources.list.d/*.list and *.sources). */
export async function hostAptSources(aptDir = '/etc/apt'): Promise<AptSource[]> {
  const out: AptSource[] = []
  const read = (p: string): Promise<string> => readFile(p, 'utf8').catch(() => '')
  out.push(...parseSourcesList(await read(join(aptDir, 'sources.list'))))
  const d = join(aptDir, 'sources.list.d')
  const names = (await readdir(d).catch(() => [] as string[])).sort()
  for (const n of names) {
    if (n.endsWith('.list')) out.push(...parseSourcesList(await read(join(d, n))))
    else if (n.endsWith('.sources')) out.push(...parseDeb822(await read(join(d, n))))
  }
  return out
}

/**
 * The mirror to bootstrap `suite` from: a source that carries that suite, else the first
 * main-archive source (not -security/-updates/-backports). Null when there is none.
 */
export function pickMirror(sources: AptSource[], suite: string): string | null {
  const exact = sources.find((s) => s.suites.includes(suite))
  if (exact) return exact.uri
  const main = sources.find((s) => s.suites.some((x) => !/[-/](security|updates|backports)$/.test(x)))
  return main?.uri ?? null
}
