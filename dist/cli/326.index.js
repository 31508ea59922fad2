export const id = 326;
export const ids = [326,895,704];
export const modules = {

/***/ 9823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F3: () => (/* binding */ trackDir),
/* harmony export */   i0: () => (/* binding */ killGroup),
/* harmony export */   o$: () => (/* binding */ holdInterrupts),
/* harmony export */   yH: () => (/* binding */ trackChild)
/* harmony export */ });
/* unused harmony export pending */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

const children = new Set();
const dirs = new Set();
let installed = false;
let interactive = 0;
/**
 * While a command owns the terminal (kiln run), ^C is the command's business: the
 * terminal sends SIGINT to it directly, and tearing it down would end an interactive
 * shell at its first ^C. Returns the function that ends this.
 */
function holdInterrupts() {
    installHandlers();
    interactive++;
    let done = false;
    return () => {
        if (!done)
            interactive--;
        done = true;
    };
}
/** Tracks a sandbox child (spawned detached: its pid is its process group id). */
function trackChild(child) {
    installHandlers();
    children.add(child);
    const untrack = () => void children.delete(child);
    child.once('exit', untrack);
    return untrack;
}
/** Tracks a temporary directory; the returned function removes it and stops tracking. */
function trackDir(dir) {
    installHandlers();
    dirs.add(dir);
    return () => {
        dirs.delete(dir);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
    };
}
/** Kills a child's whole process group (the sandbox driver and everything it started). */
function killGroup(child, signal = 'SIGKILL') {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
        return;
    try {
        process.kill(-child.pid, signal);
    }
    catch {
        try {
            child.kill(signal);
        }
        catch {
            // already gone
        }
    }
}
/** Number of live sandbox processes and temporary directories (for tests and diagnostics). */
function pending() {
    return { children: children.size, dirs: dirs.size };
}
function installHandlers() {
    if (installed)
        return;
    installed = true;
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
        const onSignal = () => {
            if (sig === 'SIGINT' && interactive > 0)
                return;
            void teardownAll().finally(() => {
                process.removeListener(sig, onSignal);
                // Die of the same signal, as the default action would have, unless someone else
                // handles it too (then they decide when the process ends).
                if (process.listenerCount(sig) === 0)
                    process.kill(process.pid, sig);
            });
        };
        process.on(sig, onSignal);
    }
}
async function teardownAll() {
    const waits = [];
    for (const child of children) {
        if (child.exitCode !== null || child.signalCode !== null)
            continue;
        waits.push(new Promise((resolve) => child.once('exit', () => resolve())));
        killGroup(child);
    }
    // The driver is PID 1 of its PID namespace: when it dies the kernel kills the rest of the
    // namespace before the driver's exit is reported, so once these resolve nothing is left.
    await Promise.race([Promise.all(waits), new Promise((r) => setTimeout(r, 5000).unref())]);
    for (const d of dirs)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(d, { recursive: true, force: true });
    dirs.clear();
}


/***/ }),

/***/ 7733:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GG: () => (/* binding */ walk),
/* harmony export */   Xq: () => (/* binding */ walkBytes),
/* harmony export */   y4: () => (/* binding */ hostPath)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


async function* walk(root, rel = '') {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const r = rel ? `${rel}/${entry.name}` : entry.name;
        yield { rel: r, entry };
        if (entry.isDirectory())
            yield* walk(root, r);
    }
}
/**
 * The host path of `rel` (a binary string: one char per byte) under `root`, as a Buffer:
 * node's fs calls take Buffer paths, so a name that is not UTF-8 reaches the kernel as the
 * bytes it is, where a string path would be re-encoded as UTF-8 (and name another file).
 */
function hostPath(root, rel) {
    return rel ? Buffer.concat([Buffer.from(`${root}/`), Buffer.from(rel, 'latin1')]) : Buffer.from(root);
}
/**
 * Like walk(), with names as binary strings (one char per byte, as the exporters keep tar
 * names) read with Buffer readdir, so that a name that is not UTF-8 is neither replaced by
 * U+FFFD nor confused with another; byte order. Open entries with hostPath(root, rel).
 */
async function* walkBytes(root, rel = '') {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(hostPath(root, rel), { withFileTypes: true, encoding: 'buffer' });
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
        const name = entry.name.toString('latin1');
        const r = rel ? `${rel}/${name}` : name;
        yield { rel: r, entry };
        if (entry.isDirectory())
            yield* walkBytes(root, r);
    }
}


/***/ }),

/***/ 7090:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OM: () => (/* binding */ DEFAULT_PATH),
  ak: () => (/* binding */ Sandbox),
  a6: () => (/* binding */ envFromList),
  vZ: () => (/* binding */ uniqueDir)
});

// UNUSED EXPORTS: baseEnv

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/sandbox/cleanup.ts
var cleanup = __webpack_require__(9823);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(7895);
;// CONCATENATED MODULE: ./src/sandbox/driver.ts
/**
 * The sandbox driver: a constant sh script run as PID 1 of fresh mount and PID namespaces
 * (`unshare --mount --propagation private --pid --fork --kill-child`). It mounts the overlay
 * and the requested pseudo file systems, runs one command, and exits with its status.
 *
 * Nothing is unmounted by hand, on purpose: every mount lives in the private mount
 * namespace, which the kernel tears down with its last process. When PID 1 exits the
 * kernel kills whatever else runs in the namespace, and `setpriv --pdeathsig KILL` plus
 * `--kill-child` chain that to the death of this node process, even by SIGKILL. So no
 * mount and no process outlives a sandbox run, whatever way it ends.
 *
 * The script takes everything as arguments; no input is ever spliced into shell text.
 */



// $1 merged mount point, $2 lowerdir list (top first), $3 upper, $4 work, $5 mounts (a,b),
// then the command. redirect_dir/metacopy/index off keep the upper dir a plain diff that a
// layer tar can express (no redirects, no metadata-only copy-ups).
const DRIVER = `set -eu
merged=$1 lower=$2 upper=$3 work=$4 mounts=$5
shift 5
mount -t overlay kiln-sandbox -o "lowerdir=$lower,upperdir=$upper,workdir=$work,redirect_dir=off,metacopy=off,index=off,xino=off" "$merged"
for m in $(echo "$mounts" | tr , ' '); do
  case $m in
    proc) mount -t proc -o nosuid,nodev,noexec proc "$merged/proc" ;;
    dev) mount --rbind /dev "$merged/dev"; mount --make-rslave "$merged/dev" ;;
    sys) mount --rbind -o ro /sys "$merged/sys"; mount --make-rslave "$merged/sys" ;;
    *) echo "kiln-sandbox: unknown mount $m" >&2; exit 125 ;;
  esac
done
set +e
"$@"
exit $?
`;
/** Characters the overlayfs mount option string cannot carry in a path. */
const UNSAFE_OPTION_PATH = /[,:\n\\]/;
function runDriver(r) {
    for (const p of [r.merged, r.upper, r.work, ...r.lowers]) {
        if (UNSAFE_OPTION_PATH.test(p))
            throw new Error(`sandbox: path ${JSON.stringify(p)} contains a character overlayfs options cannot hold (, : \\ or newline)`);
    }
    if (r.lowers.length === 0)
        throw new Error('sandbox: at least one lower directory is needed');
    const args = [
        '--pdeathsig',
        'KILL',
        '--',
        'unshare',
        '--mount',
        '--propagation',
        'private',
        '--pid',
        '--fork',
        '--kill-child',
        '--',
        'sh',
        '-c',
        DRIVER,
        'kiln-sandbox',
        r.merged,
        r.lowers.join(':'),
        r.upper,
        r.work,
        r.mounts.join(','),
        ...r.argv
    ];
    r.reporter?.debug(`sandbox: ${r.argv.join(' ')} (lower ${r.lowers.length} dirs, mounts ${r.mounts.join(',') || 'none'})`);
    const interactive = r.stdio === 'inherit';
    // A build step gets its own process group so that one kill reaches all of it; an
    // interactive command stays in the terminal's foreground group so ^C reaches it.
    const child = (0,external_node_child_process_.spawn)('setpriv', args, {
        stdio: interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
        cwd: r.cwd,
        detached: !interactive
    });
    const untrack = (0,cleanup/* trackChild */.yH)(child);
    const tail = new exec/* Tail */.PW();
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (d) => tail.push(d, r.onLine));
    child.stderr?.on('data', (d) => tail.push(d, r.onLine));
    const onAbort = () => (0,cleanup/* killGroup */.i0)(child);
    r.signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise((resolve, reject) => {
        child.once('error', (e) => {
            untrack();
            r.signal?.removeEventListener('abort', onAbort);
            reject(new Error(`sandbox: cannot start setpriv/unshare: ${e.message}`));
        });
        child.once('close', (code, sig) => {
            untrack();
            r.signal?.removeEventListener('abort', onAbort);
            tail.flush(r.onLine);
            resolve({ exitCode: code ?? 128, signal: sig, tail: tail.get() });
        });
    });
}

// EXTERNAL MODULE: ./src/util/in-root.ts
var in_root = __webpack_require__(9325);
;// CONCATENATED MODULE: ./src/sandbox/patch.ts



const POLICY_RC_D = '#!/bin/sh\nexit 101\n';
/**
 * The entry at `rel` in the image as layered dirs show it (top first), or null when absent or
 * whited out. Each layer is read only through its own real directories (util/in-root): a
 * lower layer's `usr -> /somewhere` is never followed on the host.
 */
async function lookupLayered(dirs, rel) {
    return (0,in_root/* lstatInLayers */.GY)(dirs, rel);
}
/** Whether overlayfs would see a whiteout for `rel` in this directory. */
async function isWhiteout(dir, rel) {
    const st = await (0,promises_.lstat)((0,external_node_path_.join)(dir, rel)).catch(() => null);
    return !!st && st.isCharacterDevice() && st.rdev === 0;
}
/**
 * Writes the patch layer into `patchDir` (emptied first) for an image whose layers are
 * `imageDirs` (upper first, then lowers, top first). Returns the mounts that can be made
 * and the image paths the patch provides (so traces a step left on them can be cleaned).
 */
async function writePatch(patchDir, imageDirs, opts, reporter) {
    await (0,promises_.rm)(patchDir, { recursive: true, force: true });
    await (0,promises_.mkdir)(patchDir, { recursive: true, mode: 0o755 });
    const paths = [];
    const files = [];
    if (opts.dns !== false) {
        const resolv = await (0,promises_.realpath)('/etc/resolv.conf').catch(() => null);
        if (resolv)
            files.push({ path: 'etc/resolv.conf', source: resolv, mode: 0o644, optional: true });
    }
    if (opts.hosts !== false)
        files.push({ path: 'etc/hosts', source: '/etc/hosts', mode: 0o644, optional: true });
    if (opts.policyRcD)
        files.push({ path: 'usr/sbin/policy-rc.d', content: POLICY_RC_D, mode: 0o755 });
    files.push(...(opts.files ?? []));
    for (const f of files) {
        if (!(await mirrorParents(patchDir, imageDirs, f.path))) {
            if (!f.optional)
                throw new Error(`sandbox: cannot provide /${f.path}: /${(0,external_node_path_.dirname)(f.path)} is not a directory in the image`);
            reporter?.warn(`sandbox: /${(0,external_node_path_.dirname)(f.path)} is not a directory in the image; /${f.path} is not provided`);
            continue;
        }
        const dest = (0,external_node_path_.join)(patchDir, f.path);
        if (f.source) {
            const copied = await (0,promises_.copyFile)(f.source, dest).then(() => null, (e) => e);
            // Host DNS files may be missing: then there is nothing to patch in. A file a step
            // needs (its script, a package) must be there, or the step would fail later with a
            // bare "No such file or directory" that names neither file.
            if (copied && f.optional)
                continue;
            if (copied)
                throw new Error(`sandbox: cannot provide /${f.path} from ${f.source}: ${copied.message}`);
        }
        else
            await (0,promises_.writeFile)(dest, f.content ?? '', { mode: f.mode });
        await (0,promises_.chmod)(dest, f.mode);
        paths.push(f.path);
    }
    const mounts = [];
    for (const m of opts.mounts ?? []) {
        const st = await lookupLayered(imageDirs, m);
        if (st && !st.isDirectory()) {
            reporter?.warn(`sandbox: /${m} is not a directory in the image; it is not mounted`);
            continue;
        }
        if (!st) {
            await (0,promises_.mkdir)((0,external_node_path_.join)(patchDir, m), { mode: 0o755 });
            paths.push(m);
        }
        mounts.push(m);
    }
    return { mounts, paths };
}
/** Creates the parents of `rel` in the patch dir with the image's metadata; false if one is not a directory there. */
async function mirrorParents(patchDir, imageDirs, rel) {
    const parts = rel.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
        const sub = parts.slice(0, i).join('/');
        const st = await lookupLayered(imageDirs, sub);
        if (st && !st.isDirectory())
            return false;
        const dest = (0,external_node_path_.join)(patchDir, sub);
        if (await (0,promises_.lstat)(dest).catch(() => null))
            continue;
        await (0,promises_.mkdir)(dest, { mode: 0o755 });
        if (st) {
            await (0,promises_.chmod)(dest, st.mode & 0o7777);
            await (0,promises_.chown)(dest, st.uid, st.gid);
        }
    }
    return true;
}
/** Directory times are set last: writing the files above changed them. */
async function settleTimes(patchDir, imageDirs, rels) {
    const dirs = new Set();
    for (const r of rels) {
        const parts = r.split('/');
        for (let i = 1; i < parts.length; i++)
            dirs.add(parts.slice(0, i).join('/'));
    }
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
        const st = await lookupLayered(imageDirs, d);
        if (st)
            await (0,promises_.utimes)((0,external_node_path_.join)(patchDir, d), st.atime, st.mtime).catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./src/sandbox/sandbox.ts
/**
 * A sandbox: an image's layers (read-only, unpacked) under a writable upper directory,
 * mounted with overlayfs in a private mount namespace for each command, with the host's
 * DNS and optional /proc, /dev, /sys patched in for the length of the command only.
 *
 * Commands run as argument arrays, inside the image (`exec`: chroot, a controlled
 * environment) or on the host with the mounted root in $KILN_ROOT (`host`: packs, copies,
 * genoci's pre/post hooks). `close()` removes what the sandbox created; callers use
 * try/finally, and SIGINT/SIGTERM are covered by cleanup.ts.
 */






const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** The environment every command inside starts from (then the image's Env, then the spec's). */
function baseEnv() {
    return { PATH: DEFAULT_PATH, HOME: '/root', DEBIAN_FRONTEND: 'noninteractive', LANG: 'C.UTF-8' };
}
/** `["K=V", …]` (an OCI config's Env) as a record. */
function envFromList(list) {
    const out = {};
    for (const kv of list ?? []) {
        const i = kv.indexOf('=');
        if (i > 0)
            out[kv.slice(0, i)] = kv.slice(i + 1);
    }
    return out;
}
class Sandbox {
    opts;
    upper;
    work;
    merged;
    patch;
    removeDir;
    constructor(opts, removeDir) {
        this.opts = opts;
        this.removeDir = removeDir;
        this.upper = opts.upper ?? (0,external_node_path_.join)(opts.dir, 'upper');
        this.work = (0,external_node_path_.join)(opts.dir, 'work');
        this.merged = (0,external_node_path_.join)(opts.dir, 'root');
        this.patch = (0,external_node_path_.join)(opts.dir, 'patch');
    }
    static async open(opts) {
        await (0,promises_.mkdir)(opts.dir, { recursive: true });
        const remove = (0,cleanup/* trackDir */.F3)(opts.dir);
        const sb = new Sandbox(opts, remove);
        try {
            for (const d of [sb.work, sb.merged])
                await (0,promises_.mkdir)(d, { mode: 0o755 });
            if (!opts.upper) {
                // The upper dir's root is the merged root: it must look like an image root
                // (a 0700 root keeps apt's _apt user out, for one).
                await (0,promises_.mkdir)(sb.upper, { mode: 0o755 });
                await (0,promises_.chmod)(sb.upper, 0o755);
                await (0,promises_.chown)(sb.upper, 0, 0);
            }
        }
        catch (e) {
            remove();
            throw e;
        }
        return sb;
    }
    /** The image as layered directories, top first: the upper dir, then the lowers. */
    get layers() {
        return [this.upper, ...this.opts.lowers];
    }
    /** The root as mounted during a command (only inside the sandbox's namespace). */
    get root() {
        return this.merged;
    }
    /** Runs `argv` inside the image (chroot), with a controlled environment. */
    async exec(argv, o = {}) {
        const env = { ...baseEnv(), ...this.opts.env, ...o.env };
        const kv = Object.entries(env).map(([k, v]) => `${k}=${v}`);
        return this.runWith(['env', '-i', ...kv, 'chroot', this.merged, ...argv], o);
    }
    /** Runs `argv` on the host with the mounted root in $KILN_ROOT (inside the namespace). */
    async host(argv, o = {}) {
        const kv = Object.entries({ ...o.env, KILN_ROOT: this.merged }).map(([k, v]) => `${k}=${v}`);
        return this.runWith(['env', ...kv, ...argv], o);
    }
    async close() {
        this.removeDir();
    }
    async runWith(argv, o) {
        const imageDirs = [this.upper, ...this.opts.lowers];
        const patch = await writePatch(this.patch, imageDirs, {
            dns: this.opts.dns,
            hosts: this.opts.hosts,
            policyRcD: this.opts.policyRcD,
            mounts: this.opts.mounts,
            files: o.files
        }, this.opts.reporter);
        await settleTimes(this.patch, imageDirs, patch.paths);
        try {
            return await runDriver({
                merged: this.merged,
                lowers: [this.patch, ...this.opts.lowers],
                upper: this.upper,
                work: this.work,
                mounts: patch.mounts,
                argv,
                stdio: o.stdio ?? 'pipe',
                onLine: o.onLine,
                cwd: o.cwd,
                signal: this.opts.signal,
                reporter: this.opts.reporter
            });
        }
        finally {
            // A step that deleted a patched file left a whiteout for something the image never
            // had: drop it, so the upper dir shows only real changes.
            for (const p of patch.paths) {
                if ((await isWhiteout(this.upper, p)) && !(await lookupLayered(this.opts.lowers, p)))
                    await (0,promises_.unlink)((0,external_node_path_.join)(this.upper, p));
            }
            await (0,promises_.rm)(this.patch, { recursive: true, force: true });
        }
    }
}
/** A fresh, unique directory name under `parent`. */
function uniqueDir(parent, prefix) {
    return (0,external_node_path_.join)(parent, `${prefix}-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
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


/***/ }),

/***/ 9325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GY: () => (/* binding */ lstatInLayers),
/* harmony export */   If: () => (/* binding */ secureJoin),
/* harmony export */   QD: () => (/* binding */ resolveInRoot),
/* harmony export */   sw: () => (/* binding */ secureJoinLayers)
/* harmony export */ });
/* unused harmony export RootEscapeError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
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


/***/ })

};
