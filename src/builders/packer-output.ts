/**
 * Packer's -machine-readable output: one record a line, `timestamp,target,type,data...`,
 * commas inside data written as %!(PACKER_COMMA) and newlines as a literal \n.
 */
import { isDigest } from '../util/digest.js'

export interface PackerRecord {
  timestamp: number
  target: string
  type: string
  data: string[]
}

export function parsePackerLine(line: string): PackerRecord | null {
  const parts = line.split(',')
  if (parts.length < 3 || !/^\d+$/.test(parts[0])) return null
  return {
    timestamp: Number(parts[0]),
    target: parts[1],
    type: parts[2],
    data: parts.slice(3).map(unescapePacker)
  }
}

export function unescapePacker(s: string): string {
  return s
    .replace(/%!\(PACKER_COMMA\)/g, ',')
    .replace(/\\n/g, '\n')
    .replace(/\\r/g, '\r')
}

export interface PackerArtifact {
  index: number
  builderId?: string
  id?: string
  string?: string
  files: string[]
}

/** Collects artifacts (`artifact,N,field,value`) and ui messages as they stream by. */
export class PackerOutput {
  readonly artifacts: PackerArtifact[] = []
  readonly errors: string[] = []
  /** Whole `ui,error` messages and builders' own `error` records, in order. */
  private readonly uiErrors: string[] = []
  private readonly buildErrors: string[] = []

  /** Returns the human lines of a ui record (say/message/error), for progress and the tail. */
  push(line: string): { kind: 'say' | 'message' | 'error'; lines: string[] } | null {
    const r = parsePackerLine(line)
    if (!r) return null
    if (r.type === 'error' && r.target && r.data.length) this.buildErrors.push(r.data.join(','))
    if (r.type === 'ui' && r.data[0] === 'error') this.uiErrors.push(r.data.slice(1).join(','))
    if (r.type === 'ui' && r.data.length >= 2) {
      const kind = r.data[0] as 'say' | 'message' | 'error'
      const lines = r.data
        .slice(1)
        .join(',')
        .split('\n')
        .filter((l) => l.trim() !== '')
      if (kind === 'error') this.errors.push(...lines)
      if (kind === 'say' || kind === 'message' || kind === 'error') return { kind, lines }
      return null
    }
    if (r.type === 'artifact' && r.data.length >= 2) {
      const index = Number(r.data[0])
      let a = this.artifacts.find((x) => x.index === index)
      if (!a) {
        a = { index, files: [] }
        this.artifacts.push(a)
      }
      const [, field, ...rest] = r.data
      const value = rest.join(',')
      if (field === 'builder-id') a.builderId = value
      else if (field === 'id') a.id = value
      else if (field === 'string') a.string = value
      else if (field === 'file' && rest.length >= 2) a.files.push(rest.slice(1).join(','))
    }
    return null
  }

  /**
   * Why the build failed, in one line, Packer's own error first: a builder's `error` record
   * (e.g. "Error running container: Docker exited with a non-zero exit status.") with the
   * tool's first stderr line after it, else the first ui error. Not the last line of the
   * output, which is often a tool's usage hint ("Run 'docker run --help' …").
   */
  failure(): string | undefined {
    const text = this.buildErrors[0] ?? this.uiErrors[0]
    if (text === undefined) return undefined
    const lines = text
      .split('\n')
      .map((l) => l.replace(/^==> [^:]+: ?/, '').trim())
      .filter(Boolean)
    const first = (lines[0] ?? '').replace(/^Build '[^']*' errored after [^:]*: /, '')
    const stderr = lines.find((l) => /^Stderr: \S/.test(l))
    return stderr && stderr !== first ? `${first} ${stderr}` : first
  }

  /**
   * The engine image the build produced: the last artifact that names one (a committed image
   * id from the docker builder, or a repository:tag from the docker-tag/import post-processors).
   */
  dockerImage(): string | undefined {
    for (const a of [...this.artifacts].reverse()) {
      if (!a.id) continue
      if (isDigest(a.id)) return a.id
      if (a.builderId && /docker-(tag|import)/.test(a.builderId)) return a.id
    }
    return undefined
  }
}

/** Variables a template declares (JSON `variables` keys, HCL2 `variable "x"` blocks). */
export function declaredVariables(template: string, isJson: boolean): Set<string> {
  if (isJson) {
    const doc = JSON.parse(template) as { variables?: Record<string, unknown> }
    return new Set(Object.keys(doc.variables ?? {}))
  }
  return new Set([...template.matchAll(/^\s*variable\s+"([^"]+)"/gm)].map((m) => m[1]))
}

/** The `packer build` command line. corpusops order: builder args, extra args, then the template. */
export function packerBuildArgs(
  template: string,
  vars: Record<string, string>,
  extraArgs: string[]
): string[] {
  const args = ['build', '-machine-readable', '-color=false']
  // -var=name=value: one word, so a value is never read as an option. extraArgs were checked
  // against the allowlist when the catalog was loaded (model/extra-args.ts).
  for (const k of Object.keys(vars).sort()) args.push(`-var=${k}=${vars[k]}`)
  // `--` is not needed before the template: Go's flag parser stops at the first non-option,
  // and the template is an absolute path.
  args.push(...extraArgs, template)
  return args
}
