/**
 * The job summary: a graph of the chain coloured by what happened to each image, a table per
 * image, why each rebuilt image was rebuilt, the exported files, the boot gate, the changelog.
 * renderSummary is pure (a RunReport in, markdown out) so it is tested without a runner; the
 * graph goes in raw, as a ```mermaid fence: core.summary.addCodeBlock would wrap it in <pre>,
 * which GitHub shows as text instead of drawing it.
 */
import * as core from '@actions/core'
import { formatSize, type CacheStats, type ChangedInput } from '../../cache/index.js'
import type { ImageReport, RunReport } from '../../pipeline/types.js'
import { formatBytes, formatSeconds, plural } from '../../util/log.js'

export type PlanStatus = 'store' | 'cache' | 'build'

export interface SummaryInput {
  report: RunReport
  /** Dependency edges [from, to] between images of the report (from the plan). */
  edges?: Array<[string, string]>
  cache?: CacheStats
  /** The local cache's size cap in bytes (cache-size), shown in the cap's own units. */
  cacheCap?: number
  /** Images this run saved to the cache. */
  saved?: Set<string>
  artifacts?: Array<{ name: string; size: number; id?: number; url?: string }>
  release?: { tag: string; url?: string; assets: string[] }
  /** Markdown changelog per image name. */
  changelogs?: Record<string, string>
  /** The signal that stopped the run (the job was cancelled), if one did. */
  interrupted?: string
}

const COLOURS: Record<string, string> = {
  built: 'fill:#1f883d,color:#fff,stroke:#116329',
  reused: 'fill:#ddf4ff,color:#0a3069,stroke:#54aeff',
  restored: 'fill:#0969da,color:#fff,stroke:#0550ae',
  failed: 'fill:#cf222e,color:#fff,stroke:#a40e26',
  interrupted: 'fill:#fff8c5,color:#7d4e00,stroke:#bf8700',
  skipped: 'fill:#eaeef2,color:#57606a,stroke:#8c959f,stroke-dasharray:4',
  store: 'fill:#ddf4ff,color:#0a3069,stroke:#54aeff',
  cache: 'fill:#0969da,color:#fff,stroke:#0550ae',
  build: 'fill:#bf8700,color:#fff,stroke:#9a6700'
}

export function renderSummary(s: SummaryInput): string {
  const { report } = s
  const out: string[] = []
  const count = (st: string) => report.images.filter((i) => i.status === st).length
  const parts = (['built', 'restored', 'reused', 'failed', 'interrupted', 'skipped'] as const)
    .filter((st) => count(st))
    .map((st) => `${count(st)} ${st}`)
  out.push(`## Kiln: ${plural(report.images.length, 'image')}`, '')
  out.push(`${parts.join(' · ') || 'nothing to do'} in ${formatSeconds(report.seconds)}`, '')
  if (s.interrupted) out.push(interruptedNote(s.interrupted), '')
  if (count('built') === 0 && count('failed') === 0 && count('restored') > 0) {
    out.push(`Nothing was built: every image came from the store or the cache.`, '')
  }
  out.push(
    mermaid(
      report.images.map((i) => ({ name: i.name, status: i.status })),
      edgesOf(s)
    ),
    ''
  )

  out.push('| image | key | status | time | size | cache |', '| --- | --- | --- | ---: | ---: | --- |')
  for (const i of report.images) {
    out.push(
      `| ${cell(i.name)} | \`${i.key.slice(0, 12)}\` | ${i.status} | ${formatSeconds(i.seconds)} | ${i.size ? formatBytes(i.size) : '-'} | ${cacheCell(i, s)} |`
    )
  }
  out.push('')

  const why = report.images
    .filter((i) => i.status === 'built')
    .map((i) => `- **${cell(i.name)}**: ${whyLine(i.changed as ChangedInput[] | undefined)}`)
  if (why.length) out.push('### Why rebuilt', '', ...why, '')

  const failed = report.images.filter((i) => i.status === 'failed' && i.error)
  if (failed.length) {
    out.push('### Failures', '')
    for (const i of failed) {
      out.push(`**${cell(i.name)}** failed at \`${i.error!.step}\`: ${i.error!.message}`, '')
      if (i.error!.tail.length)
        out.push('```', ...i.error!.tail.map((l) => l.replace(/```/g, "'''")), '```', '')
    }
  }

  const exported = report.images.filter((i) => i.exports?.files.length)
  if (exported.length) {
    out.push('### Exported', '', '| image | file | size | sha256 |', '| --- | --- | ---: | --- |')
    for (const i of exported) {
      for (const f of i.exports!.files)
        out.push(`| ${cell(i.name)} | ${cell(f.name)} | ${formatBytes(f.size)} | \`${f.sha256}\` |`)
    }
    out.push('')
  }
  if (s.artifacts?.length) {
    const link = (a: { name: string; url?: string }) =>
      a.url ? `[\`${a.name}\`](${a.url})` : `\`${a.name}\``
    out.push('### Artifacts', '', ...s.artifacts.map((a) => `- ${link(a)} (${formatBytes(a.size)})`), '')
  }
  if (s.release) {
    const title = s.release.url ? `[${s.release.tag}](${s.release.url})` : s.release.tag
    out.push(`### Release ${title}`, '', ...s.release.assets.map((a) => `- ${a}`), '')
  }

  const booted = report.images.filter((i) => i.verify)
  if (booted.length) {
    out.push('### Boot gate', '', '| image | result | time | detail |', '| --- | --- | ---: | --- |')
    for (const i of booted) {
      const v = i.verify!
      out.push(
        `| ${cell(i.name)} | ${v.status} | ${formatSeconds(v.seconds)} | ${cell([v.accel, v.message].filter(Boolean).join(': '))} |`
      )
    }
    out.push('')
  }

  // The provisioning gates, one row per gate an image went through.
  const gated = report.images.flatMap((i) => [
    ...(i.install ? [{ name: i.name, gate: 'install', v: i.install }] : []),
    ...(i.netboot ? [{ name: i.name, gate: 'netboot', v: i.netboot }] : [])
  ])
  if (gated.length) {
    out.push(
      '### Install and netboot gates',
      '',
      '| image | gate | result | time | detail |',
      '| --- | --- | --- | ---: | --- |'
    )
    for (const { name, gate, v } of gated) {
      out.push(
        `| ${cell(name)} | ${gate} | ${v.status} | ${formatSeconds(v.seconds)} | ${cell([v.accel, gateDetail(v)].filter(Boolean).join(': '))} |`
      )
    }
    out.push('')
  }

  if (s.cache) out.push(cacheLine(s.cache, s.cacheCap), '')
  for (const [name, md] of Object.entries(s.changelogs ?? {})) {
    out.push(`<details><summary>Changelog: ${cell(name)}</summary>`, '', md.trim(), '', '</details>', '')
  }
  return out.join('\n')
}

/** A gate's outcome in a word or two: its stages' times, what it fetched, or where it failed. */
function gateDetail(v: {
  status: string
  stage?: string
  message?: string
  stages?: Array<{ stage: string; seconds: number }>
  downloadedBytes?: number
}): string {
  if (v.status === 'passed') {
    if (v.stages) return v.stages.map((x) => `${x.stage} ${x.seconds.toFixed(0)} s`).join(', ')
    return v.downloadedBytes ? `${formatBytes(v.downloadedBytes)} over HTTP` : (v.message ?? '')
  }
  // The netboot gate's messages start with their stage already.
  if (v.stage && v.message?.startsWith(`${v.stage}:`)) return v.message
  return [v.stage, v.message].filter(Boolean).join(': ')
}

/** What a cancelled run says first: it stopped, and nothing of it was published. */
export function interruptedNote(signal: string): string {
  return (
    `> :stop_sign: **Interrupted** by ${signal} (the job was cancelled): the build stopped where it was; ` +
    'nothing was uploaded or released. Images finished before it are in the cache: a re-run starts from them.'
  )
}

/** The summary of `mode: plan`: what each image would be, and why. */
export function renderPlanSummary(
  images: Array<{
    name: string
    key: string
    status: PlanStatus
    changed?: ChangedInput[] | null
    arch?: string
    emulated?: boolean
  }>,
  edges: Array<[string, string]>,
  matrix: { include: object[] }
): string {
  const out = [`## Kiln plan: ${plural(images.length, 'image')}`, '']
  const n = (st: PlanStatus) => images.filter((i) => i.status === st).length
  out.push(
    `${n('build')} to build · ${n('cache')} in the cache · ${n('store')} in the store · ${matrix.include.length} matrix job(s)`,
    ''
  )
  out.push(mermaid(images, edges), '')
  out.push('| image | key | would be | why |', '| --- | --- | --- | --- |')
  const what: Record<PlanStatus, string> = { build: 'built', cache: 'restored', store: 'reused' }
  for (const i of images) {
    out.push(
      `| ${cell(i.name)} | \`${i.key.slice(0, 12)}\` | ${what[i.status]}${i.status === 'build' && i.emulated ? ` (${cell(i.arch ?? '')}, emulated)` : ''} | ${i.status === 'build' ? cell(whyLine(i.changed ?? undefined)) : ''} |`
    )
  }
  out.push('')
  return out.join('\n')
}

/**
 * GitHub refuses a step's summary over 1 MiB (the whole summary is then lost, with an error):
 * what goes in is cut below that, with room to spare for the note that says so.
 */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 8 * 1024

export async function writeJobSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(fitSummary(markdown), true).write()
}

/**
 * The summary cut at a line to fit `maxBytes` (UTF-8), with a note saying so. A fenced block (a
 * graph, a failure's log) is kept whole or left out, as half a graph does not draw; a cut inside
 * a <details> closes it, so that the note shows.
 */
export function fitSummary(markdown: string, maxBytes = SUMMARY_MAX_BYTES): string {
  if (Buffer.byteLength(markdown) <= maxBytes) return markdown
  const note =
    "\n\n> :scissors: **The summary was cut here**: the rest would pass GitHub's 1 MiB limit for a job summary. " +
    "out/index.json and the step's log have everything.\n"
  const budget = maxBytes - Buffer.byteLength(note)
  const closer = '\n\n</details>'
  const lines = markdown.split('\n')
  const kept: string[] = []
  let used = 0
  let openDetails = 0
  for (let i = 0; i < lines.length; i++) {
    // A fence and its content count as one unit.
    let unit = [lines[i]]
    if (lines[i].startsWith('```')) {
      const end = lines.findIndex((l, j) => j > i && l.startsWith('```'))
      unit = lines.slice(i, end < 0 ? lines.length : end + 1)
    }
    const opens = unit.filter((l) => l.startsWith('<details')).length
    const closes = unit.filter((l) => l.startsWith('</details>')).length
    const size = Buffer.byteLength(unit.join('\n')) + 1
    // Room is kept for closing what is open after this unit.
    const room = budget - used - (openDetails + opens - closes) * closer.length
    if (size > room) {
      // One long line (a message, a log line) is cut itself rather than left out whole.
      if (unit.length === 1 && room > 0) kept.push(cutUtf8(unit[0], room - 1))
      break
    }
    kept.push(...unit)
    used += size
    openDetails += opens - closes
    i += unit.length - 1
  }
  for (; openDetails > 0; openDetails--) kept.push('', '</details>')
  return kept.join('\n') + note
}

function edgesOf(s: SummaryInput): Array<[string, string]> {
  if (s.edges) return s.edges
  const names = new Set(s.report.images.map((i) => i.name))
  return s.report.images.filter((i) => i.base && names.has(i.base)).map((i) => [i.base!, i.name])
}

/** The longest start of `text` that is at most `bytes` long in UTF-8, not splitting a character. */
function cutUtf8(text: string, bytes: number): string {
  return Buffer.from(text)
    .subarray(0, bytes)
    .toString()
    .replace(/\uFFFD$/, '')
}

/** Mermaid's defaults (maxTextSize, maxEdges): past them GitHub shows an error instead of the graph. */
const MERMAID_MAX_TEXT = 50_000
const MERMAID_MAX_EDGES = 500

function mermaid(nodes: Array<{ name: string; status: string }>, edges: Array<[string, string]>): string {
  const graph = mermaidGraph(nodes, edges)
  const edgeCount = graph.split('\n').filter((l) => l.includes(' --> ')).length
  if (graph.length <= MERMAID_MAX_TEXT && edgeCount <= MERMAID_MAX_EDGES) return graph
  return `_The chain's graph is left out: ${plural(nodes.length, 'image')} and ${plural(edgeCount, 'edge')} are more than GitHub draws._`
}

function mermaidGraph(
  nodes: Array<{ name: string; status: string }>,
  edges: Array<[string, string]>
): string {
  const id = new Map(nodes.map((n, i) => [n.name, `n${i}`]))
  const lines = ['```mermaid', 'graph LR']
  for (const n of nodes) lines.push(`  ${id.get(n.name)}["${n.name.replace(/"/g, '#quot;')}"]:::${n.status}`)
  for (const [from, to] of edges)
    if (id.has(from) && id.has(to)) lines.push(`  ${id.get(from)} --> ${id.get(to)}`)
  for (const st of new Set(nodes.map((n) => n.status))) lines.push(`  classDef ${st} ${COLOURS[st] ?? ''}`)
  lines.push('```')
  return lines.join('\n')
}

function cacheCell(i: ImageReport, s: SummaryInput): string {
  switch (i.status) {
    case 'restored':
      return 'hit'
    case 'reused':
      return 'in store'
    case 'built':
      return s.saved?.has(i.name) ? 'miss, saved' : 'miss'
    default:
      return '-'
  }
}

function whyLine(changed: ChangedInput[] | undefined): string {
  if (changed === undefined || changed === null) return 'no earlier build of this image in the cache'
  if (changed.length === 0)
    return 'inputs unchanged since the last build; its cache entry was missing or unusable'
  const verb = { added: 'added', removed: 'removed', changed: 'changed' }
  return changed.map((c) => `${verb[c.change] ?? 'changed'} ${c.kind} \`${c.name}\``).join(', ')
}

function cacheLine(c: CacheStats, cap?: number): string {
  const bits = [`${c.hits} restored`, `${c.saved} saved`]
  if (c.blobsDownloaded)
    bits.push(`${c.blobsDownloaded} layers (${formatBytes(c.bytesDownloaded)}) downloaded`)
  if (c.blobsUploaded) bits.push(`${c.blobsUploaded} layers (${formatBytes(c.bytesUploaded)}) uploaded`)
  if (c.rejected) bits.push(`${c.rejected} entr${c.rejected === 1 ? 'y' : 'ies'} rejected`)
  const head = `**Cache** (${c.backend}${cap ? `, capped at ${formatSize(cap)}` : ''}): ${bits.join(', ')}.`
  return c.warnings.length ? [head, '', ...c.warnings.map((w) => `- :warning: ${cell(w)}`)].join('\n') : head
}

/** Text safe inside a table cell. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
