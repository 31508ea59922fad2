export const id = 352;
export const ids = [352,895];
export const modules = {

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

/***/ 94352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeDiskOutputs: () => (/* binding */ writeDiskOutputs)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37895);
/* harmony import */ var _util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57636);
/**
 * The `raw` and `qcow2` disk outputs: the disk the provisioning gate installed (never its
 * check overlay), written under a temporary name and renamed, with its size and sha256.
 */





async function sha256(path) {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path))
        h.update(chunk);
    return h.digest('hex');
}
/**
 * Writes the installed raw disk `disk` to `raw` and/or `qcow2` (either may be absent); `disk`
 * itself is moved or removed. qcow2 holds only the blocks in use; raw is sparse.
 */
async function writeDiskOutputs(disk, o) {
    const out = {};
    try {
        if (o.qcow2) {
            const tmp = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__/* .tempFileFor */ .G2)(o.qcow2);
            try {
                await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', '--', disk, tmp], {
                    reporter: o.reporter,
                    signal: o.signal
                });
                const sum = await sha256(tmp);
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(tmp, o.qcow2);
                out.qcow2 = { path: o.qcow2, size: (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(o.qcow2)).size, sha256: sum };
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(tmp, { force: true });
            }
        }
        if (o.raw) {
            const tmp = (0,_util_lifecycle_js__WEBPACK_IMPORTED_MODULE_4__/* .tempFileFor */ .G2)(o.raw);
            try {
                try {
                    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(disk, tmp);
                }
                catch {
                    // Another file system: a sparse copy.
                    await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('cp', ['--sparse=always', '--', disk, tmp], { reporter: o.reporter, signal: o.signal });
                }
                const sum = await sha256(tmp);
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(tmp, o.raw);
                out.raw = { path: o.raw, size: (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(o.raw)).size, sha256: sum };
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(tmp, { force: true });
            }
        }
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(disk, { force: true });
    }
    return out;
}


/***/ })

};
