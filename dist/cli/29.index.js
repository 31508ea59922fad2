export const id = 29;
export const ids = [29];
export const modules = {

/***/ 13029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   InputError: () => (/* binding */ InputError),
/* harmony export */   h: () => (/* binding */ resolveLayers),
/* harmony export */   resolveInput: () => (/* binding */ resolveInput)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(4434);
/* harmony import */ var _util_digest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(16178);
/* harmony import */ var _file_reader_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(77680);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(77137);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(57636);
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
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(process.env.KILN_TMPDIR ?? (0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_10__/* .tempPrefix */ .hF)('export')));
    return { dir, cleanup: () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true }) };
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
            path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(tmp.dir, 'stdin.tar');
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)(stdin, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(path));
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
            const src = isLayerRef(l)
                ? {
                    path: l.path,
                    offset: 0,
                    length: l.size,
                    digest: l.diffID,
                    expected: { digest: l.digest, size: l.size }
                }
                : l;
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
    let st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => null);
    if (!st && input.includes(':')) {
        path = input.slice(0, input.lastIndexOf(':'));
        tag = input.slice(input.lastIndexOf(':') + 1);
        st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => null);
    }
    if (!st)
        throw new InputError(`${input}: no such file or directory`);
    if (st.isDirectory())
        return fromLayoutDir(path, tag, tmpDir);
    const reader = await _file_reader_js__WEBPACK_IMPORTED_MODULE_8__/* .FileReader */ .q.open(path);
    try {
        // Keyed by member name as a binary string (tar.ts); the names asked for come from JSON.
        const members = new Map();
        for await (const e of (0,_tar_js__WEBPACK_IMPORTED_MODULE_9__/* .readHeaders */ .jB)(reader, 0, st.size, path)) {
            if (e.type === 'file')
                members.set(e.rawPath.replace(/^\.?\//, ''), { offset: e.dataOffset, size: e.size });
        }
        const readJson = async (name, digest) => {
            const m = members.get((0,_tar_js__WEBPACK_IMPORTED_MODULE_9__/* .binaryName */ .fW)(name));
            if (!m)
                throw new InputError(`${path}: no ${name} in the archive`);
            return parseBlob(await reader.readFresh(m.offset, m.size), `${path}: ${name}`, digest);
        };
        const regionOf = (name) => {
            const m = members.get((0,_tar_js__WEBPACK_IMPORTED_MODULE_9__/* .binaryName */ .fW)(name));
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
            names = stringList(manifest[0].Layers, `${path}: manifest.json: Layers`);
        }
        else if (members.has('index.json')) {
            names = (await ociLayers(readJson, path, tag)).map((l) => l.path);
        }
        else {
            throw new InputError(`${path}: neither a docker save tarball (manifest.json) nor an OCI archive (index.json)`);
        }
        const out = [];
        for (const [i, n] of names.entries()) {
            const src = regionOf(n);
            const hex = /([0-9a-f]{64})/.exec(n)?.[1];
            // blobs/sha256/<hex> names its content; a legacy <id>/layer.tar id does not.
            const named = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(n.replace(/^\.?\//, ''))?.[1];
            const expected = named ? { digest: `sha256:${named}` } : undefined;
            out.push(await uncompressed({ ...src, digest: hex ? `sha256:${hex}` : undefined, expected }, tmpDir, i));
        }
        return out;
    }
    finally {
        await reader.close();
    }
}
function stringList(v, what) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
        throw new InputError(`${what} must be a list of file names`);
    return v;
}
/** A list of OCI descriptors, each with a digest string (what the walk below reads). */
function descriptors(v, what) {
    if (!Array.isArray(v) || v.some((d) => typeof d?.digest !== 'string'))
        throw new InputError(`${what} must be a list of descriptors, each with a digest`);
    return v;
}
/**
 * The layout path of a blob named by a descriptor read from the input: its digest is checked
 * first (a digest like `sha256:../../etc/shadow` must never become a path).
 */
function blobPath(digest, where) {
    try {
        return `blobs/sha256/${(0,_util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .checkDigest */ .H2)(digest, where).slice('sha256:'.length)}`;
    }
    catch (e) {
        if (e instanceof _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .InvalidDigestError */ .uH)
            throw new InputError(e.message);
        throw e;
    }
}
/** JSON of a blob (or a member), checked against its digest when the input names one. */
function parseBlob(bytes, where, digest) {
    if (digest) {
        const actual = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
        if (actual !== digest)
            throw new _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .CorruptBlobError */ .VS(digest, where, `hashes to ${actual}`);
    }
    try {
        return JSON.parse(bytes.toString('utf8'));
    }
    catch (e) {
        const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
        throw new InputError(`${where} is not valid JSON (${why})`);
    }
}
/** Layers of an OCI image (blob path and digest): index.json → (nested index →) manifest → layers. */
async function ociLayers(readJson, where, tag) {
    const index = (await readJson('index.json'));
    let list = descriptors(index?.manifests ?? [], `${where}: index.json: manifests`);
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
    let at = `${where}: index.json: manifests[${index.manifests.indexOf(desc)}].digest`;
    for (let depth = 0; depth < 4; depth++) {
        const path = blobPath(desc.digest, at);
        const doc = (await readJson(path, desc.digest));
        if (doc?.layers) {
            return descriptors(doc.layers, `${where}: ${path}: layers`).map((l, i) => ({
                path: blobPath(l.digest, `${where}: ${path}: layers[${i}].digest`),
                digest: l.digest,
                size: typeof l.size === 'number' ? l.size : undefined
            }));
        }
        const ms = descriptors(doc?.manifests ?? [], `${where}: ${path}: manifests`);
        const pick = ms.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ?? ms[0];
        if (!pick)
            break;
        at = `${where}: ${path}: manifests[${ms.indexOf(pick)}].digest`;
        desc = pick;
    }
    throw new InputError(`${where}: no image manifest found under ${desc.digest}`);
}
async function fromLayoutDir(dir, tag, tmpDir) {
    const { readFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 51455, 23));
    const readJson = async (p, digest) => {
        const bytes = await readFile((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, p)).catch((e) => {
            throw new InputError(`${dir}: cannot read ${p}: ${e.code ?? e.message}`);
        });
        return parseBlob(bytes, (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, p), digest);
    };
    const layers = await ociLayers(readJson, dir, tag);
    const out = [];
    for (const [i, l] of layers.entries()) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, l.path);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch(() => null);
        if (!st)
            throw new InputError(`${dir}: layer blob ${l.path} is missing`);
        const expected = { digest: l.digest, size: l.size };
        out.push(await uncompressed({ path, offset: 0, length: st.size, digest: l.digest, expected }, tmpDir, i));
    }
    return out;
}
/** The source itself when it is plain tar; else decompressed once (gzip or zstd) to a temp file. */
async function uncompressed(src, tmpDir, i) {
    const reader = await _file_reader_js__WEBPACK_IMPORTED_MODULE_8__/* .FileReader */ .q.open(src.path);
    let magic;
    try {
        magic = Buffer.from(await reader.read(src.offset, Math.min(4, src.length)));
    }
    finally {
        await reader.close();
    }
    // A layer may be shorter than a magic number (an empty file): then it is neither.
    const gzip = magic.length >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    const zstd = magic.length >= 4 && magic.readUInt32LE(0) === 0xfd2fb528;
    if (!gzip && !zstd)
        return src;
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(tmpDir, `layer-${i}.tar`);
    const raw = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(src.path, {
        start: src.offset,
        end: src.offset + src.length - 1,
        highWaterMark: 1 << 20
    });
    // The compressed blob is what its digest names: checked in this, its one sequential pass.
    const check = new _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .DigestCheck */ .FL(src.expected?.digest ?? '', src.path, src.expected?.size);
    const input = src.expected ? [raw, check] : [raw];
    if (gzip) {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)([...input, (0,node_zlib__WEBPACK_IMPORTED_MODULE_6__.createGunzip)(), (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(out)]);
    }
    else {
        const child = (0,execa__WEBPACK_IMPORTED_MODULE_11__/* .execa */ .Ho)('zstd', ['-d', '-q', '-c'], { stdin: 'pipe', stdout: { file: out }, stderr: 'pipe' });
        await Promise.all([(0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)([...input, child.stdin]), child]).catch((e) => {
            if (e instanceof _util_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .CorruptBlobError */ .VS)
                throw e;
            throw new InputError(`${src.path}: layer ${i}: zstd -d failed: ${e instanceof Error ? e.message : String(e)}`);
        });
    }
    return { path: out, offset: 0, length: (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(out)).size, digest: src.digest, expected: undefined };
}


/***/ })

};
