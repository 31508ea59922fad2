// `kiln plan` as a user runs it: the CLI's main() for the invalid-input corpus, and the
// kiln binary in child processes (through tsx, no build step) for exit statuses and output.
import { jest } from '@jest/globals'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { execa } from 'execa'
import { loadCatalog } from '../../src/model/load.js'
import { makePlan } from '../../src/plan/index.js'
import { main } from '../../src/adapters/cli/main.js'
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

/**
 * The same CLI in this process (main() is what the binary runs): fast enough for a corpus.
 * stdout and stderr are captured by one spy each for the whole file (jest guards `process`,
 * and spying on it again and again nests its setters until the worker overflows).
 */
const captured = { stdout: '', stderr: '' }
beforeAll(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    captured.stdout += String(s)
    return true
  })
  jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    captured.stderr += String(s)
    return true
  })
})
afterAll(() => jest.restoreAllMocks())

async function kilnInProcess(cwd: string, args: string[]): Promise<Run> {
  captured.stdout = ''
  captured.stderr = ''
  const before = process.cwd()
  process.chdir(cwd)
  try {
    const exitCode = await main(['node', 'kiln', ...args])
    return { exitCode, stdout: captured.stdout, stderr: captured.stderr }
  } finally {
    process.chdir(before)
  }
}

const cases: string[] = []
const runs = new Map<string, Run>()

beforeAll(async () => {
  // A few runs of the real binary, side by side: each child compiles the CLI.
  const children: Array<[string, string, string[]]> = [
    ['child/invalid', path.join(invalidDir, 'unknown-key'), ['plan']],
    ['child/json', chainDir, ['plan', '--json', '--explain', '--target', 'tools']],
    ['child/help', chainDir, ['plan', '--help']]
  ]
  const pending = Promise.all(children.map(([, cwd, args]) => kiln(cwd, args)))
  cases.push(...(await readdir(invalidDir)).sort())
  for (const c of cases) {
    const args = await readFile(path.join(invalidDir, c, 'args'), 'utf8').then(
      (t) => t.split('\n').filter(Boolean),
      () => ['-f', 'IMAGES.json']
    )
    runs.set(`invalid/${c}`, await kilnInProcess(path.join(invalidDir, c), ['plan', ...args]))
  }
  runs.set('table', await kilnInProcess(chainDir, ['plan', '--explain']))
  const done = await pending
  children.forEach(([name], i) => runs.set(name, done[i]))
}, 300_000)

test('the invalid-input corpus is there', () => {
  expect(cases.length).toBeGreaterThanOrEqual(12)
})

test('the kiln binary: invalid input exits 2 with the same messages', async () => {
  const run = runs.get('child/invalid') as Run
  expect(run.stderr).toBe(await readFile(path.join(invalidDir, 'unknown-key', 'expected.txt'), 'utf8'))
  expect(run.stdout).toBe('')
  expect(run.exitCode).toBe(2)
})

describe('invalid input: exit status 2, every problem on stderr, nothing on stdout', () => {
  // One test per directory of test/fixtures/invalid; expected.txt holds the exact stderr.
  test.each([
    // Catalog values that would reach a tool's command line as options (mmdebstrap hooks,
    // docker build --iidfile / -f, packer -var-file): refused before anything runs.
    'argv-injection',
    'corpusops-argv',
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
  const run = runs.get('child/json') as Run
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
  const run = runs.get('child/help') as Run
  expect(run.exitCode).toBe(0)
  for (const flag of ['--file', '--target', '--distro', '--plan', '--arch', '--json', '--explain'])
    expect(run.stdout).toContain(flag)
})

test('the table shows ARCH, marking what this host emulates, once a plan has another arch', async () => {
  const { planText } = await import('../../src/adapters/cli/commands/plan.js')
  const { writeTree, removeTree } = await import('../fixtures/catalog/tree.js')
  const dir = await writeTree({
    'IMAGES.json': {
      version: 1,
      images: [
        { name: 'amd', base: { image: 'debian:12' } },
        { name: 'arm', arch: 'arm64', base: { image: 'debian:12' } }
      ]
    }
  })
  try {
    const lines = planText(await makePlan(await loadCatalog(`${dir}/IMAGES.json`)), false).split('\n')
    expect(lines[0]).toMatch(/^#\s+NAME\s+KEY\s+ARCH\s+BUILDER\s+BASE\s+DEPENDS ON$/)
    const native = process.arch === 'arm64' ? 'aarch64' : 'x86_64'
    expect(lines[1]).toMatch(
      new RegExp(`^1\\s+amd\\s+\\w{12}\\s+x86_64${native === 'x86_64' ? '' : ' \\(emulated\\)'}\\s`)
    )
    expect(lines[2]).toMatch(
      new RegExp(`^2\\s+arm\\s+\\w{12}\\s+aarch64${native === 'aarch64' ? '' : ' \\(emulated\\)'}\\s`)
    )
  } finally {
    await removeTree(dir)
  }
})
