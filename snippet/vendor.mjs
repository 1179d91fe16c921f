// Copies the dashboard's chart library, uPlot (pinned in package-lock.json), with its licence into
// server/src/main/resources/static/dashboard/vendor/, where the jar serves it from Uplift itself.
// With --check it writes nothing and fails when the vendored files differ from node_modules (npm test
// runs that check), so the served copy is always the pinned release.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FROM = new URL('./node_modules/uplot/', import.meta.url);
const TO = new URL('../server/src/main/resources/static/dashboard/vendor/', import.meta.url);
const FILES = { 'dist/uPlot.iife.min.js': 'uPlot.iife.min.js', 'dist/uPlot.min.css': 'uPlot.min.css', LICENSE: 'uPlot.LICENSE' };

const check = process.argv.includes('--check');
if (!check) mkdirSync(TO, { recursive: true });
for (const [source, target] of Object.entries(FILES)) {
	const content = readFileSync(new URL(source, FROM));
	if (check) {
		let vendored = null;
		try {
			vendored = readFileSync(new URL(target, TO));
		}
		catch {
			// Missing: reported below.
		}
		if (!vendored || !vendored.equals(content)) {
			console.error(`static/dashboard/vendor/${target} is not uplot's ${source}: run npm run vendor in snippet/`);
			process.exit(1);
		}
	}
	else {
		writeFileSync(new URL(target, TO), content);
	}
}
