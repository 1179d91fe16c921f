// Prints the size of the browser script: its source raw and gzipped, and as served (minified) and gzipped (level 9).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const source = readFileSync(new URL('./src/snippet.js', import.meta.url), 'utf8');
const { code } = await minify(source, { compress: { passes: 2 }, mangle: true, ecma: 2020 });
const kib = (bytes) => (bytes / 1024).toFixed(1) + ' KiB';
console.log(`raw ${kib(Buffer.byteLength(source))}, gzipped ${kib(gzipSync(source, { level: 9 }).length)}`);
console.log(`minified ${kib(Buffer.byteLength(code))}, minified+gzipped ${kib(gzipSync(code, { level: 9 }).length)}`);
