import type { Problem } from '../util/errors.js'
import type { SourceDoc } from './positions.js'

/** Collects every problem of one file with its position, so all of them are reported at once. */
export class Problems {
  readonly list: Problem[] = []
  constructor(readonly doc: SourceDoc) {}

  /** `key`: point at the key of the member rather than its value (unknown keys). */
  add(pointer: string, message: string, image?: string, opts?: { key?: boolean }): void {
    const pos = this.doc.locate(pointer, opts)
    this.list.push({ file: this.doc.display, pointer, line: pos?.line, column: pos?.column, image, message })
  }
}
