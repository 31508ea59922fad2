export const id = 29;
export const ids = [29];
export const modules = {

/***/ 7680:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ READ_AHEAD),
/* harmony export */   q: () => (/* binding */ FileReader)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
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

/***/ 3029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   InputError: () => (/* binding */ InputError),
/* harmony export */   h: () => (/* binding */ resolveLayers),
/* harmony export */   resolveInput: () => (/* binding */ resolveInput)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4434);
/* harmony import */ var _file_reader_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7680);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7137);
/**
 * Where the layers of an image come from, reduced to one shape: regions of uncompressed
 * tar on disk, bottom layer first. A layer inside a `docker save` tarball or an OCI
 * archive is just a region of that file (no copy); compressed layers are decompressed
 * once to a temporary file; stdin is spooled first, because a save stream may put
 * manifest.json (the layer order) last.
 */









class InputError extends Error {
}
function isLayerRef(x) {
    return 'diffID' in x;
}
/** Temporary directory for one input; removed by cleanup(). */
async function scratch() {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(process.env.KILN_TMPDIR ?? (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'kiln-export-'));
    return { dir, cleanup: () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true }) };
}
/**
 * Opens an input: `-` (stdin), a `docker save` tarball (legacy or OCI form), an OCI
 * archive, or an OCI layout directory (optionally `DIR:TAG`).
 */
async function resolveInput(input, stdin = process.stdin) {
    const tmp = await scratch();
    try {
        let path = input;
        if (input === '-') {
            path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(tmp.dir, 'stdin.tar');
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(stdin, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(path));
        }
        const layers = await resolvePath(path, tmp.dir);
        return { layers, cleanup: tmp.cleanup };
    }
    catch (e) {
        await tmp.cleanup();
        throw e;
    }
}
/** Store layers (or layer sources) to sources, decompressing any that are compressed. */
async function resolveLayers(layers) {
    const tmp = await scratch();
    try {
        const out = [];
        for (const [i, l] of layers.entries()) {
            const src = isLayerRef(l) ? { path: l.path, offset: 0, length: l.size, digest: l.diffID } : l;
            out.push(await uncompressed(src, tmp.dir, i));
        }
        return { layers: out, cleanup: tmp.cleanup };
    }
    catch (e) {
        await tmp.cleanup();
        throw e;
    }
}
async function resolvePath(input, tmpDir) {
    let path = input;
    let tag;
    let st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path).catch(() => null);
    if (!st && input.includes(':')) {
        path = input.slice(0, input.lastIndexOf(':'));
        tag = input.slice(input.lastIndexOf(':') + 1);
        st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path).catch(() => null);
    }
    if (!st)
        throw new InputError(`${input}: no such file or directory`);
    if (st.isDirectory())
        return fromLayoutDir(path, tag, tmpDir);
    const reader = await _file_reader_js__WEBPACK_IMPORTED_MODULE_6__/* .FileReader */ .q.open(path);
    try {
        const members = new Map();
        for await (const e of (0,_tar_js__WEBPACK_IMPORTED_MODULE_7__/* .readHeaders */ .jB)(reader, 0, st.size, path)) {
            if (e.type === 'file')
                members.set(e.rawPath.replace(/^\.?\//, ''), { offset: e.dataOffset, size: e.size });
        }
        const readJson = async (name) => {
            const m = members.get(name);
            if (!m)
                throw new InputError(`${path}: no ${name} in the archive`);
            return JSON.parse((await reader.readFresh(m.offset, m.size)).toString('utf8'));
        };
        const regionOf = (name) => {
            const m = members.get(name);
            if (!m)
                throw new InputError(`${path}: layer ${name} named by the manifest is not in the archive`);
            return { path, offset: m.offset, length: m.size };
        };
        let names;
        if (members.has('manifest.json') && !tag) {
            // docker save (both forms): [{Config, RepoTags, Layers: ["<id>/layer.tar" | "blobs/sha256/<hex>"]}]
            const manifest = (await readJson('manifest.json'));
            if (!Array.isArray(manifest) || !manifest[0]?.Layers)
                throw new InputError(`${path}: manifest.json has no Layers`);
            if (manifest.length > 1)
                throw new InputError(`${path}: holds ${manifest.length} images; save one image at a time`);
            names = manifest[0].Layers;
        }
        else if (members.has('index.json')) {
            names = await ociLayers((p) => readJson(p), path, tag);
        }
        else {
            throw new InputError(`${path}: neither a docker save tarball (manifest.json) nor an OCI archive (index.json)`);
        }
        const out = [];
        for (const [i, n] of names.entries()) {
            const src = regionOf(n);
            const hex = /([0-9a-f]{64})/.exec(n)?.[1];
            out.push(await uncompressed({ ...src, digest: hex ? `sha256:${hex}` : undefined }, tmpDir, i));
        }
        return out;
    }
    finally {
        await reader.close();
    }
}
const blobPath = (digest) => `blobs/${digest.replace(':', '/')}`;
/** Layer blob paths of an OCI image: index.json → (nested index →) manifest → layers. */
async function ociLayers(readJson, where, tag) {
    const index = (await readJson('index.json'));
    let list = index.manifests ?? [];
    if (tag) {
        list = list.filter((m) => {
            const ref = m.annotations?.['org.opencontainers.image.ref.name'] ?? '';
            return ref === tag || ref.endsWith(`:${tag}`);
        });
        if (!list.length)
            throw new InputError(`${where}: no image tagged ${tag} in index.json`);
    }
    if (list.length !== 1) {
        throw new InputError(`${where}: index.json names ${list.length} images; pick one with ${where}:TAG`);
    }
    let desc = list[0];
    for (let depth = 0; depth < 4; depth++) {
        const doc = (await readJson(blobPath(desc.digest)));
        if (doc.layers)
            return doc.layers.map((l) => blobPath(l.digest));
        const ms = doc.manifests ?? [];
        const pick = ms.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ?? ms[0];
        if (!pick)
            break;
        desc = pick;
    }
    throw new InputError(`${where}: no image manifest found under ${desc.digest}`);
}
async function fromLayoutDir(dir, tag, tmpDir) {
    const { readFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1455, 23));
    const readJson = async (p) => JSON.parse(await readFile((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, p), 'utf8'));
    const names = await ociLayers(readJson, dir, tag);
    const out = [];
    for (const [i, n] of names.entries()) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, n);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path).catch(() => null);
        if (!st)
            throw new InputError(`${dir}: layer blob ${n} is missing`);
        out.push(await uncompressed({ path, offset: 0, length: st.size, digest: n.replace('blobs/', '').replace('/', ':') }, tmpDir, i));
    }
    return out;
}
/** The source itself when it is plain tar; else decompressed once (gzip or zstd) to a temp file. */
async function uncompressed(src, tmpDir, i) {
    const reader = await _file_reader_js__WEBPACK_IMPORTED_MODULE_6__/* .FileReader */ .q.open(src.path);
    let magic;
    try {
        magic = Buffer.from(await reader.read(src.offset, Math.min(4, src.length)));
    }
    finally {
        await reader.close();
    }
    const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
    const zstd = magic.readUInt32LE(0) === 0xfd2fb528;
    if (!gzip && !zstd)
        return src;
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(tmpDir, `layer-${i}.tar`);
    const input = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(src.path, {
        start: src.offset,
        end: src.offset + src.length - 1,
        highWaterMark: 1 << 20
    });
    if (gzip) {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(input, (0,node_zlib__WEBPACK_IMPORTED_MODULE_5__.createGunzip)(), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(out));
    }
    else {
        const child = (0,execa__WEBPACK_IMPORTED_MODULE_8__/* .execa */ .Ho)('zstd', ['-d', '-q', '-c'], { stdin: 'pipe', stdout: { file: out }, stderr: 'pipe' });
        await Promise.all([(0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(input, child.stdin), child]).catch((e) => {
            throw new InputError(`${src.path}: layer ${i}: zstd -d failed: ${e instanceof Error ? e.message : String(e)}`);
        });
    }
    return { path: out, offset: 0, length: (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(out)).size, digest: src.digest };
}


/***/ }),

/***/ 7137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fd: () => (/* binding */ normalizePath),
/* harmony export */   RQ: () => (/* binding */ paddingFor),
/* harmony export */   YS: () => (/* binding */ encodeHeader),
/* harmony export */   bM: () => (/* binding */ END_OF_ARCHIVE),
/* harmony export */   bx: () => (/* binding */ baseOf),
/* harmony export */   gN: () => (/* binding */ parentOf),
/* harmony export */   jB: () => (/* binding */ readHeaders)
/* harmony export */ });
/* unused harmony exports BLOCK, parsePax, TarFormatError */
/**
 * A minimal tar codec: enough of ustar, PAX (`x`/`g`) and GNU (`L`/`K`) to read layer
 * headers without touching file data, and to write ustar + PAX headers. Hand-rolled on
 * purpose: the flattener reads only 512-byte headers and skips data by offset, which a
 * stream parser cannot do.
 */
const BLOCK = 512;
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
function readString(buf, off, len) {
    const end = buf.indexOf(0, off);
    return buf.toString('utf8', off, end < 0 || end > off + len ? off + len : end);
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
/** PAX records: "LEN key=value\n"; values kept as bytes (xattrs may be binary). */
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
        rec.set(data.toString('utf8', sp + 1, eq), Buffer.from(data.subarray(eq + 1, i + len - 1)));
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
            if (k === 'path')
                name = v.toString('utf8');
            else if (k === 'linkpath')
                linkname = v.toString('utf8');
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
                throw new TarFormatError(`${where}: sparse file ${name} is not supported`);
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
    const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
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
function ustar(name, prefix, typeflag, e, link, dev) {
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
    h.write('ustar\0', 257, 6, 'latin1');
    h.write('00', 263, 2, 'latin1');
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
/** The header block(s) of one member: a PAX `x` member first when a field does not fit ustar. */
function encodeHeader(e) {
    const nameBuf = Buffer.from(e.name, 'utf8');
    const linkBuf = Buffer.from(e.linkname ?? '', 'utf8');
    const split = splitName(nameBuf);
    const records = [];
    if (!split)
        records.push(paxRecord('path', nameBuf));
    if (linkBuf.length > 100)
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
    if (!records.length)
        return main;
    const body = Buffer.concat(records);
    const base = Buffer.from(e.name.replace(/\/+$/, '').split('/').pop() || 'root', 'utf8').subarray(0, 80);
    const paxName = Buffer.concat([Buffer.from('PaxHeaders/'), base]);
    const ph = ustar(paxName, Buffer.alloc(0), 'x', { mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: e.mtime }, Buffer.alloc(0), [0, 0]);
    return Buffer.concat([ph, body, Buffer.alloc(pad(body.length)), main]);
}
function paddingFor(size) {
    return pad(size);
}
/** Two zero blocks end an archive. */
const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);


/***/ })

};
