export const id = 428;
export const ids = [428,729];
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
        // kept at the piece's size, so the piece is still one block.
        Object.assign(opts, { windowBits, memLevel: Math.max(1, windowBits - 6) });
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
    failure;
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

/***/ 82428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ memberHeader),
/* harmony export */   Br: () => (/* binding */ runPass),
/* harmony export */   Q7: () => (/* binding */ planLayers),
/* harmony export */   RP: () => (/* binding */ ensureRoot),
/* harmony export */   Xk: () => (/* binding */ rootfsHeader),
/* harmony export */   flatten: () => (/* binding */ flatten),
/* harmony export */   rW: () => (/* binding */ TarWriter)
/* harmony export */ });
/* unused harmony export SHARE_MIN */
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29906);
/* harmony import */ var _compress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77152);
/* harmony import */ var _file_reader_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77680);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46729);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77137);





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
        await this.push(_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .END_OF_ARCHIVE */ .bM);
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
    const reporter = opts.reporter ?? new _util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .SilentReporter */ .hs();
    const readers = new Map();
    const readerFor = async (l) => {
        const path = plan.layers[l].source.path;
        let r = readers.get(path);
        if (!r)
            readers.set(path, (r = await _file_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .FileReader */ .q.open(path)));
        return r;
    };
    const t0 = Date.now();
    let lastReport = t0;
    let bytesRead = 0;
    const scratch = Buffer.allocUnsafe(CHUNK);
    try {
        for (const p of plan.entries) {
            opts.signal?.throwIfAborted();
            const content = (0,_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .contentOf */ .$E)(plan, p);
            const picks = [];
            for (const t of targets) {
                const h = t.select(p, content);
                if (h)
                    picks.push([t.writer, h]);
            }
            const capture = opts.captures?.get(p);
            const withData = picks.filter(([, h]) => h.type === 'file' && h.size > 0).map(([w]) => w);
            for (const [w, h] of picks)
                await w.push((0,_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .encodeHeader */ .YS)(h));
            if ((withData.length || capture) && content && content.size > 0) {
                const r = await readerFor(content.layer);
                const captured = [];
                const shared = content.size >= SHARE_MIN ? await shareData(withData) : null;
                const outs = shared
                    ? [...withData.filter((w) => !shared.writers.includes(w)), shared.deflate]
                    : withData;
                if (outs.length === 1 && outs[0] instanceof TarWriter && !capture && content.size > _file_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .READ_AHEAD */ .p) {
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
                        if (n <= _file_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .READ_AHEAD */ .p) {
                            chunk = await r.read(content.dataOffset + off, n);
                            if (chunk.length < n)
                                throw new Error(`${r.path}: unexpected end of file in ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .printable */ .g$)(p.path)}`);
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
                const padding = (0,_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .paddingFor */ .RQ)(content.size);
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
                reporter.info(`${opts.label ?? 'flatten'}: ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .formatBytes */ .z3)(bytesRead)} read, ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .formatSeconds */ .Xo)((lastReport - t0) / 1000)}`);
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
        if (w.sink instanceof _compress_js__WEBPACK_IMPORTED_MODULE_0__/* .ParallelGzipSink */ .Bs) {
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
    return { writers: best, deflate: new _compress_js__WEBPACK_IMPORTED_MODULE_0__/* .SharedDeflate */ .nK(sinks, sinks[0].level) };
}
/** Indexes every layer's headers (bottom first) and plans the flattened view. */
async function planLayers(layers) {
    const idx = [];
    for (const [i, l] of layers.entries())
        idx.push(await (0,_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .indexLayer */ .Uf)(l, i));
    return (0,_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .planFlatten */ .eu)(idx);
}
/** The root first: an image without a root member still gets `./` (0755 root:root). */
function ensureRoot(plan, sourceDateEpoch) {
    if (plan.visible.has(''))
        return;
    const src = {
        path: '',
        type: 'dir',
        mode: 0o755,
        uid: 0,
        gid: 0,
        size: 0,
        mtime: sourceDateEpoch ?? 0,
        linkname: '',
        devmajor: 0,
        devminor: 0,
        dataOffset: 0,
        layer: -1,
        seq: -1
    };
    const root = { src, path: '', kind: 'copy', order: -1 };
    plan.visible.set('', root);
    plan.entries.unshift(root);
}
/** Flattens layers into one tar (optionally compressed), written atomically or to stdout. */
async function flatten(opts) {
    const reporter = opts.reporter ?? new _util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .SilentReporter */ .hs();
    const t0 = Date.now();
    const plan = await planLayers(opts.layers);
    ensureRoot(plan, opts.sourceDateEpoch);
    for (const d of plan.dropped)
        reporter.warn(`dropped ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .printable */ .g$)(d)}: it lies below a symlink or file`);
    const file = opts.output === '-' ? new _compress_js__WEBPACK_IMPORTED_MODULE_0__/* .StdoutSink */ .Bc() : new _compress_js__WEBPACK_IMPORTED_MODULE_0__/* .FileSink */ .UP(opts.output);
    const sink = await (0,_compress_js__WEBPACK_IMPORTED_MODULE_0__/* .compressor */ .e)(opts.compression, file);
    const writer = new TarWriter(sink);
    const target = { writer, select: (p, c) => rootfsHeader(p, c, opts.sourceDateEpoch) };
    await runPass({ plan, targets: [target], reporter });
    const seconds = (Date.now() - t0) / 1000;
    reporter.info(`flatten: ${plan.entries.length} entries, ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .formatBytes */ .z3)(writer.bytes)} of tar → ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .formatBytes */ .z3)(file.size)} in ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .formatSeconds */ .Xo)(seconds)}`);
    return {
        path: opts.output,
        size: file.size,
        sha256: file instanceof _compress_js__WEBPACK_IMPORTED_MODULE_0__/* .FileSink */ .UP ? file.sha256 : file.hash.digest('hex'),
        entries: plan.entries.length,
        seconds
    };
}


/***/ }),

/***/ 46729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FlattenError: () => (/* binding */ FlattenError),
  $E: () => (/* binding */ contentOf),
  Uf: () => (/* binding */ indexLayer),
  eu: () => (/* binding */ planFlatten),
  tE: () => (/* binding */ resolveInImage)
});

// EXTERNAL MODULE: ./src/exporters/file-reader.ts
var file_reader = __webpack_require__(77680);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/util/digest.ts
var digest = __webpack_require__(16178);
;// CONCATENATED MODULE: ./src/exporters/verify.ts
/**
 * Checks a layer against its digest in the pass that already walks it from start to end: the
 * index pass (plan.ts indexLayer), which reads every header in order and so most of the data
 * too, from the read-ahead window. VerifyingSource hashes every byte that pass reads and, where
 * it skips a member's data, reads the gap in 1 MiB steps to hash it; finish() hashes the rest up
 * to the layer's end. A layer is thus checked before any output is written, in one sequential
 * read that the data pass after it finds in the page cache.
 */



const GAP_CHUNK = 1 << 20;
class VerifyingSource {
    reader;
    start;
    length;
    expected;
    hash = (0,external_node_crypto_.createHash)('sha256');
    /** Absolute file position up to which every byte has been hashed. */
    hashedTo;
    scratch = Buffer.allocUnsafe(GAP_CHUNK);
    constructor(reader, start, length, expected) {
        this.reader = reader;
        this.start = start;
        this.length = length;
        this.expected = expected;
        this.hashedTo = start;
    }
    async read(pos, len) {
        await this.hashUpTo(Math.min(pos, this.end));
        const buf = await this.reader.read(pos, len);
        // The caller reads forward; only what lies past the hashed mark is new.
        const from = this.hashedTo - pos;
        if (from >= 0 && from < buf.length) {
            const upTo = Math.min(buf.length, this.end - pos);
            if (upTo > from) {
                this.hash.update(buf.subarray(from, upTo));
                this.hashedTo = pos + upTo;
            }
        }
        return buf;
    }
    /** Hashes what is left of the layer and throws CorruptBlobError when it is not what was expected. */
    async finish() {
        await this.hashUpTo(this.end);
        const actual = `sha256:${this.hash.digest('hex')}`;
        const bytes = this.hashedTo - this.start;
        const bad = (0,digest/* mismatch */.J4)(this.expected.digest, this.reader.path, actual, bytes, this.expected.size ?? this.length);
        if (bad)
            throw bad;
    }
    get end() {
        return this.start + this.length;
    }
    async hashUpTo(pos) {
        while (this.hashedTo < pos) {
            const n = Math.min(GAP_CHUNK, pos - this.hashedTo);
            let chunk;
            if (n <= file_reader/* READ_AHEAD */.p) {
                // A small gap (a small member's data) is mostly in the reader's window already, or the
                // window refilled here also serves the header read that follows: no extra read.
                chunk = await this.reader.read(this.hashedTo, n);
                // Shorter than its descriptor says: finish() reports the size.
                if (chunk.length === 0)
                    return;
            }
            else {
                chunk = this.scratch.subarray(0, n);
                await this.reader.readInto(chunk, 0, n, this.hashedTo);
            }
            this.hash.update(chunk);
            this.hashedTo += chunk.length;
        }
    }
}

// EXTERNAL MODULE: ./src/exporters/tar.ts
var tar = __webpack_require__(77137);
;// CONCATENATED MODULE: ./src/exporters/plan.ts



class FlattenError extends Error {
}
const KIND_NOUN = {
    file: 'a regular file',
    link: 'a hardlink',
    symlink: 'a symlink',
    char: 'a character device',
    block: 'a block device',
    dir: 'a directory',
    fifo: 'a fifo'
};
const where = (s, i) => `layer ${i} (${s.path}${s.offset ? `@${s.offset}` : ''})`;
/**
 * Reads a layer's headers (skipping data) into an index; a layer whose digest is known is
 * checked against it in the same pass (verify.ts), before anything is written.
 */
async function indexLayer(source, layer) {
    const reader = await file_reader/* FileReader */.q.open(source.path);
    const verifier = source.expected
        ? new VerifyingSource(reader, source.offset, source.length, source.expected)
        : null;
    const idx = { source, entries: [], whiteouts: [], opaques: [] };
    const byPath = new Map();
    let failure = null;
    let duplicates = false;
    try {
        let seq = 0;
        for await (const raw of (0,tar/* readHeaders */.jB)(verifier ?? reader, source.offset, source.length, where(source, layer))) {
            const path = (0,tar/* normalizePath */.Fd)(raw.rawPath);
            if (path === null)
                throw new FlattenError(`${where(source, layer)}: member "${(0,tar/* printable */.g$)(raw.rawPath)}" points outside the root`);
            // The root is a directory, whatever a layer says: a provisioner extracts the rootfs
            // over its target directory, and a root member that is a symlink or a file would
            // replace or redirect that directory (and the planner would hide every other member
            // below it). Refused rather than dropped: such a layer is broken or hostile, and an
            // image that silently differs from its layers is worse than one that does not export.
            if (path === '' && raw.type !== 'dir') {
                const to = raw.type === 'symlink' ? ` to "${(0,tar/* printable */.g$)(raw.rawLinkname)}"` : '';
                throw new FlattenError(`${where(source, layer)}: the root member "${(0,tar/* printable */.g$)(raw.rawPath)}" is ${KIND_NOUN[raw.type]}${to}; the root must be a directory`);
            }
            const base = (0,tar/* baseOf */.bx)(path);
            if (base.startsWith('.wh.')) {
                if (base === '.wh..wh..opq')
                    idx.opaques.push((0,tar/* parentOf */.gN)(path));
                else if (!base.startsWith('.wh..wh.')) {
                    const dir = (0,tar/* parentOf */.gN)(path);
                    idx.whiteouts.push(dir ? `${dir}/${base.slice(4)}` : base.slice(4));
                }
                // Other .wh..wh.* names are aufs bookkeeping: neither content nor a deletion.
                continue;
            }
            let linkname = raw.rawLinkname;
            if (raw.type === 'link') {
                const t = (0,tar/* normalizePath */.Fd)(linkname);
                if (t === null || t === '') {
                    throw new FlattenError(`${where(source, layer)}: hardlink "${(0,tar/* printable */.g$)(raw.rawPath)}" → "${(0,tar/* printable */.g$)(linkname)}" points outside the root`);
                }
                linkname = t;
            }
            // Every field spelled out, in one order: all entries then share one hidden class. Built
            // by spreading the raw member instead, each entry got shapes of its own (~500 bytes per
            // file, most of the index's memory on an image with 100k files). A hardlink's two fields
            // are added to hardlinks only (always both, in one order: one more class): 16 bytes on
            // every other member otherwise.
            const e = {
                path,
                type: raw.type,
                mode: raw.mode,
                uid: raw.uid,
                gid: raw.gid,
                size: raw.size,
                mtime: raw.mtime,
                linkname,
                devmajor: raw.devmajor,
                devminor: raw.devminor,
                xattrs: raw.xattrs,
                dataOffset: raw.dataOffset,
                layer,
                seq: seq++
            };
            if (e.type === 'link') {
                const t = byPath.get(linkname);
                e.target = t ? (t.type === 'link' ? t.target : t) : undefined;
                e.lowerTarget = !t ? linkname : t.type === 'link' && !t.target ? t.lowerTarget : undefined;
                if (e.target && e.target.type !== 'file') {
                    throw new FlattenError(`${where(source, layer)}: hardlink "${(0,tar/* printable */.g$)(path)}" names "${(0,tar/* printable */.g$)(linkname)}", which is a ${e.target.type}`);
                }
            }
            if (byPath.has(path))
                duplicates = true;
            byPath.set(path, e);
            idx.entries.push(e);
        }
        // A later member of the same path replaces an earlier one (as extraction would): only the
        // last is kept, so the planner needs no per-layer path map of its own. An earlier member
        // a hardlink names stays reachable through that link's `target`.
        if (duplicates)
            idx.entries = idx.entries.filter((e) => byPath.get(e.path) === e);
    }
    catch (e) {
        failure = e;
    }
    try {
        // A damaged layer is reported as such, not as the tar error the damage caused.
        await verifier?.finish();
    }
    finally {
        await reader.close();
    }
    if (failure)
        throw failure;
    return idx;
}
const orderOf = (layer, seq) => layer * 2 ** 32 + seq;
/**
 * Whether a path lies below something a higher layer (above `layer`) hides the subtree of:
 * a whiteout or opaque directory (`subtree`, few), or a visible non-directory. The latter is
 * looked up in `visible` rather than kept in a set of its own: on an image of a million files
 * that set held every file's path a second time.
 */
function hiddenAbove(path, layer, subtree, visible) {
    if (path === '')
        return false;
    let a = path;
    do {
        a = (0,tar/* parentOf */.gN)(a);
        if (subtree.has(a))
            return true;
        const v = visible.get(a);
        if (v && v.src.type !== 'dir' && v.src.layer > layer)
            return true;
    } while (a !== '');
    return false;
}
/** The flattened view of indexed layers (bottom first). */
function planFlatten(layers) {
    // Memory: one PlannedEntry and one `visible` slot per output member, nothing else per member.
    // A path a higher layer has is found in `visible` (each path occurs once per layer, see
    // indexLayer, so a hit there always comes from a higher layer).
    const deleted = new Set();
    const subtree = new Set();
    const visible = new Map();
    const materialized = new Map();
    const lowerLinks = [];
    for (let i = layers.length - 1; i >= 0; i--) {
        const L = layers[i];
        for (const e of L.entries) {
            // The top layer has nothing above it: no walk up its paths (often most of the members).
            if (i < layers.length - 1 && (deleted.has(e.path) || hiddenAbove(e.path, i, subtree, visible)))
                continue;
            const v = visible.get(e.path);
            if (v) {
                // A directory kept by a higher layer comes out where it first appears, so parents precede children.
                if (v.src.type === 'dir' && e.type === 'dir')
                    v.order = orderOf(i, e.seq);
                continue;
            }
            const p = {
                src: e,
                path: e.path,
                kind: 'copy',
                // linkTo and data are added to the few that need them (see IndexedEntry's fields).
                order: orderOf(i, e.seq)
            };
            if (e.type === 'link') {
                const t = e.target;
                if (!t)
                    lowerLinks.push(p);
                else if (visible.get(t.path)?.src === t)
                    Object.assign(p, { kind: 'link', linkTo: t.path });
                else if (materialized.has(t))
                    Object.assign(p, { kind: 'link', linkTo: materialized.get(t) });
                else {
                    Object.assign(p, { kind: 'materialize', data: t });
                    materialized.set(t, e.path);
                }
            }
            visible.set(e.path, p);
        }
        for (const w of L.whiteouts)
            deleted.add(w);
        for (const w of L.whiteouts)
            subtree.add(w);
        for (const o of L.opaques)
            subtree.add(o);
    }
    // Links to a file of a lower layer (legal when extracting onto a filesystem): link when that
    // file survives, else copy its content.
    for (const p of lowerLinks) {
        const name = p.src.lowerTarget;
        let t;
        for (let j = p.src.layer - 1; j >= 0 && !t; j--) {
            const es = layers[j].entries;
            for (let k = es.length - 1; k >= 0 && !t; k--)
                if (es[k].path === name)
                    t = es[k];
            if (t?.type === 'link')
                t = t.target;
        }
        if (!t || t.type !== 'file') {
            throw new FlattenError(`${where(layers[p.src.layer].source, p.src.layer)}: hardlink "${(0,tar/* printable */.g$)(p.path)}" names "${(0,tar/* printable */.g$)(name)}", which no layer holds`);
        }
        if (visible.get(t.path)?.src === t)
            Object.assign(p, { kind: 'link', linkTo: t.path });
        else
            Object.assign(p, { kind: 'materialize', data: t });
    }
    // Nothing may sit below a symlink or file: extracting it would write through the link.
    const dropped = [];
    // (Deleting the entry being visited while iterating a Map is safe: no copy of the keys.)
    for (const path of visible.keys()) {
        let a = path;
        while (a !== '') {
            a = (0,tar/* parentOf */.gN)(a);
            const v = visible.get(a);
            if (v && v.src.type !== 'dir') {
                dropped.push(path);
                visible.delete(path);
                break;
            }
        }
    }
    const entries = [...visible.values()].sort((a, b) => {
        if (a.path === '')
            return -1;
        if (b.path === '')
            return 1;
        return a.order - b.order;
    });
    return { layers, entries, visible, dropped };
}
/** The entry whose data a planned regular file (or hardlink) carries. */
function contentOf(plan, p) {
    if (p.kind === 'materialize')
        return p.data;
    if (p.kind === 'link') {
        const t = plan.visible.get(p.linkTo);
        return t ? contentOf(plan, t) : undefined;
    }
    return p.src.type === 'file' ? p.src : undefined;
}
/**
 * Resolves a path inside the image, following symlinks as a chroot would (`..` stops at
 * the root). Returns the final path and its entry, or null when a component is missing.
 */
function resolveInImage(plan, path, hops = 0) {
    if (hops > 40)
        return null;
    const parts = ((0,tar/* normalizePath */.Fd)(path) ?? '').split('/').filter(Boolean);
    let cur = '';
    for (let k = 0; k < parts.length; k++) {
        const next = cur ? `${cur}/${parts[k]}` : parts[k];
        const v = plan.visible.get(next);
        if (!v)
            return null;
        if (v.src.type === 'symlink') {
            const target = v.src.linkname;
            const joined = target.startsWith('/') ? target : `${cur}/${target}`;
            const rest = parts.slice(k + 1).join('/');
            return resolveInImage(plan, chrootNormalize(rest ? `${joined}/${rest}` : joined), hops + 1);
        }
        cur = next;
    }
    const entry = plan.visible.get(cur);
    return entry ? { path: cur, entry } : null;
}
function chrootNormalize(p) {
    const out = [];
    for (const part of p.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            out.pop();
        else
            out.push(part);
    }
    return out.join('/');
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
