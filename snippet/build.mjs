// Writes the served browser script, server/src/main/resources/static/snippet.js, minified from
// snippet/src/snippet.js with the terser pinned in package-lock.json. With --check it writes nothing
// and fails when the served file is not what the source builds to (npm test runs that check).
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

const SOURCE = new URL('./src/snippet.js', import.meta.url);
const SERVED = new URL('../server/src/main/resources/static/snippet.js', import.meta.url);
const BANNER = '/* Uplift browser script, built from snippet/src/snippet.js by snippet/build.mjs */';

const { code } = await minify(readFileSync(SOURCE, 'utf8'), {
	// The tests' hook (window.__upliftTest) is left out of the served script.
	compress: { passes: 2, global_defs: { TEST_HOOKS: false } },
	mangle: true,
	ecma: 2020,
	format: { comments: false, preamble: BANNER },
});
const built = code + '\n';

if (process.argv.includes('--check')) {
	const served = readFileSync(SERVED, 'utf8');
	if (served !== built) {
		console.error('server/src/main/resources/static/snippet.js is not built from snippet/src/snippet.js: run npm run build in snippet/');
		process.exit(1);
	}
}
else {
	writeFileSync(SERVED, built);
}
