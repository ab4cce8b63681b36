'use strict';
// Choosing whom a benchmark asks for: the heaviest realistic subject of the loaded data.

/** The key most documents share (a district, a mediator, a desk); keyOf may return several. */
function busiest(docs, keyOf) {
  const counts = new Map();
  for (const d of docs)
    for (const k of [keyOf(d)].flat()) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

module.exports = { busiest };
