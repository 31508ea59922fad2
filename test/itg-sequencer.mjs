// Integration tests run on two workers. In a fresh clone Jest has no timings yet and orders by
// file size, which can leave the longest files (emulated arm64 builds, qemu installs) to start
// last on one worker while the other idles. Those known to be long start first; the rest keep
// Jest's own order (timings of earlier runs when it has them, else size).
import Sequencer from '@jest/test-sequencer'

const LONG_FIRST = [
  'arm64.itg.test.ts',
  'verify-install.itg.test.ts',
  'cancel.itg.test.ts',
  'verify-boot.itg.test.ts',
  'build-install.itg.test.ts',
  'verify-netboot.itg.test.ts',
  'build-gate.itg.test.ts'
]

const rank = (path) => {
  const i = LONG_FIRST.findIndex((name) => path.endsWith(`/${name}`))
  return i === -1 ? LONG_FIRST.length : i
}

export default class LongFirst extends (Sequencer.default ?? Sequencer) {
  async sort(tests) {
    const base = await super.sort(tests)
    return [...base].sort((a, b) => rank(a.path) - rank(b.path))
  }
}
