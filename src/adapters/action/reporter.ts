import * as core from '@actions/core'
import type { Problem } from '../../util/errors.js'
import type { Reporter, SourceLocation } from '../../util/log.js'

/**
 * The engine's Reporter on a runner: log groups, and warnings/errors as annotations that point at
 * the file and line (IMAGES.json problems show on the file in the pull request).
 */
export class ActionReporter implements Reporter {
  info(message: string): void {
    core.info(message)
  }
  warn(message: string, where?: SourceLocation): void {
    core.warning(message, annotation(where))
  }
  error(message: string, where?: SourceLocation): void {
    core.error(message, annotation(where))
  }
  debug(message: string): void {
    core.debug(message)
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(title, fn)
  }
}

/** One annotation per problem of an invalid catalog or input, at its file and line. */
export function annotateProblems(problems: Problem[]): void {
  for (const p of problems) {
    const where = `${p.pointer || '/'}${p.image ? ` (image ${p.image})` : ''}`
    core.error(`${where}: ${p.message}`, {
      title: 'kiln: invalid input',
      ...annotation({ file: p.file, line: p.line, column: p.column })
    })
  }
}

function annotation(where?: SourceLocation): core.AnnotationProperties {
  if (!where) return {}
  return { file: where.file, startLine: where.line, startColumn: where.line ? where.column : undefined }
}
