// The shared bases every integration test starts from: if these are wrong, nothing else is meaningful.
import { run } from '../../src/util/exec.js'
import { baseImage, baseTar } from '../fixtures/bases.js'

describe('shared fixtures', () => {
  test('the kernel base holds a kernel, its initrd and its modules', async () => {
    const { stdout } = await run('tar', ['-tf', baseTar('kernel')])
    const names = stdout.split('\n')
    expect(names.some((n) => /^\.\/boot\/vmlinuz-\d/.test(n))).toBe(true)
    expect(names.some((n) => /^\.\/boot\/initrd\.img-\d/.test(n))).toBe(true)
    expect(names.some((n) => /^\.\/(usr\/)?lib\/modules\/[^/]+\/kernel\//.test(n))).toBe(true)
  })

  test('both bases are images in the engine', async () => {
    for (const which of ['minbase', 'kernel'] as const) {
      const { stdout } = await run('docker', ['image', 'inspect', '--format', '{{.Os}}', baseImage(which)])
      expect(stdout.trim()).toBe('linux')
    }
  })
})
