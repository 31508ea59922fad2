/**
 * The versions of the external tools a build ran, for provenance. Each tool is asked once per
 * process, and only when a provenance needs it: a run that never uses Packer never starts it.
 * A tool that is missing or does not answer has no version (it did not run, or cannot say).
 */
import { readFileSync } from 'node:fs'
import { tryRun } from './exec.js'

export const TOOLS = ['docker', 'packer', 'umoci', 'runc', 'qemu', 'mmdebstrap'] as const
export type Tool = (typeof TOOLS)[number]

/** How each tool states its version, and the first version-looking word of that answer. */
const QUERIES: Record<Tool, { file: string; args: string[] }> = {
  docker: { file: 'docker', args: ['version', '--format', '{{.Server.Version}}'] },
  packer: { file: 'packer', args: ['version'] },
  umoci: { file: 'umoci', args: ['--version'] },
  runc: { file: 'runc', args: ['--version'] },
  qemu: { file: 'qemu-system-x86_64', args: ['--version'] },
  mmdebstrap: { file: 'mmdebstrap', args: ['--version'] }
}

const asked = new Map<Tool, Promise<string | undefined>>()

/** The first dotted version number in a tool's answer, e.g. "Packer v1.9.4" → "1.9.4". */
export function versionIn(text: string): string | undefined {
  return /\d+\.\d+(?:\.\d+)?(?:[-+~][\w.+~-]*)?/.exec(text)?.[0]
}

export function toolVersion(tool: Tool): Promise<string | undefined> {
  let p = asked.get(tool)
  if (!p) {
    const q = QUERIES[tool]
    p = tryRun(q.file, q.args).then((r) => (r ? versionIn(r.stdout) : undefined))
    asked.set(tool, p)
  }
  return p
}

/** Versions of `tools`, leaving out those that cannot say. */
export async function toolVersions(tools: readonly Tool[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const t of [...new Set(tools)].sort()) {
    const v = await toolVersion(t)
    if (v) out[t] = v
  }
  return out
}

let ownVersion: string | undefined

/** Kiln's own version, from its package.json (found from the source or from dist/). */
export function kilnVersion(): string {
  if (ownVersion) return ownVersion
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'kiln' && pkg.version) return (ownVersion = pkg.version)
    } catch {
      // not at this place in this layout
    }
  }
  return (ownVersion = '0.0.0-unknown')
}
