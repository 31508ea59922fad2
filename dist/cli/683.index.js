export const id = 683;
export const ids = [683,178];
export const modules = {

/***/ 66652:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* reexport safe */ _util_digest_js__WEBPACK_IMPORTED_MODULE_2__.Bc),
/* harmony export */   G2: () => (/* reexport safe */ _util_digest_js__WEBPACK_IMPORTED_MODULE_2__.G2),
/* harmony export */   hd: () => (/* binding */ fileDigest),
/* harmony export */   sU: () => (/* reexport safe */ _util_digest_js__WEBPACK_IMPORTED_MODULE_2__.sU)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(16178);



/** sha256:<hex> of a file, streamed (layers can be gigabytes). */
async function fileDigest(path) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path))
        hash.update(chunk);
    return `sha256:${hash.digest('hex')}`;
}


/***/ }),

/***/ 25683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openCache: () => (/* binding */ openCache)
});

// UNUSED EXPORTS: CACHE_KINDS, ImageCache, LocalCache, NoCache, diffInputs, formatSize, openBackend, parseSize, verifyRecord

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/store/types.ts
var types = __webpack_require__(57940);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/cache/digest.ts
var cache_digest = __webpack_require__(66652);
// EXTERNAL MODULE: ./src/util/digest.ts
var util_digest = __webpack_require__(16178);
;// CONCATENATED MODULE: ./src/cache/record.ts

/**
 * Checks a record taken from a backend before anything is built on it: its shape, that it is
 * the record of `key`, that the manifest text hashes to manifestDigest, that the config text
 * hashes to the manifest's config digest, and that the layer list agrees with the manifest.
 * Throws an Error saying what is wrong.
 */
function verifyRecord(raw, key) {
    if (!raw || typeof raw !== 'object')
        throw new Error('record is not a JSON object');
    const r = raw;
    if (r.version !== 1)
        throw new Error(`record version ${JSON.stringify(r.version)} is not 1`);
    if (r.key !== key)
        throw new Error(`record is for key ${String(r.key).slice(0, 12)}, not ${key.slice(0, 12)}`);
    if (typeof r.manifest !== 'string' || typeof r.config !== 'string')
        throw new Error('record lacks manifest or config');
    if (!(0,cache_digest/* isDigest */.Bc)(r.manifestDigest))
        throw new Error('record has no valid manifestDigest');
    if ((0,cache_digest/* bytesDigest */.G2)(r.manifest) !== r.manifestDigest)
        throw new Error('manifest does not match its digest');
    let manifest;
    let config;
    try {
        manifest = JSON.parse(r.manifest);
        config = JSON.parse(r.config);
    }
    catch (e) {
        throw new Error(`record holds invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!manifest?.config || !Array.isArray(manifest.layers))
        throw new Error('manifest lacks config or layers');
    if ((0,cache_digest/* bytesDigest */.G2)(r.config) !== manifest.config.digest)
        throw new Error('config does not match the manifest');
    if (!Array.isArray(r.layers) || r.layers.length !== manifest.layers.length) {
        throw new Error('layer list does not match the manifest');
    }
    r.layers.forEach((l, i) => {
        if (!(0,cache_digest/* isDigest */.Bc)(l.digest) || l.digest !== manifest.layers[i].digest) {
            throw new Error(`layer ${i} does not match the manifest`);
        }
    });
    const diffIDs = config.rootfs?.diff_ids;
    if (!Array.isArray(diffIDs) || diffIDs.length !== manifest.layers.length) {
        throw new Error('config rootfs.diff_ids does not match the manifest layers');
    }
    // The store keeps layers uncompressed, so a layer's diffID is its digest: anything else
    // (a path in disguise, say) did not come from a store.
    diffIDs.forEach((d, i) => {
        if (d !== manifest.layers[i].digest)
            throw new Error(`config rootfs.diff_ids[${i}] is not the digest of layer ${i}`);
    });
    if (!Array.isArray(r.inputs))
        throw new Error('record lacks its inputs');
    return { record: r, manifest, config };
}
function parsePointer(raw, name) {
    if (!raw || typeof raw !== 'object')
        return null;
    const p = raw;
    if (p.name !== name || typeof p.key !== 'string' || !/^[0-9a-f]{64}$/.test(p.key))
        return null;
    return { name: p.name, key: p.key, savedAt: String(p.savedAt ?? '') };
}
/**
 * What differs between two input manifests, matched by kind + name: added, removed, changed
 * (same kind and name, other digest). Order: the current inputs' order, removed ones last.
 */
function diffInputs(previous, current) {
    const id = (i) => `${i.kind}\u0000${i.name}`;
    const before = new Map(previous.map((i) => [id(i), i.digest]));
    const now = new Set(current.map(id));
    const out = [];
    for (const i of current) {
        const was = before.get(id(i));
        if (was === undefined)
            out.push({ kind: i.kind, name: i.name, change: 'added' });
        else if (was !== i.digest)
            out.push({ kind: i.kind, name: i.name, change: 'changed' });
    }
    for (const i of previous) {
        if (!now.has(id(i)))
            out.push({ kind: i.kind, name: i.name, change: 'removed' });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/cache/image-cache.ts
/**
 * ImageCache moves images between the store and a cache backend.
 *
 *   restore(planned)  before building: the record under the image's input key, then every layer
 *                     the store lacks; everything verified against its digest before use.
 *   save(planned, s)  right after building: layers the backend lacks, then the record, then the
 *                     name pointer. Saving each image as soon as it is built means a re-run after a
 *                     failure resumes at the image that failed, on any runner.
 *   explainMiss(p)    the inputs that changed since the image's last saved build.
 *
 * A cache problem never fails a build: every operation catches, warns through the reporter and
 * answers as a miss. A corrupt or partial entry is a miss too, and nothing from it reaches the
 * store: a layer is hashed in a temporary file before the store sees it.
 */






class ImageCache {
    stats;
    store;
    backend;
    reporter;
    /** Blobs known to be in the backend during this run: shared base layers are looked up once. */
    known = new Set();
    /** Blobs found corrupt in the backend: saved again (superseding the bad entry) when rebuilt. */
    corrupt = new Set();
    /** Keys whose restore failed: their record is replaced on save, or it would keep pointing at what failed. */
    failedKeys = new Set();
    /** Blob fetches in flight, so two images sharing a base fetch it once. */
    fetching = new Map();
    constructor(opts) {
        this.store = opts.store;
        this.backend = opts.backend;
        this.reporter = opts.reporter;
        this.stats = {
            backend: opts.backend.name,
            hits: 0,
            misses: 0,
            rejected: 0,
            saved: 0,
            blobsDownloaded: 0,
            bytesDownloaded: 0,
            blobsUploaded: 0,
            bytesUploaded: 0,
            warnings: []
        };
    }
    get backendName() {
        return this.backend.name;
    }
    /** Whether a usable record exists for the image's key (records only, no blobs): for plans. */
    async has(planned) {
        try {
            const raw = await this.backend.getRecord(planned.key);
            if (raw === null || raw === undefined)
                return false;
            verifyRecord(raw, planned.key);
            return true;
        }
        catch (e) {
            this.warn(`${planned.spec.name}: cache lookup failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
            return false;
        }
    }
    /**
     * Brings the image saved under planned.key into the store and returns it, or null (a miss).
     * Never throws.
     */
    async restore(planned) {
        const name = planned.spec.name;
        let verified;
        try {
            const raw = await this.backend.getRecord(planned.key);
            if (raw === null || raw === undefined) {
                this.stats.misses++;
                return null;
            }
            verified = verifyRecord(raw, planned.key);
        }
        catch (e) {
            this.stats.misses++;
            this.stats.rejected++;
            this.failedKeys.add(planned.key);
            this.warn(`${name}: cache entry ${planned.key.slice(0, 12)} rejected, building instead: ${(0,errors/* errorMessage */.gJ)(e)}`);
            return null;
        }
        try {
            for (const layer of verified.record.layers)
                await this.fetchBlob(layer.digest);
            const image = await this.putImage(planned, verified);
            this.stats.hits++;
            this.reporter.info(`${name}: restored from the ${this.backend.name} cache (${planned.key.slice(0, 12)})`);
            return image;
        }
        catch (e) {
            this.stats.misses++;
            this.stats.rejected++;
            this.failedKeys.add(planned.key);
            this.warn(`${name}: cache entry ${planned.key.slice(0, 12)} unusable, building instead: ${(0,errors/* errorMessage */.gJ)(e)}`);
            return null;
        }
    }
    /** Saves a freshly built image: blobs once, then the record, then the name pointer. Never throws. */
    async save(planned, stored) {
        const name = planned.spec.name;
        try {
            for (const layer of stored.layers) {
                if (this.known.has(layer.digest))
                    continue;
                // What goes out is checked as what comes in: a blob damaged in the store would poison
                // the cache (GitHub's entries cannot be overwritten) for every runner until superseded.
                // Only blobs the backend lacks are read, so a warm run hashes nothing here.
                const check = async () => {
                    const actual = await (0,cache_digest/* fileDigest */.hd)(layer.path);
                    if (actual !== layer.digest)
                        throw new Error(`layer ${layer.digest} is corrupt in the store (its content hashes to ${actual})`);
                };
                if (await this.backend.putBlob(layer.digest, layer.path, {
                    replace: this.corrupt.has(layer.digest),
                    check
                })) {
                    this.stats.blobsUploaded++;
                    this.stats.bytesUploaded += layer.size;
                }
                this.known.add(layer.digest);
                this.corrupt.delete(layer.digest);
            }
            // The exact bytes the store holds, so the digests in the record can be checked on restore.
            const manifest = await (0,promises_.readFile)(this.store.blobPath(stored.manifestDigest), 'utf8');
            const config = await (0,promises_.readFile)(this.store.blobPath(stored.manifest.config.digest), 'utf8');
            const savedAt = new Date().toISOString();
            const record = {
                version: 1,
                key: planned.key,
                name,
                manifestDigest: stored.manifestDigest,
                manifest,
                config,
                layers: stored.layers.map((l) => ({ digest: l.digest, size: l.size })),
                inputs: planned.inputs,
                savedAt
            };
            await this.backend.putRecord(planned.key, record, { replace: this.failedKeys.delete(planned.key) });
            const pointer = parsePointer(await this.backend.getPointer(name), name);
            if (pointer?.key !== planned.key)
                await this.backend.putPointer(name, { name, key: planned.key, savedAt });
            this.stats.saved++;
            this.reporter.debug(`${name}: saved to the ${this.backend.name} cache (${planned.key.slice(0, 12)})`);
            return true;
        }
        catch (e) {
            this.warn(`${name}: could not save to the ${this.backend.name} cache: ${(0,errors/* errorMessage */.gJ)(e)}`);
            return false;
        }
    }
    /** The inputs that changed since the image's last saved build. Never throws. */
    async explainMiss(planned) {
        const name = planned.spec.name;
        try {
            const pointer = parsePointer(await this.backend.getPointer(name), name);
            if (!pointer)
                return { changed: null };
            if (pointer.key === planned.key)
                return { previousKey: pointer.key, changed: [] };
            const raw = await this.backend.getRecord(pointer.key);
            if (!raw)
                return { previousKey: pointer.key, changed: null };
            const { record } = verifyRecord(raw, pointer.key);
            return { previousKey: pointer.key, changed: diffInputs(record.inputs, planned.inputs) };
        }
        catch (e) {
            this.reporter.debug(`${name}: cannot explain the cache miss: ${(0,errors/* errorMessage */.gJ)(e)}`);
            return { changed: null };
        }
    }
    /** Ends the run for the backend (e.g. the local directory enforces its size cap). Never throws. */
    async close() {
        try {
            await this.backend.close?.();
        }
        catch (e) {
            this.warn(`${this.backend.name} cache: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
    warn(message) {
        this.stats.warnings.push(message);
        this.reporter.warn(message);
    }
    fetchBlob(digest) {
        let p = this.fetching.get(digest);
        if (!p) {
            p = this.fetchBlobOnce(digest).finally(() => this.fetching.delete(digest));
            this.fetching.set(digest, p);
        }
        return p;
    }
    async fetchBlobOnce(digest) {
        if (await this.store.hasBlob(digest))
            return;
        // Downloaded into the store's own temporary directory, then hashed once and renamed into
        // place (adoptLayer): not copied again through a stream, which took three passes over a
        // layer (download, check, store) instead of two.
        const tmp = this.store.tempName('blob');
        try {
            if (!(await this.backend.getBlob(digest, tmp)))
                throw new Error(`layer ${digest} is missing from the cache`);
            let ref;
            try {
                ref = await this.store.adoptLayer(tmp, digest);
            }
            catch (e) {
                const bad = (0,util_digest.findCorruptBlob)(e);
                if (!bad)
                    throw e;
                this.corrupt.add(digest);
                throw new Error(`layer ${digest} is corrupt in the cache (its content ${bad.actual})`);
            }
            this.known.add(digest);
            this.stats.blobsDownloaded++;
            this.stats.bytesDownloaded += ref.size;
        }
        finally {
            await (0,promises_.rm)(tmp, { force: true });
        }
    }
    async putImage(planned, v) {
        const layers = v.manifest.layers.map((d, i) => ({
            digest: d.digest,
            diffID: v.config.rootfs.diff_ids[i],
            size: d.size,
            mediaType: d.mediaType,
            path: this.store.blobPath(d.digest)
        }));
        const { rootfs: _rootfs, ...config } = v.config;
        const annotations = { ...(v.manifest.annotations ?? {}) };
        // The store sets the ref and creation time of its own entry.
        delete annotations[types/* ANNOTATION_REF */.wy];
        delete annotations[types/* ANNOTATION_CREATED */.H];
        return this.store.putImage({ layers, config, name: planned.spec.name, key: planned.key, annotations });
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/cache/size.ts
/**
 * Parses a size as users write it: "8G", "500M", "10GB", "1.5 TiB", "1048576". Units are powers
 * of 1024 (K, M, G, T; a trailing "B" or "iB" is accepted). Throws on anything else.
 */
function parseSize(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
    if (!m)
        throw new Error(`invalid size ${JSON.stringify(text)}: expected a number with an optional unit K, M, G or T`);
    const power = ['', 'k', 'm', 'g', 't'].indexOf(m[2].toLowerCase());
    return Math.floor(Number(m[1]) * 1024 ** power);
}
/**
 * A size in parseSize's own units (powers of 1024, written K, M, G, T as a cap is given), so
 * that a cap given as "8G" is shown as 8G: the largest unit it is at least one of, with one
 * decimal when it is not a whole number of it ("1.5T"). formatBytes (powers of 1000, "kB")
 * is for sizes of files, as tools show them; this is for caps and what is measured against them.
 */
function formatSize(bytes) {
    const units = ['', 'K', 'M', 'G', 'T'];
    let i = 0;
    while (i < units.length - 1 && bytes >= 1024 ** (i + 1))
        i++;
    const n = bytes / 1024 ** i;
    return `${Number.isInteger(n) ? n : n.toFixed(1)}${units[i] || ' bytes'}`;
}

// EXTERNAL MODULE: ./src/util/lifecycle.ts
var lifecycle = __webpack_require__(57636);
;// CONCATENATED MODULE: ./src/cache/local.ts
/**
 * A cache in a directory, for self-hosted runners whose disk outlives a job (or a shared mount):
 *
 *   <dir>/blobs/sha256/<hex>     layers (uncompressed tars, as in the store)
 *   <dir>/records/<key>.json     one record per image build
 *   <dir>/names/<name>.json      the newest build of each image name
 *
 * Everything is written to a temporary name and renamed, so several runners may share the
 * directory. A file's mtime is its last use: reading touches it. With a size cap, close() evicts
 * least recently used images, leaves before bases: an image whose layers start another image's
 * layer list is that image's ancestor and stays while the descendant is there, since the
 * descendant's restore needs the ancestor's layers anyway and other leaves are built on it.
 */






class LocalCache {
    name = 'local';
    dir;
    maxBytes;
    reporter;
    orphanGraceMs;
    constructor(opts) {
        this.dir = opts.dir;
        this.maxBytes = opts.maxBytes ?? 0;
        this.reporter = opts.reporter;
        this.orphanGraceMs = opts.orphanGraceMs ?? 60 * 60_000;
    }
    blobFile(digest) {
        return (0,external_node_path_.join)(this.dir, 'blobs', 'sha256', (0,cache_digest/* digestHex */.sU)(digest));
    }
    recordFile(key) {
        if (!/^[0-9a-f]{64}$/.test(key))
            throw new Error(`invalid image key ${JSON.stringify(key)}`);
        return (0,external_node_path_.join)(this.dir, 'records', `${key}.json`);
    }
    pointerFile(name) {
        // Names are docker-tag safe already; this guards the path against anything else.
        if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.'))
            throw new Error(`invalid image name ${JSON.stringify(name)}`);
        return (0,external_node_path_.join)(this.dir, 'names', `${name}.json`);
    }
    async getBlob(digest, destPath) {
        const src = this.blobFile(digest);
        if (!(await exists(src)))
            return false;
        await touch(src);
        await (0,promises_.copyFile)(src, destPath);
        return true;
    }
    async putBlob(digest, srcPath, opts = {}) {
        const dest = this.blobFile(digest);
        const [have, want] = await Promise.all([(0,promises_.stat)(dest).catch(() => null), (0,promises_.stat)(srcPath)]);
        if (have && have.size === want.size && !opts.replace) {
            await touch(dest);
            return false;
        }
        await opts.check?.();
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(dest), { recursive: true });
        const tmp = `${(0,lifecycle/* tempFileFor */.G2)(dest)}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        try {
            await (0,promises_.copyFile)(srcPath, tmp);
            await (0,promises_.rename)(tmp, dest);
        }
        finally {
            await (0,promises_.rm)(tmp, { force: true });
        }
        return true;
    }
    async getRecord(key) {
        return this.readJson(this.recordFile(key));
    }
    async putRecord(key, record, opts = {}) {
        const file = this.recordFile(key);
        if (!opts.replace && (await exists(file))) {
            await touch(file);
            return;
        }
        await writeAtomic(file, JSON.stringify(record));
    }
    async getPointer(name) {
        return this.readJson(this.pointerFile(name));
    }
    async putPointer(name, pointer) {
        await writeAtomic(this.pointerFile(name), JSON.stringify(pointer));
    }
    async close() {
        if (this.maxBytes > 0)
            await this.evict(this.maxBytes);
    }
    /** Evicts until the directory holds at most maxBytes; returns what was removed. */
    async evict(maxBytes) {
        const blobs = await this.listBlobs();
        const records = await this.listRecords();
        const removed = { images: 0, bytes: 0 };
        let total = [...blobs.values()].reduce((n, b) => n + b.size, 0);
        const referenced = () => new Set(records.flatMap((r) => r.layers));
        const removeUnreferenced = async (graceMs) => {
            const refs = referenced();
            const now = Date.now();
            for (const [digest, b] of blobs) {
                if (refs.has(digest) || now - b.mtimeMs < graceMs)
                    continue;
                await (0,promises_.rm)(this.blobFile(digest), { force: true });
                blobs.delete(digest);
                total -= b.size;
                removed.bytes += b.size;
            }
        };
        if (total <= maxBytes)
            return removed;
        await removeUnreferenced(this.orphanGraceMs);
        while (total > maxBytes && records.length) {
            const leaves = records.filter((r) => !records.some((o) => o !== r && isPrefix(r.layers, o.layers)));
            const victim = leaves.sort((a, b) => a.mtimeMs - b.mtimeMs)[0] ?? records[0];
            records.splice(records.indexOf(victim), 1);
            await (0,promises_.rm)(this.recordFile(victim.key), { force: true });
            removed.images++;
            await removeUnreferenced(0);
        }
        if (removed.images) {
            this.reporter?.info(`local cache: evicted ${removed.images} image(s), ${formatSize(removed.bytes)}, to stay under ${formatSize(maxBytes)}`);
        }
        return removed;
    }
    async listBlobs() {
        const dir = (0,external_node_path_.join)(this.dir, 'blobs', 'sha256');
        const out = new Map();
        for (const f of await (0,promises_.readdir)(dir).catch(() => [])) {
            if (!/^[0-9a-f]{64}$/.test(f))
                continue;
            const s = await (0,promises_.stat)((0,external_node_path_.join)(dir, f)).catch(() => null);
            if (s)
                out.set(`sha256:${f}`, { size: s.size, mtimeMs: s.mtimeMs });
        }
        return out;
    }
    async listRecords() {
        const dir = (0,external_node_path_.join)(this.dir, 'records');
        const out = [];
        for (const f of await (0,promises_.readdir)(dir).catch(() => [])) {
            const m = /^([0-9a-f]{64})\.json$/.exec(f);
            if (!m)
                continue;
            try {
                const file = (0,external_node_path_.join)(dir, f);
                const s = await (0,promises_.stat)(file);
                const r = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
                out.push({ key: m[1], layers: r.layers.map((l) => l.digest), mtimeMs: s.mtimeMs });
            }
            catch {
                // A record that cannot be read is worthless: its blobs become unreferenced.
                await (0,promises_.rm)((0,external_node_path_.join)(dir, f), { force: true });
            }
        }
        return out;
    }
    async readJson(file) {
        let text;
        try {
            text = await (0,promises_.readFile)(file, 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return null;
            throw e;
        }
        await touch(file);
        return JSON.parse(text);
    }
}
/** True when `a` is a strict prefix of `b`: the image with layers `a` is an ancestor of `b`'s. */
function isPrefix(a, b) {
    return a.length < b.length && a.every((d, i) => b[i] === d);
}
async function exists(path) {
    return (0,promises_.stat)(path).then(() => true, () => false);
}
async function touch(path) {
    const now = new Date();
    await (0,promises_.utimes)(path, now, now).catch(() => undefined);
}
async function writeAtomic(file, data) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(file), { recursive: true });
    const tmp = `${(0,lifecycle/* tempFileFor */.G2)(file)}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    try {
        await (0,promises_.writeFile)(tmp, data);
        await (0,promises_.rename)(tmp, file);
    }
    finally {
        await (0,promises_.rm)(tmp, { force: true });
    }
}

;// CONCATENATED MODULE: ./src/cache/none.ts
/** No cache: every lookup misses, every save is dropped. */
class NoCache {
    name = 'none';
    async getBlob() {
        return false;
    }
    async putBlob() {
        return false;
    }
    async getRecord() {
        return null;
    }
    async putRecord() { }
    async getPointer() {
        return null;
    }
    async putPointer() { }
}

;// CONCATENATED MODULE: ./src/cache/index.ts









const CACHE_KINDS = ['local', 'github', 'none'];
/**
 * The backend for `settings.kind`. github without access to the cache service (not in Actions,
 * or a job without the runtime token) warns and falls back to none: a cache never fails a build.
 */
async function openBackend(settings) {
    switch (settings.kind) {
        case 'none':
            return new NoCache();
        case 'local': {
            if (!settings.dir)
                throw new Error('cache "local" needs a directory (cache-dir)');
            const maxBytes = settings.size ? parseSize(settings.size) : 0;
            return new LocalCache({ dir: settings.dir, maxBytes, reporter: settings.reporter });
        }
        case 'github': {
            // Loaded only when chosen, so the CLI never pulls the toolkit in for other backends.
            const { GithubCache } = await Promise.all(/* import() */[__webpack_require__.e(559), __webpack_require__.e(883)]).then(__webpack_require__.bind(__webpack_require__, 90883));
            if (!GithubCache.available()) {
                settings.reporter.warn('the GitHub cache service is not available to this job (ACTIONS_RESULTS_URL unset); caching is off');
                return new NoCache();
            }
            return new GithubCache({ reporter: settings.reporter });
        }
        default:
            throw new Error(`unknown cache ${JSON.stringify(settings.kind)}: expected one of ${CACHE_KINDS.join(', ')}`);
    }
}
async function openCache(settings) {
    const backend = await openBackend(settings);
    return new ImageCache({
        store: settings.store,
        backend,
        reporter: settings.reporter
    });
}


/***/ }),

/***/ 57940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ ANNOTATION_CREATED),
/* harmony export */   HF: () => (/* binding */ MEDIA_LAYER_ZSTD),
/* harmony export */   MD: () => (/* binding */ ANNOTATION_KEY),
/* harmony export */   S5: () => (/* binding */ ANNOTATION_NAME),
/* harmony export */   aq: () => (/* binding */ MEDIA_INDEX),
/* harmony export */   ki: () => (/* binding */ MEDIA_LAYER_GZIP),
/* harmony export */   l8: () => (/* binding */ MEDIA_MANIFEST),
/* harmony export */   m3: () => (/* binding */ MEDIA_CONFIG),
/* harmony export */   rB: () => (/* binding */ MEDIA_LAYER),
/* harmony export */   wy: () => (/* binding */ ANNOTATION_REF)
/* harmony export */ });
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
