export const id = 883;
export const ids = [883];
export const modules = {

/***/ 90883:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GithubCache: () => (/* binding */ GithubCache)
/* harmony export */ });
/* unused harmony export STAGE_ROOT */
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43559);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(66652);
/**
 * The GitHub Actions cache as a backend, through @actions/cache (cache service v2).
 *
 *   blob     kiln-blob-<hex>~<n>          layer blobs, written once (looked up first)
 *   record   kiln-rec-<image key>~<n>     one per image build
 *   pointer  kiln-last-<name>~<n>         a new entry per save
 *
 * Entries of the service are immutable, so every kind is read by the prefix before "~", which
 * the service answers with the newest entry of that prefix (restore-keys semantics). Blobs and
 * records are written once; only when one was found corrupt is a newer one written, which then
 * supersedes the bad entry (it cannot be overwritten, and would otherwise poison every later
 * run). <n> is a time stamp plus a random part, so concurrent writers never collide. Names of
 * images cannot contain "~", so "kiln-last-a~" never matches the pointers of "a.b".
 *
 * Why every entry goes through a fixed absolute path (STAGE_ROOT/<kind>/<name>): @actions/cache
 * hashes the list of cached paths, as given, into the entry's "version", and a lookup only matches
 * entries of the same version. A path under RUNNER_TEMP or the workspace differs between runners
 * (and between hosted and self-hosted ones), so an entry saved on one would never be found on
 * another. The same absolute path on every runner gives the same version everywhere.
 *
 * Why GITHUB_WORKSPACE is pinned to "/" around each call: the toolkit stores paths in its tar
 * relative to GITHUB_WORKSPACE and extracts relative to it again, so "/tmp/..." saved from a
 * workspace 5 directories deep would come back 5 levels up from a deeper workspace on another
 * runner. Relative to "/", it comes back where it was saved.
 *
 * The toolkit compresses (zstd when the runner has it, which also goes into the version) and
 * retries; it reports its own failures as warnings and answers "not found", which ImageCache
 * treats as a miss. Layers are stored uncompressed in the store, so nothing is compressed twice.
 */





const STAGE_ROOT = '/tmp/kiln-cache-stage';
class GithubCache {
    name = 'github';
    prefix;
    stageRoot;
    reporter;
    /** One operation at a time per staged path: two images sharing a layer must not race on its file. */
    busy = new Map();
    constructor(opts = {}) {
        this.prefix = opts.prefix ?? 'kiln';
        this.stageRoot = opts.stageRoot ?? STAGE_ROOT;
        this.reporter = opts.reporter;
    }
    /** Whether the runner gave this job access to the cache service. */
    static available() {
        return _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3();
    }
    async getBlob(digest, destPath) {
        const hex = (0,_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .digestHex */ .sU)(digest);
        const staged = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stageRoot, 'blob', hex);
        return this.exclusive(staged, async () => {
            if (!(await this.restore(staged, this.key('blob', hex))))
                return false;
            await moveFile(staged, destPath);
            return true;
        });
    }
    async putBlob(digest, srcPath, opts = {}) {
        const hex = (0,_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .digestHex */ .sU)(digest);
        const staged = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stageRoot, 'blob', hex);
        return this.exclusive(staged, async () => {
            if (!opts.replace && (await this.lookup(staged, this.key('blob', hex))))
                return false;
            await opts.check?.();
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(staged), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(staged, { force: true });
            // A hard link when the store is on the same file system: no copy of a big layer.
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(srcPath, staged).catch(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.copyFile)(srcPath, staged));
            try {
                return await this.save(staged, this.key('blob', hex));
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(staged, { force: true });
            }
        });
    }
    async getRecord(key) {
        const staged = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stageRoot, 'rec', `${checkKey(key)}.json`);
        return this.exclusive(staged, () => this.readStaged(staged, this.key('rec', key)));
    }
    async putRecord(key, record, opts = {}) {
        const staged = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stageRoot, 'rec', `${checkKey(key)}.json`);
        await this.exclusive(staged, async () => {
            if (!opts.replace && (await this.lookup(staged, this.key('rec', key))))
                return;
            await this.writeStaged(staged, this.key('rec', key), JSON.stringify(record));
        });
    }
    async getPointer(name) {
        const staged = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stageRoot, 'last', `${checkName(name)}.json`);
        return this.exclusive(staged, () => this.readStaged(staged, this.key('last', name)));
    }
    async putPointer(name, pointer) {
        const staged = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stageRoot, 'last', `${checkName(name)}.json`);
        await this.exclusive(staged, () => this.writeStaged(staged, this.key('last', name), JSON.stringify(pointer)));
    }
    /** The lookup prefix of an entry: `<prefix>-<kind>-<id>~`. */
    key(kind, id) {
        return `${this.prefix}-${kind}-${id}~`;
    }
    async readStaged(staged, prefix) {
        if (!(await this.restore(staged, prefix)))
            return null;
        try {
            return JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(staged, 'utf8'));
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(staged, { force: true });
        }
    }
    async writeStaged(staged, prefix, text) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(staged), { recursive: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(staged, text);
        try {
            await this.save(staged, prefix);
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(staged, { force: true });
        }
    }
    /** Saves a new entry under the prefix; throws when it could not be saved. */
    async save(staged, prefix) {
        const key = `${prefix}${Date.now()}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(3).toString('hex')}`;
        const id = await withRootWorkspace(() => _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io([staged], key));
        // -1: the toolkit already warned (or was told not to write: a read-only cache token).
        if (id === -1)
            throw new Error(`cache entry ${key} could not be saved`);
        return true;
    }
    /** Whether an entry of this prefix exists, without downloading it. */
    async lookup(staged, prefix) {
        const hit = await withRootWorkspace(() => _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3([staged], prefix, [prefix], { lookupOnly: true }));
        return hit !== undefined;
    }
    /** Restores the newest entry of the prefix to its staged path. */
    async restore(staged, prefix) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(staged, { force: true });
        const hit = await withRootWorkspace(() => _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3([staged], prefix, [prefix]));
        if (hit === undefined)
            return false;
        // A hit whose archive did not hold the path (an entry written by something else) is a miss.
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(staged).then(() => true, () => {
            this.reporter?.debug(`cache entry ${hit} did not contain ${staged}`);
            return false;
        });
    }
    async exclusive(path, fn) {
        const before = this.busy.get(path) ?? Promise.resolve();
        const mine = before.catch(() => undefined).then(fn);
        this.busy.set(path, mine);
        try {
            return await mine;
        }
        finally {
            if (this.busy.get(path) === mine)
                this.busy.delete(path);
        }
    }
}
let pinned = 0;
let savedWorkspace;
/** Runs a toolkit call with GITHUB_WORKSPACE=/ (see the file comment); reference-counted for concurrent calls. */
async function withRootWorkspace(fn) {
    if (pinned++ === 0) {
        savedWorkspace = process.env.GITHUB_WORKSPACE;
        process.env.GITHUB_WORKSPACE = '/';
    }
    try {
        return await fn();
    }
    finally {
        if (--pinned === 0) {
            if (savedWorkspace === undefined)
                delete process.env.GITHUB_WORKSPACE;
            else
                process.env.GITHUB_WORKSPACE = savedWorkspace;
        }
    }
}
async function moveFile(src, dest) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(dest), { recursive: true });
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(src, dest);
    }
    catch (e) {
        if (e.code !== 'EXDEV')
            throw e;
        const tmp = `${dest}.tmp-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(6).toString('hex')}`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.copyFile)(src, tmp);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(tmp, dest);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(src, { force: true });
    }
}
function checkKey(key) {
    if (!/^[0-9a-f]{64}$/.test(key))
        throw new Error(`invalid image key ${JSON.stringify(key)}`);
    return key;
}
function checkName(name) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.'))
        throw new Error(`invalid image name ${JSON.stringify(name)}`);
    return name;
}


/***/ })

};
