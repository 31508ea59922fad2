/**
 * The images a Dockerfile builds FROM, as Docker would resolve them: instructions joined
 * across line continuations, comments dropped, global ARGs (those before the first FROM)
 * substituted with their defaults or the given build args, `--platform=` and other flags
 * skipped, and references to earlier stages (`FROM build AS x` ... `FROM x`) left out.
 */

export interface FromRef {
  /** The image reference after ARG substitution. */
  ref: string
  /** 1-based line of the FROM instruction. */
  line: number
}

interface Instruction {
  keyword: string
  args: string
  line: number
}

/** Instructions with continuations joined; honours the `# escape=` parser directive. */
export function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/)
  let escape = '\\'
  // Parser directives: leading `# key=value` comments, before anything else.
  for (const l of lines) {
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l)
    if (!m) break
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2]
  }
  const out: Instruction[] = []
  let buf = ''
  let start = 0
  lines.forEach((raw, i) => {
    if (/^\s*#/.test(raw)) return // comments vanish, also inside a continuation
    if (!buf && !raw.trim()) return
    if (!buf) start = i + 1
    const trimmed = raw.replace(/\s+$/, '')
    if (trimmed.endsWith(escape)) {
      buf += trimmed.slice(0, -1) + ' '
      return
    }
    buf += raw
    push()
  })
  push()
  function push(): void {
    const m = /^\s*(\S+)\s*(.*)$/s.exec(buf)
    if (m) out.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line: start })
    buf = ''
  }
  return out
}

/** `$X`, `${X}`, `${X:-default}`, `${X:+alt}` (and `-`, `+` without colon) from `vars`. */
export function substitute(s: string, vars: Record<string, string | undefined>): string {
  return s.replace(/\\\$|\$\{(\w+)(?::?([-+])([^}]*))?\}|\$(\w+)/g, (m, braced, op, word, bare) => {
    if (m === '\\$') return '$'
    const name = braced ?? bare
    const v = vars[name]
    if (op === '-') return v === undefined || v === '' ? word : v
    if (op === '+') return v === undefined || v === '' ? '' : word
    return v ?? ''
  })
}

function unquote(v: string): string {
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v
}

/** External images named by FROM lines (any stage), given the build args passed to the build. */
export function dockerfileFroms(text: string, buildArgs: Record<string, string> = {}): FromRef[] {
  const globals: Record<string, string | undefined> = {}
  const stages = new Set<string>()
  const refs: FromRef[] = []
  let seenFrom = false
  for (const ins of instructions(text)) {
    if (ins.keyword === 'ARG' && !seenFrom) {
      for (const decl of ins.args.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []) {
        const eq = decl.indexOf('=')
        const name = eq < 0 ? decl : decl.slice(0, eq)
        const dflt = eq < 0 ? undefined : substitute(unquote(decl.slice(eq + 1)), globals)
        globals[name] = name in buildArgs ? buildArgs[name] : dflt
      }
    } else if (ins.keyword === 'FROM') {
      seenFrom = true
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'))
      if (!words.length) continue
      const ref = substitute(words[0], globals)
      const earlierStage = stages.has(ref.toLowerCase())
      if (words.length >= 3 && words[1].toLowerCase() === 'as') stages.add(words[2].toLowerCase())
      if (earlierStage || !ref || ref.toLowerCase() === 'scratch') continue
      refs.push({ ref, line: ins.line })
    }
  }
  return refs
}

/** `--build-arg K=V` / `--build-arg=K=V` pairs found in extra builder arguments. */
export function buildArgsFrom(extraArgs: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  extraArgs.forEach((a, i) => {
    const v = a === '--build-arg' ? extraArgs[i + 1] : a.startsWith('--build-arg=') ? a.slice(12) : undefined
    if (v === undefined) return
    const eq = v.indexOf('=')
    if (eq > 0) out[v.slice(0, eq)] = v.slice(eq + 1)
  })
  return out
}
