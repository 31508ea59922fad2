// The post step: removes what the main step created under RUNNER_TEMP, and nothing else. State
// and inputs reach @actions/core as the runner gives them: STATE_<name> and INPUT_<NAME>.
import { jest } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { post } from '../../src/adapters/action/post.js'
import { TEMP_WORK_STATE, tempWorkToRecord, tempWorkToRemove } from '../../src/adapters/action/temp-work.js'

let dir: string
let temp: string
const saved = { ...process.env }
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-post-test-'))
  temp = join(dir, 'runner-temp')
  mkdirSync(temp)
  process.env.RUNNER_TEMP = temp
})
afterEach(() => {
  process.env = { ...saved }
  rmSync(dir, { recursive: true, force: true })
})

/** Runs the post step with the state main saved and the inputs given; returns what it logged. */
async function runPost(state: string, inputs: Record<string, string> = {}): Promise<string> {
  process.env[`STATE_${TEMP_WORK_STATE}`] = state
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v
  const lines: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  try {
    await post()
  } finally {
    spy.mockRestore()
  }
  return lines.join('')
}

function tree(path: string): string {
  mkdirSync(join(path, 'blobs', 'sha256'), { recursive: true })
  writeFileSync(join(path, 'blobs', 'sha256', 'ab'), 'layer')
  return path
}

test('main records only the directories it is about to create', () => {
  const existing = tree(join(temp, 'kept-store'))
  expect(tempWorkToRecord([existing, join(temp, 'kiln-cache-tmp')])).toEqual([join(temp, 'kiln-cache-tmp')])
})

test('the store and scratch main created are removed, a symlink in them is not followed', async () => {
  const outside = tree(join(dir, 'outside'))
  const store = tree(join(temp, 'kiln-store'))
  const scratch = tree(join(temp, 'kiln-cache-tmp'))
  symlinkSync(outside, join(store, 'link-out'))
  const log = await runPost(JSON.stringify([store, scratch]))
  expect(existsSync(store)).toBe(false)
  expect(existsSync(scratch)).toBe(false)
  expect(readFileSync(join(outside, 'blobs', 'sha256', 'ab'), 'utf8')).toBe('layer')
  expect(log).toContain('kiln post: removed 2 temporary directories')
})

test('a store-dir or cache-dir the user gave is never removed, nor anything outside RUNNER_TEMP', async () => {
  const userStore = tree(join(temp, 'my-store'))
  const userCache = tree(join(temp, 'my-cache'))
  const outside = tree(join(dir, 'outside'))
  const scratch = tree(join(temp, 'kiln-cache-tmp'))
  const state = JSON.stringify([
    userStore,
    join(userCache, 'blobs'),
    outside,
    temp,
    `${temp}/../outside`,
    scratch
  ])
  await runPost(state, { 'store-dir': userStore, 'cache-dir': userCache })
  expect(existsSync(join(userStore, 'blobs', 'sha256', 'ab'))).toBe(true)
  expect(existsSync(join(userCache, 'blobs', 'sha256', 'ab'))).toBe(true)
  expect(existsSync(join(outside, 'blobs', 'sha256', 'ab'))).toBe(true)
  expect(existsSync(temp)).toBe(true)
  expect(existsSync(scratch)).toBe(false)
})

test('no state, or state that is not a list of paths: nothing is removed, the step does not fail', async () => {
  const store = tree(join(temp, 'kiln-store'))
  for (const state of ['', 'not json', '{"a":1}', JSON.stringify(['kiln-store', 7])]) {
    const log = await runPost(state)
    expect(log).not.toMatch(/::error/)
    expect(process.exitCode ?? 0).toBe(0)
  }
  expect(existsSync(join(store, 'blobs', 'sha256', 'ab'))).toBe(true)
})

test('a directory inside a user-given one is kept even when main recorded it', () => {
  expect(
    tempWorkToRemove({
      state: JSON.stringify(['/t/kiln-store', '/t/kiln-cache-tmp']),
      tempRoot: '/t',
      userDirs: ['/t', '']
    })
  ).toEqual([])
})
