export const id = 239;
export const ids = [239];
export const modules = {

/***/ 31239:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildPlan: () => (/* binding */ buildPlan)
});

// UNUSED EXPORTS: checkEmulation, sourceKey

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/digest.ts
var digest = __webpack_require__(16178);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(37895);
// EXTERNAL MODULE: ./src/sandbox/fswalk.ts
var fswalk = __webpack_require__(57733);
// EXTERNAL MODULE: ./src/sandbox/unpacked.ts
var unpacked = __webpack_require__(20792);
// EXTERNAL MODULE: ./src/sandbox/xattr.ts
var xattr = __webpack_require__(82288);
;// CONCATENATED MODULE: ./src/sandbox/layer.ts
/**
 * The upper directory of an overlay build → one OCI layer, streamed into the store.
 *
 * overlayfs whiteouts (character devices 0/0) become `.wh.NAME` files and opaque
 * directories (trusted.overlay.opaque=y) get a `.wh..wh..opq` entry; then GNU tar writes
 * the tree in name order with numeric owners, modes, xattrs (trusted.overlay.* left out)
 * and hardlinks as links, in pax format without atime/ctime. The upper dir is converted
 * in place: call this once the build is over and nothing has it mounted.
 */







/** pax headers without per-run noise (pid in names, atime, ctime). */
const TAR_CREATE_STABLE = [
    '--sort=name',
    '--format=posix',
    '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime'
];
/**
 * Rewrites overlayfs markers under `upper` as OCI whiteout files. Names are handled as
 * bytes (fswalk.ts): a whiteout for a name that is not UTF-8 must delete that name.
 */
async function toOciForm(upper) {
    const devs = [];
    for await (const { rel, entry } of (0,fswalk/* walkBytes */.Xq)(upper)) {
        if (entry.isCharacterDevice()) {
            const st = await (0,promises_.lstat)((0,fswalk/* hostPath */.y4)(upper, rel));
            if (st.rdev === 0)
                devs.push(rel);
        }
    }
    const opaque = (await (0,xattr/* findOpaqueDirs */.Tf)(upper)).filter((d) => d !== '');
    const touched = new Map();
    const remember = async (dir) => {
        if (touched.has(dir))
            return;
        const st = await (0,promises_.lstat)((0,fswalk/* hostPath */.y4)(upper, dir));
        touched.set(dir, { atime: st.atime, mtime: st.mtime });
    };
    for (const rel of devs) {
        const slash = rel.lastIndexOf('/');
        const dir = slash < 0 ? '' : rel.slice(0, slash);
        await remember(dir);
        await (0,promises_.unlink)((0,fswalk/* hostPath */.y4)(upper, rel));
        await (0,promises_.writeFile)((0,fswalk/* hostPath */.y4)(upper, `${rel.slice(0, slash + 1)}.wh.${rel.slice(slash + 1)}`), '', {
            mode: 0o600
        });
    }
    for (const rel of opaque) {
        await remember(rel);
        await (0,promises_.writeFile)((0,fswalk/* hostPath */.y4)(upper, `${rel}/.wh..wh..opq`), '', { mode: 0o600 });
    }
    for (const [d, t] of touched)
        await (0,promises_.utimes)((0,fswalk/* hostPath */.y4)(upper, d), t.atime, t.mtime);
    return { whiteouts: devs.length, opaque: opaque.length };
}
/** Streams the tar of `dir`'s contents (not the directory itself) into the store as a layer. */
async function putDirAsLayer(store, dir, what) {
    // The entries below the root, never the root itself: its mode is the temp dir's, not the
    // image's. Their names go to tar on stdin, NUL-separated, as bytes: an argv entry from
    // node is UTF-8 text, which would turn a name that is not UTF-8 into another name.
    const top = (await (0,promises_.readdir)(dir, { encoding: 'buffer' })).sort(Buffer.compare);
    const list = Buffer.concat(top.flatMap((name) => [name, Buffer.alloc(1)]));
    const args = [
        '--create',
        '--file=-',
        ...TAR_CREATE_STABLE,
        ...unpacked/* TAR_KEEP_ALL */.iC,
        '--directory',
        dir,
        // Each name as it is: no option parsing, no unquoting of backslashes.
        '--null',
        '--verbatim-files-from',
        '--no-unquote',
        '--files-from=-'
    ];
    const child = (0,external_node_child_process_.spawn)('tar', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    // tar exiting early reports through its exit status; a write to its closed stdin is no news.
    child.stdin.on('error', () => undefined);
    child.stdin.end(list);
    const tail = new exec/* Tail */.PW();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => tail.push(d));
    const body = new external_node_stream_.PassThrough({ highWaterMark: 1 << 20 });
    // eslint-disable-next-line no-restricted-syntax -- tar's failures reach `body` from 'error'/'close' below
    child.stdout.pipe(body, { end: false });
    const exited = new Promise((resolve) => {
        child.once('error', (e) => {
            body.destroy(new Error(`${what}: cannot run tar: ${e.message}`));
            resolve();
        });
        child.once('close', (code, sig) => {
            tail.flush();
            // Only a tar that finished cleanly ends the stream; otherwise putLayer sees an error
            // and drops its temporary blob instead of storing a truncated layer.
            if (code === 0)
                body.end();
            else
                body.destroy(new exec/* ExecError */.cI(`tar --create -C ${dir}`, code ?? undefined, tail.get(), sig ? `killed by ${sig}` : `exited with status ${code}`));
            resolve();
        });
    });
    try {
        return await store.putLayer(body);
    }
    finally {
        await exited;
    }
}
/** The upper dir of a finished overlay build as one layer in the store. */
async function upperToLayer(store, upper) {
    await toOciForm(upper);
    return putDirAsLayer(store, upper, `layer from ${upper}`);
}

// EXTERNAL MODULE: ./src/util/lifecycle.ts
var lifecycle = __webpack_require__(57636);
// EXTERNAL MODULE: ./src/sandbox/sandbox.ts + 4 modules
var sandbox = __webpack_require__(74545);
// EXTERNAL MODULE: ./src/sources/safe-tar.ts
var safe_tar = __webpack_require__(82267);
// EXTERNAL MODULE: ./src/model/aci.ts + 2 modules
var model_aci = __webpack_require__(71604);
;// CONCATENATED MODULE: ./src/builders/aci/manifest.ts
/**
 * aci-packer's manifest as the builder reads it. The formats, the step schema and the appc
 * checks live in the model (src/model/aci.ts), which checks every manifest when the catalog
 * loads; the builder reads the file again at build time and takes its steps from there.
 */


/** The steps of a manifest document; throws a message naming the bad step and field. */
function parseSteps(doc) {
    const { steps, problems } = (0,model_aci/* checkSteps */.wO)(doc);
    if (problems.length)
        throw new Error(problems.map((p) => `${p.pointer.replace(`/${model_aci/* STEPS_KEY */.SI}/`, 'steps/')}: ${p.message}`).join('; '));
    return steps;
}

;// CONCATENATED MODULE: ./src/builders/aci/archive.ts
/**
 * image.aci: a tar of `manifest` and `rootfs/` (numeric owners, xattrs, stable headers).
 * The builder writes it from its work area; an ACI image reused from the store or restored
 * from the cache gets it again from its single layer and the manifest the catalog gives,
 * so out/<name>/image.aci exists after any run, not only after the run that built it.
 */










const ACI_COMPRESSION = {
    gzip: ['--gzip'],
    xz: ['--xz'],
    bzip2: ['--bzip2'],
    zstd: ['--zstd'],
    none: []
};
/** The node's manifest as it goes into image.aci: the file's fields over the defaults; throws when invalid. */
async function aciManifestFor(root, spec, arch) {
    if (!spec.file)
        throw new Error('an aci node needs "file": its aci-packer manifest');
    const doc = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.resolve)(root, spec.file), 'utf8'));
    const manifest = (0,model_aci/* mergeManifest */.ab)(doc, { name: (0,model_aci/* acIdentifier */.uD)(spec.name), arch });
    const problems = (0,model_aci/* checkManifest */.K7)(manifest);
    if (problems.length)
        throw new Error(`${spec.file}: not a valid appc image manifest:\n    ${problems.join('\n    ')}`);
    return manifest;
}
/** Writes `area/manifest` and tars it with `area/rootfs` into `dest` (temp + rename). */
async function writeAciArchive(area, manifest, compression, dest) {
    const flags = ACI_COMPRESSION[compression];
    if (!flags)
        throw new Error(`compression "${compression}": expected gzip, xz, bzip2, zstd or none`);
    await (0,promises_.writeFile)((0,external_node_path_.join)(area, 'manifest'), `${JSON.stringify(manifest, null, 2)}\n`);
    const tmp = `${dest}.tmp-${process.pid}`;
    try {
        await (0,exec/* run */.eF)('tar', [
            '--create',
            `--file=${tmp}`,
            ...flags,
            ...TAR_CREATE_STABLE,
            ...unpacked/* TAR_KEEP_ALL */.iC,
            '--directory',
            area,
            'manifest',
            'rootfs'
        ]);
        await (0,promises_.rename)(tmp, dest);
    }
    finally {
        await (0,promises_.rm)(tmp, { force: true });
    }
}
/** image.aci of an ACI image already in the store (its layers unpacked as rootfs/), written to `dest`. */
async function aciArchiveFromImage(root, spec, image, workDir, dest) {
    const manifest = await aciManifestFor(root, spec, image.config.architecture);
    const area = (0,sandbox/* uniqueDir */.vZ)(workDir, 'aci-archive');
    await (0,promises_.mkdir)((0,external_node_path_.join)(area, 'rootfs'), { recursive: true, mode: 0o755 });
    const remove = (0,lifecycle/* trackDir */.F3)(area);
    try {
        // The builder stores the root file system as one layer with no whiteouts: plain extraction.
        for (const layer of image.layers) {
            // A restored image came from a cache: its entries are checked as any other layer's.
            await (0,safe_tar/* checkTar */.Im)((0,digest/* verifiedReadStream */.jz)(layer.path, layer.digest, layer.size), `layer ${layer.diffID}`, undefined, {
                root: (0,external_node_path_.join)(area, 'rootfs')
            });
            await (0,exec/* run */.eF)('tar', [
                '--extract',
                `--file=${layer.path}`,
                '--directory',
                (0,external_node_path_.join)(area, 'rootfs'),
                '--same-permissions',
                '--same-owner',
                ...unpacked/* TAR_KEEP_ALL */.iC
            ]);
        }
        await writeAciArchive(area, manifest, spec.args.compression ?? 'gzip', dest);
    }
    finally {
        remove();
    }
}

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/store/layout.ts + 1 modules
var layout = __webpack_require__(88405);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(56118);
// EXTERNAL MODULE: ./src/util/in-root.ts
var in_root = __webpack_require__(71706);
;// CONCATENATED MODULE: ./src/sandbox/links.ts
/**
 * Host tools (GNU tar, cp) lay packs, tarballs and copies into the mounted root from
 * outside the chroot, so a symlink of the image on the way is followed as the HOST sees
 * it: `opt -> /usr/local` would send `opt/x` to the host's /usr/local. Before such a
 * step, every directory it writes through is looked up in the image's layers; a link with
 * an absolute target, or one climbing above the root, is refused. Relative links inside
 * the root (a merged /usr's `bin -> usr/bin`) are fine: followed from the root they land
 * in the image.
 */


class EscapingLinkError extends Error {
    path;
    link;
    target;
    constructor(path, link, target) {
        super(`writing /${path} would go through /${link} -> ${target}, a link a host tool would follow out of the image; write to the target path instead`);
        this.path = path;
        this.link = link;
        this.target = target;
        this.name = 'EscapingLinkError';
    }
}
/**
 * Throws EscapingLinkError if writing into directory `rel` (relative to the root) would leave
 * the image: every link on the way (a chain too: `lib -> foo`, `foo/modules -> /x`) is looked
 * up in the layers, and one whose target the host would read differently from the image
 * (absolute, or climbing above the root from where it is) is refused.
 */
async function checkWriteDir(imageDirs, rel) {
    const { links } = await (0,in_root/* secureJoinLayers */.sw)(imageDirs, rel);
    for (const l of links) {
        const fromRoot = external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(l.path), l.target));
        if (l.target.startsWith('/') || fromRoot === '..' || fromRoot.startsWith('../'))
            throw new EscapingLinkError(rel, l.path, l.target);
    }
}
/** Checks every directory a list of root-relative paths writes through (their parents; `dirs` themselves). */
async function checkWritePaths(imageDirs, files, dirs = []) {
    const seen = new Set();
    const add = (d) => {
        if (d && d !== '.')
            seen.add(d);
    };
    for (const f of files)
        add(external_node_path_.posix.dirname(f.replace(/^\.?\/+/, '').replace(/\/+$/, '')));
    for (const d of dirs)
        add(d.replace(/^\.?\/+/, '').replace(/\/+$/, ''));
    for (const d of [...seen].sort())
        await checkWriteDir(imageDirs, d);
}

// EXTERNAL MODULE: ./src/sources/compression.ts
var compression = __webpack_require__(12328);
;// CONCATENATED MODULE: ./src/builders/overlay.ts
/**
 * The overlay builder: the base image's layers, read-only, under a writable upper
 * directory in the sandbox; the steps of the node's `overlay` spec change the tree; the
 * upper directory becomes ONE new layer on top of the base's.
 *
 * Stage order (genoci's, which IMAGES.json overlay nodes share): pre → packs → copy →
 * install → expand → run → post. `post` hooks also run after a failed stage (genoci used
 * them to undo what `pre` set up); the first failure is the one reported.
 */















const OVERLAY_BUILDER_VERSION = '1';
// Keep GNU tar from replacing a merged-/usr image's `bin -> usr/bin` with a directory, and
// from changing the mode or owner of directories the image already has.
const EXTRACT_FLAGS = '--no-overwrite-dir --keep-directory-symlink --numeric-owner --xattrs --xattrs-include=*';
class OverlayBuilder {
    opts;
    constructor(opts = {}) {
        this.opts = opts;
    }
    async build(ctx) {
        const spec = ctx.image.spec;
        const o = spec.overlay ?? {};
        const name = spec.name;
        const lowers = await (0,unpacked/* unpackLayers */.rz)(ctx.base?.layers ?? [], this.opts.cacheDir ?? unpacked/* DEFAULT_CACHE_DIR */.Ti, ctx.reporter).catch((e) => {
            throw new errors/* BuildError */.zS(name, 'unpack base', (0,errors/* errorMessage */.gJ)(e));
        });
        const sb = await sandbox/* Sandbox */.ak.open({
            dir: (0,external_node_path_.join)(ctx.workDir, 'sandbox'),
            lowers,
            mounts: o.mounts,
            policyRcD: o.policyRcD,
            env: { ...(0,sandbox/* envFromList */.a6)(ctx.base?.config.config?.Env), ...o.env },
            reporter: ctx.reporter,
            signal: ctx.signal
        });
        try {
            // genoci's recipes name the user's own host files by absolute path; Kiln's catalogs may not.
            const steps = new Steps(sb, spec, ctx.catalog.root, ctx.reporter, ctx.catalog.format === 'genoci');
            let failure = null;
            try {
                await steps.all(o);
            }
            catch (e) {
                failure = e;
            }
            for (const [i, hook] of (o.post ?? []).entries()) {
                try {
                    await steps.hook(hook, `post[${i}]`);
                }
                catch (e) {
                    if (!failure)
                        failure = e;
                    else
                        ctx.reporter.warn(`${name}: post[${i}] failed too: ${(0,errors/* errorMessage */.gJ)(e)}`);
                }
            }
            if (failure)
                throw failure;
            const layer = await upperToLayer(ctx.store, sb.upper).catch((e) => {
                throw new errors/* BuildError */.zS(name, 'layer', (0,errors/* errorMessage */.gJ)(e), e.tail ?? []);
            });
            return {
                layers: [...(ctx.base?.layers ?? []), layer],
                config: overlayConfig(spec, ctx.base, o),
                annotations: o.annotations
            };
        }
        finally {
            await sb.close();
        }
    }
}
const overlayBuilder = new OverlayBuilder();
/** The stages, in genoci's fixed order. */
class Steps {
    sb;
    spec;
    root;
    reporter;
    hostPaths;
    constructor(sb, spec, root, reporter, hostPaths = false) {
        this.sb = sb;
        this.spec = spec;
        this.root = root;
        this.reporter = reporter;
        this.hostPaths = hostPaths;
    }
    async all(o) {
        for (const [i, hook] of (o.pre ?? []).entries())
            await this.hook(hook, `pre[${i}]`);
        for (const [i, pack] of (o.packs ?? []).entries())
            await this.pack(pack, `packs[${i}]`);
        for (const [i, c] of (o.copy ?? []).entries())
            await this.copy(c.src, c.dest, `copy[${i}]`);
        if (o.install?.length)
            await this.install(o.install);
        for (const [i, t] of (o.expand ?? []).entries())
            await this.tarball(t, `expand[${i}]`);
        for (const [i, r] of (o.run ?? []).entries())
            await this.run(r, `run[${i}]`);
    }
    /** A host command (genoci's pre/post), %ROOT% replaced by the mounted root. */
    async hook(cmd, step) {
        const text = cmd.split('%ROOT%').join(this.sb.root);
        await this.check(step, this.sb.host(['/bin/sh', '-ec', text], { cwd: this.root, ...this.lines(step) }));
    }
    async pack(p, step) {
        const abs = this.path(p, step);
        const st = await (0,promises_.stat)(abs).catch(() => null);
        if (!st)
            throw new errors/* BuildError */.zS(this.spec.name, step, `${p}: no such file or directory`);
        if (!st.isDirectory())
            return this.tarball(p, step);
        const { stdout } = await (0,exec/* run */.eF)('find', [abs, '-mindepth', '1', '-type', 'd', '-printf', '%P\\n']);
        await this.linksSafe(step, [], ['.', ...stdout.split('\n').filter(Boolean)]);
        // The pack's files become root's: a checkout's owner means nothing inside an image.
        const script = `tar -C "$1" -cf - --numeric-owner --owner=0 --group=0 . | tar -C "$KILN_ROOT" -xpf - ${EXTRACT_FLAGS}`;
        await this.check(step, this.sb.host(['/bin/sh', '-ec', script, 'kiln-pack', abs], this.lines(step)));
    }
    /**
     * A tarball (any compression) laid over the root, after every entry was checked: in the
     * archive (checkedTar: names, links to links), and against the image's own links on the
     * way to each entry and to each hardlink's target. The image is checked in its layers
     * (checkWritePaths), not with checkTar's `root`: the merged root exists only inside the
     * sandbox's mount namespace, so on the host it is an empty directory.
     */
    async tarball(p, step) {
        const abs = this.path(p, step);
        const listed = await listCheckedTar(abs, p, this.reporter).catch((e) => {
            throw new errors/* BuildError */.zS(this.spec.name, step, (0,errors/* errorMessage */.gJ)(e), [], e instanceof safe_tar/* TarSafetyError */.Kq);
        });
        await this.linksSafe(step, [...listed.files, ...listed.linkTargets], listed.dirs);
        const script = `exec tar -C "$KILN_ROOT" -xpf "$1" ${EXTRACT_FLAGS}`;
        await this.check(step, this.sb.host(['/bin/sh', '-ec', script, 'kiln-expand', abs], this.lines(step)));
    }
    async copy(src, dest, step) {
        const abs = this.path(src, step);
        const st = await (0,promises_.stat)(abs).catch(() => null);
        if (!st)
            throw new errors/* BuildError */.zS(this.spec.name, step, `${src}: no such file or directory`);
        if (dest.replace(/^\/+/, '').split('/').includes('..'))
            throw new errors/* BuildError */.zS(this.spec.name, step, `destination ${dest} leaves the image root`);
        // Where the copy lands as the image itself sees it: every link of the image on the way
        // is followed inside the image (`etc -> /x` sends etc/f to the image's /x/f), so cp,
        // running on the host, meets no link it could follow out of the image.
        let to = await this.inImage(dest, step);
        // cp's own rule, made explicit: into a directory the source keeps its name.
        if (dest.endsWith('/') || to.kind === 'dir')
            to = await this.inImage(`${to.rel}/${(0,external_node_path_.basename)(abs)}`, step);
        if (st.isDirectory()) {
            // A directory merged into an existing one writes through its subdirectories: checked as a pack's.
            const { stdout } = await (0,exec/* run */.eF)('find', [abs, '-mindepth', '1', '-type', 'd', '-printf', '%P\\n']);
            const dirs = stdout.split('\n').filter(Boolean);
            await this.linksSafe(step, [], [to.rel, ...dirs.map((d) => `${to.rel}/${d}`)]);
        }
        // -T: $2 is the destination itself; --remove-destination: a file there is replaced, not written through.
        const script = 'd="$KILN_ROOT/$2"; mkdir -p "$(dirname "$d")"; exec cp -RPT --remove-destination --preserve=mode,timestamps,links "$1" "$d"';
        await this.check(step, this.sb.host(['/bin/sh', '-ec', script, 'kiln-copy', abs, to.rel], this.lines(step)));
    }
    /** `path` inside the image as its layers show it (util/in-root), as a BuildError of `step` if it cannot be. */
    async inImage(path, step) {
        return (0,in_root/* secureJoinLayers */.sw)(this.sb.layers, path).catch((e) => {
            throw new errors/* BuildError */.zS(this.spec.name, step, (0,errors/* errorMessage */.gJ)(e));
        });
    }
    /** .deb with dpkg -i, .rpm with rpm -Uvh, inside; the packages are visible only during the step. */
    async install(pkgs) {
        const files = [];
        const debs = [];
        const rpms = [];
        for (const [i, p] of pkgs.entries()) {
            const abs = this.path(p, `install[${i}]`);
            const inImage = `.kiln/pkg/${i}-${(0,external_node_path_.basename)(abs)}`;
            files.push({ path: inImage, source: abs, mode: 0o644 });
            if (/\.deb$/i.test(p))
                debs.push(`/${inImage}`);
            else if (/\.rpm$/i.test(p))
                rpms.push(`/${inImage}`);
            else
                throw new errors/* BuildError */.zS(this.spec.name, `install[${i}]`, `${p}: not a .deb or .rpm`);
        }
        if (debs.length)
            await this.check('install', this.sb.exec(['dpkg', '-i', ...debs], { files, ...this.lines('install') }));
        if (rpms.length)
            await this.check('install', this.sb.exec(['rpm', '-Uvh', ...rpms], { files, ...this.lines('install') }));
    }
    /** An argv runs as it is; a string is a script: with a #! line it runs as a file, else with /bin/sh -ec. */
    async run(r, step) {
        if (Array.isArray(r))
            return this.check(step, this.sb.exec(r, this.lines(step)));
        if (r.startsWith('#!')) {
            const files = [{ path: '.kiln/run', content: r, mode: 0o755 }];
            return this.check(step, this.sb.exec(['/.kiln/run'], { files, ...this.lines(step) }));
        }
        return this.check(step, this.sb.exec(['/bin/sh', '-ec', r], this.lines(step)));
    }
    /** Refuses a host-side write through an image link that leads out of the image. */
    async linksSafe(step, files, dirs) {
        await checkWritePaths(this.sb.layers, files, dirs).catch((e) => {
            throw new errors/* BuildError */.zS(this.spec.name, step, (0,errors/* errorMessage */.gJ)(e));
        });
    }
    path(p, step) {
        if (this.hostPaths && (0,external_node_path_.isAbsolute)(p))
            return p;
        const abs = (0,external_node_path_.resolve)(this.root, p);
        if (abs !== this.root && !abs.startsWith(`${this.root}/`))
            throw new errors/* BuildError */.zS(this.spec.name, step, `${p} lies outside the project root`);
        return abs;
    }
    lines(step) {
        return { onLine: (l) => this.reporter.debug(`${this.spec.name} ${step}: ${l}`) };
    }
    async check(step, p) {
        const r = await p.catch((e) => {
            throw new errors/* BuildError */.zS(this.spec.name, step, (0,errors/* errorMessage */.gJ)(e));
        });
        if (r.exitCode !== 0) {
            const why = r.signal ? `killed by ${r.signal}` : `exited with status ${r.exitCode}`;
            throw new errors/* BuildError */.zS(this.spec.name, step, why, r.tail);
        }
    }
}
/** What a tarball writes, each entry checked on the way (TarSafetyError on the first bad one). */
async function listCheckedTar(file, label, reporter) {
    const out = { files: [], dirs: [], linkTargets: [] };
    const check = (0,safe_tar/* checkedTar */.FO)(label);
    const list = tar_stream.extract();
    list.on('entry', (h, body, next) => {
        // This parser may see an entry before the check upstream refuses it: a name that does
        // not normalise is left out here, and the check's TarSafetyError ends the pipeline.
        try {
            const name = (0,safe_tar/* normaliseEntryName */.cx)(h.name);
            if (h.type === 'directory')
                out.dirs.push(name);
            else
                out.files.push(name);
            if (h.type === 'link' && h.linkname)
                out.linkTargets.push((0,safe_tar/* normaliseEntryName */.cx)(h.linkname));
        }
        catch {
            /* refused upstream */
        }
        body.on('end', () => next());
        body.resume();
    });
    await (0,external_node_stream_promises_.pipeline)((0,compression/* decompressStream */.Ct)((0,external_node_fs_.createReadStream)(file), label, reporter), check, list);
    return out;
}
/** The base's config with the spec's Env, Entrypoint, Cmd and a history entry. */
function overlayConfig(spec, base, o) {
    const prev = base?.config;
    const conf = { ...prev?.config };
    if (o.env && Object.keys(o.env).length) {
        const env = { ...(0,sandbox/* envFromList */.a6)(conf.Env), ...o.env };
        conf.Env = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    }
    if (o.entrypoint) {
        conf.Entrypoint = o.entrypoint;
        // As in a Dockerfile: a new ENTRYPOINT drops the base's CMD.
        if (!o.cmd)
            conf.Cmd = null;
    }
    if (o.cmd)
        conf.Cmd = o.cmd;
    if (Object.keys(spec.labels).length)
        conf.Labels = { ...conf.Labels, ...spec.labels };
    const created = createdTime();
    return {
        architecture: prev?.architecture ?? (0,layout/* ociArch */.As)(spec.arch),
        os: prev?.os ?? 'linux',
        created,
        config: conf,
        history: [
            ...(prev?.history ?? []),
            { created, created_by: `kiln overlay ${spec.name}`, comment: summary(o) }
        ]
    };
}
function summary(o) {
    const parts = [];
    for (const k of ['pre', 'packs', 'copy', 'install', 'expand', 'run', 'post']) {
        const n = o[k]?.length;
        if (n)
            parts.push(`${k}: ${n}`);
    }
    return parts.join(', ') || 'no changes';
}
/** SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
function createdTime() {
    const sde = process.env.SOURCE_DATE_EPOCH;
    return sde && /^\d+$/.test(sde) ? new Date(Number(sde) * 1000).toISOString() : new Date().toISOString();
}

;// CONCATENATED MODULE: ./src/builders/aci/elf.ts
/**
 * Just enough of ELF (32 and 64 bit, either byte order) to follow a program's shared
 * library dependencies without running anything: PT_INTERP (the dynamic loader), and the
 * DT_NEEDED, DT_RPATH and DT_RUNPATH entries of PT_DYNAMIC. `ldd` is not used: it runs
 * the HOST's loader on the image's files and resolves against the host's libraries.
 */

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
/** Parses the dynamic-linking facts of an ELF file; null when the file is not ELF. */
async function readElf(path) {
    const fh = await (0,promises_.open)(path, 'r');
    try {
        const read = async (pos, len) => {
            const b = Buffer.alloc(len);
            const { bytesRead } = await fh.read(b, 0, len, pos);
            if (bytesRead < len)
                throw new Error(`${path}: truncated ELF (wanted ${len} bytes at ${pos})`);
            return b;
        };
        const ident = Buffer.alloc(64);
        const { bytesRead } = await fh.read(ident, 0, 64, 0);
        if (bytesRead < 52 || ident.readUInt32BE(0) !== 0x7f454c46)
            return null;
        const bits = ident[4] === 2 ? 64 : ident[4] === 1 ? 32 : 0;
        const le = ident[5] === 1;
        if (!bits || (ident[5] !== 1 && ident[5] !== 2))
            return null;
        const u16 = (b, o) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
        const u32 = (b, o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
        const word = (b, o) => bits === 64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o);
        const machine = u16(ident, 18);
        const phoff = bits === 64 ? word(ident, 32) : u32(ident, 28);
        const phentsize = u16(ident, bits === 64 ? 54 : 42);
        const phnum = u16(ident, bits === 64 ? 56 : 44);
        if (!phoff || !phnum)
            return { bits, machine, needed: [], rpath: [], runpath: [] };
        const ph = await read(phoff, phentsize * phnum);
        const loads = [];
        let dyn = null;
        let interp;
        for (let i = 0; i < phnum; i++) {
            const o = i * phentsize;
            const type = u32(ph, o);
            const offset = bits === 64 ? word(ph, o + 8) : u32(ph, o + 4);
            const vaddr = bits === 64 ? word(ph, o + 16) : u32(ph, o + 8);
            const filesz = bits === 64 ? word(ph, o + 32) : u32(ph, o + 16);
            if (type === PT_LOAD)
                loads.push({ vaddr, offset, filesz });
            else if (type === PT_DYNAMIC)
                dyn = { offset, size: filesz };
            else if (type === PT_INTERP)
                interp = (await read(offset, filesz)).toString('latin1').replace(/\0.*$/s, '');
        }
        const info = { bits, machine, interp, needed: [], rpath: [], runpath: [] };
        if (!dyn)
            return info;
        const d = await read(dyn.offset, dyn.size);
        const entSize = bits === 64 ? 16 : 8;
        const entries = [];
        let strtab = 0;
        for (let o = 0; o + entSize <= d.length; o += entSize) {
            const tag = word(d, o);
            const val = word(d, o + entSize / 2);
            if (tag === DT_NULL)
                break;
            if (tag === DT_STRTAB)
                strtab = val;
            else
                entries.push([tag, val]);
        }
        // DT_STRTAB is a virtual address: map it to a file offset through the PT_LOAD segments.
        const seg = loads.find((l) => strtab >= l.vaddr && strtab < l.vaddr + l.filesz);
        if (!seg)
            return info;
        const strOff = seg.offset + (strtab - seg.vaddr);
        const str = async (off) => {
            let out = Buffer.alloc(0);
            for (let pos = strOff + off;; pos += 256) {
                const b = Buffer.alloc(256);
                const { bytesRead: n } = await fh.read(b, 0, 256, pos);
                const z = b.subarray(0, n).indexOf(0);
                if (z >= 0 || n === 0)
                    return Buffer.concat([out, b.subarray(0, z >= 0 ? z : n)]).toString('utf8');
                out = Buffer.concat([out, b.subarray(0, n)]);
            }
        };
        for (const [tag, val] of entries) {
            if (tag === DT_NEEDED)
                info.needed.push(await str(val));
            else if (tag === DT_RPATH)
                info.rpath.push(...(await str(val)).split(':').filter(Boolean));
            else if (tag === DT_RUNPATH)
                info.runpath.push(...(await str(val)).split(':').filter(Boolean));
        }
        return info;
    }
    finally {
        await fh.close();
    }
}

;// CONCATENATED MODULE: ./src/builders/aci/closure.ts
/**
 * The shared-library closure of some programs, resolved against an image's OWN search
 * paths: DT_RPATH (when there is no DT_RUNPATH), DT_RUNPATH, the image's /etc/ld.so.conf
 * (with its includes), then the trusted directories (/lib, /usr/lib, their 64-bit and
 * multiarch forms). A candidate must be ELF of the same class and machine, as the
 * loader demands. Every symlink on the way is kept with its target.
 */




const MULTIARCH = {
    62: 'x86_64-linux-gnu',
    183: 'aarch64-linux-gnu',
    3: 'i386-linux-gnu',
    40: 'arm-linux-gnueabihf'
};
async function ldSoConfDirs(root) {
    const dirs = [];
    const seen = new Set();
    const readConf = async (file, depth) => {
        if (depth > 8 || seen.has(file))
            return;
        seen.add(file);
        const r = await (0,in_root/* resolveInRoot */.QD)(root, file);
        if (!r.real)
            return;
        const text = await (0,promises_.readFile)((0,external_node_path_.join)(root, r.real), 'utf8').catch(() => '');
        for (const raw of text.split('\n')) {
            const line = raw.replace(/#.*/, '').trim();
            if (!line)
                continue;
            const inc = /^include\s+(.+)$/.exec(line);
            if (inc) {
                for (const pat of inc[1].split(/\s+/)) {
                    const abs = pat.startsWith('/') ? pat : external_node_path_.posix.join('/etc', pat);
                    for (const f of await glob(root, abs))
                        await readConf(f, depth + 1);
                }
            }
            else if (line.startsWith('/'))
                dirs.push(line.replace(/\/+$/, ''));
        }
    };
    await readConf('/etc/ld.so.conf', 0);
    return dirs;
}
/** A one-level glob (`/etc/ld.so.conf.d/*.conf`) inside the root, sorted as ldconfig does. */
async function glob(root, pattern) {
    const dir = external_node_path_.posix.dirname(pattern);
    const re = new RegExp(`^${external_node_path_.posix
        .basename(pattern)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`);
    const r = await (0,in_root/* resolveInRoot */.QD)(root, dir);
    if (!r.real && r.real !== '')
        return [];
    const names = await (0,promises_.readdir)((0,external_node_path_.join)(root, r.real)).catch(() => []);
    return names
        .filter((n) => re.test(n))
        .sort()
        .map((n) => external_node_path_.posix.join(dir, n));
}
function trustedDirs(machine, bits) {
    const ma = MULTIARCH[machine];
    const dirs = ma ? [`/lib/${ma}`, `/usr/lib/${ma}`] : [];
    return [...dirs, ...(bits === 64 ? ['/lib64', '/usr/lib64'] : ['/lib32', '/usr/lib32']), '/lib', '/usr/lib'];
}
/**
 * The closure of `programs` (absolute paths inside the root). `place` says where the root is
 * in the message for a missing program ("in the image", "on the build host", ...).
 */
async function dependencyClosure(root, programs, place = 'in the image') {
    const keep = new Set();
    const missing = [];
    const confDirs = await ldSoConfDirs(root);
    const visited = new Set();
    const queue = [];
    const keepPath = async (p) => {
        const r = await (0,in_root/* resolveInRoot */.QD)(root, p);
        for (const l of r.links)
            keep.add(l);
        if (r.real !== null)
            keep.add(r.real);
        return r.real;
    };
    for (const p of programs) {
        const real = await keepPath(p);
        if (real === null)
            throw new Error(`${p} does not exist ${place}`);
        queue.push(real);
    }
    while (queue.length) {
        const real = queue.shift();
        if (visited.has(real))
            continue;
        visited.add(real);
        const elf = await readElf((0,external_node_path_.join)(root, real)).catch(() => null);
        if (!elf)
            continue;
        if (elf.interp) {
            const r = await keepPath(elf.interp);
            if (r === null)
                missing.push(`/${real}: loader ${elf.interp}`);
            else
                queue.push(r);
        }
        const origin = `/${(0,external_node_path_.dirname)(real)}`;
        const expand = (d) => d.replace(/\$\{?ORIGIN\}?/g, origin);
        const search = [
            ...(elf.runpath.length ? [] : elf.rpath.map(expand)),
            ...elf.runpath.map(expand),
            ...confDirs,
            ...trustedDirs(elf.machine, elf.bits)
        ];
        for (const lib of elf.needed) {
            const found = lib.includes('/')
                ? await matching(root, lib, elf)
                : await searchLib(root, lib, search, elf);
            if (!found) {
                missing.push(`/${real}: ${lib}`);
                continue;
            }
            const r = await keepPath(found);
            if (r !== null)
                queue.push(r);
        }
    }
    return { keep, missing };
}
async function searchLib(root, lib, dirs, want) {
    for (const d of dirs) {
        const hit = await matching(root, external_node_path_.posix.join(d, lib), want);
        if (hit)
            return hit;
    }
    return null;
}
async function matching(root, path, want) {
    const r = await (0,in_root/* resolveInRoot */.QD)(root, path);
    if (r.real === null)
        return null;
    const elf = await readElf((0,external_node_path_.join)(root, r.real)).catch(() => null);
    return elf && elf.bits === want.bits && elf.machine === want.machine ? path : null;
}

;// CONCATENATED MODULE: ./src/builders/aci/prune.ts
/** Keeping only some paths of a root: everything else goes, the directories leading to kept paths stay. */



/** Removes everything under `root` that is not in `keep` (paths) nor under one of `trees`. */
async function pruneRoot(root, keep, trees) {
    const ancestors = new Set();
    for (const p of [...keep, ...trees]) {
        const parts = p.split('/');
        for (let i = 1; i < parts.length; i++)
            ancestors.add(parts.slice(0, i).join('/'));
    }
    const treeSet = new Set(trees);
    let removed = 0;
    const visit = async (rel) => {
        for (const name of await (0,promises_.readdir)((0,external_node_path_.join)(root, rel))) {
            const r = rel ? `${rel}/${name}` : name;
            if (treeSet.has(r))
                continue;
            if (keep.has(r)) {
                // A kept directory keeps what is in it.
                continue;
            }
            const st = await (0,promises_.lstat)((0,external_node_path_.join)(root, r));
            if (ancestors.has(r) && st.isDirectory())
                await visit(r);
            else {
                await (0,promises_.rm)((0,external_node_path_.join)(root, r), { recursive: true, force: true });
                removed++;
            }
        }
    };
    await visit('');
    return removed;
}
/**
 * Creates directory `rel` inside the root as the image sees it (its links followed inside
 * the root, a dangling one's target created there); returns its real relative path.
 */
async function mkdirInRoot(root, rel) {
    const dir = await (0,in_root/* secureJoin */.If)(root, rel);
    await (0,promises_.mkdir)(dir, { recursive: true, mode: 0o755 });
    return (0,external_node_path_.relative)(root, dir);
}
/**
 * Copies host paths (relative to the host's /, as a closure lists them) into the root at
 * the same places: links are recreated where the root has nothing yet, files copied with
 * their mode. Where the root already has a link (a merged /usr), the copy goes through it.
 */
async function copyFromHost(root, paths) {
    for (const rel of [...paths].sort()) {
        const host = (0,external_node_path_.join)('/', rel);
        const st = await (0,promises_.lstat)(host);
        const parent = await mkdirInRoot(root, (0,external_node_path_.dirname)(rel) === '.' ? '' : (0,external_node_path_.dirname)(rel));
        const dest = (0,external_node_path_.join)(root, parent, external_node_path_.posix.basename(rel));
        const there = await (0,promises_.lstat)(dest).catch(() => null);
        if (st.isSymbolicLink()) {
            if (!there)
                await (0,promises_.symlink)(await (0,promises_.readlink)(host), dest);
        }
        else if (st.isFile()) {
            if (there?.isSymbolicLink())
                continue;
            await (0,promises_.copyFile)(host, dest);
            await (0,promises_.chmod)(dest, st.mode & 0o7777);
        }
        else if (st.isDirectory())
            await mkdirInRoot(root, rel);
    }
}

;// CONCATENATED MODULE: ./src/builders/aci/steps.ts
/**
 * The steps of aci-packer's current format that change the root from outside: symlink,
 * write, delete, mkdir and copy. They run on the host, as root, on a tree the image's own
 * content shaped, so every path inside the root goes through secureJoin/resolveInRoot
 * (src/util/in-root.ts): an image's symlink can never lead a write out of the root.
 *
 * `copy` reads from aci-packer's "host". Kiln builds on a base image, not on the build
 * machine, so that host is the node's base image (its tree, `hostRoot`), read the same safe
 * way; a relative source is a project file (relative to the manifest, as aci-packer's
 * working directory was).
 */





/** Path components of an in-image path, refusing one that names the root itself. */
function inImage(p, what) {
    const parts = external_node_path_.posix.normalize(`/${p}`).split('/').filter(Boolean);
    const base = parts.pop();
    if (!base)
        throw new Error(`${what} "${p}" names the image root`);
    return { dir: parts.join('/'), base };
}
/**
 * The host path of the entry `p` itself inside `root` (its parent resolved in the root, the
 * last component NOT followed): what to replace or remove without touching a link's target.
 */
async function entryPath(root, p, what) {
    const { dir, base } = inImage(p, what);
    return (0,external_node_path_.join)(await (0,in_root/* secureJoin */.If)(root, dir), base);
}
/**
 * Creates directory `p` and its missing parents inside `root` (following the root's own
 * links, inside the root), each new one with `mode`; returns its host path.
 */
async function makeDirs(root, p, mode) {
    let rel = '';
    let host = root;
    for (const part of external_node_path_.posix.normalize(`/${p}`).split('/').filter(Boolean)) {
        rel = `${rel}/${part}`;
        host = await (0,in_root/* secureJoin */.If)(root, rel);
        const st = await (0,promises_.lstat)(host).catch(() => null);
        if (!st) {
            // Recursive: an image link may lead to a path whose parents are missing too (they
            // are under the root: secureJoin resolved everything that exists).
            await (0,promises_.mkdir)(host, { recursive: true, mode });
            await (0,promises_.chmod)(host, mode);
        }
        else if (!st.isDirectory())
            throw new Error(`${rel} exists in the image and is not a directory`);
    }
    return host;
}
/** Removes the entry at `host` unless it is a directory; a directory in the way is an error. */
async function clearEntry(host, shown) {
    const st = await (0,promises_.lstat)(host).catch(() => null);
    if (!st)
        return;
    if (st.isDirectory())
        throw new Error(`${shown} is a directory in the image`);
    await (0,promises_.rm)(host, { force: true });
}
/** symlink: `[target, link]` pairs; the link replaces whatever file or link was there. */
async function symlinkStep(rootfs, links) {
    for (const [target, link] of links) {
        const { dir, base } = inImage(link, 'symlink');
        const parent = await makeDirs(rootfs, dir, 0o755);
        await clearEntry((0,external_node_path_.join)(parent, base), link);
        await (0,promises_.symlink)(target, (0,external_node_path_.join)(parent, base));
    }
}
/** write: `contents` into `path` (0644 when new; parents created), through the root's own links. */
async function writeStep(rootfs, path, contents) {
    const { dir } = inImage(path, 'write');
    await makeDirs(rootfs, dir, 0o755);
    const host = await (0,in_root/* secureJoin */.If)(rootfs, path);
    const st = await (0,promises_.lstat)(host).catch(() => null);
    if (st?.isDirectory())
        throw new Error(`${path} is a directory in the image`);
    await (0,promises_.writeFile)(host, contents, { mode: 0o644 });
}
/** delete: each entry itself (a link, not its target; a directory with all it holds); a missing one is fine. */
async function deleteStep(rootfs, files) {
    let removed = 0;
    for (const f of files) {
        const host = await entryPath(rootfs, f, 'delete');
        if (await (0,promises_.lstat)(host).catch(() => null)) {
            await (0,promises_.rm)(host, { recursive: true, force: true });
            removed++;
        }
    }
    return removed;
}
/** mkdir: each directory and its parents, new ones with `mode`; `owner` (uid, gid) for each listed one. */
async function mkdirStep(rootfs, dirs, mode, owner = {}) {
    for (const d of typeof dirs === 'string' ? [dirs] : dirs) {
        const host = await makeDirs(rootfs, d, mode);
        if (owner.uid !== undefined || owner.gid !== undefined)
            await (0,promises_.lchown)(host, owner.uid ?? -1, owner.gid ?? -1);
    }
}
/** glibc's libraries loaded by name at run time, added when a copied binary is dynamic (as aci-packer does). */
const GLIBC_DLOPENED = ['libnss_compat.so', 'libnss_dns.so', 'libnss_files.so', 'libresolv.so'];
/** copy: binaries with their library closure, executables found under directories, and `[src, dst]` files. */
async function copyStep(c, step) {
    const excludes = step.excludes ?? [];
    const excluded = (p) => excludes.some((x) => p.startsWith(x));
    const owner = { uid: step.uid ?? 0, gid: step.gid ?? 0, mode: step.mode };
    const needHost = (p) => {
        if (c.hostRoot === null)
            throw new Error(`copy ${p}: the node has no base image, which is where Kiln reads aci-packer's host files`);
        return c.hostRoot;
    };
    // [src, dst] pairs to copy; programs whose library closure comes too (base-image paths).
    const pairs = [];
    const programs = [];
    for (const b of step.binaries ?? []) {
        const [src, dst] = typeof b === 'string' ? [b, b] : b;
        if (external_node_path_.posix.isAbsolute(src))
            programs.push(src);
        pairs.push([src, dst]);
    }
    for (const dir of step.find_executable ?? []) {
        const host = needHost(dir);
        const found = await executablesUnder(host, dir, excluded);
        if (found === null)
            throw new Error(`copy: find_executable ${dir} is not a directory in the base image`);
        programs.push(...found);
        pairs.push(...found.map((p) => [p, p]));
    }
    if (programs.length) {
        const host = needHost(programs[0]);
        const closure = await dependencyClosure(host, programs, 'in the base image');
        for (const m of closure.missing)
            c.reporter.warn(`${c.image}: copy: library not found in the base image: ${m}`);
        const libs = [...closure.keep].filter((rel) => !programs.some((p) => external_node_path_.posix.normalize(p) === `/${rel}`));
        if (libs.length)
            libs.push(...(await glibcDlopened(host)));
        for (const rel of libs.sort())
            if (!excluded(`/${rel}`))
                await copyHostEntry(c, host, rel, `/${rel}`, owner);
    }
    pairs.push(...(step.files ?? []));
    for (const [src, dst] of pairs) {
        if (excluded(src))
            continue;
        if (!external_node_path_.posix.isAbsolute(src)) {
            await copyProjectPath(c, c.projectPath(src), src, dst, owner, excluded);
            continue;
        }
        const host = needHost(src);
        const r = await (0,in_root/* resolveInRoot */.QD)(host, src);
        if (r.real === null)
            throw new Error(`copy: ${src} does not exist in the base image`);
        const st = await (0,promises_.lstat)((0,external_node_path_.join)(host, r.real));
        // shutil.copy2 onto a directory copies into it; a directory source is copied whole.
        const dest = !st.isDirectory() && (await isDirInRoot(c.rootfs, dst)) ? external_node_path_.posix.join(dst, external_node_path_.posix.basename(src)) : dst;
        if (st.isDirectory())
            await copyHostTree(c, host, r.real, dest, owner, excluded);
        else
            await copyHostEntry(c, host, r.real, dest, owner);
    }
}
async function isDirInRoot(root, p) {
    const r = await (0,in_root/* resolveInRoot */.QD)(root, p);
    return r.real !== null && (await (0,promises_.lstat)((0,external_node_path_.join)(root, r.real))).isDirectory();
}
/** Regular files with an execute bit under `dir` (a base-image path), not under an excluded prefix. */
async function executablesUnder(host, dir, excluded) {
    const r = await (0,in_root/* resolveInRoot */.QD)(host, dir);
    if (r.real === null || !(await (0,promises_.lstat)((0,external_node_path_.join)(host, r.real))).isDirectory())
        return null;
    const out = [];
    const visit = async (rel) => {
        if (excluded(`/${rel}`))
            return;
        for (const name of (await (0,promises_.readdir)((0,external_node_path_.join)(host, rel))).sort()) {
            const child = `${rel}/${name}`;
            const st = await (0,promises_.lstat)((0,external_node_path_.join)(host, child));
            if (st.isDirectory())
                await visit(child);
            else if (st.isFile() && st.mode & 0o111 && !excluded(`/${child}`))
                out.push(`/${child}`);
        }
    };
    await visit(r.real);
    return out;
}
/** glibc's NSS and resolver libraries in the base image's library directories. */
async function glibcDlopened(host) {
    const out = [];
    for (const d of [...new Set([...trustedDirs(62, 64), ...trustedDirs(183, 64)])]) {
        const r = await (0,in_root/* resolveInRoot */.QD)(host, d);
        if (r.real === null)
            continue;
        const names = await (0,promises_.readdir)((0,external_node_path_.join)(host, r.real)).catch(() => []);
        for (const n of names.sort())
            if (GLIBC_DLOPENED.some((g) => n.startsWith(g)))
                out.push(`${r.real}/${n}`);
    }
    return out;
}
/**
 * One entry of a source tree (`srcRoot`/`rel`, never followed) to `dst` inside the root: a
 * link is made again as a link, a file copied (times kept, mode from the step or the
 * source), a directory created. What was at `dst` (not a directory) is replaced.
 */
async function copyEntry(rootfs, srcHostPath, dst, owner) {
    const st = await (0,promises_.lstat)(srcHostPath);
    const { dir, base } = inImage(dst, 'copy destination');
    const parent = await makeDirs(rootfs, dir, 0o755);
    const dest = (0,external_node_path_.join)(parent, base);
    if (st.isDirectory()) {
        // A directory merges with what is there, also through the image's own links (a merged
        // /usr's /lib): resolved inside the root, never replaced.
        const into = await (0,in_root/* secureJoin */.If)(rootfs, dst);
        const there = await (0,promises_.lstat)(into).catch(() => null);
        if (!there) {
            await (0,promises_.mkdir)(into, { recursive: true });
            await (0,promises_.chmod)(into, st.mode & 0o7777);
        }
        else if (!there.isDirectory())
            throw new Error(`${dst} exists in the image and is not a directory`);
        await (0,promises_.lchown)(into, owner.uid, owner.gid);
        return;
    }
    await clearEntry(dest, dst);
    if (st.isSymbolicLink()) {
        await (0,promises_.symlink)(await (0,promises_.readlink)(srcHostPath), dest);
    }
    else if (st.isFile()) {
        // EXCL: never opened through anything that appeared at `dest` meanwhile.
        await (0,promises_.copyFile)(srcHostPath, dest, external_node_fs_.constants.COPYFILE_EXCL);
        await (0,promises_.chmod)(dest, owner.mode ?? st.mode & 0o7777);
        await (0,promises_.utimes)(dest, st.atime, st.mtime);
    }
    else
        return; // devices, sockets, fifos: not aci-packer's business
    await (0,promises_.lchown)(dest, owner.uid, owner.gid);
}
async function copyHostEntry(c, host, rel, dst, owner) {
    await copyEntry(c.rootfs, (0,external_node_path_.join)(host, rel), dst, owner);
}
/** A base-image directory (`rel`, already resolved) copied whole to `dst`, merging with what is there. */
async function copyHostTree(c, host, rel, dst, owner, excluded) {
    await walkCopy(c.rootfs, (0,external_node_path_.join)(host, rel), `/${rel}`, dst, owner, excluded);
}
async function copyProjectPath(c, abs, shown, dst, owner, excluded) {
    const st = await (0,promises_.lstat)(abs).catch(() => null);
    if (!st)
        throw new Error(`copy: ${shown} does not exist in the project`);
    if (st.isDirectory())
        return walkCopy(c.rootfs, abs, shown, dst, owner, excluded);
    const dest = (await isDirInRoot(c.rootfs, dst)) ? external_node_path_.posix.join(dst, external_node_path_.posix.basename(shown)) : dst;
    await copyEntry(c.rootfs, abs, dest, owner);
}
/** Copies the tree at `srcHost` (shown to excludes as `srcShown`) to `dst`, entry by entry, links as links. */
async function walkCopy(rootfs, srcHost, srcShown, dst, owner, excluded) {
    await copyEntry(rootfs, srcHost, dst, owner);
    for (const name of (await (0,promises_.readdir)(srcHost)).sort()) {
        const shown = external_node_path_.posix.join(srcShown, name);
        if (excluded(shown))
            continue;
        const src = (0,external_node_path_.join)(srcHost, name);
        const to = external_node_path_.posix.join(dst, name);
        if ((await (0,promises_.lstat)(src)).isDirectory())
            await walkCopy(rootfs, src, shown, to, owner, excluded);
        else
            await copyEntry(rootfs, src, to, owner);
    }
}

;// CONCATENATED MODULE: ./src/builders/aci/builder.ts
/**
 * The ACI builder (aci-packer's steps, in a sandbox). The steps work on a root file system
 * directory, since `extract` deletes most of it: `image` unpacks a tarball there (or the
 * node's base from the chain: also what happens when an old-format manifest has no `image`
 * step; a current-format one starts empty), `cmd`, `ansible`, `shell` and `ld.so.cache` run
 * with that directory as the sandbox's writable root, `extract`, `create_python_env`,
 * `copy_host_files` and the current format's file steps (steps.ts) work on it from outside.
 * aci-packer's "host" for `copy` and `ld.so.cache` is the node's base image.
 *
 * Output: `image.aci` (a tar of `manifest` and `rootfs/`, numeric owners; compression from
 * the node's `args.compression`: gzip (default), xz, bzip2, zstd or none) returned as an artifact,
 * and the same root file system as a single-layer image in the store (app.exec →
 * Entrypoint, app.environment → Env), so the bare-metal archives work for ACI images too.
 */





















const NO_CHROOT_SETUP = { dns: false, hosts: false, mounts: [], policyRcD: false };
class AciBuilder {
    opts;
    constructor(opts = {}) {
        this.opts = opts;
    }
    async build(ctx) {
        const spec = ctx.image.spec;
        const name = spec.name;
        const fail = (step, e) => {
            if (e instanceof errors/* BuildError */.zS)
                throw e;
            throw new errors/* BuildError */.zS(name, step, (0,errors/* errorMessage */.gJ)(e), e instanceof exec/* ExecError */.cI ? e.tail : []);
        };
        if (!spec.file)
            throw new errors/* BuildError */.zS(name, 'manifest', 'an aci node needs "file": its aci-packer manifest');
        const manifestFile = (0,external_node_path_.resolve)(ctx.catalog.root, spec.file);
        let doc = {};
        let steps = [];
        try {
            doc = JSON.parse(await (0,promises_.readFile)(manifestFile, 'utf8'));
            steps = parseSteps(doc);
        }
        catch (e) {
            fail(`manifest ${spec.file}`, e);
        }
        const compression = spec.args.compression ?? 'gzip';
        if (!ACI_COMPRESSION[compression])
            throw new errors/* BuildError */.zS(name, 'args.compression', `"${compression}": expected gzip, xz, bzip2, zstd or none`);
        const area = (0,external_node_path_.join)(ctx.workDir, 'aci');
        await (0,promises_.mkdir)(area, { recursive: true });
        const removeArea = (0,lifecycle/* trackDir */.F3)(area);
        const rootfs = (0,external_node_path_.join)(area, 'rootfs');
        await (0,promises_.mkdir)(rootfs, { mode: 0o755 });
        await (0,promises_.chmod)(rootfs, 0o755);
        try {
            let chroot = NO_CHROOT_SETUP;
            // With no image step, the old format starts from the base (Kiln's rule); the current one
            // starts empty, as acipacker.py does: its recipes build up from the host with `copy`.
            const fillsRoot = steps.some((s) => s.step === 'image' || s.step === 'create_python_env');
            if (!fillsRoot && !(0,model_aci/* isCurrentFormat */.DT)(doc) && ctx.base)
                await this.fromBase(ctx, rootfs, area).catch((e) => fail('image (base)', e));
            // aci-packer's "host" for copy and ld.so.cache: the base image's tree, made on first use.
            let hostTree;
            const host = () => (hostTree ??= ctx.base ? this.baseTree(ctx, area) : Promise.resolve(null));
            for (const [i, step] of steps.entries()) {
                const where = `step ${i} (${step.name ? `${step.name}: ` : ''}${step.step})`;
                ctx.reporter.info(`${name}: ${where}`);
                try {
                    switch (step.step) {
                        case 'image':
                            if (step.from === 'base' || (!step.path && !step.url))
                                await this.fromBase(ctx, rootfs, area);
                            else
                                await this.image(ctx, step, rootfs, area);
                            break;
                        case 'setup_chroot':
                            chroot = chrootOptions(step, true);
                            break;
                        case 'cmd':
                            await this.cmd(ctx, step, rootfs, area, chroot, where);
                            break;
                        case 'ansible':
                            await this.ansible(ctx, step, rootfs, area, chrootOptions(step, false), where);
                            break;
                        case 'extract':
                            await this.extract(ctx, rootfs, step.binaries, step.keeps ?? [], []);
                            break;
                        case 'create_python_env':
                            await this.pythonEnv(ctx, rootfs, step.python_exe ?? '/usr/bin/python3');
                            break;
                        case 'copy_host_files':
                            await this.copyHostFiles(ctx, rootfs, step.binaries ?? [], step.files ?? []);
                            break;
                        case 'shell':
                            await this.shell(ctx, step.cmd, rootfs, area, chroot, where);
                            break;
                        case 'copy':
                            await copyStep({
                                rootfs,
                                hostRoot: await host(),
                                projectPath: (p) => stepPath(ctx, p),
                                reporter: ctx.reporter,
                                image: name
                            }, { ...step, mode: step.mode === undefined ? undefined : (0,model_aci/* modeNumber */.Zp)(step.mode, 0o644) });
                            break;
                        case 'symlink':
                            await symlinkStep(rootfs, step.links);
                            break;
                        case 'write':
                            await writeStep(rootfs, step.path, step.contents);
                            break;
                        case 'delete':
                            await deleteStep(rootfs, step.files);
                            break;
                        case 'mkdir':
                            // aci-packer: os.makedirs(path, 0o777) under the usual umask 022.
                            await mkdirStep(rootfs, step.dirs, (0,model_aci/* modeNumber */.Zp)(step.mode, 0o777 & ~0o022), step);
                            break;
                        case 'ld.so.cache':
                            await this.ldSoCache(ctx, step, rootfs, area, await host(), where);
                            break;
                    }
                }
                catch (e) {
                    fail(where, e);
                }
            }
            const arch = ctx.base?.config.architecture ?? (0,layout/* ociArch */.As)(spec.arch);
            let manifest;
            try {
                manifest = await aciManifestFor(ctx.catalog.root, spec, arch);
            }
            catch (e) {
                fail(`manifest ${spec.file}`, e);
            }
            const aci = (0,external_node_path_.join)(ctx.workDir, 'image.aci');
            await writeAciArchive(area, manifest, compression, aci).catch((e) => fail('image.aci', e));
            const layer = await putDirAsLayer(ctx.store, rootfs, `${name} rootfs`).catch((e) => fail('layer', e));
            return {
                layers: [layer],
                config: aciConfig(manifest, arch, name),
                artifacts: { 'image.aci': aci }
            };
        }
        finally {
            removeArea();
        }
    }
    /** The base image's tree in a directory of its own: what copy and ld.so.cache read as the "host". */
    async baseTree(ctx, area) {
        const dir = (0,external_node_path_.join)(area, 'host');
        await (0,promises_.mkdir)(dir, { mode: 0o755 });
        await this.fromBase(ctx, dir, area);
        return dir;
    }
    /** shell: a host command (sh -c), its environment only ROOTFS (and a PATH), as aci-packer ran it. */
    async shell(ctx, cmd, rootfs, area, c, where) {
        await this.inSandbox(ctx, rootfs, area, c, (sb) => sb.host(['env', '-i', `ROOTFS=${sb.root}`, `PATH=${sandbox/* DEFAULT_PATH */.OM}`, '/bin/sh', '-c', cmd], {
            cwd: manifestDir(ctx),
            onLine: (l) => ctx.reporter.info(`${ctx.image.spec.name} ${where}: ${l}`)
        }), where);
    }
    /**
     * ld.so.cache: the base image's ldconfig (a static program: it runs inside the root, as
     * `cmd` does) writes the root's /etc/ld.so.cache. With host_base, the configuration is the
     * base image's ld.so.conf directories followed by the root's own.
     */
    async ldSoCache(ctx, step, rootfs, area, hostRoot, where) {
        const ldconfig = step.ldconfig ?? '/sbin/ldconfig';
        if (hostRoot === null)
            throw new Error(`${ldconfig}: the node has no base image, which is where Kiln reads aci-packer's host files`);
        const r = await (0,in_root/* resolveInRoot */.QD)(hostRoot, ldconfig);
        if (r.real === null)
            throw new Error(`${ldconfig} does not exist in the base image`);
        const elf = await readElf((0,external_node_path_.join)(hostRoot, r.real)).catch(() => null);
        if (!elf)
            throw new Error(`${ldconfig} in the base image is not an ELF program`);
        if (elf.interp)
            throw new Error(`${ldconfig} in the base image is dynamically linked: ld.so.cache needs a static ldconfig`);
        await makeDirs(rootfs, 'etc', 0o755);
        const files = [
            { path: '.kiln/ldconfig', source: (0,external_node_path_.join)(hostRoot, r.real), mode: 0o755 }
        ];
        const argv = ['/.kiln/ldconfig'];
        if (step.host_base) {
            const dirs = [...new Set([...(await ldSoConfDirs(hostRoot)), ...(await ldSoConfDirs(rootfs))])];
            files.push({ path: '.kiln/ld.so.conf', content: dirs.map((d) => `${d}\n`).join(''), mode: 0o644 });
            argv.push('-f', '/.kiln/ld.so.conf');
        }
        const o = {
            files,
            onLine: (l) => ctx.reporter.debug(`${ctx.image.spec.name} ${where}: ${l}`)
        };
        await this.inSandbox(ctx, rootfs, area, NO_CHROOT_SETUP, (sb) => sb.exec(argv, o), where);
    }
    /** The base image of the chain, materialised as a plain directory (the steps delete from it). */
    async fromBase(ctx, rootfs, area) {
        if (!ctx.base)
            throw new Error('no base image: give an image step with "path" or "url"');
        const lowers = await (0,unpacked/* unpackLayers */.rz)(ctx.base.layers, this.opts.cacheDir ?? unpacked/* DEFAULT_CACHE_DIR */.Ti, ctx.reporter);
        const sb = await sandbox/* Sandbox */.ak.open({
            dir: (0,sandbox/* uniqueDir */.vZ)(area, 'base'),
            lowers,
            dns: false,
            hosts: false,
            reporter: ctx.reporter,
            signal: ctx.signal
        });
        try {
            const r = await sb.host(['cp', '-a', '--', `${sb.root}/.`, `${rootfs}/`]);
            if (r.exitCode !== 0)
                throw new exec/* ExecError */.cI('cp -a', r.exitCode, r.tail, `exited with status ${r.exitCode}`);
        }
        finally {
            await sb.close();
        }
    }
    async image(ctx, step, rootfs, area) {
        let file;
        if (step.path)
            file = stepPath(ctx, step.path);
        else {
            const url = new URL(step.url);
            if (url.protocol === 'file:')
                file = url.pathname;
            else if (url.protocol === 'http:' || url.protocol === 'https:') {
                file = (0,external_node_path_.join)(area, `download-${(0,external_node_path_.basename)(url.pathname) || 'image'}`);
                // The one step that needs the network at build time: say so, with the real cause.
                const res = await fetch(url, { signal: ctx.signal }).catch((e) => {
                    throw new Error(`fetch ${url.href}: ${networkCause(e)}`);
                });
                if (!res.ok || !res.body)
                    throw new Error(`fetch ${url.href}: HTTP ${res.status} ${res.statusText}`.trim());
                await (0,promises_.writeFile)(file, Buffer.from(await res.arrayBuffer()));
            }
            else
                throw new Error(`${url.href}: only file:, http: and https: URLs are supported`);
        }
        // An earlier step may have filled the root already: its symlinks count as well.
        await (0,safe_tar/* checkTar */.Im)((0,external_node_fs_.createReadStream)(file), file, ctx.reporter, { root: rootfs });
        await (0,exec/* run */.eF)('tar', [
            '--extract',
            `--file=${file}`,
            '--directory',
            rootfs,
            '--same-permissions',
            '--same-owner',
            ...unpacked/* TAR_KEEP_ALL */.iC,
            '--keep-directory-symlink'
        ]);
    }
    async cmd(ctx, step, rootfs, area, c, where) {
        const args = (step.args ?? []).map(String);
        const o = { onLine: (l) => ctx.reporter.debug(`${ctx.image.spec.name} ${where}: ${l}`) };
        let argv = [step.path, ...args];
        if ((0,model_aci/* cmdCopies */.ks)(step)) {
            const inImage = `.kiln/cmd-${(0,external_node_path_.basename)(step.path)}`;
            o.files = [{ path: inImage, source: stepPath(ctx, step.path), mode: 0o755 }];
            argv = [`/${inImage}`, ...args];
        }
        await this.inSandbox(ctx, rootfs, area, c, (sb) => sb.exec(argv, o), where);
    }
    async ansible(ctx, step, rootfs, area, c, where) {
        const playbook = stepPath(ctx, step.playbook);
        const inventory = (0,external_node_path_.join)(area, 'inventory');
        await this.inSandbox(ctx, rootfs, area, c, async (sb) => {
            // The chroot connection, with chroot itself replaced: each task runs in a container.
            await (0,promises_.writeFile)(inventory, `[aci]\n${sb.root} ansible_connection=chroot ansible_chroot_exe=${sb.chrootProgram}\n`);
            return sb.beside(['ansible-playbook', '-i', inventory, playbook], {
                cwd: manifestDir(ctx),
                env: {
                    ANSIBLE_HOST_KEY_CHECKING: 'False',
                    ANSIBLE_NOCOLOR: '1',
                    ANSIBLE_RETRY_FILES_ENABLED: 'False'
                },
                onLine: (l) => ctx.reporter.debug(`${ctx.image.spec.name} ${where}: ${l}`)
            });
        }, where);
    }
    async inSandbox(ctx, rootfs, area, c, f, where) {
        const sb = await sandbox/* Sandbox */.ak.open({
            dir: (0,sandbox/* uniqueDir */.vZ)(area, 'sb'),
            lowers: [],
            upper: rootfs,
            dns: c.dns,
            hosts: c.hosts,
            mounts: c.mounts,
            policyRcD: c.policyRcD,
            reporter: ctx.reporter,
            signal: ctx.signal
        });
        try {
            const r = await f(sb);
            if (r.exitCode !== 0)
                throw new errors/* BuildError */.zS(ctx.image.spec.name, where, r.signal ? `killed by ${r.signal}` : `exited with status ${r.exitCode}`, r.tail);
        }
        finally {
            await sb.close();
        }
    }
    /** Keeps the binaries, their library closure (the image's own search paths) and `keeps`; deletes the rest. */
    async extract(ctx, rootfs, binaries, keeps, extraTrees) {
        const closure = await dependencyClosure(rootfs, binaries);
        for (const m of closure.missing)
            ctx.reporter.warn(`${ctx.image.spec.name}: extract: library not found in the image: ${m}`);
        const trees = [...extraTrees];
        for (const k of keeps) {
            const r = await (0,in_root/* resolveInRoot */.QD)(rootfs, k);
            for (const l of r.links)
                closure.keep.add(l);
            if (r.real === null)
                ctx.reporter.warn(`${ctx.image.spec.name}: extract: keep ${k} is not in the image`);
            else if ((await (0,promises_.stat)((0,external_node_path_.join)(rootfs, r.real))).isDirectory())
                trees.push(r.real);
            else
                closure.keep.add(r.real);
        }
        const removed = await pruneRoot(rootfs, closure.keep, trees);
        ctx.reporter.info(`${ctx.image.spec.name}: extract kept ${closure.keep.size} paths and ${trees.length} trees, removed ${removed} entries`);
    }
    /**
     * Best effort, from the image's own python (aci-packer used the host's virtualenv): the
     * interpreter, its standard library directory, the library closure of both, /usr/bin/env,
     * the NSS modules, and a minimal passwd/group. Not kept: site/dist-packages outside the
     * standard library directory, pip, anything the interpreter loads by name at run time.
     */
    async pythonEnv(ctx, rootfs, pythonExe) {
        const py = await (0,in_root/* resolveInRoot */.QD)(rootfs, pythonExe);
        if (!py.real)
            throw new Error(`${pythonExe} is not in the image`);
        const version = /python\d+(\.\d+)?/.exec((0,external_node_path_.basename)(py.real))?.[0];
        const stdlib = version ? (await (0,in_root/* resolveInRoot */.QD)(rootfs, `/usr/lib/${version}`)).real : null;
        const extras = [];
        if (stdlib) {
            const { stdout } = await (0,exec/* run */.eF)('find', [(0,external_node_path_.join)(rootfs, stdlib), '-name', '*.so*', '-type', 'f']);
            extras.push(...stdout
                .split('\n')
                .filter(Boolean)
                .map((p) => p.slice(rootfs.length)));
        }
        for (const d of trustedDirs(62, 64).concat(trustedDirs(183, 64)))
            for (const lib of ['libnss_files.so.2', 'libnss_dns.so.2', 'libnss_compat.so.2'])
                if ((await (0,in_root/* resolveInRoot */.QD)(rootfs, `${d}/${lib}`)).real)
                    extras.push(`${d}/${lib}`);
        const env = (await (0,in_root/* resolveInRoot */.QD)(rootfs, '/usr/bin/env')).real ? ['/usr/bin/env'] : [];
        await this.extract(ctx, rootfs, [pythonExe, ...env, ...extras], [], stdlib ? [stdlib] : []);
        const etc = await mkdirInRoot(rootfs, 'etc');
        for (const [f, text] of [
            ['passwd', 'root:x:0:0:root:/:/bin/sh\n'],
            ['group', 'root:x:0:root\n']
        ]) {
            if (!(await (0,promises_.stat)((0,external_node_path_.join)(rootfs, etc, f)).catch(() => null)))
                await (0,promises_.writeFile)((0,external_node_path_.join)(rootfs, etc, f), text);
        }
    }
    /** Host binaries with their library closure (the HOST's search paths), and [host, aci] file pairs. */
    async copyHostFiles(ctx, rootfs, binaries, files) {
        if (binaries.length) {
            const closure = await dependencyClosure('/', binaries, 'on the build host');
            for (const m of closure.missing)
                ctx.reporter.warn(`${ctx.image.spec.name}: copy_host_files: library not found on the host: ${m}`);
            await copyFromHost(rootfs, [...closure.keep]);
        }
        for (const [host, aci] of files) {
            const src = stepPath(ctx, host);
            const parts = aci.split('/').filter(Boolean);
            if (parts.includes('..') || !parts.length)
                throw new Error(`copy_host_files: ${aci} is not a path inside the image`);
            // The destination as the image sees it: its links (the last one too) are followed
            // inside the root, so cp meets none it could follow out to the host.
            let dest = await (0,in_root/* secureJoin */.If)(rootfs, aci);
            // cp's own rule, made explicit: into a directory the file keeps its name.
            if ((await (0,promises_.stat)(dest).catch(() => null))?.isDirectory())
                dest = await (0,in_root/* secureJoin */.If)(rootfs, `${(0,external_node_path_.relative)(rootfs, dest)}/${(0,external_node_path_.basename)(src)}`);
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(dest), { recursive: true, mode: 0o755 });
            await (0,exec/* run */.eF)('cp', ['-PT', '--remove-destination', '--preserve=mode,timestamps', '--', src, dest]);
        }
    }
}
const aciBuilder = new AciBuilder();
/** What went wrong under fetch()'s own "fetch failed": the socket or DNS error it wraps. */
function networkCause(e) {
    let c = e;
    while (c && typeof c === 'object' && c.cause)
        c = c.cause;
    if (!c || typeof c !== 'object')
        return String(c);
    const message = typeof c.message === 'string' ? c.message : '';
    const code = typeof c.code === 'string' ? c.code : '';
    if (!code || message.includes(code))
        return message || 'network error';
    return message ? `${code}: ${message}` : code;
}
function chrootOptions(s, dflt) {
    const flag = (k) => (typeof s[k] === 'boolean' ? s[k] : dflt);
    const mounts = [];
    if (flag('mount_proc'))
        mounts.push('proc');
    if (flag('mount_dev'))
        mounts.push('dev');
    if (flag('mount_sys'))
        mounts.push('sys');
    return {
        dns: flag('copy_resolvconf'),
        hosts: flag('copy_hosts'),
        mounts,
        policyRcD: s.make_debian_policy_rc === true
    };
}
/** The directory of the node's manifest: aci-packer reads the steps' host paths from there. */
function manifestDir(ctx) {
    return (0,external_node_path_.dirname)((0,external_node_path_.resolve)(ctx.catalog.root, ctx.image.spec.file ?? '.'));
}
function stepPath(ctx, p) {
    return aciStepPath(ctx.catalog.root, ctx.image.spec.file ?? '.', p);
}
/**
 * A host path a step names (`image` path, `cmd` script, playbook, copied file): relative to
 * the manifest (`manifest`, itself relative to the project root) as in aci-packer and as the
 * input key reads them; refused when it leaves the project root.
 */
function aciStepPath(root, manifest, p) {
    const abs = (0,external_node_path_.resolve)((0,external_node_path_.dirname)((0,external_node_path_.resolve)(root, manifest)), p);
    if (abs !== root && !abs.startsWith(`${root}/`))
        throw new Error(`${p} lies outside the project root ${root}`);
    return abs;
}
function aciConfig(m, arch, name) {
    const created = createdTime();
    const conf = {};
    if (m.app) {
        conf.Entrypoint = m.app.exec;
        if (m.app.environment?.length)
            conf.Env = m.app.environment.map((e) => `${e.name}=${e.value}`);
        if (m.app.workingDirectory)
            conf.WorkingDir = m.app.workingDirectory;
        if (m.app.user && !['root', '0'].includes(m.app.user))
            conf.User = `${m.app.user}:${m.app.group}`;
    }
    conf.Labels = Object.fromEntries((m.labels ?? []).map((l) => [`appc.${l.name}`, l.value]));
    return {
        architecture: (0,layout/* ociArch */.As)(arch),
        os: 'linux',
        created,
        config: conf,
        history: [{ created, created_by: `kiln aci ${name}`, comment: m.name }]
    };
}

;// CONCATENATED MODULE: ./src/builders/aci/index.ts





// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
;// CONCATENATED MODULE: ./src/sources/layer.ts


/**
 * Stores `tar` (a plain tar stream) as a layer after checking every entry (safe-tar.ts);
 * the bytes are kept exactly as they come. `archive` names the data in errors. When `proc`
 * produced the stream, its exit status counts too: a tool that fails half-way fails the
 * layer, and nothing is kept.
 */
async function storeCheckedLayer(store, tar, archive, proc) {
    const check = (0,safe_tar/* checkedTar */.FO)(archive);
    try {
        const [layer] = await Promise.all([store.putLayer(check), (0,external_node_stream_promises_.pipeline)(tar, check), proc?.done]);
        return layer;
    }
    catch (e) {
        if (!proc)
            throw e;
        if (e instanceof safe_tar/* TarSafetyError */.Kq) {
            proc.kill();
            throw e;
        }
        tar.destroy();
        // A tool that failed on its own explains a short or broken stream better than the pipe does.
        const toolError = await proc.done.then(() => null, (x) => x);
        throw toolError && !/killed by|cancelled/.test(toolError.message) ? toolError : e;
    }
}

// EXTERNAL MODULE: ./src/store/types.ts
var types = __webpack_require__(57940);
// EXTERNAL MODULE: ./src/util/io-error.ts
var io_error = __webpack_require__(23797);
// EXTERNAL MODULE: ./src/util/exec-stream.ts
var exec_stream = __webpack_require__(5272);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(29906);
;// CONCATENATED MODULE: ./src/engine/docker.ts
/**
 * The bridge between the store and the Docker engine, both ways, streamed:
 *
 * - `loadIntoDocker` writes a docker-archive (the legacy form every engine since 1.10 loads:
 *   manifest.json, <config>.json, <layer>/layer.tar) straight into `docker load`'s stdin.
 *   The config blob goes in byte for byte, so the engine's image id is the store's config
 *   digest.
 * - `saveFromDocker` reads `docker save` from its stdout and takes both forms the engine may
 *   write: the legacy one (docker < 25) and the OCI image layout one (docker 25+, which also
 *   carries a manifest.json pointing into blobs/). Entry order is not fixed (layers may come
 *   before manifest.json), so every layer-like entry is streamed into the store as it comes
 *   and the manifest is resolved at the end. A layer the store already has (one of the image's
 *   diffIDs, asked of the engine first) costs neither a hash nor a write: see `reuseOrStore`.
 *   Each layer is checked on the way in as any archive from outside is (sources/safe-tar.ts):
 *   a pulled image holds what its author put there.
 */















/** Entries up to this size are buffered (configs, manifests, small layers); larger ones are streamed. */
const SMALL_ENTRY = 8 * 1024 * 1024;
async function dockerServerVersion(reporter) {
    const r = await run('docker', ['version', '--format', '{{.Server.Version}}'], { reporter });
    return r.stdout.trim();
}
/**
 * Whether the engine has an image by this reference (name:tag, id or digest). Every reference
 * goes after `--`: one from a catalog or a Dockerfile is never read as an option.
 */
async function imageExists(ref, reporter) {
    return ((await (0,exec/* tryRun */.JR)('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', ref], { reporter })) !== null);
}
async function pullImage(ref, reporter) {
    try {
        await (0,exec/* run */.eF)('docker', ['pull', '--', ref], { reporter, onLine: (l) => reporter.debug(`docker pull: ${l}`) });
    }
    catch (e) {
        const err = e;
        const out = new Error(`docker image ${ref} is not in the engine and could not be pulled: ${err.message}`, { cause: e });
        Object.assign(out, { tail: err.tail ?? [] });
        throw out;
    }
}
/** Removes an engine image by reference; a missing image is not an error. */
async function removeDockerImage(ref, reporter) {
    await tryRun('docker', ['image', 'rm', '--force', '--', ref], { reporter });
}
/**
 * Removes every container (running or not) that carries `label` (`key=value`); returns how
 * many. For tools that start containers Kiln does not name itself (Packer's docker builder).
 */
async function removeLabelledContainers(label, reporter) {
    const r = await (0,exec/* tryRun */.JR)('docker', ['ps', '--all', '--quiet', '--no-trunc', '--filter', `label=${label}`], {
        reporter
    });
    const ids = (r?.stdout ?? '').split('\n').filter(Boolean);
    if (ids.length)
        await (0,exec/* tryRun */.JR)('docker', ['rm', '--force', '--volumes', ...ids], { reporter });
    return ids.length;
}
/** The hex of a digest, checked first: digests here come from an archive's own manifests. */
const hex = (d, where = 'docker archive: digest') => (0,digest/* digestHex */.sU)(d, where);
/**
 * Loads a stored image into the engine under `tag` (name:tag), streaming a docker-archive into
 * `docker load`; nothing is written to disk on kiln's side.
 */
async function loadIntoDocker(store, image, tag, reporter, signal) {
    const pack = tar_stream.pack();
    const proc = (0,exec_stream/* spawnStream */.q)('docker', ['load'], { stdin: pack, reporter, signal });
    const configDigest = image.manifest.config.digest;
    const configName = `${hex(configDigest)}.json`;
    const layerNames = image.layers.map((l) => `${hex(l.digest)}/layer.tar`);
    const writing = (async () => {
        const mtime = new Date(0);
        const config = await (0,promises_.readFile)(store.blobPath(configDigest));
        const bad = (0,digest/* mismatch */.J4)(configDigest, store.blobPath(configDigest), (0,digest/* bytesDigest */.G2)(config), config.length);
        if (bad)
            throw bad;
        await addEntry(pack, { name: configName, size: config.length, mtime, mode: 0o644 }, config);
        const written = new Set();
        for (const [i, l] of image.layers.entries()) {
            if (written.has(layerNames[i]))
                continue;
            written.add(layerNames[i]);
            await addEntry(pack, { name: `${hex(l.digest)}/`, type: 'directory', mtime, mode: 0o755 });
            await addEntry(pack, { name: layerNames[i], size: l.size, mtime, mode: 0o644 }, 
            // Hashed on the way in: a damaged blob fails the load (and is named) at its end.
            (0,digest/* verifiedReadStream */.jz)(store.blobPath(l.digest), l.digest, l.size));
        }
        const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: layerNames }]));
        await addEntry(pack, { name: 'manifest.json', size: manifest.length, mtime, mode: 0o644 }, manifest);
        pack.finalize();
    })();
    try {
        await Promise.all([writing, proc.done]);
    }
    catch (e) {
        pack.destroy();
        proc.kill();
        const toolError = await proc.done.then(() => null, (x) => x);
        // A blob that failed its digest is the cause, whatever docker said about its cut-off input.
        const cause = (0,digest.findCorruptBlob)(e) ?? (toolError && !/killed by/.test(toolError.message) ? toolError : e);
        const out = new Error(`docker load of ${image.refs[0] ?? image.manifestDigest} as ${tag}: ${cause.message}`, { cause });
        Object.assign(out, { tail: cause.tail ?? [] });
        throw out;
    }
}
/** Adds one entry to a tar-stream pack, from a buffer or a stream, respecting back-pressure. */
async function addEntry(pack, header, body) {
    await new Promise((resolve, reject) => {
        if (!body || Buffer.isBuffer(body)) {
            pack.entry(header, body ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve()));
            return;
        }
        const entry = pack.entry(header, (err) => (err ? reject(err) : resolve()));
        (0,external_node_stream_promises_.pipeline)(body, entry).catch(reject);
    });
}
/**
 * The layers of engine image `ref` that the store already has, by the diffIDs the engine
 * reports: what an import may take from the store instead of the archive. Empty when the
 * engine cannot say (the import then stores every layer, as before).
 */
async function storedLayersOf(store, ref, reporter) {
    const r = await (0,exec/* tryRun */.JR)('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', '--', ref], {
        reporter
    });
    let ids;
    try {
        ids = JSON.parse(r?.stdout ?? 'null');
    }
    catch {
        return [];
    }
    if (!Array.isArray(ids))
        return [];
    const out = [];
    for (const d of ids) {
        if (!(0,digest/* isDigest */.Bc)(d))
            continue;
        // Leased first: a gc that runs before the image is tagged then keeps what is reused.
        store.leaseBlob(d);
        const path = store.blobPath(d);
        const st = await (0,promises_.stat)(path).catch(() => null);
        if (st?.isFile())
            out.push({ digest: d, diffID: d, size: st.size, mediaType: types/* MEDIA_LAYER */.rB, path });
    }
    return out;
}
/**
 * Takes an engine image into the store: `docker save REF` streamed, its layers stored
 * (decompressed when the archive holds compressed ones), its config returned. Layers the
 * store already has are neither hashed nor written (importDockerArchive's `known`).
 */
async function saveFromDocker(store, ref, reporter = new log/* SilentReporter */.hs(), signal) {
    const known = await storedLayersOf(store, ref, reporter);
    const proc = (0,exec_stream/* spawnStream */.q)('docker', ['save', '--', ref], { reporter, signal });
    const importing = importDockerArchive(store, proc.stdout, {
        what: `docker save ${ref}`,
        ref,
        reporter,
        known
    });
    // A store that cannot take more stops the tool rather than leaving it blocked on its pipe.
    importing.catch(() => proc.kill());
    // Both sides settle before a failure is described: which one fails first is a race.
    const [imported, tool] = await Promise.allSettled([importing, proc.done]);
    if (imported.status === 'fulfilled' && tool.status === 'fulfilled')
        return imported.value;
    const importError = imported.status === 'rejected' ? imported.reason : null;
    const toolError = tool.status === 'rejected' ? tool.reason : null;
    // The store's own disk failing (full) is the cause: docker save then only sees its pipe
    // closed ("connection reset by peer"), as it does after any failure on the store's side.
    // Otherwise the engine's own message ("No such image: …") says more than the truncated
    // archive it left.
    const storeFault = (0,io_error/* findIoError */.gP)(importError)
        ? new io_error/* IoError */.dA(importError, `store ${(0,io_error/* displayPath */.Gt)(store.root)}`)
        : null;
    const toolOwnFault = toolError && !/killed by/.test(toolError.message) && !pipeClosed(toolError);
    const cause = storeFault ?? (toolOwnFault ? toolError : (importError ?? toolError));
    const out = new Error(`docker save ${ref}: ${cause.message.replace(/^docker save \S+: /, '')}`, { cause });
    Object.assign(out, { tail: storeFault ? [] : (cause.tail ?? []) });
    throw out;
}
/** Whether a tool failed because the reader of its output went away (our side failed first). */
function pipeClosed(e) {
    const text = [e.message, ...(e.tail ?? [])].join('\n');
    return /connection reset by peer|broken pipe/i.test(text);
}
/**
 * Stores the image in a docker-archive or OCI-archive tar stream (what `docker save`,
 * `skopeo copy … docker-archive:` or `oci-archive:` write) and returns its layers and config.
 * `ref` picks the image when the archive holds several (legacy manifest.json RepoTags).
 * `known` lists store layers the archive may hold (see reuseOrStore).
 */
async function importDockerArchive(store, input, opts) {
    const what = opts.what;
    const extract = tar_stream.extract();
    const small = new Map();
    const layers = new Map();
    const links = new Map();
    // Layers of an engine image are archives from outside too (a pulled image holds what its
    // author put there): each is checked as it is stored, as a base tarball is.
    const storeLayer = (data) => storeCheckedLayer(store, (0,compression/* decompressStream */.Ct)(data, `${what}: ${name}`, opts.reporter), `${what}: ${name}`);
    const reused = [];
    const known = opts.known ?? [];
    /**
     * A big layer-like entry: taken from the store when the store has it, else stored. The store's
     * copy is the content-addressed truth (checked when it was written, and on every read by the
     * exporters), so the archive's copy of a layer the store has needs no hash and no check:
     * - named by its digest (OCI form: blobs/sha256/HEX) and that blob is in the store: drained;
     * - named by a v1 id (legacy form: ID/layer.tar) and the size of a stored layer of the image:
     *   compared byte for byte with that layer as it streams (a read from the store's file, no
     *   hash, no write). The first byte that differs turns it into a new layer: what matched is
     *   read back from the store's file and, with the rest of the entry, stored and checked as
     *   any layer. Either way the image config's diff_ids are checked against what the layers are.
     */
    const reuseOrStore = async (entry, size) => {
        const named = name.startsWith('blobs/sha256/') ? `sha256:${name.slice('blobs/sha256/'.length)}` : null;
        const byName = named ? known.find((k) => k.digest === named && k.size === size) : undefined;
        if (byName) {
            entry.resume();
            await (0,external_node_events_.once)(entry, 'end');
            reused.push(byName.diffID);
            return byName;
        }
        const candidate = name.endsWith('/layer.tar') ? known.find((k) => k.size === size) : undefined;
        if (!candidate)
            return storeLayer(entry);
        const r = await compareWithFile(entry, candidate.path);
        if (r.same) {
            reused.push(candidate.diffID);
            return candidate;
        }
        return storeLayer(r.rest);
    };
    let name = '';
    const feeding = (0,external_node_stream_promises_.pipeline)(input, extract);
    // An early failure of the feed is also reported by the loop below; keep it from being unhandled meanwhile.
    feeding.catch(() => { });
    for await (const entry of extract) {
        entry.on('error', () => { });
        name = external_node_path_.posix.normalize(entry.header.name).replace(/^\.\//, '').replace(/\/$/, '');
        const type = entry.header.type ?? 'file';
        if (type === 'symlink' || type === 'link') {
            const target = entry.header.linkname ?? '';
            links.set(name, type === 'symlink'
                ? external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(name), target))
                : external_node_path_.posix.normalize(target));
            entry.resume();
            continue;
        }
        if (type !== 'file' && type !== 'contiguous-file') {
            entry.resume();
            continue;
        }
        const layerLike = name.endsWith('/layer.tar') || name.startsWith('blobs/');
        const size = entry.header.size ?? 0;
        if (size <= SMALL_ENTRY) {
            const buf = await readAll(entry);
            if (layerLike && !looksLikeJson(buf))
                layers.set(name, await storeLayer(external_node_stream_.Readable.from([buf])));
            else
                small.set(name, buf);
        }
        else if (layerLike) {
            layers.set(name, await reuseOrStore(entry, size));
        }
        else {
            entry.resume();
        }
    }
    await feeding;
    const resolveName = (n) => {
        let cur = external_node_path_.posix.normalize(n).replace(/^\.\//, '');
        for (let i = 0; i < 16 && links.has(cur); i++)
            cur = links.get(cur);
        return cur;
    };
    const json = (n, label) => {
        const buf = small.get(resolveName(String(n)));
        if (!buf)
            throw new Error(`${what}: the archive has no ${label} (${n})`);
        try {
            return JSON.parse(buf.toString('utf8'));
        }
        catch (e) {
            throw new Error(`${what}: ${label} is not valid JSON (${(0,errors/* errorMessage */.gJ)(e).replace(/\s+/g, ' ')})`);
        }
    };
    let configName;
    let layerNames;
    if (small.has('manifest.json')) {
        const all = json('manifest.json', 'manifest.json');
        if (!Array.isArray(all))
            throw new Error(`${what}: manifest.json is not a list of images`);
        const m = (opts.ref ? all.find((x) => x?.RepoTags?.includes(opts.ref)) : undefined) ?? all[0];
        if (!m)
            throw new Error(`${what}: manifest.json lists no image`);
        if (!Array.isArray(m.Layers) || m.Layers.some((l) => typeof l !== 'string'))
            throw new Error(`${what}: manifest.json: Layers must be a list of file names`);
        configName = m.Config;
        layerNames = m.Layers;
    }
    else if (small.has('index.json')) {
        // Every descriptor is the archive's word: one without a digest string is refused by name.
        const blob = (d, label) => {
            if (typeof d?.digest !== 'string')
                throw new Error(`${what}: ${label} has no digest`);
            return `blobs/sha256/${hex(d.digest, `${what}: ${label}: digest`)}`;
        };
        const list = (v, label) => {
            if (v === undefined)
                return [];
            if (!Array.isArray(v))
                throw new Error(`${what}: ${label} is not a list`);
            return v;
        };
        let desc = list(json('index.json', 'index.json')?.manifests, 'index.json: manifests')[0];
        // Follow nested indexes (docker 25+ puts one image index per tag) down to an image manifest.
        for (let depth = 0; desc && depth < 4; depth++) {
            const doc = json(blob(desc, 'a manifest of index.json'), `blob ${desc.digest}`);
            if (doc?.config)
                break;
            desc = pickPlatform(list(doc?.manifests, `blob ${desc.digest}: manifests`));
        }
        if (!desc)
            throw new Error(`${what}: index.json names no manifest`);
        const manifest = json(blob(desc, 'the image manifest'), `manifest ${desc.digest}`);
        configName = blob(manifest?.config, `manifest ${desc.digest}: config`);
        layerNames = list(manifest?.layers, `manifest ${desc.digest}: layers`).map((l, i) => blob(l, `manifest ${desc.digest}: layer ${i + 1}`));
    }
    else {
        throw new Error(`${what}: the archive has neither manifest.json nor index.json`);
    }
    const config = json(configName, 'image config');
    const out = layerNames.map((n, i) => {
        const l = layers.get(resolveName(n));
        if (!l)
            throw new Error(`${what}: layer ${i + 1} (${n}) is missing from the archive`);
        return l;
    });
    const diffIDs = config.rootfs?.diff_ids ?? [];
    if (diffIDs.length !== out.length || out.some((l, i) => l.diffID !== diffIDs[i])) {
        throw new Error(`${what}: the layers do not match the image config's diff_ids (got ${out.map((l) => l.diffID.slice(7, 19)).join(', ')}; config says ${diffIDs.map((d) => d.slice(7, 19)).join(', ')})`);
    }
    for (const d of reused)
        opts.reporter?.debug(`${what}: layer ${d} is in the store already: not hashed nor written`);
    return { layers: out, config, reused: reused.filter((d) => out.some((l) => l.diffID === d)) };
}
/**
 * Whether `entry` holds the bytes of the file at `path` (of the same size), compared as it
 * streams. When it does not, `rest` streams the whole entry: the part that matched, read back
 * from the file, then the rest of the entry.
 */
async function compareWithFile(entry, path) {
    const fh = await (0,promises_.open)(path, 'r');
    const it = entry[Symbol.asyncIterator]();
    const mine = Buffer.allocUnsafe(1 << 20);
    let pos = 0;
    let differing = null;
    try {
        for (let r = await it.next(); !r.done; r = await it.next()) {
            const chunk = r.value;
            for (let off = 0; off < chunk.length && !differing;) {
                const n = Math.min(mine.length, chunk.length - off);
                const { bytesRead } = await fh.read(mine, 0, n, pos + off);
                if (bytesRead !== n || mine.compare(chunk, off, off + n, 0, n) !== 0)
                    differing = chunk;
                off += n;
            }
            if (differing)
                break;
            pos += chunk.length;
        }
    }
    catch (e) {
        await fh.close();
        throw e;
    }
    if (!differing) {
        await fh.close();
        return { same: true };
    }
    const first = differing;
    const matched = pos;
    async function* replay() {
        try {
            for (let at = 0; at < matched;) {
                const buf = Buffer.allocUnsafe(Math.min(1 << 20, matched - at));
                const { bytesRead } = await fh.read(buf, 0, buf.length, at);
                if (bytesRead === 0)
                    throw new Error(`${path}: changed while it was read`);
                yield buf.subarray(0, bytesRead);
                at += bytesRead;
            }
        }
        finally {
            await fh.close();
        }
        yield first;
        for (let r = await it.next(); !r.done; r = await it.next())
            yield r.value;
    }
    return { same: false, rest: external_node_stream_.Readable.from(replay()) };
}
function pickPlatform(ms) {
    // Attestation manifests (unknown/unknown) are not images.
    return (ms.find((m) => m.platform?.os === 'linux') ??
        ms.find((m) => m.platform?.architecture !== 'unknown') ??
        ms[0]);
}
function looksLikeJson(buf) {
    if (buf.length === 0 || buf[0] !== 0x7b)
        return false;
    try {
        JSON.parse(buf.toString('utf8'));
        return true;
    }
    catch {
        return false;
    }
}
async function readAll(stream) {
    const chunks = [];
    for await (const c of stream)
        chunks.push(c);
    return Buffer.concat(chunks);
}

// EXTERNAL MODULE: ./src/model/arch.ts
var model_arch = __webpack_require__(13705);
;// CONCATENATED MODULE: ./src/engine/binfmt.ts
/**
 * Emulation for images of another architecture: an aarch64 image builds on an x86_64 runner
 * because the kernel's binfmt_misc hands every aarch64 ELF binary to qemu-user (mmdebstrap's
 * maintainer scripts, `docker build`'s RUN steps, the sandbox's steps all just exec them). This
 * checks the handler is there before anything is built, registers it through the distribution's
 * own tools when Kiln runs as root and it is missing, and otherwise says what to install.
 *
 * The `F` (fix-binary) flag matters: with it the kernel opened the interpreter when the handler
 * was registered, so it works inside containers and chroots that do not hold qemu themselves;
 * without it a RUN step fails with "exec format error" or "no such file". Debian's
 * qemu-user-static registers with F.
 */






const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
/** The Debian packages that provide emulation, as the message names them. */
const EMULATION_PACKAGES = ['qemu-user-static', 'binfmt-support'];
/** qemu-user's binfmt handler name for an architecture (Debian's /usr/share/binfmts names). */
function qemuHandler(arch) {
    const a = (0,model_arch/* canonicalArch */.Xp)(arch);
    const names = {
        aarch64: 'qemu-aarch64',
        armv7l: 'qemu-arm',
        x86_64: 'qemu-x86_64',
        i686: 'qemu-i386',
        ppc64le: 'qemu-ppc64le',
        riscv64: 'qemu-riscv64',
        s390x: 'qemu-s390x'
    };
    return names[a] ?? `qemu-${a}`;
}
/** The handler's entry (`<dir>/<name>`), null when there is none; throws when binfmt_misc itself is not there. */
async function readBinfmt(name, dir = BINFMT_DIR) {
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return null;
        throw e;
    }
    const lines = text.split('\n');
    return {
        enabled: lines[0]?.trim() === 'enabled',
        interpreter: /^interpreter (.+)$/m.exec(text)?.[1],
        flags: /^flags: ?(\S*)$/m.exec(text)?.[1] ?? ''
    };
}
/** Emulation is not available and Kiln could not set it up: the message says what to do. */
class EmulationUnavailable extends Error {
    constructor(message) {
        super(message);
        this.name = 'EmulationUnavailable';
    }
}
/**
 * Makes sure the host runs `arch`'s programs, through qemu-user when it is not the host's own
 * architecture. Resolves with nothing to do for native ones; throws EmulationUnavailable, with
 * one line naming the packages and the command, when emulation is missing and cannot be set up.
 */
async function ensureEmulation(arch, opts) {
    const host = opts.host ?? (0,model_arch/* hostArch */.LY)();
    const a = (0,model_arch/* canonicalArch */.Xp)(arch);
    if (a === host || (host === 'x86_64' && a === 'i686'))
        return;
    const dir = opts.dir ?? (process.env.KILN_BINFMT_DIR || BINFMT_DIR);
    const root = opts.root ?? process.getuid?.() === 0;
    const name = qemuHandler(a);
    const what = `${a} images on this ${host} host need qemu-user emulation`;
    const install = `install ${EMULATION_PACKAGES.join(' and ')} (apt-get install ${EMULATION_PACKAGES.join(' ')})`;
    const tools = {
        updateBinfmts: await findTool('update-binfmts', opts.searchPath),
        systemdBinfmt: await findTool('systemd-binfmt', opts.searchPath, ['/lib/systemd', '/usr/lib/systemd'])
    };
    const mounted = await exists((0,external_node_path_.join)(dir, 'status'));
    if (!mounted) {
        if (!root || dir !== BINFMT_DIR)
            throw new EmulationUnavailable(`${what}, but binfmt_misc is not mounted at ${dir}: as root, mount -t binfmt_misc binfmt_misc ${BINFMT_DIR} and ${install}`);
        opts.reporter.info(`mounting binfmt_misc at ${dir} (emulation for ${a} images)`);
        await (0,exec/* run */.eF)('mount', ['-t', 'binfmt_misc', 'binfmt_misc', dir], { reporter: opts.reporter }).catch((e) => {
            throw new EmulationUnavailable(`${what}, but binfmt_misc could not be mounted at ${dir}: ${briefly(e)}`);
        });
    }
    let entry = await readBinfmt(name, dir);
    if (!entry?.enabled) {
        // Registering acts on the kernel's own binfmt_misc: only when that is the one read.
        const tool = tools.updateBinfmts ?? tools.systemdBinfmt;
        if (!root || dir !== BINFMT_DIR || !tool) {
            const asRoot = root ? '' : ', as root';
            throw new EmulationUnavailable(entry
                ? `${what}, but the binfmt handler ${name} is disabled: run update-binfmts --enable ${name}${asRoot}`
                : `${what}, but binfmt_misc has no ${name} handler${tool || dir !== BINFMT_DIR ? '' : ' and neither update-binfmts nor systemd-binfmt is installed'}: ${install}${asRoot}`);
        }
        const complaint = await register(name, tools, opts.reporter);
        entry = await readBinfmt(name, dir);
        if (!entry?.enabled)
            throw new EmulationUnavailable(`${what}, but binfmt_misc has no enabled ${name} handler and registering it failed${complaint ? ` (${complaint})` : ''}: ${install}`);
        opts.reporter.info(`registered the binfmt handler ${name} (${entry.interpreter ?? 'qemu-user'})`);
    }
    if (!entry.flags.includes('F'))
        opts.reporter.warn(`the binfmt handler ${name} is registered without the F (fix-binary) flag: steps in containers and chroots may fail with "exec format error"; Debian's qemu-user-static registers it with F`);
}
/** Registers the handler with the distribution's tool; returns the tool's complaint, or '' when it ran. */
async function register(name, tools, reporter) {
    if (tools.updateBinfmts) {
        try {
            // binfmt-support's database holds the entry qemu-user-static installed (/usr/share/binfmts).
            await (0,exec/* run */.eF)(tools.updateBinfmts, ['--enable', name], { reporter });
            return '';
        }
        catch (e) {
            if (!tools.systemdBinfmt)
                return briefly(e);
        }
    }
    if (tools.systemdBinfmt) {
        for (const d of ['/usr/lib/binfmt.d', '/lib/binfmt.d', '/etc/binfmt.d']) {
            const conf = (0,external_node_path_.join)(d, `${name}.conf`);
            if (!(await exists(conf)))
                continue;
            try {
                await (0,exec/* run */.eF)(tools.systemdBinfmt, [conf], { reporter });
                return '';
            }
            catch (e) {
                return briefly(e);
            }
        }
        return `no ${name}.conf in /usr/lib/binfmt.d`;
    }
    return '';
}
async function findTool(name, searchPath, extra = []) {
    const path = searchPath ?? [process.env.PATH ?? '', '/usr/local/sbin:/usr/sbin:/sbin'].join(external_node_path_.delimiter);
    const dirs = [...path.split(external_node_path_.delimiter).filter(Boolean), ...(searchPath === undefined ? extra : [])];
    for (const d of dirs) {
        const file = (0,external_node_path_.join)(d, name);
        try {
            await (0,promises_.access)(file, external_node_fs_.constants.X_OK);
            return file;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
async function exists(p) {
    return (0,promises_.access)(p).then(() => true, () => false);
}
function briefly(e) {
    const tail = e instanceof exec/* ExecError */.cI ? e.tail.slice(-2).join(' | ') : '';
    return tail || (0,errors/* errorMessage */.gJ)(e);
}

;// CONCATENATED MODULE: ./src/engine/index.ts



;// CONCATENATED MODULE: ./src/builders/docker-build-args.ts
/**
 * The `docker build` command line for an image, as an argument array (never a shell string).
 * Pure, so every option's spelling is covered by a table test.
 */
function dockerBuildArgs(spec, inp) {
    const args = inp.mode === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
    // Every value in --flag=value form, so that none can be read as an option of its own.
    args.push(`--file=${inp.file}`, `--tag=${inp.outputTag}`);
    // corpusops' `tag`: the name the user wants the image to have in the engine afterwards.
    if (spec.tag)
        args.push(`--tag=${spec.tag}`);
    // Host networking by default: RUN apt-get then reaches the host's mirror and proxy settings.
    args.push(`--network=${spec.network ?? 'host'}`);
    // The classic builder keeps failed steps' containers unless told otherwise.
    if (inp.mode === 'classic')
        args.push('--force-rm');
    const buildArgs = {};
    if (inp.baseRef)
        buildArgs.BASE_IMAGE = inp.baseRef;
    if (inp.sourceDateEpoch !== undefined)
        buildArgs.SOURCE_DATE_EPOCH = String(inp.sourceDateEpoch);
    // The catalog's own args win over the ones Kiln provides.
    Object.assign(buildArgs, spec.args);
    for (const k of Object.keys(buildArgs).sort())
        args.push(`--build-arg=${k}=${buildArgs[k]}`);
    if (spec.target)
        args.push(`--target=${spec.target}`);
    // The catalog's own --platform (extra_args) wins: it was checked when the catalog loaded.
    if (inp.platform && !spec.extraArgs.some((a) => a.startsWith('--platform=')))
        args.push(`--platform=${inp.platform}`);
    for (const k of Object.keys(spec.labels).sort())
        args.push(`--label=${k}=${spec.labels[k]}`);
    // Checked against an allowlist when the catalog was loaded (model/extra-args.ts).
    args.push(...spec.extraArgs);
    // `--`: the context is an absolute path, and never an option whatever it is.
    args.push('--', inp.contextDir);
    return args;
}
/** Docker repository names are lowercase [a-z0-9] separated by '.', '_', '__' or dashes. */
function dockerSafeName(name) {
    const s = name
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    return s || 'image';
}
/** A progress line worth showing at info level: a Dockerfile step of either builder. */
function isDockerStepLine(line) {
    return /^Step \d+\/\d+ : /.test(line) || /^#\d+ \[[^\]]+\] /.test(line);
}

;// CONCATENATED MODULE: ./src/builders/engine-session.ts
/**
 * What one run of builds holds in the Docker engine: the tags it created (removed when the
 * run ends), and which store images are already loaded, so a base shared by several images
 * is loaded once per run and a just-built image serves its children without a reload.
 */






let buildModeProbe;
/**
 * BuildKit through buildx when the plugin is there and answers; otherwise the classic
 * builder (DOCKER_BUILDKIT=0), which works with any engine. Probed once per process.
 */
function dockerBuildMode(reporter) {
    if (process.env.KILN_DOCKER_BUILDER === 'classic' || process.env.KILN_DOCKER_BUILDER === 'buildx') {
        return Promise.resolve(process.env.KILN_DOCKER_BUILDER);
    }
    buildModeProbe ??= (0,exec/* tryRun */.JR)('docker', ['buildx', 'version']).then((r) => {
        if (r)
            return 'buildx';
        reporter.warn('docker buildx is not installed; Dockerfiles are built with the classic builder');
        return 'classic';
    });
    return buildModeProbe;
}
class EngineSession {
    reporter;
    /** In every tag this run makes: the owner token lets a later run remove them if this one is killed. */
    id = `${lifecycle/* OWNER */.yo}-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
    tags = new Set();
    /** Input key → engine image id, for images present in the engine during this run. */
    byKey = new Map();
    loading = new Map();
    /** Images a failed classic build left behind (its finished steps), removed by close(). */
    leftovers = new Set();
    counter = 0;
    constructor(reporter) {
        this.reporter = reporter;
    }
    /** A tag no other run or image uses; removed by close(). */
    uniqueTag(name, role) {
        const t = `kiln-${role}/${dockerSafeName(name)}:${this.id}-${++this.counter}`;
        this.tags.add(t);
        return t;
    }
    /** Records that an image of the store with this key is in the engine (e.g. just built there). */
    remember(key, imageId) {
        this.byKey.set(key, imageId);
    }
    /**
     * Makes `image` available in the engine under every tag of `tags`: a tag of an image this
     * run already has, an image the engine still holds (its id is the config digest when it came
     * from `docker save`), or else a `docker load` from the store.
     */
    async provide(store, image, tags, reporter, signal) {
        const id = await this.imageId(store, image, reporter, signal);
        for (const t of tags) {
            if (!t.startsWith('kiln-'))
                this.tags.add(t);
            await (0,exec/* run */.eF)('docker', ['tag', '--', id, t], { reporter });
        }
        return id;
    }
    imageId(store, image, reporter, signal) {
        const known = image.key ? this.byKey.get(image.key) : undefined;
        if (known)
            return Promise.resolve(known);
        const k = image.manifestDigest;
        let p = this.loading.get(k);
        if (!p) {
            p = this.load(store, image, reporter, signal);
            this.loading.set(k, p);
            p.catch(() => this.loading.delete(k));
        }
        return p;
    }
    async load(store, image, reporter, signal) {
        const configId = image.manifest.config.digest;
        const present = await (0,exec/* tryRun */.JR)('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', configId]);
        if (present) {
            reporter.info(`base already in the engine as ${configId.slice(0, 19)}`);
            return present.stdout.trim();
        }
        const tag = this.uniqueTag(image.refs[0] ?? 'image', 'base');
        const t0 = Date.now();
        await loadIntoDocker(store, image, tag, reporter, signal);
        reporter.info(`loaded the base into the engine in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        const r = await (0,exec/* run */.eF)('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', tag], { reporter });
        const id = r.stdout.trim();
        if (image.key)
            this.byKey.set(image.key, id);
        return id;
    }
    /** Step images of a failed build: dangling once the build is gone, removed at close. */
    forget(imageIds) {
        for (const i of imageIds)
            this.leftovers.add(i);
    }
    /** Id of an engine image by reference. */
    async inspectId(ref) {
        const r = await (0,exec/* run */.eF)('docker', ['image', 'inspect', '--format', '{{.Id}}', '--', ref], {
            reporter: this.reporter
        });
        return r.stdout.trim();
    }
    /** Adds a tag this session owns to an engine image. */
    async tag(id, tag) {
        this.tags.add(tag);
        await (0,exec/* run */.eF)('docker', ['tag', '--', id, tag], { reporter: this.reporter });
    }
    /**
     * Untags everything this run tagged; the engine then deletes the images no other tag holds.
     * Cleanup only warns: the images are safe in the store whatever happens here.
     */
    async close() {
        const tags = [...this.tags];
        const leftovers = [...this.leftovers].filter((i) => ![...this.byKey.values()].some((k) => k.includes(i)));
        this.tags.clear();
        this.byKey.clear();
        this.loading.clear();
        this.leftovers.clear();
        await this.removeTags(tags);
        // After the tags: an image still used by anyone (a tag, a child, a container) is refused by
        // the engine without --force, which is what we want.
        for (const i of leftovers.reverse())
            await (0,exec/* tryRun */.JR)('docker', ['image', 'rm', '--', i], { reporter: this.reporter, cleanup: true });
    }
    async removeTags(tags) {
        if (!tags.length)
            return;
        try {
            await (0,exec/* run */.eF)('docker', ['image', 'rm', '--', ...tags], { reporter: this.reporter, cleanup: true });
        }
        catch (e) {
            const tail = e.tail ?? [];
            // "No such image" for a tag that was never made (a build failed before it) is expected.
            const real = tail.filter((l) => /^Error/i.test(l) && !/No such image/i.test(l));
            if (real.length)
                this.reporter.warn(`could not remove engine tags: ${(0,errors/* errorMessage */.gJ)(e)}\n${real.join('\n')}`);
        }
    }
}

// EXTERNAL MODULE: ./src/plan/graph.ts
var graph = __webpack_require__(39619);
// EXTERNAL MODULE: ./src/plan/dockerfile-from.ts
var dockerfile_from = __webpack_require__(90242);
// EXTERNAL MODULE: ./src/plan/dockerfile-parse.ts
var dockerfile_parse = __webpack_require__(99107);
;// CONCATENATED MODULE: ./src/builders/chain-refs.ts
/**
 * Chain images reach the engine by content, never by a name the engine may already hold.
 *
 * A Dockerfile that says `FROM debian_9-base` (Packet's plan images) or a Packer template whose
 * docker builder says `"image": "debian_9-base"` names an image of the chain. Docker would
 * resolve that name against whatever the engine holds (an image an earlier tool left there,
 * with other content) or a registry. So the builder loads the stored image of the current key
 * into the engine under a tag only this run uses, and builds from a copy of the file in which
 * the name is replaced by that tag. The engine's own image of that name is never used, and
 * never touched.
 *
 * Why a rewritten copy: the engine here (docker.io 20.10 on Debian bookworm) has no buildx,
 * so BuildKit's named contexts (`--build-context name=docker-image://…`) do not exist, and a
 * build arg cannot replace a literal name; a copy of the file works with the classic builder
 * and with BuildKit alike.
 */






/** Engine tags of the chain images one build uses, by chain image name. */
class ChainImages {
    ctx;
    session;
    step;
    tags = new Map();
    byRef;
    constructor(ctx, session, step) {
        this.ctx = ctx;
        this.session = session;
        this.step = step;
        this.byRef = new Map((ctx.image.chainRefs ?? []).map((r) => [r.ref, r.image]));
    }
    /** The chain image a reference names, if it names one. */
    imageOf(ref) {
        return this.byRef.get((0,graph/* canonicalRef */.SV)(ref));
    }
    /**
     * A tag of this run for the stored image of chain image `name`, loaded into the engine the
     * first time; `where` (the reference in the file) and what it got go to the log.
     */
    async tagFor(name, where) {
        const stored = this.ctx.chain?.get(name);
        const { spec } = this.ctx.image;
        if (!stored)
            throw new errors/* BuildError */.zS(spec.name, this.step, `${where} names chain image ${name}, which is not in the store`);
        let tag = this.tags.get(name);
        if (!tag) {
            tag = this.provide(name, stored);
            this.tags.set(name, tag);
        }
        const t = await tag;
        this.ctx.reporter.info(`${where}: chain image ${name}, stored ${stored.manifestDigest.slice(0, 19)}` +
            `${stored.key ? ` (key ${stored.key.slice(0, 12)})` : ''}, given to the engine as ${t}`);
        return t;
    }
    async provide(name, stored) {
        const tag = this.session.uniqueTag(name, 'base');
        try {
            await this.session.provide(this.ctx.store, stored, [tag], this.ctx.reporter, this.ctx.signal);
        }
        catch (e) {
            throw new errors/* BuildError */.zS(this.ctx.image.spec.name, this.step, `loading chain image ${name}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
        return tag;
    }
}
/** Copies `<file>.dockerignore` (BuildKit reads it next to the Dockerfile) beside the copy, if there is one. */
async function copyDockerignore(file, copy) {
    try {
        await (0,promises_.copyFile)(`${file}.dockerignore`, `${copy}.dockerignore`);
    }
    catch (e) {
        if (e.code !== 'ENOENT')
            throw e;
    }
}
/**
 * The Dockerfile to build: the image's own, or a copy in the work area in which every FROM and
 * COPY --from naming a chain image names the stored image instead. `baseRef` is what BASE_IMAGE
 * will be. Refuses, before the engine misreads it, a heredoc the classic builder cannot read.
 */
async function dockerfileForBuild(ctx, session, file, baseRef, mode) {
    const { spec } = ctx.image;
    const step = 'docker build';
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (e) {
        throw new errors/* BuildError */.zS(spec.name, step, `cannot read ${spec.file}: ${e.message}`);
    }
    if (mode === 'classic') {
        const withHeredoc = (0,dockerfile_parse/* parseDockerfile */.A)(text).instructions.find((i) => i.heredocs.length);
        if (withHeredoc)
            throw new errors/* BuildError */.zS(spec.name, step, `${spec.file}:${withHeredoc.line}: ${withHeredoc.keyword} <<${withHeredoc.heredocs[0].name} is a heredoc, ` +
                'which only BuildKit reads, and this engine has no docker buildx (the classic builder would run its lines as instructions)');
    }
    const chain = new ChainImages(ctx, session, step);
    const args = { ...(baseRef ? { BASE_IMAGE: baseRef } : {}), ...(0,dockerfile_from/* dockerfileBuildArgs */.KA)(spec) };
    const edits = [];
    for (const r of (0,dockerfile_from/* dockerfileImageRefs */.Kx)(text, args)) {
        const image = chain.imageOf(r.ref);
        if (!image)
            continue;
        const where = `${r.kind} ${r.ref} (${spec.file}:${r.line})`;
        edits.push({ start: r.start, end: r.end, with: await chain.tagFor(image, where) });
    }
    if (!edits.length)
        return file;
    const copy = (0,external_node_path_.join)(ctx.workDir, (0,external_node_path_.basename)(file));
    await (0,promises_.writeFile)(copy, (0,dockerfile_from/* replaceSpans */.Gg)(text, edits));
    await copyDockerignore(file, copy);
    return copy;
}
/** A string as an HCL quoted literal (no interpolation). */
function hclString(s) {
    return `"${s
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')
        .replace(/\$\{/g, () => '$${')
        .replace(/%\{/g, '%%{')}"`;
}
/**
 * The Packer template to build: the image's own, or a copy in the work area in which a docker
 * builder's `image` naming a chain image names the stored image instead. The copy lives
 * elsewhere, so what meant the template's directory (`{{template_dir}}`, `path.root`) is
 * written out; paths relative to packer's working directory are unchanged.
 */
async function packerTemplateForBuild(ctx, session, template) {
    const { spec } = ctx.image;
    const step = 'packer build';
    if (!(ctx.image.chainRefs ?? []).length)
        return template;
    const chain = new ChainImages(ctx, session, step);
    const text = await (0,promises_.readFile)(template, 'utf8');
    const dir = (0,external_node_path_.dirname)(template);
    let out;
    if (/\.json$/i.test(template)) {
        const doc = JSON.parse(text, (_k, v) => typeof v === 'string' ? v.replace(/\{\{\s*template_dir\s*\}\}/g, dir) : v);
        for (const b of Array.isArray(doc.builders) ? doc.builders : []) {
            const image = b?.type === 'docker' && typeof b.image === 'string' ? chain.imageOf(b.image) : undefined;
            if (image)
                b.image = await chain.tagFor(image, `image ${String(b.image)} (${spec.file})`);
        }
        out = JSON.stringify(doc, null, 2);
    }
    else {
        const edits = [];
        for (const m of text.matchAll(/^(\s*image\s*=\s*)"([^"$]+)"/gm)) {
            const image = chain.imageOf(m[2]);
            if (!image)
                continue;
            const line = text.slice(0, m.index).split('\n').length;
            const start = (m.index ?? 0) + m[1].length;
            const tag = await chain.tagFor(image, `image ${m[2]} (${spec.file}:${line})`);
            edits.push({ start, end: start + m[2].length + 2, with: hclString(tag) });
        }
        // path.root where it is an expression (after `${`, `=`, `(`, `,` or `[`), not the words in a description.
        for (const m of text.matchAll(/(\$\{\s*|[=(,[]\s*)path\.root\b/g)) {
            const start = (m.index ?? 0) + m[1].length;
            edits.push({ start, end: start + 'path.root'.length, with: hclString(dir) });
        }
        out = (0,dockerfile_from/* replaceSpans */.Gg)(text, edits);
    }
    const copy = (0,external_node_path_.join)(ctx.workDir, (0,external_node_path_.basename)(template));
    await (0,promises_.writeFile)(copy, out);
    return copy;
}

;// CONCATENATED MODULE: ./src/builders/dockerfile.ts
/**
 * Dockerfile builder: the base from the store goes into the engine under a unique tag, given
 * as BASE_IMAGE; every other chain image the Dockerfile names (`FROM debian_12-base`, as on
 * Packet's plan branches, or COPY --from) goes in the same way and the build reads a copy of
 * the Dockerfile naming those tags (chain-refs.ts). `docker build` runs, and the result comes
 * back into the store with `docker save` (only layers the store lacks are written).
 */










class DockerfileBuilder {
    opts;
    constructor(opts) {
        this.opts = opts;
    }
    async build(ctx) {
        const { spec } = ctx.image;
        const { session } = this.opts;
        const root = ctx.catalog.root;
        if (!spec.file)
            throw new errors/* BuildError */.zS(spec.name, 'docker build', 'no Dockerfile: the image has no "file"');
        const file = (0,external_node_path_.resolve)(root, spec.file);
        const contextDir = (0,external_node_path_.resolve)(root, spec.workingDir);
        const baseRef = await provideBase(ctx, session, 'docker load');
        const mode = await dockerBuildMode(ctx.reporter);
        const dockerfile = await dockerfileForBuild(ctx, session, file, baseRef, mode).catch((e) => {
            throw toBuildError(spec.name, 'docker build', e);
        });
        const outputTag = session.uniqueTag(spec.name, 'out');
        const args = dockerBuildArgs(spec, {
            file: dockerfile,
            contextDir,
            baseRef,
            outputTag,
            mode,
            sourceDateEpoch: this.opts.sourceDateEpoch,
            platform: emulatedPlatform(spec.arch)
        });
        // The classic builder commits every step as an image (" ---> <id>"); after a failure those
        // are dangling, and the session removes them.
        const stepImages = [];
        let afterFrom = false;
        try {
            await (0,exec/* run */.eF)('docker', args, {
                cwd: contextDir,
                env: mode === 'classic' ? { DOCKER_BUILDKIT: '0' } : { DOCKER_BUILDKIT: '1' },
                reporter: ctx.reporter,
                signal: ctx.signal,
                captureStdout: false,
                onLine: (l) => {
                    const step = /^ ---> ([0-9a-f]{12,64})$/.exec(l);
                    // The id right after a FROM step is an existing image (the base, or any image named there): never ours.
                    if (step && !afterFrom)
                        stepImages.push(step[1]);
                    if (/^Step \d+\/\d+ : /.test(l))
                        afterFrom = /^Step \d+\/\d+ : FROM /i.test(l);
                    else if (step)
                        afterFrom = false;
                    if (isDockerStepLine(l))
                        ctx.reporter.info(l);
                    else
                        ctx.reporter.debug(l);
                }
            });
        }
        catch (e) {
            session.forget(stepImages);
            throw toBuildError(spec.name, 'docker build', e);
        }
        return saveResult(ctx, session, outputTag);
    }
}
/** `linux/<arch>` for an image the host runs under emulation (qemu-user through binfmt); undefined for native ones. */
function emulatedPlatform(arch) {
    return (0,model_arch/* runsNatively */.PU)(arch) ? undefined : `linux/${(0,layout/* ociArch */.As)(arch)}`;
}
/**
 * Puts the base into the engine for a build; returns the unique tag to build from (undefined
 * for scratch). Only that tag: the base's catalog name may be an engine image of someone else
 * (a FROM naming it gets the stored image through chain-refs.ts).
 */
async function provideBase(ctx, session, step) {
    const { spec } = ctx.image;
    if (!ctx.base)
        return undefined;
    const baseRef = session.uniqueTag(spec.name, 'base');
    try {
        await session.provide(ctx.store, ctx.base, [baseRef], ctx.reporter, ctx.signal);
    }
    catch (e) {
        throw toBuildError(spec.name, step, e);
    }
    return baseRef;
}
/** `docker save` of the built image into the store; remembers it so children skip a load. */
async function saveResult(ctx, session, ref) {
    const { spec } = ctx.image;
    try {
        const id = await session.inspectId(ref);
        const t0 = Date.now();
        const saved = await saveFromDocker(ctx.store, ref, ctx.reporter, ctx.signal);
        const size = saved.layers.reduce((n, l) => n + l.size, 0);
        ctx.reporter.info(`saved from the engine: ${saved.layers.length} layers, ${(0,log/* formatBytes */.z3)(size)} in ${(0,log/* formatSeconds */.Xo)((Date.now() - t0) / 1000)}`);
        session.remember(ctx.image.key, id);
        const { rootfs: _rootfs, ...config } = saved.config;
        return { layers: saved.layers, config };
    }
    catch (e) {
        throw toBuildError(spec.name, 'docker save', e);
    }
}
/**
 * The tool's lines as a person reads them: no colour codes (the classic builder paints stderr),
 * no notice that the classic builder is deprecated (it is chosen on purpose, see engine-session).
 */
function cleanTail(tail) {
    return tail
        .map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))
        .filter((l) => !/^DEPRECATED: The legacy builder is deprecated/.test(l) &&
        !/^\s+(BuildKit is currently disabled|environment-variable\.|install the buildx component)/.test(l));
}
function toBuildError(image, step, e) {
    if (e instanceof errors/* BuildError */.zS)
        return e;
    if (e instanceof exec/* ExecError */.cI) {
        // The full command line is in the debug log; the message keeps the tool and its reason.
        const reason = e.message.startsWith(e.command) ? e.message.slice(e.command.length + 2) : e.message;
        return new errors/* BuildError */.zS(image, step, `${e.command.split(' ')[0]} ${reason}`, cleanTail(e.tail));
    }
    const tail = e.tail;
    return new errors/* BuildError */.zS(image, step, (0,errors/* errorMessage */.gJ)(e), Array.isArray(tail) ? tail.map(String) : []);
}

;// CONCATENATED MODULE: ./src/builders/import.ts
/** import builder: the image is its base source as it came in (e.g. a bootstrap), with no build step. */

class ImportBuilder {
    async build(ctx) {
        if (!ctx.base)
            throw new errors/* BuildError */.zS(ctx.image.spec.name, 'import', 'builder "import" needs a base source, not scratch');
        const { rootfs: _rootfs, ...config } = ctx.base.config;
        return { layers: ctx.base.layers, config };
    }
}

;// CONCATENATED MODULE: ./src/builders/packer-output.ts
/**
 * Packer's -machine-readable output: one record a line, `timestamp,target,type,data...`,
 * commas inside data written as %!(PACKER_COMMA) and newlines as a literal \n.
 */

function parsePackerLine(line) {
    const parts = line.split(',');
    if (parts.length < 3 || !/^\d+$/.test(parts[0]))
        return null;
    return {
        timestamp: Number(parts[0]),
        target: parts[1],
        type: parts[2],
        data: parts.slice(3).map(unescapePacker)
    };
}
function unescapePacker(s) {
    return s
        .replace(/%!\(PACKER_COMMA\)/g, ',')
        .replace(/\\n/g, '\n')
        .replace(/\\r/g, '\r');
}
/** Collects artifacts (`artifact,N,field,value`) and ui messages as they stream by. */
class PackerOutput {
    artifacts = [];
    errors = [];
    /** Whole `ui,error` messages and builders' own `error` records, in order. */
    uiErrors = [];
    buildErrors = [];
    /** Returns the human lines of a ui record (say/message/error), for progress and the tail. */
    push(line) {
        const r = parsePackerLine(line);
        if (!r)
            return null;
        if (r.type === 'error' && r.target && r.data.length)
            this.buildErrors.push(r.data.join(','));
        if (r.type === 'ui' && r.data[0] === 'error')
            this.uiErrors.push(r.data.slice(1).join(','));
        if (r.type === 'ui' && r.data.length >= 2) {
            const kind = r.data[0];
            const lines = r.data
                .slice(1)
                .join(',')
                .split('\n')
                .filter((l) => l.trim() !== '');
            if (kind === 'error')
                this.errors.push(...lines);
            if (kind === 'say' || kind === 'message' || kind === 'error')
                return { kind, lines };
            return null;
        }
        if (r.type === 'artifact' && r.data.length >= 2) {
            const index = Number(r.data[0]);
            let a = this.artifacts.find((x) => x.index === index);
            if (!a) {
                a = { index, files: [] };
                this.artifacts.push(a);
            }
            const [, field, ...rest] = r.data;
            const value = rest.join(',');
            if (field === 'builder-id')
                a.builderId = value;
            else if (field === 'id')
                a.id = value;
            else if (field === 'string')
                a.string = value;
            else if (field === 'file' && rest.length >= 2)
                a.files.push(rest.slice(1).join(','));
        }
        return null;
    }
    /**
     * Why the build failed, in one line, Packer's own error first: a builder's `error` record
     * (e.g. "Error running container: Docker exited with a non-zero exit status.") with the
     * tool's first stderr line after it, else the first ui error. Not the last line of the
     * output, which is often a tool's usage hint ("Run 'docker run --help' …").
     */
    failure() {
        const text = this.buildErrors[0] ?? this.uiErrors[0];
        if (text === undefined)
            return undefined;
        const lines = text
            .split('\n')
            .map((l) => l.replace(/^==> [^:]+: ?/, '').trim())
            .filter(Boolean);
        const first = (lines[0] ?? '').replace(/^Build '[^']*' errored after [^:]*: /, '');
        const stderr = lines.find((l) => /^Stderr: \S/.test(l));
        return stderr && stderr !== first ? `${first} ${stderr}` : first;
    }
    /**
     * The engine image the build produced: the last artifact that names one (a committed image
     * id from the docker builder, or a repository:tag from the docker-tag/import post-processors).
     */
    dockerImage() {
        for (const a of [...this.artifacts].reverse()) {
            if (!a.id)
                continue;
            if ((0,digest/* isDigest */.Bc)(a.id))
                return a.id;
            if (a.builderId && /docker-(tag|import)/.test(a.builderId))
                return a.id;
        }
        return undefined;
    }
}
/** Variables a template declares (JSON `variables` keys, HCL2 `variable "x"` blocks). */
function declaredVariables(template, isJson) {
    if (isJson) {
        const doc = JSON.parse(template);
        return new Set(Object.keys(doc.variables ?? {}));
    }
    return new Set([...template.matchAll(/^\s*variable\s+"([^"]+)"/gm)].map((m) => m[1]));
}
/** The `packer build` command line. corpusops order: builder args, extra args, then the template. */
function packerBuildArgs(template, vars, extraArgs) {
    const args = ['build', '-machine-readable', '-color=false'];
    // -var=name=value: one word, so a value is never read as an option. extraArgs were checked
    // against the allowlist when the catalog was loaded (model/extra-args.ts).
    for (const k of Object.keys(vars).sort())
        args.push(`-var=${k}=${vars[k]}`);
    // `--` is not needed before the template: Go's flag parser stops at the first non-option,
    // and the template is an absolute path.
    args.push(...extraArgs, template);
    return args;
}

;// CONCATENATED MODULE: ./src/builders/packer.ts
/**
 * Packer builder: `packer build -machine-readable` on a JSON or HCL2 template, with the base
 * loaded into the engine and handed over as the `base_image` variable. The template's docker
 * builder (`commit: true`) leaves an engine image; its id comes from the machine-readable
 * artifact records, and `docker save` brings it into the store.
 */









let packerVersionProbe;
/** `packer version` once per process, e.g. "1.6.6"; null when packer is missing. */
function packerVersion() {
    packerVersionProbe ??= (0,exec/* tryRun */.JR)('packer', ['version'], { env: { CHECKPOINT_DISABLE: '1' } }).then((r) => r?.stdout.match(/v?(\d+\.\d+\.\d+)/)?.[1] ?? null);
    return packerVersionProbe;
}
function atLeast(version, want) {
    const [a, b] = version.split('.').map(Number);
    return a > want[0] || (a === want[0] && b >= want[1]);
}
class PackerBuilder {
    opts;
    constructor(opts) {
        this.opts = opts;
    }
    async build(ctx) {
        const { spec } = ctx.image;
        const { session } = this.opts;
        if (!spec.file)
            throw new errors/* BuildError */.zS(spec.name, 'packer build', 'no template: the image has no "file"');
        const template = (0,external_node_path_.resolve)(ctx.catalog.root, spec.file);
        const cwd = (0,external_node_path_.resolve)(ctx.catalog.root, spec.workingDir);
        const isJson = /\.json$/i.test(template);
        const version = await packerVersion();
        if (!version)
            throw new errors/* BuildError */.zS(spec.name, 'packer build', 'packer is not installed (Debian package "packer")');
        let text;
        let declared;
        try {
            text = await (0,promises_.readFile)(template, 'utf8');
            declared = declaredVariables(text, isJson);
        }
        catch (e) {
            throw toBuildError(spec.name, 'packer template', e);
        }
        const baseRef = await provideBase(ctx, session, 'docker load');
        const buildTemplate = await packerTemplateForBuild(ctx, session, template).catch((e) => {
            throw toBuildError(spec.name, 'packer template', e);
        });
        const env = {
            CHECKPOINT_DISABLE: '1',
            // Packer's docker builder shares a temp dir with the container: keep it in this build's work area.
            PACKER_TMP_DIR: ctx.workDir,
            PACKER_NO_COLOR: '1'
        };
        if (!isJson && /\brequired_plugins\b/.test(text)) {
            if (atLeast(version, [1, 7])) {
                try {
                    await (0,exec/* run */.eF)('packer', ['init', buildTemplate], {
                        cwd,
                        env,
                        reporter: ctx.reporter,
                        signal: ctx.signal
                    });
                }
                catch (e) {
                    throw toBuildError(spec.name, 'packer init', e);
                }
            }
            else {
                ctx.reporter.warn(`packer ${version} has no "packer init" (1.7+); required_plugins in ${spec.file} are ignored`);
            }
        }
        const outputTag = session.uniqueTag(spec.name, 'out');
        // Variables Kiln provides, passed only when the template declares them (HCL2 rejects unknown ones).
        const provided = { output_tag: outputTag, image_name: spec.name };
        if (baseRef)
            provided.base_image = baseRef;
        if (this.opts.sourceDateEpoch !== undefined)
            provided.source_date_epoch = String(this.opts.sourceDateEpoch);
        const vars = {};
        for (const [k, v] of Object.entries(provided))
            if (declared.has(k))
                vars[k] = v;
        Object.assign(vars, spec.args);
        // Every container Packer starts gets this label, so none outlives the build, whatever the
        // template does: a failed `docker run` leaves a created container Packer never learnt of.
        const label = `kiln.packer=${(0,external_node_crypto_.randomBytes)(8).toString('hex')}`;
        const shimDir = await dockerLabelShim(ctx.workDir, label).catch((e) => {
            throw toBuildError(spec.name, 'packer build', e);
        });
        const out = new PackerOutput();
        const tail = new exec/* Tail */.PW();
        try {
            // Packer's plugins and the `docker exec` they run must end with it, even on SIGKILL.
            const [cmd, argv] = (0,exec/* wholeTree */.Ih)('packer', packerBuildArgs(buildTemplate, vars, spec.extraArgs));
            await (0,exec/* run */.eF)(cmd, argv, {
                cwd,
                env: { ...env, PATH: `${shimDir}${external_node_path_.delimiter}${process.env.PATH ?? ''}` },
                reporter: ctx.reporter,
                signal: ctx.signal,
                onLine: (l) => {
                    const ui = out.push(l);
                    if (!ui)
                        return;
                    for (const line of ui.lines) {
                        tail.push(`${line}\n`);
                        if (ui.kind === 'say')
                            ctx.reporter.info(line);
                        else
                            ctx.reporter.debug(line);
                    }
                }
            });
        }
        catch (e) {
            const reason = out.failure() ?? e.message.split('\n')[0];
            throw new errors/* BuildError */.zS(spec.name, 'packer build', reason, tail.get());
        }
        finally {
            const left = await removeLabelledContainers(label, ctx.reporter);
            if (left)
                ctx.reporter.debug(`${spec.name}: removed ${left} container(s) Packer left`);
        }
        const produced = out.dockerImage();
        if (!produced) {
            throw new errors/* BuildError */.zS(spec.name, 'packer build', 'the template produced no engine image: use the docker builder with "commit": true', tail.get());
        }
        try {
            await session.tag(produced, outputTag);
        }
        catch (e) {
            throw toBuildError(spec.name, 'packer build', e);
        }
        return saveResult(ctx, session, outputTag);
    }
}
/**
 * A `docker` first on Packer's PATH that adds `--label <label>` to `docker run` and `docker
 * create` and passes everything else to the real docker: Packer's docker builder has no
 * setting of its own for labels, and its run_command belongs to the template.
 */
async function dockerLabelShim(workDir, label) {
    const docker = await findOnPath('docker');
    if (!docker)
        throw new Error('docker is not on PATH');
    const dir = (0,external_node_path_.join)(workDir, 'packer-docker-shim');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, 'docker'), [
        '#!/bin/sh',
        'case "$1" in',
        `  run|create) sub=$1; shift; exec ${q(docker)} "$sub" --label ${q(label)} "$@" ;;`,
        'esac',
        `exec ${q(docker)} "$@"`,
        ''
    ].join('\n'), { mode: 0o755 });
    return dir;
}
async function findOnPath(name) {
    for (const d of (process.env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean)) {
        const p = (0,external_node_path_.join)(d, name);
        if (await (0,promises_.access)(p, promises_.constants.X_OK).then(() => true, () => false))
            return p;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/builders/index.ts









/**
 * Engine builders (dockerfile, packer) share the run's engine session; sandbox builders
 * (overlay, aci) need nothing from it.
 */
function builderFor(kind, opts, image = '?') {
    switch (kind) {
        case 'dockerfile':
            return new DockerfileBuilder(opts);
        case 'packer':
            return new PackerBuilder(opts);
        case 'import':
            return new ImportBuilder();
        case 'overlay':
            return new OverlayBuilder();
        case 'aci':
            return new AciBuilder();
        default:
            throw new errors/* BuildError */.zS(image, 'builder', `unknown builder "${String(kind)}"`);
    }
}

// EXTERNAL MODULE: ./src/exporters/inputs.ts
var inputs = __webpack_require__(13029);
// EXTERNAL MODULE: ./src/exporters/flatten.ts + 1 modules
var flatten = __webpack_require__(74660);
// EXTERNAL MODULE: ./src/exporters/plan.ts + 1 modules
var plan = __webpack_require__(46729);
// EXTERNAL MODULE: ./src/exporters/compress.ts
var compress = __webpack_require__(77152);
// EXTERNAL MODULE: ./src/exporters/boot.ts
var boot = __webpack_require__(92312);
// EXTERNAL MODULE: ./src/exporters/export.ts + 4 modules
var exporters_export = __webpack_require__(44028);
// EXTERNAL MODULE: ./src/exporters/manifest.ts
var exporters_manifest = __webpack_require__(26001);
// EXTERNAL MODULE: ./src/exporters/packages.ts
var exporters_packages = __webpack_require__(77949);
;// CONCATENATED MODULE: ./src/exporters/index.ts
// Public API of the exporters: inputs → flattened rootfs and boot archives, manifests, changelogs.










// EXTERNAL MODULE: ./src/exporters/provenance.ts
var provenance = __webpack_require__(91215);
// EXTERNAL MODULE: ./src/util/tool-versions.ts
var tool_versions = __webpack_require__(23180);
;// CONCATENATED MODULE: ./src/pipeline/provenance-context.ts


/** The catalog entry as normalised, without its place in the file (externalParameters). */
function specParameters(p) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { index, pointer, line, baseLine, baseColumn, ...rest } = p.spec;
    return rest;
}
/** The tools each kind of builder runs. */
const BUILDER_TOOLS = {
    dockerfile: ['docker'],
    packer: ['packer', 'docker'],
    overlay: ['runc'],
    aci: ['runc'],
    import: []
};
function sourceTools(base) {
    if (base.kind === 'docker')
        return ['docker'];
    if (base.kind === 'bootstrap')
        return ['mmdebstrap'];
    return [];
}
const digestCache = new Map();
/** The registry digest of a docker image ref: the pinned one, or the engine's RepoDigests (asked once). */
function dockerDigest(ref) {
    const pinned = /@sha256:([0-9a-f]{64})$/.exec(ref);
    if (pinned)
        return Promise.resolve(pinned[1]);
    let p = digestCache.get(ref);
    if (!p) {
        p = (0,exec/* tryRun */.JR)('docker', ['image', 'inspect', '--format', '{{json .RepoDigests}}', ref]).then((r) => {
            const digests = r ? JSON.parse(r.stdout || '[]') : [];
            return /@sha256:([0-9a-f]{64})$/.exec(digests[0] ?? '')?.[1];
        });
        digestCache.set(ref, p);
    }
    return p;
}
/** A base source as a resolved dependency; undefined for an image of the chain or scratch. */
async function baseSourceDescriptor(p) {
    const b = p.spec.base;
    const input = p.inputs.find((i) => i.kind === `base-${b.kind}`);
    const hex = input?.digest.replace(/^sha256:/, '');
    switch (b.kind) {
        case 'docker': {
            const digest = await dockerDigest(b.ref);
            return { name: b.ref, uri: `docker:${b.ref}`, ...(digest ? { digest: { sha256: digest } } : {}) };
        }
        case 'tar':
        case 'squashfs':
            return {
                name: b.path,
                uri: `file:${b.path}`,
                ...(hex ? { digest: { sha256: hex } } : {}),
                annotations: { kind: `base-${b.kind}` }
            };
        case 'dir':
            return {
                name: b.path,
                uri: `file:${b.path}`,
                ...(hex ? { digest: { kilnInputSha256: hex } } : {}),
                annotations: { kind: 'base-dir' }
            };
        case 'bootstrap': {
            const s = b.bootstrap;
            return {
                name: `bootstrap ${s.suite}`,
                uri: `mmdebstrap:${s.suite}`,
                annotations: {
                    suite: s.suite,
                    ...(s.variant ? { variant: s.variant } : {}),
                    ...(s.components ? { components: s.components } : {}),
                    ...(s.include ? { include: s.include } : {}),
                    // Without a mirror, the build host's apt sources were used.
                    mirror: s.mirror ?? 'the build host apt sources',
                    ...(s.snapshot ? { snapshot: s.snapshot } : {}),
                    arch: s.arch ?? p.spec.arch
                }
            };
        }
        default:
            return undefined;
    }
}
/**
 * The provenance context of `self` built on `ancestors` (nearest first). Tool versions are
 * stated only for an image built in this run: a reused one was made by whatever ran then.
 */
async function provenanceContext(self, ancestors, run) {
    const tools = [];
    if (run.builtNow)
        tools.push(...BUILDER_TOOLS[self.planned.spec.builder], ...sourceTools(self.planned.spec.base));
    if (run.bootGate)
        tools.push('qemu');
    const baseSources = await Promise.all([self, ...ancestors].map((m) => baseSourceDescriptor(m.planned)));
    return {
        spec: specParameters(self.planned),
        key: self.planned.key,
        inputs: self.planned.inputs,
        ancestors: ancestors.map((a) => ({
            name: a.planned.spec.name,
            key: a.planned.key,
            manifestDigest: a.stored?.manifestDigest
        })),
        baseSources: baseSources.filter((d) => d !== undefined),
        manifestDigest: self.stored?.manifestDigest,
        kilnVersion: (0,tool_versions/* kilnVersion */.xy)(),
        toolVersions: await (0,tool_versions/* toolVersions */.Ek)(tools),
        invocationId: run.invocationId,
        startedOn: run.startedOn,
        runUrl: run.runUrl
    };
}
/** The chain images as the exporter needs them (layer digests, to attribute packages). */
function chainImages(ancestors) {
    return ancestors
        .filter((a) => a.stored)
        .map((a) => ({
        name: a.planned.spec.name,
        key: a.planned.key,
        manifestDigest: a.stored.manifestDigest,
        layers: a.stored.layers.map((l) => l.digest)
    }));
}

// EXTERNAL MODULE: ./src/sources/apt-sources.ts
var apt_sources = __webpack_require__(98054);
;// CONCATENATED MODULE: ./src/sources/bootstrap.ts



/**
 * Snapshot archive root; a snapshot date selects `<root>/archive/debian/<date>/`. Given by
 * `bootstrap.mirror` or KILN_SNAPSHOT_MIRROR: Kiln names no archive host of its own, so a
 * pinned build always says which archive it trusts.
 */
function snapshotRoot(mirror) {
    const root = mirror || process.env.KILN_SNAPSHOT_MIRROR;
    if (!root) {
        throw new Error('a snapshot date needs a snapshot archive: set bootstrap.mirror (or KILN_SNAPSHOT_MIRROR) to its root URL');
    }
    return root;
}
/** Debian architecture names from the catalog's uname-style ones. */
function debianArch(arch) {
    const map = {
        x86_64: 'amd64',
        aarch64: 'arm64',
        armv7l: 'armhf',
        i686: 'i386',
        ppc64le: 'ppc64el'
    };
    return map[arch] ?? arch;
}
/** `YYYY-MM-DD` or `YYYYMMDD[THHMMSSZ]` → the snapshot archive's `YYYYMMDDTHHMMSSZ`. Throws on anything else. */
function snapshotTimestamp(date) {
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (m)
        return `${m[1]}${m[2]}${m[3]}T000000Z`;
    m = /^(\d{8})(T\d{6}Z)?$/.exec(date);
    if (m)
        return `${m[1]}${m[2] ?? 'T000000Z'}`;
    throw new Error(`snapshot ${JSON.stringify(date)}: expected YYYY-MM-DD or YYYYMMDDTHHMMSSZ`);
}
/** Seconds since the epoch of a snapshot timestamp: mmdebstrap's SOURCE_DATE_EPOCH, for reproducible output. */
function snapshotEpoch(ts) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(ts);
    if (!m)
        throw new Error(`snapshot timestamp ${ts}: not YYYYMMDDTHHMMSSZ`);
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
}
/** `<root>/archive/debian/<timestamp>/` for a snapshot date. */
function snapshotMirror(date, root = snapshotRoot()) {
    return `${root.replace(/\/+$/, '')}/archive/debian/${snapshotTimestamp(date)}/`;
}
/**
 * The mmdebstrap command line for `b` (pure: table-tested). `hostMirror` is the default
 * mirror when `b.mirror` is not set; a snapshot date replaces the mirror by the snapshot
 * archive unless `b.mirror` is given, in which case that mirror is used as the snapshot root.
 */
function bootstrapCommand(b, arch, hostMirror) {
    const env = {};
    const args = ['--mode=auto', '--format=tar'];
    let mirror;
    if (b.snapshot) {
        mirror = snapshotMirror(b.snapshot, snapshotRoot(b.mirror));
        env.SOURCE_DATE_EPOCH = String(snapshotEpoch(snapshotTimestamp(b.snapshot)));
        // Snapshot Release files are past their Valid-Until date by design.
        args.push('--aptopt=Acquire::Check-Valid-Until "false"');
    }
    else {
        if (!b.mirror && !hostMirror) {
            throw new Error(`bootstrap ${b.suite}: no mirror given and none found in the host's apt sources (/etc/apt)`);
        }
        mirror = b.mirror ?? hostMirror;
    }
    if (b.variant)
        args.push(`--variant=${b.variant}`);
    if (b.components?.length)
        args.push(`--components=${b.components.join(',')}`);
    if (b.include?.length)
        args.push(`--include=${b.include.join(',')}`);
    args.push(`--architectures=${debianArch(b.arch ?? arch)}`);
    // `--`: mmdebstrap (Getopt::Long, permuting) would read an option anywhere, even after the
    // suite; the catalog's values are checked too (schema), this keeps the host's own mirror safe.
    args.push('--', b.suite, '-', mirror);
    return { args, env, mirror };
}
/**
 * Starts mmdebstrap writing the root filesystem tar to stdout. `workDir`: where its chroot and
 * keyring go (TMPDIR), so that they go with the build's work area even when mmdebstrap is killed.
 */
async function startBootstrap(b, arch, reporter, workDir) {
    const hostMirror = b.mirror || b.snapshot ? null : (0,apt_sources/* pickMirror */.Rb)(await (0,apt_sources/* hostAptSources */.Et)(), b.suite);
    const cmd = bootstrapCommand(b, arch, hostMirror);
    reporter.info(`mmdebstrap ${b.suite} from ${cmd.mirror}`);
    // mmdebstrap forks (its tar writer, apt, dpkg, maintainer scripts: under qemu-user for
    // another arch, for many minutes); stopping only mmdebstrap left them running. As PID 1 of
    // its own PID namespace, everything it started ends with it, and the chroot's /proc, /sys and
    // /dev mounts, in its own mount namespace, with them.
    const [file, args] = (0,exec/* wholeTree */.Ih)('mmdebstrap', cmd.args, { mounts: true });
    return (0,exec_stream/* spawnStream */.q)(file, args, {
        env: workDir ? { ...cmd.env, TMPDIR: workDir } : cmd.env,
        reporter,
        onLine: (l) => reporter.debug(`mmdebstrap: ${l}`)
    });
}

;// CONCATENATED MODULE: ./src/sources/dir.ts
/**
 * A directory tree as one layer. GNU tar does the walk: it knows hardlinks, devices, fifos,
 * sparse files and extended attributes, and with --sort=name and numeric owners the same
 * tree gives the same bytes (mtimes, modes and owners as on disk) on any host.
 */

/** GNU tar arguments for a deterministic tar of `dir` on stdout (entries rooted at ./). */
function dirTarArgs(dir) {
    return [
        '--create',
        '--file=-',
        `--directory=${dir}`,
        '--sort=name',
        '--numeric-owner',
        '--format=pax',
        // The default extended-header name holds tar's pid, and atime/ctime change on every read.
        '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime',
        '--xattrs',
        '--xattrs-include=*',
        '--one-file-system',
        '.'
    ];
}
/** Starts `tar` over `dir`; read the tar from .stdout, then await .done. */
function tarDirectory(dir, reporter) {
    return (0,exec_stream/* spawnStream */.q)('tar', dirTarArgs(dir), { reporter, onLine: (l) => reporter?.debug(`tar: ${l}`) });
}

;// CONCATENATED MODULE: ./src/sources/squashfs.ts
/**
 * A squashfs image as a tar stream. sqfs2tar (squashfs-tools-ng) converts without unpacking
 * to disk and keeps owners, modes, times, hardlinks and xattrs; without it, unsquashfs
 * unpacks into the work area and the directory is tarred (dir.ts).
 */





async function squashfsToTar(file, workDir, reporter) {
    if (await (0,exec/* hasTool */.J2)('sqfs2tar')) {
        // --no-skip: a file tar cannot hold is an error, not a silent hole in the image.
        const proc = (0,exec_stream/* spawnStream */.q)('sqfs2tar', ['--no-skip', file], {
            reporter,
            onLine: (l) => reporter.debug(`sqfs2tar: ${l}`)
        });
        return { proc, cleanup: async () => { } };
    }
    const dest = (0,external_node_path_.join)(workDir, 'squashfs-root');
    await (0,promises_.rm)(dest, { recursive: true, force: true });
    await (0,promises_.mkdir)(workDir, { recursive: true });
    reporter.debug('sqfs2tar not found (squashfs-tools-ng); unpacking with unsquashfs');
    await (0,exec/* run */.eF)('unsquashfs', ['-no-progress', '-d', dest, file], { reporter });
    return { proc: tarDirectory(dest, reporter), cleanup: () => (0,promises_.rm)(dest, { recursive: true, force: true }) };
}

;// CONCATENATED MODULE: ./src/sources/materialize.ts
/**
 * Base sources into the store: whatever an image starts from (nothing, a docker image, a
 * tarball, a directory, a squashfs, an mmdebstrap bootstrap) becomes a stored image that
 * builders read like any other. Every tar that comes in is checked entry by entry
 * (safe-tar.ts) and streamed into a single uncompressed layer; nothing is unpacked unless
 * the source needs it (squashfs without sqfs2tar).
 *
 * Finding an already stored base by its key is the caller's business (store.findByKey):
 * this module always produces.
 */












/** The PATH docker gives a container whose image sets none; a base from a tarball sets it explicitly. */
const DEFAULT_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
function baseRefName(image) {
    return `${image}.base`;
}
/** Produces `source` as an image in the store and returns it. Failures are BuildErrors naming the image and the source. */
async function materializeBase(store, source, opts) {
    const arch = opts.arch ?? 'x86_64';
    const step = `base ${describeSource(source)}`;
    const put = (layers, config) => store.putImage({
        layers,
        config,
        name: opts.name ?? baseRefName(opts.image),
        key: opts.key,
        annotations: { 'dev.kiln.base': describeSource(source) }
    });
    const plainConfig = {
        architecture: arch,
        os: 'linux',
        config: { Env: DEFAULT_ENV }
    };
    try {
        switch (source.kind) {
            case 'scratch':
                return await put([], { architecture: arch, os: 'linux' });
            case 'image':
            case 'stored': {
                const found = await store.getImage(source.name);
                if (!found)
                    throw new Error(`image ${source.name} is not in the store ${store.root} (build it first)`);
                return found;
            }
            case 'docker': {
                if (!(await imageExists(source.ref))) {
                    opts.reporter.info(`${source.ref} is not in the docker engine; pulling it`);
                    await pullImage(source.ref, opts.reporter);
                }
                const saved = await saveFromDocker(store, source.ref, opts.reporter);
                const { rootfs: _rootfs, ...config } = saved.config;
                return await put(saved.layers, config);
            }
            case 'tar': {
                const path = sourcePath(opts.root, source.path);
                await mustBe(path, 'file');
                const tar = (0,compression/* decompressStream */.Ct)((0,external_node_fs_.createReadStream)(path), path, opts.reporter);
                const layer = await storeCheckedLayer(store, tar, path);
                return await put([layer], plainConfig);
            }
            case 'dir': {
                const path = sourcePath(opts.root, source.path);
                await mustBe(path, 'directory');
                const proc = tarDirectory(path, opts.reporter);
                const layer = await storeCheckedLayer(store, proc.stdout, path, proc);
                return await put([layer], plainConfig);
            }
            case 'squashfs': {
                const path = sourcePath(opts.root, source.path);
                await mustBe(path, 'file');
                const conv = await squashfsToTar(path, opts.workDir, opts.reporter);
                try {
                    const layer = await storeCheckedLayer(store, conv.proc.stdout, path, conv.proc);
                    return await put([layer], plainConfig);
                }
                finally {
                    await conv.cleanup();
                }
            }
            case 'bootstrap': {
                const b = source.bootstrap;
                const proc = await startBootstrap(b, arch, opts.reporter, opts.workDir);
                const layer = await storeCheckedLayer(store, proc.stdout, `mmdebstrap ${b.suite}`, proc);
                return await put([layer], { ...plainConfig, architecture: b.arch ?? arch });
            }
        }
    }
    catch (e) {
        if (e instanceof errors/* BuildError */.zS)
            throw e;
        const tail = e instanceof exec/* ExecError */.cI ? e.tail : e.tail;
        const lines = Array.isArray(tail) ? tail.map(String) : [];
        throw new errors/* BuildError */.zS(opts.image, step, (0,errors/* errorMessage */.gJ)(e), lines, (0,safe_tar/* isTarRefusal */.u2)(e));
    }
}
/** A short human name of a source for logs, errors and the stored base's annotation. */
function describeSource(source) {
    switch (source.kind) {
        case 'scratch':
            return 'scratch';
        case 'image':
            return `image ${source.name}`;
        case 'stored':
            return `store image ${source.name}`;
        case 'docker':
            return `docker ${source.ref}`;
        case 'tar':
            return `tar ${source.path}`;
        case 'dir':
            return `dir ${source.path}`;
        case 'squashfs':
            return `squashfs ${source.path}`;
        case 'bootstrap': {
            const b = source.bootstrap;
            return `bootstrap ${b.suite}${b.variant ? `/${b.variant}` : ''}${b.snapshot ? `@${b.snapshot}` : ''}`;
        }
    }
}
function sourcePath(root, p) {
    return (0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(root, p);
}
async function mustBe(path, kind) {
    const st = await (0,promises_.stat)(path).catch(() => null);
    if (!st)
        throw new Error(`${path} does not exist`);
    if (kind === 'file' ? !st.isFile() : !st.isDirectory())
        throw new Error(`${path} is not a ${kind}`);
}

;// CONCATENATED MODULE: ./src/sources/index.ts










// EXTERNAL MODULE: ./src/verify/boot.ts + 1 modules
var verify_boot = __webpack_require__(36485);
// EXTERNAL MODULE: ./src/verify/disk-output.ts
var disk_output = __webpack_require__(94352);
// EXTERNAL MODULE: ./src/verify/install.ts + 2 modules
var install = __webpack_require__(55922);
// EXTERNAL MODULE: ./src/verify/netboot.ts + 1 modules
var netboot = __webpack_require__(23298);
// EXTERNAL MODULE: ./src/util/atomic-write.ts
var atomic_write = __webpack_require__(95105);
;// CONCATENATED MODULE: ./src/pipeline/export-stamp.ts
/**
 * Archives already in out/ for the same input key are not written again. After an export, a
 * stamp (out/<name>/.kiln-stamp.json) records what was asked for (key, kinds, compression,
 * kernel pin, SOURCE_DATE_EPOCH), the files with their digests, and the boot gate's verdict.
 * A later run asking for the same thing reuses them once every file still has its digest; an
 * image that is merely reused would otherwise cost a full flatten and a boot every run.
 */





const STAMP_FILE = '.kiln-stamp.json';
function sameRequest(a, b) {
    const norm = (r) => JSON.stringify([
        r.key,
        [...r.exports].sort(),
        r.compression,
        r.kernel ?? null,
        r.sourceDateEpoch ?? null,
        r.sbomFormat ?? null
    ]);
    return norm(a) === norm(b);
}
async function sha256(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    try {
        for await (const chunk of (0,external_node_fs_.createReadStream)(path, { highWaterMark: 1 << 20 }))
            hash.update(chunk);
    }
    catch {
        return null;
    }
    return hash.digest('hex');
}
/** The stamped exports of `dir` when they answer `request` and every file is intact; else null. */
async function reusableExport(dir, request) {
    let stamp;
    try {
        stamp = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(dir, STAMP_FILE), 'utf8'));
    }
    catch {
        return null;
    }
    if (!stamp?.request || !sameRequest(stamp.request, request) || !stamp.exports?.files?.length)
        return null;
    for (const f of stamp.exports.files) {
        if ((await sha256((0,external_node_path_.join)(dir, f.name))) !== f.sha256)
            return null;
    }
    // The manifest, the checksums and the SBOM and provenance a user reads must be there too (a
    // signature is made again each run, with whatever key this run has).
    const documents = (stamp.exports.documents ?? []).filter((f) => !f.endsWith('.asc'));
    for (const f of ['manifest.json', 'SHA256SUMS', ...documents])
        if ((await sha256((0,external_node_path_.join)(dir, f))) === null)
            return null;
    return { exports: { ...stamp.exports, dir }, verify: stamp.verify };
}
/** Records a finished export (and, later, its boot verdict). Written whole or not at all. */
async function writeStamp(dir, request, exports, verify) {
    await (0,atomic_write/* writeFileAtomic */.Z)((0,external_node_path_.join)(dir, STAMP_FILE), JSON.stringify({ request, exports, verify }, null, 2));
}

// EXTERNAL MODULE: ./src/model/display.ts
var display = __webpack_require__(53959);
;// CONCATENATED MODULE: ./src/pipeline/report.ts
/** out/index.json: the run's report, written whole (temp + rename) after every image. */





const REPORT_FILE = 'index.json';
/** The same, synchronously: for an exit at once, when no promise will settle any more. */
function writeReportSync(outDir, report) {
    const file = (0,external_node_path_.join)(outDir, REPORT_FILE);
    const tmp = (0,lifecycle/* tempFileFor */.G2)(file);
    try {
        (0,external_node_fs_.mkdirSync)(outDir, { recursive: true });
        (0,external_node_fs_.writeFileSync)(tmp, `${JSON.stringify(report, null, 2)}\n`);
        (0,external_node_fs_.renameSync)(tmp, file);
    }
    catch (e) {
        (0,external_node_fs_.rmSync)(tmp, { force: true });
        throw e;
    }
}
async function writeReport(outDir, report) {
    await (0,promises_.mkdir)(outDir, { recursive: true });
    const file = (0,external_node_path_.join)(outDir, REPORT_FILE);
    await (0,atomic_write/* writeFileAtomic */.Z)(file, `${JSON.stringify(report, null, 2)}\n`);
    return file;
}
/** How the report names a base: another image's name, or the source it starts from. */
function describeBase(base) {
    switch (base.kind) {
        case 'scratch':
            return 'scratch';
        case 'image':
            return base.name;
        case 'stored':
            return `store:${base.name}`;
        case 'docker':
            return `docker:${base.ref}`;
        case 'bootstrap':
            return `bootstrap:${base.bootstrap.suite}${base.bootstrap.variant ? `/${base.bootstrap.variant}` : ''}`;
        default:
            return `${base.kind}:${base.path}`;
    }
}
/** The image's dated tag (NAME-YYYY-MM-DD_N) among its refs. */
function datedTag(image, name) {
    const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d\\d-\\d\\d_\\d+$`);
    return image.refs
        .filter((r) => re.test(r))
        .sort(byDatedTag)
        .pop();
}
function byDatedTag(a, b) {
    const n = (s) => {
        const m = s.match(/-(\d{4}-\d\d-\d\d)_(\d+)$/);
        return m ? [m[1], Number(m[2])] : ['', 0];
    };
    const [da, na] = n(a);
    const [db, nb] = n(b);
    return da === db ? na - nb : da < db ? -1 : 1;
}
/** Fills the image part of a report from the stored image. */
function describeImage(report, image) {
    report.manifestDigest = image.manifestDigest;
    report.layers = image.layers.map((l) => l.digest);
    report.size = image.layers.reduce((n, l) => n + l.size, 0);
    report.tag = datedTag(image, report.name);
}

// EXTERNAL MODULE: ./src/pipeline/types.ts
var pipeline_types = __webpack_require__(11839);
;// CONCATENATED MODULE: ./src/pipeline/run.ts
/**
 * Builds a plan: every selected image once, in plan order, independent images side by side up
 * to `jobs`. An image whose input key is already in the store is reused, not rebuilt; a failed
 * image stops the images built on it while the others finish. out/index.json is rewritten
 * after every image, so a report exists whatever happens later.
 */




























async function buildPlan(plan, opts) {
    await checkEmulation(plan, opts);
    const run = new PlanRun(plan, opts);
    // If the process must exit at once (a second signal, cleanup past its deadline), the report
    // still says which images were interrupted.
    const unregister = (0,lifecycle/* onExitNow */.E3)(() => writeReportSync(opts.outDir, run.interruptedSnapshot()));
    try {
        return await run.execute();
    }
    finally {
        await run.session.close();
        unregister();
    }
}
/**
 * Before anything is built: images of another architecture than the host's that the store does
 * not already hold build under qemu-user, so binfmt_misc must hand their binaries to it (set up
 * here when Kiln is root, see engine/binfmt.ts). When it cannot be, the run stops as invalid
 * input (exit 2), naming the first such image of each architecture and what to install.
 */
async function checkEmulation(plan, opts) {
    const problems = [];
    const seen = new Set();
    for (const p of plan.images) {
        const arch = (0,model_arch/* canonicalArch */.Xp)(p.spec.arch);
        if ((0,model_arch/* runsNatively */.PU)(arch, opts.emulation?.host) || seen.has(arch))
            continue;
        if (await opts.store.findByKey(p.key))
            continue;
        seen.add(arch);
        try {
            await ensureEmulation(arch, { ...opts.emulation, reporter: opts.reporter });
        }
        catch (e) {
            if (!(e instanceof EmulationUnavailable))
                throw e;
            problems.push({
                file: (0,display/* displayPath */.G)(plan.catalog.file),
                pointer: `${p.spec.pointer}/arch`,
                line: p.spec.line,
                image: p.spec.name,
                message: e.message
            });
        }
    }
    if (problems.length)
        throw new errors/* InvalidInputError */.oC(problems);
}
class PlanRun {
    plan;
    opts;
    session;
    jobs;
    state = new Map();
    /** Images available to build on, by name. */
    images = new Map();
    reports = new Map();
    /** The images each built image was built on (its base, the chain images its file names), to tell its new layers apart. */
    bases = new Map();
    startedAt = new Date();
    /** Names this run in every provenance it writes. */
    invocationId = (0,external_node_crypto_.randomUUID)();
    writing = Promise.resolve();
    /** What each image's archives were written for in this run (for the boot verdict's stamp). */
    stamps = new Map();
    constructor(plan, opts) {
        this.plan = plan;
        this.opts = opts;
        this.session = new EngineSession(opts.reporter);
        this.jobs = Math.max(1, Math.floor(opts.jobs ?? 1));
        for (const p of plan.images) {
            this.state.set(p.spec.name, 'pending');
            this.reports.set(p.spec.name, {
                name: p.spec.name,
                key: p.key,
                builder: p.spec.builder,
                base: describeBase(p.spec.base),
                distro: p.spec.distro,
                plan: p.spec.plan,
                arch: p.spec.arch,
                status: 'skipped',
                seconds: 0,
                layers: [],
                size: 0
            });
        }
    }
    async execute() {
        const { reporter } = this.opts;
        await new Promise((done) => {
            const running = new Set();
            const pump = () => {
                for (const p of this.plan.images) {
                    const name = p.spec.name;
                    if (this.state.get(name) !== 'pending')
                        continue;
                    const deps = p.deps.filter((d) => this.state.has(d)).map((d) => this.state.get(d));
                    const blocked = deps.find((s) => s === 'failed' || s === 'skipped' || s === 'interrupted');
                    if (blocked || this.opts.signal?.aborted) {
                        // Plan order is topological: a skipped image's descendants come later in this same pass.
                        this.skip(p);
                        continue;
                    }
                    if (running.size >= this.jobs || !deps.every((s) => s === 'done'))
                        continue;
                    running.add(name);
                    this.state.set(name, 'running');
                    void this.one(p).then((ok) => {
                        this.state.set(name, ok ? 'done' : this.reports.get(name).status === 'interrupted' ? 'interrupted' : 'failed');
                        running.delete(name);
                        pump();
                    });
                }
                if (running.size === 0)
                    done();
            };
            pump();
        });
        const report = this.snapshot();
        await this.save(report);
        const failed = report.images.filter((i) => i.status === 'failed' || (0,pipeline_types/* gateFailed */.p)(i)).length;
        const counts = ['built', 'reused', 'restored', 'failed', 'interrupted', 'skipped']
            .map((s) => [s, report.images.filter((i) => i.status === s).length])
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${n} ${s}`);
        const line = `${(0,log/* plural */.LS)(report.images.length, 'image')}: ${counts.join(', ')} in ${(0,log/* formatSeconds */.Xo)(report.seconds)}`;
        if (failed)
            reporter.error(line);
        else
            reporter.info(line);
        return report;
    }
    skip(p) {
        const name = p.spec.name;
        this.state.set(name, 'skipped');
        const r = this.reports.get(name);
        r.status = 'skipped';
        const cause = p.deps.find((d) => ['failed', 'skipped', 'interrupted'].includes(this.state.get(d) ?? ''));
        this.opts.reporter.warn(cause ? `${name}: skipped: ${cause} did not build` : `${name}: skipped: the run was stopped`);
    }
    /** One image: reuse, restore or build it, then export and hand it to the hook. True if it can be built on. */
    async one(p) {
        const name = p.spec.name;
        const r = this.reports.get(name);
        const reporter = this.jobs > 1 ? prefixed(this.opts.reporter, name) : this.opts.reporter;
        const t0 = Date.now();
        const body = async () => {
            let step = 'store';
            try {
                let image = await this.opts.store.findByKey(p.key);
                let status = 'reused';
                if (!image && this.opts.hooks?.restore) {
                    step = 'restore';
                    image = await this.opts.hooks.restore(p);
                    status = 'restored';
                }
                if (!image) {
                    image = await this.build(p, reporter);
                    status = 'built';
                }
                this.images.set(name, image);
                r.status = status;
                describeImage(r, image);
                r.seconds = (Date.now() - t0) / 1000;
                const newBytes = status === 'built' ? this.newBytes(name, image) : 0;
                reporter.info(`${name}: ${status} ${image.manifestDigest.slice(7, 19)} in ${(0,log/* formatSeconds */.Xo)(r.seconds)}: ` +
                    `${image.layers.length} layers, ${(0,log/* formatBytes */.z3)(r.size)}${status === 'built' ? ` (${(0,log/* formatBytes */.z3)(newBytes)} new)` : ''}`);
                if (this.opts.hooks?.afterImage && !this.opts.signal?.aborted) {
                    try {
                        await this.opts.hooks.afterImage(r, image, p);
                    }
                    catch (e) {
                        reporter.warn(`${name}: after-build step failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
                    }
                }
                step = 'export';
                this.opts.signal?.throwIfAborted();
                if (status !== 'built')
                    await this.aciArtifact(p, image);
                await this.export(p, image, r, reporter);
                step = 'verify';
                this.opts.signal?.throwIfAborted();
                await this.verify(p, r, reporter);
                step = 'install gate';
                this.opts.signal?.throwIfAborted();
                await this.verifyInstall(p, r, reporter);
                step = 'netboot gate';
                this.opts.signal?.throwIfAborted();
                await this.verifyNetboot(p, r, reporter);
                r.seconds = (Date.now() - t0) / 1000;
                return true;
            }
            catch (e) {
                r.seconds = (Date.now() - t0) / 1000;
                if (this.opts.signal?.aborted) {
                    // What failed is the tool the interrupt stopped: say so, not its exit status.
                    const reason = (0,errors/* errorMessage */.gJ)(this.opts.signal.reason ?? 'interrupted');
                    r.status = 'interrupted';
                    r.error = { step, message: `${name}: ${step}: ${reason}`, tail: [] };
                    reporter.warn(`${name}: ${step}: ${reason}`);
                    return false;
                }
                const err = e instanceof errors/* BuildError */.zS ? e : toError(name, step, e);
                // A blob that failed its digest goes from the store, so the next build restores or
                // rebuilds the images that use it instead of failing on it each time.
                const corrupt = (0,digest.findCorruptBlob)(e);
                if (corrupt && (await this.opts.store.dropCorruptBlob?.(corrupt).catch(() => false)))
                    reporter.warn(`${name}: deleted the corrupt blob ${corrupt.digest} from the store: the next build restores or rebuilds what uses it`);
                r.status = 'failed';
                r.error = { step: err.step, message: err.message.split('\n')[0], tail: err.tail };
                if (err.inputRefused)
                    r.error.refused = true;
                reporter.error(err.message);
                // An image that is in the store but failed to export is still there to build on,
                // unless what failed was its own content.
                return step === 'export' && this.images.has(name) && !corrupt;
            }
            finally {
                await this.save(this.snapshot());
            }
        };
        return this.jobs > 1 ? body() : reporter.group(`${name} (${p.spec.builder})`, body);
    }
    /** Runs the image's builder in a fresh work area and stores the result. */
    async build(p, reporter) {
        const { spec } = p;
        const workDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.opts.tmpDir ?? (0,external_node_os_.tmpdir)(), (0,lifecycle/* tempPrefix */.hF)(dockerSafeName(spec.name))));
        const untrack = (0,lifecycle/* trackDir */.F3)(workDir);
        try {
            const base = await this.base(p, workDir, reporter);
            const chain = await this.chain(p);
            this.bases.set(spec.name, [...(base ? [base] : []), ...chain.values()]);
            const make = this.opts.builderFor ?? builderFor;
            const builder = make(spec.builder, { session: this.session, sourceDateEpoch: this.opts.sourceDateEpoch }, spec.name);
            const result = await builder.build({
                store: this.opts.store,
                catalog: this.plan.catalog,
                image: p,
                base,
                chain,
                workDir,
                reporter,
                signal: this.opts.signal
            });
            let stored;
            try {
                stored = await this.opts.store.putImage({
                    layers: result.layers,
                    config: result.config,
                    name: spec.name,
                    key: p.key,
                    annotations: result.annotations
                });
            }
            catch (e) {
                throw toError(spec.name, 'store', e);
            }
            if (result.artifacts)
                await this.keepArtifacts(spec.name, result.artifacts);
            return stored;
        }
        finally {
            await (0,promises_.rm)(workDir, { recursive: true, force: true }).then(untrack, (e) => reporter.warn(`could not remove ${workDir}: ${(0,errors/* errorMessage */.gJ)(e)}`));
        }
    }
    /** The stored image of each chain image `p` depends on, by name: what its FROMs must get. */
    async chain(p) {
        const out = new Map();
        for (const d of p.deps) {
            const planned = this.plan.images.find((i) => i.spec.name === d);
            const found = this.images.get(d) ?? (planned ? await this.opts.store.findByKey(planned.key) : null);
            if (found)
                out.set(d, found);
        }
        return out;
    }
    /** The image to build on: another image of the chain, or a source brought into the store. */
    async base(p, workDir, reporter) {
        const { spec } = p;
        const src = spec.base;
        if (src.kind === 'scratch')
            return null;
        if (src.kind === 'image') {
            const have = this.images.get(src.name);
            if (have)
                return have;
            const planned = this.plan.images.find((i) => i.spec.name === src.name);
            const found = planned
                ? await this.opts.store.findByKey(planned.key)
                : await this.opts.store.getImage(src.name);
            if (!found)
                throw new errors/* BuildError */.zS(spec.name, 'base', `base image ${src.name} is not in the store`);
            return found;
        }
        if (src.kind === 'stored') {
            // The key holds the digest the plan found; build on that image or not at all.
            const found = await this.opts.store.getImage(src.name);
            const keyed = p.inputs.find((i) => i.kind === 'base-stored')?.digest;
            if (!found || found.manifestDigest !== keyed)
                throw new errors/* BuildError */.zS(spec.name, 'base', `store image ${src.name} ${found ? `is now ${found.manifestDigest.slice(0, 19)}, not the ${keyed?.slice(0, 19)} the plan keyed` : 'is gone from the store'}`);
            return found;
        }
        const key = sourceKey(p);
        try {
            const stored = await this.opts.store.findByKey(key);
            if (stored) {
                reporter.info(`base ${describeBase(src)}: in the store`);
                return stored;
            }
            const t0 = Date.now();
            const made = await materializeBase(this.opts.store, src, {
                root: this.plan.catalog.root,
                image: spec.name,
                workDir,
                reporter,
                key,
                arch: spec.arch
            });
            const size = made.layers.reduce((n, l) => n + l.size, 0);
            reporter.info(`base ${describeBase(src)}: ${(0,log/* formatBytes */.z3)(size)} in ${(0,log/* formatSeconds */.Xo)((Date.now() - t0) / 1000)}`);
            return made;
        }
        catch (e) {
            throw toError(spec.name, `base ${describeBase(src)}`, e);
        }
    }
    /** Bytes of the layers an image added to its base. */
    newBytes(name, image) {
        const had = new Set(this.bases.get(name)?.flatMap((b) => b.layers.map((l) => l.digest)) ?? []);
        return image.layers.filter((l) => !had.has(l.digest)).reduce((n, l) => n + l.size, 0);
    }
    /** Files a builder made next to the image (e.g. image.aci) go to out/<name>/. */
    async keepArtifacts(name, artifacts) {
        const dir = (0,external_node_path_.join)(this.opts.outDir, name);
        await (0,promises_.mkdir)(dir, { recursive: true });
        for (const [file, path] of Object.entries(artifacts)) {
            const dest = (0,external_node_path_.join)(dir, (0,external_node_path_.basename)(file));
            const tmp = (0,lifecycle/* tempFileFor */.G2)(dest);
            try {
                try {
                    await (0,promises_.rename)(path, tmp);
                }
                catch {
                    // Across filesystems (work area in /tmp, out/ elsewhere): copy instead.
                    await (0,promises_.copyFile)(path, tmp);
                }
                await (0,promises_.rename)(tmp, dest);
            }
            catch (e) {
                await (0,promises_.rm)(tmp, { force: true });
                throw new io_error/* IoError */.dA(e, dest);
            }
        }
    }
    /**
     * image.aci of an ACI image that was reused or restored: the builder's artifact exists only
     * in the run that built it, so it is made again from the stored layer (out/ may be fresh, or
     * hold the archive of another key).
     */
    async aciArtifact(p, image) {
        const { spec } = p;
        if (spec.builder !== 'aci' || !spec.exports.includes('aci'))
            return;
        if (this.opts.exports === false || p.selected === false)
            return;
        const workDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(this.opts.tmpDir ?? (0,external_node_os_.tmpdir)(), (0,lifecycle/* tempPrefix */.hF)(dockerSafeName(spec.name))));
        const untrack = (0,lifecycle/* trackDir */.F3)(workDir);
        try {
            const aci = (0,external_node_path_.join)(workDir, 'image.aci');
            await aciArchiveFromImage(this.plan.catalog.root, spec, image, workDir, aci);
            await this.keepArtifacts(spec.name, { 'image.aci': aci });
        }
        catch (e) {
            throw toError(spec.name, 'export image.aci', e);
        }
        finally {
            await (0,promises_.rm)(workDir, { recursive: true, force: true }).then(untrack);
        }
    }
    async export(p, image, r, reporter) {
        // image.aci comes from the ACI builder itself (an artifact); the rest from the flattener.
        // A disk (raw, qcow2) is installed from the boot archives: asking for one exports them.
        // The netboot gate boots netboot/: asking for it exports the netboot files and the squashfs.
        const wanted = [
            ...p.spec.exports,
            ...(wantsDisk(p) ? ['rootfs', 'kernel', 'initrd', 'modules'] : []),
            ...(p.spec.gates?.netboot ? ['netboot', 'squashfs'] : [])
        ];
        const kinds = [...new Set(wanted)].filter((k) => exporters_export/* EXPORT_KINDS */.R.includes(k));
        // Ancestors pulled in only to build a selected image are not exported (as Packet exported plans, not bases).
        if (this.opts.exports === false || kinds.length === 0 || p.selected === false)
            return;
        const request = {
            key: p.key,
            exports: kinds,
            compression: this.opts.compression ?? 'gzip',
            kernel: p.spec.kernel,
            sourceDateEpoch: this.opts.sourceDateEpoch,
            sbomFormat: this.opts.sbomFormat ?? 'spdx'
        };
        const dir = (0,external_node_path_.join)(this.opts.outDir, p.spec.name);
        const previous = await reusableExport(dir, request);
        if (previous) {
            reporter.info(`${p.spec.name}: archives in ${dir} are up to date (same key, digests checked)`);
            r.exports = previous.exports;
            // A verdict on these very archives still holds; anything else is asked again.
            if (previous.verify?.status === 'passed')
                r.verify = { ...previous.verify, message: 'passed before on these archives' };
            await this.signSums(p, r);
            return;
        }
        try {
            const ancestors = await this.ancestors(p);
            const self = { planned: p, stored: image };
            // The exporter writes into <outDir>/<name>/.
            const res = await (0,exporters_export.exportImage)({
                layers: image.layers,
                outDir: this.opts.outDir,
                name: p.spec.name,
                key: p.key,
                exports: kinds,
                compression: request.compression,
                kernel: p.spec.kernel,
                arch: (0,model_arch/* canonicalArch */.Xp)(p.spec.arch),
                sourceDateEpoch: this.opts.sourceDateEpoch,
                baseChain: this.baseChain(p),
                sbomFormat: request.sbomFormat,
                ancestors: chainImages(ancestors),
                provenance: await provenanceContext(self, ancestors, {
                    invocationId: this.invocationId,
                    startedOn: this.startedAt.toISOString(),
                    runUrl: (0,provenance/* githubRunUrl */.Gk)(),
                    builtNow: r.status === 'built',
                    bootGate: this.opts.verify !== false && p.spec.verify && kinds.includes('kernel')
                }),
                reporter,
                signal: this.opts.signal
            });
            r.exports = {
                dir: res.dir,
                files: res.archives.map((a) => ({ name: a.file, size: a.size, sha256: a.sha256 })),
                kernel: res.kernel ?? undefined,
                documents: res.documents.map((d) => d.file)
            };
            this.stamps.set(p.spec.name, request);
            await writeStamp(res.dir, request, r.exports);
        }
        catch (e) {
            throw toError(p.spec.name, 'export', e);
        }
        await this.signSums(p, r);
    }
    /**
     * SHA256SUMS.asc for the image's checksums when this run has a signing key; otherwise no
     * signature is left from an earlier run (it would speak for a key this run was not given).
     */
    async signSums(p, r) {
        if (!r.exports)
            return;
        const documents = (r.exports.documents ?? []).filter((f) => f !== 'SHA256SUMS.asc');
        const sums = (0,external_node_path_.join)(r.exports.dir, 'SHA256SUMS');
        try {
            if (this.opts.signer) {
                await this.opts.signer.sign(sums);
                documents.push('SHA256SUMS.asc');
            }
            else {
                await (0,promises_.rm)(`${sums}.asc`, { force: true });
            }
        }
        catch (e) {
            throw toError(p.spec.name, 'sign SHA256SUMS', e);
        }
        r.exports.documents = documents;
    }
    /** The images of the chain below `p`, nearest first, with their stored images. */
    async ancestors(p) {
        const out = [];
        for (const { name } of this.baseChain(p)) {
            const planned = this.plan.images.find((i) => i.spec.name === name);
            if (!planned)
                break;
            const stored = this.images.get(name) ?? (await this.opts.store.findByKey(planned.key)) ?? undefined;
            out.push({ planned, stored });
        }
        return out;
    }
    /** The boot gate, for images whose exports hold a kernel and an initrd: the result goes into the report. */
    async verify(p, r, reporter) {
        const names = new Set(r.exports?.files.map((f) => f.name.replace(/\.tar(\.\w+)?$/, '')) ?? []);
        if (!r.exports || !['image', 'kernel', 'initrd', 'modules'].every((f) => names.has(f)))
            return;
        if (r.verify?.status === 'passed')
            return; // these archives passed in an earlier run
        if (!r.exports.files.some((f) => f.name === 'kernel.tar.gz')) {
            r.verify = {
                status: 'skipped',
                seconds: 0,
                message: 'the boot gate reads gzip archives (--compress gzip)'
            };
            reporter.warn(`${p.spec.name}: boot gate skipped: ${r.verify.message}`);
            return;
        }
        if (this.opts.verify === false || !p.spec.verify) {
            r.verify = {
                status: 'skipped',
                seconds: 0,
                message: p.spec.verify ? 'boot gate off for this run' : 'verify: false'
            };
            return;
        }
        reporter.info(`${p.spec.name}: boot gate: booting ${r.exports.kernel ?? 'its kernel'} under qemu`);
        const res = await (0,verify_boot.verifyBoot)({
            dir: r.exports.dir,
            timeoutSec: this.opts.bootTimeoutSec,
            arch: (0,model_arch/* canonicalArch */.Xp)(p.spec.arch) === 'aarch64' ? 'aarch64' : 'x86_64',
            reporter,
            signal: this.opts.signal
        });
        r.verify = { status: res.status, seconds: res.seconds, accel: res.accel, message: res.message };
        const request = this.stamps.get(p.spec.name);
        if (request)
            await writeStamp(r.exports.dir, request, r.exports, r.verify);
        if (res.status === 'passed') {
            reporter.info(`${p.spec.name}: boot gate passed in ${(0,log/* formatSeconds */.Xo)(res.seconds)} (${res.accel})`);
        }
        else {
            reporter.error(notPublished(p.spec.name, `boot gate failed: ${res.message ?? 'no marker'}`, res.consoleTail));
        }
    }
    /**
     * The provisioning gate, after the boot gate, for images with `verify.install` or a raw/qcow2
     * export: the archives installed on a blank disk in qemu, the disk booted under SeaBIOS and
     * OVMF. A failure keeps the image from being published, like the boot gate's. The disk it
     * installed becomes disk.raw / disk.qcow2, listed in manifest.json and SHA256SUMS.
     */
    async verifyInstall(p, r, reporter) {
        const wanted = p.spec.gates?.install === true || wantsDisk(p);
        if (!wanted || !r.exports)
            return;
        const names = new Set(r.exports.files.map((f) => f.name));
        if (!['image', 'kernel', 'initrd', 'modules'].every((f) => names.has(`${f}.tar.gz`))) {
            r.install = { status: 'skipped', seconds: 0, message: 'the install gate reads gzip boot archives' };
            reporter.warn(`${p.spec.name}: install gate skipped: ${r.install.message}`);
            return;
        }
        if (r.verify?.status === 'failed') {
            r.install = { status: 'skipped', seconds: 0, message: 'the boot gate failed' };
            return;
        }
        if (this.opts.verify === false && !wantsDisk(p)) {
            r.install = { status: 'skipped', seconds: 0, message: 'gates off for this run' };
            return;
        }
        const dir = r.exports.dir;
        const disk = wantsDisk(p) ? (0,lifecycle/* tempFileFor */.G2)((0,external_node_path_.join)(dir, 'disk')) : undefined;
        const untrack = disk ? (0,lifecycle/* trackDir */.F3)(disk) : () => undefined;
        try {
            reporter.info(`${p.spec.name}: install gate: provisioning a blank disk under qemu, then booting it`);
            const res = await (0,install.verifyInstall)({
                dir,
                bootTimeoutSec: this.opts.bootTimeoutSec,
                keepDisk: disk,
                reporter,
                signal: this.opts.signal
            });
            r.install = {
                status: res.status,
                seconds: res.totalSeconds,
                accel: res.accel,
                stage: res.stage,
                message: res.message,
                stages: res.stages
            };
            if (res.status !== 'passed') {
                reporter.error(notPublished(p.spec.name, `install gate failed at ${res.stage}: ${res.message}`, res.consoleTail));
                return;
            }
            reporter.info(`${p.spec.name}: install gate passed in ${(0,log/* formatSeconds */.Xo)(res.totalSeconds)} (${res.accel}): ` +
                res.stages.map((x) => `${x.stage} ${x.seconds.toFixed(1)} s`).join(', '));
            if (res.disk)
                await this.diskOutputs(p, r, res.disk, reporter);
        }
        finally {
            untrack();
        }
    }
    /**
     * The netboot gate, after the boot and install gates, for images with `verify.netboot`:
     * netboot/ booted by iPXE over qemu's user network (vmlinuz, initrd and rootfs.squashfs over
     * HTTP) to the check program. A failure keeps the image from being published, like the
     * other gates'; the report names the stage it failed in.
     */
    async verifyNetboot(p, r, reporter) {
        if (p.spec.gates?.netboot !== true || !r.exports)
            return;
        const skip = (message, warn = false) => {
            r.netboot = { status: 'skipped', seconds: 0, message };
            if (warn)
                reporter.warn(`${p.spec.name}: netboot gate skipped: ${message}`);
        };
        if (!r.exports.files.some((f) => f.name === 'netboot/boot.ipxe'))
            return skip('no netboot/boot.ipxe in the export', true);
        if ((0,model_arch/* canonicalArch */.Xp)(p.spec.arch) !== 'x86_64')
            return skip('the netboot gate boots x86_64 images only', true);
        if (r.verify?.status === 'failed')
            return skip('the boot gate failed');
        if (this.opts.verify === false)
            return skip('gates off for this run');
        reporter.info(`${p.spec.name}: netboot gate: booting netboot/ over iPXE and HTTP under qemu`);
        const res = await (0,netboot.verifyNetboot)({
            dir: r.exports.dir,
            // A netboot downloads the kernel, initrd and squashfs before it boots: never less than its default.
            timeoutSec: Math.max(this.opts.bootTimeoutSec ?? 0, netboot/* DEFAULT_NETBOOT_TIMEOUT_SEC */.cf),
            reporter,
            signal: this.opts.signal
        });
        r.netboot = {
            status: res.status,
            seconds: res.totalSeconds,
            accel: res.accel,
            stage: res.stage,
            message: res.message,
            downloadedBytes: res.downloadedBytes
        };
        if (res.status !== 'passed') {
            // The gate's messages mostly start with their stage already.
            const why = res.message?.startsWith(`${res.stage}:`) ? res.message : `${res.stage}: ${res.message}`;
            reporter.error(notPublished(p.spec.name, `netboot gate failed at ${why}`, res.consoleTail));
            return;
        }
        reporter.info(`${p.spec.name}: netboot gate passed in ${(0,log/* formatSeconds */.Xo)(res.totalSeconds)} (${res.accel}, ` +
            `${(0,log/* formatBytes */.z3)(res.downloadedBytes)} over HTTP)`);
    }
    /** disk.raw / disk.qcow2 beside the archives, added to manifest.json and SHA256SUMS (signed again). */
    async diskOutputs(p, r, disk, reporter) {
        const exp = r.exports;
        const files = await (0,disk_output.writeDiskOutputs)(disk, {
            raw: p.spec.exports.includes('raw') ? (0,external_node_path_.join)(exp.dir, 'disk.raw') : undefined,
            qcow2: p.spec.exports.includes('qcow2') ? (0,external_node_path_.join)(exp.dir, 'disk.qcow2') : undefined,
            reporter,
            signal: this.opts.signal
        });
        const added = Object.entries(files).map(([kind, f]) => ({
            kind,
            file: (0,external_node_path_.basename)(f.path),
            size: f.size,
            sha256: f.sha256
        }));
        exp.files = [
            ...exp.files.filter((f) => !added.some((a) => a.file === f.name)),
            ...added.map((a) => ({ name: a.file, size: a.size, sha256: a.sha256 }))
        ];
        const manifestPath = (0,external_node_path_.join)(exp.dir, 'manifest.json');
        try {
            const manifest = JSON.parse(await (0,promises_.readFile)(manifestPath, 'utf8'));
            manifest.archives = [
                ...manifest.archives.filter((a) => !added.some((d) => d.file === a.file)),
                ...added
            ];
            await (0,exporters_manifest/* writeManifest */.HN)(manifestPath, manifest);
            const sums = [...exp.files.map((f) => ({ file: f.name, sha256: f.sha256 }))];
            for (const d of manifest.documents ?? [])
                if (!sums.some((x) => x.file === d.file))
                    sums.push(d);
            await (0,exporters_manifest/* writeSums */.em)((0,external_node_path_.join)(exp.dir, 'SHA256SUMS'), sums);
        }
        catch (e) {
            throw toError(p.spec.name, 'export disk', e);
        }
        for (const a of added)
            reporter.info(`${p.spec.name}: ${a.file}: ${(0,log/* formatBytes */.z3)(a.size)} sha256:${a.sha256.slice(0, 12)}`);
        await this.signSums(p, r);
    }
    /** The images this one is built on, nearest first (for the export manifest). */
    baseChain(p) {
        const chain = [];
        let cur = p;
        while (cur && cur.spec.base.kind === 'image' && chain.length < 64) {
            const name = cur.spec.base.name;
            cur = this.plan.images.find((i) => i.spec.name === name);
            chain.push({ name, key: cur?.key });
        }
        return chain;
    }
    /** The report as it stands, the images still running marked interrupted. */
    interruptedSnapshot() {
        const report = this.snapshot();
        for (const r of report.images) {
            if (this.state.get(r.name) !== 'running')
                continue;
            r.status = 'interrupted';
            r.error = { step: 'run', message: `${r.name}: the run was stopped`, tail: [] };
        }
        return report;
    }
    snapshot() {
        return {
            version: 1,
            startedAt: this.startedAt.toISOString(),
            seconds: (Date.now() - this.startedAt.getTime()) / 1000,
            images: this.plan.images.map((p) => ({ ...this.reports.get(p.spec.name) }))
        };
    }
    /** Report writes are serialised: parallel images finish in any order, the file stays whole. */
    save(report) {
        this.writing = this.writing
            .catch(() => undefined)
            .then(() => writeReport(this.opts.outDir, report))
            .catch((e) => this.opts.reporter.warn(`could not write the run report: ${(0,errors/* errorMessage */.gJ)(e)}`));
        return this.writing;
    }
}
/**
 * The key of an image's base source, apart from the image's own key: editing a Dockerfile must
 * not bootstrap or import its base again. It covers the source spec, the architecture and the
 * content of source files (the plan's base-* inputs).
 */
function sourceKey(p) {
    const h = (0,external_node_crypto_.createHash)('sha256').update('kiln base source 1\n');
    h.update(`${JSON.stringify(p.spec.base)}\n${p.spec.arch}\n`);
    for (const i of p.inputs)
        if (i.kind.startsWith('base-'))
            h.update(`${i.kind}\t${i.name}\t${i.digest}\n`);
    return h.digest('hex');
}
/** A raw or qcow2 export: the disk the provisioning gate installs. */
function wantsDisk(p) {
    return p.spec.exports.includes('raw') || p.spec.exports.includes('qcow2');
}
function toError(image, step, e) {
    if (e instanceof errors/* BuildError */.zS)
        return e;
    const tail = e.tail;
    const err = new errors/* BuildError */.zS(image, step, (0,errors/* errorMessage */.gJ)(e), Array.isArray(tail) ? tail.map(String) : []);
    err.cause = e;
    return err;
}
/** With several images at once, groups would interleave: every line says its image instead. */
function prefixed(r, name) {
    const p = (m) => `[${name}] ${m}`;
    return {
        info: (m) => r.info(p(m)),
        warn: (m, w) => r.warn(p(m), w),
        error: (m, w) => r.error(p(m), w),
        debug: (m) => r.debug(p(m)),
        group: (_t, fn) => fn()
    };
}
/** A gate's failure line, with the end of the guest's console under it. */
function notPublished(name, why, consoleTail) {
    return `${name}: ${why}; it will not be published\n  | ${consoleTail.join('\n  | ')}`;
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
