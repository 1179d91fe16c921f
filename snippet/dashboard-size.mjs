// The dashboard's weight as a browser downloads it: every JavaScript and CSS file under
// server/src/main/resources/static/dashboard/ (the chart library in vendor/ included), each gzipped
// at level 9, summed. Used by size.mjs and by test/dashboard-size.test.mjs (budget: 120 KB).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const DASHBOARD = new URL('../server/src/main/resources/static/dashboard/', import.meta.url);
export const BUDGET_BYTES = 120 * 1024;

export function dashboardFiles() {
	return readdirSync(DASHBOARD, { recursive: true })
		.filter((name) => /\.(js|css)$/.test(name))
		.sort()
		.map((name) => {
			const content = readFileSync(new URL(name, DASHBOARD));
			return { name, raw: content.length, gzipped: gzipSync(content, { level: 9 }).length };
		});
}
