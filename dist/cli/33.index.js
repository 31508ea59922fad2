export const id = 33;
export const ids = [33];
export const modules = {

/***/ 4158:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {


/**
 * @license
 * Copyright 2020 Balena Ltd.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *    http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
 * ------------------------------------------------------------------------
 *
 * Copyright 2018 Zeit, Inc.
 * Licensed under the MIT License. See file LICENSE.md for a full copy.
 *
 * ------------------------------------------------------------------------
 */

/**
 * This module implements the [dockerignore
 * spec](https://docs.docker.com/engine/reference/builder/#dockerignore-file),
 * closely following Docker's (Moby) Golang implementation:
 * https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go
 * https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go
 * https://github.com/moby/moby/blob/v19.03.8/pkg/archive/archive.go#L825
 *
 * Something the spec is not clear about, but we discovered by reading source code
 * and testing against the "docker build" command, is the handling of backslashes and
 * forward slashes as path separators and escape characters in the .dockerignore file
 * across platforms including Windows, Linux and macOS:
 *
 * * On Linux and macOS, only forward slashes can be used as path separators in the
 *   .dockerignore file, and the backslash works as an escape character.
 * * On Windows, both forward slashes and backslashes are allowed as path separators
 *   in the .dockerignore file, and the backslash is not used as an escape character.
 *
 * This is consistent with how Windows works generally: both forward slashes and
 * backslashes are accepted as path separators by the cmd.exe Command Prompt or
 * PowerShell, and by library functions like the Golang filepath.Clean or the
 * Node.js path.normalize.
 *
 * Similarly, path strings provided to the IgnoreBase.ignores() and IgnoreBase.filter()
 * methods can use either forward slashes or backslashes as path separators on Windows,
 * but only forward slashes are accepted as path separators on Linux and macOS.
 */

const path = __webpack_require__(6928);

const factory = options => new IgnoreBase(options); // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L538-L539
// Fixes typescript module import


factory.default = factory;
module.exports = factory;

function make_array(subject) {
  return Array.isArray(subject) ? subject : [subject];
}

const REGEX_TRAILING_SLASH = /(?<=.)\/$/;
const REGEX_TRAILING_BACKSLASH = /(?<=.)\\$/;
const REGEX_TRAILING_PATH_SEP = path.sep === '\\' ? REGEX_TRAILING_BACKSLASH : REGEX_TRAILING_SLASH;
const KEY_IGNORE = typeof Symbol !== 'undefined' ? Symbol.for('dockerignore') : 'dockerignore'; // An implementation of Go's filepath.Clean
// https://golang.org/pkg/path/filepath/#Clean
// https://github.com/golang/go/blob/master/src/path/filepath/path.go
// Note that, like Go, on Windows this function converts forward slashes
// to backslashes.

function cleanPath(file) {
  return path.normalize(file).replace(REGEX_TRAILING_PATH_SEP, '');
} // Javascript port of Golang's filepath.ToSlash
// https://golang.org/pkg/path/filepath/#ToSlash
// https://github.com/golang/go/blob/master/src/path/filepath/path.go
// Convert any OS-specific path separator to '/'. Backslash is converted
// to forward slash on Windows, but not on Linux/macOS.
// Note that both forward slashes and backslashes are valid path separators on
// Windows. As a result, code such as `pattern.split(path.sep).join('/')` fails
// on Windows when forward slashes are used as path separators.


function toSlash(file) {
  if (path.sep === '/') {
    return file;
  }

  return file.replace(/\\/g, '/');
} // Javascript port of Golang's filepath.FromSlash
// https://github.com/golang/go/blob/master/src/path/filepath/path.go


function fromSlash(file) {
  if (path.sep === '/') {
    return file;
  }

  return file.replace(/\//g, path.sep);
}

class IgnoreBase {
  constructor({
    // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L372
    ignorecase = true
  } = {}) {
    this._rules = [];
    this._ignorecase = ignorecase;
    this[KEY_IGNORE] = true;

    this._initCache();
  }

  _initCache() {
    this._cache = {};
  } // @param {Array.<string>|string|Ignore} pattern


  add(pattern) {
    this._added = false;

    if (typeof pattern === 'string') {
      pattern = pattern.split(/\r?\n/g);
    }

    make_array(pattern).forEach(this._addPattern, this); // Some rules have just added to the ignore,
    // making the behavior changed.

    if (this._added) {
      this._initCache();
    }

    return this;
  } // legacy


  addPattern(pattern) {
    return this.add(pattern);
  }

  _addPattern(pattern) {
    // https://github.com/kaelzhang/node-ignore/issues/32
    if (pattern && pattern[KEY_IGNORE]) {
      this._rules = this._rules.concat(pattern._rules);
      this._added = true;
      return;
    }

    if (this._checkPattern(pattern)) {
      const rule = this._createRule(pattern.trim());

      if (rule !== null) {
        this._added = true;

        this._rules.push(rule);
      }
    }
  }

  _checkPattern(pattern) {
    // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L34-L40
    return pattern && typeof pattern === 'string' && pattern.indexOf('#') !== 0 && pattern.trim() !== "";
  }

  filter(paths) {
    return make_array(paths).filter(path => this._filter(path));
  }

  createFilter() {
    return path => this._filter(path);
  }

  ignores(path) {
    return !this._filter(path);
  } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L41-L53
  // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L29-L55


  _createRule(pattern) {
    const origin = pattern;
    let negative = false; // > An optional prefix "!" which negates the pattern;
    // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L43-L46

    if (pattern[0] === '!') {
      negative = true;
      pattern = pattern.substring(1).trim();
    } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L47-L53


    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      pattern = toSlash(pattern);

      if (pattern.length > 1 && pattern[0] === '/') {
        pattern = pattern.slice(1);
      }
    } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L54-L55


    if (negative) {
      pattern = '!' + pattern;
    } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L30


    pattern = pattern.trim();

    if (pattern === "") {
      return null;
    } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L34
    // convert forward slashes to backslashes on Windows


    pattern = cleanPath(pattern); // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L36-L42

    if (pattern[0] === '!') {
      if (pattern.length === 1) {
        return null;
      }

      negative = true;
      pattern = pattern.substring(1);
    } else {
      negative = false;
    }

    return {
      origin,
      pattern,
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L54
      dirs: pattern.split(path.sep),
      negative
    };
  } // @returns `Boolean` true if the `path` is NOT ignored


  _filter(path) {
    if (!path) {
      return false;
    }

    if (path in this._cache) {
      return this._cache[path];
    }

    return this._cache[path] = this._test(path);
  } // @returns {Boolean} true if a file is NOT ignored
  // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L62


  _test(file) {
    file = fromSlash(file); // equivalent to golang filepath.Dir() https://golang.org/src/path/filepath/path.go

    const parentPath = cleanPath(path.dirname(file));
    const parentPathDirs = parentPath.split(path.sep);
    let matched = false;

    this._rules.forEach(rule => {
      let match = this._match(file, rule); // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L80


      if (!match && parentPath !== ".") {
        // Check to see if the pattern matches one of our parent dirs.
        if (rule.dirs.includes('**')) {
          // Ah shucks! We have to test every possible parent path that has 
          // a number of dirs _n_ where 
          // `rule.dirs.filter(doubleStar).length <= _n_ <= parentPathDirs.length`
          // since the ** can imply any number of directories including 0
          for (let i = rule.dirs.filter(x => x !== '**').length; i <= parentPathDirs.length; i++) {
            match = match || this._match(parentPathDirs.slice(0, i).join(path.sep), rule);
          }
        } else if (rule.dirs.length <= parentPathDirs.length) {
          // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L83
          match = this._match(parentPathDirs.slice(0, rule.dirs.length).join(path.sep), rule);
        }
      }

      if (match) {
        matched = !rule.negative;
      }
    });

    return !matched;
  } // @returns {Boolean} true if a file is matched by a rule


  _match(file, rule) {
    return this._compile(rule).regexp.test(file);
  } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L139


  _compile(rule) {
    if (rule.regexp) {
      return rule;
    }

    let regStr = '^'; // Go through the pattern and convert it to a regexp.

    let escapedSlash = path.sep === '\\' ? '\\\\' : path.sep;

    for (let i = 0; i < rule.pattern.length; i++) {
      const ch = rule.pattern[i];

      if (ch === '*') {
        if (rule.pattern[i + 1] === '*') {
          // is some flavor of "**"
          i++; // Treat **/ as ** so eat the "/"

          if (rule.pattern[i + 1] === path.sep) {
            i++;
          }

          if (rule.pattern[i + 1] === undefined) {
            // is "**EOF" - to align with .gitignore just accept all
            regStr += ".*";
          } else {
            // is "**"
            // Note that this allows for any # of /'s (even 0) because
            // the .* will eat everything, even /'s
            regStr += `(.*${escapedSlash})?`;
          }
        } else {
          // is "*" so map it to anything but "/"
          regStr += `[^${escapedSlash}]*`;
        }
      } else if (ch === '?') {
        // "?" is any char except "/"
        regStr += `[^${escapedSlash}]`;
      } else if (ch === '.' || ch === '$') {
        // Escape some regexp special chars that have no meaning
        // in golang's filepath.Match
        regStr += `\\${ch}`;
      } else if (ch === '\\') {
        // escape next char. Note that a trailing \ in the pattern
        // will be left alone (but need to escape it)
        if (path.sep === '\\') {
          // On windows map "\" to "\\", meaning an escaped backslash,
          // and then just continue because filepath.Match on
          // Windows doesn't allow escaping at all
          regStr += escapedSlash;
          continue;
        }

        if (rule.pattern[i + 1] !== undefined) {
          regStr += '\\' + rule.pattern[i + 1];
          i++;
        } else {
          regStr += '\\';
        }
      } else {
        regStr += ch;
      }
    }

    regStr += "$";
    rule.regexp = new RegExp(regStr, this._ignorecase ? 'i' : '');
    return rule;
  }

}


/***/ }),

/***/ 2033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  makePlan: () => (/* binding */ makePlan)
});

// UNUSED EXPORTS: BUILDER_FORMAT, CONTEXT_ALWAYS_EXCLUDED, Hasher, KEY_FORMAT, aciManifestRefs, allDeps, buildArgsFrom, canonicalJson, canonicalRef, chainMatcher, computeKeys, contextFilter, dockerfileDeps, dockerfileFroms, dockerignoreFilter, gatherInputs, instructions, keyOf, matrixOf, packerDockerImages, packerDockerTags, packerRefs, parseDockerignore, selectImages, sha256, specForKey, substitute, topoOrder

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/model/load.ts + 10 modules
var load = __webpack_require__(6290);
// EXTERNAL MODULE: ./src/model/cycles.ts
var model_cycles = __webpack_require__(7102);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
;// CONCATENATED MODULE: ./src/plan/dockerfile-from.ts
/**
 * The images a Dockerfile builds FROM, as Docker would resolve them: instructions joined
 * across line continuations, comments dropped, global ARGs (those before the first FROM)
 * substituted with their defaults or the given build args, `--platform=` and other flags
 * skipped, and references to earlier stages (`FROM build AS x` ... `FROM x`) left out.
 */
/** Instructions with continuations joined; honours the `# escape=` parser directive. */
function instructions(text) {
    const lines = text.split(/\r?\n/);
    let escape = '\\';
    // Parser directives: leading `# key=value` comments, before anything else.
    for (const l of lines) {
        const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l);
        if (!m)
            break;
        if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\'))
            escape = m[2];
    }
    const out = [];
    let buf = '';
    let start = 0;
    lines.forEach((raw, i) => {
        if (/^\s*#/.test(raw))
            return; // comments vanish, also inside a continuation
        if (!buf && !raw.trim())
            return;
        if (!buf)
            start = i + 1;
        const trimmed = raw.replace(/\s+$/, '');
        if (trimmed.endsWith(escape)) {
            buf += trimmed.slice(0, -1) + ' ';
            return;
        }
        buf += raw;
        push();
    });
    push();
    function push() {
        const m = /^\s*(\S+)\s*(.*)$/s.exec(buf);
        if (m)
            out.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line: start });
        buf = '';
    }
    return out;
}
/** `$X`, `${X}`, `${X:-default}`, `${X:+alt}` (and `-`, `+` without colon) from `vars`. */
function substitute(s, vars) {
    return s.replace(/\\\$|\$\{(\w+)(?::?([-+])([^}]*))?\}|\$(\w+)/g, (m, braced, op, word, bare) => {
        if (m === '\\$')
            return '$';
        const name = braced ?? bare;
        const v = vars[name];
        if (op === '-')
            return v === undefined || v === '' ? word : v;
        if (op === '+')
            return v === undefined || v === '' ? '' : word;
        return v ?? '';
    });
}
function unquote(v) {
    return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}
/** External images named by FROM lines (any stage), given the build args passed to the build. */
function dockerfileFroms(text, buildArgs = {}) {
    const globals = {};
    const stages = new Set();
    const refs = [];
    let seenFrom = false;
    for (const ins of instructions(text)) {
        if (ins.keyword === 'ARG' && !seenFrom) {
            for (const decl of ins.args.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []) {
                const eq = decl.indexOf('=');
                const name = eq < 0 ? decl : decl.slice(0, eq);
                const dflt = eq < 0 ? undefined : substitute(unquote(decl.slice(eq + 1)), globals);
                globals[name] = name in buildArgs ? buildArgs[name] : dflt;
            }
        }
        else if (ins.keyword === 'FROM') {
            seenFrom = true;
            const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
            if (!words.length)
                continue;
            const ref = substitute(words[0], globals);
            const earlierStage = stages.has(ref.toLowerCase());
            if (words.length >= 3 && words[1].toLowerCase() === 'as')
                stages.add(words[2].toLowerCase());
            if (earlierStage || !ref || ref.toLowerCase() === 'scratch')
                continue;
            refs.push({ ref, line: ins.line });
        }
    }
    return refs;
}
/** `--build-arg K=V` / `--build-arg=K=V` pairs found in extra builder arguments. */
function buildArgsFrom(extraArgs) {
    const out = {};
    extraArgs.forEach((a, i) => {
        const v = a === '--build-arg' ? extraArgs[i + 1] : a.startsWith('--build-arg=') ? a.slice(12) : undefined;
        if (v === undefined)
            return;
        const eq = v.indexOf('=');
        if (eq > 0)
            out[v.slice(0, eq)] = v.slice(eq + 1);
    });
    return out;
}

;// CONCATENATED MODULE: ./src/plan/packer-refs.ts
/**
 * Files a Packer template reads, where the template says so plainly: provisioners'
 * `source`/`sources`, `script`/`scripts`, `playbook_file`, `galaxy_file`, `role_paths`.
 * JSON templates are walked; HCL templates are scanned for those attributes' string
 * literals. `{{template_dir}}` / `${path.root}` and `{{pwd}}` / `${path.cwd}` are
 * resolved; any other interpolation cannot be known before the build and is skipped.
 */
const KEYS = ['source', 'sources', 'script', 'scripts', 'playbook_file', 'galaxy_file', 'role_paths'];
function resolveVars(s) {
    let relativeTo = 'cwd';
    let p = s;
    const tmpl = /^(\{\{\s*template_dir\s*\}\}|\$\{path\.root\})\/?/;
    const cwd = /^(\{\{\s*pwd\s*\}\}|\$\{path\.cwd\})\/?/;
    if (tmpl.test(p)) {
        relativeTo = 'template';
        p = p.replace(tmpl, '');
    }
    else
        p = p.replace(cwd, '');
    if (!p || /\{\{|\$\{/.test(p) || /^[a-z]+:\/\//i.test(p))
        return undefined;
    return { path: p, relativeTo };
}
function packerJsonRefs(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return [];
    }
    const found = [];
    const provisioners = doc?.provisioners;
    for (const p of Array.isArray(provisioners) ? provisioners : []) {
        if (!p || typeof p !== 'object')
            continue;
        for (const k of KEYS) {
            const v = p[k];
            for (const s of Array.isArray(v) ? v : [v])
                if (typeof s === 'string')
                    found.push(s);
        }
    }
    return uniq(found);
}
function packerHclRefs(text) {
    const found = [];
    const attr = new RegExp(`^\\s*(?:${KEYS.join('|')})\\s*=\\s*(\\[[^\\]]*\\]|"(?:[^"\\\\]|\\\\.)*")`, 'gm');
    for (const m of text.matchAll(attr))
        for (const lit of m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g))
            found.push(lit[1].replace(/\\(.)/g, '$1'));
    // A build block's `sources = ["source.docker.x"]` names builders, not files.
    return uniq(found.filter((f) => !/^source\.[\w-]+\.[\w-]+$/.test(f)));
}
function packerRefs(file, text) {
    return /\.json$/i.test(file) ? packerJsonRefs(text) : packerHclRefs(text);
}
function uniq(paths) {
    const out = [];
    for (const s of paths) {
        const r = resolveVars(s);
        if (r && !out.some((o) => o.path === r.path && o.relativeTo === r.relativeTo))
            out.push(r);
    }
    return out;
}
/**
 * Host files an ACI manifest's build steps read (aci-packer): `path` of image/cmd steps,
 * `playbook`, `src`, `script`, and the host side of `files` pairs. Relative to the manifest.
 */
function aciManifestRefs(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return [];
    }
    const out = [];
    const visit = (v, key) => {
        if (Array.isArray(v)) {
            if (key === 'files') {
                for (const pair of v)
                    if (Array.isArray(pair) && typeof pair[0] === 'string')
                        out.push(pair[0]);
                return;
            }
            for (const x of v)
                visit(x, key);
        }
        else if (v && typeof v === 'object') {
            for (const [k, x] of Object.entries(v))
                visit(x, k);
        }
        else if (typeof v === 'string' && ['path', 'playbook', 'src', 'script'].includes(key ?? ''))
            out.push(v);
    };
    visit(doc);
    return [...new Set(out.filter((p) => !/^[a-z]+:\/\//i.test(p)))];
}
/** Docker images a Packer template's docker builders start from (`image`): chain images it depends on. */
function packerDockerImages(file, text) {
    if (!/\.json$/i.test(file)) {
        // HCL: `image = "..."` attributes (source "docker" blocks); interpolated values are unknowable.
        return [...text.matchAll(/^\s*image\s*=\s*"([^"$]+)"/gm)].map((m) => m[1]);
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return [];
    }
    const builders = Array.isArray(doc?.builders) ? doc.builders : [];
    return builders
        .filter((b) => b && b.type === 'docker' && typeof b.image === 'string' && !String(b.image).includes('{{'))
        .map((b) => String(b.image));
}
/** Docker tags a Packer JSON template gives its result (docker-tag / docker-import post-processors). */
function packerDockerTags(file, text) {
    if (!/\.json$/i.test(file))
        return [];
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return [];
    }
    const out = [];
    const visit = (p) => {
        if (Array.isArray(p))
            return p.forEach(visit);
        if (!p || typeof p !== 'object')
            return;
        const pp = p;
        if ((pp.type !== 'docker-tag' && pp.type !== 'docker-import') || typeof pp.repository !== 'string')
            return;
        const tags = Array.isArray(pp.tags) ? pp.tags : [pp.tag ?? 'latest'];
        for (const t of tags)
            if (typeof t === 'string' && !`${pp.repository}:${t}`.includes('{{'))
                out.push(`${pp.repository}:${t}`);
    };
    visit(doc?.['post-processors']);
    return out;
}

;// CONCATENATED MODULE: ./src/plan/graph.ts
/**
 * The build graph: an image depends on its base (when it names an image), its depends_on,
 * and the chain images its Dockerfile builds FROM. Order is topological with the catalog's
 * list order breaking ties, so the same catalog always gives the same order.
 */







/** A docker reference in a comparable form: no default registry/namespace, no `:latest`. */
function canonicalRef(ref) {
    let r = ref.toLowerCase();
    r = r.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
    return r.replace(/:latest$/, '');
}
/**
 * Finds the chain image a FROM reference names: its name, name:latest, its tag, or a tag
 * its Packer template gives it (`extraTags`).
 */
function chainMatcher(specs, extraTags = new Map()) {
    const byRef = new Map();
    for (const s of specs)
        for (const t of [...(s.tag ? [s.tag] : []), ...(extraTags.get(s.name) ?? [])])
            if (!byRef.has(canonicalRef(t)))
                byRef.set(canonicalRef(t), s);
    // Names win over tags: they are what a v1 catalog's Dockerfiles write.
    for (const s of specs)
        byRef.set(canonicalRef(s.name), s);
    return (ref) => byRef.get(canonicalRef(ref));
}
/**
 * Chain images each image's main file builds on: a Dockerfile's FROM lines, a Packer
 * template's docker builder `image`. An image naming itself is left out: `FROM debian` in
 * an image named debian means the upstream one.
 */
async function dockerfileDeps(catalog) {
    const texts = new Map();
    await Promise.all(catalog.images
        .filter((s) => (s.builder === 'dockerfile' || s.builder === 'packer') && s.file)
        .map(async (s) => texts.set(s.name, await (0,promises_.readFile)(external_node_path_default().join(catalog.root, s.file), 'utf8'))));
    const packerTags = new Map();
    for (const s of catalog.images)
        if (s.builder === 'packer' && texts.has(s.name))
            packerTags.set(s.name, packerDockerTags(s.file, texts.get(s.name)));
    const match = chainMatcher(catalog.images, packerTags);
    const out = new Map();
    for (const s of catalog.images) {
        const text = texts.get(s.name);
        if (text === undefined)
            continue;
        const refs = s.builder === 'dockerfile'
            ? dockerfileFroms(text, { ...buildArgsFrom(s.extraArgs), ...s.args }).map((f) => f.ref)
            : packerDockerImages(s.file, text);
        const deps = [];
        for (const ref of refs) {
            const m = match(ref);
            if (m && m.name !== s.name && !deps.includes(m.name))
                deps.push(m.name);
        }
        out.set(s.name, deps);
    }
    return out;
}
/** All dependencies of every image: base, depends_on, then FROM, without repeats. */
function allDeps(catalog, fromDeps) {
    const deps = new Map();
    for (const s of catalog.images)
        deps.set(s.name, [...new Set([...(0,load/* explicitDeps */.Fx)(s), ...(fromDeps.get(s.name) ?? [])])]);
    return deps;
}
/** Topological order, ancestors first, list order as the tie-break. Throws InvalidInputError on a cycle. */
function topoOrder(catalog, deps) {
    const specs = catalog.images;
    const names = specs.map((s) => s.name);
    const cycles = (0,model_cycles/* findCycles */.p)(names, (n) => deps.get(n) ?? []);
    if (cycles.length) {
        const byName = new Map(specs.map((s) => [s.name, s]));
        const file = (0,load/* displayPath */.Gt)(catalog.file);
        throw new errors/* InvalidInputError */.oC(cycles.map((c) => {
            const s = byName.get(c[0]);
            return { file, pointer: s.pointer, line: s.line, image: s.name, message: (0,model_cycles/* formatCycle */._)(c) };
        }));
    }
    const remaining = new Map(specs.map((s) => [s.name, new Set(deps.get(s.name) ?? [])]));
    const done = new Set();
    const order = [];
    while (order.length < specs.length) {
        // Lowest list index among the images whose dependencies are all done.
        const next = specs.find((s) => !done.has(s.name) && [...(remaining.get(s.name) ?? [])].every((d) => done.has(d)));
        if (!next)
            throw new Error('[internal error] no ready image although no cycle was found');
        done.add(next.name);
        order.push(next);
    }
    return order;
}

// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
;// CONCATENATED MODULE: ./src/plan/select.ts



function selectImages(catalog, deps, sel = {}) {
    const file = (0,load/* displayPath */.Gt)(catalog.file);
    const names = catalog.images.map((s) => s.name);
    const problems = [];
    for (const t of sel.targets ?? [])
        if (!names.includes(t))
            problems.push({
                file,
                pointer: '',
                message: `target "${t}" names no image of the catalog${(0,suggest/* didYouMean */.au)(t, names)}`
            });
    if (problems.length)
        throw new errors/* InvalidInputError */.oC(problems);
    const axis = (s) => (sel.distro === undefined || s.distro === sel.distro) &&
        (sel.plan === undefined || s.plan === sel.plan) &&
        (sel.arch === undefined || s.arch === sel.arch);
    const targets = sel.targets?.length ? new Set(sel.targets) : undefined;
    const chosen = new Set(catalog.images.filter((s) => (!targets || targets.has(s.name)) && axis(s)).map((s) => s.name));
    if (!chosen.size) {
        const what = [
            ...(sel.targets?.length ? [`targets ${sel.targets.join(', ')}`] : []),
            ...['distro', 'plan', 'arch']
                .filter((k) => sel[k] !== undefined)
                .map((k) => `${k} ${sel[k]}`)
        ];
        throw new errors/* InvalidInputError */.oC([
            { file, pointer: '', message: `the selection (${what.join(', ')}) matches no image` }
        ]);
    }
    const needed = new Set();
    const visit = (n) => {
        if (needed.has(n))
            return;
        needed.add(n);
        for (const d of deps.get(n) ?? [])
            visit(d);
    };
    for (const n of chosen)
        visit(n);
    return { chosen, needed };
}
/** Distinct axis values of the chosen images, in build order. */
function matrixOf(order, chosen) {
    const m = { distro: [], plan: [], arch: [] };
    for (const s of order) {
        if (!chosen.has(s.name))
            continue;
        for (const k of ['distro', 'plan', 'arch']) {
            const v = s[k];
            if (v !== undefined && !m[k].includes(v))
                m[k].push(v);
        }
    }
    return m;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/plan/hash.ts
/**
 * Content digests for input keys. Files stream through SHA-256 in 1 MiB reads; many files
 * hash at once but at most `concurrency` are open. Digests are memoised for one plan, since
 * chain images often share a build context.
 */




const sha256 = (data) => 'sha256:' + (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
/** JSON with object keys sorted at every level: the same value always gives the same text. */
function canonicalJson(value) {
    return JSON.stringify(value, (_k, v) => v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v);
}
class Hasher {
    concurrency;
    files = new Map();
    trees = new Map();
    active = 0;
    waiting = [];
    constructor(concurrency = 8) {
        this.concurrency = concurrency;
    }
    /** sha256:<hex> of a file's bytes. */
    file(abs) {
        let p = this.files.get(abs);
        if (!p) {
            p = this.limited(() => streamDigest(abs));
            this.files.set(abs, p);
        }
        return p;
    }
    /**
     * sha256:<hex> of a directory tree: one line per entry, sorted by relative path, with its
     * type, the executable bit (files), the content digest (files) or the target (symlinks).
     * Times, owners, other mode bits and the tree's own location do not count: a fresh
     * checkout elsewhere, with another umask, gives the same digest.
     */
    tree(abs, filter) {
        const id = `${abs}\0${filter?.id ?? ''}`;
        let p = this.trees.get(id);
        if (!p) {
            p = this.walkTree(abs, filter);
            this.trees.set(id, p);
        }
        return p;
    }
    async walkTree(root, filter) {
        const entries = [];
        const walk = async (dir, relDir) => {
            const names = (await (0,promises_.readdir)(dir)).sort();
            const stats = await Promise.all(names.map((n) => (0,promises_.lstat)(external_node_path_default().join(dir, n))));
            for (const [i, name] of names.entries()) {
                const rel = relDir ? `${relDir}/${name}` : name;
                const abs = external_node_path_default().join(dir, name);
                const st = stats[i];
                const isDir = st.isDirectory();
                const out = filter?.excluded(rel, isDir) ?? false;
                if (isDir) {
                    if (!out)
                        entries.push({ rel, line: Promise.resolve(`d - ${JSON.stringify(rel)}`) });
                    if (!out || !filter?.prune)
                        await walk(abs, rel);
                }
                else if (out)
                    continue;
                else if (st.isSymbolicLink())
                    entries.push({
                        rel,
                        line: (0,promises_.readlink)(abs).then((t) => `l - ${JSON.stringify(rel)} ${JSON.stringify(t)}`)
                    });
                else if (st.isFile()) {
                    const x = st.mode & 0o111 ? 'x' : '-';
                    entries.push({ rel, line: this.file(abs).then((d) => `f ${x} ${JSON.stringify(rel)} ${d}`) });
                }
                else
                    entries.push({ rel, line: Promise.resolve(`o - ${JSON.stringify(rel)}`) });
            }
        };
        await walk(root, '');
        entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
        const h = (0,external_node_crypto_.createHash)('sha256');
        for (const e of entries)
            h.update((await e.line) + '\n');
        return 'sha256:' + h.digest('hex');
    }
    async limited(fn) {
        if (this.active >= this.concurrency)
            await new Promise((resolve) => this.waiting.push(resolve));
        this.active++;
        try {
            return await fn();
        }
        finally {
            this.active--;
            this.waiting.shift()?.();
        }
    }
}
function streamDigest(abs) {
    return new Promise((resolve, reject) => {
        const h = (0,external_node_crypto_.createHash)('sha256');
        (0,external_node_fs_.createReadStream)(abs, { highWaterMark: 1 << 20 })
            .on('data', (chunk) => h.update(chunk))
            .on('error', reject)
            .on('end', () => resolve('sha256:' + h.digest('hex')));
    });
}

// EXTERNAL MODULE: ./node_modules/@balena/dockerignore/ignore.js
var ignore = __webpack_require__(4158);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/plan/dockerignore.ts
/**
 * The build context as Docker sends it: `.dockerignore` rules (Go filepath.Match globs,
 * `**`, `!` exceptions, last match wins, a pattern also matching everything below a
 * directory) via @balena/dockerignore, a port of Docker's own matcher. Like BuildKit,
 * `<Dockerfile>.dockerignore` next to the Dockerfile wins over `<context>/.dockerignore`.
 */




// The package is CommonJS (`module.exports = factory`) with an ES-style default in its typings.
const mod = (ignore_default());
const ignoreFactory = typeof mod === 'function' ? mod : mod.default;
/** Patterns of a .dockerignore text: comments and blank lines dropped, as Docker reads it. */
function parseDockerignore(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
}
/**
 * Left out of context keys whatever .dockerignore says: the checkout's own `.git` changes
 * with every commit and would change every key built from the repository root. Builders
 * that send a context should leave it out too (CONTEXT_ALWAYS_EXCLUDED).
 */
const CONTEXT_ALWAYS_EXCLUDED = ['.git'];
function dockerignoreFilter(patterns) {
    const ig = ignoreFactory().add(patterns);
    return {
        excluded: (rel) => CONTEXT_ALWAYS_EXCLUDED.some((x) => rel === x || rel.startsWith(`${x}/`)) || ig.ignores(rel),
        // With `!` exceptions a file below an excluded directory can come back, so walk it.
        prune: !patterns.some((p) => p.startsWith('!')),
        id: sha256(patterns.join('\n'))
    };
}
/** The ignore file that applies (absolute path, when there is one) and the context's filter. */
async function contextFilter(contextAbs, dockerfileAbs) {
    const candidates = [
        ...(dockerfileAbs ? [`${dockerfileAbs}.dockerignore`] : []),
        external_node_path_default().join(contextAbs, '.dockerignore')
    ];
    for (const file of candidates) {
        let text;
        try {
            text = await (0,promises_.readFile)(file, 'utf8');
        }
        catch {
            continue;
        }
        return { file, filter: dockerignoreFilter(parseDockerignore(text)) };
    }
    return { filter: dockerignoreFilter([]) };
}

;// CONCATENATED MODULE: ./src/plan/inputs.ts
/**
 * Everything an image's content depends on, other than its dependencies' keys, as a list
 * of KeyInputs (`kiln plan --explain` prints them; the cache keeps them to say what changed).
 */





/**
 * Version of each builder's output format: bump it when a builder starts producing
 * different images from the same inputs, so every key of that builder changes.
 */
const BUILDER_FORMAT = {
    dockerfile: 1,
    packer: 1,
    overlay: 1,
    aci: 1,
    import: 1
};
/**
 * The spec as it counts for the key: without its place in the file (index, pointer, line)
 * and without what only acts after the build (exports, the boot check, the kernel pin),
 * so reordering the catalog or asking for one more archive rebuilds nothing. The name
 * stays: it is the tag the image gets.
 */
function specForKey(spec) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { index, pointer, line, exports, verify, kernel, ...rest } = spec;
    return rest;
}
async function gatherInputs(catalog, spec, hasher, opts = {}) {
    const root = catalog.root;
    const tool = opts.toolVersions?.[spec.builder];
    const builderName = `${spec.builder}@${BUILDER_FORMAT[spec.builder]}${tool ? ` ${tool}` : ''}`;
    const fixed = [
        { kind: 'builder', name: builderName, digest: sha256(builderName) },
        { kind: 'spec', name: spec.name, digest: sha256(canonicalJson(specForKey(spec))) }
    ];
    for (const k of Object.keys(spec.args).sort())
        fixed.push({ kind: 'arg', name: k, digest: sha256(spec.args[k]) });
    if (spec.extraArgs.length)
        fixed.push({
            kind: 'extra-args',
            name: spec.extraArgs.join(' '),
            digest: sha256(canonicalJson(spec.extraArgs))
        });
    // Content inputs: promises in a fixed order, settled together so hashing runs in parallel.
    const pending = [];
    const abs = (rel) => external_node_path_default().join(root, rel);
    const fileInput = (kind, rel) => hasher.file(abs(rel)).then((digest) => ({ kind, name: rel, digest }));
    /** A path that is a file or a directory (packs, copy sources, referenced files). */
    const pathInput = async (kind, absPath) => {
        const rel = external_node_path_default().relative(root, absPath).split((external_node_path_default()).sep).join('/') || '.';
        let real;
        try {
            real = await (0,promises_.realpath)(absPath);
        }
        catch {
            return undefined; // not there (yet): the builder will say so
        }
        if (real !== root && !real.startsWith(root + (external_node_path_default()).sep))
            return { kind: `${kind}-outside-root`, name: rel, digest: sha256(real) };
        const st = await (0,promises_.stat)(real);
        if (st.isDirectory())
            return { kind: `${kind}-tree`, name: rel, digest: await hasher.tree(real) };
        // A script's executable bit decides whether it runs; it shows in the name so the
        // digest stays the plain sha256 of the content (what sha256sum prints).
        return { kind, name: st.mode & 0o111 ? `${rel} (executable)` : rel, digest: await hasher.file(real) };
    };
    if (spec.file)
        pending.push(fileInput('file', spec.file));
    if (spec.builder === 'dockerfile') {
        const context = abs(spec.workingDir);
        const ignore = await contextFilter(context, spec.file ? abs(spec.file) : undefined);
        if (ignore.file)
            pending.push(pathInput('dockerignore', ignore.file));
        pending.push(hasher
            .tree(context, ignore.filter)
            .then((digest) => ({ kind: 'context', name: spec.workingDir, digest })));
    }
    if (spec.builder === 'packer' && spec.file) {
        const text = await (0,promises_.readFile)(abs(spec.file), 'utf8');
        for (const ref of packerRefs(spec.file, text)) {
            const from = ref.relativeTo === 'template' ? external_node_path_default().dirname(abs(spec.file)) : abs(spec.workingDir);
            pending.push(pathInput('packer-ref', external_node_path_default().resolve(from, ref.path)));
        }
    }
    if (spec.builder === 'aci' && spec.file) {
        const text = await (0,promises_.readFile)(abs(spec.file), 'utf8');
        for (const ref of aciManifestRefs(text))
            pending.push(pathInput('aci-ref', external_node_path_default().resolve(external_node_path_default().dirname(abs(spec.file)), ref)));
    }
    for (const p of spec.overlay?.packs ?? [])
        pending.push(pathInput('pack', abs(p)));
    for (const c of spec.overlay?.copy ?? [])
        pending.push(pathInput('copy', abs(c.src)));
    for (const p of [...(spec.overlay?.expand ?? []), ...(spec.overlay?.install ?? [])])
        pending.push(pathInput('file', abs(p)));
    // Sources that are files in the checkout count by content; a docker ref or a bootstrap
    // counts by its spec (pin a digest or a snapshot date for a key that means one content).
    const b = spec.base;
    if (b.kind === 'tar' || b.kind === 'squashfs')
        pending.push(fileInput(`base-${b.kind}`, b.path));
    if (b.kind === 'dir')
        pending.push(hasher.tree(abs(b.path)).then((digest) => ({ kind: 'base-dir', name: b.path, digest })));
    const content = (await Promise.all(pending)).filter((i) => i !== undefined);
    return [...fixed, ...content];
}

;// CONCATENATED MODULE: ./src/plan/keys.ts
/**
 * Input keys: a Merkle chain. An image's key is the SHA-256 of its own inputs (builder and
 * its format version, the normalised spec, every file it reads) and its dependencies'
 * keys, so a change reaches exactly the image it touches and the images built on it.
 */



/** Changes when the way keys are computed changes: every key changes with it. */
const KEY_FORMAT = 'kiln-key-v1';
/** The key (sha256 hex) of an ordered input list. */
function keyOf(inputs) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(`${KEY_FORMAT}\n`);
    for (const i of inputs)
        h.update(`${i.kind}\t${i.name}\t${i.digest}\n`);
    return h.digest('hex');
}
/**
 * Keys of `order` (topological: dependencies first). Inputs of all images are gathered in
 * parallel; keys then chain in order. Each dependency appears as an input (`base` for the
 * image's base, `dep` for depends_on and FROM images) whose digest is its key.
 */
async function computeKeys(catalog, order, deps, opts = {}) {
    const hasher = new Hasher(opts.concurrency ?? 8);
    const own = await Promise.all(order.map((s) => gatherInputs(catalog, s, hasher, opts)));
    const out = new Map();
    order.forEach((s, i) => {
        const depInputs = (deps.get(s.name) ?? []).map((d) => {
            const k = out.get(d);
            if (!k)
                throw new Error(`[internal error] key of ${d} needed by ${s.name} before it was computed`);
            return {
                kind: s.base.kind === 'image' && s.base.name === d ? 'base' : 'dep',
                name: d,
                digest: `sha256:${k.key}`
            };
        });
        const inputs = [...own[i], ...depInputs];
        out.set(s.name, { key: keyOf(inputs), inputs });
    });
    return out;
}

;// CONCATENATED MODULE: ./src/plan/index.ts












/**
 * Plans a build of `selection` (default: every image): the chosen images and all their
 * ancestors in topological order (catalog order breaks ties), each with its input key.
 * Throws InvalidInputError for a dependency cycle or a selection naming no image.
 */
async function makePlan(catalog, selection = {}, opts = {}) {
    const deps = allDeps(catalog, await dockerfileDeps(catalog));
    const order = topoOrder(catalog, deps);
    const { chosen, needed } = selectImages(catalog, deps, selection);
    const planned = order.filter((s) => needed.has(s.name));
    const keys = await computeKeys(catalog, planned, deps, opts);
    const images = planned.map((spec) => {
        const k = keys.get(spec.name);
        return {
            spec,
            key: k.key,
            inputs: k.inputs,
            deps: deps.get(spec.name) ?? [],
            selected: chosen.has(spec.name)
        };
    });
    return { catalog, images, matrix: matrixOf(order, chosen) };
}


/***/ })

};
