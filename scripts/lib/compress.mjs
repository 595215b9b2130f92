// Writes .br and .gz siblings next to each asset (max compression), or reports the sizes of the
// app's wasm modules (`--report <app dir> [groups.txt]`).
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const brotli = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
});
const gzip = (buf) => gzipSync(buf, { level: 9 });

const [arg, file, groups] = process.argv.slice(2);
if (arg === '--report') {
  // The app's wasm modules: the main one (every first visit), one per group of pages and the
  // chunks those groups share; what a first visit of each group of pages loads in all.
  const brotliSize = new Map();
  const rows = readdirSync(file).filter((n) => n.endsWith('.wasm')).sort().map((name) => {
    const raw = readFileSync(join(file, name));
    const br = brotli(raw).length;
    brotliSize.set(name, br);
    return { name, raw: raw.length, gzip: gzip(raw).length, br };
  });
  const sum = (key) => rows.reduce((t, r) => t + r[key], 0);
  const main = rows.find((r) => r.name === 'zorgroute_bg.wasm');
  console.log(`wasm main module: ${main.raw} B raw, ${main.gzip} B gzip, ${main.br} B brotli`);
  console.log(`wasm all ${rows.length} modules: ${sum('raw')} B raw, ${sum('gzip')} B gzip, ${sum('br')} B brotli`);
  // What a first visit of each group of pages loads: the main module and the group's modules
  // (groups.txt, written by the prerendering from wasm-split's loader: `{group} {module} …`).
  if (groups) {
    for (const line of readFileSync(groups, 'utf8').split('\n').filter(Boolean)) {
      const [group, ...files] = line.split(' ');
      const total = files.reduce((t, f) => t + brotliSize.get(f), main.br);
      console.log(`wasm first visit of ${group}: ${total} B brotli (main + ${files.length} modules)`);
    }
  }
} else {
  for (const name of readdirSync(arg, { recursive: true })) {
    if (name.endsWith('.br') || name.endsWith('.gz') || name.endsWith('.png')) continue;
    if (statSync(join(arg, name)).isDirectory()) continue;
    const raw = readFileSync(join(arg, name));
    writeFileSync(join(arg, `${name}.br`), brotli(raw));
    writeFileSync(join(arg, `${name}.gz`), gzip(raw));
  }
}
