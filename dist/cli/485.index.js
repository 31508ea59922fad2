export const id = 485;
export const ids = [485,706];
export const modules = {

/***/ 71706:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GY: () => (/* binding */ lstatInLayers),
/* harmony export */   If: () => (/* binding */ secureJoin),
/* harmony export */   QD: () => (/* binding */ resolveInRoot),
/* harmony export */   sw: () => (/* binding */ secureJoinLayers)
/* harmony export */ });
/* unused harmony export RootEscapeError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** As the kernel's own limit on links followed in one lookup (ELOOP). */
const MAX_LINKS = 40;
class RootEscapeError extends Error {
    root;
    path;
    constructor(root, path, reason) {
        super(`${path} inside ${root}: ${reason}`);
        this.root = root;
        this.path = path;
        this.name = 'RootEscapeError';
    }
}
function parts(path) {
    return path.split('/').filter((p) => p && p !== '.');
}
async function walk(look, path) {
    const links = [];
    let todo = parts(path);
    const done = [];
    let last = null;
    let hops = 0;
    while (todo.length) {
        const part = todo.shift();
        if (part === '..') {
            done.pop();
            last = null;
            continue;
        }
        const rel = [...done, part].join('/');
        const hit = await look(rel);
        if (!hit)
            return { done, rest: [part, ...todo], links, last: null };
        if (hit.st.isSymbolicLink()) {
            if (++hops > MAX_LINKS)
                return null;
            const target = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readlink)(hit.at);
            links.push({ path: rel, target });
            if (target.startsWith('/'))
                done.length = 0;
            todo = [...parts(target), ...todo];
            continue;
        }
        done.push(part);
        last = hit.st;
    }
    return { done, rest: [], links, last };
}
function inOneRoot(root) {
    return async (rel) => {
        const at = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(at).catch(() => null);
        return st && { st, at };
    };
}
/** An overlayfs whiteout: a character device 0/0 hides what lower layers hold at its path. */
function isWhiteout(st) {
    return st.isCharacterDevice() && st.rdev === 0;
}
/**
 * The merged view of overlayfs layers (top first), read on the host without a mount: a
 * path is looked for in each layer in turn, and only through parents that are real
 * directories of that layer (a lower layer's link is never followed on the host either).
 * A whiteout, or a parent that is not a directory in a layer, hides the layers below.
 * Opaque directories (an xattr) are not read: a lower layer's entry may then be seen
 * where the mount would hide it, which can change where inside the image a path
 * resolves, never take it out of the image.
 */
function inLayers(layers) {
    return async (rel) => {
        const names = rel.split('/');
        for (const layer of layers) {
            let hidden = false;
            let absent = false;
            for (let i = 1; i < names.length && !absent && !hidden; i++) {
                const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(layer, ...names.slice(0, i))).catch(() => null);
                if (!st)
                    absent = true;
                else if (!st.isDirectory())
                    hidden = true;
            }
            if (hidden)
                return null;
            if (absent)
                continue;
            const at = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(layer, rel);
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(at).catch(() => null);
            if (!st)
                continue;
            if (isWhiteout(st))
                return null;
            return { st, at };
        }
        return null;
    };
}
/** Where `path` leads inside `root`, following links within the root; null if it does not exist. */
async function resolveInRoot(root, path) {
    const w = await walk(inOneRoot(root), path);
    const links = (w?.links ?? []).map((l) => l.path);
    if (!w || w.rest.length)
        return { real: null, links };
    return { real: w.done.join('/'), links };
}
/**
 * The host path for `path` inside `root`, safe to open, create or replace: the part that
 * exists is resolved within the root, the part that does not is appended with `..` clamped
 * at the root. The result always lies under `root`. Throws RootEscapeError on a link loop.
 */
async function secureJoin(root, path) {
    const rel = joined(await walk(inOneRoot(root), path), root, path);
    return rel.length ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, ...rel) : root;
}
/**
 * The entry at root-relative `rel` (not followed if it is a link) in an image given as
 * layers, top first; null when absent, whited out or hidden. Its parents are taken as they
 * are in each layer, never through a link: for a path known to name no link on the way.
 */
async function lstatInLayers(layers, rel) {
    const clean = parts(rel);
    return clean.length ? ((await inLayers(layers)(clean.join('/')))?.st ?? null) : null;
}
/**
 * secureJoin for an image given as overlayfs layers (top first) rather than one tree: for
 * host-side steps of a sandbox, whose merged root exists only inside the sandbox's mount
 * namespace. The result is relative to the root: the step writes `$root/<rel>`.
 */
async function secureJoinLayers(layers, path) {
    const w = await walk(inLayers(layers), path);
    const rel = joined(w, layers[0] ?? '/', path);
    // Ending on `..` leaves no stats of the last component: it is a directory then.
    const kind = w?.rest.length ? null : w?.last && !w.last.isDirectory() ? 'file' : 'dir';
    return { rel: rel.join('/'), kind, links: w?.links ?? [] };
}
/** The resolved components with what did not exist appended, `..` clamped at the root. */
function joined(w, root, path) {
    if (!w)
        throw new RootEscapeError(root, path, `more than ${MAX_LINKS} symbolic links`);
    const rel = [...w.done];
    for (const p of w.rest) {
        if (p === '..')
            rel.pop();
        else
            rel.push(p);
    }
    return rel;
}


/***/ }),

/***/ 36485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyBoot: () => (/* binding */ verifyBoot)
});

// UNUSED EXPORTS: DEFAULT_BOOT_TIMEOUT_SEC

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(37895);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(29906);
// EXTERNAL MODULE: ./src/verify/accel.ts
var verify_accel = __webpack_require__(90237);
// EXTERNAL MODULE: ./src/verify/archives.ts
var archives = __webpack_require__(60074);
// EXTERNAL MODULE: ./src/verify/check-script.ts
var check_script = __webpack_require__(59837);
// EXTERNAL MODULE: ./src/verify/console.ts
var console = __webpack_require__(62812);
// EXTERNAL MODULE: ./src/verify/disk.ts
var verify_disk = __webpack_require__(62136);
// EXTERNAL MODULE: ./src/verify/qemu.ts
var verify_qemu = __webpack_require__(2733);
// EXTERNAL MODULE: ./src/verify/temp.ts
var temp = __webpack_require__(94915);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/verify/kernel-arch.ts
/**
 * The architecture a kernel file is for, read from its header: an x86 bzImage ("HdrS" at
 * 0x202), an arm64 Image ("ARM\x64" at 0x38, what Debian's arm64 vmlinuz is once gunzipped),
 * or a PE/EFI image (EFI-stub and zboot kernels) by its machine field. Debian's arm64
 * /boot/vmlinuz-*-arm64 is a gzip-compressed Image: the first bytes are unpacked to look.
 * It lets the boot gate choose qemu for archives without an `arch` in manifest.json and refuse
 * a kernel of the wrong architecture before booting it.
 */


const HEAD = 4096;
/** Compressed bytes read from a gzip-compressed kernel: more than HEAD unpacked bytes need, and at most ~16 MiB unpacked. */
const GZIP_HEAD = 16 * 1024;
/** Reads the kernel's first bytes and says what it is; `arch` null for a format it does not know. */
async function kernelArch(file) {
    const fh = await (0,promises_.open)(file, 'r');
    let head;
    try {
        const buf = Buffer.alloc(GZIP_HEAD);
        const { bytesRead } = await fh.read(buf, 0, GZIP_HEAD, 0);
        head = buf.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
    if (head[0] === 0x1f && head[1] === 0x8b) {
        const k = sniff(gunzipHead(head));
        return { arch: k.arch, format: `gzip-compressed ${k.format}` };
    }
    return sniff(head);
}
/** What a kernel's first bytes say (pure, for tests). */
function sniff(b) {
    if (b.length >= 0x206 && b.toString('latin1', 0x202, 0x206) === 'HdrS')
        return { arch: 'x86_64', format: 'bzImage' };
    if (b.length >= 0x3c && b.readUInt32LE(0x38) === 0x644d5241)
        return { arch: 'aarch64', format: 'arm64 Image' };
    if (b.length >= 0x40 && b.toString('latin1', 0, 2) === 'MZ') {
        const pe = b.readUInt32LE(0x3c);
        if (pe + 6 <= b.length && b.toString('latin1', pe, pe + 4) === 'PE\0\0') {
            const machine = b.readUInt16LE(pe + 4);
            if (machine === 0xaa64)
                return { arch: 'aarch64', format: 'PE/EFI image' };
            if (machine === 0x8664)
                return { arch: 'x86_64', format: 'PE/EFI image' };
        }
    }
    return { arch: null, format: 'unknown format' };
}
/** The first bytes of a gzip file, unpacked: a sync flush takes a cut-off stream as far as it goes. */
function gunzipHead(compressed) {
    try {
        return (0,external_node_zlib_.gunzipSync)(compressed, { finishFlush: external_node_zlib_.constants.Z_SYNC_FLUSH }).subarray(0, HEAD);
    }
    catch {
        return Buffer.alloc(0);
    }
}

// EXTERNAL MODULE: ./src/verify/defaults.ts
var defaults = __webpack_require__(55071);
;// CONCATENATED MODULE: ./src/verify/boot.ts
/**
 * The boot gate: an image with a kernel is booted before it is published, with its own
 * kernel and initrd under qemu and its root filesystem as a disk, and a check program as
 * init (see check-script.ts). It passes only on the check program's marker; a kernel
 * panic, a timeout or a missing marker fail it, with the end of the console.
 *
 * mode 'initrd' is a quicker, weaker check: kernel and initrd only, no disk; it passes
 * once the initramfs has run far enough to look for its root device.
 */














// In a module of its own so the CLI's option defaults do not load qemu's driver.

async function verifyBoot(opts) {
    const t0 = Date.now();
    const { dir, reporter } = opts;
    const mode = opts.mode ?? 'disk';
    const timeoutSec = opts.timeoutSec ?? defaults/* DEFAULT_BOOT_TIMEOUT_SEC */.RO;
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory())
        throw new Error(`${dir}: not a directory`);
    if (!(timeoutSec > 0))
        throw new Error(`boot check timeout must be a positive number of seconds, not ${timeoutSec}`);
    let accel = opts.accel === 'kvm' ? 'kvm' : 'tcg';
    const failed = (message, consoleTail = [], seconds = 0) => ({
        status: 'failed',
        seconds,
        accel,
        message,
        consoleTail,
        totalSeconds: (Date.now() - t0) / 1000
    });
    let manifest;
    let arch;
    let kernelTar, initrdTar, rootfsTar, modulesTar;
    try {
        manifest = await (0,archives/* readManifest */.WI)(dir);
        arch = opts.arch ?? manifest.arch ?? 'x86_64';
        kernelTar = (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.kernel, 'no kernel');
        initrdTar = (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.initrd, 'no initrd');
        rootfsTar = mode === 'disk' ? (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.rootfs, 'no root filesystem') : '';
        modulesTar = mode === 'disk' ? (0,archives/* requireArchive */._p)(dir, archives/* ARCHIVES */._t.modules, 'no modules') : '';
    }
    catch (e) {
        if (e instanceof archives/* GateFailure */.In)
            return failed(e.message);
        throw e;
    }
    const scratch = (0,temp/* makeScratchDir */.K)();
    try {
        const kernel = await (0,archives/* extractSingle */.MI)(kernelTar, 'vmlinuz', 'no kernel', scratch.path, reporter);
        // The kernel's own header: it picks qemu when nothing says the arch, and a kernel of the
        // wrong architecture fails here rather than as a silent qemu.
        const kind = await kernelArch(kernel);
        if (kind.arch && !opts.arch && !manifest.arch)
            arch = kind.arch;
        else if (kind.arch && kind.arch !== arch)
            return failed(`${kernelTar}: the kernel is ${kind.arch} (${kind.format}), but the image is ${arch}`);
        const qemu = (0,verify_qemu/* qemuBinary */.Q$)(arch);
        if (!(await (0,exec/* hasTool */.J2)(qemu)))
            throw new Error(`${qemu} is not installed: the boot check needs it`);
        const initrd = await (0,archives/* extractSingle */.MI)(initrdTar, 'initrd', 'no initrd', scratch.path, reporter);
        // The KVM probe (a few seconds when KVM hangs) runs while the disk is made.
        const accelChoice = (0,verify_accel/* chooseAccel */.ug)(opts.accel ?? 'auto', arch, kernel, reporter);
        let rules;
        let disk;
        let append;
        if (mode === 'disk') {
            const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
            const [made, chosen] = await (0,verify_disk/* settleAll */.j3)([
                (0,verify_disk/* makeRootDisk */.Kp)({
                    rootfs: rootfsTar,
                    modules: modulesTar,
                    work: scratch.path,
                    checkPath: check_script/* CHECK_PATH */.ni,
                    checkScript: (0,check_script/* checkScript */.wN)({
                        token,
                        rootDevice: verify_qemu/* ROOT_DEVICE */.Yf,
                        modules: opts.modules ?? check_script/* DEFAULT_CHECK_MODULES */.hx
                    }),
                    reporter,
                    signal: opts.signal
                }),
                accelChoice
            ]);
            accel = chosen;
            if (manifest.kernel && !made.moduleReleases.includes(manifest.kernel)) {
                return failed(`${modulesTar} has modules for ${made.moduleReleases.join(', ')}, but manifest.json says the kernel is ${manifest.kernel}`);
            }
            disk = made.path;
            rules = new console/* DiskCheckRules */.db(token);
            append = (0,verify_qemu/* diskAppend */.ET)(arch, check_script/* CHECK_PATH */.ni);
        }
        else {
            accel = await accelChoice;
            rules = new console/* InitrdCheckRules */.g_();
            append = (0,verify_qemu/* initrdAppend */.f1)(arch);
        }
        reporter.info(`booting ${(0,external_node_path_.basename)(dir)} (${arch}, ${accel}${mode === 'initrd' ? ', initrd only' : ''})`);
        const cmd = (0,verify_qemu/* qemuCommand */._d)({ arch, accel, kernel, initrd, disk, append });
        const guest = await (0,console/* runGuest */.I8)(cmd, rules, { timeoutSec, signal: opts.signal, reporter });
        let { passed, message } = guest.verdict;
        if (passed && manifest.kernel && guest.verdict.kernel && guest.verdict.kernel !== manifest.kernel) {
            passed = false;
            message = `booted kernel ${guest.verdict.kernel}, but manifest.json says ${manifest.kernel}`;
        }
        if (!passed)
            return failed(message, guest.consoleTail, guest.seconds);
        reporter.info(`boot check passed in ${(0,log/* formatSeconds */.Xo)(guest.seconds)}: ${message}`);
        return {
            status: 'passed',
            seconds: guest.seconds,
            accel,
            message,
            consoleTail: guest.consoleTail,
            kernel: guest.verdict.kernel,
            totalSeconds: (Date.now() - t0) / 1000
        };
    }
    catch (e) {
        if (opts.signal?.aborted)
            throw new console/* BootAborted */.uA();
        if (e instanceof archives/* GateFailure */.In)
            return failed(e.message);
        throw e;
    }
    finally {
        await scratch.dispose();
    }
}


/***/ }),

/***/ 62136:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gu: () => (/* binding */ ext4FromTree),
/* harmony export */   Kp: () => (/* binding */ makeRootDisk),
/* harmony export */   j3: () => (/* binding */ settleAll)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37895);
/* harmony import */ var _util_in_root_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(71706);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(29906);
/* harmony import */ var _archives_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(60074);
/**
 * The root disk of the boot check: image.tar.gz unpacked to scratch, its kernel modules
 * replaced by the content of modules.tar.gz (so a broken modules archive fails the
 * gate, as it would on the machine it is provisioned to), the check program added, then
 * `mke2fs -d` makes an ext4 image of it: no loop device, no mount. The published
 * archives are only read.
 */







/** The image's own modules are left out: modules.tar.gz provides them. */
const ROOTFS_MODULE_DIRS = ['./lib/modules', './usr/lib/modules', 'lib/modules', 'usr/lib/modules'];
const MiB = 1024 * 1024;
async function makeRootDisk(opts) {
    const { reporter, signal } = opts;
    const root = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.work, 'root');
    const staging = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.work, 'modules');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(root);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(staging);
    // Both archives unpack at once: each is one decompressor and one tar, two cores between them.
    const extract = async (file, dest, extra) => {
        try {
            await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('tar', [...(await (0,_archives_js__WEBPACK_IMPORTED_MODULE_5__/* .decompressArgs */ .Fp)(file)), '-xpf', file, '-C', dest, '--numeric-owner', ...extra], {
                reporter
            });
        }
        catch (e) {
            throw (0,_archives_js__WEBPACK_IMPORTED_MODULE_5__/* .archiveError */ .Ji)(file, 'cannot be extracted', e);
        }
    };
    await settleAll([
        extract(opts.rootfs, root, [
            '--xattrs',
            '--xattrs-include=*',
            '--anchored',
            ...ROOTFS_MODULE_DIRS.map((d) => `--exclude=${d}`)
        ]),
        extract(opts.modules, staging, [])
    ]);
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(root).length === 0)
        throw new _archives_js__WEBPACK_IMPORTED_MODULE_5__/* .GateFailure */ .In(`${opts.rootfs} is empty`);
    const stagedModules = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(staging, 'lib', 'modules');
    // Only real directories: a link here would make the loop below list (and move) a host directory.
    const isRealDir = (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
    const releases = isRealDir((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(staging, 'lib')) && isRealDir(stagedModules) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(stagedModules) : [];
    if (releases.length === 0)
        throw new _archives_js__WEBPACK_IMPORTED_MODULE_5__/* .GateFailure */ .In(`${opts.modules} has no lib/modules/<kernel release>/ directory`);
    // lib is usually a link to usr/lib (merged /usr): every link on the way is followed inside
    // the image, never on the host (an image's `lib/modules -> /host/dir` lands in <root>/host/dir).
    const modulesDir = await (0,_util_in_root_js__WEBPACK_IMPORTED_MODULE_4__/* .secureJoin */ .If)(root, 'lib/modules');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(modulesDir, { recursive: true });
    for (const r of releases) {
        // r is one name read from the staging directory; rm and rename never follow a final link.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(modulesDir, r), { recursive: true, force: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stagedModules, r), (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(modulesDir, r));
    }
    const check = await (0,_util_in_root_js__WEBPACK_IMPORTED_MODULE_4__/* .secureJoin */ .If)(root, opts.checkPath);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(check, { force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(check, opts.checkScript);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(check, 0o755);
    const disk = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.work, 'root.ext4');
    let sizeBytes;
    try {
        sizeBytes = await ext4FromTree(root, disk, 'kiln-root', { reporter, signal });
    }
    catch (e) {
        const tail = e instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .ExecError */ .cI ? e.tail : [];
        throw new Error(`mke2fs could not make the root disk from ${opts.rootfs}: ${tail.join(' | ') || String(e)}`);
    }
    // The unpacked tree is as big as the disk: give the space back before booting.
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(root, { recursive: true, force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(staging, { recursive: true, force: true });
    return { path: disk, sizeBytes, moduleReleases: releases };
}
/**
 * An ext4 image of the tree at root, made by `mke2fs -d`: no loop device, no mount. Sized for the
 * tree plus ext4's own metadata (journal, inode tables) and a margin; the file is sparse.
 * Returns its size in bytes.
 */
async function ext4FromTree(root, disk, label, opts) {
    const used = Number((await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('du', ['-s', '-B1', '-x', root])).stdout.split(/\s/)[0]);
    const inodes = Number((await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('du', ['-s', '--inodes', '-x', root])).stdout.split(/\s/)[0]);
    const sizeMiB = Math.ceil((used * 1.15 + inodes * 256) / MiB) + 160;
    opts.reporter?.info(`making the ${label} disk: ${(0,_util_log_js__WEBPACK_IMPORTED_MODULE_6__/* .formatBytes */ .z3)(used)} in ${inodes} files`);
    await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('mke2fs', [
        '-q',
        '-F',
        '-t',
        'ext4',
        '-L',
        label,
        '-m',
        '0',
        '-N',
        String(Math.ceil(inodes * 1.1) + 4096),
        '-d',
        root,
        disk,
        `${sizeMiB}M`
    ], opts);
    return sizeMiB * MiB;
}
/** Like Promise.all, but waits for every promise (no tool left running) before rethrowing. */
async function settleAll(promises) {
    const settled = await Promise.allSettled(promises);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed)
        throw failed.reason;
    return settled.map((s) => s.value);
}


/***/ })

};
