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
  const raw = readFileSync(file);
  console.log(`wasm bundle: ${raw.length} B raw, ${gzip(raw).length} B gzip, ${brotli(raw).length} B brotli`);
} else {
  for (const name of readdirSync(arg, { recursive: true })) {
    if (name.endsWith('.br') || name.endsWith('.gz') || name.endsWith('.png')) continue;
    if (statSync(join(arg, name)).isDirectory()) continue;
    const raw = readFileSync(join(arg, name));
    writeFileSync(join(arg, `${name}.br`), brotli(raw));
    writeFileSync(join(arg, `${name}.gz`), gzip(raw));
  }
}
