// The bundled Action run as a runner runs a node24 action: a node process with INPUT_* variables,
// the GITHUB_* command files and the runtime token, against loopback stand-ins for the results
// service (cache v2 + artifacts) and the GitHub API (releases). Nothing leaves the machine: the
// proxy variables point at a closed port for anything that is not loopback.
//
// dist/action by default; KILN_ACTION_ENTRY=test/fixtures/action-from-source.mjs runs the source.
//
// Every run gets a fresh runner directory, store and out dir; only the results service is kept,
// as only the GitHub cache survives between jobs on hosted runners.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { RunReport } from '../../src/pipeline/types.js'
import { run as runTool } from '../../src/util/exec.js'
import { ensureBase } from '../fixtures/bases.js'
import { startGithubApi, type GithubApi } from '../fixtures/github-api.js'
import { startResultsService, type ResultsService } from '../fixtures/results-service.js'

const ENTRY = resolve(process.env.KILN_ACTION_ENTRY ?? 'dist/action/index.js')
const id = `ka${process.pid}`
const OS = `${id}-os`
const LEAF = `${id}-leaf`
const REPO = 'acme/images'
const TOKEN = 'ghs_looopback'

let dir: string
let project: string
let service: ResultsService
let api: GithubApi
let runs = 0

interface ActionRun {
  code: number
  stdout: string
  outputs: Record<string, string>
  summary: string
  outDir: string
  report: RunReport | null
}

/** Parses GITHUB_OUTPUT as the runner does: name<<delimiter ... delimiter, or name=value. */
function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value: string[] = []
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i])
      out[heredoc[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1)
    }
  }
  return out
}

async function runAction(inputs: Record<string, string>): Promise<ActionRun> {
  const n = ++runs
  const runner = join(dir, `runner-${n}`)
  const files = join(runner, '_runner_file_commands')
  await mkdir(files, { recursive: true })
  await mkdir(join(runner, 'temp'), { recursive: true })
  await mkdir(join(runner, 'tool'), { recursive: true })
  const command = (name: string) => join(files, `${name}_${randomUUID()}`)
  const paths = {
    GITHUB_OUTPUT: command('set_output'),
    GITHUB_STEP_SUMMARY: command('step_summary'),
    GITHUB_ENV: command('set_env'),
    GITHUB_STATE: command('save_state'),
    GITHUB_PATH: command('add_path')
  }
  for (const p of Object.values(paths)) await writeFile(p, '')
  const outDir = join(runner, 'out')
  const all: Record<string, string> = {
    'images-file': 'IMAGES.json',
    cache: 'github',
    'store-dir': join(runner, 'store'),
    'out-dir': outDir,
    compression: 'zstd',
    jobs: '2',
    token: TOKEN,
    ...inputs
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    // What the runner gives a node24 action step.
    ...Object.fromEntries(
      Object.entries(all).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])
    ),
    ...paths,
    RUNNER_TEMP: join(runner, 'temp'),
    RUNNER_TOOL_CACHE: join(runner, 'tool'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: project,
    GITHUB_REPOSITORY: REPO,
    GITHUB_RUN_ID: String(5000 + n),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_API_URL: api.url,
    ...service.env(String(5000 + n), String(7000 + n)),
    // Anything not on loopback would go to a closed port instead of the internet.
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost'
  }
  const t0 = Date.now()
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) => {
    execFile(process.execPath, [ENTRY], { cwd: project, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: `${stdout}${stderr}` })
    })
  })
  process.stderr.write(
    `action run ${n} (${JSON.stringify(inputs)}): exit ${code} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`
  )
  const outputs = parseCommandFile(await readFile(paths.GITHUB_OUTPUT, 'utf8'))
  const summary = await readFile(paths.GITHUB_STEP_SUMMARY, 'utf8')
  const reportFile = join(outDir, 'index.json')
  const report = existsSync(reportFile) ? (JSON.parse(await readFile(reportFile, 'utf8')) as RunReport) : null
  await rm(join(runner, 'store'), { recursive: true, force: true })
  return { code, stdout, outputs, summary, outDir, report }
}

const status = (r: ActionRun) => Object.fromEntries((r.report?.images ?? []).map((i) => [i.name, i.status]))
const failure = (r: ActionRun) =>
  r.code === 0
    ? ''
    : r.stdout
        .split('\n')
        .filter((l) => l.startsWith('::error'))
        .join('\n') || r.stdout.slice(-3000)

async function fileInRootfs(r: ActionRun, path: string): Promise<string> {
  const archive = join(r.outDir, LEAF, 'image.tar.zst')
  const { stdout } = await runTool('tar', ['--zstd', '-xOf', archive, `./${path}`])
  return stdout
}

beforeAll(async () => {
  if (!existsSync(ENTRY))
    throw new Error(`no bundled action at ${ENTRY}: run 'npm run build' or set KILN_ACTION_ENTRY`)
  dir = await mkdtemp(join('/var/tmp', 'kiln-action-itg-'))
  project = join(dir, 'project')
  await mkdir(join(project, 'leaf'), { recursive: true })
  await link(await ensureBase('minbase'), join(project, 'minbase.tar'))
  await writeFile(join(project, 'leaf', 'Dockerfile'), `FROM ${OS}\nCOPY hello.txt /etc/kiln-hello\n`)
  await writeFile(join(project, 'leaf', 'hello.txt'), 'hello 1\n')
  await writeFile(
    join(project, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [
        { name: OS, distro: 'debian_12', base: { tar: 'minbase.tar' } },
        {
          name: LEAF,
          distro: 'debian_12',
          plan: 'tiny',
          base: OS,
          builder: 'dockerfile',
          file: 'leaf/Dockerfile',
          working_dir: 'leaf',
          exports: ['rootfs'],
          verify: false
        }
      ]
    })
  )
  service = await startResultsService(join(dir, 'results-service'))
  api = await startGithubApi(REPO, TOKEN)
})

afterAll(async () => {
  await service?.close()
  await api?.close()
  for (const img of [OS, LEAF]) await runTool('docker', ['image', 'rm', '-f', img]).catch(() => undefined)
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('cold, warm, edited and corrupted runs through the bundled Action', async () => {
  // Cold: both images built, saved to the cache, the leaf's rootfs uploaded and released.
  const cold = await runAction({ 'release-tag': 'v0.1.0-test' })
  expect(failure(cold)).toBe('')
  expect(status(cold)).toEqual({ [OS]: 'built', [LEAF]: 'built' })
  expect(cold.outputs).toMatchObject({ built: '2', 'cache-hits': '0', 'cache-hit': 'false' })
  expect(JSON.parse(cold.outputs.images).map((i: { name: string }) => i.name)).toEqual([OS, LEAF])
  expect(cold.outputs.artifacts.split('\n')).toEqual(
    expect.arrayContaining([join(cold.outDir, LEAF, 'image.tar.zst')])
  )
  expect(JSON.parse(cold.outputs.matrix)).toEqual({
    include: [
      { distro: 'debian_12', plan: '', arch: 'x86_64', emulated: false, targets: OS },
      { distro: 'debian_12', plan: 'tiny', arch: 'x86_64', emulated: false, targets: LEAF }
    ]
  })
  expect(cold.summary).toMatch(/```mermaid\ngraph LR\n/)
  expect(cold.summary).toContain(`n0["${OS}"]:::built`)
  expect(cold.summary).toContain('n0 --> n1')
  const rows = (md: string) => md.split('\n').filter((l) => /^\| \S+ \| `[0-9a-f]{12}` \|/.test(l))
  expect(rows(cold.summary)).toHaveLength(2)
  expect(cold.summary).toContain(`- **${LEAF}**: no earlier build of this image in the cache`)
  // One artifact per exported image (the import image exports nothing).
  expect(service.artifacts().map((a) => a.name)).toEqual([LEAF])
  // Its id and page in the outputs, and linked from the summary.
  const artifactId = service.artifacts()[0].id
  const artifactUrl = `https://github.com/${REPO}/actions/runs/5001/artifacts/${artifactId}`
  expect(JSON.parse(cold.outputs['artifact-ids'])).toEqual({ [LEAF]: artifactId })
  expect(JSON.parse(cold.outputs['artifact-urls'])).toEqual({ [LEAF]: artifactUrl })
  expect(cold.summary).toContain(`- [\`${LEAF}\`](${artifactUrl})`)
  const release = api.releases.find((r) => r.tag_name === 'v0.1.0-test')!
  expect(release.assets.map((a) => a.name).sort()).toEqual([
    'SHA256SUMS',
    `${LEAF}-SHA256SUMS`,
    `${LEAF}-image.tar.zst`,
    `${LEAF}-manifest.json`,
    // The SBOM (SPDX, by default) and the provenance go with the archives.
    `${LEAF}-provenance.intoto.json`,
    `${LEAF}-sbom.spdx.json`
  ])
  expect(release.draft).toBe(false)
  expect(cold.outputs).toMatchObject({
    'release-id': String(release.id),
    'release-url': `https://github.com/${REPO}/releases/tag/v0.1.0-test`
  })
  // Checksums name the files as published, with the hash the exporter recorded.
  const rootfsSha = cold.report!.images.find((i) => i.name === LEAF)!.exports!.files[0].sha256
  for (const sums of ['SHA256SUMS', `${LEAF}-SHA256SUMS`]) {
    const text = release.assets.find((a) => a.name === sums)!.data.toString()
    expect(text).toContain(`${rootfsSha}  ${LEAF}-image.tar.zst\n`)
  }
  expect(await fileInRootfs(cold, 'etc/kiln-hello')).toBe('hello 1\n')
  // The first release has nothing to compare with: no changelog, and no warning about it.
  expect(cold.summary).not.toContain('Changes since')
  expect(cold.stdout).not.toMatch(/^::warning::.*changelog/m)

  // Warm, on a fresh runner: nothing built, everything restored from the cache.
  const warm = await runAction({ 'upload-artifacts': 'false' })
  expect(failure(warm)).toBe('')
  expect(status(warm)).toEqual({ [OS]: 'restored', [LEAF]: 'restored' })
  expect(warm.outputs).toMatchObject({ built: '0', 'cache-hits': '2', 'cache-hit': 'true' })
  expect(warm.summary).toContain('Nothing was built: every image came from the store or the cache.')
  expect(warm.summary).toContain(`n1["${LEAF}"]:::restored`)
  const sha = (r: ActionRun) =>
    r.report!.images.find((i) => i.name === LEAF)!.exports!.files.find((f) => f.name === 'image.tar.zst')!
      .sha256
  expect(sha(warm)).toBe(sha(cold))
  expect(warm.stdout).not.toMatch(/^::warning::/m)

  // The leaf's Dockerfile edited: only the leaf rebuilds, and the summary names the file. Published
  // as the next release, whose notes and summary carry the changelog against the first one.
  await writeFile(
    join(project, 'leaf', 'Dockerfile'),
    `FROM ${OS}\nCOPY hello.txt /etc/kiln-hello\nRUN echo two > /etc/kiln-two\n`
  )
  const edited = await runAction({ 'upload-artifacts': 'false', 'release-tag': 'v0.2.0-test' })
  expect(failure(edited)).toBe('')
  expect(edited.stdout).not.toMatch(/^::warning::.*changelog/m)
  expect(edited.summary).toContain(`<details><summary>Changelog: ${LEAF}</summary>`)
  expect(edited.summary).toContain('## Changes since v0.1.0-test')
  expect(api.releases.find((r) => r.tag_name === 'v0.2.0-test')?.body).toContain(
    '<details><summary>Changes since v0.1.0-test</summary>'
  )
  expect(status(edited)).toEqual({ [OS]: 'restored', [LEAF]: 'built' })
  expect(edited.summary).toMatch(new RegExp(`- \\*\\*${LEAF}\\*\\*: changed file \`leaf/Dockerfile\``))
  expect(JSON.parse(edited.outputs.images)[1].changed).toEqual(
    expect.arrayContaining([{ kind: 'file', name: 'leaf/Dockerfile', change: 'changed' }])
  )
  expect(await fileInRootfs(edited, 'etc/kiln-two')).toBe('two\n')

  // The leaf's own layer corrupted in the cache: detected, warned, rebuilt, output still right.
  const top = edited.report!.images.find((i) => i.name === LEAF)!.layers.at(-1)!
  await service.corruptEntryContent(`kiln-blob-${top.slice(7)}~`)
  const healed = await runAction({ 'upload-artifacts': 'false' })
  expect(failure(healed)).toBe('')
  expect(healed.stdout).toMatch(
    new RegExp(
      `^::warning::.*${LEAF}: cache entry \\w+ unusable, building instead: layer ${top} is corrupt`,
      'm'
    )
  )
  expect(status(healed)).toEqual({ [OS]: 'restored', [LEAF]: 'built' })
  expect(healed.summary).toContain('entry rejected')
  expect(await fileInRootfs(healed, 'etc/kiln-two')).toBe('two\n')
  expect(await fileInRootfs(healed, 'etc/kiln-hello')).toBe('hello 1\n')

  // The rebuilt layer superseded the corrupt entry: the next runner restores everything again.
  const after = await runAction({ exports: 'false', 'upload-artifacts': 'false' })
  expect(status(after)).toEqual({ [OS]: 'restored', [LEAF]: 'restored' })

  // mode plan: no build, the matrix and what would be rebuilt, from cache records only.
  await writeFile(join(project, 'leaf', 'hello.txt'), 'hello 2\n')
  const plan = await runAction({ mode: 'plan', plan: 'tiny' })
  expect(failure(plan)).toBe('')
  expect(plan.report).toBeNull()
  expect(JSON.parse(plan.outputs.matrix)).toEqual({
    include: [{ distro: 'debian_12', plan: 'tiny', arch: 'x86_64', emulated: false, targets: LEAF }]
  })
  const planned = JSON.parse(plan.outputs.plan).images as Array<{
    name: string
    status: string
    changed?: Array<{ name: string }>
  }>
  expect(planned.map((i) => [i.name, i.status])).toEqual([
    [OS, 'cache'],
    [LEAF, 'build']
  ])
  expect(planned[1].changed?.map((c) => c.name)).toContain('leaf')
  expect(plan.outputs).toMatchObject({ built: '1', 'cache-hits': '1' })
  expect(plan.summary).toContain('1 to build · 1 in the cache')
  expect(plan.outputs['cache-hit']).toBe('false')

  // A publish-only job with the leaf not cached: fails before building, naming it.
  const miss = await runAction({ 'fail-on-cache-miss': 'true', 'release-tag': 'v0.3.0-test' })
  expect(miss.code).toBe(1)
  expect(miss.stdout).toMatch(
    new RegExp(`^::error::fail-on-cache-miss: 1 image would be built .*: ${LEAF}$`, 'm')
  )
  expect(miss.report).toBeNull()
  expect(miss.outputs['cache-hit']).toBe('false')
  expect(api.releases.find((r) => r.tag_name === 'v0.3.0-test')).toBeUndefined()
})

test('invalid input fails the step with an annotation at the file', async () => {
  await writeFile(
    join(project, 'BAD.json'),
    '{ "version": 1, "images": [ { "name": "x", "base": "nowhere" } ] }\n'
  )
  const bad = await runAction({ 'images-file': 'BAD.json', mode: 'plan' })
  expect(bad.code).toBe(1)
  expect(bad.stdout).toMatch(
    /^::error title=kiln%3A invalid input,file=BAD\.json,line=1,col=52::\/images\/0\/base \(image x\): base "nowhere" names no image/m
  )
  expect(bad.stdout).toMatch(/^::error::/m)
})
