// `kiln plan` run as a user runs it: the CLI in a child process (through tsx, no build step).
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { execa } from 'execa'
import { loadCatalog } from '../../src/model/load.js'
import { makePlan } from '../../src/plan/index.js'
import { fixturesDir } from '../fixtures/catalog/tree.js'

const repo = path.resolve('.')
const tsx = path.join(repo, 'node_modules/.bin/tsx')
const cli = path.join(repo, 'src/adapters/cli/index.ts')
const invalidDir = path.join(fixturesDir, 'invalid')
const chainDir = path.join(fixturesDir, 'catalog/chain')

interface Run {
  exitCode: number
  stdout: string
  stderr: string
}

async function kiln(cwd: string, args: string[]): Promise<Run> {
  const r = await execa(tsx, [cli, ...args], {
    cwd,
    reject: false,
    stripFinalNewline: false,
    env: { NO_COLOR: '1' }
  })
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) }
}

/** Runs jobs a few at a time: each child compiles the CLI, and the machine may have 2 cores. */
async function pool<T>(jobs: Array<() => Promise<T>>, size = 3): Promise<T[]> {
  const out: T[] = new Array(jobs.length)
  let next = 0
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < jobs.length) {
        const i = next++
        out[i] = await jobs[i]()
      }
    })
  )
  return out
}

const cases: string[] = []
const runs = new Map<string, Run>()

beforeAll(async () => {
  cases.push(...(await readdir(invalidDir)).sort())
  const jobs: Array<[string, string, string[]]> = []
  for (const c of cases) {
    const args = await readFile(path.join(invalidDir, c, 'args'), 'utf8').then(
      (t) => t.split('\n').filter(Boolean),
      () => ['-f', 'IMAGES.json']
    )
    jobs.push([`invalid/${c}`, path.join(invalidDir, c), ['plan', ...args]])
  }
  jobs.push(['table', chainDir, ['plan', '--explain']])
  jobs.push(['json', chainDir, ['plan', '--json', '--explain', '--target', 'tools']])
  jobs.push(['help', chainDir, ['plan', '--help']])
  const results = await pool(
    jobs.map(
      ([, cwd, args]) =>
        () =>
          kiln(cwd, args)
    )
  )
  jobs.forEach(([name], i) => runs.set(name, results[i]))
}, 300_000)

test('the invalid-input corpus is there', () => {
  expect(cases.length).toBeGreaterThanOrEqual(12)
})

describe('invalid input: exit status 2, every problem on stderr, nothing on stdout', () => {
  // One test per directory of test/fixtures/invalid; expected.txt holds the exact stderr.
  test.each([
    'bad-name',
    'bad-values',
    'corpusops-errors',
    'cycle',
    'cycle-from',
    'duplicate-name',
    'escape-root',
    'missing-files',
    'no-file',
    'syntax-json',
    'syntax-yaml',
    'unknown-builder',
    'unknown-key',
    'unknown-reference'
  ])('%s', async (c) => {
    const run = runs.get(`invalid/${c}`) as Run
    const expected = await readFile(path.join(invalidDir, c, 'expected.txt'), 'utf8')
    expect(run.stderr.split('\n')).toEqual(expected.split('\n'))
    expect(run.stdout).toBe('')
    expect(run.exitCode).toBe(2)
  })
})

test('a table in build order with short keys, builder and base', async () => {
  const run = runs.get('table') as Run
  expect(run.exitCode).toBe(0)
  const plan = await makePlan(await loadCatalog(path.join(chainDir, 'IMAGES.json')))
  const lines = run.stdout.split('\n\n')[0].trimEnd().split('\n')
  expect(lines[0]).toMatch(/^#\s+NAME\s+KEY\s+BUILDER\s+BASE\s+DEPENDS ON$/)
  expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(0, 5))).toEqual(
    plan.images.map((i, n) => [
      String(n + 1),
      i.spec.name,
      i.key.slice(0, 12),
      i.spec.builder,
      { 'base-a': 'tar rootfs/base.tar', tools: 'base-b', packed: 'base-a' }[i.spec.name] ?? '-'
    ])
  )
  // Aligned: every row's key starts in the header's KEY column.
  const col = lines[0].indexOf('KEY')
  for (const l of lines.slice(1)) expect(l.slice(col, col + 12)).toMatch(/^[0-9a-f]{12}$/)
})

test('--json --explain: the selected image and its ancestors, with their inputs', async () => {
  const run = runs.get('json') as Run
  expect(run.exitCode).toBe(0)
  const out = JSON.parse(run.stdout) as Array<Record<string, unknown>>
  const plan = await makePlan(await loadCatalog(path.join(chainDir, 'IMAGES.json')), { targets: ['tools'] })
  expect(out).toEqual(
    plan.images.map((i) => ({
      name: i.spec.name,
      key: i.key,
      builder: i.spec.builder,
      base: i.spec.name === 'tools' ? 'base-b' : i.spec.name === 'base-a' ? 'tar rootfs/base.tar' : '-',
      depends_on: i.deps,
      distro: 'd1',
      plan: null,
      arch: 'x86_64',
      inputs: i.inputs
    }))
  )
  expect(out.map((o) => o.name)).toEqual(['base-a', 'base-b', 'tools'])
})

test('--explain lists every input with its digest after the table', () => {
  const run = runs.get('table') as Run
  expect(run.exitCode).toBe(0)
  expect(run.stdout).toMatch(/^busybox-aci [0-9a-f]{64}$/m)
  expect(run.stdout).toMatch(/^ {2}aci-ref\s+aci\/setup\.sh \(executable\)\s+sha256:[0-9a-f]{64}$/m)
  expect(run.stdout).toMatch(/^ {2}file\s+aci\/busybox\.json\s+sha256:[0-9a-f]{64}$/m)
})

test('--help describes the options', () => {
  const run = runs.get('help') as Run
  expect(run.exitCode).toBe(0)
  for (const flag of ['--file', '--target', '--distro', '--plan', '--arch', '--json', '--explain'])
    expect(run.stdout).toContain(flag)
})
