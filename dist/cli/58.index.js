export const id = 58;
export const ids = [58];
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


/***/ })

};
