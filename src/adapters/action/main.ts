/**
 * The Action: read the inputs once, plan, build through the engine with the cache hooked in,
 * set the outputs, write the job summary, upload artifacts and release assets. The engine knows
 * nothing of Actions; this file is the only place that joins the two.
 *
 * Strict and tolerant failures: invalid input, a failed image or a failed release fail the step;
 * cache, summary and artifact problems only warn. Outputs and the summary are recorded before a
 * failure is reported, so later steps (and people) can see what got done.
 */
import * as core from '@actions/core'
import { appendFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { buildPlan } from '../../pipeline/run.js'
import { sweepLeftovers } from '../../pipeline/sweep.js'
import { gateFailed, type RunReport } from '../../pipeline/types.js'
import { openCache, parseSize, type ImageCache } from '../../cache/index.js'
import { cacheHooks } from '../../pipeline/cache-hooks.js'
import { findCatalog, loadCatalog } from '../../model/index.js'
import { makePlan, type Plan, type Selection } from '../../plan/index.js'
import { openStore, type Store } from '../../store/index.js'
import { InvalidInputError, errorMessage, formatProblem } from '../../util/errors.js'
import { interruptExitStatus, interruptedBy, onExitNow, runSignal } from '../../util/lifecycle.js'
import { plural, type Reporter } from '../../util/log.js'
import { uploadImageArtifacts, type UploadedArtifact } from './artifacts.js'
import { openActionSigner, secretsOf, signBytes, writeSubjectChecksums } from './attest.js'
import { parseInputs, type Inputs } from './inputs.js'
import {
  cacheHit,
  matrixOf,
  setArtifactOutputs,
  setBuildOutputs,
  setOutput,
  type PlanOutputImage
} from './outputs.js'
import { imageChangelogs, type ImageChangelog } from './previous.js'
import { publishRelease, type ReleaseOptions, type ReleaseResult } from './release.js'
import { ActionReporter, annotateProblems, imageLocations } from './reporter.js'
import {
  interruptedNote,
  renderPlanSummary,
  renderSummary,
  writeJobSummary,
  type PlanStatus
} from './summary.js'
import { TEMP_WORK_STATE, tempWorkToRecord } from './temp-work.js'
import { canonicalArch, hostArch, runsNatively } from '../../model/arch.js'

export async function run(): Promise<void> {
  const reporter = new ActionReporter()
  // From the start, a cancel (SIGINT, SIGTERM 7.5 s later) unwinds through here instead of
  // killing the step: the build stops, then the outputs and summary say it was interrupted.
  const signal = runSignal()
  try {
    const inputs = parseInputs((name) => core.getInput(name), process.env)
    // An exit at once (a second signal, or cleanup past its deadline) skips what follows: the
    // summary still says why the step ended (appended, synchronously, as the process ends).
    onExitNow(() => noteInterruptNow(inputs.summary ? process.env.GITHUB_STEP_SUMMARY : undefined))
    if (inputs.token) core.setSecret(inputs.token)
    // One time for everything: builders and tools that read SOURCE_DATE_EPOCH from the
    // environment (the overlay builder's created time, tools it starts) get the input's too.
    if (inputs['source-date-epoch'] !== undefined)
      process.env.SOURCE_DATE_EPOCH = String(inputs['source-date-epoch'])
    for (const secret of secretsOf(inputs)) core.setSecret(secret)
    const selection: Selection = {
      targets: inputs.targets,
      distro: inputs.distro,
      plan: inputs.plan,
      arch: inputs.arch
    }
    // No images-file: the same default files as the CLI (IMAGES.json, corpusops' .docker/IMAGES.json …).
    const file = inputs['images-file'] ? resolve(inputs['images-file']) : await findCatalog()
    const catalog = await loadCatalog(file)
    for (const w of catalog.warnings ?? []) reporter.warn(formatProblem(w))
    // A failed image's annotation goes on its entry in the catalog.
    reporter.locateImages(imageLocations(catalog))
    const runnerTemp = process.env.RUNNER_TEMP || join(process.cwd(), '.kiln')
    const storeDir = resolve(inputs['store-dir'] || join(runnerTemp, 'kiln-store'))
    const cacheTmp = join(runnerTemp, 'kiln-cache-tmp')
    // The post step removes what this step creates under RUNNER_TEMP (never a store-dir given).
    const created = tempWorkToRecord(inputs['store-dir'] ? [cacheTmp] : [storeDir, cacheTmp])
    core.saveState(TEMP_WORK_STATE, JSON.stringify(created))
    const store = await openStore(storeDir, {
      warn: (m) => reporter.warn(m)
    })
    const plan = await makePlan(catalog, selection, {
      storedImage: async (name) => (await store.getImage(name))?.manifestDigest ?? null
    })
    const matrix = matrixOf(plan, selection)
    setOutput('matrix', matrix)
    const cache = await openCache({
      kind: inputs.cache,
      dir: inputs['cache-dir'] ? resolve(inputs['cache-dir']) : undefined,
      size: inputs['cache-size'],
      reporter,
      store
    })
    if (inputs.mode === 'plan') {
      await planOnly(plan, store, cache, matrix, inputs.summary)
      return
    }
    if (inputs['fail-on-cache-miss']) await refuseCacheMiss(plan, store, cache)
    const chosen = new Set(matrix.include.flatMap((m) => m.targets.split(',')))
    await build(inputs, plan, store, cache, chosen, reporter, signal)
  } catch (e) {
    const sig = interruptedBy()
    if (sig) {
      // Whatever the step that saw the abort made of it, the run was interrupted.
      core.setFailed(`the run was interrupted by ${sig} (${errorMessage(e)})`)
      process.exitCode = interruptExitStatus(sig)
      return
    }
    if (e instanceof InvalidInputError) annotateProblems(e.problems)
    core.setFailed(e instanceof Error ? e.message : String(e))
  }
}

/** The last words of an exit at once: the interrupt as the step's error, and in the summary. */
function noteInterruptNow(summaryFile: string | undefined): void {
  const sig = interruptedBy()
  if (!sig) return
  core.error(`the run was interrupted by ${sig} and stopped at once`)
  if (summaryFile) appendFileSync(summaryFile, `\n${interruptedNote(sig)}\n`)
}

/** mode: plan: what each image would be (records only, no layers, no docker), the matrix, why. */
async function planOnly(
  plan: Plan,
  store: Store,
  cache: ImageCache,
  matrix: { include: object[] },
  summary: boolean
): Promise<void> {
  const images: PlanOutputImage[] = []
  for (const p of plan.images) {
    const status = await planStatus(p, store, cache)
    const changed = status === 'build' ? (await cache.explainMiss(p)).changed : undefined
    images.push({
      name: p.spec.name,
      key: p.key,
      builder: p.spec.builder,
      deps: p.deps,
      distro: p.spec.distro,
      plan: p.spec.plan,
      arch: p.spec.arch,
      emulated: !runsNatively(p.spec.arch),
      status,
      changed
    })
    const emulated = status === 'build' && !runsNatively(p.spec.arch)
    core.info(
      `${p.spec.name}: ${status === 'build' ? 'would be built' : status === 'cache' ? 'in the cache' : 'in the store'} (${p.key.slice(0, 12)})${emulated ? `, ${canonicalArch(p.spec.arch)} under emulation on a ${hostArch()} runner` : ''}`
    )
  }
  setOutput('plan', { images })
  setOutput('built', images.filter((i) => i.status === 'build').length)
  setOutput('cache-hits', images.filter((i) => i.status === 'cache').length)
  setOutput('cache-hit', cacheHit(images.map((i) => i.status)))
  setOutput(
    'images',
    images.map((i) => ({ name: i.name, key: i.key, status: i.status }))
  )
  setOutput('artifacts', '')
  setArtifactOutputs([])
  if (summary)
    await tolerate(null, 'job summary', () => writeJobSummary(renderPlanSummary(images, edges(plan), matrix)))
}

/** store: already in the store; cache: would be restored; build: would be built. */
async function planStatus(p: Plan['images'][number], store: Store, cache: ImageCache): Promise<PlanStatus> {
  if (await store.findByKey(p.key)) return 'store'
  if (await cache.has(p)) return 'cache'
  return 'build'
}

/**
 * fail-on-cache-miss (a release job that must only publish what earlier jobs built): fails before
 * anything is built, naming the images that are in neither the store nor the cache.
 */
async function refuseCacheMiss(plan: Plan, store: Store, cache: ImageCache): Promise<void> {
  const missing: string[] = []
  for (const p of plan.images) if ((await planStatus(p, store, cache)) === 'build') missing.push(p.spec.name)
  setOutput('cache-hit', missing.length === 0 && plan.images.length > 0)
  if (missing.length) {
    throw new Error(
      `fail-on-cache-miss: ${plural(missing.length, 'image')} would be built (in neither the store nor the cache): ${missing.join(', ')}`
    )
  }
}

async function build(
  inputs: Inputs,
  plan: Plan,
  store: Store,
  cache: ImageCache,
  chosen: Set<string>,
  reporter: Reporter,
  signal: AbortSignal
): Promise<void> {
  const outDir = resolve(inputs['out-dir'])
  // A self-hosted runner keeps what a cancelled job's killed run left: it goes first.
  await sweepLeftovers({
    outDir,
    storeDir: store.root,
    cacheDir: inputs['cache-dir'] ? resolve(inputs['cache-dir']) : undefined,
    tmpDir: process.env.RUNNER_TEMP || undefined,
    engine: true,
    reporter
  })
  const hooks = cacheHooks(cache)
  setOutput('plan', {
    images: plan.images.map((p) => ({ name: p.spec.name, key: p.key, builder: p.spec.builder, deps: p.deps }))
  })
  // Before anything is built: a key that cannot sign is an input to fix.
  const signer = await openActionSigner(inputs)
  const report = await buildPlan(plan, {
    store,
    outDir,
    sbomFormat: inputs['sbom-format'],
    signer: signer ?? undefined,
    reporter,
    jobs: inputs.jobs,
    exports: inputs.exports,
    compression: inputs.compression,
    sourceDateEpoch: inputs['source-date-epoch'],
    // The boot gate runs before anything below is uploaded or released.
    verify: inputs.verify,
    tmpDir: process.env.RUNNER_TEMP || undefined,
    // A cancelled job (SIGINT, then SIGTERM 7.5 s later) stops the tools and cleans up in time.
    signal,
    // Each image is saved as soon as it is in the store: a re-run after a failure resumes there.
    hooks
  }).catch(async (e: unknown) => {
    await signer?.close()
    // No report came back: record what out/index.json holds before the error is reported.
    const partial = await readFile(join(outDir, 'index.json'), 'utf8').catch(() => null)
    if (partial) setBuildOutputs(JSON.parse(partial) as RunReport)
    throw e
  })
  await signer?.close()
  await cache.close()
  setBuildOutputs(report)
  const sig = interruptedBy()
  if (sig) {
    // Nothing of an interrupted run is uploaded or released; out/index.json says where it stopped,
    // and so do the outputs (images interrupted) and the summary.
    setArtifactOutputs([])
    if (inputs.summary) {
      const markdown = renderSummary({ report, edges: edges(plan), cache: cache.stats, interrupted: sig })
      await tolerate(reporter, 'job summary', () => writeJobSummary(markdown))
    }
    core.setFailed(`the run was interrupted by ${sig}`)
    process.exitCode = interruptExitStatus(sig)
    return
  }

  const failed = report.images.filter((i) => i.status === 'failed' || gateFailed(i))
  let artifacts: UploadedArtifact[] = []
  if (inputs['upload-artifacts'] && inputs.exports) {
    artifacts =
      (await tolerate(reporter, 'artifact upload', () =>
        uploadImageArtifacts(report, chosen, reporter, {
          archive: inputs['archive-artifacts'],
          retentionDays: inputs['retention-days'],
          env: process.env
        })
      )) ?? []
  }
  setArtifactOutputs(artifacts)
  // The images that failed (or failed their boot gate) are left out; the others are published.
  const good = report.images.filter((i) => chosen.has(i.name) && publishable(i))
  // For actions/attest-build-provenance (subject-checksums): what this job publishes.
  const subjects = await tolerate(reporter, 'subject checksums', () => writeSubjectChecksums(outDir, good))
  setOutput('subject-checksums', subjects ?? '')
  // Before publishing, so that the notes carry it; a changelog that cannot be made only warns.
  const changelogs = (await tolerate(reporter, 'changelog', () => changelogsOf(inputs, good, reporter))) ?? {}
  let release: ReleaseResult | undefined
  let releaseError: string | undefined
  if (inputs['release-tag']) {
    release = await publish(inputs, good, changelogs).catch((e: unknown) => {
      releaseError = errorMessage(e)
      return undefined
    })
    if (release) {
      setOutput('release-url', release.url)
      setOutput('release-id', release.id)
    }
    if (failed.length && !releaseError) {
      releaseError = `not published: ${failed.map((i) => i.name).join(', ')} (failed)`
    }
  }
  const markdown = renderSummary({
    report,
    edges: edges(plan),
    cache: cache.stats,
    cacheCap: inputs.cache === 'local' && inputs['cache-size'] ? parseSize(inputs['cache-size']) : undefined,
    saved: hooks.saved,
    artifacts,
    release: release && {
      tag: inputs['release-tag'],
      url: release.url,
      assets: release.assets.map((a) => a.name)
    },
    changelogs: Object.fromEntries(Object.entries(changelogs).map(([name, c]) => [name, c.markdown]))
  })
  if (inputs.summary) await tolerate(reporter, 'job summary', () => writeJobSummary(markdown))
  if (failed.length) {
    const what = failed.map((i) => `${i.name} (${i.error?.step ?? 'boot gate'})`).join(', ')
    throw new Error(
      `${plural(failed.length, 'image')} failed: ${what}${releaseError ? `; ${releaseError}` : ''}`
    )
  }
  if (releaseError) throw new Error(releaseError)
}

/** Attaches the exported files of the images this job publishes (`good`) to the release. */
async function publish(
  inputs: Inputs,
  good: RunReport['images'],
  changelogs: Record<string, ImageChangelog>
): Promise<ReleaseResult> {
  const repository = process.env.GITHUB_REPOSITORY
  if (!repository) throw new Error('release-tag needs GITHUB_REPOSITORY (owner/name)')
  if (!inputs.token) throw new Error('release-tag needs a token with contents: write')
  // Each image's archives, manifest.json, SBOM and provenance as <image>-<file>, and
  // <image>-SHA256SUMS listing them by those names (the SHA256SUMS in out/<image>/ names them as
  // they are there, so it and its signature stay in the artifacts). An archive's hash from the
  // export is checked against the bytes uploaded.
  const assets: ReleaseOptions['assets'] = []
  const sums: NonNullable<ReleaseOptions['sums']> = []
  for (const i of good) {
    if (!i.exports) continue
    const documents = (i.exports.documents ?? []).filter((d) => d !== 'SHA256SUMS.asc')
    const files = [
      ...i.exports.files,
      ...['manifest.json', ...documents].map((name) => ({ name, sha256: undefined }))
    ]
    const mine = files.map((f) => ({
      // netboot/vmlinuz → <image>-netboot-vmlinuz: an asset name has no directories.
      name: `${i.name}-${f.name.replace(/\//g, '-')}`,
      path: join(i.exports!.dir, f.name),
      sha256: f.sha256
    }))
    assets.push(...mine)
    sums.push({ name: `${i.name}-SHA256SUMS`, of: mine.map((a) => a.name) })
  }
  // With a signing key, the release-wide SHA256SUMS gets SHA256SUMS.asc (the key was checked
  // before the build).
  const signer = await openActionSigner(inputs)
  const result = await publishRelease({
    signSums: signer ? (sums) => signBytes(signer, sums) : undefined,
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    token: inputs.token,
    repository,
    tag: inputs['release-tag'],
    sha: process.env.GITHUB_SHA,
    assets,
    sums,
    warn: (m) => core.warning(m),
    notes: releaseNotes(good, changelogs),
    // Should the changelogs not fit in the release body, the lines alone still go in.
    shortNotes: releaseNotes(good)
  }).finally(() => signer?.close())
  core.info(
    `release ${inputs['release-tag']}: ${result.assets.length} asset(s) attached${result.created ? ' (release created)' : ''}`
  )
  return result
}

/** An image is published when it is in the store and failed none of its gates (boot, install, netboot). */
function publishable(i: RunReport['images'][number]): boolean {
  return ['built', 'reused', 'restored'].includes(i.status) && !gateFailed(i)
}

/**
 * Each exported image's changelog against an earlier release, by `changelog-against`: empty means
 * the newest earlier release when this job publishes one (release-tag) and none otherwise, as a
 * release's notes are where a changelog is expected; `latest` asks for it without publishing (a
 * pull request's summary), a tag names the release, `none` turns it off.
 */
async function changelogsOf(
  inputs: Inputs,
  images: RunReport['images'],
  reporter: Reporter
): Promise<Record<string, ImageChangelog>> {
  const against = inputs['changelog-against'] || (inputs['release-tag'] ? 'latest' : 'none')
  const exported = images.filter((i) => i.exports?.files.length)
  if (against === 'none' || !exported.length) return {}
  const repository = process.env.GITHUB_REPOSITORY
  if (!repository || !inputs.token) {
    reporter.warn('changelog: needs GITHUB_REPOSITORY and a token that can read releases; none made')
    return {}
  }
  return imageChangelogs({
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    token: inputs.token,
    repository,
    currentTag: inputs['release-tag'] || undefined,
    against: against === 'latest' ? undefined : against,
    images: exported.map((i) => ({ name: i.name, manifest: join(i.exports!.dir, 'manifest.json') })),
    reporter
  })
}

/** A changelog's share of the release body (GitHub caps it at 125,000 characters for all images). */
const NOTES_CHANGELOG_MAX = 10_000

/**
 * One line per published image: key, kernel, boot gate outcome and time (and the install and
 * netboot gates' when they passed); under it, folded, its
 * changelog when there is one (cut short past NOTES_CHANGELOG_MAX; the job summary has it all).
 */
export function releaseNotes(
  images: RunReport['images'],
  changelogs: Record<string, ImageChangelog> = {}
): string {
  return images
    .filter((i) => i.exports?.files.length)
    .map((i) => {
      const v = i.verify
      const gate = !v
        ? 'no boot gate (no kernel exported)'
        : v.status === 'passed'
          ? `boot gate passed in ${v.seconds.toFixed(1)} s (${v.accel ?? 'qemu'})`
          : `boot gate ${v.status}${v.message ? `: ${v.message}` : ''}`
      // The provisioning gates an image went through (published images passed them).
      const more = (['install', 'netboot'] as const)
        .filter((g) => i[g]?.status === 'passed')
        .map((g) => `; ${g} gate passed in ${i[g]!.seconds.toFixed(1)} s`)
        .join('')
      const line = `- **${i.name}** \`${i.key.slice(0, 12)}\`${i.exports?.kernel ? `, kernel ${i.exports.kernel}` : ''}: ${gate}${more}`
      const c = changelogs[i.name]
      if (!c) return line
      let md = c.markdown.trim()
      if (md.length > NOTES_CHANGELOG_MAX) {
        md = `${md.slice(0, md.lastIndexOf('\n', NOTES_CHANGELOG_MAX))}\n\n… cut short: the job summary has the whole changelog`
      }
      return `${line}\n\n<details><summary>Changes since ${c.tag}</summary>\n\n${md}\n\n</details>\n`
    })
    .join('\n')
}

function edges(plan: Plan): Array<[string, string]> {
  return plan.images.flatMap((p) => p.deps.map((d): [string, string] => [d, p.spec.name]))
}

/** Runs a step whose failure must not fail the job: it becomes a warning. */
async function tolerate<T>(
  reporter: Reporter | null,
  what: string,
  fn: () => Promise<T>
): Promise<T | undefined> {
  return fn().catch((e: unknown) => {
    const message = `${what} failed: ${errorMessage(e)}`
    if (reporter) reporter.warn(message)
    else core.warning(message)
    return undefined
  })
}
