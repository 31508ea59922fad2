import path from 'node:path'

/** A path as shown in messages: relative to the current directory when it is below it. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs
}
