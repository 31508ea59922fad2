// The boot gate tells a kernel's architecture from its header: Debian's amd64 vmlinuz is a
// bzImage, its arm64 vmlinuz a gzip-compressed arm64 Image; EFI-stub and zboot kernels are PE.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { kernelArch, sniff } from '../../src/verify/kernel-arch.js'

const bzImage = (): Buffer => {
  const b = Buffer.alloc(8192)
  b.write('MZ', 0, 'latin1')
  b.write('HdrS', 0x202, 'latin1')
  return b
}
/** arm64 Image header: "ARM\x64" magic at 0x38 (arch/arm64/include/asm/image.h). */
const arm64Image = (): Buffer => {
  const b = Buffer.alloc(64 * 1024, 7)
  b.writeUInt32LE(0x644d5241, 0x38)
  return b
}
const pe = (machine: number): Buffer => {
  const b = Buffer.alloc(1024)
  b.write('MZ', 0, 'latin1')
  b.writeUInt32LE(0x80, 0x3c)
  b.write('PE\0\0', 0x80, 'latin1')
  b.writeUInt16LE(machine, 0x84)
  return b
}

test.each([
  ['bzImage', bzImage(), 'x86_64'],
  ['arm64 Image', arm64Image(), 'aarch64'],
  ['PE/EFI image', pe(0xaa64), 'aarch64'],
  ['PE/EFI image', pe(0x8664), 'x86_64'],
  ['unknown format', Buffer.from('#!/bin/sh\n'), null]
])('%s', (format, bytes, arch) => {
  expect(sniff(bytes)).toEqual({ arch, format })
})

test('a gzip-compressed arm64 Image (Debian arm64 vmlinuz) is read through the gzip', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-karch-'))
  try {
    await writeFile(join(dir, 'vmlinuz'), gzipSync(arm64Image()))
    expect(await kernelArch(join(dir, 'vmlinuz'))).toEqual({
      arch: 'aarch64',
      format: 'gzip-compressed arm64 Image'
    })
    await writeFile(join(dir, 'bz'), bzImage())
    expect(await kernelArch(join(dir, 'bz'))).toEqual({ arch: 'x86_64', format: 'bzImage' })
    // A truncated gzip still shows its first bytes.
    await writeFile(join(dir, 'cut'), gzipSync(arm64Image()).subarray(0, 200))
    expect((await kernelArch(join(dir, 'cut'))).arch).toBe('aarch64')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
