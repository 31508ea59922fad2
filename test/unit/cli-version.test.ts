// `kiln --version`: the version of package.json, as the bundle was built from it.
import { readFileSync } from 'node:fs'
import { jest } from '@jest/globals'
import { main } from '../../src/adapters/cli/main.js'

test.each(['--version', '-V'])('kiln %s prints package.json version and exits 0', async (flag) => {
  const out: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s))
    return true
  })
  try {
    const code = await main(['node', 'kiln', flag])
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(out.join('')).toBe(`${version}\n`)
    expect(version).toMatch(/^\d+\.\d+\.\d+/)
    expect(code).toBe(0)
  } finally {
    spy.mockRestore()
  }
})
