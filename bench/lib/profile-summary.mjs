// `node bench/lib/profile-summary.mjs <file.cpuprofile> [top]`: where a process spent its CPU,
// by package / source area and by function (self time), from a `node --cpu-prof` profile.
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/lib/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1);
const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples.length; // ms per sample

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
