import * as core from '@actions/core'
import { displayPath, type Catalog } from '../../model/index.js'
import type { Problem } from '../../util/errors.js'
import type { Reporter, SourceLocation } from '../../util/log.js'

/**
 * The engine's Reporter on a runner: log groups, and warnings/errors as annotations that point at
 * the file and line (IMAGES.json problems show on the file in the pull request). The engine names
 * an image's failure by the image ("leaf: build: …", "[leaf] …" with several jobs), not by its
 * place in the catalog: once told where each image is (locateImages), an error about an image
 * (its build or its boot gate failed) without a place of its own is annotated at the image's
 * entry in the catalog. Warnings (a cache entry unusable, say) are not about the entry: they stay
 * on the run.
 */
export class ActionReporter implements Reporter {
  private images = new Map<string, SourceLocation>()

  /** Where each image's entry is: its catalog file (as the runner shows it) and line. */
  locateImages(images: Map<string, SourceLocation>): void {
    this.images = images
  }
  info(message: string): void {
    core.info(message)
  }
  warn(message: string, where?: SourceLocation): void {
    core.warning(message, annotation(where))
  }
  error(message: string, where?: SourceLocation): void {
    core.error(message, annotation(where ?? this.imageOf(message)))
  }
  debug(message: string): void {
    core.debug(message)
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(title, fn)
  }

  /** The entry of the image a message is about: "[name] …" or "name: …" (the longest name that fits). */
  private imageOf(message: string): SourceLocation | undefined {
    const tagged = /^\[([^\]]+)\] /.exec(message)
    if (tagged) return this.images.get(tagged[1])
    let found: { name: string; where: SourceLocation } | undefined
    for (const [name, where] of this.images) {
      if (message.startsWith(`${name}: `) && name.length > (found?.name.length ?? -1)) found = { name, where }
    }
    return found?.where
  }
}

/** Each image of the catalog that has a line, at its file as the runner shows it (relative to the workspace). */
export function imageLocations(catalog: Catalog): Map<string, SourceLocation> {
  const file = displayPath(catalog.file)
  return new Map(
    catalog.images.filter((i) => i.line !== undefined).map((i) => [i.name, { file, line: i.line }] as const)
  )
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
