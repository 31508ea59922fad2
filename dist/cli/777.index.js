export const id = 777;
export const ids = [777];
export const modules = {

/***/ 90777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cacheHooks: () => (/* binding */ cacheHooks)
/* harmony export */ });
function cacheHooks(cache) {
    const saved = new Set();
    return {
        saved,
        restore: (planned) => cache.restore(planned),
        async afterImage(report, stored, planned) {
            if (report.status === 'restored' || cache.backendName === 'none')
                return;
            if (report.status === 'built') {
                // Before the save: the save moves the name's pointer to this build.
                const why = await cache.explainMiss(planned);
                if (why.changed)
                    report.changed = why.changed;
            }
            // Built, or reused from a store that outlives runs: either way the cache may lack it.
            if (await cache.save(planned, stored))
                saved.add(planned.spec.name);
        }
    };
}


/***/ })

};
