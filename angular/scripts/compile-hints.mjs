// Marks the scripts that index.html loads with V8's explicit compile hint, `//# allFunctionsCalledOnLoad`, then brings the
// service worker's manifest up to date with their new content.
//   node scripts/compile-hints.mjs dist/browser
// Why: V8 compiles a function the first time it is called, on the main thread. Nearly every function of the first
// download is called while the app starts, so that compiling was part of the start-up's long tasks (144 ms of the main
// thread on a signed-in cold load of the dashboard, 6 ms with the hint). With the hint, Chromium compiles the whole file
// on a background thread while it downloads. Browsers without explicit compile hints read it as a comment. Lazy chunks
// are left alone: they hold routes' code, of which a visit calls a part.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const hint = '//# allFunctionsCalledOnLoad\n';
const folder = process.argv[2];
const index = readFileSync(join(folder, 'index.html'), 'utf8');
// The entry scripts and the chunks the build preloads beside them.
const initial = [...index.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.js)"/g)].map((match) => match[1]);
if (initial.length === 0) throw new Error(`${folder}/index.html loads no script`);

const manifestPath = join(folder, 'ngsw.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
for (const file of initial) {
  const path = join(folder, file);
  const content = readFileSync(path, 'utf8');
  if (content.startsWith(hint)) continue;
  const hinted = hint + content;
  writeFileSync(path, hinted);
  // The service worker checks each file it caches against this hash (SHA-1, as @angular/service-worker computes it).
  const url = `/${file}`;
  if (!(url in manifest.hashTable)) throw new Error(`ngsw.json has no hash of ${url}`);
  manifest.hashTable[url] = createHash('sha1').update(hinted).digest('hex');
}
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
console.log(`compile hints: ${initial.join(', ')}`);
