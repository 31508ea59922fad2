export const id = 78;
export const ids = [78,178];
export const modules = {

/***/ 42689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ANNOTATION_CREATED: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.H),
/* harmony export */   ANNOTATION_KEY: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.MD),
/* harmony export */   ANNOTATION_NAME: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.S5),
/* harmony export */   ANNOTATION_REF: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.wy),
/* harmony export */   DEFAULT_STORE_DIR: () => (/* reexport safe */ _defaults_js__WEBPACK_IMPORTED_MODULE_1__.q),
/* harmony export */   MEDIA_CONFIG: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.m3),
/* harmony export */   MEDIA_INDEX: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.aq),
/* harmony export */   MEDIA_LAYER: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.rB),
/* harmony export */   MEDIA_LAYER_GZIP: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.ki),
/* harmony export */   MEDIA_LAYER_ZSTD: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.HF),
/* harmony export */   MEDIA_MANIFEST: () => (/* reexport safe */ _types_js__WEBPACK_IMPORTED_MODULE_0__.l8),
/* harmony export */   OCI_LAYOUT_VERSION: () => (/* reexport safe */ _layout_js__WEBPACK_IMPORTED_MODULE_2__.sM),
/* harmony export */   STORE_TMP_DIR: () => (/* reexport safe */ _defaults_js__WEBPACK_IMPORTED_MODULE_1__.Y),
/* harmony export */   nextDatedTag: () => (/* reexport safe */ _layout_js__WEBPACK_IMPORTED_MODULE_2__._2),
/* harmony export */   ociArch: () => (/* reexport safe */ _layout_js__WEBPACK_IMPORTED_MODULE_2__.As),
/* harmony export */   openStore: () => (/* reexport safe */ _layout_js__WEBPACK_IMPORTED_MODULE_2__.Ch)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57940);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29735);
/* harmony import */ var _layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88405);





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
