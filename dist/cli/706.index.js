export const id = 706;
export const ids = [706];
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


/***/ })

};
