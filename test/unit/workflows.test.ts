// The workflow files and action.yml, parsed as the runner parses them (YAML), checked for the
// keys Kiln relies on; the release's major-tag step run for real against a local repository.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { DEFAULTS } from '../../src/adapters/action/inputs.js'
import { OUTPUTS } from '../../src/adapters/action/outputs.js'

type Step = { name?: string; run?: string; uses?: string; env?: Record<string, string> }
type Workflow = {
  on: { push?: { tags?: string[]; branches?: string[] } }
  permissions?: Record<string, string>
  jobs: Record<string, { if?: string; steps: Step[]; permissions?: Record<string, string> }>
}
const load = <T>(file: string): T => parse(readFileSync(file, 'utf8')) as T

/**
 * Whether a ref name matches a GitHub filter pattern: * (no /), ** (anything), ?, + (one or
 * more of the previous character or class), [..] classes; everything else literal.
 */
function matchesFilter(pattern: string, name: string): boolean {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*'
      i++
    } else if (c === '*') re += '[^/]*'
    else if (c === '?' || c === '+') re += c
    else if (c === '[') {
      const end = pattern.indexOf(']', i)
      re += pattern.slice(i, end + 1)
      i = end
    } else re += c.replace(/[.\\^$|(){}]/g, '\\$&')
  }
  return new RegExp(`^${re}$`).test(name)
}

const release = load<Workflow>('.github/workflows/release.yml')
const images = load<Workflow>('.github/workflows/images.yml')
const fires = (w: Workflow, tag: string) => (w.on.push?.tags ?? []).some((p) => matchesFilter(p, tag))

test('Kiln release tags and catalog release tags start different workflows', () => {
  for (const tag of ['v1.2.3', 'v10.0.12']) {
    expect([tag, fires(release, tag), fires(images, tag)]).toEqual([tag, true, false])
  }
  for (const tag of ['images-2026.11.29', 'images-v1.2.3']) {
    expect([tag, fires(release, tag), fires(images, tag)]).toEqual([tag, false, true])
  }
  // The major tag the release moves starts neither.
  expect([fires(release, 'v1'), fires(images, 'v1')]).toEqual([false, false])
  expect(images.jobs.release.if).toBe("startsWith(github.ref, 'refs/tags/images-')")
})

test('the release workflow checks, builds, checks dist/, releases and moves the major tag, in order', () => {
  const job = release.jobs.release
  expect(job.permissions).toEqual({ contents: 'write' })
  expect(release.permissions).toEqual({ contents: 'read' })
  const runs = job.steps.map((s) => s.run ?? s.uses ?? '')
  const at = (what: RegExp) => {
    const i = runs.findIndex((r) => what.test(r))
    expect([what.source, i >= 0]).toEqual([what.source, true])
    return i
  }
  const order = [
    at(/^actions\/checkout@/),
    at(/^npm ci$/),
    at(/package\.json/),
    at(/^npm run lint$/),
    at(/^npm test$/),
    at(/^npm run build$/),
    at(/git status --porcelain -- dist/),
    at(/--version/),
    at(/^gh release create "\$TAG" --verify-tag/),
    at(/git push -f origin "refs\/tags\/\$major"/)
  ]
  expect(order).toEqual([...order].sort((a, b) => a - b))
})

describe("the release's major tag step", () => {
  const script = release.jobs.release.steps.find((s) => s.name?.startsWith('Move the major tag'))!.run!
  let dir: string
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd,
      encoding: 'utf8'
    }).trim()
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-release-test-'))
    git(dir, 'init', '-q', '--bare', 'origin.git')
    git(dir, 'init', '-q', 'work')
    const work = join(dir, 'work')
    git(work, 'remote', 'add', 'origin', join(dir, 'origin.git'))
    for (const v of ['v1.3.0', 'v1.4.0']) {
      git(work, 'commit', '-q', '--allow-empty', '-m', v)
      git(work, 'tag', v)
    }
    git(work, 'tag', 'v1', 'v1.4.0')
    git(work, 'push', '-q', 'origin', '--tags', 'HEAD:refs/heads/main')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const releaseAs = (tag: string) => {
    const work = join(dir, 'work')
    git(work, 'commit', '-q', '--allow-empty', '-m', tag)
    git(work, 'tag', tag)
    git(work, 'push', '-q', 'origin', tag)
    const sha = git(work, 'rev-parse', 'HEAD')
    execFileSync('bash', ['-e', '-c', script], {
      cwd: work,
      env: { ...process.env, TAG: tag, GITHUB_SHA: sha }
    })
    return { sha, v1: git(join(dir, 'origin.git'), 'rev-parse', 'v1^{commit}') }
  }

  test('a new newest release takes the major tag', () => {
    const { sha, v1 } = releaseAs('v1.5.0')
    expect(v1).toBe(sha)
  })

  test('a fix to an older line leaves it where it is', () => {
    const before = git(join(dir, 'origin.git'), 'rev-parse', 'v1.4.0^{commit}')
    const { v1 } = releaseAs('v1.3.1')
    expect(v1).toBe(before)
  })
})

describe('action.yml', () => {
  const action = load<{
    inputs: Record<string, { default?: string }>
    outputs: Record<string, unknown>
    runs: { using: string; main: string; post?: string }
  }>('action.yml')
  const build = (load<{ scripts: { build: string } }>('package.json') as { scripts: { build: string } })
    .scripts.build

  test('main and post run bundles that the build script makes', () => {
    expect(action.runs).toMatchObject({
      using: 'node24',
      main: 'dist/action/index.js',
      post: 'dist/post/index.js'
    })
    expect(build).toContain('ncc build src/adapters/action/index.ts -o dist/action')
    expect(build).toContain('ncc build src/adapters/action/post-index.ts -o dist/post')
  })

  test('inputs and outputs are the ones the code reads and sets, with the same defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(DEFAULTS).sort())
    for (const [name, def] of Object.entries(DEFAULTS)) {
      if (name !== 'token') expect([name, action.inputs[name].default ?? '']).toEqual([name, def])
    }
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort())
  })
})
