// Used by docker/service.Dockerfile (prod-deps stage), run in the directory of a fresh
// `npm ci --omit=dev`: removes the packages that the production graph reaches only through a peer
// dependency that the root package.json lists as a devDependency. Today that is the prisma CLI
// and typescript (peers of @prisma/client) with their trees, ~250 MB that the services never load:
// the generated Prisma client is compiled into each app's dist and needs @prisma/client only.
// Reads package-lock.json (what npm ci installed); deletes nothing outside node_modules.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
const buildTools = new Set(Object.keys(lock[''].devDependencies ?? {}));
const parentOf = (path) => {
  const i = path.lastIndexOf('/node_modules/');
  return i >= 0 ? path.slice(0, i) : '';
};
// Node's lookup: <dependent>/node_modules/<name>, then each enclosing node_modules.
const resolve = (from, name) => {
  for (let base = from; ; base = parentOf(base)) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock[candidate]) return candidate;
    if (!base) return null;
  }
};
const keep = new Set();
const visit = (path) => {
  if (keep.has(path)) return;
  keep.add(path);
  const pkg = lock[path];
  if (pkg.link) return visit(pkg.resolved);
  const names = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
  for (const name of Object.keys(pkg.peerDependencies ?? {})) {
    if (!pkg.peerDependenciesMeta?.[name]?.optional && !buildTools.has(name)) names.push(name);
  }
  for (const name of names) {
    const target = resolve(path, name);
    if (target) visit(target);
  }
};
visit('');
for (const path of Object.keys(lock)) if (lock[path].link) visit(path); // node_modules/@salesops/*

let removed = 0;
for (const path of Object.keys(lock)) {
  if (path.startsWith('node_modules/') && !keep.has(path) && existsSync(path)) {
    rmSync(path, { recursive: true, force: true });
    removed++;
  }
}
for (const entry of readdirSync('node_modules')) {
  if (entry.startsWith('@') && readdirSync(`node_modules/${entry}`).length === 0)
    rmSync(`node_modules/${entry}`, { recursive: true });
}
rmSync('node_modules/.bin', { recursive: true, force: true });
rmSync('node_modules/.package-lock.json', { force: true });
if (existsSync('node_modules/prisma')) throw new Error('prisma CLI still present');
console.log(`prod-deps: removed ${removed} packages reachable only through build tools`);
