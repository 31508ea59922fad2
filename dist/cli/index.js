#!/usr/bin/env -S node --max-semi-space-size=1
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 13705:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LY: () => (/* binding */ hostArch),
/* harmony export */   PU: () => (/* binding */ runsNatively),
/* harmony export */   Xp: () => (/* binding */ canonicalArch)
/* harmony export */ });
/**
 * Architecture names. The catalog writes uname's (x86_64, aarch64); Debian (amd64, arm64) and
 * OCI/GOARCH (amd64, arm64) spellings are accepted for the same machines, so comparisons go
 * through one canonical form. The spec keeps what the user wrote (it is part of the key).
 */
const CANONICAL = {
    x86_64: 'x86_64',
    amd64: 'x86_64',
    x64: 'x86_64',
    aarch64: 'aarch64',
    arm64: 'aarch64',
    armv7l: 'armv7l',
    armhf: 'armv7l',
    arm: 'armv7l',
    i686: 'i686',
    i386: 'i686',
    '386': 'i686',
    ppc64le: 'ppc64le',
    ppc64el: 'ppc64le',
    riscv64: 'riscv64',
    s390x: 's390x'
};
/** The uname-style name of an architecture in any of its usual spellings (unknown names as given). */
function canonicalArch(arch) {
    return CANONICAL[arch] ?? arch;
}
/** The machine Kiln runs on, uname-style. */
function hostArch() {
    return canonicalArch(process.arch);
}
/**
 * Whether the host runs `arch`'s programs without emulation: its own architecture, and 32-bit
 * x86 on x86_64 (the kernel runs i386 binaries itself).
 */
function runsNatively(arch, host = hostArch()) {
    const a = canonicalArch(arch);
    return a === host || (host === 'x86_64' && a === 'i686');
}


/***/ }),

/***/ 9555:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ DEFAULT_CATALOG_FILES)
/* harmony export */ });
/** Where a catalog is looked for when none is named: Kiln's names, then corpusops' places. */
const DEFAULT_CATALOG_FILES = [
    'IMAGES.json',
    'IMAGES.yaml',
    'IMAGES.yml',
    '.docker/IMAGES.json',
    'docker/IMAGES.json'
];


/***/ }),

/***/ 11839:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ gateFailed)
/* harmony export */ });
/** An image that failed a gate (boot, install, netboot): built, but not published. */
function gateFailed(i) {
    return i.verify?.status === 'failed' || i.install?.status === 'failed' || i.netboot?.status === 'failed';
}


/***/ }),

/***/ 80137:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ DEFAULT_CACHE_DIR)
/* harmony export */ });
/** Where overlay and aci builds keep unpacked layers: $KILN_SANDBOX_CACHE, else /var/tmp/kiln. */
const DEFAULT_CACHE_DIR = process.env.KILN_SANDBOX_CACHE ?? '/var/tmp/kiln';


/***/ }),

/***/ 29735:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ STORE_TMP_DIR),
/* harmony export */   q: () => (/* binding */ DEFAULT_STORE_DIR)
/* harmony export */ });
/**
 * Where the store lives when no --store is given: `.kiln/store` under the current
 * directory, so a checkout keeps its images next to its IMAGES.json.
 */
const DEFAULT_STORE_DIR = '.kiln/store';
/** Scratch space inside the store root: same filesystem as blobs/, so a finished blob is renamed, never copied. */
const STORE_TMP_DIR = '.kiln-tmp';


/***/ }),

/***/ 70017:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Am: () => (/* binding */ EXIT_BUILD_FAILED),
/* harmony export */   Ij: () => (/* binding */ EXIT_OK),
/* harmony export */   Vw: () => (/* binding */ formatProblem),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   oC: () => (/* binding */ InvalidInputError),
/* harmony export */   yj: () => (/* binding */ EXIT_INVALID_INPUT),
/* harmony export */   zS: () => (/* binding */ BuildError)
/* harmony export */ });
/** Exit statuses shared by every command: documented in the README. */
const EXIT_OK = 0;
const EXIT_BUILD_FAILED = 1;
const EXIT_INVALID_INPUT = 2;
function formatProblem(p) {
    const pos = p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : '';
    const img = p.image ? ` (image ${p.image})` : '';
    return `${p.file}${pos}: ${p.pointer || '/'}${img}: ${p.message}`;
}
/** Invalid input: every problem at once, nothing has run. Exit status 2. */
class InvalidInputError extends Error {
    problems;
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'));
        this.problems = problems;
        this.name = 'InvalidInputError';
    }
}
/**
 * A step of an image's build failed: names the image, the step, and the tool's last lines.
 * `inputRefused`: the step refused its input (a hostile or oversized archive), which is the
 * user's to fix like any invalid input (exit status 2), not a failure of the build.
 */
class BuildError extends Error {
    image;
    step;
    tail;
    inputRefused;
    constructor(image, step, cause, tail = [], inputRefused = false) {
        super(`${image}: ${step}: ${cause}${tail.length ? `\n  | ${tail.join('\n  | ')}` : ''}`);
        this.image = image;
        this.step = step;
        this.tail = tail;
        this.inputRefused = inputRefused;
        this.name = 'BuildError';
    }
}
function errorMessage(e) {
    return e instanceof Error ? e.message : String(e);
}


/***/ }),

/***/ 57636:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E3: () => (/* binding */ onExitNow),
/* harmony export */   F3: () => (/* binding */ trackDir),
/* harmony export */   G2: () => (/* binding */ tempFileFor),
/* harmony export */   Yo: () => (/* binding */ ownerIsDead),
/* harmony export */   Zq: () => (/* binding */ trackProcess),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   g3: () => (/* binding */ GRACE_MS),
/* harmony export */   hF: () => (/* binding */ tempPrefix),
/* harmony export */   i0: () => (/* binding */ killGroup),
/* harmony export */   kH: () => (/* binding */ interruptedBy),
/* harmony export */   o$: () => (/* binding */ holdInterrupts),
/* harmony export */   qj: () => (/* binding */ interruptExitStatus),
/* harmony export */   runSignal: () => (/* binding */ runSignal),
/* harmony export */   yH: () => (/* binding */ trackChild),
/* harmony export */   yo: () => (/* binding */ OWNER)
/* harmony export */ });
/* unused harmony exports DEADLINE_MS, processStartTime, pending */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);



const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
/** How long a tool has to end after SIGTERM before it is SIGKILLed. */
const GRACE_MS = 2500;
/**
 * How long the whole unwinding may take before the process exits anyway. A GitHub runner
 * sends SIGTERM 7.5 s after SIGINT (and kills the tree 2.5 s later): this fits before it.
 */
const DEADLINE_MS = 6000;
const children = new Set();
const dirs = new Set();
const lastWords = new Set();
const controller = new AbortController();
let interrupted;
let cooperative = false;
let installed = false;
let interactive = 0;
// ---- Owner tokens ----------------------------------------------------------------------------
/** Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), or null. */
function processStartTime(pid) {
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) may hold spaces and parentheses: count from its closing one.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return fields[19] ?? null;
    }
    catch {
        return null;
    }
}
const short = (s) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(s).digest('hex').slice(0, 6);
function bootId() {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    }
    catch {
        return 'unknown';
    }
}
const HOST = short((0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)());
const BOOT = short(bootId());
/**
 * This process as the owner of temporary names: `PID-START-HOST-BOOT`, e.g. `4242-1k3z-a1b2c3-d4e5f6`
 * (start time in base 36; host and boot as short hashes). Safe in file names and engine tags.
 */
const OWNER = `${process.pid}-${Number(processStartTime(process.pid) ?? 0).toString(36)}-${HOST}-${BOOT}`;
const TOKEN = String.raw `(\d+)-([0-9a-z]+)-([0-9a-f]{6})-([0-9a-f]{6})`;
/** Where an owner token sits in each kind of name kiln gives: */
const OWNED_NAMES = {
    /** a temporary directory: `kiln-OWNER-label-XXXXXX` */
    dir: new RegExp(`^kiln-${TOKEN}-`),
    /** a temporary file: `NAME.tmp-OWNER` or `NAME.tmp-OWNER-hex` */
    file: new RegExp(`\\.tmp-${TOKEN}(?:-[0-9a-f]+)?$`),
    /** an engine tag: `kiln-base/name:OWNER-…` */
    tag: new RegExp(`^kiln-(?:base|out)/[^:]+:${TOKEN}-`)
};
/**
 * Whether a name kiln gave is its owner's to keep: undefined when the name has no owner token
 * (not kiln's to judge); otherwise whether the owner, a run on this host, is certainly gone:
 * it ran in an earlier boot, or its pid no longer exists or now belongs to a process started
 * at another time. A name of another host (a shared engine, a shared disk) is never judged
 * dead: that host's own runs sweep it.
 */
function ownerIsDead(kind, name) {
    const m = OWNED_NAMES[kind].exec(name);
    if (!m)
        return false;
    const [, pid, start, host, boot] = m;
    if (host !== HOST)
        return false;
    if (boot !== BOOT)
        return true;
    const now = processStartTime(Number(pid));
    return now === null || Number(now).toString(36) !== start;
}
/** `kiln-OWNER-LABEL-`: the prefix for mkdtemp of a temporary directory the sweep can judge. */
function tempPrefix(label) {
    return `kiln-${OWNER}-${label}-`;
}
/** The temporary name a file is written under before it is renamed to `path`. */
function tempFileFor(path) {
    return `${path}.tmp-${OWNER}`;
}
// ---- Cancellation ----------------------------------------------------------------------------
/**
 * The signal every step of a command threads through: aborted by the first SIGINT/SIGTERM.
 * Asking for it says the command unwinds by itself on abort (the process waits for it, up to
 * DEADLINE_MS), instead of being torn down at once.
 */
function runSignal() {
    installHandlers();
    cooperative = true;
    return controller.signal;
}
/** The signal that interrupted this process, if one did. */
function interruptedBy() {
    return interrupted;
}
/** The exit status of a process interrupted by `sig`: 128 + its number, as a shell reports it. */
function interruptExitStatus(sig) {
    return 128 + SIGNAL_NUMBERS[sig];
}
/** Thrown by a step that sees the run was cancelled (exec refuses to start new tools). */
class CancelledError extends Error {
    constructor(what = 'cancelled') {
        super(what);
        this.name = 'CancelledError';
    }
}
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
    return trackProcess(child, true);
}
/**
 * Tracks a child process until it exits, so an interrupt stops it (SIGTERM, then SIGKILL) and
 * an exit at once kills it. `group`: it was spawned detached and its whole group is signalled.
 */
function trackProcess(child, group) {
    installHandlers();
    const entry = { child, group };
    children.add(entry);
    const untrack = () => void children.delete(entry);
    child.once('exit', untrack);
    child.once('error', untrack);
    return untrack;
}
/** Tracks a temporary directory (or file); the returned function removes it and stops tracking. */
function trackDir(dir) {
    installHandlers();
    dirs.add(dir);
    return () => {
        dirs.delete(dir);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(dir, { recursive: true, force: true });
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
/** Number of live tracked processes and temporary directories (for tests and diagnostics). */
function pending() {
    return { children: children.size, dirs: dirs.size };
}
function signalChild(t, signal) {
    if (t.group)
        return killGroup(t.child, signal);
    if (t.child.exitCode !== null || t.child.signalCode !== null)
        return;
    try {
        t.child.kill(signal);
    }
    catch {
        // already gone
    }
}
/** Ends every tracked tool: SIGTERM now, SIGKILL to what is left after GRACE_MS. */
function stopChildren() {
    const live = [...children];
    const waits = live.map((t) => new Promise((resolve) => {
        if (t.child.exitCode !== null || t.child.signalCode !== null)
            return resolve();
        t.child.once('exit', () => resolve());
    }));
    // Sandbox drivers are PID 1 of their namespace and hold nothing to save: SIGKILL at once.
    for (const t of live)
        signalChild(t, t.group ? 'SIGKILL' : 'SIGTERM');
    const force = setTimeout(() => live.forEach((t) => signalChild(t, 'SIGKILL')), GRACE_MS);
    force.unref();
    return Promise.all(waits).then(() => clearTimeout(force));
}
/**
 * A synchronous step for an exit at once (a second signal, the deadline), after the tools are
 * killed and the directories removed: e.g. out/index.json saying where the run stopped.
 * Returns the function that unregisters it.
 */
function onExitNow(fn) {
    lastWords.add(fn);
    return () => void lastWords.delete(fn);
}
/** The synchronous end: kill what runs, remove tracked directories, say the last words. */
function teardownNow() {
    for (const t of children)
        signalChild(t, 'SIGKILL');
    for (const d of dirs)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(d, { recursive: true, force: true });
    dirs.clear();
    for (const fn of lastWords) {
        try {
            fn();
        }
        catch {
            // an exit at once does not wait for anything, nor stop for anything
        }
    }
}
function exitNow(sig) {
    teardownNow();
    process.exit(interruptExitStatus(sig));
}
const handlers = new Map();
/**
 * Dies of `sig` itself, as its default action would have. Another listener left (execa's exit
 * hook, which ignores a signal once its tools are gone) would swallow it: then the process
 * exits with the status the signal gives (128 + n) instead.
 */
function dieOf(sig) {
    teardownNow();
    for (const [s, h] of handlers)
        process.off(s, h);
    if (process.listenerCount(sig) === 0)
        process.kill(process.pid, sig);
    process.exit(interruptExitStatus(sig));
}
function installHandlers() {
    if (installed)
        return;
    installed = true;
    for (const sig of Object.keys(SIGNAL_NUMBERS)) {
        const onSignal = () => {
            if (sig === 'SIGINT' && interactive > 0)
                return;
            if (interrupted)
                exitNow(sig);
            interrupted = sig;
            process.stderr.write(`kiln: ${sig}: stopping; cleaning up (again to stop at once)\n`);
            controller.abort(new CancelledError(`interrupted by ${sig}`));
            const stopping = stopChildren();
            if (!cooperative) {
                // Nothing unwinds by itself: stop the tools, remove the directories, die of the signal.
                void Promise.race([stopping, new Promise((r) => setTimeout(r, GRACE_MS + 500))]).then(() => dieOf(sig));
                return;
            }
            setTimeout(() => {
                process.stderr.write(`kiln: cleanup took more than ${DEADLINE_MS / 1000} s; exiting\n`);
                exitNow(sig);
            }, DEADLINE_MS).unref();
        };
        handlers.set(sig, onSignal);
        process.on(sig, onSignal);
    }
}


/***/ }),

/***/ 29906:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   hs: () => (/* binding */ SilentReporter),
/* harmony export */   l$: () => (/* binding */ ConsoleReporter),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Plain terminal reporter: everything to stderr so stdout stays machine-readable. */
class ConsoleReporter {
    verbose;
    constructor(verbose = !!process.env.KILN_DEBUG) {
        this.verbose = verbose;
    }
    info(message) {
        process.stderr.write(`${message}\n`);
    }
    warn(message, where) {
        process.stderr.write(`warning: ${at(where)}${message}\n`);
    }
    error(message, where) {
        process.stderr.write(`error: ${at(where)}${message}\n`);
    }
    debug(message) {
        if (this.verbose)
            process.stderr.write(`debug: ${message}\n`);
    }
    async group(title, fn) {
        process.stderr.write(`==> ${title}\n`);
        return fn();
    }
}
/** Swallows everything: for library use and tests that only look at results. */
class SilentReporter {
    info() { }
    warn() { }
    error() { }
    debug() { }
    group(_title, fn) {
        return fn();
    }
}
function at(where) {
    if (!where)
        return '';
    return `${where.file}${where.line ? `:${where.line}${where.column ? `:${where.column}` : ''}` : ''}: `;
}
/** Human sizes for logs and summaries: 1.2 GB, 640 MB, 12 kB (powers of 1000, as du -h --si). */
/** `1 image`, `3 images`. */
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
function formatBytes(n) {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = n;
    while (v >= 1000 && i < units.length - 1) {
        v /= 1000;
        i++;
    }
    return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
function formatSeconds(s) {
    if (s < 60)
        return `${s.toFixed(1)} s`;
    const m = Math.floor(s / 60);
    return `${m} min ${Math.round(s - m * 60)} s`;
}


/***/ }),

/***/ 55071:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   RO: () => (/* binding */ DEFAULT_BOOT_TIMEOUT_SEC),
/* harmony export */   cf: () => (/* binding */ DEFAULT_NETBOOT_TIMEOUT_SEC),
/* harmony export */   y8: () => (/* binding */ DEFAULT_INSTALL_TIMEOUT_SEC)
/* harmony export */ });
/** Time limit of one boot of the boot check, in seconds. */
const DEFAULT_BOOT_TIMEOUT_SEC = 120;
/** Time limit of the provisioning gate's installer VM (partitioning to grub.cfg), in seconds. */
const DEFAULT_INSTALL_TIMEOUT_SEC = 600;
/** Time limit of one netboot of the netboot check (downloads included), in seconds. */
const DEFAULT_NETBOOT_TIMEOUT_SEC = 300;


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 98995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 46193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 58500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 7066:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tty");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 78877:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 18909:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { Argument } = __nccwpck_require__(49154);
const { Command } = __nccwpck_require__(34348);
const { CommanderError, InvalidArgumentError } = __nccwpck_require__(41135);
const { Help } = __nccwpck_require__(79754);
const { Option } = __nccwpck_require__(45240);

exports.DM = new Command();

exports.gu = (name) => new Command(name);
exports.Ww = (flags, description) => new Option(flags, description);
exports.er = (name, description) => new Argument(name, description);

/**
 * Expose classes
 */

exports.uB = Command;
exports.c$ = Option;
exports.ef = Argument;
exports._V = Help;

exports.b7 = CommanderError;
exports.Di = InvalidArgumentError;
exports.a2 = InvalidArgumentError; // Deprecated


/***/ }),

/***/ 49154:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { InvalidArgumentError } = __nccwpck_require__(41135);

class Argument {
  /**
   * Initialize a new command argument with the given name and description.
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @param {string} name
   * @param {string} [description]
   */

  constructor(name, description) {
    this.description = description || '';
    this.variadic = false;
    this.parseArg = undefined;
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.argChoices = undefined;

    switch (name[0]) {
      case '<': // e.g. <required>
        this.required = true;
        this._name = name.slice(1, -1);
        break;
      case '[': // e.g. [optional]
        this.required = false;
        this._name = name.slice(1, -1);
        break;
      default:
        this.required = true;
        this._name = name;
        break;
    }

    if (this._name.endsWith('...')) {
      this.variadic = true;
      this._name = this._name.slice(0, -3);
    }
  }

  /**
   * Return argument name.
   *
   * @return {string}
   */

  name() {
    return this._name;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Argument}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Set the custom handler for processing CLI command arguments into argument values.
   *
   * @param {Function} [fn]
   * @return {Argument}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Only allow argument value to be one of choices.
   *
   * @param {string[]} values
   * @return {Argument}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Make argument required.
   *
   * @returns {Argument}
   */
  argRequired() {
    this.required = true;
    return this;
  }

  /**
   * Make argument optional.
   *
   * @returns {Argument}
   */
  argOptional() {
    this.required = false;
    return this;
  }
}

/**
 * Takes an argument and returns its human readable equivalent for help usage.
 *
 * @param {Argument} arg
 * @return {string}
 * @private
 */

function humanReadableArgName(arg) {
  const nameOutput = arg.name() + (arg.variadic === true ? '...' : '');

  return arg.required ? '<' + nameOutput + '>' : '[' + nameOutput + ']';
}

exports.Argument = Argument;
exports.humanReadableArgName = humanReadableArgName;


/***/ }),

/***/ 34348:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const EventEmitter = (__nccwpck_require__(78474).EventEmitter);
const childProcess = __nccwpck_require__(31421);
const path = __nccwpck_require__(76760);
const fs = __nccwpck_require__(73024);
const process = __nccwpck_require__(1708);

const { Argument, humanReadableArgName } = __nccwpck_require__(49154);
const { CommanderError } = __nccwpck_require__(41135);
const { Help, stripColor } = __nccwpck_require__(79754);
const { Option, DualOptions } = __nccwpck_require__(45240);
const { suggestSimilar } = __nccwpck_require__(65030);

class Command extends EventEmitter {
  /**
   * Initialize a new `Command`.
   *
   * @param {string} [name]
   */

  constructor(name) {
    super();
    /** @type {Command[]} */
    this.commands = [];
    /** @type {Option[]} */
    this.options = [];
    this.parent = null;
    this._allowUnknownOption = false;
    this._allowExcessArguments = false;
    /** @type {Argument[]} */
    this.registeredArguments = [];
    this._args = this.registeredArguments; // deprecated old name
    /** @type {string[]} */
    this.args = []; // cli args with options removed
    this.rawArgs = [];
    this.processedArgs = []; // like .args but after custom processing and collecting variadic
    this._scriptPath = null;
    this._name = name || '';
    this._optionValues = {};
    this._optionValueSources = {}; // default, env, cli etc
    this._storeOptionsAsProperties = false;
    this._actionHandler = null;
    this._executableHandler = false;
    this._executableFile = null; // custom name for executable
    this._executableDir = null; // custom search directory for subcommands
    this._defaultCommandName = null;
    this._exitCallback = null;
    this._aliases = [];
    this._combineFlagAndOptionalValue = true;
    this._description = '';
    this._summary = '';
    this._argsDescription = undefined; // legacy
    this._enablePositionalOptions = false;
    this._passThroughOptions = false;
    this._lifeCycleHooks = {}; // a hash of arrays
    /** @type {(boolean | string)} */
    this._showHelpAfterError = false;
    this._showSuggestionAfterError = true;
    this._savedState = null; // used in save/restoreStateBeforeParse

    // see configureOutput() for docs
    this._outputConfiguration = {
      writeOut: (str) => process.stdout.write(str),
      writeErr: (str) => process.stderr.write(str),
      outputError: (str, write) => write(str),
      getOutHelpWidth: () =>
        process.stdout.isTTY ? process.stdout.columns : undefined,
      getErrHelpWidth: () =>
        process.stderr.isTTY ? process.stderr.columns : undefined,
      getOutHasColors: () =>
        useColor() ?? (process.stdout.isTTY && process.stdout.hasColors?.()),
      getErrHasColors: () =>
        useColor() ?? (process.stderr.isTTY && process.stderr.hasColors?.()),
      stripColor: (str) => stripColor(str),
    };

    this._hidden = false;
    /** @type {(Option | null | undefined)} */
    this._helpOption = undefined; // Lazy created on demand. May be null if help option is disabled.
    this._addImplicitHelpCommand = undefined; // undecided whether true or false yet, not inherited
    /** @type {Command} */
    this._helpCommand = undefined; // lazy initialised, inherited
    this._helpConfiguration = {};
    /** @type {string | undefined} */
    this._helpGroupHeading = undefined; // soft initialised when added to parent
    /** @type {string | undefined} */
    this._defaultCommandGroup = undefined;
    /** @type {string | undefined} */
    this._defaultOptionGroup = undefined;
  }

  /**
   * Copy settings that are useful to have in common across root command and subcommands.
   *
   * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
   *
   * @param {Command} sourceCommand
   * @return {Command} `this` command for chaining
   */
  copyInheritedSettings(sourceCommand) {
    this._outputConfiguration = sourceCommand._outputConfiguration;
    this._helpOption = sourceCommand._helpOption;
    this._helpCommand = sourceCommand._helpCommand;
    this._helpConfiguration = sourceCommand._helpConfiguration;
    this._exitCallback = sourceCommand._exitCallback;
    this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
    this._combineFlagAndOptionalValue =
      sourceCommand._combineFlagAndOptionalValue;
    this._allowExcessArguments = sourceCommand._allowExcessArguments;
    this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
    this._showHelpAfterError = sourceCommand._showHelpAfterError;
    this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;

    return this;
  }

  /**
   * @returns {Command[]}
   * @private
   */

  _getCommandAndAncestors() {
    const result = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let command = this; command; command = command.parent) {
      result.push(command);
    }
    return result;
  }

  /**
   * Define a command.
   *
   * There are two styles of command: pay attention to where to put the description.
   *
   * @example
   * // Command implemented using action handler (description is supplied separately to `.command`)
   * program
   *   .command('clone <source> [destination]')
   *   .description('clone a repository into a newly created directory')
   *   .action((source, destination) => {
   *     console.log('clone command called');
   *   });
   *
   * // Command implemented using separate executable file (description is second parameter to `.command`)
   * program
   *   .command('start <service>', 'start named service')
   *   .command('stop [service]', 'stop named service, or all if no name supplied');
   *
   * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
   * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
   * @param {object} [execOpts] - configuration options (for executable)
   * @return {Command} returns new command for action handler, or `this` for executable command
   */

  command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
    let desc = actionOptsOrExecDesc;
    let opts = execOpts;
    if (typeof desc === 'object' && desc !== null) {
      opts = desc;
      desc = null;
    }
    opts = opts || {};
    const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);

    const cmd = this.createCommand(name);
    if (desc) {
      cmd.description(desc);
      cmd._executableHandler = true;
    }
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    cmd._hidden = !!(opts.noHelp || opts.hidden); // noHelp is deprecated old name for hidden
    cmd._executableFile = opts.executableFile || null; // Custom name for executable file, set missing to null to match constructor
    if (args) cmd.arguments(args);
    this._registerCommand(cmd);
    cmd.parent = this;
    cmd.copyInheritedSettings(this);

    if (desc) return this;
    return cmd;
  }

  /**
   * Factory routine to create a new unattached command.
   *
   * See .command() for creating an attached subcommand, which uses this routine to
   * create the command. You can override createCommand to customise subcommands.
   *
   * @param {string} [name]
   * @return {Command} new command
   */

  createCommand(name) {
    return new Command(name);
  }

  /**
   * You can customise the help with a subclass of Help by overriding createHelp,
   * or by overriding Help properties using configureHelp().
   *
   * @return {Help}
   */

  createHelp() {
    return Object.assign(new Help(), this.configureHelp());
  }

  /**
   * You can customise the help by overriding Help properties using configureHelp(),
   * or with a subclass of Help by overriding createHelp().
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureHelp(configuration) {
    if (configuration === undefined) return this._helpConfiguration;

    this._helpConfiguration = configuration;
    return this;
  }

  /**
   * The default output goes to stdout and stderr. You can customise this for special
   * applications. You can also customise the display of errors by overriding outputError.
   *
   * The configuration properties are all functions:
   *
   *     // change how output being written, defaults to stdout and stderr
   *     writeOut(str)
   *     writeErr(str)
   *     // change how output being written for errors, defaults to writeErr
   *     outputError(str, write) // used for displaying errors and not used for displaying help
   *     // specify width for wrapping help
   *     getOutHelpWidth()
   *     getErrHelpWidth()
   *     // color support, currently only used with Help
   *     getOutHasColors()
   *     getErrHasColors()
   *     stripColor() // used to remove ANSI escape codes if output does not have colors
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureOutput(configuration) {
    if (configuration === undefined) return this._outputConfiguration;

    this._outputConfiguration = {
      ...this._outputConfiguration,
      ...configuration,
    };
    return this;
  }

  /**
   * Display the help or a custom message after an error occurs.
   *
   * @param {(boolean|string)} [displayHelp]
   * @return {Command} `this` command for chaining
   */
  showHelpAfterError(displayHelp = true) {
    if (typeof displayHelp !== 'string') displayHelp = !!displayHelp;
    this._showHelpAfterError = displayHelp;
    return this;
  }

  /**
   * Display suggestion of similar commands for unknown commands, or options for unknown options.
   *
   * @param {boolean} [displaySuggestion]
   * @return {Command} `this` command for chaining
   */
  showSuggestionAfterError(displaySuggestion = true) {
    this._showSuggestionAfterError = !!displaySuggestion;
    return this;
  }

  /**
   * Add a prepared subcommand.
   *
   * See .command() for creating an attached subcommand which inherits settings from its parent.
   *
   * @param {Command} cmd - new subcommand
   * @param {object} [opts] - configuration options
   * @return {Command} `this` command for chaining
   */

  addCommand(cmd, opts) {
    if (!cmd._name) {
      throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
    }

    opts = opts || {};
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    if (opts.noHelp || opts.hidden) cmd._hidden = true; // modifying passed command due to existing implementation

    this._registerCommand(cmd);
    cmd.parent = this;
    cmd._checkForBrokenPassThrough();

    return this;
  }

  /**
   * Factory routine to create a new unattached argument.
   *
   * See .argument() for creating an attached argument, which uses this routine to
   * create the argument. You can override createArgument to return a custom argument.
   *
   * @param {string} name
   * @param {string} [description]
   * @return {Argument} new argument
   */

  createArgument(name, description) {
    return new Argument(name, description);
  }

  /**
   * Define argument syntax for command.
   *
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @example
   * program.argument('<input-file>');
   * program.argument('[output-file]');
   *
   * @param {string} name
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom argument processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */
  argument(name, description, parseArg, defaultValue) {
    const argument = this.createArgument(name, description);
    if (typeof parseArg === 'function') {
      argument.default(defaultValue).argParser(parseArg);
    } else {
      argument.default(parseArg);
    }
    this.addArgument(argument);
    return this;
  }

  /**
   * Define argument syntax for command, adding multiple at once (without descriptions).
   *
   * See also .argument().
   *
   * @example
   * program.arguments('<cmd> [env]');
   *
   * @param {string} names
   * @return {Command} `this` command for chaining
   */

  arguments(names) {
    names
      .trim()
      .split(/ +/)
      .forEach((detail) => {
        this.argument(detail);
      });
    return this;
  }

  /**
   * Define argument syntax for command, adding a prepared argument.
   *
   * @param {Argument} argument
   * @return {Command} `this` command for chaining
   */
  addArgument(argument) {
    const previousArgument = this.registeredArguments.slice(-1)[0];
    if (previousArgument?.variadic) {
      throw new Error(
        `only the last argument can be variadic '${previousArgument.name()}'`,
      );
    }
    if (
      argument.required &&
      argument.defaultValue !== undefined &&
      argument.parseArg === undefined
    ) {
      throw new Error(
        `a default value for a required argument is never used: '${argument.name()}'`,
      );
    }
    this.registeredArguments.push(argument);
    return this;
  }

  /**
   * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
   *
   * @example
   *    program.helpCommand('help [cmd]');
   *    program.helpCommand('help [cmd]', 'show help');
   *    program.helpCommand(false); // suppress default help command
   *    program.helpCommand(true); // add help command even if no subcommands
   *
   * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
   * @param {string} [description] - custom description
   * @return {Command} `this` command for chaining
   */

  helpCommand(enableOrNameAndArgs, description) {
    if (typeof enableOrNameAndArgs === 'boolean') {
      this._addImplicitHelpCommand = enableOrNameAndArgs;
      if (enableOrNameAndArgs && this._defaultCommandGroup) {
        // make the command to store the group
        this._initCommandGroup(this._getHelpCommand());
      }
      return this;
    }

    const nameAndArgs = enableOrNameAndArgs ?? 'help [command]';
    const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
    const helpDescription = description ?? 'display help for command';

    const helpCommand = this.createCommand(helpName);
    helpCommand.helpOption(false);
    if (helpArgs) helpCommand.arguments(helpArgs);
    if (helpDescription) helpCommand.description(helpDescription);

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    // init group unless lazy create
    if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);

    return this;
  }

  /**
   * Add prepared custom help command.
   *
   * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
   * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
   * @return {Command} `this` command for chaining
   */
  addHelpCommand(helpCommand, deprecatedDescription) {
    // If not passed an object, call through to helpCommand for backwards compatibility,
    // as addHelpCommand was originally used like helpCommand is now.
    if (typeof helpCommand !== 'object') {
      this.helpCommand(helpCommand, deprecatedDescription);
      return this;
    }

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    this._initCommandGroup(helpCommand);
    return this;
  }

  /**
   * Lazy create help command.
   *
   * @return {(Command|null)}
   * @package
   */
  _getHelpCommand() {
    const hasImplicitHelpCommand =
      this._addImplicitHelpCommand ??
      (this.commands.length &&
        !this._actionHandler &&
        !this._findCommand('help'));

    if (hasImplicitHelpCommand) {
      if (this._helpCommand === undefined) {
        this.helpCommand(undefined, undefined); // use default name and description
      }
      return this._helpCommand;
    }
    return null;
  }

  /**
   * Add hook for life cycle event.
   *
   * @param {string} event
   * @param {Function} listener
   * @return {Command} `this` command for chaining
   */

  hook(event, listener) {
    const allowedValues = ['preSubcommand', 'preAction', 'postAction'];
    if (!allowedValues.includes(event)) {
      throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
    }
    if (this._lifeCycleHooks[event]) {
      this._lifeCycleHooks[event].push(listener);
    } else {
      this._lifeCycleHooks[event] = [listener];
    }
    return this;
  }

  /**
   * Register callback to use as replacement for calling process.exit.
   *
   * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
   * @return {Command} `this` command for chaining
   */

  exitOverride(fn) {
    if (fn) {
      this._exitCallback = fn;
    } else {
      this._exitCallback = (err) => {
        if (err.code !== 'commander.executeSubCommandAsync') {
          throw err;
        } else {
          // Async callback from spawn events, not useful to throw.
        }
      };
    }
    return this;
  }

  /**
   * Call process.exit, and _exitCallback if defined.
   *
   * @param {number} exitCode exit code for using with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   * @return never
   * @private
   */

  _exit(exitCode, code, message) {
    if (this._exitCallback) {
      this._exitCallback(new CommanderError(exitCode, code, message));
      // Expecting this line is not reached.
    }
    process.exit(exitCode);
  }

  /**
   * Register callback `fn` for the command.
   *
   * @example
   * program
   *   .command('serve')
   *   .description('start service')
   *   .action(function() {
   *      // do work here
   *   });
   *
   * @param {Function} fn
   * @return {Command} `this` command for chaining
   */

  action(fn) {
    const listener = (args) => {
      // The .action callback takes an extra parameter which is the command or options.
      const expectedArgsCount = this.registeredArguments.length;
      const actionArgs = args.slice(0, expectedArgsCount);
      if (this._storeOptionsAsProperties) {
        actionArgs[expectedArgsCount] = this; // backwards compatible "options"
      } else {
        actionArgs[expectedArgsCount] = this.opts();
      }
      actionArgs.push(this);

      return fn.apply(this, actionArgs);
    };
    this._actionHandler = listener;
    return this;
  }

  /**
   * Factory routine to create a new unattached option.
   *
   * See .option() for creating an attached option, which uses this routine to
   * create the option. You can override createOption to return a custom option.
   *
   * @param {string} flags
   * @param {string} [description]
   * @return {Option} new option
   */

  createOption(flags, description) {
    return new Option(flags, description);
  }

  /**
   * Wrap parseArgs to catch 'commander.invalidArgument'.
   *
   * @param {(Option | Argument)} target
   * @param {string} value
   * @param {*} previous
   * @param {string} invalidArgumentMessage
   * @private
   */

  _callParseArg(target, value, previous, invalidArgumentMessage) {
    try {
      return target.parseArg(value, previous);
    } catch (err) {
      if (err.code === 'commander.invalidArgument') {
        const message = `${invalidArgumentMessage} ${err.message}`;
        this.error(message, { exitCode: err.exitCode, code: err.code });
      }
      throw err;
    }
  }

  /**
   * Check for option flag conflicts.
   * Register option if no conflicts found, or throw on conflict.
   *
   * @param {Option} option
   * @private
   */

  _registerOption(option) {
    const matchingOption =
      (option.short && this._findOption(option.short)) ||
      (option.long && this._findOption(option.long));
    if (matchingOption) {
      const matchingFlag =
        option.long && this._findOption(option.long)
          ? option.long
          : option.short;
      throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
    }

    this._initOptionGroup(option);
    this.options.push(option);
  }

  /**
   * Check for command name and alias conflicts with existing commands.
   * Register command if no conflicts found, or throw on conflict.
   *
   * @param {Command} command
   * @private
   */

  _registerCommand(command) {
    const knownBy = (cmd) => {
      return [cmd.name()].concat(cmd.aliases());
    };

    const alreadyUsed = knownBy(command).find((name) =>
      this._findCommand(name),
    );
    if (alreadyUsed) {
      const existingCmd = knownBy(this._findCommand(alreadyUsed)).join('|');
      const newCmd = knownBy(command).join('|');
      throw new Error(
        `cannot add command '${newCmd}' as already have command '${existingCmd}'`,
      );
    }

    this._initCommandGroup(command);
    this.commands.push(command);
  }

  /**
   * Add an option.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addOption(option) {
    this._registerOption(option);

    const oname = option.name();
    const name = option.attributeName();

    // store default value
    if (option.negate) {
      // --no-foo is special and defaults foo to true, unless a --foo option is already defined
      const positiveLongFlag = option.long.replace(/^--no-/, '--');
      if (!this._findOption(positiveLongFlag)) {
        this.setOptionValueWithSource(
          name,
          option.defaultValue === undefined ? true : option.defaultValue,
          'default',
        );
      }
    } else if (option.defaultValue !== undefined) {
      this.setOptionValueWithSource(name, option.defaultValue, 'default');
    }

    // handler for cli and env supplied values
    const handleOptionValue = (val, invalidValueMessage, valueSource) => {
      // val is null for optional option used without an optional-argument.
      // val is undefined for boolean and negated option.
      if (val == null && option.presetArg !== undefined) {
        val = option.presetArg;
      }

      // custom processing
      const oldValue = this.getOptionValue(name);
      if (val !== null && option.parseArg) {
        val = this._callParseArg(option, val, oldValue, invalidValueMessage);
      } else if (val !== null && option.variadic) {
        val = option._collectValue(val, oldValue);
      }

      // Fill-in appropriate missing values. Long winded but easy to follow.
      if (val == null) {
        if (option.negate) {
          val = false;
        } else if (option.isBoolean() || option.optional) {
          val = true;
        } else {
          val = ''; // not normal, parseArg might have failed or be a mock function for testing
        }
      }
      this.setOptionValueWithSource(name, val, valueSource);
    };

    this.on('option:' + oname, (val) => {
      const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
      handleOptionValue(val, invalidValueMessage, 'cli');
    });

    if (option.envVar) {
      this.on('optionEnv:' + oname, (val) => {
        const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
        handleOptionValue(val, invalidValueMessage, 'env');
      });
    }

    return this;
  }

  /**
   * Internal implementation shared by .option() and .requiredOption()
   *
   * @return {Command} `this` command for chaining
   * @private
   */
  _optionEx(config, flags, description, fn, defaultValue) {
    if (typeof flags === 'object' && flags instanceof Option) {
      throw new Error(
        'To add an Option object use addOption() instead of option() or requiredOption()',
      );
    }
    const option = this.createOption(flags, description);
    option.makeOptionMandatory(!!config.mandatory);
    if (typeof fn === 'function') {
      option.default(defaultValue).argParser(fn);
    } else if (fn instanceof RegExp) {
      // deprecated
      const regex = fn;
      fn = (val, def) => {
        const m = regex.exec(val);
        return m ? m[0] : def;
      };
      option.default(defaultValue).argParser(fn);
    } else {
      option.default(fn);
    }

    return this.addOption(option);
  }

  /**
   * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
   * option-argument is indicated by `<>` and an optional option-argument by `[]`.
   *
   * See the README for more details, and see also addOption() and requiredOption().
   *
   * @example
   * program
   *     .option('-p, --pepper', 'add pepper')
   *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
   *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
   *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  option(flags, description, parseArg, defaultValue) {
    return this._optionEx({}, flags, description, parseArg, defaultValue);
  }

  /**
   * Add a required option which must have a value after parsing. This usually means
   * the option must be specified on the command line. (Otherwise the same as .option().)
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  requiredOption(flags, description, parseArg, defaultValue) {
    return this._optionEx(
      { mandatory: true },
      flags,
      description,
      parseArg,
      defaultValue,
    );
  }

  /**
   * Alter parsing of short flags with optional values.
   *
   * @example
   * // for `.option('-f,--flag [value]'):
   * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
   * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
   *
   * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
   * @return {Command} `this` command for chaining
   */
  combineFlagAndOptionalValue(combine = true) {
    this._combineFlagAndOptionalValue = !!combine;
    return this;
  }

  /**
   * Allow unknown options on the command line.
   *
   * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
   * @return {Command} `this` command for chaining
   */
  allowUnknownOption(allowUnknown = true) {
    this._allowUnknownOption = !!allowUnknown;
    return this;
  }

  /**
   * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
   *
   * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
   * @return {Command} `this` command for chaining
   */
  allowExcessArguments(allowExcess = true) {
    this._allowExcessArguments = !!allowExcess;
    return this;
  }

  /**
   * Enable positional options. Positional means global options are specified before subcommands which lets
   * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
   * The default behaviour is non-positional and global options may appear anywhere on the command line.
   *
   * @param {boolean} [positional]
   * @return {Command} `this` command for chaining
   */
  enablePositionalOptions(positional = true) {
    this._enablePositionalOptions = !!positional;
    return this;
  }

  /**
   * Pass through options that come after command-arguments rather than treat them as command-options,
   * so actual command-options come before command-arguments. Turning this on for a subcommand requires
   * positional options to have been enabled on the program (parent commands).
   * The default behaviour is non-positional and options may appear before or after command-arguments.
   *
   * @param {boolean} [passThrough] for unknown options.
   * @return {Command} `this` command for chaining
   */
  passThroughOptions(passThrough = true) {
    this._passThroughOptions = !!passThrough;
    this._checkForBrokenPassThrough();
    return this;
  }

  /**
   * @private
   */

  _checkForBrokenPassThrough() {
    if (
      this.parent &&
      this._passThroughOptions &&
      !this.parent._enablePositionalOptions
    ) {
      throw new Error(
        `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`,
      );
    }
  }

  /**
   * Whether to store option values as properties on command object,
   * or store separately (specify false). In both cases the option values can be accessed using .opts().
   *
   * @param {boolean} [storeAsProperties=true]
   * @return {Command} `this` command for chaining
   */

  storeOptionsAsProperties(storeAsProperties = true) {
    if (this.options.length) {
      throw new Error('call .storeOptionsAsProperties() before adding options');
    }
    if (Object.keys(this._optionValues).length) {
      throw new Error(
        'call .storeOptionsAsProperties() before setting option values',
      );
    }
    this._storeOptionsAsProperties = !!storeAsProperties;
    return this;
  }

  /**
   * Retrieve option value.
   *
   * @param {string} key
   * @return {object} value
   */

  getOptionValue(key) {
    if (this._storeOptionsAsProperties) {
      return this[key];
    }
    return this._optionValues[key];
  }

  /**
   * Store option value.
   *
   * @param {string} key
   * @param {object} value
   * @return {Command} `this` command for chaining
   */

  setOptionValue(key, value) {
    return this.setOptionValueWithSource(key, value, undefined);
  }

  /**
   * Store option value and where the value came from.
   *
   * @param {string} key
   * @param {object} value
   * @param {string} source - expected values are default/config/env/cli/implied
   * @return {Command} `this` command for chaining
   */

  setOptionValueWithSource(key, value, source) {
    if (this._storeOptionsAsProperties) {
      this[key] = value;
    } else {
      this._optionValues[key] = value;
    }
    this._optionValueSources[key] = source;
    return this;
  }

  /**
   * Get source of option value.
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSource(key) {
    return this._optionValueSources[key];
  }

  /**
   * Get source of option value. See also .optsWithGlobals().
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSourceWithGlobals(key) {
    // global overwrites local, like optsWithGlobals
    let source;
    this._getCommandAndAncestors().forEach((cmd) => {
      if (cmd.getOptionValueSource(key) !== undefined) {
        source = cmd.getOptionValueSource(key);
      }
    });
    return source;
  }

  /**
   * Get user arguments from implied or explicit arguments.
   * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
   *
   * @private
   */

  _prepareUserArgs(argv, parseOptions) {
    if (argv !== undefined && !Array.isArray(argv)) {
      throw new Error('first parameter to parse must be array or undefined');
    }
    parseOptions = parseOptions || {};

    // auto-detect argument conventions if nothing supplied
    if (argv === undefined && parseOptions.from === undefined) {
      if (process.versions?.electron) {
        parseOptions.from = 'electron';
      }
      // check node specific options for scenarios where user CLI args follow executable without scriptname
      const execArgv = process.execArgv ?? [];
      if (
        execArgv.includes('-e') ||
        execArgv.includes('--eval') ||
        execArgv.includes('-p') ||
        execArgv.includes('--print')
      ) {
        parseOptions.from = 'eval'; // internal usage, not documented
      }
    }

    // default to using process.argv
    if (argv === undefined) {
      argv = process.argv;
    }
    this.rawArgs = argv.slice();

    // extract the user args and scriptPath
    let userArgs;
    switch (parseOptions.from) {
      case undefined:
      case 'node':
        this._scriptPath = argv[1];
        userArgs = argv.slice(2);
        break;
      case 'electron':
        // @ts-ignore: because defaultApp is an unknown property
        if (process.defaultApp) {
          this._scriptPath = argv[1];
          userArgs = argv.slice(2);
        } else {
          userArgs = argv.slice(1);
        }
        break;
      case 'user':
        userArgs = argv.slice(0);
        break;
      case 'eval':
        userArgs = argv.slice(1);
        break;
      default:
        throw new Error(
          `unexpected parse option { from: '${parseOptions.from}' }`,
        );
    }

    // Find default name for program from arguments.
    if (!this._name && this._scriptPath)
      this.nameFromFilename(this._scriptPath);
    this._name = this._name || 'program';

    return userArgs;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Use parseAsync instead of parse if any of your action handlers are async.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * program.parse(); // parse process.argv and auto-detect electron and special node flags
   * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
   * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv] - optional, defaults to process.argv
   * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
   * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
   * @return {Command} `this` command for chaining
   */

  parse(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    this._parseCommand([], userArgs);

    return this;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
   * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
   * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv]
   * @param {object} [parseOptions]
   * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
   * @return {Promise}
   */

  async parseAsync(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    await this._parseCommand([], userArgs);

    return this;
  }

  _prepareForParse() {
    if (this._savedState === null) {
      this.saveStateBeforeParse();
    } else {
      this.restoreStateBeforeParse();
    }
  }

  /**
   * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state saved.
   */
  saveStateBeforeParse() {
    this._savedState = {
      // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
      _name: this._name,
      // option values before parse have default values (including false for negated options)
      // shallow clones
      _optionValues: { ...this._optionValues },
      _optionValueSources: { ...this._optionValueSources },
    };
  }

  /**
   * Restore state before parse for calls after the first.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state restored.
   */
  restoreStateBeforeParse() {
    if (this._storeOptionsAsProperties)
      throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);

    // clear state from _prepareUserArgs
    this._name = this._savedState._name;
    this._scriptPath = null;
    this.rawArgs = [];
    // clear state from setOptionValueWithSource
    this._optionValues = { ...this._savedState._optionValues };
    this._optionValueSources = { ...this._savedState._optionValueSources };
    // clear state from _parseCommand
    this.args = [];
    // clear state from _processArguments
    this.processedArgs = [];
  }

  /**
   * Throw if expected executable is missing. Add lots of help for author.
   *
   * @param {string} executableFile
   * @param {string} executableDir
   * @param {string} subcommandName
   */
  _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
    if (fs.existsSync(executableFile)) return;

    const executableDirMessage = executableDir
      ? `searched for local subcommand relative to directory '${executableDir}'`
      : 'no directory for search for local subcommand, use .executableDir() to supply a custom directory';
    const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
    throw new Error(executableMissing);
  }

  /**
   * Execute a sub-command executable.
   *
   * @private
   */

  _executeSubCommand(subcommand, args) {
    args = args.slice();
    let launchWithNode = false; // Use node for source targets so do not need to get permissions correct, and on Windows.
    const sourceExt = ['.js', '.ts', '.tsx', '.mjs', '.cjs'];

    function findFile(baseDir, baseName) {
      // Look for specified file
      const localBin = path.resolve(baseDir, baseName);
      if (fs.existsSync(localBin)) return localBin;

      // Stop looking if candidate already has an expected extension.
      if (sourceExt.includes(path.extname(baseName))) return undefined;

      // Try all the extensions.
      const foundExt = sourceExt.find((ext) =>
        fs.existsSync(`${localBin}${ext}`),
      );
      if (foundExt) return `${localBin}${foundExt}`;

      return undefined;
    }

    // Not checking for help first. Unlikely to have mandatory and executable, and can't robustly test for help flags in external command.
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // executableFile and executableDir might be full path, or just a name
    let executableFile =
      subcommand._executableFile || `${this._name}-${subcommand._name}`;
    let executableDir = this._executableDir || '';
    if (this._scriptPath) {
      let resolvedScriptPath; // resolve possible symlink for installed npm binary
      try {
        resolvedScriptPath = fs.realpathSync(this._scriptPath);
      } catch {
        resolvedScriptPath = this._scriptPath;
      }
      executableDir = path.resolve(
        path.dirname(resolvedScriptPath),
        executableDir,
      );
    }

    // Look for a local file in preference to a command in PATH.
    if (executableDir) {
      let localFile = findFile(executableDir, executableFile);

      // Legacy search using prefix of script name instead of command name
      if (!localFile && !subcommand._executableFile && this._scriptPath) {
        const legacyName = path.basename(
          this._scriptPath,
          path.extname(this._scriptPath),
        );
        if (legacyName !== this._name) {
          localFile = findFile(
            executableDir,
            `${legacyName}-${subcommand._name}`,
          );
        }
      }
      executableFile = localFile || executableFile;
    }

    launchWithNode = sourceExt.includes(path.extname(executableFile));

    let proc;
    if (process.platform !== 'win32') {
      if (launchWithNode) {
        args.unshift(executableFile);
        // add executable arguments to spawn
        args = incrementNodeInspectorPort(process.execArgv).concat(args);

        proc = childProcess.spawn(process.argv[0], args, { stdio: 'inherit' });
      } else {
        proc = childProcess.spawn(executableFile, args, { stdio: 'inherit' });
      }
    } else {
      this._checkForMissingExecutable(
        executableFile,
        executableDir,
        subcommand._name,
      );
      args.unshift(executableFile);
      // add executable arguments to spawn
      args = incrementNodeInspectorPort(process.execArgv).concat(args);
      proc = childProcess.spawn(process.execPath, args, { stdio: 'inherit' });
    }

    if (!proc.killed) {
      // testing mainly to avoid leak warnings during unit tests with mocked spawn
      const signals = ['SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGINT', 'SIGHUP'];
      signals.forEach((signal) => {
        process.on(signal, () => {
          if (proc.killed === false && proc.exitCode === null) {
            // @ts-ignore because signals not typed to known strings
            proc.kill(signal);
          }
        });
      });
    }

    // By default terminate process when spawned process terminates.
    const exitCallback = this._exitCallback;
    proc.on('close', (code) => {
      code = code ?? 1; // code is null if spawned process terminated due to a signal
      if (!exitCallback) {
        process.exit(code);
      } else {
        exitCallback(
          new CommanderError(
            code,
            'commander.executeSubCommandAsync',
            '(close)',
          ),
        );
      }
    });
    proc.on('error', (err) => {
      // @ts-ignore: because err.code is an unknown property
      if (err.code === 'ENOENT') {
        this._checkForMissingExecutable(
          executableFile,
          executableDir,
          subcommand._name,
        );
        // @ts-ignore: because err.code is an unknown property
      } else if (err.code === 'EACCES') {
        throw new Error(`'${executableFile}' not executable`);
      }
      if (!exitCallback) {
        process.exit(1);
      } else {
        const wrappedError = new CommanderError(
          1,
          'commander.executeSubCommandAsync',
          '(error)',
        );
        wrappedError.nestedError = err;
        exitCallback(wrappedError);
      }
    });

    // Store the reference to the child process
    this.runningCommand = proc;
  }

  /**
   * @private
   */

  _dispatchSubcommand(commandName, operands, unknown) {
    const subCommand = this._findCommand(commandName);
    if (!subCommand) this.help({ error: true });

    subCommand._prepareForParse();
    let promiseChain;
    promiseChain = this._chainOrCallSubCommandHook(
      promiseChain,
      subCommand,
      'preSubcommand',
    );
    promiseChain = this._chainOrCall(promiseChain, () => {
      if (subCommand._executableHandler) {
        this._executeSubCommand(subCommand, operands.concat(unknown));
      } else {
        return subCommand._parseCommand(operands, unknown);
      }
    });
    return promiseChain;
  }

  /**
   * Invoke help directly if possible, or dispatch if necessary.
   * e.g. help foo
   *
   * @private
   */

  _dispatchHelpCommand(subcommandName) {
    if (!subcommandName) {
      this.help();
    }
    const subCommand = this._findCommand(subcommandName);
    if (subCommand && !subCommand._executableHandler) {
      subCommand.help();
    }

    // Fallback to parsing the help flag to invoke the help.
    return this._dispatchSubcommand(
      subcommandName,
      [],
      [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? '--help'],
    );
  }

  /**
   * Check this.args against expected this.registeredArguments.
   *
   * @private
   */

  _checkNumberOfArguments() {
    // too few
    this.registeredArguments.forEach((arg, i) => {
      if (arg.required && this.args[i] == null) {
        this.missingArgument(arg.name());
      }
    });
    // too many
    if (
      this.registeredArguments.length > 0 &&
      this.registeredArguments[this.registeredArguments.length - 1].variadic
    ) {
      return;
    }
    if (this.args.length > this.registeredArguments.length) {
      this._excessArguments(this.args);
    }
  }

  /**
   * Process this.args using this.registeredArguments and save as this.processedArgs!
   *
   * @private
   */

  _processArguments() {
    const myParseArg = (argument, value, previous) => {
      // Extra processing for nice error message on parsing failure.
      let parsedValue = value;
      if (value !== null && argument.parseArg) {
        const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
        parsedValue = this._callParseArg(
          argument,
          value,
          previous,
          invalidValueMessage,
        );
      }
      return parsedValue;
    };

    this._checkNumberOfArguments();

    const processedArgs = [];
    this.registeredArguments.forEach((declaredArg, index) => {
      let value = declaredArg.defaultValue;
      if (declaredArg.variadic) {
        // Collect together remaining arguments for passing together as an array.
        if (index < this.args.length) {
          value = this.args.slice(index);
          if (declaredArg.parseArg) {
            value = value.reduce((processed, v) => {
              return myParseArg(declaredArg, v, processed);
            }, declaredArg.defaultValue);
          }
        } else if (value === undefined) {
          value = [];
        }
      } else if (index < this.args.length) {
        value = this.args[index];
        if (declaredArg.parseArg) {
          value = myParseArg(declaredArg, value, declaredArg.defaultValue);
        }
      }
      processedArgs[index] = value;
    });
    this.processedArgs = processedArgs;
  }

  /**
   * Once we have a promise we chain, but call synchronously until then.
   *
   * @param {(Promise|undefined)} promise
   * @param {Function} fn
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCall(promise, fn) {
    // thenable
    if (promise?.then && typeof promise.then === 'function') {
      // already have a promise, chain callback
      return promise.then(() => fn());
    }
    // callback might return a promise
    return fn();
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallHooks(promise, event) {
    let result = promise;
    const hooks = [];
    this._getCommandAndAncestors()
      .reverse()
      .filter((cmd) => cmd._lifeCycleHooks[event] !== undefined)
      .forEach((hookedCommand) => {
        hookedCommand._lifeCycleHooks[event].forEach((callback) => {
          hooks.push({ hookedCommand, callback });
        });
      });
    if (event === 'postAction') {
      hooks.reverse();
    }

    hooks.forEach((hookDetail) => {
      result = this._chainOrCall(result, () => {
        return hookDetail.callback(hookDetail.hookedCommand, this);
      });
    });
    return result;
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {Command} subCommand
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallSubCommandHook(promise, subCommand, event) {
    let result = promise;
    if (this._lifeCycleHooks[event] !== undefined) {
      this._lifeCycleHooks[event].forEach((hook) => {
        result = this._chainOrCall(result, () => {
          return hook(this, subCommand);
        });
      });
    }
    return result;
  }

  /**
   * Process arguments in context of this command.
   * Returns action result, in case it is a promise.
   *
   * @private
   */

  _parseCommand(operands, unknown) {
    const parsed = this.parseOptions(unknown);
    this._parseOptionsEnv(); // after cli, so parseArg not called on both cli and env
    this._parseOptionsImplied();
    operands = operands.concat(parsed.operands);
    unknown = parsed.unknown;
    this.args = operands.concat(unknown);

    if (operands && this._findCommand(operands[0])) {
      return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
    }
    if (
      this._getHelpCommand() &&
      operands[0] === this._getHelpCommand().name()
    ) {
      return this._dispatchHelpCommand(operands[1]);
    }
    if (this._defaultCommandName) {
      this._outputHelpIfRequested(unknown); // Run the help for default command from parent rather than passing to default command
      return this._dispatchSubcommand(
        this._defaultCommandName,
        operands,
        unknown,
      );
    }
    if (
      this.commands.length &&
      this.args.length === 0 &&
      !this._actionHandler &&
      !this._defaultCommandName
    ) {
      // probably missing subcommand and no handler, user needs help (and exit)
      this.help({ error: true });
    }

    this._outputHelpIfRequested(parsed.unknown);
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // We do not always call this check to avoid masking a "better" error, like unknown command.
    const checkForUnknownOptions = () => {
      if (parsed.unknown.length > 0) {
        this.unknownOption(parsed.unknown[0]);
      }
    };

    const commandEvent = `command:${this.name()}`;
    if (this._actionHandler) {
      checkForUnknownOptions();
      this._processArguments();

      let promiseChain;
      promiseChain = this._chainOrCallHooks(promiseChain, 'preAction');
      promiseChain = this._chainOrCall(promiseChain, () =>
        this._actionHandler(this.processedArgs),
      );
      if (this.parent) {
        promiseChain = this._chainOrCall(promiseChain, () => {
          this.parent.emit(commandEvent, operands, unknown); // legacy
        });
      }
      promiseChain = this._chainOrCallHooks(promiseChain, 'postAction');
      return promiseChain;
    }
    if (this.parent?.listenerCount(commandEvent)) {
      checkForUnknownOptions();
      this._processArguments();
      this.parent.emit(commandEvent, operands, unknown); // legacy
    } else if (operands.length) {
      if (this._findCommand('*')) {
        // legacy default command
        return this._dispatchSubcommand('*', operands, unknown);
      }
      if (this.listenerCount('command:*')) {
        // skip option check, emit event for possible misspelling suggestion
        this.emit('command:*', operands, unknown);
      } else if (this.commands.length) {
        this.unknownCommand();
      } else {
        checkForUnknownOptions();
        this._processArguments();
      }
    } else if (this.commands.length) {
      checkForUnknownOptions();
      // This command has subcommands and nothing hooked up at this level, so display help (and exit).
      this.help({ error: true });
    } else {
      checkForUnknownOptions();
      this._processArguments();
      // fall through for caller to handle after calling .parse()
    }
  }

  /**
   * Find matching command.
   *
   * @private
   * @return {Command | undefined}
   */
  _findCommand(name) {
    if (!name) return undefined;
    return this.commands.find(
      (cmd) => cmd._name === name || cmd._aliases.includes(name),
    );
  }

  /**
   * Return an option matching `arg` if any.
   *
   * @param {string} arg
   * @return {Option}
   * @package
   */

  _findOption(arg) {
    return this.options.find((option) => option.is(arg));
  }

  /**
   * Display an error message if a mandatory option does not have a value.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */

  _checkForMissingMandatoryOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd.options.forEach((anOption) => {
        if (
          anOption.mandatory &&
          cmd.getOptionValue(anOption.attributeName()) === undefined
        ) {
          cmd.missingMandatoryOptionValue(anOption);
        }
      });
    });
  }

  /**
   * Display an error message if conflicting options are used together in this.
   *
   * @private
   */
  _checkForConflictingLocalOptions() {
    const definedNonDefaultOptions = this.options.filter((option) => {
      const optionKey = option.attributeName();
      if (this.getOptionValue(optionKey) === undefined) {
        return false;
      }
      return this.getOptionValueSource(optionKey) !== 'default';
    });

    const optionsWithConflicting = definedNonDefaultOptions.filter(
      (option) => option.conflictsWith.length > 0,
    );

    optionsWithConflicting.forEach((option) => {
      const conflictingAndDefined = definedNonDefaultOptions.find((defined) =>
        option.conflictsWith.includes(defined.attributeName()),
      );
      if (conflictingAndDefined) {
        this._conflictingOption(option, conflictingAndDefined);
      }
    });
  }

  /**
   * Display an error message if conflicting options are used together.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */
  _checkForConflictingOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd._checkForConflictingLocalOptions();
    });
  }

  /**
   * Parse options from `argv` removing known options,
   * and return argv split into operands and unknown arguments.
   *
   * Side effects: modifies command by storing options. Does not reset state if called again.
   *
   * Examples:
   *
   *     argv => operands, unknown
   *     --known kkk op => [op], []
   *     op --known kkk => [op], []
   *     sub --unknown uuu op => [sub], [--unknown uuu op]
   *     sub -- --unknown uuu op => [sub --unknown uuu op], []
   *
   * @param {string[]} args
   * @return {{operands: string[], unknown: string[]}}
   */

  parseOptions(args) {
    const operands = []; // operands, not options or values
    const unknown = []; // first unknown option and remaining unknown args
    let dest = operands;

    function maybeOption(arg) {
      return arg.length > 1 && arg[0] === '-';
    }

    const negativeNumberArg = (arg) => {
      // return false if not a negative number
      if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
      // negative number is ok unless digit used as an option in command hierarchy
      return !this._getCommandAndAncestors().some((cmd) =>
        cmd.options
          .map((opt) => opt.short)
          .some((short) => /^-\d$/.test(short)),
      );
    };

    // parse options
    let activeVariadicOption = null;
    let activeGroup = null; // working through group of short options, like -abc
    let i = 0;
    while (i < args.length || activeGroup) {
      const arg = activeGroup ?? args[i++];
      activeGroup = null;

      // literal
      if (arg === '--') {
        if (dest === unknown) dest.push(arg);
        dest.push(...args.slice(i));
        break;
      }

      if (
        activeVariadicOption &&
        (!maybeOption(arg) || negativeNumberArg(arg))
      ) {
        this.emit(`option:${activeVariadicOption.name()}`, arg);
        continue;
      }
      activeVariadicOption = null;

      if (maybeOption(arg)) {
        const option = this._findOption(arg);
        // recognised option, call listener to assign value with possible custom processing
        if (option) {
          if (option.required) {
            const value = args[i++];
            if (value === undefined) this.optionMissingArgument(option);
            this.emit(`option:${option.name()}`, value);
          } else if (option.optional) {
            let value = null;
            // historical behaviour is optional value is following arg unless an option
            if (
              i < args.length &&
              (!maybeOption(args[i]) || negativeNumberArg(args[i]))
            ) {
              value = args[i++];
            }
            this.emit(`option:${option.name()}`, value);
          } else {
            // boolean flag
            this.emit(`option:${option.name()}`);
          }
          activeVariadicOption = option.variadic ? option : null;
          continue;
        }
      }

      // Look for combo options following single dash, eat first one if known.
      if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
        const option = this._findOption(`-${arg[1]}`);
        if (option) {
          if (
            option.required ||
            (option.optional && this._combineFlagAndOptionalValue)
          ) {
            // option with value following in same argument
            this.emit(`option:${option.name()}`, arg.slice(2));
          } else {
            // boolean option
            this.emit(`option:${option.name()}`);
            // remove the processed option and keep processing group
            activeGroup = `-${arg.slice(2)}`;
          }
          continue;
        }
      }

      // Look for known long flag with value, like --foo=bar
      if (/^--[^=]+=/.test(arg)) {
        const index = arg.indexOf('=');
        const option = this._findOption(arg.slice(0, index));
        if (option && (option.required || option.optional)) {
          this.emit(`option:${option.name()}`, arg.slice(index + 1));
          continue;
        }
      }

      // Not a recognised option by this command.
      // Might be a command-argument, or subcommand option, or unknown option, or help command or option.

      // An unknown option means further arguments also classified as unknown so can be reprocessed by subcommands.
      // A negative number in a leaf command is not an unknown option.
      if (
        dest === operands &&
        maybeOption(arg) &&
        !(this.commands.length === 0 && negativeNumberArg(arg))
      ) {
        dest = unknown;
      }

      // If using positionalOptions, stop processing our options at subcommand.
      if (
        (this._enablePositionalOptions || this._passThroughOptions) &&
        operands.length === 0 &&
        unknown.length === 0
      ) {
        if (this._findCommand(arg)) {
          operands.push(arg);
          unknown.push(...args.slice(i));
          break;
        } else if (
          this._getHelpCommand() &&
          arg === this._getHelpCommand().name()
        ) {
          operands.push(arg, ...args.slice(i));
          break;
        } else if (this._defaultCommandName) {
          unknown.push(arg, ...args.slice(i));
          break;
        }
      }

      // If using passThroughOptions, stop processing options at first command-argument.
      if (this._passThroughOptions) {
        dest.push(arg, ...args.slice(i));
        break;
      }

      // add arg
      dest.push(arg);
    }

    return { operands, unknown };
  }

  /**
   * Return an object containing local option values as key-value pairs.
   *
   * @return {object}
   */
  opts() {
    if (this._storeOptionsAsProperties) {
      // Preserve original behaviour so backwards compatible when still using properties
      const result = {};
      const len = this.options.length;

      for (let i = 0; i < len; i++) {
        const key = this.options[i].attributeName();
        result[key] =
          key === this._versionOptionName ? this._version : this[key];
      }
      return result;
    }

    return this._optionValues;
  }

  /**
   * Return an object containing merged local and global option values as key-value pairs.
   *
   * @return {object}
   */
  optsWithGlobals() {
    // globals overwrite locals
    return this._getCommandAndAncestors().reduce(
      (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
      {},
    );
  }

  /**
   * Display error message and exit (or call exitOverride).
   *
   * @param {string} message
   * @param {object} [errorOptions]
   * @param {string} [errorOptions.code] - an id string representing the error
   * @param {number} [errorOptions.exitCode] - used with process.exit
   */
  error(message, errorOptions) {
    // output handling
    this._outputConfiguration.outputError(
      `${message}\n`,
      this._outputConfiguration.writeErr,
    );
    if (typeof this._showHelpAfterError === 'string') {
      this._outputConfiguration.writeErr(`${this._showHelpAfterError}\n`);
    } else if (this._showHelpAfterError) {
      this._outputConfiguration.writeErr('\n');
      this.outputHelp({ error: true });
    }

    // exit handling
    const config = errorOptions || {};
    const exitCode = config.exitCode || 1;
    const code = config.code || 'commander.error';
    this._exit(exitCode, code, message);
  }

  /**
   * Apply any option related environment variables, if option does
   * not have a value from cli or client code.
   *
   * @private
   */
  _parseOptionsEnv() {
    this.options.forEach((option) => {
      if (option.envVar && option.envVar in process.env) {
        const optionKey = option.attributeName();
        // Priority check. Do not overwrite cli or options from unknown source (client-code).
        if (
          this.getOptionValue(optionKey) === undefined ||
          ['default', 'config', 'env'].includes(
            this.getOptionValueSource(optionKey),
          )
        ) {
          if (option.required || option.optional) {
            // option can take a value
            // keep very simple, optional always takes value
            this.emit(`optionEnv:${option.name()}`, process.env[option.envVar]);
          } else {
            // boolean
            // keep very simple, only care that envVar defined and not the value
            this.emit(`optionEnv:${option.name()}`);
          }
        }
      }
    });
  }

  /**
   * Apply any implied option values, if option is undefined or default value.
   *
   * @private
   */
  _parseOptionsImplied() {
    const dualHelper = new DualOptions(this.options);
    const hasCustomOptionValue = (optionKey) => {
      return (
        this.getOptionValue(optionKey) !== undefined &&
        !['default', 'implied'].includes(this.getOptionValueSource(optionKey))
      );
    };
    this.options
      .filter(
        (option) =>
          option.implied !== undefined &&
          hasCustomOptionValue(option.attributeName()) &&
          dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option,
          ),
      )
      .forEach((option) => {
        Object.keys(option.implied)
          .filter((impliedKey) => !hasCustomOptionValue(impliedKey))
          .forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              'implied',
            );
          });
      });
  }

  /**
   * Argument `name` is missing.
   *
   * @param {string} name
   * @private
   */

  missingArgument(name) {
    const message = `error: missing required argument '${name}'`;
    this.error(message, { code: 'commander.missingArgument' });
  }

  /**
   * `Option` is missing an argument.
   *
   * @param {Option} option
   * @private
   */

  optionMissingArgument(option) {
    const message = `error: option '${option.flags}' argument missing`;
    this.error(message, { code: 'commander.optionMissingArgument' });
  }

  /**
   * `Option` does not have a value, and is a mandatory option.
   *
   * @param {Option} option
   * @private
   */

  missingMandatoryOptionValue(option) {
    const message = `error: required option '${option.flags}' not specified`;
    this.error(message, { code: 'commander.missingMandatoryOptionValue' });
  }

  /**
   * `Option` conflicts with another option.
   *
   * @param {Option} option
   * @param {Option} conflictingOption
   * @private
   */
  _conflictingOption(option, conflictingOption) {
    // The calling code does not know whether a negated option is the source of the
    // value, so do some work to take an educated guess.
    const findBestOptionFromValue = (option) => {
      const optionKey = option.attributeName();
      const optionValue = this.getOptionValue(optionKey);
      const negativeOption = this.options.find(
        (target) => target.negate && optionKey === target.attributeName(),
      );
      const positiveOption = this.options.find(
        (target) => !target.negate && optionKey === target.attributeName(),
      );
      if (
        negativeOption &&
        ((negativeOption.presetArg === undefined && optionValue === false) ||
          (negativeOption.presetArg !== undefined &&
            optionValue === negativeOption.presetArg))
      ) {
        return negativeOption;
      }
      return positiveOption || option;
    };

    const getErrorMessage = (option) => {
      const bestOption = findBestOptionFromValue(option);
      const optionKey = bestOption.attributeName();
      const source = this.getOptionValueSource(optionKey);
      if (source === 'env') {
        return `environment variable '${bestOption.envVar}'`;
      }
      return `option '${bestOption.flags}'`;
    };

    const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
    this.error(message, { code: 'commander.conflictingOption' });
  }

  /**
   * Unknown option `flag`.
   *
   * @param {string} flag
   * @private
   */

  unknownOption(flag) {
    if (this._allowUnknownOption) return;
    let suggestion = '';

    if (flag.startsWith('--') && this._showSuggestionAfterError) {
      // Looping to pick up the global options too
      let candidateFlags = [];
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      let command = this;
      do {
        const moreFlags = command
          .createHelp()
          .visibleOptions(command)
          .filter((option) => option.long)
          .map((option) => option.long);
        candidateFlags = candidateFlags.concat(moreFlags);
        command = command.parent;
      } while (command && !command._enablePositionalOptions);
      suggestion = suggestSimilar(flag, candidateFlags);
    }

    const message = `error: unknown option '${flag}'${suggestion}`;
    this.error(message, { code: 'commander.unknownOption' });
  }

  /**
   * Excess arguments, more than expected.
   *
   * @param {string[]} receivedArgs
   * @private
   */

  _excessArguments(receivedArgs) {
    if (this._allowExcessArguments) return;

    const expected = this.registeredArguments.length;
    const s = expected === 1 ? '' : 's';
    const forSubcommand = this.parent ? ` for '${this.name()}'` : '';
    const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
    this.error(message, { code: 'commander.excessArguments' });
  }

  /**
   * Unknown command.
   *
   * @private
   */

  unknownCommand() {
    const unknownName = this.args[0];
    let suggestion = '';

    if (this._showSuggestionAfterError) {
      const candidateNames = [];
      this.createHelp()
        .visibleCommands(this)
        .forEach((command) => {
          candidateNames.push(command.name());
          // just visible alias
          if (command.alias()) candidateNames.push(command.alias());
        });
      suggestion = suggestSimilar(unknownName, candidateNames);
    }

    const message = `error: unknown command '${unknownName}'${suggestion}`;
    this.error(message, { code: 'commander.unknownCommand' });
  }

  /**
   * Get or set the program version.
   *
   * This method auto-registers the "-V, --version" option which will print the version number.
   *
   * You can optionally supply the flags and description to override the defaults.
   *
   * @param {string} [str]
   * @param {string} [flags]
   * @param {string} [description]
   * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
   */

  version(str, flags, description) {
    if (str === undefined) return this._version;
    this._version = str;
    flags = flags || '-V, --version';
    description = description || 'output the version number';
    const versionOption = this.createOption(flags, description);
    this._versionOptionName = versionOption.attributeName();
    this._registerOption(versionOption);

    this.on('option:' + versionOption.name(), () => {
      this._outputConfiguration.writeOut(`${str}\n`);
      this._exit(0, 'commander.version', str);
    });
    return this;
  }

  /**
   * Set the description.
   *
   * @param {string} [str]
   * @param {object} [argsDescription]
   * @return {(string|Command)}
   */
  description(str, argsDescription) {
    if (str === undefined && argsDescription === undefined)
      return this._description;
    this._description = str;
    if (argsDescription) {
      this._argsDescription = argsDescription;
    }
    return this;
  }

  /**
   * Set the summary. Used when listed as subcommand of parent.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */
  summary(str) {
    if (str === undefined) return this._summary;
    this._summary = str;
    return this;
  }

  /**
   * Set an alias for the command.
   *
   * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
   *
   * @param {string} [alias]
   * @return {(string|Command)}
   */

  alias(alias) {
    if (alias === undefined) return this._aliases[0]; // just return first, for backwards compatibility

    /** @type {Command} */
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let command = this;
    if (
      this.commands.length !== 0 &&
      this.commands[this.commands.length - 1]._executableHandler
    ) {
      // assume adding alias for last added executable subcommand, rather than this
      command = this.commands[this.commands.length - 1];
    }

    if (alias === command._name)
      throw new Error("Command alias can't be the same as its name");
    const matchingCommand = this.parent?._findCommand(alias);
    if (matchingCommand) {
      // c.f. _registerCommand
      const existingCmd = [matchingCommand.name()]
        .concat(matchingCommand.aliases())
        .join('|');
      throw new Error(
        `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`,
      );
    }

    command._aliases.push(alias);
    return this;
  }

  /**
   * Set aliases for the command.
   *
   * Only the first alias is shown in the auto-generated help.
   *
   * @param {string[]} [aliases]
   * @return {(string[]|Command)}
   */

  aliases(aliases) {
    // Getter for the array of aliases is the main reason for having aliases() in addition to alias().
    if (aliases === undefined) return this._aliases;

    aliases.forEach((alias) => this.alias(alias));
    return this;
  }

  /**
   * Set / get the command usage `str`.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  usage(str) {
    if (str === undefined) {
      if (this._usage) return this._usage;

      const args = this.registeredArguments.map((arg) => {
        return humanReadableArgName(arg);
      });
      return []
        .concat(
          this.options.length || this._helpOption !== null ? '[options]' : [],
          this.commands.length ? '[command]' : [],
          this.registeredArguments.length ? args : [],
        )
        .join(' ');
    }

    this._usage = str;
    return this;
  }

  /**
   * Get or set the name of the command.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  name(str) {
    if (str === undefined) return this._name;
    this._name = str;
    return this;
  }

  /**
   * Set/get the help group heading for this subcommand in parent command's help.
   *
   * @param {string} [heading]
   * @return {Command | string}
   */

  helpGroup(heading) {
    if (heading === undefined) return this._helpGroupHeading ?? '';
    this._helpGroupHeading = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for subcommands added to this command.
   * (This does not override a group set directly on the subcommand using .helpGroup().)
   *
   * @example
   * program.commandsGroup('Development Commands:);
   * program.command('watch')...
   * program.command('lint')...
   * ...
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  commandsGroup(heading) {
    if (heading === undefined) return this._defaultCommandGroup ?? '';
    this._defaultCommandGroup = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for options added to this command.
   * (This does not override a group set directly on the option using .helpGroup().)
   *
   * @example
   * program
   *   .optionsGroup('Development Options:')
   *   .option('-d, --debug', 'output extra debugging')
   *   .option('-p, --profile', 'output profiling information')
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  optionsGroup(heading) {
    if (heading === undefined) return this._defaultOptionGroup ?? '';
    this._defaultOptionGroup = heading;
    return this;
  }

  /**
   * @param {Option} option
   * @private
   */
  _initOptionGroup(option) {
    if (this._defaultOptionGroup && !option.helpGroupHeading)
      option.helpGroup(this._defaultOptionGroup);
  }

  /**
   * @param {Command} cmd
   * @private
   */
  _initCommandGroup(cmd) {
    if (this._defaultCommandGroup && !cmd.helpGroup())
      cmd.helpGroup(this._defaultCommandGroup);
  }

  /**
   * Set the name of the command from script filename, such as process.argv[1],
   * or require.main.filename, or __filename.
   *
   * (Used internally and public although not documented in README.)
   *
   * @example
   * program.nameFromFilename(require.main.filename);
   *
   * @param {string} filename
   * @return {Command}
   */

  nameFromFilename(filename) {
    this._name = path.basename(filename, path.extname(filename));

    return this;
  }

  /**
   * Get or set the directory for searching for executable subcommands of this command.
   *
   * @example
   * program.executableDir(__dirname);
   * // or
   * program.executableDir('subcommands');
   *
   * @param {string} [path]
   * @return {(string|null|Command)}
   */

  executableDir(path) {
    if (path === undefined) return this._executableDir;
    this._executableDir = path;
    return this;
  }

  /**
   * Return program help documentation.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
   * @return {string}
   */

  helpInformation(contextOptions) {
    const helper = this.createHelp();
    const context = this._getOutputContext(contextOptions);
    helper.prepareContext({
      error: context.error,
      helpWidth: context.helpWidth,
      outputHasColors: context.hasColors,
    });
    const text = helper.formatHelp(this, helper);
    if (context.hasColors) return text;
    return this._outputConfiguration.stripColor(text);
  }

  /**
   * @typedef HelpContext
   * @type {object}
   * @property {boolean} error
   * @property {number} helpWidth
   * @property {boolean} hasColors
   * @property {function} write - includes stripColor if needed
   *
   * @returns {HelpContext}
   * @private
   */

  _getOutputContext(contextOptions) {
    contextOptions = contextOptions || {};
    const error = !!contextOptions.error;
    let baseWrite;
    let hasColors;
    let helpWidth;
    if (error) {
      baseWrite = (str) => this._outputConfiguration.writeErr(str);
      hasColors = this._outputConfiguration.getErrHasColors();
      helpWidth = this._outputConfiguration.getErrHelpWidth();
    } else {
      baseWrite = (str) => this._outputConfiguration.writeOut(str);
      hasColors = this._outputConfiguration.getOutHasColors();
      helpWidth = this._outputConfiguration.getOutHelpWidth();
    }
    const write = (str) => {
      if (!hasColors) str = this._outputConfiguration.stripColor(str);
      return baseWrite(str);
    };
    return { error, write, hasColors, helpWidth };
  }

  /**
   * Output help information for this command.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  outputHelp(contextOptions) {
    let deprecatedCallback;
    if (typeof contextOptions === 'function') {
      deprecatedCallback = contextOptions;
      contextOptions = undefined;
    }

    const outputContext = this._getOutputContext(contextOptions);
    /** @type {HelpTextEventContext} */
    const eventContext = {
      error: outputContext.error,
      write: outputContext.write,
      command: this,
    };

    this._getCommandAndAncestors()
      .reverse()
      .forEach((command) => command.emit('beforeAllHelp', eventContext));
    this.emit('beforeHelp', eventContext);

    let helpInformation = this.helpInformation({ error: outputContext.error });
    if (deprecatedCallback) {
      helpInformation = deprecatedCallback(helpInformation);
      if (
        typeof helpInformation !== 'string' &&
        !Buffer.isBuffer(helpInformation)
      ) {
        throw new Error('outputHelp callback must return a string or a Buffer');
      }
    }
    outputContext.write(helpInformation);

    if (this._getHelpOption()?.long) {
      this.emit(this._getHelpOption().long); // deprecated
    }
    this.emit('afterHelp', eventContext);
    this._getCommandAndAncestors().forEach((command) =>
      command.emit('afterAllHelp', eventContext),
    );
  }

  /**
   * You can pass in flags and a description to customise the built-in help option.
   * Pass in false to disable the built-in help option.
   *
   * @example
   * program.helpOption('-?, --help' 'show help'); // customise
   * program.helpOption(false); // disable
   *
   * @param {(string | boolean)} flags
   * @param {string} [description]
   * @return {Command} `this` command for chaining
   */

  helpOption(flags, description) {
    // Support enabling/disabling built-in help option.
    if (typeof flags === 'boolean') {
      if (flags) {
        if (this._helpOption === null) this._helpOption = undefined; // reenable
        if (this._defaultOptionGroup) {
          // make the option to store the group
          this._initOptionGroup(this._getHelpOption());
        }
      } else {
        this._helpOption = null; // disable
      }
      return this;
    }

    // Customise flags and description.
    this._helpOption = this.createOption(
      flags ?? '-h, --help',
      description ?? 'display help for command',
    );
    // init group unless lazy create
    if (flags || description) this._initOptionGroup(this._helpOption);

    return this;
  }

  /**
   * Lazy create help option.
   * Returns null if has been disabled with .helpOption(false).
   *
   * @returns {(Option | null)} the help option
   * @package
   */
  _getHelpOption() {
    // Lazy create help option on demand.
    if (this._helpOption === undefined) {
      this.helpOption(undefined, undefined);
    }
    return this._helpOption;
  }

  /**
   * Supply your own option to use for the built-in help option.
   * This is an alternative to using helpOption() to customise the flags and description etc.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addHelpOption(option) {
    this._helpOption = option;
    this._initOptionGroup(option);
    return this;
  }

  /**
   * Output help information and exit.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  help(contextOptions) {
    this.outputHelp(contextOptions);
    let exitCode = Number(process.exitCode ?? 0); // process.exitCode does allow a string or an integer, but we prefer just a number
    if (
      exitCode === 0 &&
      contextOptions &&
      typeof contextOptions !== 'function' &&
      contextOptions.error
    ) {
      exitCode = 1;
    }
    // message: do not have all displayed text available so only passing placeholder.
    this._exit(exitCode, 'commander.help', '(outputHelp)');
  }

  /**
   * // Do a little typing to coordinate emit and listener for the help text events.
   * @typedef HelpTextEventContext
   * @type {object}
   * @property {boolean} error
   * @property {Command} command
   * @property {function} write
   */

  /**
   * Add additional text to be displayed with the built-in help.
   *
   * Position is 'before' or 'after' to affect just this command,
   * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
   *
   * @param {string} position - before or after built-in help
   * @param {(string | Function)} text - string to add, or a function returning a string
   * @return {Command} `this` command for chaining
   */

  addHelpText(position, text) {
    const allowedValues = ['beforeAll', 'before', 'after', 'afterAll'];
    if (!allowedValues.includes(position)) {
      throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
    }

    const helpEvent = `${position}Help`;
    this.on(helpEvent, (/** @type {HelpTextEventContext} */ context) => {
      let helpStr;
      if (typeof text === 'function') {
        helpStr = text({ error: context.error, command: context.command });
      } else {
        helpStr = text;
      }
      // Ignore falsy value when nothing to output.
      if (helpStr) {
        context.write(`${helpStr}\n`);
      }
    });
    return this;
  }

  /**
   * Output help information if help flags specified
   *
   * @param {Array} args - array of options to search for help flags
   * @private
   */

  _outputHelpIfRequested(args) {
    const helpOption = this._getHelpOption();
    const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
    if (helpRequested) {
      this.outputHelp();
      // (Do not have all displayed text available so only passing placeholder.)
      this._exit(0, 'commander.helpDisplayed', '(outputHelp)');
    }
  }
}

/**
 * Scan arguments and increment port number for inspect calls (to avoid conflicts when spawning new command).
 *
 * @param {string[]} args - array of arguments from node.execArgv
 * @returns {string[]}
 * @private
 */

function incrementNodeInspectorPort(args) {
  // Testing for these options:
  //  --inspect[=[host:]port]
  //  --inspect-brk[=[host:]port]
  //  --inspect-port=[host:]port
  return args.map((arg) => {
    if (!arg.startsWith('--inspect')) {
      return arg;
    }
    let debugOption;
    let debugHost = '127.0.0.1';
    let debugPort = '9229';
    let match;
    if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
      // e.g. --inspect
      debugOption = match[1];
    } else if (
      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null
    ) {
      debugOption = match[1];
      if (/^\d+$/.test(match[3])) {
        // e.g. --inspect=1234
        debugPort = match[3];
      } else {
        // e.g. --inspect=localhost
        debugHost = match[3];
      }
    } else if (
      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null
    ) {
      // e.g. --inspect=localhost:1234
      debugOption = match[1];
      debugHost = match[3];
      debugPort = match[4];
    }

    if (debugOption && debugPort !== '0') {
      return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
    }
    return arg;
  });
}

/**
 * @returns {boolean | undefined}
 * @package
 */
function useColor() {
  // Test for common conventions.
  // NB: the observed behaviour is in combination with how author adds color! For example:
  //   - we do not test NODE_DISABLE_COLORS, but util:styletext does
  //   - we do test NO_COLOR, but Chalk does not
  //
  // References:
  // https://no-color.org
  // https://bixense.com/clicolors/
  // https://github.com/nodejs/node/blob/0a00217a5f67ef4a22384cfc80eb6dd9a917fdc1/lib/internal/tty.js#L109
  // https://github.com/chalk/supports-color/blob/c214314a14bcb174b12b3014b2b0a8de375029ae/index.js#L33
  // (https://force-color.org recent web page from 2023, does not match major javascript implementations)

  if (
    process.env.NO_COLOR ||
    process.env.FORCE_COLOR === '0' ||
    process.env.FORCE_COLOR === 'false'
  )
    return false;
  if (process.env.FORCE_COLOR || process.env.CLICOLOR_FORCE !== undefined)
    return true;
  return undefined;
}

exports.Command = Command;
exports.useColor = useColor; // exporting for tests


/***/ }),

/***/ 41135:
/***/ ((__unused_webpack_module, exports) => {

/**
 * CommanderError class
 */
class CommanderError extends Error {
  /**
   * Constructs the CommanderError class
   * @param {number} exitCode suggested exit code which could be used with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   */
  constructor(exitCode, code, message) {
    super(message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
    this.code = code;
    this.exitCode = exitCode;
    this.nestedError = undefined;
  }
}

/**
 * InvalidArgumentError class
 */
class InvalidArgumentError extends CommanderError {
  /**
   * Constructs the InvalidArgumentError class
   * @param {string} [message] explanation of why argument is invalid
   */
  constructor(message) {
    super(1, 'commander.invalidArgument', message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
  }
}

exports.CommanderError = CommanderError;
exports.InvalidArgumentError = InvalidArgumentError;


/***/ }),

/***/ 79754:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { humanReadableArgName } = __nccwpck_require__(49154);

/**
 * TypeScript import types for JSDoc, used by Visual Studio Code IntelliSense and `npm run typescript-checkJS`
 * https://www.typescriptlang.org/docs/handbook/jsdoc-supported-types.html#import-types
 * @typedef { import("./argument.js").Argument } Argument
 * @typedef { import("./command.js").Command } Command
 * @typedef { import("./option.js").Option } Option
 */

// Although this is a class, methods are static in style to allow override using subclass or just functions.
class Help {
  constructor() {
    this.helpWidth = undefined;
    this.minWidthToWrap = 40;
    this.sortSubcommands = false;
    this.sortOptions = false;
    this.showGlobalOptions = false;
  }

  /**
   * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
   * and just before calling `formatHelp()`.
   *
   * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
   *
   * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
   */
  prepareContext(contextOptions) {
    this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
  }

  /**
   * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
   *
   * @param {Command} cmd
   * @returns {Command[]}
   */

  visibleCommands(cmd) {
    const visibleCommands = cmd.commands.filter((cmd) => !cmd._hidden);
    const helpCommand = cmd._getHelpCommand();
    if (helpCommand && !helpCommand._hidden) {
      visibleCommands.push(helpCommand);
    }
    if (this.sortSubcommands) {
      visibleCommands.sort((a, b) => {
        // @ts-ignore: because overloaded return type
        return a.name().localeCompare(b.name());
      });
    }
    return visibleCommands;
  }

  /**
   * Compare options for sort.
   *
   * @param {Option} a
   * @param {Option} b
   * @returns {number}
   */
  compareOptions(a, b) {
    const getSortKey = (option) => {
      // WYSIWYG for order displayed in help. Short used for comparison if present. No special handling for negated.
      return option.short
        ? option.short.replace(/^-/, '')
        : option.long.replace(/^--/, '');
    };
    return getSortKey(a).localeCompare(getSortKey(b));
  }

  /**
   * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleOptions(cmd) {
    const visibleOptions = cmd.options.filter((option) => !option.hidden);
    // Built-in help option.
    const helpOption = cmd._getHelpOption();
    if (helpOption && !helpOption.hidden) {
      // Automatically hide conflicting flags. Bit dubious but a historical behaviour that is convenient for single-command programs.
      const removeShort = helpOption.short && cmd._findOption(helpOption.short);
      const removeLong = helpOption.long && cmd._findOption(helpOption.long);
      if (!removeShort && !removeLong) {
        visibleOptions.push(helpOption); // no changes needed
      } else if (helpOption.long && !removeLong) {
        visibleOptions.push(
          cmd.createOption(helpOption.long, helpOption.description),
        );
      } else if (helpOption.short && !removeShort) {
        visibleOptions.push(
          cmd.createOption(helpOption.short, helpOption.description),
        );
      }
    }
    if (this.sortOptions) {
      visibleOptions.sort(this.compareOptions);
    }
    return visibleOptions;
  }

  /**
   * Get an array of the visible global options. (Not including help.)
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleGlobalOptions(cmd) {
    if (!this.showGlobalOptions) return [];

    const globalOptions = [];
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      const visibleOptions = ancestorCmd.options.filter(
        (option) => !option.hidden,
      );
      globalOptions.push(...visibleOptions);
    }
    if (this.sortOptions) {
      globalOptions.sort(this.compareOptions);
    }
    return globalOptions;
  }

  /**
   * Get an array of the arguments if any have a description.
   *
   * @param {Command} cmd
   * @returns {Argument[]}
   */

  visibleArguments(cmd) {
    // Side effect! Apply the legacy descriptions before the arguments are displayed.
    if (cmd._argsDescription) {
      cmd.registeredArguments.forEach((argument) => {
        argument.description =
          argument.description || cmd._argsDescription[argument.name()] || '';
      });
    }

    // If there are any arguments with a description then return all the arguments.
    if (cmd.registeredArguments.find((argument) => argument.description)) {
      return cmd.registeredArguments;
    }
    return [];
  }

  /**
   * Get the command term to show in the list of subcommands.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandTerm(cmd) {
    // Legacy. Ignores custom usage string, and nested commands.
    const args = cmd.registeredArguments
      .map((arg) => humanReadableArgName(arg))
      .join(' ');
    return (
      cmd._name +
      (cmd._aliases[0] ? '|' + cmd._aliases[0] : '') +
      (cmd.options.length ? ' [options]' : '') + // simplistic check for non-help option
      (args ? ' ' + args : '')
    );
  }

  /**
   * Get the option term to show in the list of options.
   *
   * @param {Option} option
   * @returns {string}
   */

  optionTerm(option) {
    return option.flags;
  }

  /**
   * Get the argument term to show in the list of arguments.
   *
   * @param {Argument} argument
   * @returns {string}
   */

  argumentTerm(argument) {
    return argument.name();
  }

  /**
   * Get the longest command term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestSubcommandTermLength(cmd, helper) {
    return helper.visibleCommands(cmd).reduce((max, command) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleSubcommandTerm(helper.subcommandTerm(command)),
        ),
      );
    }, 0);
  }

  /**
   * Get the longest option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestOptionTermLength(cmd, helper) {
    return helper.visibleOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest global option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestGlobalOptionTermLength(cmd, helper) {
    return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest argument term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestArgumentTermLength(cmd, helper) {
    return helper.visibleArguments(cmd).reduce((max, argument) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleArgumentTerm(helper.argumentTerm(argument)),
        ),
      );
    }, 0);
  }

  /**
   * Get the command usage to be displayed at the top of the built-in help.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandUsage(cmd) {
    // Usage
    let cmdName = cmd._name;
    if (cmd._aliases[0]) {
      cmdName = cmdName + '|' + cmd._aliases[0];
    }
    let ancestorCmdNames = '';
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      ancestorCmdNames = ancestorCmd.name() + ' ' + ancestorCmdNames;
    }
    return ancestorCmdNames + cmdName + ' ' + cmd.usage();
  }

  /**
   * Get the description for the command.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.description();
  }

  /**
   * Get the subcommand summary to show in the list of subcommands.
   * (Fallback to description for backwards compatibility.)
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.summary() || cmd.description();
  }

  /**
   * Get the option description to show in the list of options.
   *
   * @param {Option} option
   * @return {string}
   */

  optionDescription(option) {
    const extraInfo = [];

    if (option.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (option.defaultValue !== undefined) {
      // default for boolean and negated more for programmer than end user,
      // but show true/false for boolean option as may be for hand-rolled env or config processing.
      const showDefault =
        option.required ||
        option.optional ||
        (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (showDefault) {
        extraInfo.push(
          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`,
        );
      }
    }
    // preset for boolean and negated are more for programmer than end user
    if (option.presetArg !== undefined && option.optional) {
      extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
    }
    if (option.envVar !== undefined) {
      extraInfo.push(`env: ${option.envVar}`);
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (option.description) {
        return `${option.description} ${extraDescription}`;
      }
      return extraDescription;
    }

    return option.description;
  }

  /**
   * Get the argument description to show in the list of arguments.
   *
   * @param {Argument} argument
   * @return {string}
   */

  argumentDescription(argument) {
    const extraInfo = [];
    if (argument.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (argument.defaultValue !== undefined) {
      extraInfo.push(
        `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`,
      );
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (argument.description) {
        return `${argument.description} ${extraDescription}`;
      }
      return extraDescription;
    }
    return argument.description;
  }

  /**
   * Format a list of items, given a heading and an array of formatted items.
   *
   * @param {string} heading
   * @param {string[]} items
   * @param {Help} helper
   * @returns string[]
   */
  formatItemList(heading, items, helper) {
    if (items.length === 0) return [];

    return [helper.styleTitle(heading), ...items, ''];
  }

  /**
   * Group items by their help group heading.
   *
   * @param {Command[] | Option[]} unsortedItems
   * @param {Command[] | Option[]} visibleItems
   * @param {Function} getGroup
   * @returns {Map<string, Command[] | Option[]>}
   */
  groupItems(unsortedItems, visibleItems, getGroup) {
    const result = new Map();
    // Add groups in order of appearance in unsortedItems.
    unsortedItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) result.set(group, []);
    });
    // Add items in order of appearance in visibleItems.
    visibleItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) {
        result.set(group, []);
      }
      result.get(group).push(item);
    });
    return result;
  }

  /**
   * Generate the built-in help text.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {string}
   */

  formatHelp(cmd, helper) {
    const termWidth = helper.padWidth(cmd, helper);
    const helpWidth = helper.helpWidth ?? 80; // in case prepareContext() was not called

    function callFormatItem(term, description) {
      return helper.formatItem(term, termWidth, description, helper);
    }

    // Usage
    let output = [
      `${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`,
      '',
    ];

    // Description
    const commandDescription = helper.commandDescription(cmd);
    if (commandDescription.length > 0) {
      output = output.concat([
        helper.boxWrap(
          helper.styleCommandDescription(commandDescription),
          helpWidth,
        ),
        '',
      ]);
    }

    // Arguments
    const argumentList = helper.visibleArguments(cmd).map((argument) => {
      return callFormatItem(
        helper.styleArgumentTerm(helper.argumentTerm(argument)),
        helper.styleArgumentDescription(helper.argumentDescription(argument)),
      );
    });
    output = output.concat(
      this.formatItemList('Arguments:', argumentList, helper),
    );

    // Options
    const optionGroups = this.groupItems(
      cmd.options,
      helper.visibleOptions(cmd),
      (option) => option.helpGroupHeading ?? 'Options:',
    );
    optionGroups.forEach((options, group) => {
      const optionList = options.map((option) => {
        return callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option)),
        );
      });
      output = output.concat(this.formatItemList(group, optionList, helper));
    });

    if (helper.showGlobalOptions) {
      const globalOptionList = helper
        .visibleGlobalOptions(cmd)
        .map((option) => {
          return callFormatItem(
            helper.styleOptionTerm(helper.optionTerm(option)),
            helper.styleOptionDescription(helper.optionDescription(option)),
          );
        });
      output = output.concat(
        this.formatItemList('Global Options:', globalOptionList, helper),
      );
    }

    // Commands
    const commandGroups = this.groupItems(
      cmd.commands,
      helper.visibleCommands(cmd),
      (sub) => sub.helpGroup() || 'Commands:',
    );
    commandGroups.forEach((commands, group) => {
      const commandList = commands.map((sub) => {
        return callFormatItem(
          helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
          helper.styleSubcommandDescription(helper.subcommandDescription(sub)),
        );
      });
      output = output.concat(this.formatItemList(group, commandList, helper));
    });

    return output.join('\n');
  }

  /**
   * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
   *
   * @param {string} str
   * @returns {number}
   */
  displayWidth(str) {
    return stripColor(str).length;
  }

  /**
   * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
   *
   * @param {string} str
   * @returns {string}
   */
  styleTitle(str) {
    return str;
  }

  styleUsage(str) {
    // Usage has lots of parts the user might like to color separately! Assume default usage string which is formed like:
    //    command subcommand [options] [command] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word === '[command]') return this.styleSubcommandText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleCommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleCommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleOptionDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleSubcommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleArgumentDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleDescriptionText(str) {
    return str;
  }
  styleOptionTerm(str) {
    return this.styleOptionText(str);
  }
  styleSubcommandTerm(str) {
    // This is very like usage with lots of parts! Assume default string which is formed like:
    //    subcommand [options] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleSubcommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleArgumentTerm(str) {
    return this.styleArgumentText(str);
  }
  styleOptionText(str) {
    return str;
  }
  styleArgumentText(str) {
    return str;
  }
  styleSubcommandText(str) {
    return str;
  }
  styleCommandText(str) {
    return str;
  }

  /**
   * Calculate the pad width from the maximum term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  padWidth(cmd, helper) {
    return Math.max(
      helper.longestOptionTermLength(cmd, helper),
      helper.longestGlobalOptionTermLength(cmd, helper),
      helper.longestSubcommandTermLength(cmd, helper),
      helper.longestArgumentTermLength(cmd, helper),
    );
  }

  /**
   * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
   *
   * @param {string} str
   * @returns {boolean}
   */
  preformatted(str) {
    return /\n[^\S\r\n]/.test(str);
  }

  /**
   * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
   *
   * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
   *   TTT  DDD DDDD
   *        DD DDD
   *
   * @param {string} term
   * @param {number} termWidth
   * @param {string} description
   * @param {Help} helper
   * @returns {string}
   */
  formatItem(term, termWidth, description, helper) {
    const itemIndent = 2;
    const itemIndentStr = ' '.repeat(itemIndent);
    if (!description) return itemIndentStr + term;

    // Pad the term out to a consistent width, so descriptions are aligned.
    const paddedTerm = term.padEnd(
      termWidth + term.length - helper.displayWidth(term),
    );

    // Format the description.
    const spacerWidth = 2; // between term and description
    const helpWidth = this.helpWidth ?? 80; // in case prepareContext() was not called
    const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
    let formattedDescription;
    if (
      remainingWidth < this.minWidthToWrap ||
      helper.preformatted(description)
    ) {
      formattedDescription = description;
    } else {
      const wrappedDescription = helper.boxWrap(description, remainingWidth);
      formattedDescription = wrappedDescription.replace(
        /\n/g,
        '\n' + ' '.repeat(termWidth + spacerWidth),
      );
    }

    // Construct and overall indent.
    return (
      itemIndentStr +
      paddedTerm +
      ' '.repeat(spacerWidth) +
      formattedDescription.replace(/\n/g, `\n${itemIndentStr}`)
    );
  }

  /**
   * Wrap a string at whitespace, preserving existing line breaks.
   * Wrapping is skipped if the width is less than `minWidthToWrap`.
   *
   * @param {string} str
   * @param {number} width
   * @returns {string}
   */
  boxWrap(str, width) {
    if (width < this.minWidthToWrap) return str;

    const rawLines = str.split(/\r\n|\n/);
    // split up text by whitespace
    const chunkPattern = /[\s]*[^\s]+/g;
    const wrappedLines = [];
    rawLines.forEach((line) => {
      const chunks = line.match(chunkPattern);
      if (chunks === null) {
        wrappedLines.push('');
        return;
      }

      let sumChunks = [chunks.shift()];
      let sumWidth = this.displayWidth(sumChunks[0]);
      chunks.forEach((chunk) => {
        const visibleWidth = this.displayWidth(chunk);
        // Accumulate chunks while they fit into width.
        if (sumWidth + visibleWidth <= width) {
          sumChunks.push(chunk);
          sumWidth += visibleWidth;
          return;
        }
        wrappedLines.push(sumChunks.join(''));

        const nextChunk = chunk.trimStart(); // trim space at line break
        sumChunks = [nextChunk];
        sumWidth = this.displayWidth(nextChunk);
      });
      wrappedLines.push(sumChunks.join(''));
    });

    return wrappedLines.join('\n');
  }
}

/**
 * Strip style ANSI escape sequences from the string. In particular, SGR (Select Graphic Rendition) codes.
 *
 * @param {string} str
 * @returns {string}
 * @package
 */

function stripColor(str) {
  // eslint-disable-next-line no-control-regex
  const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
  return str.replace(sgrPattern, '');
}

exports.Help = Help;
exports.stripColor = stripColor;


/***/ }),

/***/ 45240:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { InvalidArgumentError } = __nccwpck_require__(41135);

class Option {
  /**
   * Initialize a new `Option` with the given `flags` and `description`.
   *
   * @param {string} flags
   * @param {string} [description]
   */

  constructor(flags, description) {
    this.flags = flags;
    this.description = description || '';

    this.required = flags.includes('<'); // A value must be supplied when the option is specified.
    this.optional = flags.includes('['); // A value is optional when the option is specified.
    // variadic test ignores <value,...> et al which might be used to describe custom splitting of single argument
    this.variadic = /\w\.\.\.[>\]]$/.test(flags); // The option can take multiple values.
    this.mandatory = false; // The option must have a value after parsing, which usually means it must be specified on command line.
    const optionFlags = splitOptionFlags(flags);
    this.short = optionFlags.shortFlag; // May be a short flag, undefined, or even a long flag (if option has two long flags).
    this.long = optionFlags.longFlag;
    this.negate = false;
    if (this.long) {
      this.negate = this.long.startsWith('--no-');
    }
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.presetArg = undefined;
    this.envVar = undefined;
    this.parseArg = undefined;
    this.hidden = false;
    this.argChoices = undefined;
    this.conflictsWith = [];
    this.implied = undefined;
    this.helpGroupHeading = undefined; // soft initialised when option added to command
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Option}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Preset to use when option used without option-argument, especially optional but also boolean and negated.
   * The custom processing (parseArg) is called.
   *
   * @example
   * new Option('--color').default('GREYSCALE').preset('RGB');
   * new Option('--donate [amount]').preset('20').argParser(parseFloat);
   *
   * @param {*} arg
   * @return {Option}
   */

  preset(arg) {
    this.presetArg = arg;
    return this;
  }

  /**
   * Add option name(s) that conflict with this option.
   * An error will be displayed if conflicting options are found during parsing.
   *
   * @example
   * new Option('--rgb').conflicts('cmyk');
   * new Option('--js').conflicts(['ts', 'jsx']);
   *
   * @param {(string | string[])} names
   * @return {Option}
   */

  conflicts(names) {
    this.conflictsWith = this.conflictsWith.concat(names);
    return this;
  }

  /**
   * Specify implied option values for when this option is set and the implied options are not.
   *
   * The custom processing (parseArg) is not called on the implied values.
   *
   * @example
   * program
   *   .addOption(new Option('--log', 'write logging information to file'))
   *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
   *
   * @param {object} impliedOptionValues
   * @return {Option}
   */
  implies(impliedOptionValues) {
    let newImplied = impliedOptionValues;
    if (typeof impliedOptionValues === 'string') {
      // string is not documented, but easy mistake and we can do what user probably intended.
      newImplied = { [impliedOptionValues]: true };
    }
    this.implied = Object.assign(this.implied || {}, newImplied);
    return this;
  }

  /**
   * Set environment variable to check for option value.
   *
   * An environment variable is only used if when processed the current option value is
   * undefined, or the source of the current value is 'default' or 'config' or 'env'.
   *
   * @param {string} name
   * @return {Option}
   */

  env(name) {
    this.envVar = name;
    return this;
  }

  /**
   * Set the custom handler for processing CLI option arguments into option values.
   *
   * @param {Function} [fn]
   * @return {Option}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Whether the option is mandatory and must have a value after parsing.
   *
   * @param {boolean} [mandatory=true]
   * @return {Option}
   */

  makeOptionMandatory(mandatory = true) {
    this.mandatory = !!mandatory;
    return this;
  }

  /**
   * Hide option in help.
   *
   * @param {boolean} [hide=true]
   * @return {Option}
   */

  hideHelp(hide = true) {
    this.hidden = !!hide;
    return this;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Only allow option value to be one of choices.
   *
   * @param {string[]} values
   * @return {Option}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Return option name.
   *
   * @return {string}
   */

  name() {
    if (this.long) {
      return this.long.replace(/^--/, '');
    }
    return this.short.replace(/^-/, '');
  }

  /**
   * Return option name, in a camelcase format that can be used
   * as an object attribute key.
   *
   * @return {string}
   */

  attributeName() {
    if (this.negate) {
      return camelcase(this.name().replace(/^no-/, ''));
    }
    return camelcase(this.name());
  }

  /**
   * Set the help group heading.
   *
   * @param {string} heading
   * @return {Option}
   */
  helpGroup(heading) {
    this.helpGroupHeading = heading;
    return this;
  }

  /**
   * Check if `arg` matches the short or long flag.
   *
   * @param {string} arg
   * @return {boolean}
   * @package
   */

  is(arg) {
    return this.short === arg || this.long === arg;
  }

  /**
   * Return whether a boolean option.
   *
   * Options are one of boolean, negated, required argument, or optional argument.
   *
   * @return {boolean}
   * @package
   */

  isBoolean() {
    return !this.required && !this.optional && !this.negate;
  }
}

/**
 * This class is to make it easier to work with dual options, without changing the existing
 * implementation. We support separate dual options for separate positive and negative options,
 * like `--build` and `--no-build`, which share a single option value. This works nicely for some
 * use cases, but is tricky for others where we want separate behaviours despite
 * the single shared option value.
 */
class DualOptions {
  /**
   * @param {Option[]} options
   */
  constructor(options) {
    this.positiveOptions = new Map();
    this.negativeOptions = new Map();
    this.dualOptions = new Set();
    options.forEach((option) => {
      if (option.negate) {
        this.negativeOptions.set(option.attributeName(), option);
      } else {
        this.positiveOptions.set(option.attributeName(), option);
      }
    });
    this.negativeOptions.forEach((value, key) => {
      if (this.positiveOptions.has(key)) {
        this.dualOptions.add(key);
      }
    });
  }

  /**
   * Did the value come from the option, and not from possible matching dual option?
   *
   * @param {*} value
   * @param {Option} option
   * @returns {boolean}
   */
  valueFromOption(value, option) {
    const optionKey = option.attributeName();
    if (!this.dualOptions.has(optionKey)) return true;

    // Use the value to deduce if (probably) came from the option.
    const preset = this.negativeOptions.get(optionKey).presetArg;
    const negativeValue = preset !== undefined ? preset : false;
    return option.negate === (negativeValue === value);
  }
}

/**
 * Convert string from kebab-case to camelCase.
 *
 * @param {string} str
 * @return {string}
 * @private
 */

function camelcase(str) {
  return str.split('-').reduce((str, word) => {
    return str + word[0].toUpperCase() + word.slice(1);
  });
}

/**
 * Split the short and long flag out of something like '-m,--mixed <value>'
 *
 * @private
 */

function splitOptionFlags(flags) {
  let shortFlag;
  let longFlag;
  // short flag, single dash and single character
  const shortFlagExp = /^-[^-]$/;
  // long flag, double dash and at least one character
  const longFlagExp = /^--[^-]/;

  const flagParts = flags.split(/[ |,]+/).concat('guard');
  // Normal is short and/or long.
  if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
  if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
  // Long then short. Rarely used but fine.
  if (!shortFlag && shortFlagExp.test(flagParts[0]))
    shortFlag = flagParts.shift();
  // Allow two long flags, like '--ws, --workspace'
  // This is the supported way to have a shortish option flag.
  if (!shortFlag && longFlagExp.test(flagParts[0])) {
    shortFlag = longFlag;
    longFlag = flagParts.shift();
  }

  // Check for unprocessed flag. Fail noisily rather than silently ignore.
  if (flagParts[0].startsWith('-')) {
    const unsupportedFlag = flagParts[0];
    const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
    if (/^-[^-][^-]/.test(unsupportedFlag))
      throw new Error(
        `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`,
      );
    if (shortFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many short flags`);
    if (longFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many long flags`);

    throw new Error(`${baseError}
- unrecognised flag format`);
  }
  if (shortFlag === undefined && longFlag === undefined)
    throw new Error(
      `option creation failed due to no flags found in '${flags}'.`,
    );

  return { shortFlag, longFlag };
}

exports.Option = Option;
exports.DualOptions = DualOptions;


/***/ }),

/***/ 65030:
/***/ ((__unused_webpack_module, exports) => {

const maxDistance = 3;

function editDistance(a, b) {
  // https://en.wikipedia.org/wiki/Damerau–Levenshtein_distance
  // Calculating optimal string alignment distance, no substring is edited more than once.
  // (Simple implementation.)

  // Quick early exit, return worst case.
  if (Math.abs(a.length - b.length) > maxDistance)
    return Math.max(a.length, b.length);

  // distance between prefix substrings of a and b
  const d = [];

  // pure deletions turn a into empty string
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
  }
  // pure insertions turn empty string into b
  for (let j = 0; j <= b.length; j++) {
    d[0][j] = j;
  }

  // fill matrix
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      let cost = 1;
      if (a[i - 1] === b[j - 1]) {
        cost = 0;
      } else {
        cost = 1;
      }
      d[i][j] = Math.min(
        d[i - 1][j] + 1, // deletion
        d[i][j - 1] + 1, // insertion
        d[i - 1][j - 1] + cost, // substitution
      );
      // transposition
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }

  return d[a.length][b.length];
}

/**
 * Find close matches, restricted to same number of edits.
 *
 * @param {string} word
 * @param {string[]} candidates
 * @returns {string}
 */

function suggestSimilar(word, candidates) {
  if (!candidates || candidates.length === 0) return '';
  // remove possible duplicates
  candidates = Array.from(new Set(candidates));

  const searchingOptions = word.startsWith('--');
  if (searchingOptions) {
    word = word.slice(2);
    candidates = candidates.map((candidate) => candidate.slice(2));
  }

  let similar = [];
  let bestDistance = maxDistance;
  const minSimilarity = 0.4;
  candidates.forEach((candidate) => {
    if (candidate.length <= 1) return; // no one character guesses

    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    const similarity = (length - distance) / length;
    if (similarity > minSimilarity) {
      if (distance < bestDistance) {
        // better edit distance, throw away previous worse matches
        bestDistance = distance;
        similar = [candidate];
      } else if (distance === bestDistance) {
        similar.push(candidate);
      }
    }
  });

  similar.sort((a, b) => a.localeCompare(b));
  if (searchingOptions) {
    similar = similar.map((candidate) => `--${candidate}`);
  }

  if (similar.length > 1) {
    return `\n(Did you mean one of ${similar.join(', ')}?)`;
  }
  if (similar.length === 1) {
    return `\n(Did you mean ${similar[0]}?)`;
  }
  return '';
}

exports.suggestSimilar = suggestSimilar;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./node_modules/commander/index.js
var commander = __nccwpck_require__(18909);
;// CONCATENATED MODULE: ./node_modules/commander/esm.mjs


// wrapper to provide named exports for ESM.
const {
  /* program */ "DM": program,
  /* createCommand */ "gu": createCommand,
  /* createArgument */ "er": createArgument,
  /* createOption */ "Ww": createOption,
  /* CommanderError */ "b7": CommanderError,
  /* InvalidArgumentError */ "Di": InvalidArgumentError,
  /* InvalidOptionArgumentError */ "a2": InvalidOptionArgumentError, // deprecated old name
  /* Command */ "uB": Command,
  /* Argument */ "ef": Argument,
  /* Option */ "c$": Option,
  /* Help */ "_V": Help,
} = commander;

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __nccwpck_require__(70017);
// EXTERNAL MODULE: ./src/util/lifecycle.ts
var lifecycle = __nccwpck_require__(57636);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __nccwpck_require__(29906);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/util/version.ts
/**
 * Kiln's version, from package.json: ncc bundles the JSON into dist/ at build time, so the
 * Action and the `kiln` command report the version they were built as (a release tags it).
 */

const KILN_VERSION = package_namespaceObject.rE;

// EXTERNAL MODULE: ./src/model/arch.ts
var arch = __nccwpck_require__(13705);
// EXTERNAL MODULE: ./src/model/defaults.ts
var defaults = __nccwpck_require__(9555);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./src/store/defaults.ts
var store_defaults = __nccwpck_require__(29735);
;// CONCATENATED MODULE: ./src/adapters/cli/commands/plan.ts
/**
 * `kiln plan`: what would be built, in which order, with which input keys, without
 * building anything (and without docker: keys come from file contents only).
 */








/**
 * Looks each planned image up in a store and a local cache, without building or restoring
 * anything: the "why does it rebuild" view, before the build runs.
 */
async function planStatus(plan, opts) {
    const { openStore } = await Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689));
    const { openCache } = await __nccwpck_require__.e(/* import() */ 683).then(__nccwpck_require__.bind(__nccwpck_require__, 25683));
    const out = new Map();
    const store = opts.store && (0,external_node_fs_.existsSync)(opts.store) ? await openStore(opts.store) : null;
    // The cache only reads records here; it wants a store for restores, which plan never does,
    // so without one it gets a throwaway store that is removed afterwards.
    const scratch = opts.cacheDir && !store ? await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'kiln-plan-')) : null;
    try {
        const cache = opts.cacheDir
            ? await openCache({
                kind: 'local',
                dir: opts.cacheDir,
                reporter: opts.reporter,
                store: store ?? (await openStore(scratch))
            })
            : null;
        for (const p of plan.images) {
            if (store && (await store.findByKey(p.key)))
                out.set(p.spec.name, { status: 'in store' });
            else if (cache && (await cache.has(p)))
                out.set(p.spec.name, { status: 'in cache' });
            else
                out.set(p.spec.name, {
                    status: 'build',
                    changed: cache ? (await cache.explainMiss(p)).changed : null
                });
        }
    }
    finally {
        if (scratch)
            await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
    return out;
}
/**
 * Finds store images by name (bases naming one: genoci's `base:` naming a tag another file
 * built). The store is opened only when a base asks, and only if it exists: plan writes nothing.
 */
function storedImageLookup(dir) {
    let opening;
    return async (name) => {
        opening ??= (0,external_node_fs_.existsSync)(dir)
            ? Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689)).then((m) => m.openStore(dir))
            : Promise.resolve(null);
        const store = await opening;
        return (await store?.getImage(name))?.manifestDigest ?? null;
    };
}
/** "changed file a/Dockerfile, added file b" for one image, or why nothing can be said. */
function describeChanges(changed) {
    if (!changed)
        return 'no earlier build to compare with';
    if (!changed.length)
        return 'same inputs as the last build';
    return changed.map((c) => `${c.change} ${c.kind} ${c.name}`).join(', ');
}
function statusOf(statuses, i) {
    return statuses?.get(i.spec.name);
}
/** The BASE column: for a Dockerfile or Packer image without one, its file decides (see DEPENDS ON). */
function describeBase(b, builder) {
    switch (b.kind) {
        case 'scratch':
            return builder === 'dockerfile' || builder === 'packer' || builder === 'aci' ? '-' : 'scratch';
        case 'image':
            return b.name;
        case 'stored':
            return `store ${b.name}`;
        case 'docker':
            return `docker ${b.ref}`;
        case 'bootstrap':
            return `bootstrap ${b.bootstrap.suite}${b.bootstrap.variant ? `/${b.bootstrap.variant}` : ''}`;
        default:
            return `${b.kind} ${b.path}`;
    }
}
/** Columns padded to their widest cell; the last column is not padded. */
function table(rows) {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    return (rows
        .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
        .join('\n') + '\n');
}
function planJson(plan, explain, statuses = null) {
    return plan.images.map((i) => ({
        name: i.spec.name,
        key: i.key,
        builder: i.spec.builder,
        base: describeBase(i.spec.base, i.spec.builder),
        depends_on: i.deps,
        distro: i.spec.distro ?? null,
        plan: i.spec.plan ?? null,
        arch: i.spec.arch,
        ...(explain ? { inputs: i.inputs } : {}),
        ...(statuses ? statusOf(statuses, i) : {})
    }));
}
function planText(plan, explain, statuses = null) {
    // ARCH only when it says something: several architectures, or one this host emulates.
    const arches = new Set(plan.images.map((i) => (0,arch/* canonicalArch */.Xp)(i.spec.arch)));
    const showArch = arches.size > 1 || [...arches].some((a) => !(0,arch/* runsNatively */.PU)(a));
    const rows = [
        [
            '#',
            'NAME',
            'KEY',
            ...(showArch ? ['ARCH'] : []),
            'BUILDER',
            'BASE',
            'DEPENDS ON',
            ...(statuses ? ['STATUS'] : [])
        ]
    ];
    plan.images.forEach((i, n) => rows.push([
        String(n + 1),
        i.spec.name,
        i.key.slice(0, 12),
        ...(showArch ? [`${(0,arch/* canonicalArch */.Xp)(i.spec.arch)}${(0,arch/* runsNatively */.PU)(i.spec.arch) ? '' : ' (emulated)'}`] : []),
        i.spec.builder,
        describeBase(i.spec.base, i.spec.builder),
        i.deps.join(',') || '-',
        ...(statuses ? [statusOf(statuses, i)?.status ?? '-'] : [])
    ]));
    let out = table(rows);
    if (statuses) {
        const rebuilt = plan.images.filter((i) => statusOf(statuses, i)?.status === 'build');
        if (rebuilt.length)
            out += '\nWhy they build:\n';
        for (const i of rebuilt)
            out += `  ${i.spec.name}: ${describeChanges(statusOf(statuses, i)?.changed)}\n`;
    }
    if (explain)
        for (const i of plan.images) {
            out += `\n${i.spec.name} ${i.key}\n`;
            out += table(i.inputs.map((x) => ['  ' + x.kind, x.name, x.digest]));
        }
    return out;
}
const registerPlan = (program, ctx) => {
    program
        .command('plan')
        .description('Show the images a build would make, in order, with their input keys. Builds nothing.')
        .option('-f, --file <file>', `the catalog, JSON or YAML (default: the first of ${defaults/* DEFAULT_CATALOG_FILES */.Y.join(', ')})`)
        .option('--root <dir>', 'project root that paths resolve against (default: the catalog directory)')
        .option('-t, --target <name>', 'plan this image and its ancestors (repeatable)', (v, acc) => [...acc, v], [])
        .option('--distro <distro>', 'only images of this distro (and their ancestors)')
        .option('--plan <plan>', 'only images of this hardware plan (and their ancestors)')
        .option('--arch <arch>', 'only images of this architecture (and their ancestors)')
        .option('--json', 'print a JSON array instead of a table')
        .option('--explain', 'list every input of every key with its digest')
        .option('--store <dir>', 'say which images this store already holds')
        .option('--cache-dir <dir>', 'a local cache: say which images it holds and why the others would build')
        .action(async (flags) => {
        const { findCatalog, loadCatalog } = await Promise.all(/* import() */[__nccwpck_require__.e(225), __nccwpck_require__.e(655)]).then(__nccwpck_require__.bind(__nccwpck_require__, 11655));
        const { makePlan } = await Promise.all(/* import() */[__nccwpck_require__.e(225), __nccwpck_require__.e(655), __nccwpck_require__.e(619), __nccwpck_require__.e(149)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1149));
        const file = flags.file ?? (await findCatalog());
        const catalog = await loadCatalog(file, flags.root ? { root: flags.root } : {});
        for (const w of catalog.warnings ?? [])
            ctx.reporter.warn((0,errors/* formatProblem */.Vw)(w));
        const plan = await makePlan(catalog, { targets: flags.target, distro: flags.distro, plan: flags.plan, arch: flags.arch }, { storedImage: storedImageLookup(flags.store ?? store_defaults/* DEFAULT_STORE_DIR */.q) });
        const explain = !!flags.explain;
        const statuses = flags.store || flags.cacheDir
            ? await planStatus(plan, { store: flags.store, cacheDir: flags.cacheDir, reporter: ctx.reporter })
            : null;
        process.stdout.write(flags.json
            ? JSON.stringify(planJson(plan, explain, statuses), null, 2) + '\n'
            : planText(plan, explain, statuses));
    });
};

// EXTERNAL MODULE: ./src/pipeline/types.ts
var types = __nccwpck_require__(11839);
;// CONCATENATED MODULE: ./src/adapters/cli/signing.ts
/**
 * The CLI's supply-chain options, shared by `kiln build` and `kiln export`: the SBOM format and
 * the key that signs SHA256SUMS (--sign-key FILE, or the armoured key itself in $KILN_SIGNING_KEY;
 * its passphrase in $KILN_SIGNING_KEY_PASSPHRASE).
 */



/** exporters/sbom.ts SBOM_FORMATS, copied so --help loads no exporter; its type is theirs, so it cannot drift. */
const SBOM_FORMAT_CHOICES = ['spdx', 'cyclonedx', 'both', 'none'];
const sbomFormatOption = () => new Option('--sbom-format <format>', 'SBOM beside the archives: sbom.spdx.json, sbom.cdx.json, both or none')
    .choices(SBOM_FORMAT_CHOICES)
    .default('spdx');
const signKeyOption = () => new Option('--sign-key <file>', 'armoured OpenPGP private key that signs SHA256SUMS into SHA256SUMS.asc (default: $KILN_SIGNING_KEY, the key itself; passphrase in $KILN_SIGNING_KEY_PASSPHRASE)');
/** The signer the options ask for, checked before anything is built; null when none is asked for. */
async function openCliSigner(signKey) {
    const where = signKey ?? '$KILN_SIGNING_KEY';
    const bad = (message) => new errors/* InvalidInputError */.oC([
        { file: where, pointer: signKey ? '/sign-key' : '', message: `signing key: ${message}` }
    ]);
    let key;
    if (signKey)
        key = await (0,promises_.readFile)(signKey, 'utf8').catch((e) => Promise.reject(bad((0,errors/* errorMessage */.gJ)(e))));
    else
        key = process.env.KILN_SIGNING_KEY || undefined;
    if (!key)
        return null;
    const { openSigner, SigningKeyError } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(929)]).then(__nccwpck_require__.bind(__nccwpck_require__, 67929));
    try {
        return await openSigner(key, process.env.KILN_SIGNING_KEY_PASSPHRASE ?? '');
    }
    catch (e) {
        if (e instanceof SigningKeyError)
            throw bad(e.message);
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/adapters/cli/commands/build.ts
/** `kiln build`: builds the selected images of a catalog into the store and writes out/. */







function collect(v, prev) {
    return [...prev, v];
}
function positiveInt(flag, v) {
    if (!/^\d+$/.test(v) || Number(v) < 1) {
        throw new errors/* InvalidInputError */.oC([
            { file: '(command line)', pointer: '', message: `${flag} must be a positive integer, not "${v}"` }
        ]);
    }
    return Number(v);
}
const registerBuild = (program, ctx) => {
    program
        .command('build')
        .description('Build the selected images (and their ancestors) into the store; write the archives and out/index.json.')
        .option('-f, --file <file>', `the catalog, JSON or YAML (default: the first of ${defaults/* DEFAULT_CATALOG_FILES */.Y.join(', ')})`)
        .option('-t, --target <name>', 'image to build, with its ancestors (repeatable; default: all)', collect, [])
        .option('--distro <distro>', 'only images of this distro')
        .option('--plan <plan>', 'only images of this hardware plan')
        .option('--arch <arch>', 'only images of this architecture')
        .option('--store <dir>', 'store directory (OCI image layout)', store_defaults/* DEFAULT_STORE_DIR */.q)
        .option('--out <dir>', 'where archives and index.json go', 'out')
        .option('-j, --jobs <n>', 'images built at the same time', '1')
        .option('--no-export', 'build into the store only, write no archives')
        .addOption(new Option('--compress <kind>', 'archive compression').choices(['gzip', 'zstd', 'none']).default('gzip'))
        .option('--source-date-epoch <seconds>', 'timestamp for reproducible outputs (default: $SOURCE_DATE_EPOCH)')
        .option('--cache-dir <dir>', 'a local cache: images the store lacks come from here, new ones go here')
        .option('--cache-size <size>', 'size cap of the local cache, e.g. 8G (default: none)')
        .option('--no-verify', 'do not boot exported images with a kernel under qemu (the boot gate)')
        .option('--boot-timeout <seconds>', 'time limit of one boot in the gate', '120')
        .addOption(sbomFormatOption())
        .addOption(signKeyOption())
        .action(async (flags) => {
        const jobs = positiveInt('--jobs', flags.jobs);
        const bootTimeoutSec = positiveInt('--boot-timeout', flags.bootTimeout);
        const sdeText = flags.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH;
        const sourceDateEpoch = sdeText === undefined || sdeText === '' ? undefined : positiveIntOrZero(sdeText);
        const { findCatalog, loadCatalog } = await Promise.all(/* import() */[__nccwpck_require__.e(225), __nccwpck_require__.e(655)]).then(__nccwpck_require__.bind(__nccwpck_require__, 11655));
        const { makePlan } = await Promise.all(/* import() */[__nccwpck_require__.e(225), __nccwpck_require__.e(655), __nccwpck_require__.e(619), __nccwpck_require__.e(149)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1149));
        const { openStore } = await Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689));
        const { openCache } = await __nccwpck_require__.e(/* import() */ 683).then(__nccwpck_require__.bind(__nccwpck_require__, 25683));
        const { cacheHooks } = await __nccwpck_require__.e(/* import() */ 777).then(__nccwpck_require__.bind(__nccwpck_require__, 90777));
        const { buildPlan } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(225), __nccwpck_require__.e(118), __nccwpck_require__.e(955), __nccwpck_require__.e(840), __nccwpck_require__.e(729), __nccwpck_require__.e(655), __nccwpck_require__.e(660), __nccwpck_require__.e(530), __nccwpck_require__.e(621), __nccwpck_require__.e(28), __nccwpck_require__.e(411), __nccwpck_require__.e(405), __nccwpck_require__.e(922), __nccwpck_require__.e(298), __nccwpck_require__.e(619), __nccwpck_require__.e(239)]).then(__nccwpck_require__.bind(__nccwpck_require__, 31239));
        const { sweepLeftovers } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(621), __nccwpck_require__.e(970)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9084));
        // What killed runs left goes first (never what a live run owns).
        await sweepLeftovers({
            outDir: (0,external_node_path_.resolve)(flags.out),
            storeDir: (0,external_node_path_.resolve)(flags.store),
            cacheDir: flags.cacheDir ? (0,external_node_path_.resolve)(flags.cacheDir) : undefined,
            engine: true,
            reporter: ctx.reporter
        });
        const catalog = await loadCatalog(flags.file ?? (await findCatalog()));
        for (const w of catalog.warnings ?? [])
            ctx.reporter.warn((0,errors/* formatProblem */.Vw)(w));
        const store = await openStore((0,external_node_path_.resolve)(flags.store), { warn: (m) => ctx.reporter.warn(m) });
        const plan = await makePlan(catalog, {
            targets: flags.target.length ? flags.target : undefined,
            distro: flags.distro,
            plan: flags.plan,
            arch: flags.arch
        }, { storedImage: async (name) => (await store.getImage(name))?.manifestDigest ?? null });
        const cache = flags.cacheDir
            ? await openCache({
                kind: 'local',
                dir: (0,external_node_path_.resolve)(flags.cacheDir),
                size: flags.cacheSize,
                store,
                reporter: ctx.reporter
            })
            : null;
        // Before anything is built: a key that cannot sign is the user's to fix (exit 2).
        const signer = await openCliSigner(flags.signKey);
        const { runSignal } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 57636));
        // SIGINT/SIGTERM stop the tools and let every build clean up after itself (util/lifecycle.ts).
        const signal = runSignal();
        try {
            const report = await buildPlan(plan, {
                store,
                outDir: (0,external_node_path_.resolve)(flags.out),
                jobs,
                reporter: ctx.reporter,
                exports: flags.export,
                compression: flags.compress,
                sourceDateEpoch,
                signal,
                verify: flags.verify,
                bootTimeoutSec,
                sbomFormat: flags.sbomFormat,
                signer: signer ?? undefined,
                hooks: cache ? cacheHooks(cache) : undefined
            });
            if (report.images.some((i) => i.error?.refused))
                ctx.exitCode = errors/* EXIT_INVALID_INPUT */.yj;
            else if (report.images.some((i) => i.status === 'failed' || (0,types/* gateFailed */.p)(i)))
                ctx.exitCode = errors/* EXIT_BUILD_FAILED */.Am;
        }
        finally {
            await signer?.close();
            await cache?.close();
        }
    });
};
function positiveIntOrZero(v) {
    if (!/^\d+$/.test(v)) {
        throw new errors/* InvalidInputError */.oC([
            {
                file: '(command line)',
                pointer: '',
                message: `--source-date-epoch must be seconds since 1970, not "${v}"`
            }
        ]);
    }
    return Number(v);
}

;// CONCATENATED MODULE: ./src/adapters/cli/store-image.ts
/**
 * Commands that take "an image of the store" accept its name (or a dated tag); the store is an
 * OCI image layout, so the exporters read it as `STORE:NAME` like any other layout.
 */






/** The exporters' input string for an image of the store. */
function storeInput(image, store = store_defaults/* DEFAULT_STORE_DIR */.q) {
    return `${(0,external_node_path_.resolve)(store)}:${image}`;
}
function isDirectory(path) {
    return (0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isDirectory();
}
/**
 * Exports a store image's archives into a temporary directory for a command that reads them
 * (verify boot, compare); `cleanup` removes it.
 */
async function exportToTemp(image, opts) {
    // Loaded here, not above: the commands import this module at start-up (commands/index.ts).
    const { exportImage } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(955), __nccwpck_require__.e(729), __nccwpck_require__.e(660), __nccwpck_require__.e(28), __nccwpck_require__.e(895)]).then(__nccwpck_require__.bind(__nccwpck_require__, 44028));
    const { resolveInput } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(955), __nccwpck_require__.e(29)]).then(__nccwpck_require__.bind(__nccwpck_require__, 13029));
    const top = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), (0,lifecycle/* tempPrefix */.hF)('image')));
    const cleanup = () => (0,promises_.rm)(top, { recursive: true, force: true });
    try {
        const input = await resolveInput(storeInput(image, opts.store));
        try {
            const res = await exportImage({
                layers: input.layers,
                outDir: top,
                name: image.replace(/[^\w.-]/g, '_'),
                exports: opts.exports,
                compression: 'gzip',
                reporter: opts.reporter
            });
            const manifest = JSON.parse(await (0,promises_.readFile)(res.manifestPath, 'utf8'));
            return { dir: res.dir, manifest, cleanup };
        }
        finally {
            await input.cleanup();
        }
    }
    catch (e) {
        await cleanup();
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/adapters/cli/commands/export.ts






/**
 * The exporters' EXPORT_KINDS, copied so that the help text does not load the exporters;
 * its type is theirs, so the copy cannot drift from it.
 */
const EXPORT_KINDS = [
    'rootfs',
    'kernel',
    'initrd',
    'modules',
    'netboot',
    'squashfs'
];
/** Opens -i; an unreadable or malformed input is the user's to fix (exit status 2). */
async function openInput(input) {
    const { InputError, resolveInput } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(955), __nccwpck_require__.e(29)]).then(__nccwpck_require__.bind(__nccwpck_require__, 13029));
    try {
        return await resolveInput(input);
    }
    catch (e) {
        if (e instanceof InputError)
            throw new errors/* InvalidInputError */.oC([
                { file: input, pointer: '', message: e.message.replace(`${input}: `, '') }
            ]);
        throw e;
    }
}
function parseEpoch(v) {
    if (v === undefined || v === '')
        return undefined;
    if (!/^\d+$/.test(v)) {
        throw new errors/* InvalidInputError */.oC([
            {
                file: '<command line>',
                pointer: '/source-date-epoch',
                message: `not a whole number of seconds: ${v}`
            }
        ]);
    }
    return Number(v);
}
function parseExports(v) {
    const kinds = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const bad = kinds.filter((k) => !EXPORT_KINDS.includes(k));
    if (bad.length || !kinds.length) {
        throw new errors/* InvalidInputError */.oC([
            {
                file: '<command line>',
                pointer: '/exports',
                message: `unknown export ${bad.join(', ') || '(none)'}; choose from ${EXPORT_KINDS.join(', ')}`
            }
        ]);
    }
    return kinds;
}
const registerExport = (program, ctx) => {
    program
        .command('export')
        .description('Write the bare-metal archives of an image: rootfs, kernel, initrd, modules, netboot/ (vmlinuz, initrd, cmdline, boot.ipxe; rootfs.squashfs), the SBOM, manifest.json, SHA256SUMS')
        .option('-i, --input <path>', "docker save tarball, OCI archive, OCI layout DIR[:TAG], or '-' for stdin")
        .option('--image <name>', 'an image of the store instead of -i (its name or a dated tag)')
        .option('--store <dir>', 'the store that holds --image', store_defaults/* DEFAULT_STORE_DIR */.q)
        .requiredOption('-o, --output <dir>', 'output directory; archives go to DIR/NAME/')
        .option('--name <name>', 'image name (the subdirectory; default: --image, else "image")')
        .option('--exports <list>', `comma-separated: ${EXPORT_KINDS.join(',')}`, 'rootfs')
        .addOption(new Option('--compress <kind>', 'archive compression').choices(['gzip', 'zstd', 'none']).default('gzip'))
        .option('--kernel <version>', 'pick this kernel version instead of the newest')
        .option('--source-date-epoch <seconds>', 'clamp member mtimes to this time (default: $SOURCE_DATE_EPOCH)')
        .addOption(sbomFormatOption())
        .addOption(signKeyOption())
        .action(async (o) => {
        const exports = parseExports(o.exports);
        const sourceDateEpoch = parseEpoch(o.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH);
        if (!o.input === !o.image) {
            throw new errors/* InvalidInputError */.oC([
                { file: '<command line>', pointer: '', message: 'give either -i INPUT or --image NAME' }
            ]);
        }
        const { badOutputName, exportImage } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(955), __nccwpck_require__.e(729), __nccwpck_require__.e(660), __nccwpck_require__.e(28), __nccwpck_require__.e(895)]).then(__nccwpck_require__.bind(__nccwpck_require__, 44028));
        const name = o.name ?? o.image?.replace(/[^\w.-]/g, '_') ?? 'image';
        const badName = badOutputName(name);
        if (badName)
            throw new errors/* InvalidInputError */.oC([
                { file: '<command line>', pointer: o.name === undefined ? '/image' : '/name', message: badName }
            ]);
        const { sweepLeftovers } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(621), __nccwpck_require__.e(970)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9084));
        await sweepLeftovers({ outDir: o.output, reporter: ctx.reporter });
        const signer = await openCliSigner(o.signKey);
        const input = await openInput(o.input ?? storeInput(o.image, o.store)).catch(async (e) => {
            await signer?.close();
            throw e;
        });
        try {
            const r = await exportImage({
                layers: input.layers,
                outDir: o.output,
                name,
                exports,
                compression: o.compress,
                kernel: o.kernel,
                sourceDateEpoch,
                sbomFormat: o.sbomFormat,
                reporter: ctx.reporter
            });
            for (const a of r.archives)
                ctx.reporter.info(`${a.path}  ${a.size} bytes  sha256:${a.sha256}`);
            if (signer)
                ctx.reporter.info(`${await signer.sign(r.sumsPath)} (key ${signer.fingerprint})`);
        }
        catch (e) {
            // A blob of the store that failed its digest goes, so the next build restores or rebuilds it.
            const { findCorruptBlob } = await __nccwpck_require__.e(/* import() */ 178).then(__nccwpck_require__.bind(__nccwpck_require__, 16178));
            const corrupt = findCorruptBlob(e);
            if (corrupt && o.image) {
                const { openStore } = await Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689));
                if (await (await openStore(o.store)).dropCorruptBlob(corrupt))
                    ctx.reporter.warn(`deleted the corrupt blob ${corrupt.digest} from ${(0,external_node_path_.resolve)(o.store)}`);
            }
            throw e;
        }
        finally {
            await signer?.close();
            await input.cleanup();
        }
    });
};

;// CONCATENATED MODULE: ./src/adapters/cli/commands/flatten.ts




/** The compression an output name implies (image.tar.zst → zstd); gzip for stdout and other names. */
function compressionFor(output) {
    if (/\.(tar\.zst|tzst)$/.test(output))
        return 'zstd';
    if (/\.tar$/.test(output))
        return 'none';
    return 'gzip';
}
const registerFlatten = (program, ctx) => {
    program
        .command('flatten')
        .description('Flatten a docker save tarball, OCI archive or OCI layout into one root filesystem tar')
        .option('-i, --input <path>', "docker save tarball, OCI archive, OCI layout DIR[:TAG], or '-' for stdin", '-')
        .option('-o, --output <path>', "output file, or '-' for stdout", '-')
        .addOption(new Option('--compress <kind>', 'gzip, zstd or none (default: from the output name, else gzip)').choices(['gzip', 'zstd', 'none']))
        .option('--source-date-epoch <seconds>', 'clamp member mtimes to this time (default: $SOURCE_DATE_EPOCH)')
        .action(async (o) => {
        const { flatten } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(955), __nccwpck_require__.e(729), __nccwpck_require__.e(660)]).then(__nccwpck_require__.bind(__nccwpck_require__, 74660));
        const { FlattenError } = await Promise.all(/* import() */[__nccwpck_require__.e(955), __nccwpck_require__.e(729)]).then(__nccwpck_require__.bind(__nccwpck_require__, 46729));
        const { TarFormatError } = await __nccwpck_require__.e(/* import() */ 137).then(__nccwpck_require__.bind(__nccwpck_require__, 77137));
        const { sweepLeftovers } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(621), __nccwpck_require__.e(970)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9084));
        // A file output's directory may hold a killed flatten's temporary archive.
        await sweepLeftovers({
            outDir: o.output === '-' ? undefined : (0,external_node_path_.dirname)((0,external_node_path_.resolve)(o.output)),
            reporter: ctx.reporter
        });
        const input = await openInput(o.input);
        try {
            await flatten({
                layers: input.layers,
                output: o.output,
                compression: o.compress ?? compressionFor(o.output),
                sourceDateEpoch: parseEpoch(o.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH),
                reporter: ctx.reporter
            });
        }
        catch (e) {
            // A layer the flattener refuses (a root that is not a directory, a path out of the
            // root, a broken header) is the input's fault: exit 2, and no output was written.
            if (e instanceof FlattenError || e instanceof TarFormatError)
                throw new errors/* InvalidInputError */.oC([{ file: o.input, pointer: '', message: e.message }]);
            throw e;
        }
        finally {
            await input.cleanup();
        }
    });
};

;// CONCATENATED MODULE: ./src/adapters/cli/commands/compare.ts





const readManifestFile = async (path) => {
    let m;
    try {
        m = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (e) {
        throw new errors/* InvalidInputError */.oC([
            { file: path, pointer: '', message: `cannot read manifest: ${(0,errors/* errorMessage */.gJ)(e)}` }
        ]);
    }
    if (!Array.isArray(m?.packages) || !Array.isArray(m?.archives)) {
        throw new errors/* InvalidInputError */.oC([
            { file: path, pointer: '', message: 'not an export manifest.json (no packages/archives)' }
        ]);
    }
    return m;
};
/** A manifest.json file, or an image of the store whose manifest is computed (one pass, no archives). */
function manifestOf(store, reporter) {
    return async (ref) => {
        if ((0,external_node_fs_.existsSync)(ref) || ref.endsWith('.json'))
            return readManifestFile(ref);
        const { manifest, cleanup } = await exportToTemp(ref, { store, exports: [], reporter });
        await cleanup();
        return manifest;
    };
}
const registerCompare = (program, ctx) => {
    program
        .command('compare')
        .description('Changelog between two exports of an image: sizes, kernels, packages added, updated and removed')
        .argument('<old>', 'manifest.json of the previous export, or an image of the store (e.g. a dated tag)')
        .argument('<new>', 'manifest.json of the new export, or an image of the store')
        .option('--store <dir>', 'the store that holds the images', store_defaults/* DEFAULT_STORE_DIR */.q)
        .option('--json', 'print JSON instead of Markdown')
        .action(async (oldRef, newRef, o) => {
        const { changelogMarkdown, compareManifests } = await __nccwpck_require__.e(/* import() */ 513).then(__nccwpck_require__.bind(__nccwpck_require__, 89513));
        const resolveRef = manifestOf(o.store, ctx.reporter);
        const [a, b] = await Promise.all([resolveRef(oldRef), resolveRef(newRef)]);
        const c = compareManifests(a, b);
        process.stdout.write(o.json ? `${JSON.stringify(c, null, 2)}\n` : changelogMarkdown(c, `${b.name}: changes`));
    });
};

;// CONCATENATED MODULE: ./src/adapters/cli/commands/images.ts




/** The rows of `kiln images` for the store at `dir` (empty when there is no store). */
async function listImages(dir) {
    if (!(await (0,promises_.stat)((0,external_node_path_.join)(dir, 'oci-layout')).catch(() => null)))
        return [];
    const { openStore } = await Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689));
    const store = await openStore(dir);
    const sizes = new Map();
    const rows = [];
    for (const r of await store.listRefs()) {
        let size = sizes.get(r.digest);
        if (size === undefined) {
            const m = await store.readJsonBlob(r.digest);
            size = m.layers.reduce((n, l) => n + l.size, 0);
            sizes.set(r.digest, size);
        }
        rows.push({ ref: r.ref, image: r.image, digest: r.digest, key: r.key, size, created: r.created });
    }
    // Grouped by image, newest build first within each; list order breaks ties.
    return rows.sort((a, b) => (a.image ?? a.ref).localeCompare(b.image ?? b.ref) || (b.created ?? '').localeCompare(a.created ?? ''));
}
function formatImageRows(rows) {
    const table = [
        ['REF', 'KEY', 'MANIFEST', 'SIZE', 'CREATED'],
        ...rows.map((r) => [
            r.ref,
            (r.key ?? '-').slice(0, 12),
            r.digest.slice(7, 19),
            (0,log/* formatBytes */.z3)(r.size),
            r.created ?? '-'
        ])
    ];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    return (table
        .map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  '))
        .join('\n') + '\n');
}
const registerImages = (program) => {
    program
        .command('images')
        .description(`List the images in the store: moving tags, dated tags (NAME-YYYY-MM-DD_N), input keys, sizes.`)
        .option('--store <dir>', 'store directory (an OCI image layout)', store_defaults/* DEFAULT_STORE_DIR */.q)
        .option('--json', 'print JSON instead of a table')
        .action(async (flags) => {
        const dir = (0,external_node_path_.resolve)(flags.store);
        const rows = await listImages(dir);
        if (flags.json)
            process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else if (rows.length === 0)
            process.stderr.write(`no images in ${dir}\n`);
        else
            process.stdout.write(formatImageRows(rows));
    });
};

// EXTERNAL MODULE: ./src/sandbox/defaults.ts
var sandbox_defaults = __nccwpck_require__(80137);
;// CONCATENATED MODULE: ./src/adapters/cli/commands/gc.ts





const registerGc = (program, ctx) => {
    program
        .command('gc')
        .description('Remove store blobs no ref reaches (old builds stay while a dated tag names them; blobs a running build wrote stay too), and unpacked layers no stored image uses.')
        .option('--store <dir>', 'store directory (an OCI image layout)', store_defaults/* DEFAULT_STORE_DIR */.q)
        .option('--sandbox-cache <dir>', 'unpacked-layer cache of overlay and aci builds ($KILN_SANDBOX_CACHE, else /var/tmp/kiln)', sandbox_defaults/* DEFAULT_CACHE_DIR */.T)
        .option('--keep-unpacked', 'leave the unpacked-layer cache alone (e.g. when several stores share it)')
        .action(async (flags) => {
        const dir = (0,external_node_path_.resolve)(flags.store);
        // Without a store nothing tells which unpacked layers are still wanted: touch nothing.
        if (!(await (0,promises_.stat)((0,external_node_path_.join)(dir, 'oci-layout')).catch(() => null))) {
            ctx.reporter.info(`no store at ${dir}; nothing to do`);
            return;
        }
        const { openStore } = await Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689));
        const { pruneUnpacked, storeDiffIDs } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(530), __nccwpck_require__.e(585)]).then(__nccwpck_require__.bind(__nccwpck_require__, 41867));
        const store = await openStore(dir);
        const r = await store.gc();
        ctx.reporter.info(`removed ${(0,log/* plural */.LS)(r.removed, 'blob')} (${(0,log/* formatBytes */.z3)(r.bytes)}) and ${(0,log/* plural */.LS)(r.tempRemoved, 'temp file')} from ${dir}`);
        if (r.leased)
            ctx.reporter.info(`kept ${(0,log/* plural */.LS)(r.leased, 'blob')} a running build wrote and has not tagged yet (${r.leaseOwners.join(', ')})`);
        if (flags.keepUnpacked)
            return;
        // After the store's gc, so layers only dropped images used go too.
        const cache = (0,external_node_path_.resolve)(flags.sandboxCache);
        const p = await pruneUnpacked(cache, await storeDiffIDs(store));
        if (p.layers || p.temps || p.busy)
            ctx.reporter.info(`removed ${(0,log/* plural */.LS)(p.layers, 'unpacked layer')} and ${(0,log/* plural */.LS)(p.temps, 'temp dir')} (${(0,log/* formatBytes */.z3)(p.bytes)}) from ${(0,external_node_path_.join)(cache, 'layers')}` +
                (p.busy ? `; kept ${p.busy} a running build has mounted` : ''));
    });
};

;// CONCATENATED MODULE: ./src/adapters/cli/commands/fsck.ts





const registerFsck = (program, ctx) => {
    program
        .command('fsck')
        .description('Check every blob of the store against its digest and every ref for a complete image; exit 1 when something is wrong')
        .option('--store <dir>', 'store directory (an OCI image layout)', store_defaults/* DEFAULT_STORE_DIR */.q)
        .option('--repair', 'remove corrupt blobs and the refs that can no longer be satisfied')
        .action(async (flags) => {
        const dir = (0,external_node_path_.resolve)(flags.store);
        if (!(await (0,promises_.stat)((0,external_node_path_.join)(dir, 'oci-layout')).catch(() => null))) {
            throw new errors/* InvalidInputError */.oC([{ file: dir, pointer: '', message: 'not a store (no oci-layout file)' }]);
        }
        const { openStore } = await Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689));
        const store = await openStore(dir);
        const r = await store.fsck({ repair: flags.repair });
        for (const b of r.corruptBlobs)
            ctx.reporter.error(`blob ${b.digest}: ${b.problem}`);
        for (const ref of r.brokenRefs)
            for (const p of ref.problems)
                ctx.reporter.error(`ref ${ref.ref}: ${p}`);
        const bad = r.corruptBlobs.length + r.brokenRefs.length;
        if (!bad) {
            ctx.reporter.info(`${dir}: ${(0,log/* plural */.LS)(r.blobsChecked, 'blob')} checked, every ref complete: no problems`);
            return;
        }
        ctx.reporter.info(`${dir}: ${(0,log/* plural */.LS)(r.blobsChecked, 'blob')} checked: ${(0,log/* plural */.LS)(r.corruptBlobs.length, 'corrupt blob')}, ${(0,log/* plural */.LS)(r.brokenRefs.length, 'broken ref')}`);
        if (!flags.repair) {
            ctx.reporter.info('run kiln fsck --repair to remove them; the next build restores or rebuilds those images');
            ctx.exitCode = errors/* EXIT_BUILD_FAILED */.Am;
            return;
        }
        for (const d of r.removedBlobs)
            ctx.reporter.info(`removed blob ${d}`);
        for (const ref of r.removedRefs)
            ctx.reporter.info(`removed ref ${ref}`);
        ctx.reporter.info(`repaired: removed ${(0,log/* plural */.LS)(r.removedBlobs.length, 'blob')} and ${(0,log/* plural */.LS)(r.removedRefs.length, 'ref')}; the next build restores or rebuilds those images`);
    });
};

// EXTERNAL MODULE: ./src/verify/defaults.ts
var verify_defaults = __nccwpck_require__(55071);
;// CONCATENATED MODULE: ./src/adapters/cli/commands/verify.ts







/** A positive number of seconds from a command-line option, or exit 2 naming the option. */
function parseSeconds(v, option = '--timeout') {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) {
        throw new errors/* InvalidInputError */.oC([
            { file: '<command line>', pointer: option, message: `not a positive number of seconds: ${v}` }
        ]);
    }
    return n;
}
/**
 * The directory of archives a gate reads: DIR itself, or an image of the store exported to a
 * temporary directory first (the archives it would publish). Also sweeps what a killed check left.
 */
async function gateArchives(dir, store, ctx) {
    const { sweepLeftovers } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(621), __nccwpck_require__.e(970)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9084));
    await sweepLeftovers({ reporter: ctx.reporter }); // a killed check's scratch disks, a half-made installer
    if (isDirectory(dir))
        return { dir: (0,external_node_path_.resolve)(dir), cleanup: async () => undefined };
    const exported = await exportToTemp(dir, {
        store,
        exports: ['rootfs', 'kernel', 'initrd', 'modules'],
        reporter: ctx.reporter
    });
    return { dir: exported.dir, cleanup: () => exported.cleanup() };
}
/** kiln verify boot DIR: boots an exported image's archives under qemu (the gate before publishing). */
const registerVerify = (program, ctx) => {
    const verify = program.command('verify').description('Check exported images before they are published');
    verify
        .command('boot')
        .description('Boot the image in DIR (image.tar.gz, kernel.tar.gz, initrd.tar.gz, modules.tar.gz, manifest.json) ' +
        'with its own kernel and initrd under qemu, the root filesystem as a disk and a check program as ' +
        'init: passes when it mounts its root, loads a module and finds /sbin/init')
        .argument('<dir|image>', 'directory holding the exported archives of one image, or an image of the store')
        .option('--store <dir>', 'the store that holds IMAGE', store_defaults/* DEFAULT_STORE_DIR */.q)
        .option('--timeout <seconds>', 'limit for the boot itself', String(verify_defaults/* DEFAULT_BOOT_TIMEOUT_SEC */.RO))
        .addOption(new Option('--accel <mode>', 'KVM, TCG, or KVM when a short probe shows it works')
        .choices(['auto', 'kvm', 'tcg'])
        .default('auto'))
        .option('--initrd-only', 'quick check: kernel and initrd only, pass when the initrd looks for its root device')
        .addOption(new Option('--arch <arch>', "guest architecture (default: manifest.json's arch, else x86_64)").choices([
        'x86_64',
        'aarch64'
    ]))
        .option('--json', 'print the result as JSON on stdout')
        .action(async (dir, flags) => {
        const timeoutSec = parseSeconds(flags.timeout);
        const archives = await gateArchives(dir, flags.store, ctx);
        const { verifyBoot } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(840), __nccwpck_require__.e(485)]).then(__nccwpck_require__.bind(__nccwpck_require__, 36485));
        const result = await verifyBoot({
            dir: archives.dir,
            timeoutSec,
            accel: flags.accel,
            mode: flags.initrdOnly ? 'initrd' : 'disk',
            arch: flags.arch,
            reporter: ctx.reporter
        }).finally(() => archives.cleanup());
        if (flags.json)
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        if (result.status === 'failed') {
            throw new errors/* BuildError */.zS((0,external_node_path_.basename)((0,external_node_path_.resolve)(dir)), 'boot check', result.message ?? 'failed', result.consoleTail);
        }
    });
    verify
        .command('install')
        .description('Provision the image in DIR onto a blank disk as a provisioner does (GPT, ESP and BIOS boot partition, ' +
        "ext4 root, the archives unpacked, fstab by UUID, the image's own GRUB for BIOS and UEFI, its " +
        '/etc/kernel/cmdline), all inside a qemu installer VM; then boot that disk alone under SeaBIOS and ' +
        'OVMF to the boot check program')
        .argument('<dir|image>', 'directory holding the exported archives of one image, or an image of the store')
        .option('--store <dir>', 'the store that holds IMAGE', store_defaults/* DEFAULT_STORE_DIR */.q)
        .addOption(new Option('--firmware <which>', 'boot the installed disk under SeaBIOS, OVMF or both')
        .choices(['bios', 'uefi', 'both'])
        .default('both'))
        .option('--timeout <seconds>', 'limit for each boot from the disk', String(verify_defaults/* DEFAULT_BOOT_TIMEOUT_SEC */.RO))
        .option('--install-timeout <seconds>', 'limit for the install itself', String(verify_defaults/* DEFAULT_INSTALL_TIMEOUT_SEC */.y8))
        .addOption(new Option('--accel <mode>', 'KVM, TCG, or KVM when a short probe shows it works')
        .choices(['auto', 'kvm', 'tcg'])
        .default('auto'))
        .option('--raw <file>', 'keep the installed disk as a raw image (sparse) when the gate passes')
        .option('--qcow2 <file>', 'keep the installed disk as a qcow2 image when the gate passes')
        .option('--json', 'print the result as JSON on stdout')
        .action(async (dir, flags) => {
        const bootTimeoutSec = parseSeconds(flags.timeout);
        const installTimeoutSec = parseSeconds(flags.installTimeout, '--install-timeout');
        const archives = await gateArchives(dir, flags.store, ctx);
        const { verifyInstall } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(840), __nccwpck_require__.e(621), __nccwpck_require__.e(922), __nccwpck_require__.e(706)]).then(__nccwpck_require__.bind(__nccwpck_require__, 55922));
        const { writeDiskOutputs } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(352)]).then(__nccwpck_require__.bind(__nccwpck_require__, 94352));
        // The installed disk is kept under a temporary name beside the output until it is written.
        const keepDisk = flags.raw || flags.qcow2 ? (0,lifecycle/* tempFileFor */.G2)(`${(0,external_node_path_.resolve)(flags.raw ?? flags.qcow2)}.disk`) : undefined;
        const untrack = keepDisk ? (0,lifecycle/* trackDir */.F3)(keepDisk) : () => undefined;
        const result = await (async () => {
            const r = await verifyInstall({
                dir: archives.dir,
                firmware: flags.firmware === 'both' ? ['bios', 'uefi'] : [flags.firmware],
                bootTimeoutSec,
                installTimeoutSec,
                accel: flags.accel,
                keepDisk,
                reporter: ctx.reporter
            });
            if (r.disk) {
                await writeDiskOutputs(r.disk, {
                    raw: flags.raw ? (0,external_node_path_.resolve)(flags.raw) : undefined,
                    qcow2: flags.qcow2 ? (0,external_node_path_.resolve)(flags.qcow2) : undefined,
                    reporter: ctx.reporter
                });
            }
            return r;
        })().finally(() => {
            untrack();
            return archives.cleanup();
        });
        if (flags.json)
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        const times = result.stages.map((s) => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ');
        ctx.reporter.info(`install gate: ${result.status} in ${result.totalSeconds.toFixed(1)} s (${result.accel}): ${times}`);
        if (result.status === 'failed') {
            throw new errors/* BuildError */.zS((0,external_node_path_.basename)((0,external_node_path_.resolve)(dir)), `install gate (${result.stage ?? 'install'})`, result.message ?? 'failed', result.consoleTail);
        }
    });
    verify
        .command('netboot')
        .description('Netboot the image in DIR (its netboot/ export: vmlinuz, initrd, boot.ipxe, rootfs.squashfs) under ' +
        "qemu: iPXE from the NIC's ROM gets the boot file over qemu's user network, chains boot.ipxe, loads " +
        'the files over HTTP from 127.0.0.1 and boots the squashfs under an overlay with a check program as ' +
        'init. Nothing leaves the machine. A failure names its stage (dhcp, script, kernel/initrd/rootfs ' +
        'download, kernel start, root, panic, check, timeout)')
        .argument('<dir>', 'out/<image> holding netboot/ (exports netboot and squashfs), or the netboot directory')
        .option('--timeout <seconds>', 'limit for the boot, downloads included', String(verify_defaults/* DEFAULT_NETBOOT_TIMEOUT_SEC */.cf))
        .addOption(new Option('--accel <mode>', 'KVM, TCG, or KVM when a short probe shows it works')
        .choices(['auto', 'kvm', 'tcg'])
        .default('auto'))
        .option('--json', 'print the result as JSON on stdout')
        .action(async (dir, flags) => {
        const timeoutSec = parseSeconds(flags.timeout);
        const { sweepLeftovers } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(621), __nccwpck_require__.e(970)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9084));
        await sweepLeftovers({ reporter: ctx.reporter }); // a killed check's scratch directory
        const { verifyNetboot } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(840), __nccwpck_require__.e(298)]).then(__nccwpck_require__.bind(__nccwpck_require__, 23298));
        const result = await verifyNetboot({
            dir: (0,external_node_path_.resolve)(dir),
            timeoutSec,
            accel: flags.accel,
            reporter: ctx.reporter
        });
        if (flags.json)
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        if (result.status === 'failed') {
            throw new errors/* BuildError */.zS((0,external_node_path_.basename)((0,external_node_path_.resolve)(dir)), 'netboot check', result.message ?? 'failed', result.consoleTail);
        }
        ctx.reporter.info(`netboot check: ${result.seconds.toFixed(1)} s booting, ${result.totalSeconds.toFixed(1)} s in all`);
    });
};

;// CONCATENATED MODULE: ./src/adapters/cli/commands/run.ts




const MOUNTS = ['proc', 'dev', 'sys'];
function parseMounts(s) {
    if (!s)
        return [];
    const out = [];
    for (const m of s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)) {
        if (!MOUNTS.includes(m))
            throw new errors/* InvalidInputError */.oC([
                {
                    file: '--mount',
                    pointer: '',
                    message: `unknown mount "${m}"; expected a list of ${MOUNTS.join(', ')}`
                }
            ]);
        out.push(m);
    }
    return out;
}
const registerRun = (program, ctx) => {
    program
        .command('run')
        .description("Run a command inside a store image, over a throwaway overlay that is removed afterwards (needs root). The exit status is the command's.")
        .argument('<image>', 'image name, dated tag or manifest digest')
        .argument('[command...]', "the command and its arguments, after -- (default: the image's Entrypoint and Cmd)")
        .option('--store <dir>', 'store directory (an OCI image layout)', store_defaults/* DEFAULT_STORE_DIR */.q)
        .option('--mount <list>', 'pseudo file systems to mount inside: proc,dev,sys')
        .option('--no-dns', "do not patch in the host's resolv.conf and hosts")
        .passThroughOptions()
        .action(async (image, command, flags) => {
        const dir = (0,external_node_path_.resolve)(flags.store);
        if (!(await (0,promises_.stat)((0,external_node_path_.join)(dir, 'oci-layout')).catch(() => null)))
            throw new errors/* InvalidInputError */.oC([
                { file: dir, pointer: '', message: 'no store here (no oci-layout file); give --store' }
            ]);
        const { openStore } = await Promise.all(/* import() */[__nccwpck_require__.e(405), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 42689));
        const { runInImage } = await Promise.all(/* import() */[__nccwpck_require__.e(434), __nccwpck_require__.e(118), __nccwpck_require__.e(530), __nccwpck_require__.e(411), __nccwpck_require__.e(155)]).then(__nccwpck_require__.bind(__nccwpck_require__, 29058));
        const store = await openStore(dir);
        // With passThroughOptions commander keeps the `--` that ends kiln's own options.
        const argv = command[0] === '--' ? command.slice(1) : command;
        const r = await runInImage(store, image, argv, {
            mounts: parseMounts(flags.mount),
            dns: flags.dns,
            reporter: ctx.reporter
        });
        ctx.exitCode = r.exitCode;
    });
};

;// CONCATENATED MODULE: ./src/adapters/cli/commands/index.ts










// One line per command module; each adds its subcommand to the program.
const commands = [
    registerPlan,
    registerBuild,
    registerFlatten,
    registerExport,
    registerCompare,
    registerImages,
    registerGc,
    registerFsck,
    registerVerify,
    registerRun
];

;// CONCATENATED MODULE: ./src/adapters/cli/main.ts






/**
 * Runs the CLI with argv (as process.argv) and returns the exit status; never calls process.exit
 * itself (util/lifecycle.ts does, when a second signal or the cleanup deadline comes). A run
 * stopped by a signal returns 128 + its number (130 for SIGINT, 143 for SIGTERM), whatever
 * the command made of the abort: an interrupted run must not look like a success.
 */
async function main(argv) {
    const code = await runCommand(argv);
    const sig = (0,lifecycle/* interruptedBy */.kH)();
    if (!sig)
        return code;
    process.stderr.write(`kiln: interrupted by ${sig}\n`);
    return (0,lifecycle/* interruptExitStatus */.qj)(sig);
}
async function runCommand(argv) {
    const ctx = { reporter: new log/* ConsoleReporter */.l$(), exitCode: errors/* EXIT_OK */.Ij };
    const program = new Command()
        .name('kiln')
        .version(KILN_VERSION, '-V, --version', "print kiln's version")
        .description('Build chains of operating-system images for bare metal, and the archives a provisioner boots.')
        // Lets `kiln run IMAGE -- cmd --flags` pass the command's own options through untouched.
        .enablePositionalOptions()
        .exitOverride()
        .showHelpAfterError()
        .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
    for (const register of commands)
        register(program, ctx);
    try {
        await program.parseAsync(argv);
        return ctx.exitCode;
    }
    catch (e) {
        if (e instanceof CommanderError) {
            // --help and --version end here with exit code 0; usage errors are invalid input.
            return e.exitCode === 0 ? errors/* EXIT_OK */.Ij : errors/* EXIT_INVALID_INPUT */.yj;
        }
        if (e instanceof errors/* InvalidInputError */.oC) {
            for (const line of e.message.split('\n'))
                process.stderr.write(`error: ${line}\n`);
            process.stderr.write(`${(0,log/* plural */.LS)(e.problems.length, 'problem')}; nothing was built.\n`);
            return errors/* EXIT_INVALID_INPUT */.yj;
        }
        // The command's own error after an interrupt is its way of stopping: main() reports the signal.
        if ((0,lifecycle/* interruptedBy */.kH)())
            return errors/* EXIT_BUILD_FAILED */.Am;
        if (e instanceof errors/* BuildError */.zS) {
            process.stderr.write(`error: ${e.message}\n`);
            return errors/* EXIT_BUILD_FAILED */.Am;
        }
        process.stderr.write(`error: ${(0,errors/* errorMessage */.gJ)(e)}\n`);
        return errors/* EXIT_BUILD_FAILED */.Am;
    }
}

;// CONCATENATED MODULE: ./src/adapters/cli/index.ts
// The `kiln` command line: parses arguments, calls the engine, maps errors to exit statuses.
// The small young generation (1 MiB semi-spaces, against 16 by default) keeps the flattener's
// peak RSS ~45 MB lower at no measured cost in speed: its long-lived path index would otherwise
// grow the young generation to the maximum (bench/README.md). `node dist/cli/index.js` runs
// without it; the `kiln` command (this file through its #! line) runs with it.

main(process.argv).then((code) => {
    process.exitCode = code;
}, (e) => {
    process.stderr.write(`kiln: [internal error] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
});

