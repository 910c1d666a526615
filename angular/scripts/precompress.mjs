// Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of the build that is worth it, once, at build time
// and at the strongest levels: the host serves the copy the browser accepts (host/Erp.Host/Hosting/SpaHosting.cs)
// instead of compressing on every request. On a phone's connection the initial scripts are the first page's wait.
//   node scripts/precompress.mjs dist/browser
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const compressible = /\.(js|mjs|css|json|svg|webmanifest|txt|ico)$/;
const smallest = 1024; // below this a compressed copy saves less than its headers cost

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (compressible.test(entry.name) && statSync(path).size >= smallest) yield path;
  }
}

let before = 0;
let after = 0;
for (const path of files(process.argv[2])) {
  const content = readFileSync(path);
  const brotli = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  before += content.length;
  after += brotli.length;
}
console.log(`precompressed: ${(before / 1024).toFixed(0)} kB of text files, ${(after / 1024).toFixed(0)} kB with Brotli`);
