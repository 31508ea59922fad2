/** Exit statuses shared by every command: documented in the README. */
export const EXIT_OK = 0
export const EXIT_BUILD_FAILED = 1
export const EXIT_INVALID_INPUT = 2

/** One problem found in the user's input, located as precisely as the parser allows. */
export interface Problem {
  file: string
  /** JSON pointer into the document, e.g. /images/2/base */
  pointer: string
  line?: number
  column?: number
  /** The image the problem belongs to, when there is one. */
  image?: string
  message: string
}

export function formatProblem(p: Problem): string {
  const pos = p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''
  const img = p.image ? ` (image ${p.image})` : ''
  return `${p.file}${pos}: ${p.pointer || '/'}${img}: ${p.message}`
}

/** Invalid input: every problem at once, nothing has run. Exit status 2. */
export class InvalidInputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'InvalidInputError'
  }
}

/**
 * A step of an image's build failed: names the image, the step, and the tool's last lines.
 * `inputRefused`: the step refused its input (a hostile or oversized archive), which is the
 * user's to fix like any invalid input (exit status 2), not a failure of the build.
 */
export class BuildError extends Error {
  constructor(
    readonly image: string,
    readonly step: string,
    cause: string,
    readonly tail: string[] = [],
    readonly inputRefused = false
  ) {
    super(`${image}: ${step}: ${cause}${tail.length ? `\n  | ${tail.join('\n  | ')}` : ''}`)
    this.name = 'BuildError'
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
