#!/usr/bin/env node
// @ts-check
// Do the rendered NetworkPolicies allow exactly the documented gRPC calls? The call graph is the
// table under "### NetworkPolicies" in docs/kubernetes.md (caller | calls over gRPC). For every
// pair of platform components, the callee's gRPC port must admit the caller (ingress) and the
// caller must be able to reach it (egress) if and only if the table lists the call.
//
// usage: node tools/k8s/call-graph.js <rendered.yaml>...    exit 1 on any difference
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/** @typedef {Record<string, any>} K8sObject */

const DOCS = path.join(__dirname, '../../docs/kubernetes.md');

/** caller -> callees, from the docs' table. */
function documentedCalls() {
  const text = fs.readFileSync(DOCS, 'utf8');
  const section = text.split('### NetworkPolicies')[1]?.split('\n### ')[0] ?? '';
  /** @type {Map<string, Set<string>>} */
  const calls = new Map();
  let inTable = false;
  for (const line of section.split('\n')) {
    if (/^\|\s*caller\s*\|\s*calls over gRPC\s*\|/.test(line)) inTable = true;
    else if (inTable && line.startsWith('|')) {
      const [caller, callees] = line
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim());
      if (!caller || /^-+$/.test(caller)) continue;
      calls.set(
        caller,
        new Set(
          (callees ?? '')
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        ),
      );
    } else if (inTable) break;
  }
  if (calls.size === 0) throw new Error(`no call table under "### NetworkPolicies" in ${DOCS}`);
  return calls;
}

/** The component a pod selector picks, or undefined for anything else. */
const componentOf = (/** @type {K8sObject} */ peer) =>
  peer.podSelector && !peer.namespaceSelector && !peer.ipBlock
    ? peer.podSelector.matchLabels?.['app.kubernetes.io/name']
    : undefined;

/**
 * @param {K8sObject[]} objects one rendering of the chart
 * @returns {string[]} the differences, in words
 */
function check(objects) {
  const documented = documentedCalls();
  /** @type {Map<string, number>} component -> gRPC port, from the Deployments */
  const grpcPort = new Map();
  for (const o of objects) {
    if (o.kind !== 'Deployment') continue;
    const name = o.spec.template.metadata.labels['app.kubernetes.io/name'];
    for (const c of o.spec.template.spec.containers)
      for (const p of c.ports ?? []) if (p.name === 'grpc') grpcPort.set(name, p.containerPort);
  }
  /** @type {Map<string, K8sObject>} */
  const policies = new Map();
  for (const o of objects)
    if (o.kind === 'NetworkPolicy') {
      const name = o.spec.podSelector?.matchLabels?.['app.kubernetes.io/name'];
      if (name) policies.set(name, o);
    }
  const components = [...policies.keys()].filter((n) => grpcPort.has(n) || documented.has(n));
  /** @type {string[]} */
  const problems = [];
  /**
   * Does one of `rules` let `peer` through on `port` (side: "from" for ingress, "to" for egress)?
   * @param {K8sObject[] | undefined} rules @param {'from' | 'to'} side
   * @param {string} peer @param {number} port
   */
  const allows = (rules, side, peer, port) =>
    (rules ?? []).some(
      (r) =>
        (r[side] ?? []).some((/** @type {K8sObject} */ p) => componentOf(p) === peer) &&
        (r.ports ?? []).some((/** @type {K8sObject} */ p) => p.port === port),
    );
  for (const caller of components)
    for (const callee of grpcPort.keys()) {
      if (caller === callee) continue;
      const port = /** @type {number} */ (grpcPort.get(callee));
      const expected = documented.get(caller)?.has(callee) ?? false;
      const ingress = allows(policies.get(callee)?.spec.ingress, 'from', caller, port);
      const egress = allows(policies.get(caller)?.spec.egress, 'to', callee, port);
      if (ingress !== expected)
        problems.push(`${callee} ${ingress ? 'admits' : 'does not admit'} ${caller} on ${port}`);
      if (egress !== expected)
        problems.push(`${caller} ${egress ? 'may reach' : 'may not reach'} ${callee} on ${port}`);
    }
  for (const [caller, callees] of documented)
    for (const callee of callees)
      if (!grpcPort.has(callee) || !policies.has(caller))
        problems.push(`the table lists ${caller} -> ${callee}, which the chart does not render`);
  return problems;
}

module.exports = { check, documentedCalls };

if (require.main === module) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const objects = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJS())
      .filter(Boolean);
    const problems = check(objects);
    for (const p of problems) console.error(`call-graph: ${file}: ${p}`);
    if (problems.length) failed = true;
    else
      console.log(
        `call-graph: ${file}: NetworkPolicies allow exactly the documented gRPC calls (${[
          ...documentedCalls(),
        ]
          .map(([caller, callees]) => `${caller} -> ${[...callees].join(', ')}`)
          .join('; ')})`,
      );
  }
  process.exit(failed ? 1 : 0);
}
