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

  test('getfattr names with escaped bytes', () => {
    expect(unescapeGetfattr('/a\\040b/\\303\\251')).toBe('/a b/é')
  })

  test('kiln run --mount', () => {
    expect(parseMounts('proc,dev')).toEqual(['proc', 'dev'])
    expect(() => parseMounts('proc,tmp')).toThrow(/unknown mount "tmp"/)
  })
})
