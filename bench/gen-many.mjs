#!/usr/bin/env node
// Writes a `docker save` tarball (legacy form: manifest.json, config, <dir>/layer.tar) of an
// image with many small files, without docker: a base rootfs tar as the bottom layer, then
// one layer of COUNT files of a few bytes each, 500 per directory, named as an application's
// data would be (/opt/many/dir-N/some-longer-file-name-M.txt). Building the same image with
// `RUN for ...; do echo > ...` takes minutes at a million files; the bytes here are what that
// layer would hold (ustar headers, root-owned, fixed mtime), and the config's diff_ids are
// the layers' real digests, so Kiln checks them as it checks any save.
//
// Usage: node bench/gen-many.mjs OUT.tar BASE-ROOTFS.tar COUNT
import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs'

const [out, base, countArg] = process.argv.slice(2)
const count = Number(countArg)
if (!out || !base || !(count > 0)) {
  console.error('usage: gen-many.mjs OUT.tar BASE-ROOTFS.tar COUNT')
  process.exit(2)
}
const PER_DIR = 500
const MTIME = 1_700_000_000

function header(name, { size = 0, type = '0', mode = 0o644 } = {}) {
  const h = Buffer.alloc(512)
  h.write(name, 0, 100, 'latin1')
  const oct = (off, len, v) => h.write(v.toString(8).padStart(len - 1, '0') + '\0', off, len, 'latin1')
  oct(100, 8, mode)
  oct(108, 8, 0)
  oct(116, 8, 0)
  oct(124, 12, size)
  oct(136, 12, MTIME)
  h.write(type, 156, 1, 'latin1')
  h.write('ustar\u000000', 257, 8, 'latin1')
  h.fill(0x20, 148, 156)
  let sum = 0
  for (let i = 0; i < 512; i++) sum += h[i]
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1')
  return h
}

const fd = openSync(out, 'w')
let pos = 0
let buf = Buffer.allocUnsafe(8 << 20)
let used = 0
const flush = () => {
  if (used) writeSync(fd, buf, 0, used, null)
  pos += used
  used = 0
}
const put = (b, hash) => {
  hash?.update(b)
  if (used + b.length > buf.length) flush()
  if (b.length > buf.length) {
    writeSync(fd, b, 0, b.length, null)
    pos += b.length
    return
  }
  b.copy(buf, used)
  used += b.length
}
const pad = (n) => Buffer.alloc((512 - (n % 512)) % 512)

// The many-files layer's size is known up front (so its outer header can go first): a
// header per directory, a header and one data block per file, two zero blocks at the end.
const dirs = Math.ceil(count / PER_DIR)
const manyLen = 512 * 3 + dirs * 512 + count * 1024 + 1024
const baseLen = statSync(base).size

// Bottom layer: the base rootfs tar, copied as it is.
put(header('base/', { type: '5', mode: 0o755 }))
put(header('base/layer.tar', { size: baseLen }))
const baseHash = createHash('sha256')
const bfd = openSync(base, 'r')
const chunk = Buffer.allocUnsafe(8 << 20)
for (let n; (n = readSync(bfd, chunk, 0, chunk.length, null)) > 0;)
  put(Buffer.from(chunk.subarray(0, n)), baseHash)
closeSync(bfd)
put(pad(baseLen))

// The many-files layer.
put(header('many/', { type: '5', mode: 0o755 }))
put(header('many/layer.tar', { size: manyLen }))
const manyHash = createHash('sha256')
const start = pos + used
put(header('opt/', { type: '5', mode: 0o755 }), manyHash)
put(header('opt/many/', { type: '5', mode: 0o755 }), manyHash)
// One more directory member so the size formula's three fixed headers hold: opt/, opt/many/, and this.
put(header('opt/many/README', { type: '0', size: 0 }), manyHash)
for (let d = 1; d <= dirs; d++) {
  put(header(`opt/many/dir-${d}/`, { type: '5', mode: 0o755 }), manyHash)
  for (let f = 1; f <= PER_DIR && (d - 1) * PER_DIR + f <= count; f++) {
    const content = Buffer.from(`${d}-${f}\n`)
    put(header(`opt/many/dir-${d}/some-longer-file-name-${f}.txt`, { size: content.length }), manyHash)
    put(Buffer.concat([content, pad(content.length)]), manyHash)
  }
}
put(Buffer.alloc(1024), manyHash)
if (pos + used - start !== manyLen) throw new Error(`layer size ${pos + used - start} != ${manyLen}`)
put(pad(manyLen))

const config = JSON.stringify({
  architecture: 'amd64',
  os: 'linux',
  config: {},
  rootfs: {
    type: 'layers',
    diff_ids: [`sha256:${baseHash.digest('hex')}`, `sha256:${manyHash.digest('hex')}`]
  }
})
const manifest = JSON.stringify([
  {
    Config: 'config.json',
    RepoTags: [`kiln-bench/many:${count}`],
    Layers: ['base/layer.tar', 'many/layer.tar']
  }
])
for (const [name, text] of [
  ['config.json', config],
  ['manifest.json', manifest]
]) {
  const b = Buffer.from(text)
  put(header(name, { size: b.length }))
  put(Buffer.concat([b, pad(b.length)]))
}
put(Buffer.alloc(1024))
flush()
closeSync(fd)
console.error(`${out}: ${count} files in ${dirs} directories over ${base}, ${(pos / 1e6).toFixed(0)} MB`)
