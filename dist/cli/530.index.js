export const id = 530;
export const ids = [530,706];
export const modules = {

/***/ 57733:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GG: () => (/* binding */ walk),
/* harmony export */   Xq: () => (/* binding */ walkBytes),
/* harmony export */   y4: () => (/* binding */ hostPath)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
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

/***/ 74545:
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
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/lifecycle.ts
var lifecycle = __webpack_require__(57636);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(37895);
;// CONCATENATED MODULE: ./src/sandbox/driver.ts
/**
 * The sandbox driver: a constant sh script run as PID 1 of fresh mount and PID namespaces
 * (`unshare --mount --propagation private --pid --fork --kill-child`). It mounts the overlay
 * and then either runs one host command over it (packs, copies, hooks: the requested pseudo
 * file systems mounted under the root), or starts the step INSIDE the image as a container
 * of runc (the OCI runtime Docker uses) whose root is that overlay: pivot_root into it, its
 * own PID/mount/IPC/UTS namespaces, Docker's capabilities and seccomp filter (oci-spec.ts).
 * The overlay stays mounted by this script rather than by runc, so the patch layer, the
 * mount options and the teardown below are the same for both kinds of command.
 *
 * Nothing is unmounted by hand, on purpose: every mount lives in the private mount
 * namespace, which the kernel tears down with its last process. When PID 1 exits the
 * kernel kills whatever else runs in the namespace, and `setpriv --pdeathsig KILL` plus
 * `--kill-child` chain that to the death of this node process, even by SIGKILL. So no
 * mount and no process outlives a sandbox run, whatever way it ends.
 *
 * A container adds two things that outlive processes: runc's state, kept on a tmpfs mounted
 * over /run in the private mount namespace (so it goes with it; /run and not the sandbox
 * directory, which the host removes at teardown while the namespace may still need the
 * state to delete the container), and the container's cgroups, which
 * only `runc delete` removes. So the container script is told of its parent's death by
 * SIGTERM instead of SIGKILL (`--kill-child=SIGTERM`), runs in its own session (a kill of
 * the driver's process group reaches unshare alone, and so the same path), and on TERM
 * deletes the container (runc kills it and removes its cgroups) and exits; its exit as
 * PID 1 then kills whatever is left in the namespace, the nested container included.
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
// $1 unshare's pid (to notice that it died before the trap was set: the TERM it sent then
// was dropped, as signals without a handler are for a PID 1), $2 merged, $3 lowerdir list,
// $4 upper, $5 work, $6 the runc bundle (config.json), $7 the container id; then, optionally,
// a host command to run beside the container (created, never started), with $KILN_RUNC_ROOT
// and $KILN_CONTAINER set so that it can \`runc exec\` commands into it (ansible's chroot
// connection). runc needs a /proc of the PID namespace it runs in: the host's shows other
// pids (the step gets a proc of its own from runc). The exit status is the step's (runc's)
// or the host command's, 125 when the container could not be made, 143 after a TERM. A
// command put in the background gets /dev/null as stdin unless given one: fd 3 keeps ours.
const CONTAINER_DRIVER = `set -eu
parent=$1 merged=$2 lower=$3 upper=$4 work=$5 bundle=$6 id=$7
state=/run/kiln-runc
command -v runc >/dev/null || { echo "kiln-sandbox: runc is not installed (Debian package runc)" >&2; exit 125; }
trap 'timeout 20 runc --root "$state" delete --force "$id" >/dev/null 2>&1; exit 143' TERM
read -r _ _ _ ppid _ </proc/self/stat
if [ "$ppid" != "$parent" ]; then exit 143; fi
mount -t proc -o nosuid,nodev,noexec kiln-proc /proc
mount -t overlay kiln-sandbox -o "lowerdir=$lower,upperdir=$upper,workdir=$work,redirect_dir=off,metacopy=off,index=off,xino=off" "$merged"
mount -t tmpfs -o mode=0700,size=4m kiln-runc-state /run
shift 7
set +e
exec 3<&0
if [ $# -eq 0 ]; then
  runc --root "$state" run --bundle "$bundle" "$id" <&3 3<&- &
  wait $!
  exit
fi
runc --root "$state" create --bundle "$bundle" "$id" </dev/null 3<&- || exit 125
KILN_RUNC_ROOT=$state KILN_CONTAINER=$id "$@" <&3 3<&- &
wait $!
status=$?
runc --root "$state" delete --force "$id"
exit $status
`;
const UNSHARE = ['unshare', '--mount', '--propagation', 'private', '--pid', '--fork'];
// How the container driver starts: the launching shell passes its own pid, which unshare
// keeps (exec), as $1. A build step's driver gets a session of its own (see above); an
// interactive one stays in the terminal's foreground group so that ^C reaches the step.
const launch = (session) => 'script=$1; shift; exec setpriv --pdeathsig KILL -- ' +
    [...UNSHARE, '--kill-child=SIGTERM', '--', ...(session ? ['setsid'] : [])].join(' ') +
    ' sh -c "$script" kiln-container "$$" "$@"';
const LAUNCH_CONTAINER = launch(false);
const LAUNCH_CONTAINER_SESSION = launch(true);
/** Characters the overlayfs mount option string cannot carry in a path. */
const UNSAFE_OPTION_PATH = /[,:\n\\]/;
function runDriver(r) {
    for (const p of [r.merged, r.upper, r.work, ...r.lowers]) {
        if (UNSAFE_OPTION_PATH.test(p))
            throw new Error(`sandbox: path ${JSON.stringify(p)} contains a character overlayfs options cannot hold (, : \\ or newline)`);
    }
    if (r.lowers.length === 0)
        throw new Error('sandbox: at least one lower directory is needed');
    // The container driver hides /run behind its state tmpfs (above).
    if (r.container)
        for (const p of [r.merged, r.upper, r.work, r.container.bundle, ...r.lowers])
            if (p === '/run' || p.startsWith('/run/'))
                throw new Error(`sandbox: ${p}: a sandbox cannot live under /run (put TMPDIR and $KILN_SANDBOX_CACHE elsewhere)`);
    const interactive = r.stdio === 'inherit';
    const lowers = r.lowers.join(':');
    const c = r.container;
    const driver = c
        ? [
            'sh',
            '-c',
            interactive ? LAUNCH_CONTAINER : LAUNCH_CONTAINER_SESSION,
            'kiln-sandbox',
            CONTAINER_DRIVER,
            r.merged,
            lowers,
            r.upper,
            r.work,
            c.bundle,
            c.id,
            ...r.argv
        ]
        : [
            'setpriv',
            '--pdeathsig',
            'KILL',
            '--',
            ...UNSHARE,
            '--kill-child',
            '--',
            'sh',
            '-c',
            DRIVER,
            'kiln-sandbox',
            r.merged,
            lowers,
            r.upper,
            r.work,
            r.mounts.join(','),
            ...r.argv
        ];
    r.reporter?.debug(c
        ? `sandbox: container ${c.id} (lower ${r.lowers.length} dirs, bundle ${c.bundle}${r.argv.length ? `, beside ${r.argv.join(' ')}` : ''})`
        : `sandbox: ${r.argv.join(' ')} (lower ${r.lowers.length} dirs, mounts ${r.mounts.join(',') || 'none'})`);
    // A build step gets its own process group so that one kill reaches all of it; an
    // interactive command stays in the terminal's foreground group so ^C reaches it.
    const [cmd, ...args] = driver;
    const child = (0,external_node_child_process_.spawn)(cmd, args, {
        stdio: interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
        cwd: r.cwd,
        detached: !interactive
    });
    const untrack = (0,lifecycle/* trackChild */.yH)(child);
    const tail = new exec/* Tail */.PW();
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (d) => tail.push(d, r.onLine));
    child.stderr?.on('data', (d) => tail.push(d, r.onLine));
    const onAbort = () => (0,lifecycle/* killGroup */.i0)(child);
    r.signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise((resolve, reject) => {
        child.once('error', (e) => {
            untrack();
            r.signal?.removeEventListener('abort', onAbort);
            reject(new Error(`sandbox: cannot start ${cmd}: ${e.message}`));
        });
        child.once('close', (code, sig) => {
            untrack();
            r.signal?.removeEventListener('abort', onAbort);
            tail.flush(r.onLine);
            resolve({ exitCode: code ?? 128, signal: sig, tail: tail.get() });
        });
    });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/sandbox/seccomp.ts
/**
 * The seccomp filter of a step: Docker's default profile, in the OCI runtime-spec form runc
 * reads. The source is the profile Debian ships in golang-github-containers-common (the one
 * podman uses), which is Docker's profile in Docker's own format: rules with `includes` /
 * `excludes` by capability, architecture and kernel. Those are resolved here for the
 * capabilities a step gets and the machine's architecture.
 *
 * Podman's copy allows a few syscalls that Docker's allows only with CAP_SYS_ADMIN (mount,
 * unshare, setns, pivot_root, the new mount API), or never (the keyring), relying on the
 * missing capability alone. Docker's stricter choice is restored here, so that a step cannot
 * even reach those kernel paths (a new user namespace would give it CAP_SYS_ADMIN there):
 * they are dropped, and `clone` is allowed only without namespace flags, as Docker does.
 */


const SECCOMP_SOURCE = '/usr/share/containers/seccomp.json';
/** Allowed by Docker only with CAP_SYS_ADMIN (or never, for the keyring calls). */
const DOCKER_DENIES_WITHOUT_SYS_ADMIN = new Set([
    'mount',
    'umount',
    'umount2',
    'mount_setattr',
    'move_mount',
    'open_tree',
    'fsopen',
    'fsconfig',
    'fsmount',
    'fspick',
    'pivot_root',
    'unshare',
    'setns',
    'keyctl',
    'add_key',
    'request_key',
    'clone',
    'clone3'
]);
// Every CLONE_NEW* flag (namespaces): Docker's clone rule, for callers without CAP_SYS_ADMIN.
const CLONE_NAMESPACE_FLAGS = 0x7e020000;
const EPERM = 1;
const ENOSYS = 38;
/** Docker's architecture names as Node spells them. */
function dockerArch() {
    const map = {
        x64: 'amd64',
        arm64: 'arm64',
        arm: 'arm',
        ia32: 'x86',
        s390x: 's390x',
        ppc64: 'ppc64le'
    };
    return map[process.arch] ?? process.arch;
}
/** Architecture names of the seccomp filter itself (SCMP_ARCH_*). */
const SCMP_ARCH = {
    amd64: 'SCMP_ARCH_X86_64',
    arm64: 'SCMP_ARCH_AARCH64',
    arm: 'SCMP_ARCH_ARM',
    x86: 'SCMP_ARCH_X86',
    s390x: 'SCMP_ARCH_S390X',
    ppc64le: 'SCMP_ARCH_PPC64LE'
};
function kernelAtLeast(version, running = (0,external_node_os_.release)()) {
    const parse = (v) => v.split(/[.-]/).slice(0, 2).map(Number);
    const [a, b] = parse(running);
    const [x, y] = parse(version);
    return a > x || (a === x && b >= y);
}
/** Docker's profile resolved for `caps` on this machine (pure: the profile is given). */
function toOciSeccomp(profile, caps, arch = dockerArch()) {
    const has = (c) => caps.includes(c);
    const syscalls = [];
    for (const rule of profile.syscalls) {
        const inc = rule.includes ?? {};
        const exc = rule.excludes ?? {};
        if (inc.arches?.length && !inc.arches.includes(arch))
            continue;
        if (inc.caps?.length && !inc.caps.every(has))
            continue;
        if (inc.minKernel && !kernelAtLeast(inc.minKernel))
            continue;
        if (exc.arches?.includes(arch))
            continue;
        if (exc.caps?.some(has))
            continue;
        let names = rule.names;
        if (rule.action === 'SCMP_ACT_ALLOW')
            names = names.filter((n) => !DOCKER_DENIES_WITHOUT_SYS_ADMIN.has(n));
        if (!names.length)
            continue;
        syscalls.push({
            names,
            action: rule.action,
            ...(rule.args?.length ? { args: rule.args } : {}),
            ...(rule.errnoRet !== undefined ? { errnoRet: rule.errnoRet } : {})
        });
    }
    // Denied as Docker denies them: "Operation not permitted" (the default here is ENOSYS).
    const denied = [...DOCKER_DENIES_WITHOUT_SYS_ADMIN].filter((n) => n !== 'clone' && n !== 'clone3');
    syscalls.push({ names: denied, action: 'SCMP_ACT_ERRNO', errnoRet: EPERM });
    // clone's flags are its first argument on the architectures Kiln builds for.
    syscalls.push({
        names: ['clone'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index: 0, value: CLONE_NAMESPACE_FLAGS, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]
    });
    // clone3 passes its flags in memory, out of a filter's reach: ENOSYS makes libc fall back to clone.
    syscalls.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS });
    const archEntry = profile.archMap?.find((a) => a.architecture === SCMP_ARCH[arch]);
    const architectures = archEntry
        ? [archEntry.architecture, ...(archEntry.subArchitectures ?? [])]
        : SCMP_ARCH[arch]
            ? [SCMP_ARCH[arch]]
            : [];
    return {
        defaultAction: profile.defaultAction,
        defaultErrnoRet: profile.defaultErrnoRet ?? EPERM,
        architectures,
        syscalls
    };
}
let cached = null;
/** The step filter for `caps`, from the profile Debian ships (read once per process). */
function dockerDefaultSeccomp(caps, source = SECCOMP_SOURCE) {
    const key = caps.join(',');
    if (cached?.caps === key)
        return cached.profile;
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(source, 'utf8');
    }
    catch (e) {
        throw new Error(`sandbox: cannot read the seccomp profile ${source} (Debian package golang-github-containers-common): ${e.message}`);
    }
    const profile = toOciSeccomp(JSON.parse(text), caps);
    cached = { caps: key, profile };
    return profile;
}

;// CONCATENATED MODULE: ./src/sandbox/oci-spec.ts

/** Docker's default capability set (moby's oci/caps/defaults.go). */
const DOCKER_CAPABILITIES = [
    'CAP_CHOWN',
    'CAP_DAC_OVERRIDE',
    'CAP_FSETID',
    'CAP_FOWNER',
    'CAP_MKNOD',
    'CAP_NET_RAW',
    'CAP_SETGID',
    'CAP_SETUID',
    'CAP_SETFCAP',
    'CAP_SETPCAP',
    'CAP_NET_BIND_SERVICE',
    'CAP_SYS_CHROOT',
    'CAP_KILL',
    'CAP_AUDIT_WRITE'
];
/** Docker's masked paths (moby's oci/defaults.go). */
const MASKED_PATHS = [
    '/proc/asound',
    '/proc/acpi',
    '/proc/kcore',
    '/proc/keys',
    '/proc/latency_stats',
    '/proc/timer_list',
    '/proc/timer_stats',
    '/proc/sched_debug',
    '/proc/scsi',
    '/sys/firmware',
    '/sys/devices/virtual/powercap'
];
/** Docker's read-only paths. */
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];
const DEV_MOUNTS = [
    {
        destination: '/dev',
        type: 'tmpfs',
        source: 'tmpfs',
        options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k']
    },
    {
        destination: '/dev/pts',
        type: 'devpts',
        source: 'devpts',
        options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5']
    },
    {
        destination: '/dev/shm',
        type: 'tmpfs',
        source: 'shm',
        options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k']
    },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] }
];
const PROC_MOUNT = {
    destination: '/proc',
    type: 'proc',
    source: 'proc',
    options: ['nosuid', 'noexec', 'nodev']
};
const SYS_MOUNT = {
    destination: '/sys',
    type: 'sysfs',
    source: 'sysfs',
    options: ['nosuid', 'noexec', 'nodev', 'ro']
};
function stepConfig(s, seccomp = dockerDefaultSeccomp(DOCKER_CAPABILITIES)) {
    const mounts = [];
    mounts.push(PROC_MOUNT, ...DEV_MOUNTS);
    if (s.mounts.includes('sys'))
        mounts.push(SYS_MOUNT);
    const caps = [...DOCKER_CAPABILITIES];
    return {
        ociVersion: '1.0.2',
        process: {
            terminal: s.terminal ?? false,
            // Root in /: no spec field of a step chooses otherwise (ACI's app.user is for the image).
            user: { uid: 0, gid: 0 },
            args: s.args,
            env: Object.entries(s.env).map(([k, v]) => `${k}=${v}`),
            cwd: '/',
            capabilities: { bounding: caps, effective: caps, permitted: caps },
            noNewPrivileges: true
        },
        root: { path: s.root, readonly: false },
        mounts,
        linux: {
            // No network namespace: the host's, as `docker run --network host`.
            namespaces: [{ type: 'pid' }, { type: 'mount' }, { type: 'ipc' }, { type: 'uts' }],
            maskedPaths: MASKED_PATHS,
            readonlyPaths: READONLY_PATHS,
            seccomp
        }
    };
}

// EXTERNAL MODULE: ./src/util/in-root.ts
var in_root = __webpack_require__(71706);
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
 * Commands run as argument arrays, inside the image (`exec`: a runc container whose root is
 * the overlay, with a controlled environment; see oci-spec.ts), on the host with the
 * mounted root in $KILN_ROOT (`host`: packs, copies, genoci's pre/post hooks), or on the
 * host driving a container of the image through a chroot stand-in (`beside`: ansible).
 * `close()` removes what the sandbox created; callers use try/finally, and
 * SIGINT/SIGTERM are covered by util/lifecycle.ts.
 */







/** chroot's interface (ROOT PROGRAM ARG…), running PROGRAM in the container of beside(). */
const CHROOT_PROGRAM = `#!/bin/sh
shift
exec runc --root "$KILN_RUNC_ROOT" exec "$KILN_CONTAINER" "$@"
`;
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
        const remove = (0,lifecycle/* trackDir */.F3)(opts.dir);
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
    /** Runs `argv` inside the image (a runc container, as root in /), with a controlled environment. */
    async exec(argv, o = {}) {
        const env = { ...baseEnv(), ...this.opts.env, ...o.env };
        return this.runWith([], o, this.opts.mounts, { args: argv, env });
    }
    /**
     * Runs `argv` on the host (as host() does) beside a container of the image, created and
     * never started: `chrootProgram` takes chroot's arguments (ROOT PROGRAM ARG…) and runs
     * PROGRAM inside that container instead, so that a tool made to drive a chroot (ansible's
     * chroot connection) gets the boundary of a step rather than a chroot's.
     */
    async beside(argv, o = {}) {
        const kv = Object.entries({ ...o.env, KILN_ROOT: this.merged }).map(([k, v]) => `${k}=${v}`);
        const env = { ...baseEnv(), ...this.opts.env };
        return this.runWith(['env', ...kv, ...argv], o, this.opts.mounts, { args: ['/bin/sh'], env });
    }
    /** The chroot stand-in of beside() (a host path, there during beside() only). */
    get chrootProgram() {
        return (0,external_node_path_.join)(this.opts.dir, 'runc', 'kiln-chroot');
    }
    /** Runs `argv` on the host with the mounted root in $KILN_ROOT (inside the namespace). */
    async host(argv, o = {}) {
        const kv = Object.entries({ ...o.env, KILN_ROOT: this.merged }).map(([k, v]) => `${k}=${v}`);
        return this.runWith(['env', ...kv, ...argv], o, this.opts.mounts);
    }
    async close() {
        this.removeDir();
    }
    async runWith(argv, o, mounts, step) {
        // A step always has /proc and /dev (oci-spec.ts): the patch layer gives them mount points.
        if (step)
            mounts = [...new Set([...(mounts ?? []), 'proc', 'dev'])];
        const imageDirs = [this.upper, ...this.opts.lowers];
        const patch = await writePatch(this.patch, imageDirs, {
            dns: this.opts.dns,
            hosts: this.opts.hosts,
            policyRcD: this.opts.policyRcD,
            mounts,
            files: o.files
        }, this.opts.reporter);
        await settleTimes(this.patch, imageDirs, patch.paths);
        // runc hands a step pipes, not our descriptors: at a terminal, it gets a terminal of its own.
        const terminal = o.stdio === 'inherit' && !!process.stdin.isTTY && !!process.stdout.isTTY;
        const container = step && (await this.writeBundle(step.args, step.env, patch.mounts, terminal));
        try {
            return await runDriver({
                merged: this.merged,
                lowers: [this.patch, ...this.opts.lowers],
                upper: this.upper,
                work: this.work,
                mounts: patch.mounts,
                argv,
                container,
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
    /** runc's bundle for one step: its config.json, and the chroot stand-in of beside(). */
    async writeBundle(args, env, mounts, terminal) {
        const bundle = (0,external_node_path_.join)(this.opts.dir, 'runc');
        await (0,promises_.rm)(bundle, { recursive: true, force: true });
        await (0,promises_.mkdir)(bundle, { mode: 0o700 });
        const config = stepConfig({ root: this.merged, args, env, mounts, terminal });
        await (0,promises_.writeFile)((0,external_node_path_.join)(bundle, 'config.json'), JSON.stringify(config), { mode: 0o600 });
        await (0,promises_.writeFile)(this.chrootProgram, CHROOT_PROGRAM, { mode: 0o700 });
        // Unique on the host: runc names the container's cgroups after it.
        return { bundle, id: `kiln-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}` };
    }
}
/** A fresh, unique directory name under `parent`. */
function uniqueDir(parent, prefix) {
    return (0,external_node_path_.join)(parent, `${prefix}-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
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


/***/ })

};
