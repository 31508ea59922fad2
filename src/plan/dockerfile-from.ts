/**
 * The images a Dockerfile names, as Docker would resolve them: `FROM` (global ARGs, those
 * before the first FROM, substituted with their defaults or the given build args;
 * `--platform=` and other flags skipped; earlier stages left out), `COPY --from=` and BuildKit's
 * `RUN --mount=…,from=` (stage names and indexes left out). Heredoc bodies are text, never instructions (see
 * dockerfile-parse.ts). Each reference keeps its place in the file so a builder can put
 * another reference there in a copy of the file.
 */
import type { ImageSpec } from '../model/types.js'
import { parseDockerfile, type Word } from './dockerfile-parse.js'

export interface FromRef {
  /** The image reference after ARG substitution. */
  ref: string
  /** 1-based line of the FROM instruction. */
  line: number
}

export interface ImageRef extends FromRef {
  kind: 'FROM' | 'COPY --from' | 'RUN --mount from'
  /** Offsets in the file of the text to replace to name another image ([start, end)). */
  start: number
  end: number
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

/** The span in the file of `word.text.slice(from)`. */
function span(word: Word, from = 0): { start: number; end: number } {
  return { start: word.offsets[from], end: word.offsets[word.offsets.length - 1] + 1 }
}

/** Every image a Dockerfile names (FROM and COPY --from), given the build args passed to the build. */
export function dockerfileImageRefs(text: string, buildArgs: Record<string, string> = {}): ImageRef[] {
  const { instructions } = parseDockerfile(text)
  const globals: Record<string, string | undefined> = {}
  const stages = new Set<string>()
  for (const ins of instructions)
    if (ins.keyword === 'FROM') {
      const words = ins.args.filter((w) => !w.text.startsWith('--'))
      if (words.length >= 3 && words[1].text.toLowerCase() === 'as') stages.add(words[2].text.toLowerCase())
    }
  /** What --from / from= names: an image, unless it is a stage (by name or index) or scratch. */
  const isImage = (ref: string): boolean =>
    !!ref && !/^\d+$/.test(ref) && !stages.has(ref.toLowerCase()) && ref.toLowerCase() !== 'scratch'
  const earlier = new Set<string>()
  const refs: ImageRef[] = []
  let seenFrom = false
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && !seenFrom) {
      for (const { text: decl } of ins.args) {
        const eq = decl.indexOf('=')
        const name = eq < 0 ? decl : decl.slice(0, eq)
        const dflt = eq < 0 ? undefined : substitute(unquote(decl.slice(eq + 1)), globals)
        globals[name] = name in buildArgs ? buildArgs[name] : dflt
      }
    } else if (ins.keyword === 'FROM') {
      seenFrom = true
      const words = ins.args.filter((w) => !w.text.startsWith('--'))
      if (!words.length) continue
      const ref = substitute(words[0].text, globals)
      const stage = earlier.has(ref.toLowerCase())
      if (words.length >= 3 && words[1].text.toLowerCase() === 'as') earlier.add(words[2].text.toLowerCase())
      if (stage || !ref || ref.toLowerCase() === 'scratch') continue
      refs.push({ ref, line: ins.line, kind: 'FROM', ...span(words[0]) })
    } else if (ins.keyword === 'RUN') {
      // BuildKit's --mount=type=bind|cache,from=X,... reads X: a stage or an image.
      for (const w of ins.args) {
        if (!w.text.startsWith('--')) break
        if (!w.text.toLowerCase().startsWith('--mount=')) continue
        let at = '--mount='.length
        for (const field of w.text.slice(at).split(',')) {
          if (field.toLowerCase().startsWith('from=')) {
            const ref = unquote(substitute(field.slice('from='.length), globals))
            if (isImage(ref))
              refs.push({
                ref,
                line: ins.line,
                kind: 'RUN --mount from',
                start: w.offsets[at + 'from='.length],
                end: w.offsets[at + field.length - 1] + 1
              })
          }
          at += field.length + 1
        }
      }
    } else if (ins.keyword === 'COPY') {
      // Flags come first and are written --flag=value.
      for (const w of ins.args) {
        if (!w.text.startsWith('--')) break
        if (!w.text.toLowerCase().startsWith('--from=')) continue
        const ref = unquote(substitute(w.text.slice('--from='.length), globals))
        if (!isImage(ref)) continue
        refs.push({ ref, line: ins.line, kind: 'COPY --from', ...span(w, '--from='.length) })
      }
    }
  }
  return refs
}

/** External images named by FROM lines (any stage), given the build args passed to the build. */
export function dockerfileFroms(text: string, buildArgs: Record<string, string> = {}): FromRef[] {
  return dockerfileImageRefs(text, buildArgs)
    .filter((r) => r.kind === 'FROM')
    .map(({ ref, line }) => ({ ref, line }))
}

/**
 * The build args `docker build` gets for an image, as far as they decide which images it names:
 * the catalog's args, then `--build-arg`s of extra_args (later on the command line, so they win).
 */
export function dockerfileBuildArgs(spec: ImageSpec): Record<string, string> {
  return { ...spec.args, ...buildArgsFrom(spec.extraArgs) }
}

/** `text` with each span replaced (spans do not overlap). */
export function replaceSpans(
  text: string,
  edits: Array<{ start: number; end: number; with: string }>
): string {
  let out = text
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.with + out.slice(e.end)
  return out
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
