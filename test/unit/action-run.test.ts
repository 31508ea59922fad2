// The Action's run() in this process, in mode plan (no docker), with its inputs and command files
// as the runner gives them (INPUT_*, GITHUB_OUTPUT, GITHUB_STATE).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { run } from '../../src/adapters/action/main.js'

let dir: string
const saved = { ...process.env }
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-action-run-'))
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '')
  Object.assign(process.env, {
    'INPUT_IMAGES-FILE': resolve('test/fixtures/catalog/chain/IMAGES.json'),
    INPUT_MODE: 'plan',
    INPUT_CACHE: 'none',
    RUNNER_TEMP: join(dir, 'temp'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary')
  })
  delete process.env.SOURCE_DATE_EPOCH
})
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
  rmSync(dir, { recursive: true, force: true })
})

test('the source-date-epoch input is the time builders reading the environment get too', async () => {
  process.env['INPUT_SOURCE-DATE-EPOCH'] = '1700000000'
  await run()
  expect(process.exitCode ?? 0).toBe(0)
  expect(process.env.SOURCE_DATE_EPOCH).toBe('1700000000')
  expect(readFileSync(join(dir, 'output'), 'utf8')).toContain('matrix<<')
})

test('the store the step creates under RUNNER_TEMP is recorded for the post step; a given store-dir is not', async () => {
  // @actions/core keeps the first summary file it was given: this test writes none.
  process.env.INPUT_SUMMARY = 'false'
  await run()
  expect(readFileSync(join(dir, 'state'), 'utf8')).toContain(JSON.stringify(join(dir, 'temp', 'kiln-store')))
  writeFileSync(join(dir, 'state'), '')
  process.env['INPUT_STORE-DIR'] = join(dir, 'my-store')
  await run()
  const state = readFileSync(join(dir, 'state'), 'utf8')
  expect(state).toContain('kiln-cache-tmp')
  expect(state).not.toContain('my-store')
})
