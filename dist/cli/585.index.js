export const id = 585;
export const ids = [585,895];
export const modules = {

/***/ 41867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pruneUnpacked: () => (/* binding */ pruneUnpacked),
/* harmony export */   storeDiffIDs: () => (/* binding */ storeDiffIDs)
/* harmony export */ });
/* unused harmony export mountTables */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _store_lock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(35074);
/* harmony import */ var _fswalk_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57733);
/* harmony import */ var _sandbox_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(74545);
/**
 * Pruning the unpacked-layer cache (`<cacheDir>/layers/`, see unpacked.ts), which builds only
 * ever add to: `kiln gc` removes the layers no image of the store names any more, and the
 * `.unpack-*` / `.prune-*` directories left behind by runs that were killed.
 *
 * A layer may be a lowerdir of a build running right now. Builds mount in private mount
 * namespaces, so our own mount table does not show them: every process's table is read.
 */





const LAYER_RE = /^[0-9a-f]{64}$/;
/** uniqueDir(parent, `.unpack-<hex12>` or `.prune-<hex>`) names: PREFIX-HEX-PID-RANDOM. */
const TEMP_RE = /^\.(?:unpack|prune)-([0-9a-f]+)-(\d+)-[0-9a-f]{8}$/;
/** The diffIDs of every image the store names. Throws rather than guess if one cannot be read. */
async function storeDiffIDs(store) {
    const ids = new Set();
    const digests = new Set((await store.listRefs()).map((r) => r.digest));
    for (const d of digests)
        for (const l of (await store.getImage(d))?.layers ?? [])
            ids.add(l.diffID);
    return ids;
}
/**
 * Removes from `<cacheDir>/layers/` every unpacked layer whose diffID is not in `keep` and no
 * mount uses, and every temporary directory whose run is gone (by the pid in its name).
 */
async function pruneUnpacked(cacheDir, keep, opts = {}) {
    const result = { layers: 0, temps: 0, bytes: 0, busy: 0 };
    const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cacheDir, 'layers');
    const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(parent).catch((e) => {
        if (e.code === 'ENOENT')
            return [];
        throw e;
    });
    if (!names.length)
        return result;
    const keepHex = new Set([...keep].map((d) => d.replace(/^sha256:/, '')));
    const tables = opts.mountTables ?? mountTables;
    // Matching the hex name anywhere in a mount line is enough (64 hex digits do not occur by
    // chance) and does not depend on how the cache path was spelt or escaped in the options.
    const mounts = await tables();
    const doomed = [];
    for (const name of names) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(parent, name);
        if (LAYER_RE.test(name)) {
            if (keepHex.has(name))
                continue;
            if (mounts.includes(name)) {
                result.busy++;
                continue;
            }
            // Moved aside before removal: a gc killed half-way never leaves a partial tree under
            // the diffID name (unpackLayer trusts any directory there), and a build mounting the
            // layer from now on fails cleanly instead of losing files under its feet.
            const moved = (0,_sandbox_js__WEBPACK_IMPORTED_MODULE_4__/* .uniqueDir */ .vZ)(parent, `.prune-${name}`);
            try {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(path, moved);
            }
            catch (e) {
                if (e.code === 'ENOENT')
                    continue;
                throw e;
            }
            doomed.push({ path: moved, hex: name, layer: path });
        }
        else {
            const m = TEMP_RE.exec(name);
            const pid = m ? Number.parseInt(m[2], 10) : 0;
            // A live pid keeps its directory even if the pid was reused: that only delays removal.
            if (!m || !(pid > 0) || (0,_store_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .pidAlive */ .pl)(pid) || mounts.includes(m[1]))
                continue;
            doomed.push({ path, hex: m[1] });
        }
    }
    // A build may have mounted a layer between the first look and the rename: look again and
    // put such layers back (if it was unpacked anew meanwhile, ours stays a .prune dir that a
    // later gc removes once nothing mounts it).
    const after = doomed.some((d) => d.layer) ? await tables() : mounts;
    for (const d of doomed) {
        if (d.layer && after.includes(d.hex)) {
            result.busy++;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(d.path, d.layer).catch(() => undefined);
            continue;
        }
        result.bytes += await diskUsage(d.path);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(d.path, { recursive: true, force: true });
        if (d.layer)
            result.layers++;
        else
            result.temps++;
    }
    return result;
}
/**
 * The mount lines of every mount namespace (one process's table read per namespace). A table
 * that exists but cannot be read (hidepid, not root) is an error: a layer in use there would
 * look unused.
 */
async function mountTables() {
    const pids = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)('/proc').catch(() => [])).filter((n) => /^\d+$/.test(n));
    const seen = new Set();
    const lines = new Set();
    for (const pid of pids) {
        const ns = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readlink)(`/proc/${pid}/ns/mnt`).catch(() => null);
        if (ns !== null && seen.has(ns))
            continue;
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(`/proc/${pid}/mountinfo`, 'utf8');
        }
        catch (e) {
            const code = e.code;
            if (code === 'EACCES' || code === 'EPERM')
                throw new Error(`cannot read /proc/${pid}/mountinfo (${code}), so layers in use cannot be told apart: run as root, or use --keep-unpacked`);
            continue; // the process ended meanwhile
        }
        if (ns !== null)
            seen.add(ns);
        for (const l of text.split('\n'))
            if (l)
                lines.add(l);
    }
    return [...lines].join('\n');
}
/** Like `du -s`: allocated blocks of everything under `root`, each inode once. */
async function diskUsage(root) {
    const inodes = new Set();
    let bytes = 0;
    const add = async (path) => {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => null);
        if (!st)
            return;
        if (st.nlink > 1 && !st.isDirectory()) {
            const id = `${st.dev}:${st.ino}`;
            if (inodes.has(id))
                return;
            inodes.add(id);
        }
        bytes += st.blocks * 512;
    };
    await add(root);
    try {
        for await (const { rel } of (0,_fswalk_js__WEBPACK_IMPORTED_MODULE_3__/* .walk */ .GG)(root))
            await add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel));
    }
    catch {
        // Unreadable corners only make the figure smaller; rm still removes them.
    }
    return bytes;
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
