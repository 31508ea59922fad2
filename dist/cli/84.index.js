export const id = 84;
export const ids = [84,895];
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
        ...(opts.outDir ? await sweepTempFiles(opts.outDir, 1) : []),
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


/***/ })

};
