// Tars written byte by byte, for the constructs no well-behaved writer produces: pax global
// headers with a path, a GNU long name next to a pax path, links with data, unknown types.

const BLOCK = 512

export interface RawMember {
  name: string
  /** One character: '0' file, '1' hardlink, '2' symlink, '5' directory, 'x' pax, 'g' pax global, 'L' GNU long name, 'S' GNU sparse… */
  typeflag: string
  data?: Buffer | string
  linkname?: string
  mode?: number
  /** Overrides the size field (default: the data's length). */
  size?: number
}

function octal(h: Buffer, offset: number, length: number, value: number): void {
  h.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'latin1')
}

/** One 512-byte ustar header with a correct checksum. */
export function rawHeader(m: RawMember): Buffer {
  const h = Buffer.alloc(BLOCK)
  h.write(m.name, 0, 100, 'utf8')
  octal(h, 100, 8, m.mode ?? (m.typeflag === '5' ? 0o755 : 0o644))
  octal(h, 108, 8, 0)
  octal(h, 116, 8, 0)
  octal(h, 124, 12, m.size ?? Buffer.byteLength(m.data ?? ''))
  octal(h, 136, 12, 1_700_000_000)
  h.write(m.typeflag, 156, 1, 'latin1')
  if (m.linkname) h.write(m.linkname, 157, 100, 'utf8')
  h.write('ustar\0', 257, 6, 'latin1')
  h.write('00', 263, 2, 'latin1')
  h.fill(0x20, 148, 156)
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1')
  return h
}

/** A header, its data, and the padding to the next block. */
export function rawMember(m: RawMember): Buffer {
  const data = Buffer.from(m.data ?? '')
  return Buffer.concat([rawHeader(m), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)])
}

/** The body of a pax header: "LEN key=value\n" records (LEN counts the whole record). */
export function paxRecords(records: Record<string, string>): Buffer {
  const out: Buffer[] = []
  for (const [k, v] of Object.entries(records)) {
    const body = ` ${k}=${v}\n`
    let len = Buffer.byteLength(body) + 1
    while (String(len).length + Buffer.byteLength(body) !== len)
      len = String(len).length + Buffer.byteLength(body)
    out.push(Buffer.from(`${len}${body}`))
  }
  return Buffer.concat(out)
}

/** A whole archive: the members, then two zero blocks. */
export function rawTar(members: RawMember[]): Buffer {
  return Buffer.concat([...members.map(rawMember), Buffer.alloc(2 * BLOCK)])
}
