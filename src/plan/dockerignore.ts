/**
 * The build context as Docker sends it: `.dockerignore` rules (Go filepath.Match globs,
 * `**`, `!` exceptions, last match wins, a pattern also matching everything below a
 * directory) via @balena/dockerignore, a port of Docker's own matcher. Like BuildKit,
 * `<Dockerfile>.dockerignore` next to the Dockerfile wins over `<context>/.dockerignore`.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import dockerignoreModule from '@balena/dockerignore'
import type { TreeFilter } from './hash.js'
import { sha256 } from './hash.js'

type IgnoreFactory = () => { add(patterns: string[]): { ignores(p: string): boolean } }
// The package is CommonJS (`module.exports = factory`) with an ES-style default in its typings.
const mod = dockerignoreModule as unknown as IgnoreFactory | { default: IgnoreFactory }
const ignoreFactory: IgnoreFactory = typeof mod === 'function' ? mod : mod.default

/** Patterns of a .dockerignore text: comments and blank lines dropped, as Docker reads it. */
export function parseDockerignore(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
}

/**
 * Left out of context keys whatever .dockerignore says: the checkout's own `.git` changes
 * with every commit and would change every key built from the repository root. Builders
 * that send a context should leave it out too (CONTEXT_ALWAYS_EXCLUDED).
 */
export const CONTEXT_ALWAYS_EXCLUDED = ['.git']

export function dockerignoreFilter(patterns: string[]): TreeFilter {
  const ig = ignoreFactory().add(patterns)
  return {
    excluded: (rel) =>
      CONTEXT_ALWAYS_EXCLUDED.some((x) => rel === x || rel.startsWith(`${x}/`)) || ig.ignores(rel),
    // With `!` exceptions a file below an excluded directory can come back, so walk it.
    prune: !patterns.some((p) => p.startsWith('!')),
    id: sha256(patterns.join('\n'))
  }
}

/** The ignore file that applies (absolute path, when there is one) and the context's filter. */
export async function contextFilter(
  contextAbs: string,
  dockerfileAbs: string | undefined
): Promise<{ file?: string; filter: TreeFilter }> {
  const candidates = [
    ...(dockerfileAbs ? [`${dockerfileAbs}.dockerignore`] : []),
    path.join(contextAbs, '.dockerignore')
  ]
  for (const file of candidates) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      continue
    }
    return { file, filter: dockerignoreFilter(parseDockerignore(text)) }
  }
  return { filter: dockerignoreFilter([]) }
}
