'use strict';
// Command-line options of the benchmarks: `--name value` and bare `--flag`.

function cliOptions(argv = process.argv.slice(2)) {
  const at = (name) => argv.indexOf(`--${name}`);
  return {
    string: (name, fallback) => (at(name) >= 0 ? argv[at(name) + 1] : fallback),
    number(name, fallback) {
      const value = Number(this.string(name, String(fallback)));
      if (!Number.isFinite(value)) throw new Error(`--${name} expects a number`);
      return value;
    },
    flag: (name) => at(name) >= 0,
  };
}

module.exports = { cliOptions };
