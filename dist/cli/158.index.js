export const id = 158;
export const ids = [158,29];
export const modules = {

/***/ 2312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gz: () => (/* binding */ singleFileTarget),
/* harmony export */   P1: () => (/* binding */ selectBoot),
/* harmony export */   VB: () => (/* binding */ NoKernelError),
/* harmony export */   hN: () => (/* binding */ modulesTarget)
/* harmony export */ });
/* unused harmony exports compareVersions, listKernels */
/* harmony import */ var _flatten_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2428);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6729);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7137);
/**
 * Boot archives in the layout bare-metal provisioners expect (Packet's archive-* tools):
 * kernel.tar.gz holds `./vmlinuz`, initrd.tar.gz holds `./initrd`, modules.tar.gz holds
 * `lib/modules/<version>/…` (a clean relative path, unlike the temp prefix the originals
 * leaked). The kernel is chosen from the header indexes before the pass, so the archives
 * are written in the same pass as the rootfs.
 */



class NoKernelError extends Error {
}
/** `sort -V` order: digit runs compare as numbers, everything else as text. */
function compareVersions(a, b) {
    const pa = a.match(/\d+|\D+/g) ?? [];
    const pb = b.match(/\d+|\D+/g) ?? [];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i];
        const y = pb[i];
        if (x === undefined)
            return -1;
        if (y === undefined)
            return 1;
        const nx = /^\d/.test(x);
        const ny = /^\d/.test(y);
        if (nx && ny) {
            const d = Number(x) - Number(y);
            if (d)
                return d;
        }
        else if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/** Kernel versions found as boot/vmlinuz-<version> (regular files or links to one), rescue kernels left out. */
function listKernels(plan) {
    const out = [];
    for (const path of plan.visible.keys()) {
        const m = /^boot\/vmlinuz-(.+)$/.exec(path);
        if (!m || /rescue/.test(m[1]))
            continue;
        const r = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, path);
        if (r && (r.entry.src.type === 'file' || r.entry.kind !== 'copy'))
            out.push(m[1]);
    }
    return out.sort(compareVersions);
}
const INITRD_NAMES = (v) => [
    `boot/initrd.img-${v}`,
    `boot/initramfs-${v}.img`,
    `boot/initrd-${v}`,
    `boot/initrd-${v}.img`
];
/**
 * Picks the kernel (newest, or `pin`, given as UTF-8 text), its initrd and its modules
 * directory. Throws NoKernelError naming what is missing.
 */
function selectBoot(plan, pin) {
    const kernels = listKernels(plan);
    if (!kernels.length)
        throw new NoKernelError('no kernel in the image: no /boot/vmlinuz-* file');
    const version = pin === undefined ? kernels[kernels.length - 1] : (0,_tar_js__WEBPACK_IMPORTED_MODULE_2__/* .binaryName */ .fW)(pin);
    if (!kernels.includes(version)) {
        throw new NoKernelError(`kernel ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$)(version)} is not in the image (found: ${kernels.map(_tar_js__WEBPACK_IMPORTED_MODULE_2__/* .printable */ .g$).join(', ')})`);
    }
    const k = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, `boot/vmlinuz-${version}`);
    const sel = { version, kernelPath: k.path, kernel: k.entry };
    for (const name of INITRD_NAMES(version)) {
        const r = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, name);
        if (r && r.entry.src.type !== 'dir') {
            sel.initrdPath = r.path;
            sel.initrd = r.entry;
            break;
        }
    }
    const mods = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveInImage */ .tE)(plan, `lib/modules/${version}`);
    if (mods && mods.entry.src.type === 'dir')
        sel.modulesPath = mods.path;
    return sel;
}
/** A regular file carrying `content` (for hardlinks: the inode's metadata and data). */
function fileHeader(name, p, content, sourceDateEpoch) {
    return { ...(0,_flatten_js__WEBPACK_IMPORTED_MODULE_0__/* .memberHeader */ .As)(name, content ?? p.src, sourceDateEpoch), type: 'file', size: content?.size ?? 0 };
}
/** A target taking one file of the image under a fixed name (./vmlinuz, ./initrd). */
function singleFileTarget(writer, entry, name, sourceDateEpoch) {
    return {
        writer,
        select: (p, content) => (p === entry ? fileHeader(name, p, content, sourceDateEpoch) : null)
    };
}
/** A target taking the modules tree, renamed to lib/modules/<version>/…; hardlinks become plain files. */
function modulesTarget(writer, sel, sourceDateEpoch) {
    const dir = sel.modulesPath;
    const prefix = `lib/modules/${sel.version}`;
    return {
        writer,
        select: (p, content) => {
            if (p.path !== dir && !p.path.startsWith(`${dir}/`))
                return null;
            const rel = p.path.slice(dir.length);
            const e = p.src;
            if (p.kind !== 'copy' || e.type === 'file')
                return fileHeader(`${prefix}${rel}`, p, content, sourceDateEpoch);
            return (0,_flatten_js__WEBPACK_IMPORTED_MODULE_0__/* .memberHeader */ .As)(`${prefix}${rel}`, e, sourceDateEpoch);
        }
    };
}


/***/ }),

/***/ 7158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ EXPORT_KINDS),
/* harmony export */   badOutputName: () => (/* binding */ badOutputName),
/* harmony export */   exportImage: () => (/* binding */ exportImage)
/* harmony export */ });
/* unused harmony export OUTPUT_NAME */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(9906);
/* harmony import */ var _boot_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2312);
/* harmony import */ var _compress_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7152);
/* harmony import */ var _flatten_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2428);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3029);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6001);
/* harmony import */ var _packages_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7949);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(6729);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(7137);
/**
 * exportImage: the archives a bare-metal provisioner needs, from one pass over the layers.
 * out/<name>/image.tar.gz, kernel.tar.gz, initrd.tar.gz, modules.tar.gz (suffix follows the
 * compression), manifest.json and SHA256SUMS.
 */













const EXPORT_KINDS = ['rootfs', 'kernel', 'initrd', 'modules'];
/**
 * What an output name may be: as an image name of IMAGES.json (schema/images-v1.schema.json),
 * so out/<name> is one directory right under out/, never `..`, `.` or a path.
 */
const OUTPUT_NAME = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
/** Why `name` cannot name out/<name>, or null. */
function badOutputName(name) {
    if (OUTPUT_NAME.test(name))
        return null;
    return `${JSON.stringify(name)} is not an image name (lowercase letters, digits, '_', '.', '-'; starting with a letter or digit; at most 128 characters), so it cannot name a directory of the output`;
}
const ARCHIVE_BASE = {
    rootfs: 'image',
    kernel: 'kernel',
    initrd: 'initrd',
    modules: 'modules'
};
/** Database files to read during the pass, keyed by their planned entry. */
function packageCaptures(plan) {
    const captures = new Map();
    const got = new Map();
    for (const path of [_packages_js__WEBPACK_IMPORTED_MODULE_9__/* .DPKG_STATUS */ .ok, _packages_js__WEBPACK_IMPORTED_MODULE_9__/* .APK_INSTALLED */ ._e]) {
        const r = (0,_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .resolveInImage */ .tE)(plan, path);
        if (r && r.entry.src.type !== 'dir')
            captures.set(r.entry, (_p, data) => got.set(path, data));
    }
    let rpmDir;
    for (const dir of _packages_js__WEBPACK_IMPORTED_MODULE_9__/* .RPM_DIRS */ .Xq) {
        const r = (0,_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .resolveInImage */ .tE)(plan, dir);
        if (!r || r.entry.src.type !== 'dir')
            continue;
        rpmDir = dir;
        for (const [path, p] of plan.visible) {
            if (path.startsWith(`${r.path}/`) && (p.src.type === 'file' || p.kind !== 'copy')) {
                captures.set(p, (_p, data) => got.set(`rpm:${path.slice(r.path.length + 1)}`, data));
            }
        }
        break;
    }
    return { captures, got, rpmDir };
}
async function readPackages(got, rpmDir, reporter) {
    const dpkg = got.get(_packages_js__WEBPACK_IMPORTED_MODULE_9__/* .DPKG_STATUS */ .ok);
    if (dpkg)
        return { format: 'dpkg', packages: (0,_packages_js__WEBPACK_IMPORTED_MODULE_9__/* .parseDpkgStatus */ ._0)(dpkg.toString('utf8')) };
    const apk = got.get(_packages_js__WEBPACK_IMPORTED_MODULE_9__/* .APK_INSTALLED */ ._e);
    if (apk)
        return { format: 'apk', packages: (0,_packages_js__WEBPACK_IMPORTED_MODULE_9__/* .parseApkInstalled */ .MF)(apk.toString('utf8')) };
    if (rpmDir) {
        const files = new Map([...got].filter(([k]) => k.startsWith('rpm:')).map(([k, v]) => [k.slice(4), v]));
        return { format: 'rpm', packages: (await (0,_packages_js__WEBPACK_IMPORTED_MODULE_9__/* .queryRpm */ .eO)(rpmDir, files, reporter)) ?? [] };
    }
    return { format: null, packages: [] };
}
/** Writes the requested archives, manifest.json and SHA256SUMS for one image. */
async function exportImage(opts) {
    const reporter = opts.reporter ?? new _util_log_js__WEBPACK_IMPORTED_MODULE_12__/* .SilentReporter */ .hs();
    const t0 = Date.now();
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.outDir, opts.name);
    const fail = (step, e) => {
        if (e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS)
            throw e;
        const err = new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS(opts.name, step, (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e));
        // Kept so the caller can tell a corrupt blob (util/digest.ts findCorruptBlob) and act on it.
        err.cause = e;
        throw err;
    };
    const badName = badOutputName(opts.name);
    if (badName)
        fail('export', badName);
    const input = await (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .resolveLayers */ .h)(opts.layers).catch((e) => fail('read layers', e));
    try {
        const plan = await (0,_flatten_js__WEBPACK_IMPORTED_MODULE_6__/* .planLayers */ .Q7)(input.layers).catch((e) => fail('index layers', e));
        (0,_flatten_js__WEBPACK_IMPORTED_MODULE_6__/* .ensureRoot */ .RP)(plan, opts.sourceDateEpoch);
        for (const d of plan.dropped)
            reporter.warn(`${opts.name}: dropped ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_11__/* .printable */ .g$)(d)}: it lies below a symlink or file`);
        const wants = new Set(opts.exports);
        let boot = null;
        if (wants.has('kernel') || wants.has('initrd') || wants.has('modules')) {
            try {
                boot = (0,_boot_js__WEBPACK_IMPORTED_MODULE_4__/* .selectBoot */ .P1)(plan, opts.kernel);
            }
            catch (e) {
                if (e instanceof _boot_js__WEBPACK_IMPORTED_MODULE_4__/* .NoKernelError */ .VB)
                    throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS(opts.name, 'export boot archives', e.message);
                throw e;
            }
            if (wants.has('initrd') && !boot.initrd) {
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS(opts.name, 'export boot archives', `no initrd for kernel ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_11__/* .printable */ .g$)(boot.version)} (looked for /boot/initrd.img-V, initramfs-V.img, initrd-V)`);
            }
            if (wants.has('modules') && !boot.modulesPath) {
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS(opts.name, 'export boot archives', `no /lib/modules/${(0,_tar_js__WEBPACK_IMPORTED_MODULE_11__/* .printable */ .g$)(boot.version)} directory for kernel ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_11__/* .printable */ .g$)(boot.version)}`);
            }
            reporter.info(`${opts.name}: kernel ${(0,_tar_js__WEBPACK_IMPORTED_MODULE_11__/* .printable */ .g$)(boot.version)} (/${(0,_tar_js__WEBPACK_IMPORTED_MODULE_11__/* .printable */ .g$)(boot.kernelPath)})`);
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true });
        const sde = opts.sourceDateEpoch;
        const files = [];
        const targets = [];
        for (const kind of EXPORT_KINDS) {
            if (!wants.has(kind))
                continue;
            const file = `${ARCHIVE_BASE[kind]}${(0,_compress_js__WEBPACK_IMPORTED_MODULE_5__/* .suffixFor */ .P)(opts.compression)}`;
            const sink = new _compress_js__WEBPACK_IMPORTED_MODULE_5__/* .FileSink */ .UP((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, file));
            // vmlinuz and the initrd are compressed already: level 1 is as good and far faster.
            const level = opts.compression === 'gzip' && (kind === 'kernel' || kind === 'initrd') ? 1 : undefined;
            const writer = new _flatten_js__WEBPACK_IMPORTED_MODULE_6__/* .TarWriter */ .rW(await (0,_compress_js__WEBPACK_IMPORTED_MODULE_5__/* .compressor */ .e)(opts.compression, sink, level));
            files.push({ kind, file, sink });
            if (kind === 'rootfs')
                targets.push({ writer, select: (p, c) => (0,_flatten_js__WEBPACK_IMPORTED_MODULE_6__/* .rootfsHeader */ .Xk)(p, c, sde) });
            else if (kind === 'kernel')
                targets.push((0,_boot_js__WEBPACK_IMPORTED_MODULE_4__/* .singleFileTarget */ .Gz)(writer, boot.kernel, './vmlinuz', sde));
            else if (kind === 'initrd')
                targets.push((0,_boot_js__WEBPACK_IMPORTED_MODULE_4__/* .singleFileTarget */ .Gz)(writer, boot.initrd, './initrd', sde));
            else
                targets.push((0,_boot_js__WEBPACK_IMPORTED_MODULE_4__/* .modulesTarget */ .hN)(writer, boot, sde));
        }
        const pkg = packageCaptures(plan);
        await (0,_flatten_js__WEBPACK_IMPORTED_MODULE_6__/* .runPass */ .Br)({
            plan,
            targets,
            captures: pkg.captures,
            reporter,
            label: opts.name,
            signal: opts.signal
        }).catch((e) => fail('write archives', e));
        const packages = await readPackages(pkg.got, pkg.rpmDir, reporter);
        const archives = files.map((f) => ({
            kind: f.kind,
            file: f.file,
            path: f.sink.path,
            size: f.sink.size,
            sha256: f.sink.sha256
        }));
        let fsSize = 0;
        for (const p of plan.entries)
            if (p.kind !== 'link' && (p.src.type === 'file' || p.kind === 'materialize'))
                fsSize += (p.data ?? p.src).size;
        const manifest = {
            schemaVersion: 1,
            name: opts.name,
            key: opts.key,
            base: opts.baseChain ?? [],
            layers: input.layers.map((l) => l.digest ?? null),
            archives: archives.map(({ path: _p, ...a }) => a),
            entries: plan.entries.length,
            fsSize,
            kernel: boot ? (0,_tar_js__WEBPACK_IMPORTED_MODULE_11__/* .textOf */ .b6)(boot.version) : null,
            packageFormat: packages.format,
            packages: packages.packages
        };
        const manifestPath = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'manifest.json');
        await (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .writeManifest */ .HN)(manifestPath, manifest);
        const manifestSha = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
            .update(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(manifestPath))
            .digest('hex');
        const sumsPath = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'SHA256SUMS');
        await (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .writeSums */ .em)(sumsPath, [...archives, { file: 'manifest.json', sha256: manifestSha }]);
        const seconds = (Date.now() - t0) / 1000;
        reporter.info(`${opts.name}: ${archives.map((a) => `${a.file} ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_12__/* .formatBytes */ .z3)(a.size)}`).join(', ')} in ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_12__/* .formatSeconds */ .Xo)(seconds)}`);
        return { dir, archives, manifest, manifestPath, sumsPath, kernel: manifest.kernel, seconds };
    }
    finally {
        await input.cleanup();
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
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(4434);
/* harmony import */ var _util_digest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6178);
/* harmony import */ var _file_reader_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7680);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7137);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7636);
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
    const { readFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1455, 23));
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


/***/ }),

/***/ 6001:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ writeManifest),
/* harmony export */   em: () => (/* binding */ writeSums)
/* harmony export */ });
/* unused harmony export formatSums */
/* harmony import */ var _util_atomic_write_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5105);
/**
 * What an export directory says about itself: manifest.json (name, key, base chain,
 * layers, archives, kernel, packages) and SHA256SUMS (the format `sha256sum -c` reads).
 * Both are deterministic for the same image and written atomically.
 */

async function writeManifest(path, m) {
    await (0,_util_atomic_write_js__WEBPACK_IMPORTED_MODULE_0__/* .writeFileAtomic */ .Z)(path, `${JSON.stringify(m, null, 2)}\n`);
}
/** `<sha256>  <file>` lines, sorted by file name. */
function formatSums(entries) {
    return [...entries]
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
        .map((e) => `${e.sha256}  ${e.file}\n`)
        .join('');
}
async function writeSums(path, entries) {
    await (0,_util_atomic_write_js__WEBPACK_IMPORTED_MODULE_0__/* .writeFileAtomic */ .Z)(path, formatSums(entries));
}


/***/ }),

/***/ 7949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MF: () => (/* binding */ parseApkInstalled),
/* harmony export */   Xq: () => (/* binding */ RPM_DIRS),
/* harmony export */   _0: () => (/* binding */ parseDpkgStatus),
/* harmony export */   _e: () => (/* binding */ APK_INSTALLED),
/* harmony export */   eO: () => (/* binding */ queryRpm),
/* harmony export */   ok: () => (/* binding */ DPKG_STATUS)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7895);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7636);
/**
 * Installed packages, read from the image's own package database without running the
 * image: dpkg's status file, apk's installed file, or the rpm database (queried with the
 * host's rpm on a temporary copy, when rpm exists).
 */





/** Database files to capture during the pass, as paths inside the image. */
const DPKG_STATUS = 'var/lib/dpkg/status';
const APK_INSTALLED = 'lib/apk/db/installed';
const RPM_DIRS = ['var/lib/rpm', 'usr/lib/sysimage/rpm'];
function stanzas(text) {
    const out = [];
    for (const block of text.split(/\n\s*\n/)) {
        const m = new Map();
        for (const line of block.split('\n')) {
            const i = line.indexOf(':');
            if (i > 0 && !/^\s/.test(line))
                m.set(line.slice(0, i), line.slice(i + 1).trim());
        }
        if (m.size)
            out.push(m);
    }
    return out;
}
const byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : (a.arch ?? '').localeCompare(b.arch ?? '');
/** Installed packages from var/lib/dpkg/status (Status "… installed" only). */
function parseDpkgStatus(text) {
    return stanzas(text)
        .filter((s) => s.has('Package') && / installed$/.test(s.get('Status') ?? ''))
        .map((s) => ({ name: s.get('Package'), version: s.get('Version') ?? '', arch: s.get('Architecture') }))
        .sort(byName);
}
/** Packages from lib/apk/db/installed (P: name, V: version, A: arch). */
function parseApkInstalled(text) {
    const out = [];
    for (const block of text.split(/\n\s*\n/)) {
        const f = new Map();
        for (const line of block.split('\n'))
            if (line[1] === ':')
                f.set(line[0], line.slice(2));
        if (f.has('P'))
            out.push({ name: f.get('P'), version: f.get('V') ?? '', arch: f.get('A') });
    }
    return out.sort(byName);
}
/** Queries an rpm database (files keyed by name inside `dbDir`) with the host's rpm. Null without rpm. */
async function queryRpm(dbDir, files, reporter) {
    if (!(await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .hasTool */ .J2)('rpm'))) {
        reporter?.warn('rpm database found but no rpm tool on this host: package list left empty');
        return null;
    }
    const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__/* .tempPrefix */ .hF)('rpmdb')));
    try {
        for (const [name, data] of files) {
            const p = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, dbDir, name);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(p), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(p, data);
        }
        const { stdout } = await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('rpm', [
            '--root',
            root,
            '--dbpath',
            `/${dbDir}`,
            '-qa',
            '--qf',
            '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\n'
        ], {
            reporter
        });
        return stdout
            .split('\n')
            .filter(Boolean)
            .map((l) => {
            const [name, v, arch] = l.split('\t');
            return { name, version: v.replace(/^0:/, ''), arch };
        })
            .sort(byName);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(root, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 5105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3797);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7636);
/** Small files written whole or not at all: a temporary name beside them, then a rename. */




/**
 * Writes `data` to `path` atomically. On failure (a full disk) the temporary file is removed
 * and the error reads `PATH: cause`.
 */
async function writeFileAtomic(path, data) {
    const tmp = `${(0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .tempFileFor */ .G2)(path)}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(tmp, data);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(tmp, path);
    }
    catch (e) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tmp, { force: true });
        throw new _io_error_js__WEBPACK_IMPORTED_MODULE_2__/* .IoError */ .dA(e, path);
    }
}


/***/ })

};
