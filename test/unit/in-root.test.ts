import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { resolveInRoot, RootEscapeError, secureJoin, secureJoinLayers } from '../../src/util/in-root.js'

const execFileAsync = promisify(execFile)

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

describe('secureJoinLayers: an image as overlayfs layers, top first', () => {
  let upper: string
  let lower: string
  beforeEach(async () => {
    upper = join(root, '..', 'upper')
    lower = join(root, '..', 'lower')
    await mkdir(upper)
    await mkdir(join(lower, 'usr/lib'), { recursive: true })
  })

  it('follows a chain of links inside the image, across layers', async () => {
    // lib -> foo in the lower layer, foo/modules -> <host dir> in the upper one.
    await symlink('foo', join(lower, 'lib'))
    await mkdir(join(upper, 'foo'))
    await symlink(outside, join(upper, 'foo/modules'))
    const t = await secureJoinLayers([upper, lower], '/lib/modules/6.1.0-x')
    expect(t).toEqual({
      rel: `${outside.slice(1)}/6.1.0-x`,
      kind: null,
      links: [
        { path: 'lib', target: 'foo' },
        { path: 'foo/modules', target: outside }
      ]
    })
  })

  it('sees the top layer first, whiteouts hide, a lower link under an upper dir is not followed', async () => {
    await writeFile(join(lower, 'usr/lib/a'), 'a')
    expect((await secureJoinLayers([upper, lower], 'usr/lib/a')).kind).toBe('file')
    await mkdir(join(upper, 'usr'))
    await execFileAsync('mknod', [join(upper, 'usr/lib'), 'c', '0', '0'])
    expect(await secureJoinLayers([upper, lower], 'usr/lib/a')).toEqual({
      rel: 'usr/lib/a',
      kind: null,
      links: []
    })
    // etc is a link out of the image in the lower layer, a directory in the upper one: the
    // upper one wins, and the lower link is never followed on the host.
    await writeFile(join(outside, 'passwd'), 'host')
    await symlink(outside, join(lower, 'etc'))
    await mkdir(join(upper, 'etc'))
    expect(await secureJoinLayers([upper, lower], 'etc/passwd')).toEqual({
      rel: 'etc/passwd',
      kind: null,
      links: []
    })
    expect((await secureJoinLayers([upper, lower], '/')).kind).toBe('dir')
  })
})
