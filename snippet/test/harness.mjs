// Loads the served script into a jsdom page with a fake server, fake timers and a recorded beacon.
import { readFileSync } from 'node:fs';
import { JSDOM, CookieJar, VirtualConsole } from 'jsdom';

export const SCRIPT_PATH = new URL('../src/snippet.js', import.meta.url);
export const SOURCE = readFileSync(SCRIPT_PATH, 'utf8');
export const VECTORS = JSON.parse(readFileSync(new URL('../../testdata/assignment-vectors.json', import.meta.url), 'utf8'));

export const KEY = 'AbCdEfGhIjKlMnOpQrStUv';
export const COLLECT = `https://ab.example/v2/project/${KEY}/collect`;

/** One experiment of client-config, as docs/client-config.md describes it. */
export function experiment(overrides = {}) {
	return {
		test_id: 12,
		experiment_key: '12',
		traffic_allocation: 100,
		page_urls: [{ url: 'https://shop.example/pricing', rule: 'simple', allowed: true }],
		custom_js: '',
		custom_css: '',
		variants: [
			{ variant_id: '0', name: 'Control', nickname: null, weight: 0, css: '', js: '', data: [] },
			{ variant_id: '1', name: 'Variant 1', nickname: 'Red button', weight: 1, css: '', js: '', data: [] },
		],
		goals: [],
		...overrides,
	};
}

export function clientConfig(experiments, extra = {}) {
	return { success: true, project_key: KEY, consent_required: false, experiments, ...extra };
}

/** setTimeout and friends driven by tick(), so timed goals and retries run without waiting. */
function installClock(window) {
	let now = 0;
	let nextId = 1;
	const timers = new Map();
	window.setTimeout = (fn, ms = 0) => {
		timers.set(nextId, { at: now + (Number(ms) || 0), fn });
		return nextId++;
	};
	window.clearTimeout = (id) => timers.delete(id);
	return {
		async tick(ms) {
			const end = now + ms;
			for (;;) {
				await settle();
				const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
				if (!due) {
					break;
				}
				timers.delete(due[0]);
				now = due[1].at;
				due[1].fn();
			}
			now = end;
			await settle();
		},
		pending: () => timers.size,
	};
}

export async function settle() {
	for (let i = 0; i < 5; i++) {
		await new Promise((resolve) => setImmediate(resolve));
	}
}

/**
 * Opens a page running the script.
 * options: url, html, config (body or function(request) returning {status, body, headers}), storage (localStorage
 * entries to start with), cookieJar (shared between visits), beacon (false makes sendBeacon refuse),
 * collect (function(attempt) returning the collect status), before(window) (runs before the script), scriptQuery,
 * wait (false: return before the script is ready).
 */
export async function openPage(options = {}) {
	const url = options.url || 'https://shop.example/pricing';
	const warnings = [];
	const requests = [];
	const beacons = [];
	const posts = [];
	const navigations = [];
	const handed = () => beacons.map((b) => b.body).concat(posts).flatMap((body) => body.events);
	const virtualConsole = new VirtualConsole();
	virtualConsole.on('warn', (message) => warnings.push(message));
	// jsdom loads no other document: a navigation away reports itself, and the events handed over by then are kept.
	virtualConsole.on('jsdomError', (error) => (/^Not implemented: navigation to another Document/.test(error.message)
		? navigations.push({ handed: handed() }) : warnings.push(error.message)));
	const query = options.scriptQuery || `key=${KEY}`;
	const dom = new JSDOM(`<!doctype html><html><head><script src="https://ab.example/snippet.js?${query}"></script></head>`
		+ `<body>${options.html || ''}</body></html>`, {
		url,
		referrer: options.referrer,
		runScripts: 'outside-only',
		virtualConsole,
		cookieJar: options.cookieJar || new CookieJar(),
	});
	const window = dom.window;
	for (const [key, value] of Object.entries(options.storage || {})) {
		window.localStorage.setItem(key, value);
	}
	let collectAttempts = 0;
	window.fetch = async (address, init = {}) => {
		requests.push({ url: String(address), init });
		if (String(address).endsWith('/collect')) {
			posts.push(JSON.parse(init.body));
			const status = options.collect ? options.collect(collectAttempts++) : 202;
			if (status === 'network') {
				throw new TypeError('network down');
			}
			return new Response('{"success":true}', { status });
		}
		const answer = typeof options.config === 'function'
			? await options.config({ url: String(address), headers: init.headers || {} })
			: { status: 200, body: options.config || clientConfig([]), headers: { ETag: '"v1"' } };
		return new Response(answer.status === 304 ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
	};
	window.navigator.sendBeacon = (address, body) => {
		if (options.beacon === false) {
			return false;
		}
		beacons.push({ url: address, body: JSON.parse(body), type: typeof body });
		return true;
	};
	const clock = installClock(window);
	// The source hands its internals to the tests only when TEST_HOOKS is set (never in the served script).
	window.TEST_HOOKS = true;
	window.__upliftTest = {};
	const errors = [];
	window.addEventListener('error', (event) => errors.push(event.error));
	if (options.before) {
		options.before(window);
	}
	window.eval(SOURCE);
	if (options.wait !== false) {
		await window.__upliftTest.ready;
	}
	await settle();
	return {
		window,
		document: window.document,
		clock,
		requests,
		beacons,
		posts,
		errors,
		warnings,
		test: window.__upliftTest,
		/** Each navigation to another document (location.replace, ...), with the events handed over before it. */
		navigations,
		/** Every event handed to sendBeacon or fetch, in order. */
		events: handed,
		storage: () => Object.fromEntries(Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i))
			.map((k) => [k, window.localStorage.getItem(k)])),
		cookies: () => window.document.cookie,
		hide: async () => {
			window.dispatchEvent(new window.Event('pagehide'));
			await settle();
		},
	};
}
