/**
 * Just enough of ELF (32 and 64 bit, either byte order) to follow a program's shared
 * library dependencies without running anything: PT_INTERP (the dynamic loader), and the
 * DT_NEEDED, DT_RPATH and DT_RUNPATH entries of PT_DYNAMIC. `ldd` is not used: it runs
 * the HOST's loader on the image's files and resolves against the host's libraries.
 */
import { open } from 'node:fs/promises'

export interface ElfInfo {
  bits: 32 | 64
  machine: number
  interp?: string
  needed: string[]
  rpath: string[]
  runpath: string[]
}

const PT_LOAD = 1
const PT_DYNAMIC = 2
const PT_INTERP = 3
const DT_NULL = 0
const DT_NEEDED = 1
const DT_STRTAB = 5
const DT_RPATH = 15
const DT_RUNPATH = 29

/** Parses the dynamic-linking facts of an ELF file; null when the file is not ELF. */
export async function readElf(path: string): Promise<ElfInfo | null> {
  const fh = await open(path, 'r')
  try {
    const read = async (pos: number, len: number): Promise<Buffer> => {
      const b = Buffer.alloc(len)
      const { bytesRead } = await fh.read(b, 0, len, pos)
      if (bytesRead < len) throw new Error(`${path}: truncated ELF (wanted ${len} bytes at ${pos})`)
      return b
    }
    const ident = Buffer.alloc(64)
    const { bytesRead } = await fh.read(ident, 0, 64, 0)
    if (bytesRead < 52 || ident.readUInt32BE(0) !== 0x7f454c46) return null
    const bits = ident[4] === 2 ? 64 : ident[4] === 1 ? 32 : 0
    const le = ident[5] === 1
    if (!bits || (ident[5] !== 1 && ident[5] !== 2)) return null
    const u16 = (b: Buffer, o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o))
    const u32 = (b: Buffer, o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o))
    const word = (b: Buffer, o: number): number =>
      bits === 64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o)
    const machine = u16(ident, 18)
    const phoff = bits === 64 ? word(ident, 32) : u32(ident, 28)
    const phentsize = u16(ident, bits === 64 ? 54 : 42)
    const phnum = u16(ident, bits === 64 ? 56 : 44)
    if (!phoff || !phnum) return { bits, machine, needed: [], rpath: [], runpath: [] }
    const ph = await read(phoff, phentsize * phnum)
    const loads: Array<{ vaddr: number; offset: number; filesz: number }> = []
    let dyn: { offset: number; size: number } | null = null
    let interp: string | undefined
    for (let i = 0; i < phnum; i++) {
      const o = i * phentsize
      const type = u32(ph, o)
      const offset = bits === 64 ? word(ph, o + 8) : u32(ph, o + 4)
      const vaddr = bits === 64 ? word(ph, o + 16) : u32(ph, o + 8)
      const filesz = bits === 64 ? word(ph, o + 32) : u32(ph, o + 16)
      if (type === PT_LOAD) loads.push({ vaddr, offset, filesz })
      else if (type === PT_DYNAMIC) dyn = { offset, size: filesz }
      else if (type === PT_INTERP)
        interp = (await read(offset, filesz)).toString('latin1').replace(/\0.*$/s, '')
    }
    const info: ElfInfo = { bits, machine, interp, needed: [], rpath: [], runpath: [] }
    if (!dyn) return info
    const d = await read(dyn.offset, dyn.size)
    const entSize = bits === 64 ? 16 : 8
    const entries: Array<[number, number]> = []
    let strtab = 0
    for (let o = 0; o + entSize <= d.length; o += entSize) {
      const tag = word(d, o)
      const val = word(d, o + entSize / 2)
      if (tag === DT_NULL) break
      if (tag === DT_STRTAB) strtab = val
      else entries.push([tag, val])
    }
    // DT_STRTAB is a virtual address: map it to a file offset through the PT_LOAD segments.
    const seg = loads.find((l) => strtab >= l.vaddr && strtab < l.vaddr + l.filesz)
    if (!seg) return info
    const strOff = seg.offset + (strtab - seg.vaddr)
    const str = async (off: number): Promise<string> => {
      let out = Buffer.alloc(0)
      for (let pos = strOff + off; ; pos += 256) {
        const b = Buffer.alloc(256)
        const { bytesRead: n } = await fh.read(b, 0, 256, pos)
        const z = b.subarray(0, n).indexOf(0)
        if (z >= 0 || n === 0) return Buffer.concat([out, b.subarray(0, z >= 0 ? z : n)]).toString('utf8')
        out = Buffer.concat([out, b.subarray(0, n)])
      }
    }
    for (const [tag, val] of entries) {
      if (tag === DT_NEEDED) info.needed.push(await str(val))
      else if (tag === DT_RPATH) info.rpath.push(...(await str(val)).split(':').filter(Boolean))
      else if (tag === DT_RUNPATH) info.runpath.push(...(await str(val)).split(':').filter(Boolean))
    }
    return info
  } finally {
    await fh.close()
  }
}
