export const id = 891;
export const ids = [891];
export const modules = {

/***/ 5891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ ociArch),
/* harmony export */   Ch: () => (/* binding */ openStore)
/* harmony export */ });
/* unused harmony exports OCI_LAYOUT_VERSION, nextDatedTag */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9735);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5074);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7940);
/**
 * The store as an OCI image layout (image-spec v1.1) on disk:
 *
 *   <root>/oci-layout          {"imageLayoutVersion":"1.0.0"}
 *   <root>/index.json          one descriptor per ref name (moving tag and dated tags)
 *   <root>/blobs/sha256/<hex>  layers (uncompressed tars), configs, manifests
 *   <root>/.kiln-tmp/          blobs being written (same filesystem, so a finished blob is renamed)
 *
 * Modelled on go-containerregistry's layout writer and umoci's cas: a blob is hashed while it
 * is written to a temporary file, then renamed to its digest; a blob already there with the
 * same size is not rewritten. index.json only changes under a lock, by temp + rename, so a
 * reader never sees half of it and a failed build never leaves a tag pointing nowhere.
 */










const OCI_LAYOUT_VERSION = '1.0.0';
const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;
/** Temp files older than this are removed by gc even when their writer's pid is reused. */
const STALE_TEMP_MS = 24 * 3600_000;
/** Manifests and configs larger than this are not what kiln writes: refuse to parse them. */
const MAX_JSON_BLOB = 16 * 1024 * 1024;
/** Opens (creating when absent) the OCI image layout at `root`. */
async function openStore(root) {
    const store = new OciLayoutStore((0,node_path__WEBPACK_IMPORTED_MODULE_4__.resolve)(root));
    await store.init();
    return store;
}
class OciLayoutStore {
    root;
    tmpDir;
    blobDir;
    indexPath;
    lockPath;
    mutex = new _lock_js__WEBPACK_IMPORTED_MODULE_7__/* .Mutex */ .eu();
    constructor(root) {
        this.root = root;
        this.tmpDir = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, _defaults_js__WEBPACK_IMPORTED_MODULE_8__/* .STORE_TMP_DIR */ .Y);
        this.blobDir = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, 'blobs', 'sha256');
        this.indexPath = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, 'index.json');
        this.lockPath = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, 'index.json.lock');
    }
    async init() {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.mkdir)(this.blobDir, { recursive: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.mkdir)(this.tmpDir, { recursive: true });
        const layoutFile = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.root, 'oci-layout');
        const existing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readFile)(layoutFile, 'utf8').catch(() => null);
        if (existing === null) {
            await this.createIfAbsent(layoutFile, JSON.stringify({ imageLayoutVersion: OCI_LAYOUT_VERSION }));
        }
        else {
            let version;
            try {
                version = JSON.parse(existing).imageLayoutVersion;
            }
            catch {
                version = undefined;
            }
            if (typeof version !== 'string')
                throw new Error(`open store ${this.root}: oci-layout is not an OCI image layout marker`);
        }
        const empty = { schemaVersion: 2, mediaType: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_INDEX */ .aq, manifests: [] };
        await this.createIfAbsent(this.indexPath, `${JSON.stringify(empty, null, 2)}\n`);
    }
    blobPath(digest) {
        if (!DIGEST_RE.test(digest))
            throw new Error(`store ${this.root}: not a sha256 digest: ${digest}`);
        return (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.blobDir, digest.slice('sha256:'.length));
    }
    async hasBlob(digest) {
        try {
            return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(this.blobPath(digest))).isFile();
        }
        catch {
            return false;
        }
    }
    async putLayer(tar) {
        const d = await this.putBlobStream(tar, { mediaType: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_LAYER */ .rB });
        return { digest: d.digest, diffID: d.digest, size: d.size, mediaType: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_LAYER */ .rB, path: d.path };
    }
    async putBlob(data, mediaType) {
        const buf = typeof data === 'string' ? Buffer.from(data) : data;
        const digest = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(buf).digest('hex')}`;
        const path = this.blobPath(digest);
        if (!(await sameSize(path, buf.length))) {
            const tmp = this.tempName('blob');
            try {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)(tmp, buf, { flag: 'wx' });
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rename)(tmp, path);
            }
            catch (e) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(tmp, { force: true });
                throw new Error(`store ${this.root}: write blob ${digest}: ${msg(e)}`);
            }
        }
        return { mediaType, digest, size: buf.length };
    }
    async putBlobStream(input, opts = {}) {
        const tmp = this.tempName('blob');
        const out = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(tmp, { flags: 'wx' });
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
        let size = 0;
        const digester = new node_stream__WEBPACK_IMPORTED_MODULE_5__.Transform({
            transform(chunk, _enc, cb) {
                hash.update(chunk);
                size += chunk.length;
                cb(null, chunk);
            }
        });
        try {
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_6__.pipeline)(input, digester, out);
            const digest = `sha256:${hash.digest('hex')}`;
            if (opts.expected && opts.expected !== digest) {
                throw new Error(`content does not match its digest: expected ${opts.expected}, got ${digest}`);
            }
            const path = this.blobPath(digest);
            if (await sameSize(path, size)) {
                // Already there (a base layer saved back from the engine, say): nothing to publish.
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(tmp, { force: true });
            }
            else {
                // The rename publishes the blob: make its bytes durable first. Only new blobs pay.
                const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.open)(tmp, 'r');
                try {
                    await fh.sync();
                }
                finally {
                    await fh.close();
                }
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rename)(tmp, path);
            }
            return { mediaType: opts.mediaType ?? 'application/octet-stream', digest, size, path };
        }
        catch (e) {
            // A stream that failed before the file was opened still opens (and creates) it later:
            // wait for it to close, or the temp file would appear after it was removed.
            if (!out.closed)
                await (0,node_events__WEBPACK_IMPORTED_MODULE_2__.once)(out, 'close').catch(() => undefined);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(tmp, { force: true });
            throw new Error(`store ${this.root}: write blob: ${msg(e)}`, { cause: e });
        }
    }
    async readJsonBlob(digest) {
        const path = this.blobPath(digest);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(path).catch(() => null);
        if (!st)
            throw new Error(`store ${this.root}: blob ${digest} is missing`);
        if (st.size > MAX_JSON_BLOB)
            throw new Error(`store ${this.root}: blob ${digest} is too large for a manifest or config`);
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readFile)(path, 'utf8');
        try {
            return JSON.parse(text);
        }
        catch (e) {
            throw new Error(`store ${this.root}: blob ${digest} is not JSON: ${msg(e)}`);
        }
    }
    async putImage(image) {
        if (!image.name || !/^[A-Za-z0-9][A-Za-z0-9._\-/:@+]*$/.test(image.name)) {
            throw new Error(`store ${this.root}: image name ${JSON.stringify(image.name)} cannot be a ref name`);
        }
        for (const l of image.layers) {
            if (!(await this.hasBlob(l.digest))) {
                throw new Error(`store ${this.root}: image ${image.name}: layer ${l.digest} is not in the store (write it with putLayer first)`);
            }
        }
        const created = new Date().toISOString();
        const config = {
            ...image.config,
            architecture: ociArch(image.config.architecture),
            os: image.config.os || 'linux',
            rootfs: { type: 'layers', diff_ids: image.layers.map((l) => l.diffID) }
        };
        const configDesc = await this.putBlob(`${JSON.stringify(config)}`, _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_CONFIG */ .m3);
        const manifest = {
            schemaVersion: 2,
            mediaType: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_MANIFEST */ .l8,
            config: { mediaType: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_CONFIG */ .m3, digest: configDesc.digest, size: configDesc.size },
            layers: image.layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
            annotations: {
                ...image.annotations,
                [_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_KEY */ .MD]: image.key,
                [_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_NAME */ .S5]: image.name,
                [_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_CREATED */ .H]: created
            }
        };
        const manifestDesc = await this.putBlob(JSON.stringify(manifest), _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_MANIFEST */ .l8);
        const platform = { architecture: ociArch(config.architecture), os: config.os || 'linux' };
        const entry = (ref) => ({
            mediaType: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_MANIFEST */ .l8,
            digest: manifestDesc.digest,
            size: manifestDesc.size,
            platform,
            annotations: {
                [_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy]: ref,
                [_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_KEY */ .MD]: image.key,
                [_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_NAME */ .S5]: image.name,
                [_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_CREATED */ .H]: created
            }
        });
        let dated = '';
        await this.updateIndex((index) => {
            dated = nextDatedTag(image.name, created, index.manifests.map((m) => m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy] ?? ''));
            index.manifests = index.manifests.filter((m) => m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy] !== image.name);
            index.manifests.push(entry(image.name), entry(dated));
        });
        return {
            manifestDigest: manifestDesc.digest,
            manifest,
            config,
            layers: image.layers.map((l) => ({ ...l, path: this.blobPath(l.digest) })),
            refs: [image.name, dated],
            key: image.key
        };
    }
    async getImage(ref) {
        const index = await this.readIndex();
        let digest;
        if (DIGEST_RE.test(ref)) {
            if (!(await this.hasBlob(ref)))
                return null;
            digest = ref;
        }
        else {
            digest = index.manifests.filter((m) => m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy] === ref).pop()?.digest;
            if (!digest)
                return null;
        }
        const manifest = await this.readJsonBlob(digest);
        if (manifest.mediaType && manifest.mediaType !== _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_MANIFEST */ .l8 && !manifest.config) {
            throw new Error(`store ${this.root}: ${ref} is a ${manifest.mediaType}, not an image manifest`);
        }
        const config = await this.readJsonBlob(manifest.config.digest);
        const diffIDs = config.rootfs?.diff_ids ?? [];
        const layers = manifest.layers.map((l, i) => ({
            digest: l.digest,
            diffID: diffIDs[i] ?? l.digest,
            size: l.size,
            mediaType: l.mediaType,
            path: this.blobPath(l.digest)
        }));
        const refs = index.manifests
            .filter((m) => m.digest === digest && m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy])
            .map((m) => m.annotations[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy]);
        return {
            manifestDigest: digest,
            manifest,
            config,
            layers,
            refs,
            key: manifest.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_KEY */ .MD]
        };
    }
    async findByKey(key) {
        const index = await this.readIndex();
        let best;
        for (const m of index.manifests) {
            if (m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_KEY */ .MD] !== key)
                continue;
            // Later entries win ties: index.json is appended in build order.
            if (!best ||
                (m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_CREATED */ .H] ?? '') >= (best.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_CREATED */ .H] ?? ''))
                best = m;
        }
        return best ? this.getImage(best.digest) : null;
    }
    async listRefs() {
        const index = await this.readIndex();
        return index.manifests
            .filter((m) => m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy])
            .map((m) => ({
            ref: m.annotations[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy],
            digest: m.digest,
            key: m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_KEY */ .MD],
            image: m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_NAME */ .S5],
            created: m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_CREATED */ .H]
        }));
    }
    async removeRef(ref) {
        let found = false;
        await this.updateIndex((index) => {
            const before = index.manifests.length;
            index.manifests = index.manifests.filter((m) => m.annotations?.[_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION_REF */ .wy] !== ref);
            found = index.manifests.length !== before;
        });
        return found;
    }
    /**
     * Removes every blob no index.json entry reaches (manifest, its config and layers, nested
     * indexes followed) and temp files whose writer is gone. Taken under the index lock; a blob
     * written by a build that has not yet called putImage is unreachable, so run gc between builds.
     */
    async gc() {
        return this.locked(async () => {
            const index = await this.readIndex();
            const reachable = new Set();
            const visit = async (d) => {
                if (reachable.has(d.digest))
                    return;
                reachable.add(d.digest);
                if (!(await this.hasBlob(d.digest)))
                    return;
                if (d.mediaType === _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_MANIFEST */ .l8 ||
                    d.mediaType === _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_INDEX */ .aq ||
                    /manifest|index/.test(d.mediaType)) {
                    const doc = await this.readJsonBlob(d.digest);
                    if (doc.config)
                        reachable.add(doc.config.digest);
                    for (const l of doc.layers ?? [])
                        reachable.add(l.digest);
                    for (const m of doc.manifests ?? [])
                        await visit(m);
                }
            };
            for (const m of index.manifests)
                await visit(m);
            let removed = 0;
            let bytes = 0;
            for (const hex of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readdir)(this.blobDir)) {
                if (reachable.has(`sha256:${hex}`))
                    continue;
                const path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.blobDir, hex);
                const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(path).catch(() => null);
                if (!st?.isFile())
                    continue;
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(path, { force: true });
                removed++;
                bytes += st.size;
            }
            let tempRemoved = 0;
            for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readdir)(this.tmpDir).catch(() => [])) {
                const path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.tmpDir, name);
                const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(path).catch(() => null);
                if (!st)
                    continue;
                const pid = Number.parseInt(name.split('-')[0], 10);
                const writerGone = !(Number.isInteger(pid) && pid > 0 && (0,_lock_js__WEBPACK_IMPORTED_MODULE_7__/* .pidAlive */ .pl)(pid));
                if (writerGone || Date.now() - st.mtimeMs > STALE_TEMP_MS) {
                    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(path, { recursive: true, force: true });
                    tempRemoved++;
                }
            }
            return { removed, bytes, tempRemoved };
        });
    }
    /** A fresh temp path in the store's tmp dir; the pid prefix tells gc whether its writer is alive. */
    tempName(kind) {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(this.tmpDir, `${process.pid}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex')}.${kind}`);
    }
    async readIndex() {
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readFile)(this.indexPath, 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return { schemaVersion: 2, mediaType: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_INDEX */ .aq, manifests: [] };
            throw e;
        }
        try {
            const index = JSON.parse(text);
            if (!Array.isArray(index.manifests))
                throw new Error('no manifests array');
            return index;
        }
        catch (e) {
            throw new Error(`store ${this.root}: index.json is not an OCI image index: ${msg(e)}`);
        }
    }
    async updateIndex(change) {
        await this.locked(async () => {
            const index = await this.readIndex();
            change(index);
            const tmp = this.tempName('index');
            try {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)(tmp, `${JSON.stringify(index, null, 2)}\n`, { flag: 'wx' });
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rename)(tmp, this.indexPath);
            }
            catch (e) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(tmp, { force: true });
                throw new Error(`store ${this.root}: write index.json: ${msg(e)}`);
            }
        });
    }
    locked(fn) {
        return this.mutex.run(() => (0,_lock_js__WEBPACK_IMPORTED_MODULE_7__/* .withLockFile */ .Q5)(this.lockPath, fn));
    }
    /** Creates a file only if absent, atomically (temp + link), so concurrent openers cannot clobber each other. */
    async createIfAbsent(path, content) {
        const tmp = this.tempName('init');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)(tmp, content);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.link)(tmp, path);
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw e;
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(tmp, { force: true });
        }
    }
}
/** `name-YYYY-MM-DD_N` with N one more than the highest N of that UTC day for that name. */
function nextDatedTag(name, isoTime, existingRefs) {
    const prefix = `${name}-${isoTime.slice(0, 10)}_`;
    let max = 0;
    for (const ref of existingRefs) {
        if (!ref.startsWith(prefix))
            continue;
        const rest = ref.slice(prefix.length);
        if (/^\d+$/.test(rest))
            max = Math.max(max, Number.parseInt(rest, 10));
    }
    return `${prefix}${max + 1}`;
}
/** OCI/GOARCH architecture names from the catalog's uname-style ones. */
function ociArch(arch) {
    const map = {
        x86_64: 'amd64',
        aarch64: 'arm64',
        armv7l: 'arm',
        i686: '386',
        i386: '386'
    };
    return map[arch] ?? arch;
}
async function sameSize(path, size) {
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(path).catch(() => null);
    return !!st && st.isFile() && st.size === size;
}
function msg(e) {
    return e instanceof Error ? e.message : String(e);
}


/***/ }),

/***/ 5074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q5: () => (/* binding */ withLockFile),
/* harmony export */   eu: () => (/* binding */ Mutex),
/* harmony export */   pl: () => (/* binding */ pidAlive)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Serialises changes to index.json: an in-process mutex (promise chain) for concurrent
 * calls in one process, and an O_EXCL lock file for separate processes. A lock file left by
 * a process that died (its pid is gone) is taken over.
 */

const RETRY_MS = 50;
const DEFAULT_TIMEOUT_MS = 120_000;
/** A lock older than this whose owner cannot be checked (another host) is considered stale. */
const STALE_MS = 10 * 60_000;
class Mutex {
    tail = Promise.resolve();
    async run(fn) {
        const prev = this.tail;
        let release;
        this.tail = new Promise((r) => (release = r));
        await prev;
        try {
            return await fn();
        }
        finally {
            release();
        }
    }
}
async function withLockFile(path, fn, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'wx');
            try {
                await fh.writeFile(`${process.pid}\n`);
            }
            finally {
                await fh.close();
            }
            break;
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw e;
            if (await isStale(path)) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { force: true });
                continue;
            }
            if (Date.now() > deadline) {
                throw new Error(`store lock ${path}: still held by another process after ${timeoutMs / 1000} s; remove it if no kiln is running`);
            }
            await new Promise((r) => setTimeout(r, RETRY_MS));
        }
    }
    try {
        return await fn();
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { force: true });
    }
}
async function isStale(path) {
    try {
        const pid = Number.parseInt((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8')).trim(), 10);
        if (Number.isInteger(pid) && pid > 0)
            return !pidAlive(pid);
        return Date.now() - (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path)).mtimeMs > STALE_MS;
    }
    catch {
        // Vanished or half-written: an empty file just created by its owner is not stale yet.
        return false;
    }
}
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}


/***/ }),

/***/ 7940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ ANNOTATION_CREATED),
/* harmony export */   MD: () => (/* binding */ ANNOTATION_KEY),
/* harmony export */   S5: () => (/* binding */ ANNOTATION_NAME),
/* harmony export */   aq: () => (/* binding */ MEDIA_INDEX),
/* harmony export */   l8: () => (/* binding */ MEDIA_MANIFEST),
/* harmony export */   m3: () => (/* binding */ MEDIA_CONFIG),
/* harmony export */   rB: () => (/* binding */ MEDIA_LAYER),
/* harmony export */   wy: () => (/* binding */ ANNOTATION_REF)
/* harmony export */ });
/* unused harmony exports MEDIA_LAYER_GZIP, MEDIA_LAYER_ZSTD */
/**
 * The store's contract. Every image, whatever built it, lives in one OCI image layout
 * (image-spec v1.1): blobs under blobs/sha256/<hex>, index.json naming manifests with
 * org.opencontainers.image.ref.name. Builders read their base here and write results
 * here; exporters read only here; the cache moves blobs in and out.
 *
 * Layers are kept uncompressed (application/vnd.oci.image.layer.v1.tar): a layer blob's
 * digest then equals its diffID, `docker save` output imports without recompressing, and
 * exporters can seek inside a layer (the flattener reads a hardlink's masked target by
 * offset instead of unpacking). The cache compresses on the way out.
 */
const MEDIA_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const MEDIA_INDEX = 'application/vnd.oci.image.index.v1+json';
const MEDIA_CONFIG = 'application/vnd.oci.image.config.v1+json';
const MEDIA_LAYER = 'application/vnd.oci.image.layer.v1.tar';
const MEDIA_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const MEDIA_LAYER_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';
const ANNOTATION_REF = 'org.opencontainers.image.ref.name';
const ANNOTATION_CREATED = 'org.opencontainers.image.created';
/** The image's input key (plan/keys.ts): how a build is found again. */
const ANNOTATION_KEY = 'dev.kiln.key';
const ANNOTATION_NAME = 'dev.kiln.image';


/***/ })

};
