// Prints the size of the browser script (its source raw and gzipped, and as served, minified and
// gzipped at level 9) and of the dashboard's files against their budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { BUDGET_BYTES, dashboardFiles } from './dashboard-size.mjs';

const source = readFileSync(new URL('./src/snippet.js', import.meta.url), 'utf8');
const { code } = await minify(source, { compress: { passes: 2 }, mangle: true, ecma: 2020 });
const kib = (bytes) => (bytes / 1024).toFixed(1) + ' KiB';
console.log(`raw ${kib(Buffer.byteLength(source))}, gzipped ${kib(gzipSync(source, { level: 9 }).length)}`);
console.log(`minified ${kib(Buffer.byteLength(code))}, minified+gzipped ${kib(gzipSync(code, { level: 9 }).length)}`);

// The dashboard, as the budget test counts it.
const files = dashboardFiles();
for (const file of files) console.log(`dashboard/${file.name}: raw ${kib(file.raw)}, gzipped ${kib(file.gzipped)}`);
const total = files.reduce((sum, file) => sum + file.gzipped, 0);
console.log(`dashboard total gzipped ${kib(total)} of ${kib(BUDGET_BYTES)}`);
