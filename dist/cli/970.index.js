export const id = 970;
export const ids = [970,895,706];
export const modules = {

/***/ 9084:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sweepLeftovers: () => (/* binding */ sweepLeftovers)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(37895);
// EXTERNAL MODULE: ./src/util/lifecycle.ts
var lifecycle = __webpack_require__(57636);
;// CONCATENATED MODULE: ./src/engine/leftovers.ts
/**
 * Engine tags of dead runs. A SIGKILLed kiln cannot untag what it loaded or built
 * (`kiln-base/…`, `kiln-out/…`); its tags carry its owner token, so the next build removes
 * them — never a tag of a live run, nor one made on another host sharing the engine.
 */


/**
 * Removes the `kiln-base/*` and `kiln-out/*` tags of runs that are gone and the containers still
 * running from them. Returns what it removed. Kiln makes no other tags (chain images reach a
 * build under a run's own tag), so no other name in the engine is ever Kiln's to remove.
 */
async function sweepEngineTags(reporter) {
    const ls = await (0,exec/* tryRun */.JR)('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'], {
        reporter,
        cleanup: true
    });
    if (!ls)
        return []; // no engine here: nothing of ours in it either
    const images = ls.stdout
        .split('\n')
        .map((l) => l.trim().split(' '))
        .filter((p) => p.length === 2);
    const ours = images.filter(([tag]) => /^kiln-(base|out)\//.test(tag));
    const dead = ours.filter(([tag]) => (0,lifecycle/* ownerIsDead */.Yo)('tag', tag));
    // A tool a dead run started (packer's docker builder) may have left its container running
    // from one of those tags: it goes first, or the tag could not be removed.
    const deadTags = new Set(dead.map(([tag]) => tag));
    const ps = await (0,exec/* tryRun */.JR)('docker', ['ps', '-a', '--format', '{{.ID}} {{.Image}}'], {
        reporter,
        cleanup: true
    });
    const containers = (ps?.stdout ?? '')
        .split('\n')
        .map((l) => l.trim().split(' '))
        .filter(([cid, image]) => cid && image && deadTags.has(image))
        .map(([cid]) => cid);
    if (containers.length)
        await (0,exec/* tryRun */.JR)('docker', ['rm', '--force', ...containers], { reporter, cleanup: true });
    const remove = dead.map(([tag]) => tag);
    // Without --force: an image a container still uses stays (and is tried again next time).
    for (const tag of remove)
        await (0,exec/* tryRun */.JR)('docker', ['image', 'rm', '--', tag], { reporter, cleanup: true });
    return [...containers.map((c) => `container ${c}`), ...remove];
}

// EXTERNAL MODULE: ./src/store/defaults.ts
var defaults = __webpack_require__(29735);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/util/leftovers.ts
/**
 * The sweep on start: what runs killed by SIGKILL (or a power cut) left on disk, removed by
 * the next command that writes. Only names that carry an owner token (lifecycle.ts) whose
 * owner is certainly gone are touched, so two runs side by side never sweep each other.
 */




/**
 * A temporary file of an older kiln (`NAME.tmp-PID`, before owner tokens), or the store's
 * blob being written (`.kiln-tmp/PID-HEX.kind`): judged by the pid alone.
 */
const PID_ONLY_FILE = /\.tmp-(\d+)$/;
const STORE_TEMP = /^(\d+)-[0-9a-f]+\.\w+$/;
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}
function isDeadTempFile(name) {
    if ((0,lifecycle/* ownerIsDead */.Yo)('file', name))
        return true;
    const old = PID_ONLY_FILE.exec(name);
    return old !== null && !pidAlive(Number(old[1]));
}
async function names(dir) {
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
    return entries.map((e) => ({ name: e.name, dir: e.isDirectory() }));
}
async function remove(path, removed) {
    await (0,promises_.rm)(path, { recursive: true, force: true }).then(() => removed.push(path), () => undefined // a leftover we cannot remove now is tried again next time
    );
}
/** Temporary directories (`kiln-OWNER-…`) of dead runs in the temp directories kiln uses. */
async function sweepTempDirs(extra = []) {
    const removed = [];
    const parents = new Set([(0,external_node_os_.tmpdir)(), process.env.KILN_TMPDIR, process.env.RUNNER_TEMP, ...extra]);
    for (const parent of parents) {
        if (!parent)
            continue;
        for (const e of await names(parent))
            if (e.dir && (0,lifecycle/* ownerIsDead */.Yo)('dir', e.name))
                await remove((0,external_node_path_.join)(parent, e.name), removed);
    }
    return removed;
}
/**
 * Temporary files (`NAME.tmp-OWNER…`) of dead runs in `dir` and its subdirectories down to
 * `depth` levels (out/ holds out/NAME/image.tar.gz.tmp-…: depth 1).
 */
async function sweepTempFiles(dir, depth = 1) {
    const removed = [];
    const walk = async (d, level) => {
        for (const e of await names(d)) {
            const path = (0,external_node_path_.join)(d, e.name);
            if (!e.dir && isDeadTempFile(e.name))
                await remove(path, removed);
            else if (e.dir && level < depth)
                await walk(path, level + 1);
        }
    };
    await walk(dir, 0);
    return removed;
}
/** Blobs a dead writer left half-written in a store's temp directory (`<store>/.kiln-tmp`). */
async function sweepStoreTemp(storeTmpDir) {
    const removed = [];
    for (const e of await names(storeTmpDir)) {
        const m = STORE_TEMP.exec(e.name);
        if (m && !pidAlive(Number(m[1])))
            await remove((0,external_node_path_.join)(storeTmpDir, e.name), removed);
    }
    return removed;
}

// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(29906);
// EXTERNAL MODULE: ./src/verify/installer.ts
var installer = __webpack_require__(48621);
;// CONCATENATED MODULE: ./src/pipeline/sweep.ts
/**
 * The sweep every writing command runs first: what killed runs left (temporary directories,
 * `.tmp-OWNER` files in out/, the store and the cache, engine tags), removed when their owner
 * is certainly gone. See util/leftovers.ts and engine/leftovers.ts for what counts as whose.
 */






async function sweepLeftovers(opts) {
    const removed = [
        // The install gate's installer cache holds a killed run's half-made installer under the same kind of name.
        ...(await sweepTempDirs([opts.tmpDir, (0,installer/* installerCacheDir */.OP)()])),
        // out/<image>/netboot/ holds the netboot files: two levels below out/.
        ...(opts.outDir ? await sweepTempFiles(opts.outDir, 2) : []),
        ...(opts.storeDir ? await sweepStoreTemp((0,external_node_path_.join)(opts.storeDir, defaults/* STORE_TMP_DIR */.Y)) : []),
        ...(opts.cacheDir ? await sweepTempFiles(opts.cacheDir, 3) : []),
        ...(opts.engine ? await sweepEngineTags(opts.reporter) : [])
    ];
    for (const r of removed)
        opts.reporter.debug(`removed a killed run's leftover: ${r}`);
    if (removed.length)
        opts.reporter.info(`removed ${(0,log/* plural */.LS)(removed.length, 'leftover')} of killed runs`);
    return removed.length;
}


/***/ }),

/***/ 37895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ refuseAfterInterrupt),
/* harmony export */   Hr: () => (/* binding */ failureReason),
/* harmony export */   Ih: () => (/* binding */ wholeTree),
/* harmony export */   J2: () => (/* binding */ hasTool),
/* harmony export */   JR: () => (/* binding */ tryRun),
/* harmony export */   N7: () => (/* binding */ dieWithKiln),
/* harmony export */   PW: () => (/* binding */ Tail),
/* harmony export */   cI: () => (/* binding */ ExecError),
/* harmony export */   eF: () => (/* binding */ run)
/* harmony export */ });
/* unused harmony export TAIL_LINES */
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4434);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57636);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29906);
/**
 * The one seam through which every external tool runs (docker, packer, mmdebstrap, umoci,
 * qemu, …): argument arrays only, never a shell string; the command logged at debug level;
 * the last lines of its output kept so a failure can show them.
 */





const TAIL_LINES = 30;
class ExecError extends Error {
    command;
    exitCode;
    tail;
    constructor(command, exitCode, tail, reason) {
        super(`${command}: ${reason}`);
        this.command = command;
        this.exitCode = exitCode;
        this.tail = tail;
        this.name = 'ExecError';
    }
}
/** A ring buffer of the last N lines. */
class Tail {
    max;
    lines = [];
    partial = '';
    constructor(max = TAIL_LINES) {
        this.max = max;
    }
    push(chunk, onLine) {
        const parts = (this.partial + chunk).split(/\r?\n|\r/);
        this.partial = parts.pop() ?? '';
        for (const l of parts)
            this.add(l, onLine);
    }
    flush(onLine) {
        if (this.partial)
            this.add(this.partial, onLine);
        this.partial = '';
    }
    get() {
        return [...this.lines];
    }
    add(l, onLine) {
        this.lines.push(l);
        if (this.lines.length > this.max)
            this.lines.shift();
        onLine?.(l);
    }
}
/** Run a tool to completion. Throws ExecError (with the output's tail) on a non-zero exit. */
async function run(file, args, opts = {}) {
    const reporter = opts.reporter ?? new _log_js__WEBPACK_IMPORTED_MODULE_3__/* .SilentReporter */ .hs();
    const command = [file, ...args].map(quoteForLog).join(' ');
    reporter.debug(`$ ${command}`);
    const tail = new Tail();
    const capture = opts.captureStdout !== false;
    let stdout = '';
    refuseAfterInterrupt(command, opts.cleanup);
    const [spawnFile, spawnArgs] = dieWithKiln(file, args);
    const child = (0,execa__WEBPACK_IMPORTED_MODULE_4__/* .execa */ .Ho)(spawnFile, spawnArgs, {
        cwd: opts.cwd,
        env: opts.env,
        extendEnv: opts.extendEnv ?? true,
        input: opts.input,
        reject: false,
        stdin: opts.input === undefined ? 'ignore' : undefined,
        buffer: false,
        timeout: opts.timeoutMs,
        cancelSignal: opts.signal,
        forceKillAfterDelay: _lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .GRACE_MS */ .g3,
        encoding: 'utf8'
    });
    (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .trackProcess */ .Zq)(child, false);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (d) => {
        if (capture)
            stdout += d;
        tail.push(d, opts.onLine);
    });
    child.stderr?.on('data', (d) => tail.push(d, opts.onLine));
    const result = await child;
    tail.flush(opts.onLine);
    const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
    if (result.failed || exitCode !== 0) {
        throw new ExecError(command, result.exitCode, tail.get(), failureReason(result, opts.timeoutMs));
    }
    return { exitCode, stdout, tail: tail.get() };
}
/** Why a finished tool counts as failed, in words for an error message. */
function failureReason(result, timeoutMs) {
    if (result.timedOut)
        return `timed out after ${timeoutMs} ms`;
    if (result.isCanceled)
        return 'cancelled';
    if (result.signal)
        return `killed by ${result.signal}`;
    if (typeof result.exitCode !== 'number') {
        return String(result.originalMessage ?? result.shortMessage ?? 'could not start');
    }
    return `exited with status ${result.exitCode}`;
}
/** Throws CancelledError when the process was interrupted and `command` is not a cleanup step. */
function refuseAfterInterrupt(command, cleanup) {
    const sig = (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .interruptedBy */ .kH)();
    if (sig && !cleanup)
        throw new _lifecycle_js__WEBPACK_IMPORTED_MODULE_2__/* .CancelledError */ .cc(`${command}: not started: interrupted by ${sig}`);
}
const SETPRIV = '/usr/bin/setpriv';
const found = new Map();
/** Whether a command name resolves to an executable (a path, or a name on PATH). Cached. */
function resolvable(file) {
    let ok = found.get(file);
    if (ok === undefined) {
        const candidates = file.includes('/')
            ? [file]
            : (process.env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter).map((d) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(d || '.', file));
        ok = candidates.some((c) => {
            try {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(c, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
                return true;
            }
            catch {
                return false;
            }
        });
        found.set(file, ok);
    }
    return ok;
}
/**
 * The command line that starts a tool with a parent-death signal: `setpriv --pdeathsig KILL`
 * (util-linux) sets it and execs the tool under the same pid, so a SIGKILLed kiln leaves no
 * docker client, packer or qemu running. Without setpriv, or for a tool that is not there
 * (whose "not found" must stay the spawn error it is), the tool starts as it is.
 */
function dieWithKiln(file, args) {
    if (!resolvable(SETPRIV) || !resolvable(file))
        return [file, [...args]];
    return [SETPRIV, ['--pdeathsig', 'KILL', '--', file, ...args]];
}
/**
 * The command line that runs a tool whose own children must not outlive it (packer and its
 * plugins): as PID 1 of a new PID namespace (`unshare --pid --kill-child`), so when it dies
 * (its parent-death signal when kiln is SIGKILLed) the kernel kills every process it started.
 * unshare forwards SIGTERM and SIGINT, so a cancelled tool still cleans up after itself.
 */
function wholeTree(file, args, opts = {}) {
    if (!resolvable('unshare'))
        return [file, [...args]];
    // `mounts`: its own mount namespace too (private), so what the tool mounts (a chroot's /proc,
    // /dev) goes away with it, even when it is killed before it could unmount.
    return [
        'unshare',
        [...(opts.mounts ? ['--mount'] : []), '--pid', '--fork', '--kill-child', '--', file, ...args]
    ];
}
/** Like run() but returns null instead of throwing when the tool is missing or fails. */
async function tryRun(file, args, opts = {}) {
    try {
        return await run(file, args, opts);
    }
    catch {
        return null;
    }
}
/** Whether a tool is on PATH (cached). */
const whichCache = new Map();
function hasTool(name) {
    let p = whichCache.get(name);
    if (!p) {
        p = tryRun('sh', ['-c', 'command -v "$1"', 'sh', name]).then((r) => r !== null);
        whichCache.set(name, p);
    }
    return p;
}
function quoteForLog(a) {
    return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

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

/***/ 60074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ decompressArgs),
/* harmony export */   In: () => (/* binding */ GateFailure),
/* harmony export */   Ji: () => (/* binding */ archiveError),
/* harmony export */   MI: () => (/* binding */ extractSingle),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   _p: () => (/* binding */ requireArchive),
/* harmony export */   _t: () => (/* binding */ ARCHIVES)
/* harmony export */ });
/* unused harmony exports normaliseArch, listArchive */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37895);
/**
 * The boot archives of one exported image, as a provisioner receives them:
 *
 *   image.tar.gz    root filesystem, entries rooted at ./
 *   kernel.tar.gz   ./vmlinuz
 *   initrd.tar.gz   ./initrd
 *   modules.tar.gz  lib/modules/<version>/…
 *   manifest.json   { kernel, arch, … }
 *
 * Everything wrong with them that can be seen without booting is reported here, before
 * qemu starts, as a GateFailure naming the archive.
 */




/** The image is at fault (not the machine running the check): the gate fails with this message. */
class GateFailure extends Error {
    consoleTail;
    constructor(message, consoleTail = []) {
        super(message);
        this.consoleTail = consoleTail;
        this.name = 'GateFailure';
    }
}
const ARCHIVES = {
    rootfs: 'image.tar.gz',
    kernel: 'kernel.tar.gz',
    initrd: 'initrd.tar.gz',
    modules: 'modules.tar.gz',
    manifest: 'manifest.json'
};
/** Reads manifest.json when there is one; a malformed one is a failure, a missing one is not. */
async function readManifest(dir) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, ARCHIVES.manifest);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return {};
    let doc;
    try {
        doc = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8'));
    }
    catch (e) {
        throw new GateFailure(`${file}: not valid JSON (${e.message})`);
    }
    if (typeof doc !== 'object' || doc === null)
        throw new GateFailure(`${file}: not a JSON object`);
    const m = doc;
    const out = {};
    if (typeof m.kernel === 'string' && m.kernel)
        out.kernel = m.kernel;
    if (m.arch !== undefined)
        out.arch = normaliseArch(m.arch, `${file}: arch`);
    return out;
}
function normaliseArch(value, where) {
    switch (value) {
        case 'x86_64':
        case 'amd64':
            return 'x86_64';
        case 'aarch64':
        case 'arm64':
            return 'aarch64';
        default:
            throw new GateFailure(`${where}: unsupported architecture ${JSON.stringify(value)} (x86_64 or aarch64)`);
    }
}
/** Path of a required archive in dir; `what` says what is missing in words ("no initrd"). */
function requireArchive(dir, name, what) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        throw new GateFailure(`${dir} has ${what}: ${name} not found`);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file).isFile())
        throw new GateFailure(`${file}: not a regular file`);
    return file;
}
/** tar arguments that decompress `file`: pigz when there is one for .gz, else tar's own detection. */
async function decompressArgs(file) {
    return file.endsWith('.gz') && (await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .hasTool */ .J2)('pigz')) ? ['-I', 'pigz'] : [];
}
/** Lists an archive's member names (tar -t); an unreadable archive is a GateFailure. */
async function listArchive(file, reporter) {
    try {
        const { stdout } = await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('tar', [...(await decompressArgs(file)), '-tf', file], { reporter });
        return stdout.split('\n').filter((l) => l !== '');
    }
    catch (e) {
        throw archiveError(file, 'cannot be read', e);
    }
}
/**
 * Extracts the one file of a single-file archive (kernel.tar.gz, initrd.tar.gz) to dest.
 * The member is found by the start of its base name (vmlinuz…, initrd…), so ./vmlinuz,
 * vmlinuz and boot/vmlinuz-6.1.0 all do; an empty file counts as missing.
 */
async function extractSingle(file, prefix, what, dest, reporter) {
    const members = await listArchive(file, reporter);
    const member = members.find((m) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(m).startsWith(prefix) && !m.endsWith('/'));
    if (!member) {
        const shown = members.length ? members.slice(0, 5).join(', ') : 'it is empty';
        throw new GateFailure(`${file} has ${what} (no ${prefix}* member; ${shown})`);
    }
    // The path read afterwards is scratch + member: it must not climb out (tar itself would
    // strip the "../" and extract elsewhere than Kiln then looks).
    if (member.startsWith('/') || member.split('/').includes('..'))
        throw new GateFailure(`${file}: member ${member} leaves the archive's root`);
    const scratch = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dest, `${prefix}.d`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(scratch, { recursive: true });
    try {
        await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('tar', 
        // `--`: a member name is never read as one of tar's options (--to-command=…).
        [...(await decompressArgs(file)), '-xf', file, '-C', scratch, '--no-same-owner', '--', member], {
            reporter
        });
    }
    catch (e) {
        throw archiveError(file, `cannot extract ${member}`, e);
    }
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(scratch, member);
    const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(out);
    if (!st.isFile())
        throw new GateFailure(`${file}: ${member} is not a regular file`);
    if (st.size === 0)
        throw new GateFailure(`${file} has ${what} (${member} is empty)`);
    return out;
}
function archiveError(file, what, e) {
    const tail = e instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .ExecError */ .cI ? e.tail : [];
    return new GateFailure(`${file}: ${what}${tail.length ? `: ${tail.slice(-3).join(' | ')}` : ''}`);
}


/***/ })

};
