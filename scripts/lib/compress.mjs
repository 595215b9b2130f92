// Writes .br and .gz siblings next to each asset (max compression), or reports one file's sizes.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const brotli = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
});
const gzip = (buf) => gzipSync(buf, { level: 9 });

const [arg, file] = process.argv.slice(2);
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
  // __wasm_split.js: `const __chunk_N = makeLoad(... "./chunk_N.wasm" ...)` and per group
  // `export const __wasm_split_load_<group>_<hash> = ... "./split_<group>_<hash>.wasm" ..., [__chunk_…]`.
  const link = readFileSync(join(file, '__wasm_split.js'), 'utf8');
  const chunks = new Map([...link.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s+const src = fetch\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]));
  for (const m of link.matchAll(/export const __wasm_split_load_([a-z_]+?)_\d+ = [^"]+"\.\/([^"]+)"[^[]+\[([^\]]*)\]/g)) {
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunks.get(d));
    const total = main.br + brotliSize.get(m[2]) + deps.reduce((t, d) => t + brotliSize.get(d), 0);
    console.log(`wasm first visit of ${m[1]}: ${total} B brotli (main + ${deps.length + 1} modules)`);
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
