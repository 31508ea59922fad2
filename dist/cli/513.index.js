export const id = 513;
export const ids = [513];
export const modules = {

/***/ 89513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   changelogMarkdown: () => (/* binding */ changelogMarkdown),
/* harmony export */   compareManifests: () => (/* binding */ compareManifests)
/* harmony export */ });
const keyOf = (p) => (p.arch ? `${p.name}:${p.arch}` : p.name);
function rootfsSize(m) {
    return m.archives.find((a) => a.kind === 'rootfs')?.size ?? null;
}
function compareManifests(oldM, newM) {
    const before = new Map(oldM.packages.map((p) => [keyOf(p), p]));
    const after = new Map(newM.packages.map((p) => [keyOf(p), p]));
    const added = [];
    const updated = [];
    const removed = [];
    for (const [k, p] of after) {
        const o = before.get(k);
        if (!o)
            added.push(p);
        else if (o.version !== p.version)
            updated.push({ name: p.name, oldVersion: o.version, newVersion: p.version });
    }
    for (const [k, p] of before)
        if (!after.has(k))
            removed.push(p);
    return {
        imageSize: { old: rootfsSize(oldM), new: rootfsSize(newM) },
        fsSize: { old: oldM.fsSize, new: newM.fsSize },
        packageCount: { old: oldM.packages.length, new: newM.packages.length },
        kernels: { old: oldM.kernel, new: newM.kernel },
        added,
        updated,
        removed
    };
}
function mib(n) {
    return n === null ? '-' : `${(n / (1 << 20)).toFixed(1)} MiB`;
}
function delta(a, b, fmt) {
    if (a === null || b === null)
        return '';
    const d = b - a;
    return d === 0 ? ' (no change)' : ` (${d > 0 ? '+' : '-'}${fmt(Math.abs(d))})`;
}
/** Release-note Markdown. */
function changelogMarkdown(c, title = 'Changes') {
    const lines = [`## ${title}`, '', '| | previous | new |', '| --- | --- | --- |'];
    lines.push(`| Image size | ${mib(c.imageSize.old)} | ${mib(c.imageSize.new)}${delta(c.imageSize.old, c.imageSize.new, mib)} |`);
    lines.push(`| Filesystem size | ${mib(c.fsSize.old)} | ${mib(c.fsSize.new)}${delta(c.fsSize.old, c.fsSize.new, mib)} |`);
    lines.push(`| Packages | ${c.packageCount.old} | ${c.packageCount.new}${delta(c.packageCount.old, c.packageCount.new, String)} |`);
    lines.push(`| Kernel | ${c.kernels.old ?? '-'} | ${c.kernels.new ?? '-'} |`);
    const section = (head, items) => {
        lines.push('', `### ${head} (${items.length})`, '');
        lines.push(...(items.length ? items.map((s) => `- ${s}`) : ['none']));
    };
    section('New packages', c.added.map((p) => `${p.name} ${p.version}`));
    section('Updated packages', c.updated.map((u) => `${u.name} ${u.oldVersion} → ${u.newVersion}`));
    section('Removed packages', c.removed.map((p) => `${p.name} ${p.version}`));
    return `${lines.join('\n')}\n`;
}


/***/ })

};
