import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveInRoot, RootEscapeError, secureJoin } from '../../src/util/in-root.js'

let root: string
let outside: string

beforeEach(async () => {
  const top = await mkdtemp(join(tmpdir(), 'kiln-in-root-'))
  root = join(top, 'root')
  outside = join(top, 'host')
  await mkdir(join(root, 'usr/lib'), { recursive: true })
  await mkdir(outside)
  await writeFile(join(root, 'usr/lib/libc.so.6'), 'libc')
})
afterEach(() => rm(join(root, '..'), { recursive: true, force: true }))

describe('secureJoin', () => {
  it('keeps an absolute link to a host directory inside the root', async () => {
    // The boot-gate attack: lib -> foo, foo/modules -> <host dir>: writing lib/modules/x
    // must land in <root><host dir>/x, never in the host directory itself.
    await symlink('foo', join(root, 'lib'))
    await mkdir(join(root, 'foo'))
    await symlink(outside, join(root, 'foo/modules'))
    const p = await secureJoin(root, '/lib/modules/6.1.0-x')
    expect(p).toBe(join(root, outside, '6.1.0-x'))
  })

  it('clamps .. in link targets and in the path at the root', async () => {
    await symlink('../../../../..', join(root, 'up'))
    expect(await secureJoin(root, 'up/etc/passwd')).toBe(join(root, 'etc/passwd'))
    expect(await secureJoin(root, '../../etc/shadow')).toBe(join(root, 'etc/shadow'))
    expect(await secureJoin(root, 'missing/../../../x')).toBe(join(root, 'x'))
  })

  it('resolves a final link within the root, so a write replaces the image file', async () => {
    await symlink('/usr/lib/libc.so.6', join(root, 'libc'))
    expect(await secureJoin(root, 'libc')).toBe(join(root, 'usr/lib/libc.so.6'))
    await symlink('/etc/passwd', join(root, 'passwd'))
    expect(await secureJoin(root, 'passwd')).toBe(join(root, 'etc/passwd'))
  })

  it('refuses a link loop', async () => {
    await symlink('b', join(root, 'a'))
    await symlink('a', join(root, 'b'))
    await expect(secureJoin(root, 'a/x')).rejects.toThrow(RootEscapeError)
  })

  it('gives the root itself for an empty path or /', async () => {
    expect(await secureJoin(root, '/')).toBe(root)
    expect(await secureJoin(root, '')).toBe(root)
  })
})

describe('resolveInRoot', () => {
  it('follows links within the root and reports them', async () => {
    await symlink('usr/lib', join(root, 'lib'))
    const r = await resolveInRoot(root, '/lib/libc.so.6')
    expect(r).toEqual({ real: 'usr/lib/libc.so.6', links: ['lib'] })
  })

  it('says a path through a link out of the root does not exist', async () => {
    await writeFile(join(outside, 'secret'), 'x')
    await symlink(outside, join(root, 'h'))
    expect((await resolveInRoot(root, 'h/secret')).real).toBeNull()
  })
})
