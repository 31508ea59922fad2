import { describe, expect, test } from '@jest/globals'
import { readElf } from '../../src/builders/aci/elf.js'
import { dependencyClosure, ldSoConfDirs } from '../../src/builders/aci/closure.js'
import { resolveInRoot } from '../../src/util/in-root.js'

// The host is a Debian system: its own files serve as ELF samples (read, never run).
describe('readElf', () => {
  test('reads the loader and DT_NEEDED of a dynamic program', async () => {
    const e = await readElf('/bin/bash')
    expect(e?.bits).toBe(64)
    expect(e?.interp).toMatch(/^\/lib(64)?\/ld-linux[-\w.]*\.so\.\d$/)
    expect(e?.needed).toContain('libc.so.6')
  })

  test('is null for a file that is not ELF', async () => {
    expect(await readElf('/etc/os-release')).toBeNull()
  })
})

describe('dependencyClosure', () => {
  test('follows the libraries through the image search paths and keeps the links on the way', async () => {
    expect((await ldSoConfDirs('/')).length).toBeGreaterThan(0)
    const c = await dependencyClosure('/', ['/bin/bash'])
    expect(c.missing).toEqual([])
    const keep = [...c.keep]
    expect(keep.some((p) => /(^|\/)libc\.so\.6$/.test(p))).toBe(true)
    expect(keep.some((p) => /ld-linux[-\w.]*\.so\.\d$/.test(p))).toBe(true)
    // On a merged-/usr system /bin is a link to usr/bin: it is kept with the file.
    const bash = await resolveInRoot('/', '/bin/bash')
    for (const l of bash.links) expect(c.keep.has(l)).toBe(true)
  })

  test('resolveInRoot never leaves the root through .. or absolute links', async () => {
    expect((await resolveInRoot('/etc', '../../../passwd')).real).toBe('passwd')
  })
})
