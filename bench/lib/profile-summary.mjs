// `node bench/lib/profile-summary.mjs <file.cpuprofile> [top]`: where a process spent its CPU,
// by package / source area and by function (self time), from a `node --cpu-prof` profile.
import { readFileSync } from 'node:fs';

// `--window FROM:TO` keeps the samples taken FROM..TO seconds after the profile started (≈ the
// process start; bench/run.mjs prints the window of each measured phase). `--top N` (25).
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const windowArg = option('--window');
const top = Number(option('--top') ?? 25);
const [file] = args;
if (!file) {
  console.error(
    'usage: node bench/lib/profile-summary.mjs <file.cpuprofile> [--window FROM:TO] [--top N]',
  );
  process.exit(2);
}
const [from, to] = windowArg
  ? windowArg.split(':').map((s) => Number(s) * 1e6)
  : [-Infinity, Infinity];
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTicks = new Map();
let at = 0; // µs since profile start
let kept = 0;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i];
  if (at < from || at > to) continue;
  kept += 1;
  selfTicks.set(profile.samples[i], (selfTicks.get(profile.samples[i]) ?? 0) + 1);
}
const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples.length; // ms per sample (mean)
if (kept === 0) {
  console.error(`no samples in window ${windowArg}`);
  process.exit(1);
}

function area(url) {
  if (!url) return '(native / V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node core';
  const app = /\/(apps|libs)\/([^/]+)\//.exec(url);
  return app ? `${app[1]}/${app[2]}` : url;
}

const areas = new Map();
const functions = new Map();
let total = 0;
for (const [id, ticks] of selfTicks) {
  const { callFrame } = byId.get(id);
  const ms = ticks * dt;
  total += ms;
  const name = callFrame.functionName || '(anonymous)';
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
    areas.set(name, (areas.get(name) ?? 0) + ms);
    continue;
  }
  areas.set(area(callFrame.url), (areas.get(area(callFrame.url)) ?? 0) + ms);
  const key = `${name}  ${callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(apps|libs)\//, '$1/')}:${callFrame.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + ms);
}
const busy = total - (areas.get('(idle)') ?? 0);
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${(ms / 1000).toFixed(2).padStart(8)} s  ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
};
console.log(
  `${file}: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s not idle`,
);
show('Self time by area (% of non-idle)', areas);
show('Self time by function (% of non-idle)', functions);
