export const id = 411;
export const ids = [411];
export const modules = {

/***/ 20792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ti: () => (/* reexport safe */ _defaults_js__WEBPACK_IMPORTED_MODULE_9__.T),
/* harmony export */   iC: () => (/* binding */ TAR_KEEP_ALL),
/* harmony export */   rz: () => (/* binding */ unpackLayers)
/* harmony export */ });
/* unused harmony exports unpackLayer, layersDir, toOverlayForm, forgetLayer */
/* harmony import */ var _util_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16178);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _sources_safe_tar_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(82267);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(37895);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(57636);
/* harmony import */ var _fswalk_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(57733);
/* harmony import */ var _xattr_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(82288);
/* harmony import */ var _sandbox_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(74545);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(80137);
/**
 * Unpacked layers, kept by diffID for reuse as overlayfs lower directories:
 * `<cacheDir>/layers/<diffID hex>/`. A layer is unpacked once (into a temporary directory
 * renamed into place), so a persistent runner never unpacks the same base twice, and two
 * builds racing for the same layer both end up with one complete copy.
 *
 * OCI whiteouts become overlayfs whiteouts: `.wh.NAME` → a character device 0/0 `NAME`,
 * `.wh..wh..opq` → the xattr trusted.overlay.opaque=y on its directory. Ownership, modes
 * and xattrs are kept (GNU tar as root, numeric owners). Layers come from the store, but
 * every entry is still checked (no `..`, no absolute name, nothing through a symlink)
 * before anything is written.
 *
 * The layers directory is root's alone (0700, tightened if it was not): unpacked images hold
 * setuid binaries and device nodes, which other users of the host must not reach.
 */










// In a module of its own so the CLI's option defaults do not load the sandbox.

/** GNU tar flags that keep everything a root filesystem needs. */
const TAR_KEEP_ALL = [
    '--numeric-owner',
    '--xattrs',
    '--xattrs-include=*',
    '--xattrs-exclude=trusted.overlay.*'
];
const WH = '.wh.';
const OPQ = '.wh..wh..opq';
/** The directory holding `layer` unpacked in overlayfs form (unpacked now if needed). */
async function unpackLayer(layer, cacheDir = _defaults_js__WEBPACK_IMPORTED_MODULE_9__/* .DEFAULT_CACHE_DIR */ .T, reporter) {
    // The directory is named by the diffID: checked first, as every digest read from a file is.
    const hex = (0,_util_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestHex */ .sU)(layer.diffID, `unpack ${layer.path}: diffID`);
    const parent = await layersDir(cacheDir);
    const dest = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(parent, hex);
    if (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(dest).catch(() => null))
        return dest;
    const tmp = (0,_sandbox_js__WEBPACK_IMPORTED_MODULE_8__/* .uniqueDir */ .vZ)(parent, `.unpack-${hex.slice(0, 12)}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(tmp, { mode: 0o755 });
    const remove = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_5__/* .trackDir */ .F3)(tmp);
    try {
        reporter?.debug(`unpack layer ${layer.diffID}`);
        // tmp is fresh, so only the layer's own links can redirect; the root is given anyway
        // so that what is on disk where tar writes is checked too.
        // The check reads the layer whole: it is hashed in the same pass, before tar extracts it.
        await (0,_sources_safe_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .checkTar */ .Im)((0,_util_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .verifiedReadStream */ .jz)(layer.path, layer.digest, layer.size), `layer ${layer.diffID}`, reporter, {
            root: tmp
        });
        await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .run */ .eF)('tar', [
            '--extract',
            '--file',
            layer.path,
            '--directory',
            tmp,
            '--same-permissions',
            '--same-owner',
            ...TAR_KEEP_ALL
        ]);
        await toOverlayForm(tmp);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(tmp, dest).catch(async (e) => {
            // Someone else finished the same layer first: theirs is as good as ours.
            if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(dest).catch(() => null)))
                throw e;
        });
    }
    catch (e) {
        throw new Error(`unpack layer ${layer.diffID} (${layer.path}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    finally {
        remove();
    }
    return dest;
}
/** `<cacheDir>/layers`, made (cacheDir too, if missing) or tightened to mode 0700. */
async function layersDir(cacheDir) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cacheDir, 'layers');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true, mode: 0o700 });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(dir, 0o700);
    return dir;
}
/** Unpacks every layer of an image; returns the directories TOP FIRST, as overlayfs wants them. */
async function unpackLayers(layers, cacheDir = _defaults_js__WEBPACK_IMPORTED_MODULE_9__/* .DEFAULT_CACHE_DIR */ .T, reporter) {
    const dirs = [];
    for (const l of layers)
        dirs.push(await unpackLayer(l, cacheDir, reporter));
    return dirs.reverse();
}
/**
 * Converts OCI whiteout files under `root` to overlayfs whiteouts, keeping directory times.
 * Names are handled as bytes (fswalk.ts): `.wh.caf\xe9` must hide `caf\xe9`, not a U+FFFD name.
 */
async function toOverlayForm(root) {
    const opaque = [];
    const whiteouts = [];
    const markers = [];
    for await (const { rel, entry } of (0,_fswalk_js__WEBPACK_IMPORTED_MODULE_6__/* .walkBytes */ .Xq)(root)) {
        const name = entry.name.toString('latin1');
        if (!name.startsWith(WH))
            continue;
        const dir = rel.slice(0, rel.length - name.length); // '' or ending in '/'
        markers.push(rel);
        if (name === OPQ)
            opaque.push((0,_fswalk_js__WEBPACK_IMPORTED_MODULE_6__/* .hostPath */ .y4)(root, dir.slice(0, -1)));
        else {
            const target = (0,_fswalk_js__WEBPACK_IMPORTED_MODULE_6__/* .hostPath */ .y4)(root, `${dir}${name.slice(WH.length)}`);
            // Same-layer content beats its own whiteout (a whiteout only hides lower layers).
            if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(target).catch(() => null)))
                whiteouts.push(target);
        }
    }
    if (!markers.length)
        return;
    const times = new Map();
    for (const m of markers) {
        const d = m.slice(0, Math.max(0, m.lastIndexOf('/')));
        if (!times.has(d)) {
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,_fswalk_js__WEBPACK_IMPORTED_MODULE_6__/* .hostPath */ .y4)(root, d));
            times.set(d, { atime: st.atime, mtime: st.mtime });
        }
    }
    for (const m of markers)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)((0,_fswalk_js__WEBPACK_IMPORTED_MODULE_6__/* .hostPath */ .y4)(root, m));
    await (0,_xattr_js__WEBPACK_IMPORTED_MODULE_7__/* .makeWhiteouts */ .BA)(whiteouts);
    await (0,_xattr_js__WEBPACK_IMPORTED_MODULE_7__/* .markOpaque */ .Hm)(opaque);
    for (const [d, t] of times)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.utimes)((0,_fswalk_js__WEBPACK_IMPORTED_MODULE_6__/* .hostPath */ .y4)(root, d), t.atime, t.mtime);
}
/** Removes the unpacked copy of a layer (e.g. to reclaim space). */
async function forgetLayer(diffID, cacheDir = DEFAULT_CACHE_DIR) {
    await rm(join(cacheDir, 'layers', diffID.replace(/^sha256:/, '')), { recursive: true, force: true });
}


/***/ }),

/***/ 82288:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ makeWhiteouts),
/* harmony export */   Hm: () => (/* binding */ markOpaque),
/* harmony export */   Tf: () => (/* binding */ findOpaqueDirs)
/* harmony export */ });
/* unused harmony exports OPAQUE_XATTR, unescapeGetfattr */
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37895);
/* harmony import */ var _util_exec_stream_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5272);
/**
 * Directory markers overlayfs keeps in trusted.* extended attributes. Node has no xattr
 * API, so these go through getfattr/setfattr (Debian package `attr`), one process per
 * tree or per batch, never per file.
 */


const OPAQUE_XATTR = 'trusted.overlay.opaque';
/**
 * Paths (relative to root, as binary strings: one char per byte, see fswalk.ts) of the
 * directories marked opaque under `root`. `--no-dereference`
 * matters: without it getfattr reads the attributes of every symlink's TARGET, as the host
 * resolves it, so an image's absolute link (`/etc/mtab -> /proc/self/mounts`, a dangling
 * `/lib/x -> /usr/lib/y`) would be looked up on the host and fail the whole walk (exit 1) or
 * report the host's attributes.
 */
async function findOpaqueDirs(root) {
    // Read as bytes, not through run(): getfattr escapes only some bytes of a name (space,
    // backslash, control characters) and prints the others raw, and text decoding would turn
    // a name that is not UTF-8 into U+FFFD.
    const child = (0,_util_exec_stream_js__WEBPACK_IMPORTED_MODULE_1__/* .spawnStream */ .q)('getfattr', [
        '--recursive',
        '--physical',
        '--no-dereference',
        '--absolute-names',
        '--dump',
        '--encoding=text',
        `--match=^trusted\\.overlay\\.opaque$`,
        root
    ]);
    const chunks = [];
    for await (const c of child.stdout)
        chunks.push(c);
    await child.done;
    const rootBytes = Buffer.from(root);
    const out = [];
    let file = null;
    // Lines as binary strings (one char per byte): `\ooo` escapes and raw bytes alike stay bytes.
    for (const line of Buffer.concat(chunks).toString('latin1').split('\n')) {
        if (line.startsWith('# file: '))
            file = unescapeGetfattr(line.slice(8));
        else if (file && line === `${OPAQUE_XATTR}="y"`) {
            const rel = file.equals(rootBytes) ? '' : file.subarray(rootBytes.length + 1).toString('latin1');
            out.push(rel);
        }
    }
    return out;
}
/**
 * Paths for `xargs -0` on stdin: the bytes as they are, where an argv entry from node is
 * UTF-8 text (a path that is not UTF-8 would name another file). xargs also batches.
 */
function nulSeparated(paths) {
    return Buffer.concat(paths.flatMap((p) => [p, Buffer.alloc(1)]));
}
/** Marks directories opaque (absolute paths, as bytes). */
async function markOpaque(paths) {
    if (!paths.length)
        return;
    await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)('xargs', ['-0', 'setfattr', '--no-dereference', `--name=${OPAQUE_XATTR}`, '--value=y', '--'], {
        input: nulSeparated(paths)
    });
}
/**
 * The bytes of a name as getfattr prints it (given as a binary string, one char per byte):
 * some bytes as backslash + 3 octal digits, the others as they are.
 */
function unescapeGetfattr(s) {
    return Buffer.from(s.replace(/\\([0-7]{3})/g, (_m, oct) => String.fromCharCode(parseInt(oct, 8))), 'latin1');
}
/** Creates whiteouts (char device 0/0) at absolute paths (as bytes). */
async function makeWhiteouts(paths) {
    if (!paths.length)
        return;
    await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)('xargs', ['-0', 'sh', '-c', 'for p; do mknod "$p" c 0 0; done', 'kiln-whiteout'], {
        input: nulSeparated(paths)
    });
}


/***/ }),

/***/ 12328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ct: () => (/* binding */ decompressStream)
/* harmony export */ });
/* unused harmony exports detectCompression, detectFileCompression */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _util_exec_stream_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5272);
/**
 * Compressed tarballs in, plain tar out. The format is told by its magic bytes, never by
 * the file name (a `.tar` that is really gzip is common). gzip goes through zlib; xz, zstd
 * and bzip2 through their tools, streamed.
 */





const HEAD_BYTES = 6;
function detectCompression(head) {
    const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b)
        return 'gzip';
    if (b.length >= 6 && b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])))
        return 'xz';
    if (b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528)
        return 'zstd';
    if (b.length >= 3 && b.subarray(0, 3).toString('latin1') === 'BZh')
        return 'bzip2';
    return 'none';
}
async function detectFileCompression(path) {
    const fh = await open(path, 'r');
    try {
        const buf = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
        return detectCompression(buf.subarray(0, bytesRead));
    }
    finally {
        await fh.close();
    }
}
const TOOLS = {
    xz: ['xz', ['-dc']],
    zstd: ['zstd', ['-dc', '-q']],
    bzip2: ['bzip2', ['-dc']]
};
/**
 * Returns the decompressed form of `input`, whatever it is compressed with (or itself when
 * it is not). `what` names the data in errors.
 */
function decompressStream(input, what, reporter) {
    const out = new node_stream__WEBPACK_IMPORTED_MODULE_1__.PassThrough({ highWaterMark: 1 << 20 });
    const it = input[Symbol.asyncIterator]();
    void (async () => {
        let head = Buffer.alloc(0);
        let ended = false;
        while (head.length < HEAD_BYTES) {
            const r = await it.next();
            if (r.done) {
                ended = true;
                break;
            }
            head = Buffer.concat([head, Buffer.from(r.value)]);
        }
        const kind = detectCompression(head);
        const whole = node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.from((async function* () {
            if (head.length)
                yield head;
            if (ended)
                return;
            for (;;) {
                const r = await it.next();
                if (r.done)
                    return;
                yield Buffer.from(r.value);
            }
        })(), { objectMode: false });
        if (kind === 'none') {
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(whole, writeInto(out));
        }
        else if (kind === 'gzip') {
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(whole, (0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.createGunzip)(), writeInto(out));
        }
        else {
            const [tool, args] = TOOLS[kind];
            const p = (0,_util_exec_stream_js__WEBPACK_IMPORTED_MODULE_4__/* .spawnStream */ .q)(tool, args, { stdin: whole, reporter });
            out.on('close', () => p.kill());
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(p.stdout, writeInto(out));
            await p.done;
        }
        out.end();
    })().catch((e) => {
        input.destroy();
        out.destroy(new Error(`decompress ${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
    });
    return out;
}
/**
 * The last stage of a pipeline that copies into `out` without letting the pipeline end or
 * destroy it: errors are wrapped (naming the data) before they reach the consumer.
 */
function writeInto(out) {
    return async (src) => {
        for await (const chunk of src) {
            if (out.destroyed)
                throw new Error('the reader went away');
            if (!out.write(chunk)) {
                await new Promise((resolve) => {
                    const done = () => {
                        out.off('drain', done);
                        out.off('close', done);
                        resolve();
                    };
                    out.on('drain', done);
                    out.on('close', done);
                });
            }
        }
    };
}


/***/ }),

/***/ 82267:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FO: () => (/* binding */ checkedTar),
/* harmony export */   Im: () => (/* binding */ checkTar),
/* harmony export */   Kq: () => (/* binding */ TarSafetyError),
/* harmony export */   cx: () => (/* binding */ normaliseEntryName),
/* harmony export */   u2: () => (/* binding */ isTarRefusal)
/* harmony export */ });
/* unused harmony exports DEFAULT_ARCHIVE_LIMITS, archiveLimits, TarGuard, resolveInRoot, extractTar */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(56118);
/* harmony import */ var _util_in_root_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(71706);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(12328);
/**
 * Tarballs from outside (base images, overlay packs, genoci `expand`, `docker save` layers)
 * are hostile until checked. One parser (tar-stream) reads each archive, and every entry is
 * checked, in archive order, before anything is kept:
 *
 * - names are normalised (`./` and empty components dropped); a `..` component or an
 *   absolute name is refused, never silently rewritten (GNU tar strips a leading `/`,
 *   which turns `/etc/shadow` into something that still lands where the author wanted);
 * - the symlinks seen so far are remembered: an entry whose parent path goes through one
 *   (`evil -> /etc` then `evil/passwd`) is refused, and so is a directory entry over a
 *   symlink (extractors keep the link and then write through it);
 * - a hardlink's target obeys the same rules (no `..`, not absolute, not through a symlink)
 *   and must be a file the archive itself wrote earlier: not a symlink (GNU tar, Go and
 *   node-tar disagree on whether the link is to the symlink or to what it points at, and a
 *   later write through the new name lands there) and not something it never wrote;
 * - only regular files, directories, symlinks, hardlinks, devices and fifos are allowed, and
 *   only files carry data. GNU sparse files (type 'S', pax `GNU.sparse.*`) are refused: a
 *   4 KB sparse entry may claim a terabyte that the next reader writes out as zeros;
 * - constructs on which common readers (GNU tar, Go's archive/tar in docker and umoci,
 *   tar-stream, Kiln's exporters) disagree about an entry's name are refused: a pax global
 *   header that sets path, linkpath or size, two name records for one entry (a GNU `L` long
 *   name and a pax `path`, or two of either), two pax headers for one entry;
 * - an archive is bounded: at most ARCHIVE_LIMITS.bytes of uncompressed tar and
 *   ARCHIVE_LIMITS.entries entries (KILN_MAX_ARCHIVE_BYTES, KILN_MAX_ARCHIVE_ENTRIES).
 *
 * Symlink *targets* are left alone: inside an image root an absolute target is relative to
 * that root (a rootfs is full of them); only writing through a link is dangerous.
 *
 * Two ways to use it: `checkedTar()` passes the bytes through unchanged while checking (to
 * store a base tarball as a layer: byte-exact, so pax xattrs such as security.capability
 * survive; the consumer discards what it got when the check fails), and `extractTar()`
 * writes the very entries the check approved into a temporary directory, renamed into place
 * only when the whole archive passed.
 */









const ALLOWED = new Set([
    'file',
    'contiguous-file',
    'link',
    'symlink',
    'directory',
    'character-device',
    'block-device',
    'fifo'
]);
const FILE_TYPES = new Set(['file', 'contiguous-file']);
class TarSafetyError extends Error {
    archive;
    entry;
    reason;
    constructor(archive, entry, reason) {
        super(`${archive}: entry ${JSON.stringify(entry)}: ${reason}; the archive was refused and nothing from it was kept`);
        this.archive = archive;
        this.entry = entry;
        this.reason = reason;
        this.name = 'TarSafetyError';
    }
}
/** Whether `e`, or an error it wraps (its `cause`), is the refusal of an archive. */
function isTarRefusal(e) {
    for (let x = e, depth = 0; x instanceof Error && depth < 8; x = x.cause, depth++)
        if (x instanceof TarSafetyError)
            return true;
    return false;
}
/** Enough for a real OS image (a full desktop install is ~10 GiB and ~500k entries). */
const DEFAULT_ARCHIVE_LIMITS = { bytes: 64 * 1024 ** 3, entries: 4_000_000 };
/** The limits in force: KILN_MAX_ARCHIVE_BYTES and KILN_MAX_ARCHIVE_ENTRIES, else the defaults. */
function archiveLimits(env = process.env) {
    const read = (name, fallback) => {
        const text = env[name]?.trim();
        if (!text)
            return fallback;
        if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(Number(text)))
            throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(env[name])}`);
        return Number(text);
    };
    return {
        bytes: read('KILN_MAX_ARCHIVE_BYTES', DEFAULT_ARCHIVE_LIMITS.bytes),
        entries: read('KILN_MAX_ARCHIVE_ENTRIES', DEFAULT_ARCHIVE_LIMITS.entries)
    };
}
/**
 * Normalises a tar entry name: `./a//b/` → `a/b`; the root itself is ''. Throws a reason
 * (string) for absolute names and `..` components.
 */
function normaliseEntryName(name) {
    if (name.includes('\0'))
        throw 'a NUL byte in the name';
    if (name.startsWith('/'))
        throw 'an absolute name';
    const parts = [];
    for (const part of name.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            throw 'a ".." component leaves the root';
        parts.push(part);
    }
    return parts.join('/');
}
/** Checks the entries of one archive in order; keeps the symlinks and files seen so far. */
class TarGuard {
    archive;
    opts;
    symlinks = new Set();
    /** Non-directory, non-symlink entries written so far: what a hardlink may point to. */
    linkable = new Set();
    /** Parent directory → why it is unsafe on disk (null: safe), for `root` checks. */
    onDisk = new Map();
    limits;
    entries = 0;
    /** Sum of the entries' data sizes so far. */
    dataBytes = 0;
    constructor(archive, opts = {}) {
        this.archive = archive;
        this.opts = opts;
        this.limits = opts.limits ?? archiveLimits();
    }
    /** Throws TarSafetyError if the entry could land outside the root. Returns the normalised name. */
    check(entry) {
        const fail = (reason) => {
            throw new TarSafetyError(this.archive, entry.name, reason);
        };
        if (entry.type === null)
            fail('an entry type Kiln does not accept (a GNU sparse file, type S, or another extension)');
        const type = entry.type ?? 'file';
        if (!ALLOWED.has(type))
            fail(`unsupported entry type ${type}`);
        const sparse = Object.keys(entry.pax ?? {}).find((k) => k.startsWith('GNU.sparse.'));
        if (sparse)
            fail(`a GNU sparse file (pax ${sparse}): its real size is not what the archive holds`);
        const size = entry.size ?? 0;
        if (size > 0 && !FILE_TYPES.has(type))
            fail(`a ${type} that carries ${size} bytes of data`);
        // GNU tar takes a regular entry named "x/" for a directory; tar-stream, for a file.
        if (FILE_TYPES.has(type) && entry.name.endsWith('/'))
            fail('a file whose name ends with "/" (readers disagree on whether it is a directory)');
        if (this.entries >= this.limits.entries)
            fail(`the archive has more than ${this.limits.entries} entries (KILN_MAX_ARCHIVE_ENTRIES)`);
        this.dataBytes += size;
        if (this.dataBytes > this.limits.bytes)
            fail(`the archive expands to more than ${this.limits.bytes} bytes (KILN_MAX_ARCHIVE_BYTES)`);
        let path = '';
        try {
            path = normaliseEntryName(entry.name);
        }
        catch (reason) {
            fail(String(reason));
        }
        if (path === '' && type !== 'directory')
            fail(`a ${type} cannot be the root`);
        const through = this.crossedSymlink(path);
        if (through !== null)
            fail(`its path goes through the symlink ${JSON.stringify(through)}`);
        let target = '';
        if (type === 'link') {
            const named = JSON.stringify(entry.linkname);
            try {
                target = normaliseEntryName(entry.linkname ?? '');
            }
            catch (reason) {
                fail(`hardlink target ${named}: ${String(reason)}`);
            }
            if (target === '')
                fail('hardlink to the root');
            const t = this.crossedSymlink(target);
            if (t !== null)
                fail(`hardlink target ${named} goes through the symlink ${JSON.stringify(t)}`);
        }
        if (this.opts.root) {
            const why = this.unsafeOnDisk(parentOf(path));
            if (why)
                fail(why);
            if (type === 'link') {
                const twhy = this.unsafeOnDisk(parentOf(target));
                if (twhy)
                    fail(`hardlink target ${JSON.stringify(entry.linkname)}: ${twhy}`);
            }
        }
        if (type === 'link') {
            const named = JSON.stringify(entry.linkname);
            if (this.symlinks.has(target))
                fail(`hardlink to the symlink ${named} (readers disagree on whether it links the symlink or its target)`);
            if (!this.linkable.has(target))
                fail(`hardlink target ${named} is not a file written earlier in the archive`);
        }
        if (type === 'symlink') {
            this.symlinks.add(path);
            this.linkable.delete(path);
        }
        else if (type === 'directory') {
            if (this.symlinks.has(path))
                fail('a directory over a symlink of the same name');
            this.linkable.delete(path);
        }
        else {
            // A file or device replaces a link of the same name: extractors unlink it first.
            this.symlinks.delete(path);
            this.linkable.add(path);
        }
        this.entries++;
        return path;
    }
    /** Why writing below `dir` (relative to opts.root) would leave the root through a symlink on disk, or null. */
    unsafeOnDisk(dir) {
        if (!dir)
            return null;
        const cached = this.onDisk.get(dir);
        if (cached !== undefined)
            return cached;
        const why = resolveInRoot(this.opts.root, dir);
        this.onDisk.set(dir, why);
        return why;
    }
    /** The first proper ancestor of `path` that is a known symlink, or null. */
    crossedSymlink(path) {
        if (this.symlinks.size === 0)
            return null;
        let i = path.indexOf('/');
        while (i !== -1) {
            const prefix = path.slice(0, i);
            if (this.symlinks.has(prefix))
                return prefix;
            i = path.indexOf('/', i + 1);
        }
        return null;
    }
}
function parentOf(path) {
    return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}
/**
 * Follows `rel` inside `root` as the host would (symlinks included) without leaving it:
 * null when every step stays inside (or a step does not exist yet: tar creates it), else the
 * reason. Absolute link targets are refused because on the host they point outside the root.
 */
function resolveInRoot(root, rel) {
    const queue = rel.split('/');
    const real = [];
    let hops = 0;
    while (queue.length) {
        const c = queue.shift();
        if (c === '' || c === '.')
            continue;
        if (c === '..') {
            if (!real.length)
                return `the existing symlinks under the root lead out of it (at ${JSON.stringify(rel)})`;
            real.pop();
            continue;
        }
        let st;
        try {
            st = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.lstatSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, ...real, c));
        }
        catch {
            return null;
        }
        if (st.isSymbolicLink()) {
            if (++hops > 40)
                return `too many levels of symlinks under ${JSON.stringify(rel)}`;
            const target = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, ...real, c));
            if (target.startsWith('/')) {
                return `its path goes through the existing symlink ${JSON.stringify([...real, c].join('/'))} -> ${target} (absolute: outside the root on the host)`;
            }
            queue.unshift(...target.split('/'));
            continue;
        }
        if (!st.isDirectory())
            return `its path goes through ${JSON.stringify([...real, c].join('/'))}, which is not a directory`;
        real.push(c);
    }
    return null;
}
/** pax keys that change an entry's name or framing: readers differ on a global one. */
const GLOBAL_REFUSED = ['path', 'linkpath', 'size'];
/**
 * Refuses, as tar-stream reads them, metadata records on which readers disagree: tar-stream
 * applies the last of a GNU `L` name and a pax `path`, GNU tar the pax one, others the
 * first; a pax global `path` is applied by some readers to every later entry, by
 * tar-stream only to entries that have a pax header of their own. tar-stream keeps these
 * records to itself, so its decoder is wrapped (pinned major version; a test fails if it
 * changes shape).
 */
function watchMetaRecords(parser, refuse) {
    const p = parser;
    const decode = p._decodeLongHeader?.bind(parser);
    if (!decode)
        throw new Error('tar-stream no longer decodes metadata records where Kiln expects it');
    p._decodeLongHeader = (buf) => {
        const kind = p._header?.type;
        const had = { pax: p._pax, name: p._gnuLongPath, link: p._gnuLongLinkPath };
        decode(buf);
        const name = p._gnuLongPath ?? p._pax?.path ?? had.name ?? '(metadata record)';
        if (kind === 'pax-global-header') {
            const keys = Object.keys(p._paxGlobal ?? {}).filter((k) => GLOBAL_REFUSED.includes(k) || k.startsWith('GNU.sparse.'));
            if (keys.length)
                refuse('(pax global header)', `a pax global header sets ${keys.join(', ')} (readers disagree on what it applies to)`);
        }
        else if (kind === 'pax-header') {
            if (had.pax)
                refuse(name, 'two pax extended headers for one entry');
            // tar-stream ignores an empty path or linkpath; GNU tar and Go apply it.
            for (const key of ['path', 'linkpath'])
                if (p._pax?.[key] === '')
                    refuse(name, `an empty pax ${key} (readers disagree on whether it applies)`);
            if ('path' in (p._pax ?? {}) && p._gnuLongPath !== null)
                refuse(name, 'both a GNU long name and a pax path for one entry (readers disagree on which wins)');
            if ('linkpath' in (p._pax ?? {}) && p._gnuLongLinkPath !== null)
                refuse(name, 'both a GNU long link name and a pax linkpath for one entry');
        }
        else if (kind === 'gnu-long-path') {
            if (had.name !== null)
                refuse(name, 'two GNU long names for one entry');
            if (had.pax && 'path' in had.pax)
                refuse(name, 'both a pax path and a GNU long name for one entry (readers disagree on which wins)');
        }
        else if (kind === 'gnu-long-link-path') {
            if (had.link !== null)
                refuse(name, 'two GNU long link names for one entry');
            if (had.pax && 'linkpath' in had.pax)
                refuse(name, 'both a pax linkpath and a GNU long link name for one entry');
        }
    };
}
/**
 * The one reader of an outside archive: tar-stream's parser, its metadata records watched,
 * every entry judged by a TarGuard, the uncompressed bytes counted. `onEntry` sees only
 * approved entries and must consume the body; the first failure is reported to `fail` and
 * no later entry is handed out.
 */
class CheckedReader {
    archive;
    onFailure;
    guard;
    parser = tar_stream__WEBPACK_IMPORTED_MODULE_6__.extract();
    bytes = 0;
    failure = null;
    constructor(archive, opts, onFailure, onEntry = drain) {
        this.archive = archive;
        this.onFailure = onFailure;
        this.guard = new TarGuard(archive, opts);
        watchMetaRecords(this.parser, (entry, reason) => this.fail(new TarSafetyError(archive, entry, reason)));
        this.parser.on('entry', (header, body, next) => {
            // A truncated archive errors the entry too; the parser's own error reports it.
            body.on('error', () => { });
            if (this.failure) {
                body.resume();
                return;
            }
            let path;
            try {
                path = this.guard.check(header);
            }
            catch (e) {
                this.fail(e);
                body.resume();
                return;
            }
            onEntry({ path, header }, body).then(() => next(), (e) => {
                this.fail(e instanceof Error ? e : new Error(String(e)));
                body.resume();
            });
        });
        this.parser.on('error', (e) => this.fail(e instanceof TarSafetyError ? e : new Error(`${archive}: not a valid tar archive: ${e.message}`)));
    }
    /** Counts `n` more uncompressed bytes; false (and the reader failed) past the limit. */
    count(n) {
        this.bytes += n;
        if (this.bytes <= this.guard.limits.bytes)
            return true;
        this.fail(new TarSafetyError(this.archive, '(whole archive)', `the archive expands to more than ${this.guard.limits.bytes} bytes (KILN_MAX_ARCHIVE_BYTES)`));
        return false;
    }
    fail(e) {
        if (this.failure)
            return;
        this.failure = e;
        this.onFailure(e);
    }
}
async function drain(_entry, body) {
    for await (const _ of body)
        void _;
}
/**
 * A pass-through stream that checks a plain (uncompressed) tar while it flows: output bytes
 * are the input bytes. It fails with TarSafetyError on the first bad entry, and with an error
 * naming the archive when the tar is truncated or malformed. Whatever consumed the bytes so
 * far must be discarded on failure (putLayer does: its temp file is removed).
 */
function checkedTar(archive, opts = {}) {
    return new CheckedTar(archive, opts);
}
class CheckedTar extends node_stream__WEBPACK_IMPORTED_MODULE_4__.Transform {
    guard;
    reader;
    constructor(archive, opts) {
        super({ highWaterMark: 1 << 20 });
        this.reader = new CheckedReader(archive, opts, (e) => this.destroy(e));
        this.guard = this.reader.guard;
    }
    _transform(chunk, _enc, cb) {
        const { reader } = this;
        if (reader.failure || !reader.count(chunk.length))
            return cb(reader.failure);
        this.push(chunk);
        if (reader.parser.write(chunk))
            cb();
        else
            reader.parser.once('drain', () => cb());
    }
    _flush(cb) {
        const { reader } = this;
        if (reader.failure)
            return cb(reader.failure);
        reader.parser.once('finish', () => cb(reader.failure ?? undefined));
        reader.parser.end(undefined);
    }
}
/**
 * Checks a whole tar (any compression) without keeping anything; resolves with the entry
 * count. Give `opts.root` when the archive will then be extracted over an existing tree.
 */
async function checkTar(input, archive, reporter, opts = {}) {
    const check = checkedTar(archive, opts);
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)((0,_compression_js__WEBPACK_IMPORTED_MODULE_8__/* .decompressStream */ .Ct)(input, archive, reporter), check, async (src) => {
        for await (const _ of src)
            void _;
    });
    return check.guard.entries;
}
/**
 * Extracts a tar (gzip, xz, zstd, bzip2 or plain) into `dest`, which must not exist yet:
 * into a temporary sibling first, renamed to `dest` only when every entry passed the checks
 * and the archive ended cleanly; on failure the temporary directory is removed. What is
 * written is exactly what the check approved: the entries come from the same parser, each
 * one after its check, and every path is resolved with secureJoin besides. Owners are kept
 * (numeric) when running as root. Device nodes and fifos are skipped, and extended
 * attributes are not restored.
 */
async function extractTar(input, dest, opts) {
    if (await stat(dest).catch(() => null))
        throw new Error(`extract ${opts.archive}: ${dest} already exists`);
    const tmp = join(dirname(dest), `.${basename(dest)}.extract-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(tmp, { recursive: true });
    const writer = new EntryWriter(tmp, opts);
    const reader = new CheckedReader(opts.archive, { limits: opts.limits }, (e) => sink.destroy(e), (entry, body) => writer.write(entry, body));
    const sink = new Writable({
        highWaterMark: 1 << 20,
        write(chunk, _enc, cb) {
            if (reader.failure || !reader.count(chunk.length))
                return cb(reader.failure);
            if (reader.parser.write(chunk))
                cb();
            else
                reader.parser.once('drain', () => cb());
        },
        final(cb) {
            if (reader.failure)
                return cb(reader.failure);
            reader.parser.once('finish', () => cb(reader.failure ?? undefined));
            reader.parser.end(undefined);
        }
    });
    try {
        await pipeline(decompressStream(input, opts.archive, opts.reporter), sink);
        await writer.finish();
        await rename(tmp, dest);
    }
    catch (e) {
        await rm(tmp, { recursive: true, force: true });
        if (e instanceof TarSafetyError)
            throw e;
        throw new Error(`extract ${opts.archive}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
}
/** Writes approved entries under a fresh root; directory modes and times are set last. */
class EntryWriter {
    root;
    opts;
    asRoot = process.getuid?.() === 0;
    dirs = [];
    constructor(root, opts) {
        this.root = root;
        this.opts = opts;
    }
    async write({ path, header }, body) {
        const type = header.type ?? 'file';
        const mode = (header.mode ?? (type === 'directory' ? 0o755 : 0o644)) & 0o7777;
        if (type === 'directory') {
            const at = path === '' ? this.root : await secureJoin(this.root, path);
            await mkdir(at, { recursive: true, mode: 0o700 });
            await this.own(at, header);
            this.dirs.push({ at, mode, mtime: header.mtime });
            return drain({ path, header }, body);
        }
        // The parent is resolved inside the root; the last component is replaced, never followed.
        const parent = await secureJoin(this.root, dirname(path));
        await mkdir(parent, { recursive: true, mode: 0o755 });
        const at = join(parent, basename(path));
        await rm(at, { force: true });
        switch (type) {
            case 'file':
            case 'contiguous-file':
                await pipeline(body, createWriteStream(at, { flags: 'wx', mode: 0o600 }));
                await this.own(at, header);
                await chmod(at, mode);
                if (header.mtime)
                    await utimes(at, header.mtime, header.mtime);
                return;
            case 'symlink':
                await symlink(header.linkname ?? '', at);
                await this.own(at, header);
                if (header.mtime)
                    await lutimes(at, header.mtime, header.mtime);
                return drain({ path, header }, body);
            case 'link': {
                const target = normaliseEntryName(header.linkname ?? '');
                await link(join(await secureJoin(this.root, dirname(target)), basename(target)), at);
                return drain({ path, header }, body);
            }
            default:
                this.opts.reporter?.debug(`${this.opts.archive}: ${path}: ${type} not extracted`);
                return drain({ path, header }, body);
        }
    }
    /** Modes last (a read-only directory would refuse its own entries), deepest first. */
    async finish() {
        for (const d of this.dirs.reverse()) {
            await chmod(d.at, d.mode);
            if (d.mtime)
                await utimes(d.at, d.mtime, d.mtime);
        }
    }
    async own(at, header) {
        if (this.asRoot)
            await lchown(at, header.uid ?? 0, header.gid ?? 0);
    }
}


/***/ }),

/***/ 5272:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ spawnStream)
/* harmony export */ });
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4434);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37895);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57636);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(29906);
/**
 * Streaming companion to exec.ts for tools whose stdin or stdout is bulk data (a tar from
 * mmdebstrap or `docker save`, a tar into `docker load`, zstd/xz decompression): the data
 * flows through pipes and is never buffered; stderr is kept as a tail for error messages.
 */




/**
 * Starts a tool with piped stdout. stdin is fed from opts.stdin, or left as a pipe the caller
 * writes (pass stdin: undefined and use .stdin), or ignored.
 */
function spawnStream(file, args, opts = {}) {
    const reporter = opts.reporter ?? new _log_js__WEBPACK_IMPORTED_MODULE_2__/* .SilentReporter */ .hs();
    const command = [file, ...args].join(' ');
    reporter.debug(`$ ${command}`);
    const tail = new _exec_js__WEBPACK_IMPORTED_MODULE_0__/* .Tail */ .PW();
    (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .refuseAfterInterrupt */ .E9)(command);
    const [spawnFile, spawnArgs] = (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .dieWithKiln */ .N7)(file, args);
    const child = (0,execa__WEBPACK_IMPORTED_MODULE_3__/* .execa */ .Ho)(spawnFile, spawnArgs, {
        cwd: opts.cwd,
        env: opts.env,
        reject: false,
        buffer: false,
        stdin: opts.stdin && opts.stdin !== 'ignore' ? 'pipe' : opts.pipeStdin ? 'pipe' : 'ignore',
        stdout: 'pipe',
        stderr: 'pipe',
        cancelSignal: opts.signal,
        forceKillAfterDelay: _lifecycle_js__WEBPACK_IMPORTED_MODULE_1__/* .GRACE_MS */ .g3
    });
    (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_1__/* .trackProcess */ .Zq)(child, false);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d) => tail.push(d, opts.onLine));
    if (opts.stdin && opts.stdin !== 'ignore' && child.stdin) {
        const input = opts.stdin;
        const sink = child.stdin;
        // A tool that exits early closes its stdin: that is reported through its exit status.
        sink.on('error', () => { });
        input.on('error', () => child.kill());
        // eslint-disable-next-line no-restricted-syntax -- both ends have their 'error' handlers just above
        input.pipe(sink);
    }
    const done = (async () => {
        const result = await child;
        tail.flush(opts.onLine);
        const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
        if (result.failed || exitCode !== 0) {
            throw new _exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI(command, result.exitCode, tail.get(), (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .failureReason */ .Hr)(result));
        }
        return { tail: tail.get() };
    })();
    // Callers await `done` after consuming stdout; keep an early rejection from being unhandled.
    done.catch(() => { });
    return {
        stdout: child.stdout,
        stdin: opts.pipeStdin ? child.stdin : null,
        done,
        kill: () => {
            child.kill();
        }
    };
}


/***/ })

};
