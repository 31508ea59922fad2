export const id = 900;
export const ids = [900,895];
export const modules = {

/***/ 9058:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runInImage: () => (/* binding */ runInImage)
/* harmony export */ });
/* unused harmony export ImageNotFoundError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _cleanup_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9823);
/* harmony import */ var _sandbox_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7090);
/* harmony import */ var _unpacked_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(792);
/**
 * `kiln run`: a command in any store image, over a throwaway overlay (the upper dir lives
 * in a temporary directory removed afterwards), stdio inherited, its exit status returned.
 */






class ImageNotFoundError extends Error {
    ref;
    storeRoot;
    constructor(ref, storeRoot) {
        super(`image ${ref} is not in the store ${storeRoot}`);
        this.ref = ref;
        this.storeRoot = storeRoot;
        this.name = 'ImageNotFoundError';
    }
}
/** Runs `argv` in image `ref` (a name, dated tag or manifest digest); returns the exit status (128+n for a signal). */
async function runInImage(store, ref, argv, o = {}) {
    const image = await store.getImage(ref);
    if (!image)
        throw new ImageNotFoundError(ref, store.root);
    const lowers = await (0,_unpacked_js__WEBPACK_IMPORTED_MODULE_5__/* .unpackLayers */ .rz)(image.layers, o.cacheDir ?? _unpacked_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_CACHE_DIR */ .Ti, o.reporter);
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'kiln-run-'));
    const env = (0,_sandbox_js__WEBPACK_IMPORTED_MODULE_4__/* .envFromList */ .a6)(image.config.config?.Env);
    if (process.env.TERM)
        env.TERM = process.env.TERM;
    const sb = await _sandbox_js__WEBPACK_IMPORTED_MODULE_4__/* .Sandbox */ .ak.open({
        dir,
        lowers,
        mounts: o.mounts,
        dns: o.dns,
        env: { ...env, ...o.env },
        reporter: o.reporter,
        signal: o.signal
    });
    try {
        const cmd = argv.length
            ? argv
            : [...(image.config.config?.Entrypoint ?? []), ...(image.config.config?.Cmd ?? [])];
        if (!cmd.length)
            throw new Error(`image ${ref} has no Entrypoint or Cmd: give a command after --`);
        const stdio = o.stdio ?? 'inherit';
        const release = stdio === 'inherit' ? (0,_cleanup_js__WEBPACK_IMPORTED_MODULE_3__/* .holdInterrupts */ .o$)() : () => undefined;
        const r = await sb.exec(cmd, { stdio, onLine: o.onLine }).finally(release);
        return { exitCode: r.signal ? 128 + signalNumber(r.signal) : r.exitCode, tail: r.tail };
    }
    finally {
        await sb.close();
    }
}
function signalNumber(sig) {
    const n = {
        SIGHUP: 1,
        SIGINT: 2,
        SIGQUIT: 3,
        SIGKILL: 9,
        SIGTERM: 15
    };
    return n[sig] ?? 1;
}


/***/ }),

/***/ 7895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hr: () => (/* binding */ failureReason),
/* harmony export */   J2: () => (/* binding */ hasTool),
/* harmony export */   JR: () => (/* binding */ tryRun),
/* harmony export */   PW: () => (/* binding */ Tail),
/* harmony export */   cI: () => (/* binding */ ExecError),
/* harmony export */   eF: () => (/* binding */ run)
/* harmony export */ });
/* unused harmony export TAIL_LINES */
/* harmony import */ var execa__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4434);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9906);
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
    const reporter = opts.reporter ?? new _log_js__WEBPACK_IMPORTED_MODULE_0__/* .SilentReporter */ .hs();
    const command = [file, ...args].map(quoteForLog).join(' ');
    reporter.debug(`$ ${command}`);
    const tail = new Tail();
    const capture = opts.captureStdout !== false;
    let stdout = '';
    const child = (0,execa__WEBPACK_IMPORTED_MODULE_1__/* .execa */ .Ho)(file, args, {
        cwd: opts.cwd,
        env: opts.env,
        extendEnv: opts.extendEnv ?? true,
        input: opts.input,
        reject: false,
        stdin: opts.input === undefined ? 'ignore' : undefined,
        buffer: false,
        timeout: opts.timeoutMs,
        cancelSignal: opts.signal,
        encoding: 'utf8'
    });
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
