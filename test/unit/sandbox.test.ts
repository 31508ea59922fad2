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
    } finally {
      await rm(lower, { recursive: true, force: true })
      await rm(upper, { recursive: true, force: true })
    }
  })
})
