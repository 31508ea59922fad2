// A cancelled job, as the runner cancels it: the Action's main step (from the sources, run as
// its own node process) gets SIGINT while a docker build step runs. It must stop the build
// (no container left), say "interrupted" in its outputs, summary and error, exit non-zero; then
// the post step removes the store the main step created under RUNNER_TEMP.
import { execFile, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { run as runTool } from '../../src/util/exec.js'
import { ensureBase } from '../fixtures/bases.js'

// The tsx loader by path: the Action runs in the project's directory, where no tsx is installed.
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href
const MAIN = resolve('src/adapters/action/index.ts')
const POST = resolve('src/adapters/action/post-index.ts')
const id = `kac${process.pid}`
const LABEL = `kiln.action-cancel.test=${id}`

let dir: string
let project: string

/** Parses a runner command file (GITHUB_OUTPUT, GITHUB_STATE): name<<delimiter … delimiter, or name=value. */
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

const containers = async (): Promise<string[]> =>
  (await runTool('docker', ['ps', '-aq', '--filter', `label=${LABEL}`])).stdout.split('\n').filter(Boolean)

beforeAll(async () => {
  dir = await mkdtemp(join('/var/tmp', 'kiln-action-cancel-itg-'))
  project = join(dir, 'project')
  await mkdir(join(project, 'slow'), { recursive: true })
  await link(await ensureBase('minbase'), join(project, 'minbase.tar'))
  await writeFile(
    join(project, 'slow', 'Dockerfile'),
    `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nLABEL ${LABEL}\nRUN sleep 900\n`
  )
  await writeFile(
    join(project, 'IMAGES.json'),
    JSON.stringify({
      version: 1,
      images: [
        { name: `${id}-os`, base: { tar: 'minbase.tar' } },
        {
          name: `${id}-slow`,
          base: `${id}-os`,
          builder: 'dockerfile',
          file: 'slow/Dockerfile',
          working_dir: 'slow'
        }
      ]
    })
  )
})

afterAll(async () => {
  for (const c of await containers().catch(() => []))
    await runTool('docker', ['rm', '-f', c]).catch(() => undefined)
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('SIGINT mid-build: the build stops, everything says interrupted, exit 130; post removes the temp store', async () => {
  const { paths, env, temp, log } = await cancelAction('runner-1', ['SIGINT'], 130)
  const outputs = parseCommandFile(await readFile(paths.GITHUB_OUTPUT, 'utf8'))
  const images = JSON.parse(outputs.images) as Array<{ name: string; status: string }>
  expect(images.find((i) => i.name === `${id}-slow`)?.status).toBe('interrupted')
  expect(await readFile(paths.GITHUB_STEP_SUMMARY, 'utf8')).toContain('**Interrupted** by SIGINT')
  expect(log).toMatch(/^::error::.*interrupted by SIGINT/m)

  // The post step, with the state the main step saved, as the runner gives it.
  const state = parseCommandFile(await readFile(paths.GITHUB_STATE, 'utf8'))
  expect(JSON.parse(state['kiln-temp-work'])).toContain(join(temp, 'kiln-store'))
  expect(existsSync(join(temp, 'kiln-store'))).toBe(true)
  await new Promise<void>((done, fail) =>
    execFile(
      process.execPath,
      ['--import', TSX, POST],
      { cwd: project, env: { ...env, 'STATE_kiln-temp-work': state['kiln-temp-work'] } },
      (err) => (err ? fail(err) : done())
    )
  )
  expect(existsSync(join(temp, 'kiln-store'))).toBe(false)
})

test('a second signal (SIGTERM) stops at once: exit 143, and the summary and error still say interrupted', async () => {
  const { paths, log } = await cancelAction('runner-2', ['SIGINT', 'SIGTERM'], 143)
  expect(await readFile(paths.GITHUB_STEP_SUMMARY, 'utf8')).toContain('**Interrupted** by SIGINT')
  expect(log).toMatch(/^::error::the run was interrupted by SIGINT and stopped at once/m)
})

/** Runs the Action's main step until its build container runs, then sends `signals`; checks the exit status. */
async function cancelAction(name: string, signals: NodeJS.Signals[], status: number) {
  const runner = join(dir, name)
  const files = join(runner, '_runner_file_commands')
  const temp = join(runner, 'temp')
  await mkdir(files, { recursive: true })
  await mkdir(temp, { recursive: true })
  const paths = {
    GITHUB_OUTPUT: join(files, `set_output_${randomUUID()}`),
    GITHUB_STEP_SUMMARY: join(files, `step_summary_${randomUUID()}`),
    GITHUB_STATE: join(files, `save_state_${randomUUID()}`)
  }
  for (const p of Object.values(paths)) await writeFile(p, '')
  const inputs: Record<string, string> = {
    'images-file': 'IMAGES.json',
    cache: 'none',
    'out-dir': join(runner, 'out'),
    'upload-artifacts': 'false',
    verify: 'false',
    summary: 'true'
  }
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...paths,
    RUNNER_TEMP: temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: project
  }
  const main = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: project,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let log = ''
  main.stdout.on('data', (d: Buffer) => (log += d.toString()))
  main.stderr.on('data', (d: Buffer) => (log += d.toString()))
  // 'close': the process has exited and its output is all read.
  const exit = new Promise<number | null>((done) => main.once('close', (code) => done(code)))
  try {
    // The build step's container runs `sleep 900`: cancel then.
    const t0 = Date.now()
    while (!(await containers()).length) {
      if (main.exitCode !== null) throw new Error(`the Action ended before its build started:\n${log}`)
      if (Date.now() - t0 > 300_000) throw new Error(`no build container after 300 s:\n${log}`)
      await new Promise((r) => setTimeout(r, 250))
    }
    const cancelled = Date.now()
    for (const sig of signals) main.kill(sig)
    const code = await exit
    // The runner sends SIGTERM 7.5 s after SIGINT: the Action is done before it.
    expect(Date.now() - cancelled).toBeLessThan(7500)
    expect(code).toBe(status)
  } finally {
    if (main.exitCode === null) main.kill('SIGKILL')
  }
  // Stopped cleanly, the build container is gone when the step ends; stopped at once, the
  // engine removes it once its client is killed.
  for (let t = Date.now(); signals.length > 1 && (await containers()).length && Date.now() - t < 10_000;)
    await new Promise((r) => setTimeout(r, 250))
  expect(await containers()).toEqual([])
  return { paths, env, temp, log }
}
