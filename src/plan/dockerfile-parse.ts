/**
 * A Dockerfile read the way BuildKit's parser (moby/buildkit frontend/dockerfile/parser) reads
 * it, for what Kiln needs to know before a build: which instructions there are, their words
 * with their place in the text (so a reference can be replaced in a copy), and the heredocs.
 *
 * - Parser directives (`# escape=` …) are leading comment lines; `escape` may be `\` or a backtick.
 * - A line ending in the escape character (trailing blanks allowed) continues on the next one;
 *   the two are joined as they are, without a space. Comment lines and empty lines inside a
 *   continuation are dropped.
 * - RUN, COPY and ADD may hold heredocs (`<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<EOF`): the lines after
 *   the instruction up to the terminator are its body, not instructions, whatever they say.
 * - Words are split on blanks outside quotes; quotes stay in the word (BuildKit's RawQuotes).
 *
 * Why not a package: `dockerfile-ast` (rcjsuen, behind the VS Code Docker extension) reads
 * heredocs but is an editor's document model over vscode-languageserver types, and gives no
 * offsets of a word across continuations, which is what rewriting a reference needs;
 * `docker-file-parser` reads no heredocs. This is the small part Kiln needs, unit-tested.
 */

/** One word of an instruction, with the offset of each of its characters in the original text. */
export interface Word {
  text: string
  /** offsets[i] is where text[i] sits in the file (continuations make words non-contiguous). */
  offsets: number[]
}

export interface Heredoc {
  /** The terminator word, quotes removed. */
  name: string
  /** 1-based line of the first body line. */
  line: number
  /** Lines of the body (without the terminator). */
  body: string[]
  /** False when the file ended before the terminator (the engine refuses such a file). */
  terminated: boolean
}

export interface Instruction {
  /** Upper case: FROM, RUN, COPY … */
  keyword: string
  /** The words after the keyword. */
  args: Word[]
  /** 1-based line where the instruction starts. */
  line: number
  heredocs: Heredoc[]
}

export interface ParsedDockerfile {
  escape: '\\' | '`'
  instructions: Instruction[]
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD'])

interface Line {
  text: string
  /** Offset of the line's first character in the file. */
  start: number
}

function splitLines(text: string): Line[] {
  const out: Line[] = []
  let start = 0
  for (const raw of text.split('\n')) {
    out.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start })
    start += raw.length + 1
  }
  return out
}

const isComment = (l: string): boolean => /^[ \t]*#/.test(l)
const isBlank = (l: string): boolean => /^[ \t]*$/.test(l)

/** The escape character from the parser directives (leading `# key=value` comments). */
function escapeDirective(lines: Line[]): '\\' | '`' {
  for (const l of lines) {
    const m = /^[ \t]*#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(\S*)[ \t]*$/.exec(l.text)
    if (!m) break
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2]
  }
  return '\\'
}

/** Words of a logical line: blanks outside quotes separate them; quotes and escapes stay. */
function splitWords(chars: string, offsets: number[], escape: string): Word[] {
  const words: Word[] = []
  let cur: Word | null = null
  let quote: string | null = null
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]
    if (!quote && (c === ' ' || c === '\t')) {
      if (cur) words.push(cur)
      cur = null
      continue
    }
    cur ??= { text: '', offsets: [] }
    cur.text += c
    cur.offsets.push(offsets[i])
    if (c === escape && quote !== "'" && i + 1 < chars.length) {
      cur.text += chars[i + 1]
      cur.offsets.push(offsets[i + 1])
      i++
    } else if (quote && c === quote) quote = null
    else if (!quote && (c === '"' || c === "'")) quote = c
  }
  if (cur) words.push(cur)
  return words
}

/** A heredoc marker word (`<<EOF`, `<<-"EOF"`, `2<<EOF`): its terminator and whether tabs are chomped. */
export function heredocMarker(word: string): { name: string; chomp: boolean } | undefined {
  const m = /^\d*<<(-?)([^<]*)$/.exec(word)
  if (!m || !m[2]) return undefined
  const name = m[2].replace(/^(["'])(.*)\1$/, '$2')
  return name ? { name, chomp: m[1] === '-' } : undefined
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = splitLines(text)
  const escape = escapeDirective(lines)
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`)
  const instructions: Instruction[] = []
  let i = 0
  while (i < lines.length) {
    if (isComment(lines[i].text) || isBlank(lines[i].text)) {
      i++
      continue
    }
    const line = i + 1
    let chars = ''
    const offsets: number[] = []
    while (i < lines.length) {
      const l = lines[i++]
      if (chars && (isComment(l.text) || isBlank(l.text))) continue
      const m = continuation.exec(l.text)
      const body = m ? l.text.slice(0, m.index) : l.text
      chars += body
      for (let k = 0; k < body.length; k++) offsets.push(l.start + k)
      if (!m) break
    }
    const words = splitWords(chars, offsets, escape)
    if (!words.length) continue
    const keyword = words[0].text.toUpperCase()
    const heredocs: Heredoc[] = []
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const w of words.slice(1)) {
        const marker = heredocMarker(w.text)
        if (!marker) continue
        const doc: Heredoc = { name: marker.name, line: i + 1, body: [], terminated: false }
        while (i < lines.length) {
          const l = lines[i++].text
          if ((marker.chomp ? l.replace(/^\t+/, '') : l) === marker.name) {
            doc.terminated = true
            break
          }
          doc.body.push(l)
        }
        heredocs.push(doc)
      }
    }
    instructions.push({ keyword, args: words.slice(1), line, heredocs })
  }
  return { escape, instructions }
}
