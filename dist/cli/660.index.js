export const id = 660;
export const ids = [660];
export const modules = {

/***/ 77152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ StdoutSink),
/* harmony export */   Bs: () => (/* binding */ ParallelGzipSink),
/* harmony export */   P: () => (/* binding */ suffixFor),
/* harmony export */   UP: () => (/* binding */ FileSink),
/* harmony export */   e: () => (/* binding */ compressor),
/* harmony export */   nK: () => (/* binding */ SharedDeflate)
/* harmony export */ });
/* unused harmony exports crc32Combine, ProcessSink, gzipEngine */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(78474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _util_io_error_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(23797);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(57636);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4434);
/**
 * Byte sinks: where archive bytes go. A sink's write() resolves when the bytes are taken
 * (backpressure), end() when everything is flushed. Compressors are sinks that feed a
 * downstream sink; the last one is a file (hashed, temp + rename) or stdout.
 */









function suffixFor(c) {
    return c === 'gzip' ? '.tar.gz' : c === 'zstd' ? '.tar.zst' : '.tar';
}
/** Resolves once the stream has handed `chunk` on (its write callback), so the chunk can be reused. */
function writeTo(stream, chunk) {
    return new Promise((resolve, reject) => {
        stream.write(chunk, (e) => (e ? reject(e) : resolve()));
    });
}
function endStream(stream) {
    return new Promise((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
    });
}
/**
 * A file written under a temporary name, hashed on the way, renamed into place by end(). A
 * write error (a full disk) rejects write() or end() as `PATH: cause`, naming the file the user
 * asked for; the temporary file goes with abort(), or with the process if it is interrupted.
 */
class FileSink {
    path;
    overlapping = true;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    size = 0;
    tmp;
    out;
    untrack;
    failure;
    constructor(path) {
        this.path = path;
        this.tmp = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_6__/* .tempFileFor */ .G2)(path);
        this.untrack = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_6__/* .trackDir */ .F3)(this.tmp);
        this.out = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(this.tmp, { highWaterMark: 1 << 20 });
        // The stream also emits the error that fails a write: keep it, report it through write/end.
        this.out.on('error', (e) => (this.failure ??= new _util_io_error_js__WEBPACK_IMPORTED_MODULE_5__/* .IoError */ .dA(e, this.path)));
    }
    async write(chunk) {
        if (this.failure)
            throw this.failure;
        this.hash.update(chunk);
        this.size += chunk.length;
        try {
            await writeTo(this.out, chunk);
        }
        catch (e) {
            throw (this.failure ??= new _util_io_error_js__WEBPACK_IMPORTED_MODULE_5__/* .IoError */ .dA(e, this.path));
        }
    }
    digestHex = '';
    get sha256() {
        return this.digestHex;
    }
    async end() {
        if (this.failure)
            throw this.failure;
        try {
            await endStream(this.out);
            this.digestHex = this.hash.digest('hex');
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(this.tmp, this.path);
        }
        catch (e) {
            throw (this.failure ??= new _util_io_error_js__WEBPACK_IMPORTED_MODULE_5__/* .IoError */ .dA(e, this.path));
        }
        this.untrack(); // the temporary name is gone: this only stops tracking it
    }
    async abort() {
        this.out.destroy();
        // A stream destroyed before its file was opened still opens (creates) it: wait for the close.
        if (!this.out.closed)
            await (0,node_events__WEBPACK_IMPORTED_MODULE_4__.once)(this.out, 'close').catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(this.tmp, { force: true });
        this.untrack();
    }
}
/** Standard output (for `kiln flatten -o -`). */
class StdoutSink {
    out;
    overlapping = true;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    size = 0;
    failure;
    constructor(out = process.stdout) {
        this.out = out;
        // A reader that went away (EPIPE) or a full disk behind a redirect: reported by write().
        out.on('error', (e) => (this.failure ??= new _util_io_error_js__WEBPACK_IMPORTED_MODULE_5__/* .IoError */ .dA(e, 'standard output')));
    }
    async write(chunk) {
        if (this.failure)
            throw this.failure;
        this.hash.update(chunk);
        this.size += chunk.length;
        try {
            await writeTo(this.out, chunk);
        }
        catch (e) {
            throw (this.failure ??= new _util_io_error_js__WEBPACK_IMPORTED_MODULE_5__/* .IoError */ .dA(e, 'standard output'));
        }
    }
    async end() { }
    async abort() { }
}
const GZIP_BLOCK = 1 << 20;
const DICT = 32 << 10;
/** The least a gzip stream hands downstream at once (its last bytes aside). */
const OUT_RUN = 64 << 10;
/**
 * zlib's options for deflating one piece. A piece with no dictionary gets a window and hash
 * table no larger than itself: at the defaults every call allocates and clears ~256 KiB of
 * state, which for the 512-byte tar header a stream flushes before each shared file (thousands
 * in modules.tar.gz and the rootfs) cost more than the deflate (145 → 54 µs a call). The
 * window only bounds how far back a match may reach, and a piece this small has nothing
 * further back: any inflater reads the result, and the same piece always deflates the same.
 */
function pieceOptions(level, length, dict, flush) {
    const opts = { level, finishFlush: flush };
    if (dict)
        opts.dictionary = dict;
    else if (length < DICT) {
        const windowBits = Math.max(9, Math.ceil(Math.log2(length + 1)));
        // memLevel sets the hash table and the literal buffer (2^(memLevel+6) symbols a block):
        // kept at the piece's size, so the piece is still one block, and never above zlib's default (8).
        Object.assign(opts, { windowBits, memLevel: Math.min(8, Math.max(1, windowBits - 6)) });
    }
    return opts;
}
/**
 * gzip made on all cores inside node, pigz's way: independent ~1 MiB deflate blocks, each
 * primed with the previous block's last 32 KiB and sync-flushed, under one gzip header,
 * with the CRC-32 of the whole and its length in the trailer. zlib calls run on libuv's
 * thread pool, so N blocks in flight use N cores. Output is deterministic (mtime 0).
 */
class ParallelGzipSink {
    down;
    level;
    crc = 0;
    isize = 0;
    /**
     * Blocks deflating at once: one per core and one more, so a core that finishes has the next
     * block ready. Not two per core: on 2 cores that filled all four of libuv's threads, so file
     * reads and writes waited behind deflates (bench/README.md: 1.1× faster and ~5 MB less).
     */
    maxInflight = (0,node_os__WEBPACK_IMPORTED_MODULE_3__.availableParallelism)() + 1;
    /** Input blocks, reused: one being filled plus one per deflate in flight. */
    pool = [];
    block = null;
    fill = 0;
    dict;
    inflight = [];
    started = false;
    constructor(down, level = 6) {
        this.down = down;
        this.level = level;
    }
    async write(chunk) {
        if (!this.started) {
            this.started = true;
            const xfl = this.level === 9 ? 2 : this.level === 1 ? 4 : 0;
            await this.down.write(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]));
        }
        this.crc = node_zlib__WEBPACK_IMPORTED_MODULE_7___default().crc32(chunk, this.crc);
        this.isize = (this.isize + chunk.length) % 0x100000000;
        let off = 0;
        while (off < chunk.length) {
            this.block ??= this.pool.pop() ?? Buffer.allocUnsafe(GZIP_BLOCK);
            const n = chunk.copy(this.block, this.fill, off, Math.min(chunk.length, off + GZIP_BLOCK - this.fill));
            this.fill += n;
            off += n;
            if (this.fill === GZIP_BLOCK)
                await this.dispatch(false);
        }
    }
    async dispatch(last) {
        const block = this.block ?? Buffer.alloc(0);
        const data = block.subarray(0, this.fill);
        this.block = null;
        this.fill = 0;
        const opts = pieceOptions(this.level, data.length, this.dict, last ? (node_zlib__WEBPACK_IMPORTED_MODULE_7___default().constants).Z_FINISH : (node_zlib__WEBPACK_IMPORTED_MODULE_7___default().constants).Z_SYNC_FLUSH);
        const p = new Promise((resolve, reject) => node_zlib__WEBPACK_IMPORTED_MODULE_7___default().deflateRaw(data, opts, (e, out) => {
            if (block.length === GZIP_BLOCK)
                this.pool.push(block);
            if (e)
                reject(e);
            else
                resolve(out);
        }));
        p.catch(() => undefined); // a rejection surfaces when the block is awaited in order
        this.inflight.push(p);
        // The next block's dictionary: this block's last 32 KiB (copied: the block goes back to the pool).
        const tail = data.length >= DICT
            ? data.subarray(data.length - DICT)
            : Buffer.concat([this.dict ?? Buffer.alloc(0), data]).subarray(-DICT);
        this.dict = Buffer.from(tail);
        while (this.inflight.length >= this.maxInflight)
            await this.emit(await this.inflight.shift());
    }
    /** Deflated pieces not yet written, and their size. */
    out = [];
    outSize = 0;
    /**
     * Writes deflated bytes downstream in runs of at least OUT_RUN bytes. A stream that shares
     * data makes a piece per file (its tar header, then the shared deflate): written one by one,
     * modules.tar.gz took ~10,000 small writes, each hashed and waited for.
     */
    async emit(piece, last = false) {
        this.out.push(piece);
        this.outSize += piece.length;
        if (this.outSize < OUT_RUN && !last)
            return;
        const run = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out, this.outSize);
        this.out.length = 0;
        this.outSize = 0;
        await this.down.write(run);
    }
    /** What a SharedDeflate needs in common: equal keys take the same deflated bytes. */
    get shareKey() {
        return `gzip-${this.level}`;
    }
    /**
     * Takes a block deflated once for several streams (SharedDeflate). This stream's own bytes
     * so far are sync-flushed first, so they end on a byte boundary and the shared piece follows
     * as whole deflate blocks; the CRC is combined from the piece's own. The next own block
     * starts without a dictionary: it is a tar header or small files, which gain nothing from
     * the end of an unrelated file, and priming zlib with 32 KiB per shared file costs CPU.
     */
    async writeShared(b) {
        if (!this.started)
            await this.write(Buffer.alloc(0));
        if (this.fill > 0)
            await this.dispatch(false);
        this.crc = crc32Combine(this.crc, b.crc, b.length);
        this.isize = (this.isize + b.length) % 0x100000000;
        this.dict = undefined;
        this.inflight.push(b.deflated);
        while (this.inflight.length >= this.maxInflight)
            await this.emit(await this.inflight.shift());
    }
    async end() {
        if (!this.started)
            await this.write(Buffer.alloc(0));
        await this.dispatch(true);
        while (this.inflight.length)
            await this.emit(await this.inflight.shift());
        const trailer = Buffer.alloc(8);
        trailer.writeUInt32LE(this.crc >>> 0, 0);
        trailer.writeUInt32LE(this.isize >>> 0, 4);
        await this.emit(trailer, true);
        await this.down.end();
    }
    async abort() {
        await this.down.abort();
    }
}
/** Input buffers of shared blocks, reused (a few: each goes back once its deflate is done). */
const sharedPool = [];
/**
 * Deflates a run of bytes (a tar member's data and padding) once and hands the same compressed
 * blocks to several gzip streams, which differ only around it (their tar headers). The first
 * block has no dictionary, since what precedes the run differs between the streams; later
 * blocks are primed with the one before, as ParallelGzipSink's own are. So the modules
 * archive costs the rootfs's compression of /lib/modules once, not twice.
 */
class SharedDeflate {
    sinks;
    level;
    block = null;
    fill = 0;
    dict;
    constructor(sinks, level) {
        this.sinks = sinks;
        this.level = level;
    }
    /** Copies `chunk` (the caller may reuse it once this resolves). */
    async push(chunk) {
        let off = 0;
        while (off < chunk.length) {
            this.block ??= sharedPool.pop() ?? Buffer.allocUnsafe(GZIP_BLOCK);
            const n = chunk.copy(this.block, this.fill, off, Math.min(chunk.length, off + GZIP_BLOCK - this.fill));
            this.fill += n;
            off += n;
            if (this.fill === GZIP_BLOCK)
                await this.dispatch();
        }
    }
    /** Hands the last block on; the streams then go on with their own bytes. */
    async end() {
        if (this.fill)
            await this.dispatch();
    }
    async dispatch() {
        const block = this.block;
        const data = block.subarray(0, this.fill);
        this.block = null;
        this.fill = 0;
        const opts = pieceOptions(this.level, data.length, this.dict, (node_zlib__WEBPACK_IMPORTED_MODULE_7___default().constants).Z_SYNC_FLUSH);
        const deflated = new Promise((resolve, reject) => node_zlib__WEBPACK_IMPORTED_MODULE_7___default().deflateRaw(data, opts, (e, out) => {
            if (sharedPool.length < 8)
                sharedPool.push(block);
            if (e)
                reject(e);
            else
                resolve(out);
        }));
        deflated.catch(() => undefined); // surfaces where a stream awaits it, in order
        const crc = node_zlib__WEBPACK_IMPORTED_MODULE_7___default().crc32(data);
        const tail = data.length >= DICT
            ? data.subarray(data.length - DICT)
            : Buffer.concat([this.dict ?? Buffer.alloc(0), data]).subarray(-DICT);
        this.dict = Buffer.from(tail);
        const b = { deflated, crc, length: data.length };
        for (const s of this.sinks)
            await s.writeShared(b);
    }
}
/**
 * The CRC-32 of A followed by B from crc(A), crc(B) and B's length: zlib's crc32_combine
 * (node does not expose it). Appending len2 zero bytes to A is a linear map over GF(2),
 * applied by repeated squaring of the one-zero-bit operator, O(log len2) 32×32 products.
 */
function crc32Combine(crc1, crc2, len2) {
    if (len2 <= 0)
        return crc1 >>> 0;
    const times = (mat, vec) => {
        let sum = 0;
        for (let i = 0; vec; i++, vec >>>= 1)
            if (vec & 1)
                sum ^= mat[i];
        return sum >>> 0;
    };
    const square = (out, mat) => {
        for (let n = 0; n < 32; n++)
            out[n] = times(mat, mat[n]);
    };
    const even = new Uint32Array(32);
    const odd = new Uint32Array(32);
    odd[0] = 0xedb88320; // the CRC-32 polynomial: the operator for one zero bit
    for (let n = 1, row = 1; n < 32; n++, row <<= 1)
        odd[n] = row;
    square(even, odd); // two zero bits
    square(odd, even); // four zero bits
    let crc = crc1 >>> 0;
    let len = len2;
    // The first squaring gives one zero byte; each further one doubles it.
    for (;;) {
        square(even, odd);
        if (len % 2)
            crc = times(even, crc);
        len = Math.floor(len / 2);
        if (!len)
            break;
        square(odd, even);
        if (len % 2)
            crc = times(odd, crc);
        len = Math.floor(len / 2);
        if (!len)
            break;
    }
    return (crc ^ crc2) >>> 0;
}
/** A compressor's output chunks being written to the downstream sink at once (when it overlaps). */
const PUMP_IN_FLIGHT = 16;
/** A compressor process (pigz, zstd): bytes to its stdin, its stdout to the downstream sink. */
class ProcessSink {
    down;
    overlapping = true;
    child;
    pump;
    /** Why writing the compressor's output failed, once it has: what write() and end() then reject with. */
    failure;
    constructor(file, args, down) {
        this.down = down;
        const child = (0,execa__WEBPACK_IMPORTED_MODULE_8__/* .execa */ .Ho)(file, args, {
            stdin: 'pipe',
            stdout: 'pipe',
            stderr: 'pipe',
            buffer: { stdout: false, stderr: true },
            encoding: 'buffer'
        });
        this.child = child;
        this.pump = (async () => {
            // The compressor's output goes on while earlier chunks are still being written: waiting
            // for each 64 KiB file write before reading the next left the pipe full and zstd's
            // threads idle behind it. (Each chunk is a buffer of its own, so several may be in flight.)
            const inflight = [];
            for await (const chunk of child.stdout) {
                const written = down.write(chunk);
                if (!down.overlapping) {
                    await written;
                    continue;
                }
                written.catch(() => undefined); // surfaces when awaited, in order
                inflight.push(written);
                if (inflight.length >= PUMP_IN_FLIGHT)
                    await inflight.shift();
            }
            while (inflight.length)
                await inflight.shift();
        })();
        // A downstream failure (a full disk) is what the caller hears of, not the broken pipe it
        // causes: the compressor is stopped, and writes to it fail with the first cause.
        this.pump.catch((e) => {
            this.failure ??= e;
            child.kill();
        });
        this.child.catch(() => undefined);
    }
    async write(chunk) {
        if (this.failure)
            throw this.failure;
        await writeTo(this.child.stdin, chunk).catch((e) => {
            throw this.failure ?? e;
        });
    }
    async end() {
        await endStream(this.child.stdin).catch((e) => {
            throw this.failure ?? e;
        });
        await this.pump;
        await this.child;
        await this.down.end();
    }
    async abort() {
        this.child.kill();
        await this.child.catch(() => undefined);
        await this.down.abort();
    }
}
/**
 * How gzip is made: node's block-parallel deflate (measured side by side in bench/README.md,
 * faster per core than pigz here), or pigz when KILN_GZIP=pigz asks for it.
 */
function gzipEngine() {
    return process.env.KILN_GZIP === 'pigz' ? 'pigz' : 'node';
}
/** A sink compressing into `down`. */
async function compressor(kind, down, level) {
    if (kind === 'none')
        return down;
    if (kind === 'zstd')
        return new ProcessSink('zstd', ['-q', '-T0', `-${level ?? 3}`, '-c'], down);
    if (gzipEngine() === 'pigz')
        return new ProcessSink('pigz', ['-n', `-${level ?? 6}`, '-c'], down);
    return new ParallelGzipSink(down, level ?? 6);
}


/***/ }),

/***/ 74660:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rW: () => (/* binding */ TarWriter),
  RP: () => (/* binding */ ensureRoot),
  flatten: () => (/* binding */ flatten),
  As: () => (/* binding */ memberHeader),
  Q7: () => (/* binding */ planLayers),
  Xk: () => (/* binding */ rootfsHeader),
  Br: () => (/* binding */ runPass)
});

// UNUSED EXPORTS: SHARE_MIN

// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(29906);
// EXTERNAL MODULE: ./src/exporters/compress.ts
var compress = __webpack_require__(77152);
// EXTERNAL MODULE: ./src/exporters/file-reader.ts
var file_reader = __webpack_require__(77680);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/exporters/member-index.ts
/**
 * The flattener's index of every member of every layer, held as a struct of arrays (issue #17).
 *
 * Kept as one JS object per member with its path string, a million-file image cost ~350 bytes a
 * member (object headers, hidden-class fields, a UTF-16-sized string per path, `Map` slots):
 * 420-560 MB of peak RSS. Here a member is a number (its position in the layers, bottom layer
 * first, each in tar order), its fixed-size fields sit in typed arrays, and its path is a node
 * of a `PathTable`: parent node + basename bytes in a byte arena, found again through an
 * open-addressing hash table keyed on (parent, basename). A path string is joined only when
 * something needs it (a header being written, a message). Fields most members lack (xattrs,
 * device numbers, link names, values that do not fit 32 bits) live in side maps or side
 * arrays keyed by member number. The big columns and the name arena grow by pages, never by
 * copying (see Paged): ~70 bytes a member in all, none of it on the JS heap.
 *
 * Every name here is a binary string (one char per byte, see tar.ts): it is stored as those
 * bytes and read back the same, so names that are not UTF-8 keep their identity.
 */

/** `a`, or a copy at least `need` long (doubling, so n appends copy O(n) in all): for the arrays kept whole. */
function ensure(a, need) {
    if (need <= a.length)
        return a;
    let n = Math.max(a.length * 2, 16);
    while (n < need)
        n *= 2;
    const b = new a.constructor(n);
    b.set(a);
    return b;
}
/**
 * A growable column of numbers in pages of 64K elements. Appending never copies: a typed array
 * doubled as it fills leaves each old copy resident until V8 frees it, which at a million
 * members was ~20 MB at the peak. Reads cost one more index.
 */
class Paged {
    make;
    static SHIFT = 16;
    static MASK = (1 << Paged.SHIFT) - 1;
    pages = [];
    constructor(make) {
        this.make = make;
    }
    get byteLength() {
        return this.pages.reduce((n, p) => n + p.byteLength, 0);
    }
    get(i) {
        return this.pages[i >>> Paged.SHIFT][i & Paged.MASK];
    }
    set(i, v) {
        const p = i >>> Paged.SHIFT;
        while (p >= this.pages.length)
            this.pages.push(this.make(1 << Paged.SHIFT));
        this.pages[p][i & Paged.MASK] = v;
    }
}
/** The same for a byte arena (link names). Not zero-filled: only bytes written are read. */
function ensureBytes(b, need) {
    if (need <= b.length)
        return b;
    let n = b.length * 2;
    while (n < need)
        n *= 2;
    const c = Buffer.allocUnsafeSlow(n);
    b.copy(c);
    return c;
}
/** Writes the bytes of binary string `s`[from, to) at `at` (each char is one byte, < 256). */
function putBinary(buf, at, s, from, to) {
    for (let i = from; i < to; i++)
        buf[at + i - from] = s.charCodeAt(i);
}
/**
 * The hash's starting value, drawn per process. The names come from layers Kiln did not make:
 * with a fixed one, a layer could be built of names that all land on one probe chain, and
 * indexing it would take quadratic time (V8's own string hashing, which the `Map`s this
 * replaces used, is seeded per process for the same reason).
 */
const SEED = (0,external_node_crypto_.randomBytes)(4).readUInt32LE(0);
/** FNV-1a over (parent, name) from a per-process seed, then a final mix so linear probing sees well-spread low bits. */
function hashName(parent, s, from = 0, to = s.length) {
    let h = Math.imul(0x811c9dc5 ^ SEED ^ parent, 0x01000193);
    for (let i = from; i < to; i++)
        h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return mix(h);
}
function hashBytes(parent, b, from, to) {
    let h = Math.imul(0x811c9dc5 ^ SEED ^ parent, 0x01000193);
    for (let i = from; i < to; i++)
        h = Math.imul(h ^ b[i], 0x01000193);
    return mix(h);
}
function mix(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 0;
}
/**
 * Names in pages that are never copied nor freed. In one Buffer doubled as it fills, each
 * doubling leaves the old copy resident until V8 gets round to freeing it: with a million
 * names, ~30 MB of garbage at the peak, as much as the names themselves. A name is its length
 * (one byte, or 0xff and four) and its bytes, in one page; its address is page × PAGE + offset.
 */
class NameArena {
    static PAGE = 1 << 20;
    pages = [Buffer.allocUnsafeSlow(1 << 16)];
    used = 0;
    /** Where locate() found a name: bytes[start, end) (fields, not a returned object: it runs per probe). */
    bytes = this.pages[0];
    start = 0;
    end = 0;
    get byteLength() {
        return this.pages.reduce((n, p) => n + p.length, 0);
    }
    /** Appends the binary string s[from, to); returns its address. */
    add(s, from, to) {
        const len = to - from;
        const head = len < 0xff ? 1 : 5;
        let page = this.pages[this.pages.length - 1];
        if (this.used + head + len > page.length) {
            // A name longer than a page gets a page of its own, filled by it.
            page = Buffer.allocUnsafeSlow(Math.max(NameArena.PAGE, head + len));
            this.pages.push(page);
            this.used = 0;
        }
        const at = (this.pages.length - 1) * NameArena.PAGE + this.used;
        if (at > 0xffffffff)
            throw new Error('more than 4 GiB of file names in the layers');
        if (head === 1)
            page[this.used] = len;
        else {
            page[this.used] = 0xff;
            page.writeUInt32LE(len, this.used + 1);
        }
        putBinary(page, this.used + head, s, from, to);
        this.used = page.length > NameArena.PAGE ? page.length : this.used + head + len;
        return at;
    }
    /** Sets bytes/start/end to the name at `at`. */
    locate(at) {
        const page = this.pages[at >>> 20];
        const i = at & (NameArena.PAGE - 1);
        const len = page[i];
        this.bytes = page;
        this.start = i + (len < 0xff ? 1 : 5);
        this.end = this.start + (len < 0xff ? len : page.readUInt32LE(i + 1));
    }
}
/**
 * Interned paths: node 0 is the root (''); every other node is a (parent node, basename) pair.
 * A path's ancestors get nodes too, so walking up a path (the planner does, for every member)
 * is following `parent`, with no string made.
 */
class PathTable {
    parents = new Paged((n) => new Int32Array(n));
    /** Node n's basename is the arena's name at starts[n]. */
    starts = new Paged((n) => new Uint32Array(n));
    names = new NameArena();
    /**
     * Open addressing, linear probing; a slot holds node + 1 (0: empty). Kept at most 70% full.
     * Null once released (see release()): made again from the arena by the next lookup.
     */
    table = new Int32Array(1 << 11);
    nodes = 1;
    /** The last directory a path was interned under, and its node: members come grouped by directory. */
    lastDir = '';
    lastDirNode = 0;
    /** The last parent whose path was joined (pathOf), for the same reason. */
    lastJoined = -1;
    lastJoinedPath = '';
    constructor() {
        this.parents.set(0, -1);
        this.starts.set(0, this.names.add('', 0, 0));
    }
    get count() {
        return this.nodes;
    }
    /** Bytes of the arrays behind the table (capacity included: they double as they grow). */
    get byteLength() {
        return (this.parents.byteLength + this.starts.byteLength + this.names.byteLength + (this.table?.byteLength ?? 0));
    }
    parentOf(node) {
        return this.parents.get(node);
    }
    /** The node of `name` (a binary string's [from, to)) under `parent`, created when `create`; -1 when absent. */
    child(parent, name, from = 0, to = name.length, create = false) {
        const h = hashName(parent, name, from, to);
        const slots = this.slots;
        const mask = slots.length - 1;
        for (let i = h & mask;; i = (i + 1) & mask) {
            const n = slots[i] - 1;
            if (n < 0) {
                if (!create)
                    return -1;
                return this.add(parent, name, from, to, i);
            }
            if (this.parents.get(n) === parent && this.nameIs(n, name, from, to))
                return n;
        }
    }
    nameIs(n, s, from, to) {
        const names = this.names;
        names.locate(this.starts.get(n));
        const { bytes, start: a } = names;
        if (names.end - a !== to - from)
            return false;
        for (let i = from; i < to; i++)
            if (bytes[a + i - from] !== s.charCodeAt(i))
                return false;
        return true;
    }
    add(parent, s, from, to, slot) {
        const n = this.nodes++;
        this.starts.set(n, this.names.add(s, from, to));
        this.parents.set(n, parent);
        const slots = this.slots;
        slots[slot] = n + 1;
        if (this.nodes * 10 > slots.length * 7)
            this.table = this.rehash(slots.length * 2);
        return n;
    }
    get slots() {
        if (this.table)
            return this.table;
        let size = 1 << 11;
        while (this.nodes * 10 > size * 7)
            size *= 2;
        return (this.table = this.rehash(size));
    }
    /**
     * Lets the hash table go: planning and the pass walk nodes by number, and only a lookup by
     * name needs it (`kiln flatten` makes none after planning). At a million paths it is 8 MB,
     * more than the pass's own buffers; the next lookup makes it again (~0.1 s).
     */
    release() {
        this.table = null;
    }
    rehash(size) {
        const slots = new Int32Array(size);
        const mask = slots.length - 1;
        for (let n = 1; n < this.nodes; n++) {
            this.names.locate(this.starts.get(n));
            let i = hashBytes(this.parents.get(n), this.names.bytes, this.names.start, this.names.end) & mask;
            while (slots[i])
                i = (i + 1) & mask;
            slots[i] = n + 1;
        }
        return slots;
    }
    /** Walks a normalised path (no empty components) component by component from the root. */
    walk(path, create) {
        if (path === '')
            return 0;
        let node = 0;
        let from = 0;
        const cut = path.lastIndexOf('/');
        // Most paths share the directory of the one before: start from it.
        if (cut > 0 && cut === this.lastDir.length && path.startsWith(this.lastDir)) {
            node = this.lastDirNode;
            from = cut + 1;
        }
        for (;;) {
            const slash = path.indexOf('/', from);
            const to = slash < 0 ? path.length : slash;
            const next = this.child(node, path, from, to, create);
            if (next < 0)
                return -1;
            if (slash < 0)
                return next;
            node = next;
            from = slash + 1;
            if (slash === cut) {
                this.lastDir = path.slice(0, cut);
                this.lastDirNode = node;
            }
        }
    }
    /** The node of a normalised path (tar.ts normalizePath), made with its ancestors when new. */
    intern(path) {
        return this.walk(path, true);
    }
    /** The node of a normalised path, or -1 when no path of the index is or lies below it. */
    lookup(path) {
        return this.walk(path, false);
    }
    /** A node's basename, as a binary string. */
    nameOf(node) {
        this.names.locate(this.starts.get(node));
        return this.names.bytes.toString('latin1', this.names.start, this.names.end);
    }
    /** A node's full path ('' for the root), joined now: nothing keeps it. */
    pathOf(node) {
        if (node === 0)
            return '';
        const parent = this.parents.get(node);
        if (parent === 0)
            return this.nameOf(node);
        if (parent !== this.lastJoined) {
            this.lastJoinedPath = this.pathOf(parent);
            this.lastJoined = parent;
        }
        return `${this.lastJoinedPath}/${this.nameOf(node)}`;
    }
    /** Whether `node` lies strictly below `dir`. */
    isBelow(node, dir) {
        for (let a = this.parents.get(node); a >= 0; a = this.parents.get(a))
            if (a === dir)
                return true;
        return false;
    }
}
/** Unsigned 32-bit values in a typed array; anything else (rare: 64-bit sizes, NaN from a bad PAX record) in a map. */
class U32Column {
    static WIDE = 0xffffffff;
    a = new Paged((n) => new Uint32Array(n));
    wide = new Map();
    get byteLength() {
        return this.a.byteLength;
    }
    get(i) {
        const v = this.a.get(i);
        return v === U32Column.WIDE ? this.wide.get(i) : v;
    }
    set(i, v) {
        if (v >>> 0 === v && v !== U32Column.WIDE)
            this.a.set(i, v);
        else {
            this.a.set(i, U32Column.WIDE);
            this.wide.set(i, v);
        }
    }
}
/**
 * (uid, gid) pairs, each kept once: an image has a handful (root, a few services), so a member
 * holds a 16-bit owner number instead of two 32-bit ids. Past 65 535 distinct pairs (never
 * seen; possible in a hostile layer) the column widens to 32 bits.
 */
class Owners {
    ids = new Paged((n) => new Uint16Array(n));
    pairs = [];
    known = new Map();
    get byteLength() {
        return this.ids.byteLength;
    }
    get(i) {
        const k = this.ids.get(i) * 2;
        return [this.pairs[k], this.pairs[k + 1]];
    }
    /** The last pair set and its number: members come in runs of one owner. */
    last = [NaN, NaN, -1];
    set(i, uid, gid) {
        const [lu, lg, lk] = this.last;
        let k = uid === lu && gid === lg ? lk : this.known.get(`${uid}:${gid}`);
        if (k === undefined) {
            k = this.pairs.length / 2;
            this.pairs.push(uid, gid);
            this.known.set(`${uid}:${gid}`, k);
            if (k === 0x10000) {
                const wide = new Paged((n) => new Uint32Array(n));
                wide.pages = this.ids.pages.map((p) => Uint32Array.from(p));
                this.ids = wide;
            }
        }
        this.last = [uid, gid, k];
        this.ids.set(i, k);
    }
}
const ENTRY_TYPES = ['file', 'link', 'symlink', 'char', 'block', 'dir', 'fifo'];
const TYPE_CODE = Object.fromEntries(ENTRY_TYPES.map((t, i) => [t, i]));
/** Set in a member's type byte when a later member of the same path in its layer replaces it. */
const REPLACED = 0x80;
/**
 * Every member of every layer, numbered from 0 in the order added: layer by layer, bottom
 * first, each in tar order. So a member's number orders it as the output does (layer, then
 * position), and "a higher layer" is "a higher number" (see layerStart).
 */
class MemberIndex {
    paths = new PathTable();
    n = 0;
    nodes = new Paged((n) => new Int32Array(n));
    types = new Paged((n) => new Uint8Array(n));
    modes = new Paged((n) => new Uint16Array(n));
    owners = new Owners();
    sizes = new U32Column();
    mtimes = new U32Column();
    /**
     * Where a member's data starts, in 512-byte blocks from the start of its layer's tar (a tar
     * member's data always starts on a block): 32 bits reach 2 TiB, where 64 would take 4 more
     * bytes a member. Anything else goes to the column's map, so no value is ever cut.
     */
    blocks = new U32Column();
    /** Byte offset of each layer's tar in its file (0 for what follows the layers). */
    bases = [];
    /**
     * Link names, kept for the members that have one (symlinks, hardlinks: a minority) only:
     * the k-th such member is linkOwners[k] (increasing, as members are added in order) and its
     * name is links[linkStarts[k], linkStarts[k + 1]).
     */
    linkOwners = new Int32Array(256);
    linkStarts = new Int32Array(257);
    linkCount = 0;
    links = Buffer.alloc(1 << 12);
    xattrs = new Map();
    devices = new Map();
    /** First member of each layer. */
    starts = [];
    /** Where the layers' members end once indexing is over (-1 before): a synthetic root may follow. */
    sealedAt = -1;
    /** While indexing: per node, 1 + the member it last got (0: none); handed to the planner by seal. */
    latest = new Int32Array(1024);
    get count() {
        return this.n;
    }
    /** Bytes of the typed arrays and arenas behind the index, its path table included (capacity included). */
    get byteLength() {
        const arrays = [this.nodes, this.types, this.modes];
        arrays.push(this.linkOwners, this.linkStarts, this.latest ?? { byteLength: 0 });
        const columns = [this.owners, this.sizes, this.mtimes, this.blocks];
        return (this.paths.byteLength +
            this.links.length +
            arrays.reduce((n, a) => n + a.byteLength, 0) +
            columns.reduce((n, c) => n + c.byteLength, 0));
    }
    get layerCount() {
        return this.starts.length;
    }
    /** Starts the next layer's members; its tar starts at byte `base` of its file. */
    beginLayer(base = 0) {
        this.starts.push(this.n);
        this.bases.push(base);
    }
    baseOf(m) {
        const l = this.layerOf(m);
        return l < 0 ? 0 : this.bases[l];
    }
    get layersEnd() {
        return this.sealedAt < 0 ? this.n : this.sealedAt;
    }
    /** First member of `layer` (the member count for the layer past the last). */
    layerStart(layer) {
        return layer < this.starts.length ? this.starts[layer] : this.layersEnd;
    }
    /** The layer a member came from; -1 for one added after the layers (ensureRoot's root). */
    layerOf(m) {
        if (m >= this.layersEnd)
            return -1;
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= m)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }
    /** Its position in its layer's tar (-1 for the synthetic root). */
    seqOf(m) {
        const l = this.layerOf(m);
        return l < 0 ? -1 : m - this.starts[l];
    }
    /** The member of the current layer most recently added at `node`, or -1. */
    inLayer(node) {
        const latest = this.latest;
        const m = node < latest.length ? latest[node] - 1 : -1;
        return m >= this.starts[this.starts.length - 1] ? m : -1;
    }
    /** Appends a member of the current layer; returns its number. */
    add(node, f) {
        const m = this.n++;
        this.nodes.set(m, node);
        this.types.set(m, TYPE_CODE[f.type]);
        this.modes.set(m, f.mode);
        this.owners.set(m, f.uid, f.gid);
        this.sizes.set(m, f.size);
        this.mtimes.set(m, f.mtime);
        this.blocks.set(m, (f.dataOffset - this.baseOf(m)) / 512);
        if (f.linkname) {
            const k = this.linkCount++;
            this.linkOwners = ensure(this.linkOwners, this.linkCount);
            this.linkStarts = ensure(this.linkStarts, this.linkCount + 1);
            this.linkOwners[k] = m;
            const at = this.linkStarts[k];
            this.links = ensureBytes(this.links, at + f.linkname.length);
            putBinary(this.links, at, f.linkname, 0, f.linkname.length);
            this.linkStarts[k + 1] = at + f.linkname.length;
        }
        if (f.xattrs)
            this.xattrs.set(m, f.xattrs);
        if (f.devmajor || f.devminor)
            this.devices.set(m, [f.devmajor, f.devminor]);
        if (this.latest) {
            this.latest = ensure(this.latest, node + 1);
            this.latest[node] = m + 1;
        }
        return m;
    }
    /**
     * Indexing is over. Returns the per-node array only indexing needed, filled with -1 and at
     * least as long as the node count, for the planner's own per-node map: one such array alive, not two.
     */
    seal() {
        const scratch = ensure(this.latest ?? new Int32Array(0), this.paths.count);
        this.latest = null;
        this.sealedAt = this.n;
        return scratch.fill(-1);
    }
    /** Marks a member as replaced by a later one of the same path in its layer (extraction keeps the last). */
    replace(m) {
        this.types.set(m, this.types.get(m) | REPLACED);
    }
    replaced(m) {
        return (this.types.get(m) & REPLACED) !== 0;
    }
    node(m) {
        return this.nodes.get(m);
    }
    type(m) {
        return ENTRY_TYPES[this.types.get(m) & ~REPLACED];
    }
    isDir(m) {
        return (this.types.get(m) & ~REPLACED) === TYPE_CODE.dir;
    }
    size(m) {
        return this.sizes.get(m);
    }
    dataOffset(m) {
        return this.baseOf(m) + this.blocks.get(m) * 512;
    }
    linkname(m) {
        let lo = 0;
        let hi = this.linkCount - 1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const o = this.linkOwners[mid];
            if (o === m)
                return this.links.toString('latin1', this.linkStarts[mid], this.linkStarts[mid + 1]);
            if (o < m)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return '';
    }
    /** The member as a TarEntry-shaped object, made now for one use (a header, a reader). */
    fields(m) {
        const dev = this.devices.get(m);
        const [uid, gid] = this.owners.get(m);
        return {
            type: this.type(m),
            mode: this.modes.get(m),
            uid,
            gid,
            size: this.sizes.get(m),
            mtime: this.mtimes.get(m),
            linkname: this.linkname(m),
            devmajor: dev ? dev[0] : 0,
            devminor: dev ? dev[1] : 0,
            xattrs: this.xattrs.get(m),
            dataOffset: this.dataOffset(m)
        };
    }
}

// EXTERNAL MODULE: ./src/exporters/plan.ts + 1 modules
var exporters_plan = __webpack_require__(46729);
// EXTERNAL MODULE: ./src/exporters/tar.ts
var tar = __webpack_require__(77137);
;// CONCATENATED MODULE: ./src/exporters/flatten.ts






const CHUNK = 1 << 20;
/**
 * Files from this size on are deflated once for every gzip archive at the same level that takes
 * them (the modules tree is in the rootfs and in modules.tar.gz). Smaller ones are compressed
 * per archive: each shared run costs every stream a flush and a zlib call, which a small file
 * does not pay back (in the kernel fixture, files of 16 KiB and more hold 98% of the modules' bytes).
 */
const SHARE_MIN = 16 << 10;
/** Writes in flight per archive when the sink takes overlapping writes (ByteSink.overlapping). */
const WRITES_IN_FLIGHT = 4;
/**
 * Buffers tar bytes into 1 MiB writes to a sink. When the sink takes overlapping writes (a
 * file, a compressor process), up to WRITES_IN_FLIGHT buffers are being written while the
 * next is filled: reading the layers and writing the archive then overlap instead of taking
 * turns, which is what keeps an uncompressed export near the copy bound.
 */
class TarWriter {
    sink;
    buf = Buffer.allocUnsafe(CHUNK);
    used = 0;
    free = [];
    inflight = [];
    bytes = 0;
    constructor(sink) {
        this.sink = sink;
    }
    async push(b) {
        this.bytes += b.length;
        let off = 0;
        while (off < b.length) {
            const n = Math.min(b.length - off, CHUNK - this.used);
            b.copy(this.buf, this.used, off, off + n);
            this.used += n;
            off += n;
            if (this.used === CHUNK)
                await this.flush();
        }
    }
    /** Appends `len` bytes read from `r` at `pos` straight into the write buffer (no copy between). */
    async pushFrom(r, pos, len, signal) {
        this.bytes += len;
        while (len > 0) {
            signal?.throwIfAborted();
            const n = Math.min(len, CHUNK - this.used);
            await r.readInto(this.buf, this.used, n, pos);
            this.used += n;
            pos += n;
            len -= n;
            if (this.used === CHUNK)
                await this.flush();
        }
    }
    async flush() {
        if (!this.used)
            return;
        const buf = this.buf;
        const written = this.sink.write(buf.subarray(0, this.used));
        this.used = 0;
        // The sink has consumed the bytes when write() resolves (see ByteSink): the buffer is reused.
        if (!this.sink.overlapping)
            return written;
        const done = written.then(() => void this.free.push(buf));
        done.catch(() => undefined); // surfaces when awaited, in order
        this.inflight.push(done);
        if (this.inflight.length >= WRITES_IN_FLIGHT)
            await this.inflight.shift();
        this.buf = this.free.pop() ?? Buffer.allocUnsafe(CHUNK);
    }
    /** Hands everything pushed so far to the sink and waits until it has taken it. */
    async drain() {
        await this.flush();
        while (this.inflight.length)
            await this.inflight.shift();
    }
    async finish() {
        await this.push(tar/* END_OF_ARCHIVE */.bM);
        await this.flush();
        while (this.inflight.length)
            await this.inflight.shift();
        await this.sink.end();
    }
}
/**
 * A member's header as the layer has it, under `name` (a directory gets its trailing slash,
 * so '.' names the root './'), its time clamped to `sourceDateEpoch`.
 */
function memberHeader(name, e, sourceDateEpoch) {
    const h = {
        name: e.type === 'dir' ? `${name}/` : name,
        type: e.type,
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        size: e.type === 'file' ? e.size : 0,
        mtime: sourceDateEpoch === undefined ? e.mtime : Math.min(e.mtime, sourceDateEpoch),
        xattrs: e.xattrs
    };
    if (e.type === 'symlink')
        h.linkname = e.linkname;
    else if (e.type === 'char' || e.type === 'block')
        Object.assign(h, { devmajor: e.devmajor, devminor: e.devminor });
    return h;
}
/** The rootfs header of a planned member: rooted at `./`, directories with a trailing slash. */
function rootfsHeader(p, content, sourceDateEpoch) {
    // A hardlink shares its target's inode: a materialised copy takes the target's metadata.
    const e = p.kind === 'materialize' ? p.data : p.src;
    const h = memberHeader(p.path === '' ? '.' : `./${p.path}`, e, sourceDateEpoch);
    if (p.kind === 'link')
        return { ...h, type: 'link', linkname: `./${p.linkTo}` };
    if (p.kind === 'materialize')
        return { ...h, type: 'file', size: content?.size ?? 0 };
    return h;
}
/** Runs the pass; closes every target; on failure aborts them all (no partial files left). */
async function runPass(opts) {
    const { plan, targets } = opts;
    const reporter = opts.reporter ?? new log/* SilentReporter */.hs();
    const readers = new Map();
    const readerFor = async (l) => {
        const path = plan.layers[l].source.path;
        let r = readers.get(path);
        if (!r)
            readers.set(path, (r = await file_reader/* FileReader */.q.open(path)));
        return r;
    };
    const t0 = Date.now();
    let lastReport = t0;
    let bytesRead = 0;
    const scratch = Buffer.allocUnsafe(CHUNK);
    try {
        for (const p of plan.entries()) {
            opts.signal?.throwIfAborted();
            const content = (0,exporters_plan/* contentOf */.$E)(plan, p);
            const picks = [];
            for (const t of targets) {
                const h = t.select(p, content);
                if (h)
                    picks.push([t.writer, h]);
            }
            const capture = opts.captures?.get(p.id);
            const withData = picks.filter(([, h]) => h.type === 'file' && h.size > 0).map(([w]) => w);
            for (const [w, h] of picks)
                await w.push((0,tar/* encodeHeader */.YS)(h));
            if ((withData.length || capture) && content && content.size > 0) {
                const r = await readerFor(content.layer);
                const captured = [];
                const shared = content.size >= SHARE_MIN ? await shareData(withData) : null;
                const outs = shared
                    ? [...withData.filter((w) => !shared.writers.includes(w)), shared.deflate]
                    : withData;
                if (outs.length === 1 && outs[0] instanceof TarWriter && !capture && content.size > file_reader/* READ_AHEAD */.p) {
                    // One archive wants a big file: read it into that archive's write buffer directly.
                    await outs[0].pushFrom(r, content.dataOffset, content.size, opts.signal);
                    bytesRead += content.size;
                }
                else
                    for (let off = 0; off < content.size; off += CHUNK) {
                        const n = Math.min(CHUNK, content.size - off);
                        // Small files come from the reader's read-ahead window (members are visited in layer
                        // order, so mostly sequentially): one read per window, not one per file. Larger ones
                        // go into one reused buffer. Either way every push copies the bytes before the next read.
                        let chunk;
                        if (n <= file_reader/* READ_AHEAD */.p) {
                            chunk = await r.read(content.dataOffset + off, n);
                            if (chunk.length < n)
                                throw new Error(`${r.path}: unexpected end of file in ${(0,tar/* printable */.g$)(p.path)}`);
                        }
                        else {
                            chunk = scratch.subarray(0, n);
                            await r.readInto(chunk, 0, n, content.dataOffset + off);
                        }
                        if (opts.signal?.aborted)
                            opts.signal.throwIfAborted();
                        for (const w of outs)
                            await w.push(chunk);
                        if (capture)
                            captured.push(Buffer.from(chunk));
                        bytesRead += n;
                    }
                const padding = (0,tar/* paddingFor */.RQ)(content.size);
                // The padding is part of a shared run: the streams go on from the same block boundary.
                if (padding)
                    for (const w of outs)
                        await w.push(Buffer.alloc(padding));
                if (shared) {
                    await shared.deflate.end();
                    for (const w of shared.writers)
                        w.bytes += content.size + padding;
                }
                capture?.(p, Buffer.concat(captured));
            }
            if (Date.now() - lastReport > 5000) {
                lastReport = Date.now();
                reporter.info(`${opts.label ?? 'flatten'}: ${(0,log/* formatBytes */.z3)(bytesRead)} read, ${(0,log/* formatSeconds */.Xo)((lastReport - t0) / 1000)}`);
            }
        }
        for (const t of targets)
            await t.writer.finish();
    }
    catch (e) {
        await Promise.all(targets.map((t) => t.writer.sink.abort().catch(() => undefined)));
        throw e;
    }
    finally {
        await Promise.all([...readers.values()].map((r) => r.close()));
    }
    return { bytesRead, seconds: (Date.now() - t0) / 1000 };
}
/**
 * The writers among `writers` whose gzip streams can take the same deflated bytes (the largest
 * group at one level, if it has two or more), drained so that their headers precede the data.
 */
async function shareData(writers) {
    if (writers.length < 2)
        return null;
    const groups = new Map();
    for (const w of writers)
        if (w.sink instanceof compress/* ParallelGzipSink */.Bs) {
            const g = groups.get(w.sink.shareKey) ?? [];
            g.push(w);
            groups.set(w.sink.shareKey, g);
        }
    const best = [...groups.values()].sort((a, b) => b.length - a.length)[0];
    if (!best || best.length < 2)
        return null;
    for (const w of best)
        await w.drain();
    const sinks = best.map((w) => w.sink);
    return { writers: best, deflate: new compress/* SharedDeflate */.nK(sinks, sinks[0].level) };
}
/** Indexes every layer's headers (bottom first) and plans the flattened view. */
async function planLayers(layers) {
    const index = new MemberIndex();
    const links = new exporters_plan/* LinkTargets */.rP();
    const idx = [];
    for (const [i, l] of layers.entries())
        idx.push(await (0,exporters_plan/* indexLayer */.Uf)(index, links, l, i));
    return (0,exporters_plan/* planFlatten */.eu)(index, links, idx);
}
/** The root first: an image without a root member still gets `./` (0755 root:root). */
function ensureRoot(plan, sourceDateEpoch) {
    plan.addRoot(sourceDateEpoch ?? 0);
}
/** Flattens layers into one tar (optionally compressed), written atomically or to stdout. */
async function flatten(opts) {
    const reporter = opts.reporter ?? new log/* SilentReporter */.hs();
    const t0 = Date.now();
    const plan = await planLayers(opts.layers);
    ensureRoot(plan, opts.sourceDateEpoch);
    for (const d of plan.dropped)
        reporter.warn(`dropped ${(0,tar/* printable */.g$)(d)}: it lies below a symlink or file`);
    const file = opts.output === '-' ? new compress/* StdoutSink */.Bc() : new compress/* FileSink */.UP(opts.output);
    const sink = await (0,compress/* compressor */.e)(opts.compression, file);
    const writer = new TarWriter(sink);
    const target = { writer, select: (p, c) => rootfsHeader(p, c, opts.sourceDateEpoch) };
    await runPass({ plan, targets: [target], reporter });
    const seconds = (Date.now() - t0) / 1000;
    reporter.info(`flatten: ${plan.size} entries, ${(0,log/* formatBytes */.z3)(writer.bytes)} of tar → ${(0,log/* formatBytes */.z3)(file.size)} in ${(0,log/* formatSeconds */.Xo)(seconds)}`);
    return {
        path: opts.output,
        size: file.size,
        sha256: file instanceof compress/* FileSink */.UP ? file.sha256 : file.hash.digest('hex'),
        entries: plan.size,
        seconds
    };
}


/***/ }),

/***/ 23797:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gt: () => (/* binding */ displayPath),
/* harmony export */   _C: () => (/* binding */ ioCause),
/* harmony export */   dA: () => (/* binding */ IoError),
/* harmony export */   gP: () => (/* binding */ findIoError)
/* harmony export */ });
/* unused harmony exports isStorageFull, ioErrorMessage, asIoError */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/**
 * File-system failures as a user reads them: one line, the path and the cause
 * ("out/x/image.tar.gz: no space left on device"), whatever layer of wrapping the error went
 * through on its way up.
 */

const CAUSES = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EIO: 'input/output error',
    EFBIG: 'file too large',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EMFILE: 'too many open files',
    ENOENT: 'no such file or directory',
    ENOTDIR: 'not a directory',
    EISDIR: 'is a directory',
    EPIPE: 'the reader closed the pipe'
};
/** Errors that say a disk or file system cannot take more: the cause to report above any other. */
const STORAGE_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
/** The first file-system error (one with a known errno code) in an error's cause chain. */
function findIoError(e) {
    let cur = e;
    for (let depth = 0; cur && depth < 16; depth++) {
        const x = cur;
        if (typeof x.code === 'string' && x.code in CAUSES)
            return cur;
        cur = x.cause;
    }
    return null;
}
/** Whether an error (or one it wraps) says the disk is full. */
function isStorageFull(e) {
    const io = findIoError(e);
    return io !== null && STORAGE_FULL.has(io.code);
}
/** A path as the user gave it: relative to the working directory when it lies below it. */
function displayPath(path) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(process.cwd(), path);
    return rel && !rel.startsWith('..') && !(0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(rel) ? rel : path;
}
/** The cause of a file-system error in words ("no space left on device"); null for other errors. */
function ioCause(e) {
    const io = findIoError(e);
    return io ? CAUSES[io.code] : null;
}
/**
 * `PATH: cause` for a file-system error, naming `path` (the file the user knows, not its
 * temporary name) when given, else the path the error carries. Null for other errors.
 */
function ioErrorMessage(e, path) {
    const io = findIoError(e);
    if (!io)
        return null;
    const where = path ?? (typeof io.path === 'string' ? io.path : undefined);
    const cause = CAUSES[io.code];
    return where ? `${displayPath(where)}: ${cause}` : cause;
}
/** An error whose message is `PATH: cause`, keeping the original as its cause. */
class IoError extends Error {
    code;
    constructor(e, path) {
        super(ioErrorMessage(e, path) ?? (e instanceof Error ? e.message : String(e)), { cause: e });
        this.name = 'IoError';
        this.code = findIoError(e)?.code ?? 'EIO';
    }
}
/** Rethrows a file-system error as an IoError naming `path`; other errors unchanged. */
function asIoError(e, path) {
    return findIoError(e) && !(e instanceof IoError) ? new IoError(e, path) : e;
}


/***/ })

};
