export const id = 955;
export const ids = [955,137,178];
export const modules = {

/***/ 77680:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ READ_AHEAD),
/* harmony export */   q: () => (/* binding */ FileReader)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);

/** Bytes read ahead per read(): a read for anything up to this size is served from the window. */
const READ_AHEAD = 64 << 10;
/**
 * Positional reads on one file with a 64 KiB read-ahead window: walking the headers of a
 * layer full of small files then costs one read per window instead of one per member. The
 * window is reused, so read()'s result is only valid until the next read.
 */
class FileReader {
    path;
    fh;
    winStart = 0;
    win = Buffer.alloc(0);
    winBuf = Buffer.allocUnsafe(READ_AHEAD);
    constructor(path, fh) {
        this.path = path;
        this.fh = fh;
    }
    static async open(path) {
        return new FileReader(path, await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r'));
    }
    /** Bytes [pos, pos+len), served from the window: valid until the next read (copy what you keep). */
    async read(pos, len) {
        if (pos >= this.winStart && pos + len <= this.winStart + this.win.length) {
            return this.win.subarray(pos - this.winStart, pos - this.winStart + len);
        }
        if (len > READ_AHEAD)
            return this.readFresh(pos, len);
        const { bytesRead } = await this.fh.read(this.winBuf, 0, READ_AHEAD, pos);
        this.winStart = pos;
        this.win = this.winBuf.subarray(0, bytesRead);
        return this.win.subarray(0, Math.min(len, bytesRead));
    }
    /** Reads into a new buffer that the caller owns (for data handed on to asynchronous writers). */
    async readFresh(pos, len) {
        const buf = Buffer.allocUnsafe(len);
        let done = 0;
        while (done < len) {
            const { bytesRead } = await this.fh.read(buf, done, len - done, pos + done);
            if (bytesRead === 0)
                throw new Error(`${this.path}: unexpected end of file at byte ${pos + done}`);
            done += bytesRead;
        }
        return buf;
    }
    /** Reads into part of an existing buffer. */
    async readInto(buf, off, len, pos) {
        let done = 0;
        while (done < len) {
            const { bytesRead } = await this.fh.read(buf, off + done, len - done, pos + done);
            if (bytesRead === 0)
                throw new Error(`${this.path}: unexpected end of file at byte ${pos + done}`);
            done += bytesRead;
        }
    }
    async close() {
        await this.fh.close();
    }
}


/***/ }),

/***/ 77137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fd: () => (/* binding */ normalizePath),
/* harmony export */   RQ: () => (/* binding */ paddingFor),
/* harmony export */   TarFormatError: () => (/* binding */ TarFormatError),
/* harmony export */   YS: () => (/* binding */ encodeHeader),
/* harmony export */   b6: () => (/* binding */ textOf),
/* harmony export */   bM: () => (/* binding */ END_OF_ARCHIVE),
/* harmony export */   bx: () => (/* binding */ baseOf),
/* harmony export */   fW: () => (/* binding */ binaryName),
/* harmony export */   g$: () => (/* binding */ printable),
/* harmony export */   gN: () => (/* binding */ parentOf),
/* harmony export */   jB: () => (/* binding */ readHeaders)
/* harmony export */ });
/* unused harmony exports BLOCK, parsePax */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/**
 * A minimal tar codec: enough of ustar, PAX (`x`/`g`) and GNU (`L`/`K`) to read layer
 * headers without touching file data, and to write ustar + PAX headers. Hand-rolled on
 * purpose: the flattener reads only 512-byte headers and skips data by offset, which a
 * stream parser cannot do.
 *
 * Names are bytes. A Linux file name is any bytes but '/' and NUL, and not every image's
 * names are UTF-8 (a Latin-1 `caf\xe9` beside a UTF-8 `café`): decoded as UTF-8, two
 * names would become one U+FFFD name and a file would be lost. So every name, link name
 * and PAX key read here is a *binary string*: one char per byte (latin1), which keeps the
 * bytes 1:1, still splits on '/' and compares with ASCII literals ('boot/vmlinuz-',
 * '.wh.'), and sorts like the bytes. Convert with `binaryName()` when a name comes from
 * the user (UTF-8) and with `printable()` when one goes into a message.
 */

const BLOCK = 512;
/** A UTF-8 string (the command line, JSON) as the binary string of its bytes. */
function binaryName(utf8) {
    return Buffer.from(utf8, 'utf8').toString('latin1');
}
/** The UTF-8 text a binary string holds (for JSON); a name that is not UTF-8 gets U+FFFD. */
function textOf(binary) {
    return Buffer.from(binary, 'latin1').toString('utf8');
}
/**
 * A binary-string name for a message: its text when it is UTF-8, control characters and
 * (when it is not UTF-8) every byte above 0x7f written as `\xNN`, so a name can neither
 * forge a log line nor pass for another name.
 */
function printable(binary) {
    const bytes = Buffer.from(binary, 'latin1');
    const hex = (c) => `\\x${c.toString(16).padStart(2, '0')}`;
    const text = (0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(bytes)
        ? bytes.toString('utf8')
        : binary.replace(/[\x80-\xff]/g, (c) => hex(c.charCodeAt(0)));
    return text.replace(/[\x00-\x1f\x7f]/g, (c) => hex(c.charCodeAt(0)));
}
/** A path from an archive, made relative and safe: null when it would escape the root. */
function normalizePath(raw) {
    const out = [];
    for (const part of raw.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (out.length === 0)
                return null;
            out.pop();
            continue;
        }
        out.push(part);
    }
    return out.join('/');
}
function parentOf(path) {
    const i = path.lastIndexOf('/');
    return i < 0 ? '' : path.slice(0, i);
}
function baseOf(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
// ---------------------------------------------------------------- reading
/** A NUL-terminated name field as a binary string (see the top of this file). */
function readString(buf, off, len) {
    const end = buf.indexOf(0, off);
    return buf.toString('latin1', off, end < 0 || end > off + len ? off + len : end);
}
function readNumber(buf, off, len) {
    // GNU base-256: high bit of the first byte set (big sizes, big uids, negative times).
    if (buf[off] & 0x80) {
        let v = buf[off] & 0x7f;
        for (let i = 1; i < len; i++)
            v = v * 256 + buf[off + i];
        return v;
    }
    const s = buf
        .toString('latin1', off, off + len)
        .replace(/\0.*$/s, '')
        .trim();
    return s ? parseInt(s, 8) : 0;
}
/** PAX records: "LEN key=value\n"; keys as binary strings, values kept as bytes (xattrs may be binary). */
function parsePax(data) {
    const rec = new Map();
    let i = 0;
    while (i < data.length) {
        const sp = data.indexOf(0x20, i);
        if (sp < 0)
            break;
        const len = parseInt(data.toString('latin1', i, sp), 10);
        if (!(len > 0) || i + len > data.length)
            break;
        const eq = data.indexOf(0x3d, sp);
        if (eq < 0 || eq >= i + len)
            break;
        // Copied: the reader reuses its buffer.
        rec.set(data.toString('latin1', sp + 1, eq), Buffer.from(data.subarray(eq + 1, i + len - 1)));
        i += len;
    }
    return rec;
}
function checksumOk(h) {
    const stored = readNumber(h, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 32 : h[i];
    return sum === stored;
}
const TYPES = {
    '0': 'file',
    '\0': 'file',
    '7': 'file',
    '1': 'link',
    '2': 'symlink',
    '3': 'char',
    '4': 'block',
    '5': 'dir',
    '6': 'fifo'
};
class TarFormatError extends Error {
}
/**
 * Walks the headers of the tar that lies in [start, start+length) and yields each member,
 * PAX and GNU long names applied. Data is never read (only skipped), except for the
 * small PAX/GNU meta members.
 */
async function* readHeaders(src, start, length, where) {
    const end = start + length;
    let pos = start;
    let global = new Map();
    let pax = null;
    let longName = null;
    let longLink = null;
    while (pos + BLOCK <= end) {
        const h = await src.read(pos, BLOCK);
        if (h.length < BLOCK)
            throw new TarFormatError(`${where}: truncated tar header at byte ${pos - start}`);
        if (h.every((b) => b === 0))
            return;
        if (!checksumOk(h))
            throw new TarFormatError(`${where}: bad tar header checksum at byte ${pos - start}`);
        const typeflag = String.fromCharCode(h[156]);
        let size = readNumber(h, 124, 12);
        const dataOffset = pos + BLOCK;
        const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
        if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
            const data = await src.read(dataOffset, size);
            if (typeflag === 'x')
                pax = parsePax(data);
            else if (typeflag === 'g')
                global = new Map([...global, ...parsePax(data)]);
            else if (typeflag === 'L')
                longName = readString(data, 0, data.length);
            else
                longLink = readString(data, 0, data.length);
            pos = next;
            continue;
        }
        const type = TYPES[typeflag];
        if (!type)
            throw new TarFormatError(`${where}: unsupported tar member type '${typeflag}' at byte ${pos - start}`);
        const magic = h.toString('latin1', 257, 263);
        let name = readString(h, 0, 100);
        if (magic === 'ustar\0') {
            const prefix = readString(h, 345, 155);
            if (prefix)
                name = `${prefix}/${name}`;
        }
        let linkname = readString(h, 157, 100);
        let uid = readNumber(h, 108, 8);
        let gid = readNumber(h, 116, 8);
        let mtime = readNumber(h, 136, 12);
        const rec = pax ? new Map([...global, ...pax]) : global;
        if (longName !== null)
            name = longName;
        if (longLink !== null)
            linkname = longLink;
        let xattrs;
        for (const [k, v] of rec) {
            // Bytes as they are, whatever `hdrcharset` says: UTF-8 by the standard, BINARY when a
            // writer (Python, libarchive) flags a name that is not UTF-8, raw bytes unflagged from
            // GNU tar and Go; decoding none of them is the only reading that keeps every name.
            if (k === 'path')
                name = v.toString('latin1');
            else if (k === 'linkpath')
                linkname = v.toString('latin1');
            else if (k === 'size')
                size = parseInt(v.toString(), 10);
            else if (k === 'uid')
                uid = parseInt(v.toString(), 10);
            else if (k === 'gid')
                gid = parseInt(v.toString(), 10);
            else if (k === 'mtime')
                mtime = Math.floor(parseFloat(v.toString()));
            else if (k.startsWith('SCHILY.xattr.'))
                (xattrs ??= {})[k.slice(13)] = v;
            else if (k.startsWith('GNU.sparse'))
                throw new TarFormatError(`${where}: sparse file ${printable(name)} is not supported`);
        }
        pax = null;
        longName = longLink = null;
        const dataSize = type === 'file' ? size : 0;
        yield {
            rawPath: name,
            rawLinkname: linkname,
            typeflag,
            type,
            mode: readNumber(h, 100, 8) & 0o7777,
            uid,
            gid,
            size: dataSize,
            mtime,
            devmajor: readNumber(h, 329, 8),
            devminor: readNumber(h, 337, 8),
            xattrs,
            dataOffset
        };
        // A PAX size overrides the header's; skip by the real size.
        pos = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    }
}
const TYPEFLAG = {
    file: '0',
    link: '1',
    symlink: '2',
    char: '3',
    block: '4',
    dir: '5',
    fifo: '6'
};
function writeOctal(h, off, len, v) {
    const s = Math.max(0, Math.floor(v)).toString(8);
    if (s.length > len - 1)
        return false;
    h.write(s.padStart(len - 1, '0') + '\0', off, len, 'latin1');
    return true;
}
function paxRecord(key, value) {
    const body = Buffer.concat([Buffer.from(` ${key}=`, 'latin1'), value, Buffer.from('\n')]);
    let len = body.length + 1;
    while (String(len).length + body.length !== len)
        len = String(len).length + body.length;
    return Buffer.concat([Buffer.from(String(len)), body]);
}
/** Splits a name into ustar prefix + name, or null when it needs PAX. */
function splitName(name) {
    if (name.length <= 100)
        return [Buffer.alloc(0), name];
    for (let i = Math.min(name.length - 1, 155); i > 0; i--) {
        if (name[i] === 0x2f && name.length - i - 1 <= 100 && name.length - i - 1 > 0) {
            return [name.subarray(0, i), name.subarray(i + 1)];
        }
    }
    return null;
}
/** Magic and version (8 bytes at 257): POSIX ustar ("ustar\0" "00"), and GNU tar's own ("ustar  \0"), which its `L`/`K` members carry. */
const USTAR_MAGIC = 'ustar\u000000';
const GNU_MAGIC = 'ustar  \u0000';
function ustar(name, prefix, typeflag, e, link, dev, magic = USTAR_MAGIC) {
    const h = Buffer.alloc(BLOCK);
    name.copy(h, 0, 0, 100);
    // A value too big for its field is left zero: the PAX record written before carries it.
    writeOctal(h, 100, 8, e.mode);
    writeOctal(h, 108, 8, e.uid);
    writeOctal(h, 116, 8, e.gid);
    writeOctal(h, 124, 12, e.size);
    writeOctal(h, 136, 12, e.mtime);
    h.write(typeflag, 156, 1, 'latin1');
    link.copy(h, 157, 0, 100);
    h.write(magic, 257, 8, 'latin1');
    writeOctal(h, 329, 8, dev[0]);
    writeOctal(h, 337, 8, dev[1]);
    prefix.copy(h, 345, 0, 155);
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += h[i];
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
    return h;
}
function pad(n) {
    return (BLOCK - (n % BLOCK)) % BLOCK;
}
/** A GNU long-name (`L`) or long-link (`K`) member carrying `value`, NUL-terminated. */
function gnuLong(typeflag, value) {
    const body = Buffer.concat([value, Buffer.alloc(1)]);
    const meta = { mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: 0 };
    const h = ustar(Buffer.from('././@LongLink'), Buffer.alloc(0), typeflag, meta, Buffer.alloc(0), [0, 0], GNU_MAGIC);
    return Buffer.concat([h, body, Buffer.alloc(pad(body.length))]);
}
/**
 * The header block(s) of one member: a PAX `x` member first when a field does not fit ustar.
 * Names go out as the bytes they came in as: in the ustar fields when they fit (GNU tar, Go
 * and Docker read those fields as bytes); else in a PAX `path`/`linkpath` record when they
 * are UTF-8, as POSIX wants PAX records to be. A long name that is not UTF-8 goes in a GNU
 * long-name (`L`/`K`) member instead: the PAX way, `hdrcharset=BINARY`, is unknown to GNU
 * tar (the provisioner's tool), which warns "Ignoring unknown extended header keyword" on
 * every such member; `L`/`K` are read silently by GNU tar, Go's archive/tar (Docker, umoci),
 * libarchive, busybox and Python, and keep the bytes.
 */
function encodeHeader(e) {
    const nameBuf = Buffer.from(e.name, 'latin1');
    const linkBuf = Buffer.from(e.linkname ?? '', 'latin1');
    const split = splitName(nameBuf);
    const longLink = linkBuf.length > 100;
    const gnuName = !split && !(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(nameBuf);
    const gnuLink = longLink && !(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(linkBuf);
    const records = [];
    if (!split && !gnuName)
        records.push(paxRecord('path', nameBuf));
    if (longLink && !gnuLink)
        records.push(paxRecord('linkpath', linkBuf));
    const MAX8 = 0o7777777;
    if (e.uid > MAX8)
        records.push(paxRecord('uid', Buffer.from(String(e.uid))));
    if (e.gid > MAX8)
        records.push(paxRecord('gid', Buffer.from(String(e.gid))));
    if (e.size > 0o77777777777)
        records.push(paxRecord('size', Buffer.from(String(e.size))));
    // Sorted so the same xattrs always give the same bytes.
    for (const k of Object.keys(e.xattrs ?? {}).sort())
        records.push(paxRecord(`SCHILY.xattr.${k}`, e.xattrs[k]));
    const [prefix, name] = split ?? [Buffer.alloc(0), nameBuf.subarray(0, 100)];
    const dev = [e.devmajor ?? 0, e.devminor ?? 0];
    const main = ustar(name, prefix, TYPEFLAG[e.type], e, linkBuf.subarray(0, 100), dev);
    const gnu = [...(gnuLink ? [gnuLong('K', linkBuf)] : []), ...(gnuName ? [gnuLong('L', nameBuf)] : [])];
    if (!records.length)
        return gnu.length ? Buffer.concat([...gnu, main]) : main;
    const body = Buffer.concat(records);
    const base = Buffer.from(e.name.replace(/\/+$/, '').split('/').pop() || 'root', 'latin1').subarray(0, 80);
    const paxName = Buffer.concat([Buffer.from('PaxHeaders/'), base]);
    const ph = ustar(paxName, Buffer.alloc(0), 'x', { mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: e.mtime }, Buffer.alloc(0), [0, 0]);
    return Buffer.concat([...gnu, ph, body, Buffer.alloc(pad(body.length)), main]);
}
function paddingFor(size) {
    return pad(size);
}
/** Two zero blocks end an archive. */
const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);


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
