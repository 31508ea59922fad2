export const id = 557;
export const ids = [557,178];
export const modules = {

/***/ 29058:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runInImage: () => (/* binding */ runInImage)
/* harmony export */ });
/* unused harmony export ImageNotFoundError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57636);
/* harmony import */ var _sandbox_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(74545);
/* harmony import */ var _unpacked_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(20792);
/**
 * `kiln run`: a command in any store image, over a throwaway overlay (the upper dir lives
 * in a temporary directory removed afterwards), stdio inherited, its exit status returned.
 */






class ImageNotFoundError extends Error {
    ref;
    storeRoot;
    constructor(ref, storeRoot) {
        super(`image ${ref} is not in the store ${storeRoot}`);
        this.ref = ref;
        this.storeRoot = storeRoot;
        this.name = 'ImageNotFoundError';
    }
}
/** Runs `argv` in image `ref` (a name, dated tag or manifest digest); returns the exit status (128+n for a signal). */
async function runInImage(store, ref, argv, o = {}) {
    const image = await store.getImage(ref);
    if (!image)
        throw new ImageNotFoundError(ref, store.root);
    const lowers = await (0,_unpacked_js__WEBPACK_IMPORTED_MODULE_5__/* .unpackLayers */ .rz)(image.layers, o.cacheDir ?? _unpacked_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_CACHE_DIR */ .Ti, o.reporter);
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'kiln-run-'));
    const env = (0,_sandbox_js__WEBPACK_IMPORTED_MODULE_4__/* .envFromList */ .a6)(image.config.config?.Env);
    if (process.env.TERM)
        env.TERM = process.env.TERM;
    const sb = await _sandbox_js__WEBPACK_IMPORTED_MODULE_4__/* .Sandbox */ .ak.open({
        dir,
        lowers,
        mounts: o.mounts,
        dns: o.dns,
        env: { ...env, ...o.env },
        reporter: o.reporter,
        signal: o.signal
    });
    try {
        const cmd = argv.length
            ? argv
            : [...(image.config.config?.Entrypoint ?? []), ...(image.config.config?.Cmd ?? [])];
        if (!cmd.length)
            throw new Error(`image ${ref} has no Entrypoint or Cmd: give a command after --`);
        const stdio = o.stdio ?? 'inherit';
        const release = stdio === 'inherit' ? (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .holdInterrupts */ .o$)() : () => undefined;
        const r = await sb.exec(cmd, { stdio, onLine: o.onLine }).finally(release);
        return { exitCode: r.signal ? 128 + signalNumber(r.signal) : r.exitCode, tail: r.tail };
    }
    finally {
        await sb.close();
    }
}
function signalNumber(sig) {
    const n = {
        SIGHUP: 1,
        SIGINT: 2,
        SIGQUIT: 3,
        SIGKILL: 9,
        SIGTERM: 15
    };
    return n[sig] ?? 1;
}


/***/ }),

/***/ 16178:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   FL: () => (/* binding */ DigestCheck),
/* harmony export */   G2: () => (/* binding */ bytesDigest),
/* harmony export */   H2: () => (/* binding */ checkDigest),
/* harmony export */   J4: () => (/* binding */ mismatch),
/* harmony export */   VS: () => (/* binding */ CorruptBlobError),
/* harmony export */   findCorruptBlob: () => (/* binding */ findCorruptBlob),
/* harmony export */   jz: () => (/* binding */ verifiedReadStream),
/* harmony export */   sU: () => (/* binding */ digestHex),
/* harmony export */   uH: () => (/* binding */ InvalidDigestError)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Content digests: the one check of a digest read from a file, and the one error for content
 * that does not hash to its digest.
 *
 * A digest read from a file (an index.json, a manifest, a cache record, a docker-save
 * manifest.json) names a blob, and the blob's path is built from it. Until it passed
 * checkDigest it is just text: `sha256:../../etc/shadow` would be a path out of the layout.
 * Kiln supports sha256 only; any other algorithm is refused, not guessed at.
 */



/** "sha256:" + 64 lowercase hex: the only digest form Kiln reads or writes. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;
function isDigest(d) {
    return typeof d === 'string' && DIGEST.test(d);
}
/**
 * `value` when it is a digest Kiln supports; otherwise throws, naming where the value came from
 * (`where`: file and field, e.g. "layout/index.json: manifests[0].digest").
 */
function checkDigest(value, where) {
    if (isDigest(value))
        return value;
    const shown = JSON.stringify(value) ?? String(value);
    const algo = typeof value === 'string' ? /^([a-z0-9+._-]+):/.exec(value)?.[1] : undefined;
    const why = algo && algo !== 'sha256'
        ? `digest algorithm ${algo} is not supported (only sha256)`
        : 'not a digest (sha256: and 64 lowercase hex digits)';
    throw new InvalidDigestError(`${where}: ${shown.slice(0, 120)}: ${why}`);
}
/** The hex part of a checked digest. */
function digestHex(d, where = 'digest') {
    return checkDigest(d, where).slice('sha256:'.length);
}
function bytesDigest(data) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex')}`;
}
/** A digest read from a file that is not one Kiln can use. */
class InvalidDigestError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidDigestError';
    }
}
/**
 * A blob whose content does not hash to its digest (or is shorter or longer than its
 * descriptor says). `path` is the file read, so whoever owns it (the store) can move it aside.
 */
class CorruptBlobError extends Error {
    digest;
    path;
    actual;
    constructor(digest, path, actual) {
        super(`blob ${digest} (${path}) is corrupt: its content ${actual}`);
        this.digest = digest;
        this.path = path;
        this.actual = actual;
        this.name = 'CorruptBlobError';
    }
}
/** The CorruptBlobError in an error's cause chain, if any (callers wrap errors with context). */
function findCorruptBlob(e) {
    for (let cur = e, depth = 0; cur && depth < 10; depth++) {
        if (cur instanceof CorruptBlobError)
            return cur;
        cur = cur.cause;
    }
    return null;
}
/**
 * A pass-through that hashes what flows through it and, at the end, fails the stream with a
 * CorruptBlobError when the bytes do not hash to `digest` or are not `size` long: a reader
 * that streams a blob anyway (into tar, into docker load) checks it in the same pass.
 */
class DigestCheck extends node_stream__WEBPACK_IMPORTED_MODULE_2__.Transform {
    digest;
    path;
    size;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    bytes = 0;
    constructor(digest, path, size) {
        super();
        this.digest = digest;
        this.path = path;
        this.size = size;
    }
    _transform(chunk, _enc, cb) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        cb(null, chunk);
    }
    _flush(cb) {
        cb(mismatch(this.digest, this.path, `sha256:${this.hash.digest('hex')}`, this.bytes, this.size));
    }
}
/** The CorruptBlobError for content that hashed to `actual` over `bytes` bytes, or null when it matches. */
function mismatch(digest, path, actual, bytes, size) {
    if (size !== undefined && bytes !== size)
        return new CorruptBlobError(digest, path, `is ${bytes} bytes, not ${size}`);
    if (actual !== digest)
        return new CorruptBlobError(digest, path, `hashes to ${actual}`);
    return null;
}
/**
 * The file at `path` as a stream that fails with a CorruptBlobError at its end when the bytes
 * do not hash to `digest` (or are not `size` long): for readers that stream a blob whole anyway.
 */
function verifiedReadStream(path, digest, size) {
    const check = new DigestCheck(digest, path, size);
    // The callback form destroys every stream with the first error, so a read error reaches the reader too.
    (0,node_stream__WEBPACK_IMPORTED_MODULE_2__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path, { highWaterMark: 1 << 20 }), check, () => undefined);
    return check;
}


/***/ })

};
