/**
 * Parses a catalog file (JSON or YAML) keeping where every value sits, so each problem can
 * name its line and column. The `yaml` package reads both (JSON is YAML 1.2 flow syntax);
 * JSON files are read by JSON.parse for their values, so numbers and strings mean exactly
 * what JSON says, and by `yaml` only for positions.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml'
import type { Problem } from '../util/errors.js'

export interface SourceDoc {
  /** The file as shown in messages. */
  display: string
  value: unknown
  /** Line and column (1-based) of the value at a JSON pointer, or of the nearest enclosing value. */
  locate(pointer: string, opts?: { key?: boolean }): { line: number; column: number } | undefined
}

export function isJsonText(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true
  if (/\.ya?ml$/i.test(file)) return false
  return /^\s*[{[]/.test(text)
}

/** Parses `text`; returns the document, or the syntax problems (all of them) with their positions. */
export function parseSource(display: string, text: string, json: boolean): SourceDoc | Problem[] {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true })
  const problems: Problem[] = []
  let value: unknown
  if (json) {
    try {
      value = JSON.parse(text)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      const at = /at position (\d+)/.exec(message)
      const pos = at ? lines.linePos(Number(at[1])) : undefined
      problems.push({
        file: display,
        pointer: '',
        line: pos?.line,
        column: pos?.col,
        message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '')}`
      })
      return problems
    }
  }
  for (const err of doc.errors) {
    const pos = err.linePos?.[0]
    problems.push({
      file: display,
      pointer: '',
      line: pos?.line,
      column: pos?.col,
      message: `${json ? 'invalid JSON' : 'invalid YAML'}: ${firstLine(err.message)}`
    })
  }
  if (problems.length) return problems
  if (!json) value = doc.toJS({ maxAliasCount: 100 })
  return { display, value, locate: (pointer, opts) => locate(doc, lines, pointer, opts?.key ?? false) }
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
}

export function pointerOf(path: Array<string | number>): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

export function splitPointer(pointer: string): string[] {
  if (!pointer) return []
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function locate(
  doc: Document,
  lines: LineCounter,
  pointer: string,
  wantKey: boolean
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents
  let keyNode: unknown
  for (const part of splitPointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part)
      if (!pair) break
      keyNode = pair.key
      node = pair.value
    } else if (isSeq(node)) {
      const item = node.items[Number(part)]
      if (item === undefined) break
      keyNode = undefined
      node = item
    } else break
  }
  const target = (wantKey && keyNode ? keyNode : node) as Node | null
  const offset = target?.range?.[0]
  if (offset === undefined) return undefined
  const pos = lines.linePos(offset)
  return { line: pos.line, column: pos.col }
}
