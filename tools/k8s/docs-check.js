#!/usr/bin/env node
// @ts-check
// Keeps the operators' documents true to the chart (run by tools/k8s/check.sh):
//  - docs/runbook.md creates every Secret (and key) that the chart references in either values file;
//  - every `--set path=` of a helm command in the docs names a value that exists, and every -f file
//    given with a path exists;
//  - every values path written in backticks in docs/runbook.md and docs/kubernetes.md exists;
//  - the topics in values.yaml are the ones libs/contracts spells (TOPICS: keys and names);
//  - the Node image named in docs/kubernetes.md is the one the Dockerfile uses;
//  - every image the chart runs is one that tools/docker/images.json builds;
//  - deploy/otel/collector.yaml: every pipeline names defined components, all defined ones are used,
//    memory_limiter comes first.
// usage: node tools/k8s/docs-check.js    exit 1 with one line per problem
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..', '..');
const CHART = 'charts/mediation-platform';
const DOCS = ['docs/runbook.md', 'docs/kubernetes.md'];
/** Below these keys any name is allowed (free-form maps). */
const FREE_FORM = new Set([
  'env',
  'extra',
  'annotations',
  'labels',
  'podAnnotations',
  'nodeSelector',
  'matchLabels',
]);

/** @param {string} rel */
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/**
 * Deep merge for values files (later wins), as Helm coalesces them.
 * @param {any} base @param {any} over
 * @returns {any}
 */
function merge(base, over) {
  if (over === undefined) return base;
  if (
    base &&
    over &&
    typeof base === 'object' &&
    typeof over === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(over)
  ) {
    /** @type {Record<string, any>} */
    const out = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
    return out;
  }
  return over;
}

/**
 * Does a dotted values path exist? `<name>` matches when any key at that level has the rest.
 * @param {any} values @param {string[]} segments
 * @returns {boolean}
 */
function pathExists(values, segments) {
  if (segments.length === 0) return true;
  if (values === null || typeof values !== 'object') return false;
  const [head, ...rest] = segments;
  const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(head);
  if (!m) return false;
  if (m[1].startsWith('<') && m[1].endsWith('>')) {
    const keys = Object.keys(values);
    return keys.some((k) => pathExists(values[k], rest));
  }
  if (!Object.prototype.hasOwnProperty.call(values, m[1])) return false;
  let node = values[m[1]];
  for (const idx of m[2].match(/\d+/g) || []) {
    if (!Array.isArray(node)) return false;
    node = node[Number(idx)];
    if (node === undefined) return true; // setting a new list element is fine
  }
  if (FREE_FORM.has(m[1]) && node && typeof node === 'object') return true;
  return pathExists(node, rest);
}

/**
 * Shell commands in ```bash blocks, continuation lines joined, $VARS of `export` lines expanded.
 * @param {string} markdown
 * @returns {string[]}
 */
function shellCommands(markdown) {
  /** @type {Record<string, string>} */
  const vars = {};
  const out = [];
  for (const block of markdown.matchAll(/```(?:bash|sh|shell)\n([\s\S]*?)```/g)) {
    const joined = block[1].replace(/\s*\\\n\s*/g, ' ');
    for (let line of joined.split('\n')) {
      line = line.replace(/\s+#.*$/, '').trim();
      if (!line || line.startsWith('#')) continue;
      const exp = /^export\s+(.*)$/.exec(line);
      if (exp) {
        for (const m of exp[1].matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) vars[m[1]] = m[2];
        continue;
      }
      out.push(
        line.replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (all, v) => (v in vars ? vars[v] : all)),
      );
    }
  }
  return out;
}

/** @param {string} cmd */
function tokens(cmd) {
  return [...cmd.matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((m) => m[0].replace(/^['"]|['"]$/g, ''));
}

/**
 * @returns {string[]} problems
 */
function check() {
  /** @type {string[]} */
  const problems = [];
  const small = YAML.parse(read(`${CHART}/values.yaml`));
  const large = merge(small, YAML.parse(read(`${CHART}/values-production.yaml`)));
  const either = merge(small, large);

  // --- Secrets the chart references, per values file --------------------------------------
  /** @type {Map<string, Set<string>>} */
  const needed = new Map();
  /** @param {string} name @param {string[]} keys */
  const need = (name, keys) => {
    if (!name) return;
    const set = needed.get(name) || new Set();
    keys.forEach((k) => set.add(k));
    needed.set(name, set);
  };
  for (const values of [small, large]) {
    /** @type {[string, any][]} */
    const consumers = Object.entries(values.components || {}).filter(([, c]) => c && c.enabled);
    if (values.bootstrap && values.bootstrap.enabled)
      consumers.push(['bootstrap', values.bootstrap]);
    for (const [name, c] of consumers) {
      if (c.uses && c.uses.mongodb)
        need((c.mongodb && c.mongodb.existingSecret) || values.mongodb.existingSecret, [
          (c.mongodb && c.mongodb.urlKey) || name,
        ]);
      for (const e of c.secretEnv || []) need(e.secretName, [e.key || e.name]);
      if (c.uses && c.uses.kafka && values.kafka.sasl.enabled)
        need(values.kafka.sasl.existingSecret, [`${name}-username`, `${name}-password`]);
    }
    if (values.ingress.enabled && values.ingress.tls.enabled)
      need(values.ingress.tls.secretName, ['tls.crt', 'tls.key']);
    if (values.caBundle.existingSecret)
      need(values.caBundle.existingSecret, [values.caBundle.key || 'ca.crt']);
  }

  const runbook = read('docs/runbook.md');
  /** @type {Map<string, Set<string>>} */
  const created = new Map();
  for (const cmd of shellCommands(runbook)) {
    const t = tokens(cmd);
    const i = t.indexOf('secret');
    if (t[0] !== 'kubectl' || t[i - 1] !== 'create' || i < 0) continue;
    const type = t[i + 1];
    const name = t[i + 2];
    const keys = new Set();
    for (const tok of t) {
      const m = /^--from-(?:literal|file)=([^=]+)=/.exec(tok);
      if (m) keys.add(m[1]);
    }
    if (type === 'tls') ['tls.crt', 'tls.key'].forEach((k) => keys.add(k));
    created.set(name, keys);
  }
  for (const [name, keys] of needed) {
    const made = created.get(name);
    if (!made) {
      problems.push(
        `docs/runbook.md: the chart references Secret "${name}" (keys ${[...keys].join(', ')}) but the install steps never create it`,
      );
      continue;
    }
    for (const k of keys) {
      if (!made.has(k))
        problems.push(
          `docs/runbook.md: Secret "${name}" is created without key "${k}", which the chart reads`,
        );
    }
  }

  // --- helm commands and values paths in the docs -------------------------------------------
  for (const doc of DOCS) {
    const text = read(doc);
    for (const cmd of shellCommands(text)) {
      const t = tokens(cmd);
      if (t[0] !== 'helm') continue;
      for (let i = 1; i < t.length; i++) {
        let arg;
        if (t[i] === '--set' || t[i] === '--set-string') arg = t[i + 1];
        else if (/^--set(-string)?=/.test(t[i])) arg = t[i].replace(/^--set(-string)?=/, '');
        if (arg) {
          const key = arg.split('=')[0];
          if (!pathExists(either, key.split('.')))
            problems.push(
              `${doc}: \`${cmd.slice(0, 60)}...\` sets ${key}, which is not a value of ${CHART}`,
            );
        }
        if ((t[i] === '-f' || t[i] === '--values') && t[i + 1] && t[i + 1].includes('/')) {
          if (!fs.existsSync(path.join(ROOT, t[i + 1])))
            problems.push(`${doc}: -f ${t[i + 1]}: no such file`);
        }
      }
      for (const tok of t) {
        if (/^charts\//.test(tok) && !fs.existsSync(path.join(ROOT, tok)))
          problems.push(`${doc}: ${tok}: no such chart or file`);
      }
    }
    const pathRe =
      /`((?:global|config|kafka|mongodb|telemetry|caBundle|networkPolicy|ingress|components|bootstrap|podSecurityContext|containerSecurityContext|topologySpread|grpcClientTarget|fullnameOverride)(?:\.[A-Za-z0-9_<>\-[\]]+)*)(?:\.\*)?(?::[^`]*)?`/g;
    for (const m of text.matchAll(pathRe)) {
      if (!pathExists(either, m[1].split('.')))
        problems.push(`${doc}: \`${m[1]}\` is not a value of ${CHART}`);
    }
  }

  // --- topics as libs/contracts spells them ---------------------------------------------------
  const topicsFile = 'libs/contracts/src/topics.ts';
  if (fs.existsSync(path.join(ROOT, topicsFile))) {
    const src = read(topicsFile);
    const block = /export const TOPICS = \{([\s\S]*?)\}/.exec(src);
    /** @type {Record<string, string>} */
    const contractTopics = {};
    for (const m of (block ? block[1] : '').matchAll(/(\w+):\s*'([^']+)'/g))
      contractTopics[m[1]] = m[2];
    /** @type {Record<string, string>} */
    const chartTopics = {};
    for (const [key, t] of Object.entries(small.kafka.topics || {}))
      chartTopics[key] = /** @type {any} */ (t).name;
    const show = (/** @type {Record<string, string>} */ o) =>
      JSON.stringify(Object.fromEntries(Object.entries(o).sort()));
    if (Object.keys(contractTopics).length && show(contractTopics) !== show(chartTopics)) {
      problems.push(
        `${CHART}/values.yaml: kafka.topics ${show(chartTopics)} differ from TOPICS in ${topicsFile} ${show(contractTopics)}`,
      );
    }
  }

  // --- the Node image the docs name ----------------------------------------------------------
  const dockerfile = read('Dockerfile');
  const base = (/^FROM\s+(node:\S+)/m.exec(dockerfile) || [])[1];
  for (const m of read('docs/kubernetes.md').matchAll(/`(node:\d+\.\d+\.\d+-[a-z-]+)`/g)) {
    if (m[1] !== base)
      problems.push(`docs/kubernetes.md: names ${m[1]}, the Dockerfile uses ${base}`);
  }

  // --- the images the chart runs are the ones that are built ----------------------------------
  const built = Object.keys(JSON.parse(read('tools/docker/images.json')));
  for (const values of [small, large]) {
    const repos = [
      ...Object.entries(values.components || {}).map(([name, c]) => [
        `components.${name}`,
        /** @type {any} */ (c).image?.repository,
      ]),
      ['bootstrap', values.bootstrap?.image?.repository],
    ];
    for (const [where, repo] of repos) {
      if (repo && !built.includes(repo))
        problems.push(
          `${CHART}: ${where}.image.repository "${repo}" is not built (tools/docker/images.json: ${built.join(', ')})`,
        );
    }
  }

  // --- the collector configuration -------------------------------------------------------------
  const otel = YAML.parse(read('deploy/otel/collector.yaml'));
  /** @type {Record<string, Set<string>>} */
  const used = { receivers: new Set(), processors: new Set(), exporters: new Set() };
  for (const [pipeline, spec] of Object.entries((otel.service && otel.service.pipelines) || {})) {
    for (const kind of /** @type {const} */ (['receivers', 'processors', 'exporters'])) {
      const names = spec[kind] || [];
      if (kind !== 'processors' && names.length === 0)
        problems.push(`deploy/otel/collector.yaml: pipeline ${pipeline} has no ${kind}`);
      for (const n of names) {
        used[kind].add(n);
        if (!otel[kind] || !Object.prototype.hasOwnProperty.call(otel[kind], n))
          problems.push(
            `deploy/otel/collector.yaml: pipeline ${pipeline} uses ${kind} "${n}", which is not defined`,
          );
      }
    }
    if ((spec.processors || [])[0] !== 'memory_limiter')
      problems.push(
        `deploy/otel/collector.yaml: pipeline ${pipeline} must start with memory_limiter`,
      );
  }
  for (const kind of /** @type {const} */ (['receivers', 'processors', 'exporters'])) {
    for (const n of Object.keys(otel[kind] || {})) {
      if (!used[kind].has(n))
        problems.push(
          `deploy/otel/collector.yaml: ${kind} "${n}" is defined but no pipeline uses it`,
        );
    }
  }
  for (const ext of (otel.service && otel.service.extensions) || []) {
    if (!otel.extensions || !Object.prototype.hasOwnProperty.call(otel.extensions, ext))
      problems.push(`deploy/otel/collector.yaml: extension "${ext}" is not defined`);
  }
  return problems;
}

module.exports = { check, pathExists, shellCommands, merge };

if (require.main === module) {
  const problems = check();
  if (problems.length) {
    for (const p of problems) console.error(p);
    console.error(`docs-check: ${problems.length} problem(s)`);
    process.exitCode = 1;
  } else {
    console.log(
      'docs-check: runbook secrets and helm commands, values paths in docs, topics, Node image, collector pipelines: ok',
    );
  }
}
