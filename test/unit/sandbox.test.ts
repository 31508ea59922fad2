import { describe, expect, test } from '@jest/globals'
import { baseEnv, envFromList } from '../../src/sandbox/sandbox.js'
import { unescapeGetfattr } from '../../src/sandbox/xattr.js'
import { parseMounts } from '../../src/adapters/cli/commands/run.js'

describe('sandbox helpers', () => {
  test('the controlled environment', () => {
    expect(baseEnv()).toEqual({
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOME: '/root',
      DEBIAN_FRONTEND: 'noninteractive',
      LANG: 'C.UTF-8'
    })
    expect(envFromList(['A=1', 'B=x=y', 'junk'])).toEqual({ A: '1', B: 'x=y' })
  })

  test('getfattr names with escaped bytes: the bytes, UTF-8 or not', () => {
    // Given as binary strings (one char per byte), as findOpaqueDirs reads getfattr's output.
    expect(unescapeGetfattr('/a\\040b/\\303\\251')).toEqual(Buffer.from('/a b/é'))
    expect(unescapeGetfattr('/caf\\351/caf\xe9/caf\xc3\xa9')).toEqual(
      Buffer.from('/caf\xe9/caf\xe9/caf\xc3\xa9', 'latin1')
    )
  })

  test('kiln run --mount', () => {
    expect(parseMounts('proc,dev')).toEqual(['proc', 'dev'])
    expect(() => parseMounts('proc,tmp')).toThrow(/unknown mount "tmp"/)
  })
})

describe('writes through image links', () => {
  test('a link out of the image is refused, a relative one inside is followed', async () => {
    const { mkdtemp, mkdir, symlink, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { checkWritePaths, EscapingLinkError } = await import('../../src/sandbox/links.js')
    const lower = await mkdtemp(join(tmpdir(), 'kiln-links-'))
    const upper = await mkdtemp(join(tmpdir(), 'kiln-links-'))
    try {
      await mkdir(join(lower, 'usr/bin'), { recursive: true })
      await symlink('usr/bin', join(lower, 'bin'))
      await symlink('/usr/local', join(lower, 'opt'))
      await symlink('../../..', join(upper, 'up'))
      await expect(checkWritePaths([upper, lower], ['bin/tool', 'etc/new/file'])).resolves.toBeUndefined()
      await expect(checkWritePaths([upper, lower], ['opt/x/y'])).rejects.toThrow(EscapingLinkError)
      await expect(checkWritePaths([upper, lower], [], ['up/etc'])).rejects.toThrow(
        /through \/up -> \.\.\/\.\.\/\.\./
      )
      // A link to a link: conf -> etc2 (relative, fine alone), etc2 -> /etc (out).
      await symlink('etc2', join(lower, 'conf'))
      await symlink('/etc', join(upper, 'etc2'))
      await expect(checkWritePaths([upper, lower], ['conf/passwd'])).rejects.toThrow(
        /through \/etc2 -> \/etc/
      )
    } finally {
      await rm(lower, { recursive: true, force: true })
      await rm(upper, { recursive: true, force: true })
    }
  })
})

describe('the patch layer reads the image through its layers only', () => {
  test("a lower layer's link under an upper directory is not followed on the host", async () => {
    const { mkdtemp, mkdir, symlink, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { lookupLayered } = await import('../../src/sandbox/patch.js')
    const top = await mkdtemp(join(tmpdir(), 'kiln-patch-'))
    try {
      const [upper, lower, host] = ['upper', 'lower', 'host'].map((d) => join(top, d))
      await mkdir(join(host, 'sbin'), { recursive: true })
      await mkdir(join(upper, 'usr'), { recursive: true })
      await mkdir(lower)
      // The image's lower layer has usr -> <host dir>; the upper one a real usr/ (so usr/sbin
      // does not exist in the image): the host's <host dir>/sbin must not be what is seen.
      await symlink(host, join(lower, 'usr'))
      expect(await lookupLayered([upper, lower], 'usr/sbin')).toBeNull()
      expect((await lookupLayered([upper, lower], 'usr'))?.isDirectory()).toBe(true)
      expect((await lookupLayered([lower], 'usr'))?.isSymbolicLink()).toBe(true)
    } finally {
      await rm(top, { recursive: true, force: true })
    }
  })
})
