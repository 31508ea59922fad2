// The sweep on start: only names whose owner is certainly gone are removed — never this
// process's own, never another host's, never a name without an owner token.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OWNER, ownerIsDead, tempFileFor, tempPrefix } from '../../src/util/lifecycle.js'
import { sweepStoreTemp, sweepTempDirs, sweepTempFiles } from '../../src/util/leftovers.js'

const [, start, host, boot] = /^\d+-([0-9a-z]+)-([0-9a-f]{6})-([0-9a-f]{6})$/.exec(OWNER)!
// A pid no process has (above the kernel's pid_max), on this host and boot.
const deadOwner = `4194399-${start}-${host}-${boot}`
const otherHost = `4194399-${start}-${host === 'aaaaaa' ? 'bbbbbb' : 'aaaaaa'}-${boot}`
const earlierBoot = `${process.pid}-${start}-${host}-${boot === 'aaaaaa' ? 'bbbbbb' : 'aaaaaa'}`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-unit-leftovers-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('an owner is dead when its pid is gone or it ran in an earlier boot; never when it is another host', () => {
  expect(ownerIsDead('dir', `kiln-${OWNER}-x-abc`)).toBe(false)
  expect(ownerIsDead('dir', `kiln-${deadOwner}-x-abc`)).toBe(true)
  expect(ownerIsDead('dir', `kiln-${earlierBoot}-x-abc`)).toBe(true)
  expect(ownerIsDead('dir', `kiln-${otherHost}-x-abc`)).toBe(false)
  expect(ownerIsDead('dir', 'kiln-run-abc123')).toBe(false)
  // The same pid started at another time (a reused pid) is not the owner.
  expect(ownerIsDead('file', `a.tar.gz.tmp-${process.pid}-zzzz-${host}-${boot}`)).toBe(true)
  expect(ownerIsDead('tag', `kiln-out/img:${deadOwner}-a1b2c3-1`)).toBe(true)
  expect(ownerIsDead('tag', `kiln-out/img:${OWNER}-a1b2c3-1`)).toBe(false)
  expect(ownerIsDead('tag', `debian:${deadOwner}-a1b2c3-1`)).toBe(false)
})

test('sweeps dead runs’ temporary files in out/ and its image directories, and nothing else', async () => {
  mkdirSync(join(dir, 'img'))
  const dead = [
    join(dir, 'img', `image.tar.gz.tmp-${deadOwner}`),
    join(dir, `index.json.tmp-${deadOwner}-0a1b2c`)
  ]
  const kept = [
    tempFileFor(join(dir, 'img', 'kernel.tar.gz')),
    join(dir, 'img', `image.tar.gz.tmp-${otherHost}`),
    join(dir, 'img', 'image.tar.gz'),
    join(dir, 'index.json')
  ]
  for (const f of [...dead, ...kept]) writeFileSync(f, 'x')
  expect((await sweepTempFiles(dir, 1)).sort()).toEqual(dead.sort())
  expect(kept.every((f) => existsSync(f))).toBe(true)
})

test('sweeps dead runs’ temporary directories, not a live one’s', async () => {
  const deadDir = join(dir, `kiln-${deadOwner}-img-abc123`)
  const mine = join(dir, `${tempPrefix('img')}abc123`)
  const foreign = join(dir, `kiln-${otherHost}-img-abc123`)
  for (const d of [deadDir, mine, foreign]) mkdirSync(join(d, 'sub'), { recursive: true })
  expect(await sweepTempDirs([dir])).toEqual([deadDir])
  expect([mine, foreign].every((d) => existsSync(d))).toBe(true)
})

test('sweeps a store’s half-written blobs of dead writers only', async () => {
  const dead = join(dir, '4194399-00112233aabbccdd.blob')
  const live = join(dir, `${process.pid}-00112233aabbccdd.blob`)
  for (const f of [dead, live]) writeFileSync(f, 'x')
  expect(await sweepStoreTemp(dir)).toEqual([dead])
  expect(existsSync(live)).toBe(true)
})
