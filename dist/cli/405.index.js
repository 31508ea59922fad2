export const id = 405;
export const ids = [405];
export const modules = {

/***/ 88405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sM: () => (/* binding */ OCI_LAYOUT_VERSION),
  _2: () => (/* binding */ nextDatedTag),
  As: () => (/* binding */ ociArch),
  Ch: () => (/* binding */ openStore)
});

// UNUSED EXPORTS: MissingBlobError

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./src/util/digest.ts
var util_digest = __webpack_require__(16178);
// EXTERNAL MODULE: ./src/store/defaults.ts
var defaults = __webpack_require__(29735);
// EXTERNAL MODULE: ./src/store/owner.ts
var owner = __webpack_require__(67946);
;// CONCATENATED MODULE: ./src/store/lease.ts
/**
 * Leases: what a live build wrote to the store and has not yet tagged.
 *
 * A build writes its layers first and names them in index.json (putImage) only at the end, so
 * in between they are unreachable, and a gc run then would delete them under the build. Each
 * process that writes blobs therefore keeps a lease file in <root>/.kiln-leases/, named
 * `<pid>@<host>`, with one digest a line, appended BEFORE the blob is renamed into place (or
 * reused). gc lists the blobs first and reads the leases after, so any blob it sees was leased
 * by then, and it keeps every blob a lease of a live owner names. A lease whose pid is gone
 * (same host) is ignored and removed; one of another host, whose pid cannot be checked, counts
 * until it is a day old. The owner removes its lease when it exits.
 */





const LEASE_DIR = '.kiln-leases';
/** A lease of another host (its pid cannot be checked) counts for this long after its last write. */
const FOREIGN_LEASE_MS = 24 * 3600_000;
/** Lease files of this process, removed when it exits (one listener for every store it opened). */
const leaseFiles = new Set();
let exitHooked = false;
function removeAtExit(file) {
    leaseFiles.add(file);
    if (exitHooked)
        return;
    exitHooked = true;
    process.once('exit', () => {
        for (const f of leaseFiles)
            (0,external_node_fs_.rmSync)(f, { force: true });
    });
}
class Leases {
    dir;
    file;
    mine = new Set();
    constructor(root) {
        this.dir = (0,external_node_path_.join)(root, LEASE_DIR);
        this.file = (0,external_node_path_.join)(this.dir, (0,owner/* ownerId */.fj)());
    }
    /** Leases `digest` for this process (until it exits or release()). Synchronous: it must land before the blob does. */
    add(digest) {
        if (this.mine.has(digest))
            return;
        (0,external_node_fs_.mkdirSync)(this.dir, { recursive: true });
        (0,external_node_fs_.appendFileSync)(this.file, `${digest}\n`);
        this.mine.add(digest);
        removeAtExit(this.file);
    }
    /** Ends this process's lease (its blobs are tagged, or the build is over). */
    release() {
        this.mine.clear();
        leaseFiles.delete(this.file);
        (0,external_node_fs_.rmSync)(this.file, { force: true });
    }
    /** Every digest leased by a live owner, with its owner; leases of dead owners are removed. */
    async live() {
        const out = new Map();
        for (const name of await (0,promises_.readdir)(this.dir).catch(() => [])) {
            const path = (0,external_node_path_.join)(this.dir, name);
            const st = await (0,promises_.stat)(path).catch(() => null);
            if (!st?.isFile())
                continue;
            if ((0,owner/* ownerGone */.RT)(name, Date.now() - st.mtimeMs, FOREIGN_LEASE_MS)) {
                await (0,promises_.rm)(path, { force: true });
                continue;
            }
            const text = await (0,promises_.readFile)(path, 'utf8').catch(() => '');
            for (const line of text.split('\n'))
                if ((0,util_digest/* isDigest */.Bc)(line))
                    out.set(line, name);
        }
        return out;
    }
}

// EXTERNAL MODULE: ./src/store/lock.ts
var lock = __webpack_require__(35074);
// EXTERNAL MODULE: ./src/store/types.ts
var types = __webpack_require__(57940);
// EXTERNAL MODULE: ./src/util/io-error.ts
var io_error = __webpack_require__(23797);
;// CONCATENATED MODULE: ./src/store/layout.ts
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
 *
 * The files are not trusted (a disk flips bits, a person edits them): every digest read from
 * them is checked before it becomes a path (util/digest.ts), a manifest or config must hash to
 * its digest, and a layer must have its size on lookup and its digest where it is read whole
 * (exporters, sandbox, docker load). An image with a missing or corrupt part counts as absent
 * for findByKey, so a build restores or rebuilds it; a corrupt blob is deleted when met. fsck
 * checks everything. Blobs a live build wrote are leased (lease.ts) and gc keeps them.
 */













const OCI_LAYOUT_VERSION = '1.0.0';
/** Temp files older than this are removed by gc even when their writer's pid is reused. */
const STALE_TEMP_MS = 24 * 3600_000;
/** Manifests and configs larger than this are not what kiln writes: refuse to parse them. */
const MAX_JSON_BLOB = 16 * 1024 * 1024;
/** Opens (creating when absent) the OCI image layout at `root`. */
async function openStore(root, opts = {}) {
    const store = new OciLayoutStore((0,external_node_path_.resolve)(root), opts.warn);
    await store.init();
    return store;
}
class OciLayoutStore {
    root;
    warn;
    tmpDir;
    blobDir;
    indexPath;
    lockPath;
    mutex = new lock/* Mutex */.eu();
    leases;
    constructor(root, warn = () => undefined) {
        this.root = root;
        this.warn = warn;
        this.tmpDir = (0,external_node_path_.join)(root, defaults/* STORE_TMP_DIR */.Y);
        this.blobDir = (0,external_node_path_.join)(root, 'blobs', 'sha256');
        this.indexPath = (0,external_node_path_.join)(root, 'index.json');
        this.lockPath = (0,external_node_path_.join)(root, 'index.json.lock');
        this.leases = new Leases(root);
    }
    async init() {
        await (0,promises_.mkdir)(this.blobDir, { recursive: true });
        await (0,promises_.mkdir)(this.tmpDir, { recursive: true });
        const layoutFile = (0,external_node_path_.join)(this.root, 'oci-layout');
        const existing = await (0,promises_.readFile)(layoutFile, 'utf8').catch(() => null);
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
        const empty = { schemaVersion: 2, mediaType: types/* MEDIA_INDEX */.aq, manifests: [] };
        await this.createIfAbsent(this.indexPath, `${JSON.stringify(empty, null, 2)}\n`);
    }
    blobPath(digest) {
        return (0,external_node_path_.join)(this.blobDir, (0,util_digest/* digestHex */.sU)(digest, `store ${this.root}: blob name`));
    }
    async hasBlob(digest) {
        try {
            return (await (0,promises_.stat)(this.blobPath(digest))).isFile();
        }
        catch {
            return false;
        }
    }
    async putLayer(tar) {
        const d = await this.putBlobStream(tar, { mediaType: types/* MEDIA_LAYER */.rB });
        return { digest: d.digest, diffID: d.digest, size: d.size, mediaType: types/* MEDIA_LAYER */.rB, path: d.path };
    }
    leaseBlob(digest) {
        this.leases.add(digest);
    }
    async adoptLayer(path, expected) {
        let fh;
        try {
            fh = await (0,promises_.open)(path, 'r');
            const hash = (0,external_node_crypto_.createHash)('sha256');
            const buf = Buffer.allocUnsafe(1 << 20);
            let size = 0;
            for (let n; (n = (await fh.read(buf, 0, buf.length, size)).bytesRead) > 0; size += n)
                hash.update(buf.subarray(0, n));
            const bad = (0,util_digest/* mismatch */.J4)(expected, path, `sha256:${hash.digest('hex')}`, size);
            if (bad)
                throw bad;
            const dest = this.blobPath(expected);
            this.leases.add(expected);
            if (!(await sameSize(dest, size))) {
                // The rename publishes the blob: make its bytes durable first, as putBlobStream does.
                await fh.sync();
                await (0,promises_.rename)(path, dest);
            }
            return { digest: expected, diffID: expected, size, mediaType: types/* MEDIA_LAYER */.rB, path: dest };
        }
        catch (e) {
            if (e instanceof util_digest/* CorruptBlobError */.VS)
                throw e;
            throw new Error(`store ${this.root}: adopt blob ${expected}: ${msg(e)}`, { cause: e });
        }
        finally {
            await fh?.close();
            await (0,promises_.rm)(path, { force: true });
        }
    }
    async putBlob(data, mediaType) {
        const buf = typeof data === 'string' ? Buffer.from(data) : data;
        const digest = (0,util_digest/* bytesDigest */.G2)(buf);
        const path = this.blobPath(digest);
        this.leases.add(digest);
        // Small blobs are compared, not just sized: a damaged copy of the same size is replaced.
        const have = await (0,promises_.readFile)(path).catch(() => null);
        if (!have?.equals(buf)) {
            const tmp = this.tempName('blob');
            try {
                await (0,promises_.writeFile)(tmp, buf, { flag: 'wx' });
                await (0,promises_.rename)(tmp, path);
            }
            catch (e) {
                await (0,promises_.rm)(tmp, { force: true });
                throw new Error(`store ${this.root}: write blob ${digest}: ${msg(e)}`, { cause: e });
            }
        }
        return { mediaType, digest, size: buf.length };
    }
    async putBlobStream(input, opts = {}) {
        const tmp = this.tempName('blob');
        const out = (0,external_node_fs_.createWriteStream)(tmp, { flags: 'wx' });
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let size = 0;
        const digester = new external_node_stream_.Transform({
            transform(chunk, _enc, cb) {
                hash.update(chunk);
                size += chunk.length;
                cb(null, chunk);
            }
        });
        try {
            await (0,external_node_stream_promises_.pipeline)(input, digester, out);
            const digest = `sha256:${hash.digest('hex')}`;
            if (opts.expected && opts.expected !== digest) {
                throw new Error(`content does not match its digest: expected ${opts.expected}, got ${digest}`);
            }
            const path = this.blobPath(digest);
            this.leases.add(digest);
            if (await sameSize(path, size)) {
                // Already there (a base layer saved back from the engine, say): nothing to publish.
                await (0,promises_.rm)(tmp, { force: true });
            }
            else {
                // The rename publishes the blob: make its bytes durable first. Only new blobs pay.
                const fh = await (0,promises_.open)(tmp, 'r');
                try {
                    await fh.sync();
                }
                finally {
                    await fh.close();
                }
                await (0,promises_.rename)(tmp, path);
            }
            return { mediaType: opts.mediaType ?? 'application/octet-stream', digest, size, path };
        }
        catch (e) {
            // A stream that failed before the file was opened still opens (and creates) it later:
            // wait for it to close, or the temp file would appear after it was removed.
            if (!out.closed)
                await (0,external_node_events_.once)(out, 'close').catch(() => undefined);
            await (0,promises_.rm)(tmp, { force: true });
            throw new Error(`store ${this.root}: write blob: ${msg(e)}`, { cause: e });
        }
    }
    async readJsonBlob(digest, size) {
        const path = this.blobPath(digest);
        const st = await (0,promises_.stat)(path).catch(() => null);
        if (!st)
            throw new MissingBlobError(`store ${this.root}: blob ${digest} is missing`);
        if (st.size > MAX_JSON_BLOB)
            throw new util_digest/* CorruptBlobError */.VS(digest, path, `is ${st.size} bytes: too large for a manifest or config`);
        const bytes = await (0,promises_.readFile)(path);
        const bad = (0,util_digest/* mismatch */.J4)(digest, path, (0,util_digest/* bytesDigest */.G2)(bytes), bytes.length, size);
        if (bad)
            throw bad;
        try {
            return JSON.parse(bytes.toString('utf8'));
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
        const configDesc = await this.putBlob(`${JSON.stringify(config)}`, types/* MEDIA_CONFIG */.m3);
        const manifest = {
            schemaVersion: 2,
            mediaType: types/* MEDIA_MANIFEST */.l8,
            config: { mediaType: types/* MEDIA_CONFIG */.m3, digest: configDesc.digest, size: configDesc.size },
            layers: image.layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
            annotations: {
                ...image.annotations,
                [types/* ANNOTATION_KEY */.MD]: image.key,
                [types/* ANNOTATION_NAME */.S5]: image.name,
                [types/* ANNOTATION_CREATED */.H]: created
            }
        };
        const manifestDesc = await this.putBlob(JSON.stringify(manifest), types/* MEDIA_MANIFEST */.l8);
        const platform = { architecture: ociArch(config.architecture), os: config.os || 'linux' };
        const entry = (ref) => ({
            mediaType: types/* MEDIA_MANIFEST */.l8,
            digest: manifestDesc.digest,
            size: manifestDesc.size,
            platform,
            annotations: {
                [types/* ANNOTATION_REF */.wy]: ref,
                [types/* ANNOTATION_KEY */.MD]: image.key,
                [types/* ANNOTATION_NAME */.S5]: image.name,
                [types/* ANNOTATION_CREATED */.H]: created
            }
        });
        let dated = '';
        await this.updateIndex(async (index) => {
            // Checked again under the lock gc takes too: a blob that was already here (not written
            // by this build, so not leased) could have gone since; what is here now stays, as the
            // index names it before gc can look. The index never names a missing blob.
            for (const d of [configDesc.digest, manifestDesc.digest, ...image.layers.map((l) => l.digest)]) {
                if (!(await this.hasBlob(d)))
                    throw new Error(`store ${this.root}: image ${image.name}: blob ${d} went missing before the image was tagged (a kiln gc at that moment?); build again`);
            }
            dated = nextDatedTag(image.name, created, index.manifests.map((m) => m.annotations?.[types/* ANNOTATION_REF */.wy] ?? ''));
            index.manifests = index.manifests.filter((m) => m.annotations?.[types/* ANNOTATION_REF */.wy] !== image.name);
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
        let size;
        if ((0,util_digest/* isDigest */.Bc)(ref)) {
            if (!(await this.hasBlob(ref)))
                return null;
            digest = ref;
        }
        else {
            const entry = index.manifests.filter((m) => m.annotations?.[types/* ANNOTATION_REF */.wy] === ref).pop();
            if (!entry)
                return null;
            digest = (0,util_digest/* checkDigest */.H2)(entry.digest, `${this.indexPath}: ref ${ref}: digest`);
            size = entry.size;
        }
        return this.loadImage(index, digest, size);
    }
    /**
     * The image whose manifest is `digest`, every part checked: the manifest and config hash to
     * their digests, every digest they name is valid, and every layer blob is there with its
     * size (a stat each; a layer's content is checked where it is read anyway: exporters, the
     * sandbox's unpack, docker load). Throws MissingBlobError, CorruptBlobError or
     * InvalidDigestError, each naming the blob.
     */
    async loadImage(index, digest, size) {
        const where = `store ${this.root}: manifest ${digest}`;
        const manifest = await this.readJsonBlob(digest, size);
        if (!manifest || typeof manifest !== 'object' || !manifest.config || !Array.isArray(manifest.layers)) {
            const kind = manifest?.mediaType ?? 'document';
            throw new Error(`${where}: is a ${kind}, not an image manifest`);
        }
        const configDigest = (0,util_digest/* checkDigest */.H2)(manifest.config.digest, `${where}: config.digest`);
        const config = await this.readJsonBlob(configDigest, sizeOf(manifest.config));
        const diffIDs = Array.isArray(config.rootfs?.diff_ids) ? config.rootfs.diff_ids : [];
        const layers = manifest.layers.map((l, i) => {
            const layerDigest = (0,util_digest/* checkDigest */.H2)(l?.digest, `${where}: layers[${i}].digest`);
            const diffID = diffIDs[i] === undefined
                ? layerDigest
                : (0,util_digest/* checkDigest */.H2)(diffIDs[i], `store ${this.root}: config ${configDigest}: rootfs.diff_ids[${i}]`);
            return {
                digest: layerDigest,
                diffID,
                size: l.size,
                mediaType: l.mediaType,
                path: this.blobPath(layerDigest)
            };
        });
        for (const l of layers) {
            const st = await (0,promises_.stat)(l.path).catch(() => null);
            if (!st?.isFile())
                throw new MissingBlobError(`${where}: layer ${l.digest} is missing`);
            const bad = (0,util_digest/* mismatch */.J4)(l.digest, l.path, l.digest, st.size, sizeOf(l));
            if (bad)
                throw bad;
        }
        const refs = index.manifests
            .filter((m) => m.digest === digest && m.annotations?.[types/* ANNOTATION_REF */.wy])
            .map((m) => m.annotations[types/* ANNOTATION_REF */.wy]);
        return {
            manifestDigest: digest,
            manifest,
            config,
            layers,
            refs,
            key: manifest.annotations?.[types/* ANNOTATION_KEY */.MD]
        };
    }
    /**
     * The newest image stored under `key`, or null. One that is broken (a blob missing, corrupt
     * or invalid) counts as absent, so the build restores or rebuilds it rather than failing on
     * it every run; a corrupt blob is deleted on the way (see dropCorruptBlob).
     */
    async findByKey(key) {
        const index = await this.readIndex();
        let best;
        for (const m of index.manifests) {
            if (m.annotations?.[types/* ANNOTATION_KEY */.MD] !== key)
                continue;
            // Later entries win ties: index.json is appended in build order.
            if (!best ||
                (m.annotations?.[types/* ANNOTATION_CREATED */.H] ?? '') >= (best.annotations?.[types/* ANNOTATION_CREATED */.H] ?? ''))
                best = m;
        }
        if (!best)
            return null;
        try {
            const digest = (0,util_digest/* checkDigest */.H2)(best.digest, `${this.indexPath}: key ${key.slice(0, 12)}: digest`);
            return await this.loadImage(index, digest, sizeOf(best));
        }
        catch (e) {
            // A failing disk or a lack of file handles is not a broken image: say so, rebuild nothing.
            if (e.code)
                throw e;
            const corrupt = (0,util_digest.findCorruptBlob)(e);
            const dropped = corrupt ? await this.dropCorruptBlob(corrupt) : false;
            const name = best.annotations?.[types/* ANNOTATION_NAME */.S5] ?? best.annotations?.[types/* ANNOTATION_REF */.wy] ?? key.slice(0, 12);
            this.warn(`store: image ${name} is unusable, so it counts as absent (restored or built again): ${msg(e)}` +
                (dropped ? '; the corrupt blob was deleted' : ''));
            return null;
        }
    }
    async dropCorruptBlob(e) {
        if (!(0,util_digest/* isDigest */.Bc)(e.digest) || e.path !== this.blobPath(e.digest))
            return false;
        // Checked again before deleting: only a blob that really is corrupt goes.
        if ((await this.checkBlob(e.digest)) === null)
            return false;
        await (0,promises_.rm)(e.path, { force: true });
        return true;
    }
    /** Null when the blob hashes to its name (or is gone); else what is wrong with it. */
    async checkBlob(digest) {
        const path = this.blobPath(digest);
        const hash = (0,external_node_crypto_.createHash)('sha256');
        try {
            for await (const chunk of (0,external_node_fs_.createReadStream)(path, { highWaterMark: 1 << 20 }))
                hash.update(chunk);
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return null;
            return `cannot be read: ${msg(e)}`;
        }
        const actual = `sha256:${hash.digest('hex')}`;
        return actual === digest ? null : `its content hashes to ${actual}`;
    }
    async fsck(opts = {}) {
        const report = {
            blobsChecked: 0,
            corruptBlobs: [],
            brokenRefs: [],
            removedBlobs: [],
            removedRefs: []
        };
        const corrupt = new Map();
        for (const name of (await (0,promises_.readdir)(this.blobDir)).sort()) {
            const digest = `sha256:${name}`;
            if (!(0,util_digest/* isDigest */.Bc)(digest)) {
                corrupt.set(name, 'is not named by a sha256 digest');
                continue;
            }
            report.blobsChecked++;
            const problem = await this.checkBlob(digest);
            if (problem)
                corrupt.set(digest, problem);
        }
        report.corruptBlobs = [...corrupt].map(([digest, problem]) => ({ digest, problem }));
        const index = await this.readIndex();
        for (const entry of await this.listRefs()) {
            const problems = [];
            try {
                const digest = (0,util_digest/* checkDigest */.H2)(entry.digest, `index.json: ref ${entry.ref}: digest`);
                if (corrupt.has(digest))
                    throw new Error(`manifest ${digest} is corrupt`);
                const size = sizeOf(index.manifests.find((m) => m.annotations?.[types/* ANNOTATION_REF */.wy] === entry.ref));
                const image = await this.loadImage(index, digest, size);
                for (const d of [image.manifest.config.digest, ...image.layers.map((l) => l.digest)])
                    if (corrupt.has(d))
                        problems.push(`blob ${d} is corrupt`);
            }
            catch (e) {
                problems.push(msg(e).replace(`store ${this.root}: `, ''));
            }
            if (problems.length)
                report.brokenRefs.push({ ref: entry.ref, problems });
        }
        if (opts.repair) {
            for (const [name] of corrupt) {
                await (0,promises_.rm)((0,external_node_path_.join)(this.blobDir, name.replace(/^sha256:/, '')), { force: true });
                report.removedBlobs.push(name);
            }
            const broken = new Set(report.brokenRefs.map((r) => r.ref));
            if (broken.size) {
                await this.updateIndex((idx) => {
                    idx.manifests = idx.manifests.filter((m) => {
                        const ref = m.annotations?.[types/* ANNOTATION_REF */.wy];
                        if (ref === undefined || !broken.has(ref))
                            return true;
                        report.removedRefs.push(ref);
                        return false;
                    });
                });
            }
        }
        return report;
    }
    releaseLease() {
        this.leases.release();
    }
    async listRefs() {
        const index = await this.readIndex();
        return index.manifests
            .filter((m) => m.annotations?.[types/* ANNOTATION_REF */.wy])
            .map((m) => ({
            ref: m.annotations[types/* ANNOTATION_REF */.wy],
            digest: m.digest,
            key: m.annotations?.[types/* ANNOTATION_KEY */.MD],
            image: m.annotations?.[types/* ANNOTATION_NAME */.S5],
            created: m.annotations?.[types/* ANNOTATION_CREATED */.H]
        }));
    }
    async removeRef(ref) {
        let found = false;
        await this.updateIndex((index) => {
            const before = index.manifests.length;
            index.manifests = index.manifests.filter((m) => m.annotations?.[types/* ANNOTATION_REF */.wy] !== ref);
            found = index.manifests.length !== before;
        });
        return found;
    }
    /**
     * Removes every blob no index.json entry reaches (manifest, its config and layers, nested
     * indexes followed) and temp files whose writer is gone. Taken under the index lock. A blob
     * a live build wrote and has not yet tagged is leased (lease.ts) and kept.
     */
    async gc() {
        return this.locked(async () => {
            // Blobs listed before the leases are read: a build leases a blob before renaming it in,
            // so every blob listed here that a live build wrote is in the leases read below.
            const present = await (0,promises_.readdir)(this.blobDir);
            const leased = await this.leases.live();
            const index = await this.readIndex();
            const reachable = new Set();
            const visit = async (d) => {
                if (reachable.has(d.digest))
                    return;
                reachable.add(d.digest);
                if (!(await this.hasBlob(d.digest)))
                    return;
                if (d.mediaType === types/* MEDIA_MANIFEST */.l8 ||
                    d.mediaType === types/* MEDIA_INDEX */.aq ||
                    /manifest|index/.test(d.mediaType)) {
                    const doc = await this.readJsonBlob(d.digest).catch((e) => {
                        // What it names is unknown: deleting anything now could delete what it needs.
                        throw new Error(`gc stopped, nothing removed: ${msg(e)}; run kiln fsck --repair`);
                    });
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
            let kept = 0;
            const owners = new Set();
            for (const hex of present) {
                if (reachable.has(`sha256:${hex}`))
                    continue;
                const owner = leased.get(`sha256:${hex}`);
                if (owner) {
                    kept++;
                    owners.add(owner);
                    continue;
                }
                const path = (0,external_node_path_.join)(this.blobDir, hex);
                const st = await (0,promises_.stat)(path).catch(() => null);
                if (!st?.isFile())
                    continue;
                await (0,promises_.rm)(path, { force: true });
                removed++;
                bytes += st.size;
            }
            let tempRemoved = 0;
            for (const name of await (0,promises_.readdir)(this.tmpDir).catch(() => [])) {
                const path = (0,external_node_path_.join)(this.tmpDir, name);
                const st = await (0,promises_.stat)(path).catch(() => null);
                if (!st)
                    continue;
                const pid = Number.parseInt(name.split('-')[0], 10);
                const writerGone = !(Number.isInteger(pid) && pid > 0 && (0,lock/* pidAlive */.pl)(pid));
                if (writerGone || Date.now() - st.mtimeMs > STALE_TEMP_MS) {
                    await (0,promises_.rm)(path, { recursive: true, force: true });
                    tempRemoved++;
                }
            }
            return { removed, bytes, tempRemoved, leased: kept, leaseOwners: [...owners].sort() };
        });
    }
    /** A fresh temp path in the store's tmp dir; the pid prefix tells gc whether its writer is alive. */
    tempName(kind) {
        return (0,external_node_path_.join)(this.tmpDir, `${process.pid}-${(0,external_node_crypto_.randomBytes)(8).toString('hex')}.${kind}`);
    }
    async readIndex() {
        let text;
        try {
            text = await (0,promises_.readFile)(this.indexPath, 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return { schemaVersion: 2, mediaType: types/* MEDIA_INDEX */.aq, manifests: [] };
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
            await change(index);
            const tmp = this.tempName('index');
            try {
                await (0,promises_.writeFile)(tmp, `${JSON.stringify(index, null, 2)}\n`, { flag: 'wx' });
                await (0,promises_.rename)(tmp, this.indexPath);
            }
            catch (e) {
                await (0,promises_.rm)(tmp, { force: true });
                throw new Error(`store ${this.root}: write index.json: ${msg(e)}`, { cause: e });
            }
        });
    }
    locked(fn) {
        return this.mutex.run(() => (0,lock/* withLockFile */.Q5)(this.lockPath, fn));
    }
    /** Creates a file only if absent, atomically (temp + link), so concurrent openers cannot clobber each other. */
    async createIfAbsent(path, content) {
        const tmp = this.tempName('init');
        await (0,promises_.writeFile)(tmp, content);
        try {
            await (0,promises_.link)(tmp, path);
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw e;
        }
        finally {
            await (0,promises_.rm)(tmp, { force: true });
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
/** A descriptor's size when it states a usable one. */
function sizeOf(d) {
    return typeof d?.size === 'number' && Number.isSafeInteger(d.size) && d.size >= 0 ? d.size : undefined;
}
/** A blob an image names is not in the store. */
class MissingBlobError extends Error {
    constructor(message) {
        super(message);
        this.name = 'MissingBlobError';
    }
}
async function sameSize(path, size) {
    const st = await (0,promises_.stat)(path).catch(() => null);
    return !!st && st.isFile() && st.size === size;
}
/** An error's message; a file-system error as its cause alone ("no space left on device"). */
function msg(e) {
    return (0,io_error/* ioCause */._C)(e) ?? (e instanceof Error ? e.message : String(e));
}


/***/ }),

/***/ 35074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q5: () => (/* binding */ withLockFile),
/* harmony export */   eu: () => (/* binding */ Mutex),
/* harmony export */   pl: () => (/* reexport safe */ _owner_js__WEBPACK_IMPORTED_MODULE_1__.pl)
/* harmony export */ });
/* unused harmony export EMPTY_STALE_MS */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _owner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(67946);
/**
 * Serialises changes to index.json: an in-process mutex (promise chain) for concurrent
 * calls in one process, and an O_EXCL lock file for separate processes. The lock file names
 * its owner as `pid@host`: a lock whose owner is gone (its pid is dead on this host) is taken
 * over at once; one of another host only once it is old. An empty or unreadable lock file (its
 * owner was killed between creating and writing it) is stale once a few seconds old.
 */



const RETRY_MS = 50;
const DEFAULT_TIMEOUT_MS = 120_000;
/** A lock of another host (its pid cannot be checked) older than this is considered stale. */
const FOREIGN_STALE_MS = 10 * 60_000;
/** An empty lock file older than this was left half-made by a killed process. */
const EMPTY_STALE_MS = 3_000;
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
                await fh.writeFile(`${(0,_owner_js__WEBPACK_IMPORTED_MODULE_1__/* .ownerId */ .fj)()}\n`);
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
        const [text, st] = await Promise.all([(0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8'), (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path)]);
        const age = Date.now() - st.mtimeMs;
        // Just created by its owner, who has not written it yet; or left so by a killed one.
        if (!/^\d+(@\S+)?$/.test(text.trim()))
            return age > EMPTY_STALE_MS;
        return (0,_owner_js__WEBPACK_IMPORTED_MODULE_1__/* .ownerGone */ .RT)(text, age, FOREIGN_STALE_MS);
    }
    catch {
        // Vanished between our open and this look: try again.
        return false;
    }
}


/***/ }),

/***/ 67946:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RT: () => (/* binding */ ownerGone),
/* harmony export */   fj: () => (/* binding */ ownerId),
/* harmony export */   pl: () => (/* binding */ pidAlive)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Who owns a lock or lease file: `pid@host`. A pid says whether its owner is alive only on the
 * host that wrote it; an owner on another host (a store on a shared mount) is judged by age.
 */

/** `pid@host` of this process. */
function ownerId() {
    return `${process.pid}@${(0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)()}`;
}
/**
 * Whether the owner `pid@host` (a bare pid is taken as this host) is gone. `ageMs` is the age
 * of the owner's file: one of another host counts as gone once older than `foreignTtlMs`.
 */
function ownerGone(owner, ageMs, foreignTtlMs) {
    const m = /^(\d+)(?:@(.+))?$/.exec(owner.trim());
    if (!m)
        return true;
    const pid = Number.parseInt(m[1], 10);
    if (m[2] === undefined || m[2] === (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)())
        return !(pid > 0 && pidAlive(pid));
    return ageMs > foreignTtlMs;
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


/***/ })

};
