#!/usr/bin/env node
// @ts-check
// Policy check for rendered Kubernetes manifests (the output of `helm template`).
//
// kubeconform says whether each object is valid Kubernetes; this says whether it is what we are
// willing to run: pinned images, requests and limits, probes, non-root read-only containers with
// no capabilities, secrets only from Secrets, and every workload fenced by NetworkPolicies.
// Each violation names the object, the container and the rule, e.g.
//   Deployment mediation/mediation-platform-intake, container "intake": [image-pinned] ...
//
// Plain JavaScript (checked with // @ts-check, typed by policy.d.ts) so that CI runs it with the
// machine's node and no build step; the jest test drives the same functions.
//
// usage: node tools/k8s/policy.js <rendered.yaml>...    exit 1 on any violation
'use strict';

const fs = require('node:fs');
const YAML = require('yaml');

/** @typedef {Record<string, any>} K8sObject */
/** @typedef {{ rule: string, object: string, container?: string, message: string }} Violation */

/** Rules, with the one-line reason printed by --rules and in docs/kubernetes.md. */
const RULES = {
  'image-pinned': 'every image has an explicit tag other than "latest", or a digest',
  resources: 'every container requests and limits cpu and memory',
  probes: 'every container of a long-running workload has liveness and readiness probes',
  'probe-port': 'a probe targets a port the container declares',
  'run-as-non-root': 'runAsNonRoot is true for every container (pod or container level)',
  'no-root-user': 'no pod or container sets runAsUser 0',
  'read-only-root-fs': 'every container has readOnlyRootFilesystem: true',
  'drop-all-capabilities': 'every container drops ALL capabilities and adds none',
  'no-privilege-escalation': 'allowPrivilegeEscalation is false and privileged is not true',
  seccomp: 'the seccomp profile is RuntimeDefault (or Localhost)',
  'host-namespaces': 'no hostNetwork, hostPID or hostIPC',
  'service-account-token':
    'pods do not mount a Kubernetes API token (automountServiceAccountToken: false)',
  'secret-env':
    'secret variables (MONGO_URL, PII_*, KAFKA_SASL_*) come from a Secret, never a literal or a ConfigMap',
  'no-secret-objects':
    'the chart renders no Secret with data: secrets are created by the operator (existingSecret)',
  'network-policy': 'every workload is selected by a NetworkPolicy that allows its traffic',
  'default-deny':
    'every workload is covered by a default-deny NetworkPolicy (Ingress and Egress, no rules)',
};

const SECRET_ENV =
  /^(MONGO_URL|PII_[A-Z_]+|KAFKA_SASL_(USERNAME|PASSWORD)|.*_(PASSWORD|SECRET|TOKEN|PRIVATE_KEY))$/;

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/**
 * Parse a multi-document YAML stream; empty documents are dropped.
 * @param {string} text
 * @returns {K8sObject[]}
 */
function parseManifests(text) {
  const docs = YAML.parseAllDocuments(text);
  /** @type {K8sObject[]} */
  const out = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value && typeof value === 'object') out.push(value);
  }
  return out;
}

/** @param {K8sObject} obj */
function namespaceOf(obj) {
  return (obj.metadata && obj.metadata.namespace) || 'default';
}

/** @param {K8sObject} obj */
function describe(obj) {
  return `${obj.kind} ${namespaceOf(obj)}/${(obj.metadata && obj.metadata.name) || '<unnamed>'}`;
}

/**
 * The pod template of a workload: its labels and spec, or undefined for other kinds.
 * @param {K8sObject} obj
 * @returns {{ labels: Record<string, string>, spec: K8sObject } | undefined}
 */
function podTemplateOf(obj) {
  let template;
  if (obj.kind === 'Pod') template = { metadata: obj.metadata, spec: obj.spec };
  else if (obj.kind === 'CronJob')
    template =
      obj.spec &&
      obj.spec.jobTemplate &&
      obj.spec.jobTemplate.spec &&
      obj.spec.jobTemplate.spec.template;
  else if (POD_TEMPLATE_KINDS.has(obj.kind)) template = obj.spec && obj.spec.template;
  if (!template) return undefined;
  return {
    labels: (template.metadata && template.metadata.labels) || {},
    spec: template.spec || {},
  };
}

/**
 * Image reference pinned? A digest always is; otherwise the tag (after the last "/") must exist and
 * not be "latest".
 * @param {string} image
 * @returns {string | undefined} the problem, if any
 */
function imageProblem(image) {
  if (typeof image !== 'string' || image.trim() === '') return 'has no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  if (colon < 0)
    return `image "${image}" has no tag (it would mean :latest); pin a version or a digest`;
  const tag = lastPart.slice(colon + 1);
  if (tag === '') return `image "${image}" has an empty tag; pin a version or a digest`;
  if (tag === 'latest')
    return `image "${image}" uses the mutable tag "latest"; pin a version or a digest`;
  return undefined;
}

/**
 * @param {Record<string, string>} labels
 * @param {K8sObject | undefined} selector a LabelSelector; empty or missing selects everything
 */
function selectorMatches(labels, selector) {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels || {})) {
    if (labels[k] !== v) return false;
  }
  for (const expr of selector.matchExpressions || []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    const values = expr.values || [];
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[expr.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expr.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** @param {K8sObject} np */
function isDefaultDeny(np) {
  const spec = np.spec || {};
  const types = spec.policyTypes || [];
  return (
    types.includes('Ingress') &&
    types.includes('Egress') &&
    !(spec.ingress && spec.ingress.length) &&
    !(spec.egress && spec.egress.length)
  );
}

/**
 * A container's effective security setting: the container's own value, else the pod's.
 * @param {K8sObject} container
 * @param {K8sObject} podSpec
 * @param {string} key
 */
function effective(container, podSpec, key) {
  const own = container.securityContext && container.securityContext[key];
  if (own !== undefined && own !== null) return own;
  return podSpec.securityContext ? podSpec.securityContext[key] : undefined;
}

/**
 * @param {K8sObject} container
 * @param {K8sObject} probe
 */
function probePortProblem(container, probe) {
  const port =
    (probe.grpc && probe.grpc.port) ??
    (probe.httpGet && probe.httpGet.port) ??
    (probe.tcpSocket && probe.tcpSocket.port);
  if (port === undefined) return undefined; // exec probe
  const declared = container.ports || [];
  const ok = declared.some(
    (/** @type {K8sObject} */ p) =>
      p.containerPort === port || p.name === port || String(p.containerPort) === String(port),
  );
  return ok
    ? undefined
    : `targets port ${JSON.stringify(port)}, which the container does not declare`;
}

/**
 * Check every object of a rendered release. Returns the violations (empty: all good).
 * @param {K8sObject[]} objects
 * @returns {Violation[]}
 */
function checkManifests(objects) {
  /** @type {Violation[]} */
  const out = [];
  const networkPolicies = objects.filter((o) => o.kind === 'NetworkPolicy');

  for (const obj of objects) {
    const where = describe(obj);
    /** @param {string} rule @param {string} message @param {string} [container] */
    const report = (rule, message, container) =>
      out.push({ rule, object: where, message, ...(container ? { container } : {}) });

    if (obj.kind === 'Secret' && (obj.data || obj.stringData)) {
      report(
        'no-secret-objects',
        'renders secret data; reference an existing Secret (existingSecret) instead',
      );
    }
    if (obj.kind === 'ConfigMap') {
      for (const key of Object.keys(obj.data || {})) {
        if (SECRET_ENV.test(key))
          report('secret-env', `holds ${key}, a secret; it belongs in a Secret`);
      }
    }

    const pod = podTemplateOf(obj);
    if (!pod) continue;
    const spec = pod.spec;

    for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (spec[key] === true) report('host-namespaces', `sets ${key}: true`);
    }
    if (spec.automountServiceAccountToken !== false) {
      report(
        'service-account-token',
        'does not set automountServiceAccountToken: false on the pod',
      );
    }
    if (spec.securityContext && spec.securityContext.runAsUser === 0) {
      report('no-root-user', 'pod securityContext sets runAsUser: 0 (root)');
    }

    const containers = [
      ...(spec.initContainers || []).map((/** @type {K8sObject} */ c) => ({ c, init: true })),
      ...(spec.containers || []).map((/** @type {K8sObject} */ c) => ({ c, init: false })),
    ];
    if (containers.length === 0) report('resources', 'has no containers');

    for (const { c, init } of containers) {
      const name = c.name || '<unnamed>';
      /** @param {string} rule @param {string} message */
      const bad = (rule, message) => report(rule, message, name);

      const imgProblem = imageProblem(c.image);
      if (imgProblem) bad('image-pinned', imgProblem);

      const res = c.resources || {};
      const missing = [];
      for (const kind of ['requests', 'limits']) {
        for (const r of ['cpu', 'memory']) {
          if (
            !res[kind] ||
            res[kind][r] === undefined ||
            res[kind][r] === null ||
            res[kind][r] === ''
          )
            missing.push(`${kind}.${r}`);
        }
      }
      if (missing.length) bad('resources', `has no resources ${missing.join(', ')}`);

      if (!init && LONG_RUNNING_KINDS.has(obj.kind)) {
        for (const probe of ['livenessProbe', 'readinessProbe']) {
          if (!c[probe]) bad('probes', `has no ${probe}`);
        }
      }
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        if (c[probe]) {
          const problem = probePortProblem(c, c[probe]);
          if (problem) bad('probe-port', `${probe} ${problem}`);
        }
      }

      if (effective(c, spec, 'runAsNonRoot') !== true)
        bad('run-as-non-root', 'runAsNonRoot is not true (set it on the pod or the container)');
      if (c.securityContext && c.securityContext.runAsUser === 0)
        bad('no-root-user', 'securityContext sets runAsUser: 0 (root)');

      const sc = c.securityContext || {};
      if (sc.readOnlyRootFilesystem !== true)
        bad('read-only-root-fs', 'readOnlyRootFilesystem is not true');
      const caps = sc.capabilities || {};
      if (!(caps.drop || []).includes('ALL'))
        bad('drop-all-capabilities', 'does not drop ALL capabilities');
      if ((caps.add || []).length)
        bad('drop-all-capabilities', `adds capabilities ${caps.add.join(', ')}`);
      if (sc.allowPrivilegeEscalation !== false)
        bad('no-privilege-escalation', 'allowPrivilegeEscalation is not false');
      if (sc.privileged === true) bad('no-privilege-escalation', 'runs privileged');
      const seccomp = effective(c, spec, 'seccompProfile');
      if (!seccomp || !['RuntimeDefault', 'Localhost'].includes(seccomp.type))
        bad('seccomp', 'seccompProfile is not RuntimeDefault');

      for (const e of c.env || []) {
        if (SECRET_ENV.test(e.name) && !(e.valueFrom && e.valueFrom.secretKeyRef)) {
          bad(
            'secret-env',
            `sets ${e.name} ${e.value !== undefined ? 'as a literal value' : 'from something other than a Secret'}; use valueFrom.secretKeyRef`,
          );
        }
      }
    }

    const selecting = networkPolicies.filter(
      (np) =>
        namespaceOf(np) === namespaceOf(obj) &&
        selectorMatches(pod.labels, np.spec && np.spec.podSelector),
    );
    if (!selecting.some((np) => !isDefaultDeny(np))) {
      report(
        'network-policy',
        'no NetworkPolicy selects its pods (labels ' + JSON.stringify(pod.labels) + ')',
      );
    }
    if (!selecting.some(isDefaultDeny)) {
      report(
        'default-deny',
        'no default-deny NetworkPolicy (policyTypes Ingress and Egress, no rules) covers its pods',
      );
    }
  }
  return out;
}

/** @param {Violation} v */
function formatViolation(v) {
  return `${v.object}${v.container ? `, container "${v.container}"` : ''}: [${v.rule}] ${v.message}`;
}

/** @param {string[]} argv */
function main(argv) {
  if (argv.includes('--rules')) {
    for (const [rule, why] of Object.entries(RULES)) console.log(`${rule.padEnd(24)} ${why}`);
    return 0;
  }
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    console.error('usage: node tools/k8s/policy.js <rendered.yaml>...  (or --rules)');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const objects = parseManifests(fs.readFileSync(file, 'utf8'));
    const violations = checkManifests(objects);
    if (violations.length === 0) {
      console.log(
        `policy: ${file}: ${objects.length} objects, ${Object.keys(RULES).length} rules, no violations`,
      );
    } else {
      failed += violations.length;
      console.error(`policy: ${file}: ${violations.length} violation(s):`);
      for (const v of violations) console.error(`  ${formatViolation(v)}`);
    }
  }
  return failed ? 1 : 0;
}

module.exports = {
  RULES,
  parseManifests,
  checkManifests,
  formatViolation,
  imageProblem,
  selectorMatches,
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
