/*
 * Uplift browser script (docs/snippet.md): runs the project's live experiments on this page and reports
 * exposures, goal conversions and custom events. Install with
 * <script async src="https://HOST/snippet.js?key=PROJECT_KEY"></script>
 */
(function (window, document) {
	'use strict';

	if (window.uplift && window.uplift.visitorId) {
		return;
	}

	const PREFIX = 'uplift_';
	const VISITOR_ID = /^[A-Za-z0-9_-]{1,80}$/;
	const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const YEAR_SECONDS = 31536000;
	const BATCH_SIZE = 50;
	const BATCH_DELAY_MS = 1000;
	const MAX_QUEUE = 500;
	const RETRIES = 3;
	const ANTI_FLICKER_MS = 3000;
	const REDIRECT_LOOP_MS = 5000;
	const INSERT_POSITION = { a: 'afterend', b: 'beforebegin', p: 'afterbegin' };
	const PREVIEW_PARAMS = ['test-preview', 'test-variant'];

	const safe = (fn) => function () {
		try {
			return fn.apply(this, arguments);
		}
		catch (error) {
			warn('internal error', error);
		}
	};

	function warn(message, error) {
		if (window.console && console.warn) {
			console.warn('uplift: ' + message, error);
		}
	}

	// ---- Assignment: docs/assignment.md, shared vectors in testdata/assignment-vectors.json ----

	function utf8(text) {
		const bytes = [];
		for (let i = 0; i < text.length; i++) {
			let c = text.charCodeAt(i);
			const next = text.charCodeAt(i + 1);
			if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
				i++;
			}
			else if (c >= 0xd800 && c < 0xe000) {
				// A lone surrogate becomes '?', as Java's String.getBytes(UTF_8) does.
				c = 0x3f;
			}
			if (c < 0x80) {
				bytes.push(c);
			}
			else if (c < 0x800) {
				bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
			}
			else if (c < 0x10000) {
				bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
			}
			else {
				bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
			}
		}
		return bytes;
	}

	/** 32-bit FNV-1a (Fowler–Noll–Vo, draft-eastlake-fnv) of the UTF-8 bytes, unsigned. */
	function fnv1a32(text) {
		let hash = 0x811c9dc5;
		for (const octet of utf8(text)) {
			hash = Math.imul(hash ^ octet, 0x01000193);
		}
		return hash >>> 0;
	}

	/** GrowthBook's hash version 2: (fnv1a32(decimal(fnv1a32(seed + id))) mod 10000) / 10000. */
	function hash(seed, id) {
		return (fnv1a32(String(fnv1a32(seed + id))) % 10000) / 10000;
	}

	/** GrowthBook's getBucketRanges: arm i covers [s_i, s_i + coverage * w_i). */
	function bucketRanges(count, coverage, weights) {
		const clamped = Math.min(1, Math.max(0, coverage));
		const equal = new Array(Math.max(0, count)).fill(1 / count);
		let used = weights && weights.length === count ? weights : equal;
		let total = 0;
		for (const weight of used) {
			total += weight;
		}
		if (total < 0.99 || total > 1.01) {
			used = equal;
		}
		let cumulative = 0;
		return used.map((weight) => {
			const start = cumulative;
			cumulative += weight;
			return [start, start + clamped * weight];
		});
	}

	/** GrowthBook's chooseVariation: the first arm whose range holds the point, or -1. */
	function chooseVariation(point, ranges) {
		for (let i = 0; i < ranges.length; i++) {
			if (point >= ranges[i][0] && point < ranges[i][1]) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The arm index for a visitor, or -1 when the traffic allocation leaves them out. Hash version 2 hashes
	 * the seed; version 1, the first scheme kept for experiments created under it, the test id.
	 */
	function assign(split, visitorId) {
		const { weights, allocation } = split;
		if (split.version === 1) {
			if (fnv1a32(split.testId + ':' + visitorId) / 4294967296 >= allocation / 100) {
				return -1;
			}
			return legacyArmAt(fnv1a32(visitorId + ':' + split.testId) / 4294967296, weights);
		}
		let total = 0;
		for (const weight of weights) {
			total += weight;
		}
		const shares = weights.map((weight) => weight / total);
		return chooseVariation(hash(split.seed, visitorId), bucketRanges(weights.length, allocation / 100, shares));
	}

	/** Whether a visitor gets a served winner: the range [0, rollout / 100) of the hash under the winner's own seed. */
	function inRollout(seed, id, rollout) {
		return hash('__serving_' + seed, id) < rollout / 100;
	}

	/** The exclusion-group member whose slice [P(i-1)/100, P(i)/100) holds the point, or -1. */
	function sliceAt(point, percents) {
		let sum = 0;
		for (let i = 0; i < percents.length; i++) {
			const start = sum / 100;
			sum += percents[i];
			if (point >= start && point < sum / 100) {
				return i;
			}
		}
		return -1;
	}

	function legacyArmAt(point, weights) {
		let total = 0;
		let running = 0;
		let last = -1;
		for (const weight of weights) {
			total += weight;
		}
		for (let i = 0; i < weights.length; i++) {
			running += weights[i];
			if (weights[i] > 0) {
				last = i;
				if (point < running / total) {
					return i;
				}
			}
		}
		return last;
	}

	function validWeights(weights) {
		return weights.length > 0 && weights.every((w) => typeof w === 'number' && isFinite(w) && w >= 0)
			&& weights.some((w) => w > 0);
	}

	// ---- URL targeting (docs/mida-v2-api.md §4.2 page_urls) and URL goals (docs/mida-v2-api.md §3.4) ----

	/** The page address without fragment and without the preview parameters. */
	function pageAddress(href) {
		const url = new URL(href);
		url.hash = '';
		PREVIEW_PARAMS.forEach((name) => url.searchParams.delete(name));
		return url.href.replace(/\?$/, '');
	}

	const bareHost = (host) => host.toLowerCase().replace(/^www\./, '');
	const trimSlash = (path) => path.replace(/\/+$/, '');

	function simpleMatch(rule, href) {
		const page = new URL(href);
		const pathOnly = rule.charAt(0) === '/';
		const target = new URL(pathOnly || /^[a-z][a-z0-9+.-]*:\/\//i.test(rule) ? rule : 'https://' + rule, page);
		if (!pathOnly && bareHost(target.hostname) !== bareHost(page.hostname)) {
			return false;
		}
		if (trimSlash(target.pathname) !== trimSlash(page.pathname)) {
			return false;
		}
		for (const [name, value] of target.searchParams) {
			if (page.searchParams.get(name) !== value) {
				return false;
			}
		}
		return true;
	}

	function ruleMatches(rule, href) {
		const url = String(rule.url || '');
		const address = pageAddress(href);
		switch (rule.rule || 'simple') {
			case 'exact':
				return address === url;
			case 'contain':
				return url !== '' && address.indexOf(url) >= 0;
			case 'regex':
				return new RegExp(url).test(address);
			default:
				return url !== '' && simpleMatch(url, address);
		}
	}

	/** Whether the page_urls rules take this page: an empty list takes every page; exclusions win. */
	function pageMatches(rules, href) {
		if (!Array.isArray(rules) || rules.length === 0) {
			return true;
		}
		let included = false;
		for (const entry of rules) {
			const rule = typeof entry === 'string' ? { url: entry } : entry || {};
			let matches = false;
			try {
				matches = ruleMatches(rule, href);
			}
			catch (error) {
				warn('bad URL rule ' + rule.url, error);
			}
			if (matches && rule.allowed === false) {
				return false;
			}
			included = included || matches;
		}
		return included;
	}

	function wildcard(pattern) {
		return new RegExp('^' + pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
	}

	/** Whether a pageview goal of this type and value converts on this page. */
	function urlGoalMatches(type, value, href) {
		const address = pageAddress(href);
		const url = new URL(address);
		const withoutQuery = url.origin + url.pathname;
		switch (type) {
			case 'pageview':
				return value !== '' && address.indexOf(value) >= 0;
			case 'pageviewExact':
				return trimSlash(address) === trimSlash(value);
			case 'pageviewWildcard':
				return wildcard(value).test(withoutQuery) || wildcard(value).test(url.pathname);
			case 'pageviewRegex':
				return new RegExp(value).test(address) || new RegExp(value).test(url.pathname);
			default:
				return false;
		}
	}

	// ---- Visitor attributes ----

	function device(ua, touchPoints) {
		if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(ua) || (/Macintosh/.test(ua) && touchPoints > 1)) {
			return 'tablet';
		}
		return /Mobi|iPhone|iPod|Android|BlackBerry|IEMobile|Opera Mini/i.test(ua) ? 'mobile' : 'desktop';
	}

	function browser(ua) {
		const names = [[/Edg(e|A|iOS)?\//, 'edge'], [/OPR\/|Opera/, 'opera'], [/Firefox|FxiOS/, 'firefox'],
			[/MSIE|Trident/, 'ie'], [/Chrome|CriOS|Chromium/, 'chrome'], [/Safari/, 'safari']];
		const found = names.find(([pattern]) => pattern.test(ua));
		return found ? found[1] : 'other';
	}

	function os(ua, touchPoints) {
		const names = [[/Windows/, 'windows'], [/iPhone|iPad|iPod/, 'ios'], [/Android/, 'android'], [/CrOS/, 'chromeOS'],
			[/Macintosh|Mac OS X/, touchPoints > 1 ? 'ios' : 'macOS'], [/Linux/, 'linux']];
		const found = names.find(([pattern]) => pattern.test(ua));
		return found ? found[1] : 'other';
	}

	/** Traffic source from UTM parameters, ad click ids and the referrer: direct/search/social/referral/email/paid. */
	function source(href, referrer) {
		const params = new URL(href).searchParams;
		const medium = (params.get('utm_medium') || '').toLowerCase();
		if (params.has('gclid') || params.has('msclkid') || /^(cpc|ppc|paid|cpm|cpv|display|banner|affiliate)/.test(medium)) {
			return 'paid';
		}
		if (/e-?mail|newsletter/.test(medium)) {
			return 'email';
		}
		if (/social/.test(medium)) {
			return 'social';
		}
		let from;
		try {
			from = referrer ? bareHost(new URL(referrer).hostname) : '';
		}
		catch {
			from = '';
		}
		if (!from || from === bareHost(new URL(href).hostname)) {
			return params.has('utm_source') ? 'referral' : 'direct';
		}
		if (/^(mail|outlook|webmail)\./.test(from)) {
			return 'email';
		}
		if (/(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|naver|seznam|startpage)\.[a-z.]+$/.test(from)) {
			return 'search';
		}
		if (/(^|\.)(facebook\.com|fb\.com|instagram\.com|t\.co|twitter\.com|x\.com|linkedin\.com|lnkd\.in|reddit\.com|pinterest\.[a-z.]+|youtube\.com|tiktok\.com|threads\.net|bsky\.app)$/.test(from)) {
			return 'social';
		}
		return 'referral';
	}

	// ---- Storage, consent and the visitor id ----

	const script = document.currentScript
		|| Array.prototype.find.call(document.querySelectorAll('script[src]'), (s) => /\/snippet\.js(\?|$)/.test(s.src));
	const scriptUrl = new URL(script ? script.src : '/snippet.js', window.location.href);
	const projectKey = scriptUrl.searchParams.get('key') || '';
	const baseUrl = scriptUrl.origin + scriptUrl.pathname.replace(/\/snippet\.js$/, '');
	const collectUrl = baseUrl + '/v2/project/' + encodeURIComponent(projectKey) + '/collect';
	const identifyUrl = baseUrl + '/experiment/identify';
	const pageParams = new URL(window.location.href).searchParams;
	const previewTestId = pageParams.get('test-preview');

	let consentRequired = true;
	let visitor = null;
	let state = { a: {}, e: {} };

	function read(key) {
		try {
			return JSON.parse(window.localStorage.getItem(PREFIX + key));
		}
		catch {
			return null;
		}
	}

	function write(key, value) {
		if (!storageAllowed()) {
			return;
		}
		try {
			window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
		}
		catch {
			// Storage full or blocked: the script keeps working in memory.
		}
	}

	function cookie(name) {
		return anyCookie(PREFIX + name);
	}

	/** The value of the page's cookie of this name, or null when there is none. */
	function anyCookie(name) {
		const found = document.cookie.split('; ').find((pair) => pair.indexOf(name + '=') === 0);
		try {
			return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
		}
		catch {
			return found.slice(name.length + 1);
		}
	}

	function setCookie(name, value, maxAgeSeconds) {
		document.cookie = PREFIX + name + '=' + encodeURIComponent(value) + '; path=/; SameSite=Lax'
			+ (maxAgeSeconds === undefined ? '' : '; max-age=' + maxAgeSeconds)
			+ (window.location.protocol === 'https:' ? '; Secure' : '');
	}

	function consentChoice() {
		return read('consent');
	}

	function storageAllowed() {
		const choice = consentChoice();
		return !previewTestId && (choice === 1 || (choice !== 0 && !consentRequired));
	}

	function randomBytes(length) {
		const bytes = new Uint8Array(length);
		if (window.crypto && crypto.getRandomValues) {
			crypto.getRandomValues(bytes);
		}
		else {
			bytes.forEach((_, i) => (bytes[i] = Math.random() * 256));
		}
		return Array.prototype.slice.call(bytes);
	}

	function randomId(length) {
		return randomBytes(length).map((b) => ID_ALPHABET.charAt(b % ID_ALPHABET.length)).join('');
	}

	/**
	 * An id that starts with the time (9 base-36 digits of epoch milliseconds, fixed width, so ids
	 * sort by creation) and ends with random characters: new rows land at the end of the server's
	 * indexes instead of on random pages, like a UUIDv7.
	 */
	function timeOrderedId(randomLength) {
		return Date.now().toString(36).padStart(9, '0') + randomId(randomLength);
	}

	/** Reads or creates the visitor id, kept in a cookie and in localStorage; null while storage is not allowed. */
	function ensureVisitor() {
		if (!storageAllowed()) {
			return null;
		}
		if (!visitor) {
			const stored = [cookie('vid'), read('vid')].find((id) => typeof id === 'string' && VISITOR_ID.test(id));
			visitor = stored || timeOrderedId(13);
			if (!stored) {
				setCookie('new', '1');
			}
			const saved = read('state');
			state = saved && saved.v === visitor ? saved : { v: visitor, a: {}, e: {} };
		}
		setCookie('vid', visitor, YEAR_SECONDS);
		write('vid', visitor);
		return visitor;
	}

	function saveState() {
		write('state', state);
	}

	/** Source, landing page and UTM source of the session's entry, kept for the tab's session. */
	function sessionEntry() {
		const href = window.location.href;
		let external = false;
		let entry;
		try {
			external = !!document.referrer && bareHost(new URL(document.referrer).hostname) !== bareHost(window.location.hostname);
			entry = JSON.parse(window.sessionStorage.getItem(PREFIX + 'entry'));
		}
		catch {
			entry = null;
		}
		if (!entry || external || pageParams.has('utm_source')) {
			entry = { source: source(href, document.referrer), landing_page: window.location.pathname };
			if (pageParams.get('utm_source')) {
				entry.utm_source = pageParams.get('utm_source');
			}
			if (storageAllowed()) {
				try {
					window.sessionStorage.setItem(PREFIX + 'entry', JSON.stringify(entry));
				}
				catch {
					// Session storage blocked: the entry is worked out again on the next page.
				}
			}
		}
		return entry;
	}

	/** Device, browser, os and new or returning: what exposures report and what targeting compares. */
	function traits() {
		const ua = navigator.userAgent || '';
		const touch = navigator.maxTouchPoints || 0;
		return { device: device(ua, touch), browser: browser(ua), os: os(ua, touch), visitor_type: cookie('new') ? 'new' : 'returning' };
	}

	function attributes() {
		const known = traits();
		return Object.assign(known, sessionEntry(), { visitor_type: known.visitor_type });
	}

	// ---- Targeting: the experiment's audience (docs/snippet.md#targeting), checked before a visitor enters ----

	const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

	/**
	 * Whether a visitor is in an experiment's audience. who: traits() plus language (navigator.language),
	 * country (client-config's, from the server's trusted header) and now (a Date, the visitor's local time).
	 */
	function inAudience(targeting, who) {
		const rules = targeting || {};
		const among = (key, value) => !list(rules[key]).length || rules[key].indexOf(value) >= 0;
		const language = String(who.language || '').toLowerCase();
		const countries = list(rules.allowed_country);
		const whitelist = countries.filter((entry) => entry.rule !== 'blacklist');
		return among('device_rule', who.device) && among('browser_rule', who.browser) && among('os_rule', who.os)
			&& (!rules.user_rule || rules.user_rule === who.visitor_type)
			&& (!list(rules.browser_language_rule).length
				|| rules.browser_language_rule.some((code) => language === code || language.indexOf(code + '-') === 0))
			&& !countries.some((entry) => entry.rule === 'blacklist' && entry.code === who.country)
			&& (!whitelist.length || whitelist.some((entry) => entry.code === who.country))
			&& conditionsHold(rules.parameter_rule, (name) => pageParams.get(name))
			&& conditionsHold(rules.cookie_rule, anyCookie)
			&& (!rules.schedule_rule || scheduled(rules.schedule_rule, who.now));
	}

	/** Grouped conditions: every group holds when one of its conditions does. */
	function conditionsHold(groups, valueOf) {
		return list(groups).every((group) => [].concat(group).some((condition) => !!condition
			&& conditionHolds(condition.operator, valueOf(condition.criteria), condition.value)));
	}

	/** One condition on a value (null when absent); operators of docs/mida-v2-api.md §3.5. */
	function conditionHolds(operator, value, wanted) {
		const present = value != null;
		const text = String(wanted);
		switch (operator) {
			case 'ex': return present;
			case 'nx': return !present;
			case '==': return value === text;
			case '!=': return value !== text;
			case '**': return present && value.indexOf(text) >= 0;
			case '!*': return !present || value.indexOf(text) < 0;
			case 'bt': return /^(true|1)$/i.test(value);
			case 'bf': return /^(false|0)$/i.test(value);
		}
		// Numbers, or the days since a date (ISO text or epoch milliseconds) for the days_ operators.
		const days = operator.indexOf('days_') === 0;
		const number = !present || value === '' ? NaN
			: days ? (Date.now() - (isNaN(value) ? Date.parse(value) : Number(value))) / 864e5 : Number(value);
		const limit = Number(wanted);
		switch (days ? operator.slice(5) : operator) {
			case 'gt': case '>': return number > limit;
			case 'gte': case '>=': return number >= limit;
			case 'lt': case '<': return number < limit;
			case 'lte': case '<=': return number <= limit;
		}
		return false;
	}

	/** Whether the visitor's local time falls in a schedule; a range ending before it starts runs into the next day. */
	function scheduled(schedule, now) {
		const minute = now.getHours() * 60 + now.getMinutes();
		const minutes = (time) => String(time).split(':').reduce((hours, rest) => hours * 60 + Number(rest));
		return list(schedule.schedule_groups).some((group) => {
			const on = (back) => list(group.days).indexOf(DAYS[(now.getDay() + 7 - back) % 7]) >= 0;
			const ranges = list(group.time_ranges);
			return ranges.length ? ranges.some((range) => {
				const start = minutes(range.start);
				const end = minutes(range.end);
				return start < end ? on(0) && minute >= start && minute < end
					: (on(0) && minute >= start) || (on(1) && minute < end);
			}) : on(0);
		});
	}

	// ---- Sending: batches to /collect, sendBeacon first, fetch keepalive with retries ----

	let queue = [];
	let inFlight = [];
	let flushTimer = null;

	function persistQueue() {
		write('queue', queue.concat(inFlight).slice(-MAX_QUEUE));
	}

	function enqueue(event) {
		if (previewTestId || consentChoice() === 0) {
			return;
		}
		queue.push(Object.assign({ event_id: timeOrderedId(16) }, event));
		queue = queue.slice(-MAX_QUEUE);
		persistQueue();
		if (queue.length >= BATCH_SIZE) {
			flush();
		}
		else if (!flushTimer) {
			flushTimer = setTimeout(safe(flush), BATCH_DELAY_MS);
		}
	}

	function flush() {
		clearTimeout(flushTimer);
		flushTimer = null;
		const id = queue.length ? ensureVisitor() : null;
		if (!id || !projectKey) {
			return;
		}
		while (queue.length) {
			const batch = queue.splice(0, BATCH_SIZE).map((event) => Object.assign({ visitor_id: id }, event));
			const body = JSON.stringify({ events: batch });
			if (!beacon(collectUrl, body)) {
				inFlight = inFlight.concat(batch);
				post(batch, body, 0);
			}
		}
		persistQueue();
	}

	/** Hands a text/plain body to sendBeacon, which needs no CORS preflight; false when it refused. */
	function beacon(url, body) {
		try {
			return !!(navigator.sendBeacon && navigator.sendBeacon(url, body));
		}
		catch {
			return false;
		}
	}

	/**
	 * Links this visitor to the site's user id and/or e-mail (docs/sdk.md), so that the Events API can record
	 * events for them; once, without retries: calling identify again on a later page repeats it.
	 */
	function identify(who) {
		const id = who && (who.id || who.email) ? ensureVisitor() : null;
		if (!id || !projectKey) {
			return;
		}
		const body = JSON.stringify({ key: projectKey, distinct_id: id, id: who.id, email: who.email });
		if (!beacon(identifyUrl, body)) {
			fetch(identifyUrl, { method: 'POST', body: body, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } })
				.catch((error) => warn('identify failed', error));
		}
	}

	function post(batch, body, attempt) {
		const settle = (retry) => {
			inFlight = inFlight.filter((event) => batch.indexOf(event) < 0);
			if (retry && attempt < RETRIES) {
				inFlight = inFlight.concat(batch);
				setTimeout(safe(() => post(batch, body, attempt + 1)), 1000 * Math.pow(2, attempt));
			}
			else if (retry) {
				// Given up for this page: kept for the next page's first flush.
				queue = batch.concat(queue).slice(-MAX_QUEUE);
			}
			persistQueue();
		};
		fetch(collectUrl, { method: 'POST', body: body, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } })
			.then((response) => settle(response.status >= 500 || response.status === 408 || response.status === 429))
			.catch(() => settle(true))
			.catch((error) => warn('send failed', error));
	}

	// ---- Applying a variant: css, js and data DOM changes (docs/mida-v2-api.md §3.3) ----

	function addStyle(css, id) {
		if (!css) {
			return null;
		}
		const style = document.createElement('style');
		style.textContent = css;
		if (id) {
			style.id = id;
		}
		(document.head || document.documentElement).appendChild(style);
		return style;
	}

	function runCode(code, label) {
		if (!code) {
			return;
		}
		try {
			new Function(code)();
		}
		catch (error) {
			warn(label + ' failed', error);
		}
	}

	function list(value) {
		if (typeof value === 'string') {
			try {
				value = JSON.parse(value);
			}
			catch {
				return [];
			}
		}
		return Array.isArray(value) ? value : [];
	}

	function forPage(change) {
		if (change.sitewide !== false || !change.pageUrl) {
			return true;
		}
		const wanted = new URL(change.pageUrl, window.location.href);
		return wanted.origin === window.location.origin && trimSlash(wanted.pathname) === trimSlash(window.location.pathname);
	}

	const MODIFIERS = {
		innerText: (el, v) => (el.textContent = v),
		textContent: (el, v) => (el.textContent = v),
		innerHTML: (el, v) => (el.innerHTML = v),
		src: (el, v) => el.setAttribute('src', v),
		href: (el, v) => el.setAttribute('href', v),
		class: (el, v) => el.setAttribute('class', v),
		style: (el, v) => (el.style.cssText += ';' + v),
		outerHTML: (el, v) => (el.outerHTML = v),
	};

	/** Applies one change; false while its elements are not in the page yet. */
	function applyChange(change) {
		try {
			if (change.rm) {
				const found = document.querySelectorAll(change.rm);
				found.forEach((el) => el.remove());
				return found.length > 0;
			}
			const ref = change.refEl && document.querySelector(change.refEl);
			if (change.oriEl) {
				const moved = document.querySelector(change.oriEl);
				return !!(ref && moved && ref.insertAdjacentElement(INSERT_POSITION[change.dir] || 'afterend', moved));
			}
			if (change.refEl) {
				return !!(ref && (ref.insertAdjacentHTML(INSERT_POSITION[change.dir] || 'afterend', change.htmlBlock || ''), true));
			}
			const targets = change.target ? document.querySelectorAll(change.target) : [];
			targets.forEach((el) => Object.keys(MODIFIERS).forEach((prop) => {
				if (typeof change[prop] === 'string') {
					MODIFIERS[prop](el, change[prop]);
				}
			}));
			return targets.length > 0;
		}
		catch (error) {
			// A broken selector never matches; dropping the change keeps the observer from retrying it.
			warn('change failed', error);
			return true;
		}
	}

	/** Applies the changes for this page and keeps trying those whose elements appear later (for 10 s). */
	function applyChanges(changes) {
		let pending = list(changes).filter((change) => change && forPage(change) && !applyChange(change));
		if (!pending.length || !window.MutationObserver) {
			return;
		}
		const observer = new MutationObserver(safe(() => {
			pending = pending.filter((change) => !applyChange(change));
			if (!pending.length) {
				observer.disconnect();
			}
		}));
		observer.observe(document.documentElement, { childList: true, subtree: true });
		setTimeout(() => observer.disconnect(), 10000);
	}

	const domReady = new Promise((resolve) => {
		if (document.readyState === 'loading') {
			document.addEventListener('DOMContentLoaded', resolve, { once: true });
		}
		else {
			resolve();
		}
	});

	function applyVariant(experiment, variant) {
		addStyle((experiment.custom_css || '') + (variant.css || ''));
		return domReady.then(safe(() => {
			// A split-URL treatment's data is its redirect, not a change of this page.
			applyChanges(variant.redirect ? [] : variant.data);
			runCode(experiment.custom_js, 'experiment ' + experiment.test_id + ' code');
			runCode(variant.js, 'variant ' + experiment.test_id + '/' + variant.variant_id + ' code');
		}));
	}

	// ---- Anti-flicker: hides only the elements the variants change, until applied or 3 s ----

	let antiFlicker = null;

	function hideTargets(experiments) {
		if (antiFlicker || !/^(1|true)$/.test(scriptUrl.searchParams.get('antiflicker'))) {
			return;
		}
		const stored = (read('state') || {}).a || {};
		const selectors = [];
		experiments.forEach((experiment) => {
			// A split-URL test may send the visitor to another page: all of this one waits, unless they stay (Control).
			if (experiment.test_type === 'split' && stored[experiment.test_id] !== '0') {
				selectors.push('html');
			}
			list(experiment.variants).forEach((variant) => list(variant.data).filter((change) => change && forPage(change))
				.forEach((change) => ['target', 'rm', 'refEl', 'oriEl'].forEach((key) => change[key] && selectors.push(change[key]))));
		});
		// One rule per selector: one invalid selector would void a whole selector list.
		antiFlicker = addStyle(selectors.map((selector) => selector + '{visibility:hidden!important}').join('\n'), 'uplift-anti-flicker');
		setTimeout(() => reveal(true), ANTI_FLICKER_MS);
	}

	/** Shows what the anti-flicker hid; a page that is leaving for a treatment's page stays hidden, for 3 s at most. */
	function reveal(force) {
		if (antiFlicker && (force || !leaving)) {
			antiFlicker.remove();
		}
	}

	// ---- Split-URL tests: a treatment is another page, where its visitors are sent (docs/snippet.md#split-url-tests) ----

	/**
	 * The address a split-URL treatment sends this page to, or null: none for Control, for an arm without a
	 * redirect, and for a page that already is the treatment's (its host but for www., its path but for a
	 * trailing slash, the query parameters it names). With relay_param the page's query parameters that the
	 * redirect does not name go along as written, and its fragment when the redirect has none.
	 */
	function redirectTarget(variant, href) {
		const redirect = variant.redirect;
		if (!redirect || typeof redirect.url !== 'string' || String(variant.variant_id) === '0') {
			return null;
		}
		const page = new URL(href);
		const target = new URL(redirect.url, page);
		if (!/^https?:$/.test(target.protocol) || simpleMatch(target.href, pageAddress(href))) {
			return null;
		}
		if (redirect.relay_param === true || redirect.relay_param === 1) {
			const own = new Set(target.searchParams.keys());
			const relayed = page.search.slice(1).split('&')
				.filter((pair) => pair && !own.has(new URLSearchParams(pair).keys().next().value));
			target.search = [target.search.slice(1)].concat(relayed).filter(Boolean).join('&');
			target.hash = target.hash || page.hash;
		}
		return target.href;
	}

	/**
	 * Whether this page sent the visitor to this experiment's treatment moments ago, in this tab: the
	 * treatment's page came back here (a server redirect, say), and sending them again would loop.
	 */
	function redirectLoops(testId) {
		const mark = { test_id: testId, from: pageAddress(window.location.href), at: Date.now() };
		try {
			const last = JSON.parse(window.sessionStorage.getItem(PREFIX + 'redirect'));
			window.sessionStorage.setItem(PREFIX + 'redirect', JSON.stringify(mark));
			return !!last && last.test_id === testId && last.from === mark.from && mark.at - last.at < REDIRECT_LOOP_MS;
		}
		catch {
			return false;
		}
	}

	/** Leaves for a treatment's page, replacing this one in the tab's history so that Back does not return to it. */
	function navigateTo(target) {
		leaving = target;
		window.location.replace(target);
	}

	// ---- Goals (docs/mida-v2-api.md §3.4 and §7.4) ----

	const converted = {};

	function convert(goalKey) {
		if (goalKey && !converted[goalKey]) {
			converted[goalKey] = true;
			enqueue({ type: 'goal', goal_key: goalKey });
		}
	}

	const normalise = (text) => String(text || '').replace(/\s+/g, ' ').trim().toLowerCase();

	function textClicked(target, text) {
		for (let el = target; el && el !== document.body; el = el.parentElement) {
			if (normalise(el.textContent) === normalise(text)) {
				return true;
			}
		}
		return false;
	}

	const CLICK_GOALS = {
		clickOnElement: (target, value) => !!target.closest(value),
		clickOnText: textClicked,
		externalLink: (target, value) => {
			const link = target.closest('a[href]');
			return !!link && link.href.indexOf(value) >= 0;
		},
	};

	function watchAppearance(goalKey, selector) {
		let intersection = null;
		const scan = safe(() => {
			document.querySelectorAll(selector).forEach((el) => (intersection ? intersection.observe(el) : convert(goalKey)));
			if (converted[goalKey]) {
				mutation.disconnect();
			}
		});
		const mutation = new MutationObserver(scan);
		if (window.IntersectionObserver) {
			intersection = new IntersectionObserver(safe((entries) => {
				if (entries.some((entry) => entry.isIntersecting)) {
					convert(goalKey);
					intersection.disconnect();
					mutation.disconnect();
				}
			}));
		}
		mutation.observe(document.documentElement, { childList: true, subtree: true });
		scan();
	}

	function scrolledPercent() {
		const height = Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
		return height > 0 ? Math.round((window.scrollY + window.innerHeight) / height * 100) : 0;
	}

	function watchGoals(goals) {
		const clicks = [];
		const forms = [];
		goals.forEach(safe((goal) => {
			const key = goal.goal_key;
			const value = String(goal.goal_value == null ? '' : goal.goal_value);
			const type = goal.goal_type;
			if (CLICK_GOALS[type]) {
				clicks.push((target) => CLICK_GOALS[type](target, value) && convert(key));
			}
			else if (type === 'formSubmit') {
				forms.push((form) => form.matches(value) && convert(key));
			}
			else if (/^pageview/.test(type) && urlGoalMatches(type, value, window.location.href)) {
				convert(key);
			}
			else if (type === 'elementAppears') {
				domReady.then(() => watchAppearance(key, value));
			}
			else if (type === 'scrolling') {
				const onScroll = safe(() => scrolledPercent() >= Number(value) && (convert(key), window.removeEventListener('scroll', onScroll)));
				window.addEventListener('scroll', onScroll, { passive: true });
			}
			else if (type === 'duration' && Number(value) >= 0) {
				setTimeout(() => convert(key), Number(value) * 1000);
			}
			// event, revenue and script goals convert on the server from uplift.track(name) events (docs/api.md §4).
		}));
		const each = (handlers) => safe((event) => {
			const target = event.target && event.target.nodeType === 1 ? event.target : event.target && event.target.parentElement;
			if (target) {
				handlers.forEach(safe((handler) => handler(target)));
			}
		});
		if (clicks.length) {
			document.addEventListener('click', each(clicks), true);
		}
		if (forms.length) {
			document.addEventListener('submit', each(forms), true);
			// The page is about to go: send the conversion now, before navigation.
			document.addEventListener('submit', safe(flush), true);
		}
	}

	// ---- Running experiments ----

	const assigned = {};
	let config = null;
	let activated = false;
	let leaving = null;

	function experimentsOf(body) {
		return body && Array.isArray(body.experiments) ? body.experiments.filter((e) => e && e.test_id != null && Array.isArray(e.variants)) : [];
	}

	function previewVariant(experiment) {
		const wanted = normalise((pageParams.get('test-variant') || '0').replace(/_/g, ' '));
		const index = /^\d+$/.test(wanted) ? Number(wanted) : wanted === 'control' ? 0 : -1;
		return experiment.variants.find((variant, i) => i === index || normalise(variant.variant_id) === wanted
			|| normalise(variant.name) === wanted || normalise(variant.nickname) === wanted);
	}

	function decide(experiment, id) {
		const seed = experiment.hash_seed == null ? String(experiment.test_id) : String(experiment.hash_seed);
		const serving = experiment.serving;
		if (serving) {
			// A served winner goes to its rollout share whatever arm a visitor had; the rest see the page as it is.
			return inSlice(experiment, id) && inRollout(seed, id, Number(serving.rollout))
				? experiment.variants.find((variant) => variant && String(variant.variant_id) === String(serving.variant_id)) || null
				: null;
		}
		const stored = state.a[experiment.test_id];
		const kept = experiment.variants.find((variant) => variant && String(variant.variant_id) === stored);
		if (kept) {
			return kept;
		}
		if (!inSlice(experiment, id)) {
			return null;
		}
		// A variant without a weight counts as 1, so a config without weights is an equal split.
		const weights = experiment.variants.map((variant) => (!variant ? 0 : variant.weight == null ? 1 : Number(variant.weight)));
		const allocation = experiment.traffic_allocation == null ? 100 : Number(experiment.traffic_allocation);
		if (!validWeights(weights) || !(allocation >= 0 && allocation <= 100)) {
			warn('experiment ' + experiment.test_id + ' has invalid weights or allocation');
			return null;
		}
		const version = experiment.hash_version == null ? 2 : Number(experiment.hash_version);
		const arm = assign({ testId: experiment.test_id, version, seed, allocation, weights }, id);
		return arm < 0 ? null : experiment.variants[arm];
	}

	/** Whether the visitor's slice of the experiment's exclusion group, if it has one, is this experiment's. */
	function inSlice(experiment, id) {
		const group = list(config.exclusion_groups).find((g) => g && list(g.test_ids).indexOf(experiment.test_id) >= 0);
		return !group || group.test_ids[sliceAt(hash('__exclusion_' + group.group_id, id), list(group.percents).map(Number))] === experiment.test_id;
	}

	/** Decides, applies and records every experiment that targets this page; runs once consent allows. */
	function activate() {
		const id = ensureVisitor();
		if (activated || !config || !id) {
			return Promise.resolve();
		}
		activated = true;
		const applied = [];
		// Split-URL tests decide first: a visitor sent to another page meets no other experiment on this one.
		const experiments = experimentsOf(config).sort((a, b) => (b.test_type === 'split') - (a.test_type === 'split'));
		const who = Object.assign(traits(), { language: navigator.language, country: config.country, now: new Date() });
		let away = null;
		experiments.forEach(safe((experiment) => {
			if (away || !pageMatches(experiment.page_urls, window.location.href)) {
				return;
			}
			// Targeting decides who enters; a visitor who has entered keeps their arm whatever the rules say now.
			if (state.a[experiment.test_id] == null && !inAudience(experiment.targeting, who)) {
				return;
			}
			const variant = decide(experiment, id);
			if (!variant) {
				return;
			}
			const variantId = String(variant.variant_id);
			assigned[experiment.test_id] = variantId;
			// A visitor who entered before a winner was served keeps their arm for when serving stops.
			if (!experiment.serving || state.a[experiment.test_id] == null) {
				state.a[experiment.test_id] = variantId;
			}
			const target = redirectTarget(variant, window.location.href);
			const loops = target && redirectLoops(experiment.test_id);
			if (loops) {
				warn('experiment ' + experiment.test_id + ' sent this page to ' + target + ' moments ago and came back: staying');
			}
			else if (target) {
				away = target;
			}
			if (!away) {
				applied.push(applyVariant(experiment, variant));
			}
			if (!state.e[experiment.test_id]) {
				enqueue({ type: 'exposure', test_id: experiment.test_id, variant_id: variantId, attributes: attributes() });
				state.e[experiment.test_id] = 1;
			}
		}));
		saveState();
		if (away) {
			// sendBeacon, or fetch with keepalive, carries the exposure on after the page is gone.
			flush();
			navigateTo(away);
			return Promise.resolve();
		}
		const goals = {};
		experiments.filter((experiment) => state.a[experiment.test_id] != null)
			.forEach((experiment) => list(experiment.goals).forEach((goal) => goal && goal.goal_key && (goals[goal.goal_key] = goal)));
		watchGoals(Object.keys(goals).map((key) => goals[key]));
		flush();
		return Promise.all(applied);
	}

	function runPreview() {
		const experiment = experimentsOf(config).find((e) => String(e.test_id) === previewTestId);
		const variant = experiment && previewVariant(experiment);
		if (!variant) {
			warn('nothing to preview for test ' + previewTestId);
			return Promise.resolve();
		}
		assigned[experiment.test_id] = String(variant.variant_id);
		const target = redirectTarget(variant, window.location.href);
		if (target) {
			// The preview goes on at the treatment's page, with its parameters.
			const url = new URL(target);
			PREVIEW_PARAMS.forEach((name) => pageParams.has(name) && url.searchParams.set(name, pageParams.get(name)));
			navigateTo(url.href);
			return Promise.resolve();
		}
		return applyVariant(experiment, variant);
	}

	function loadConfig() {
		const cached = previewTestId ? null : read('config');
		const headers = cached && cached.etag ? { 'If-None-Match': cached.etag } : {};
		const url = baseUrl + '/v2/project/' + encodeURIComponent(projectKey) + '/client-config'
			+ (previewTestId ? '?preview=' + encodeURIComponent(previewTestId) : '');
		return fetch(url, { headers: headers, credentials: 'omit', cache: 'no-cache' })
			.then((response) => {
				if (response.status === 304 && cached) {
					return cached;
				}
				if (!response.ok) {
					throw new Error('client-config answered ' + response.status);
				}
				return response.json().then((body) => ({ etag: response.headers.get('ETag'), body: body }));
			})
			.catch((error) => {
				warn('using cached configuration', error);
				return cached;
			});
	}

	function start() {
		const cached = read('config');
		if (cached && cached.body && !previewTestId) {
			// What the last answer said holds until the new one arrives, so the API works meanwhile.
			consentRequired = cached.body.consent_required === true;
			hideTargets(experimentsOf(cached.body).filter((e) => pageMatches(e.page_urls, window.location.href)));
		}
		if (!projectKey) {
			warn('the script address has no ?key=PROJECT_KEY');
			return Promise.resolve();
		}
		return loadConfig().then(safe((loaded) => {
			config = loaded && loaded.body && typeof loaded.body === 'object' ? loaded.body : null;
			if (!config) {
				return undefined;
			}
			consentRequired = config.consent_required === true;
			if (previewTestId) {
				return runPreview();
			}
			hideTargets(experimentsOf(config).filter((e) => pageMatches(e.page_urls, window.location.href)));
			write('config', loaded);
			queue = list(read('queue')).concat(queue).slice(-MAX_QUEUE);
			return activate();
		})).then(() => reveal());
	}

	// ---- Public API and command queue ----

	const api = {
		track: safe((name, properties) => {
			if (typeof name === 'string' && name) {
				enqueue({ type: 'event', name: name, properties: properties && typeof properties === 'object' ? properties : {} });
			}
		}),
		goal: safe((goalKey) => typeof goalKey === 'string' && enqueue({ type: 'goal', goal_key: goalKey })),
		getVariant: safe((testId) => (assigned[testId] === undefined ? null : assigned[testId])),
		visitorId: safe(() => ensureVisitor()),
		identify: safe(identify),
		consent: safe((granted) => {
			if (granted) {
				try {
					window.localStorage.setItem(PREFIX + 'consent', '1');
				}
				catch {
					// Without storage the grant lasts for this page only.
				}
				activate();
				flush();
				return;
			}
			forget();
		}),
	};

	/** Withdrawn consent: drops the queue and everything stored, keeping only the refusal itself. */
	function forget() {
		queue = [];
		inFlight = [];
		visitor = null;
		state = { a: {}, e: {} };
		['vid', 'new'].forEach((name) => setCookie(name, '', 0));
		['vid', 'state', 'queue', 'config'].forEach((key) => window.localStorage.removeItem(PREFIX + key));
		['entry', 'redirect'].forEach((key) => window.sessionStorage.removeItem(PREFIX + key));
		window.localStorage.setItem(PREFIX + 'consent', '0');
	}

	function runCommand(command) {
		if (typeof command === 'function') {
			command(api);
		}
		else if (Array.isArray(command) && typeof api[command[0]] === 'function') {
			api[command[0]].apply(null, command.slice(1));
		}
	}

	window.uplift = api;
	const commands = Array.isArray(window.upliftq) ? window.upliftq : [];
	window.upliftq = commands;

	const ready = Promise.resolve()
		.then(start)
		.catch((error) => warn('start failed', error))
		.then(() => {
			commands.splice(0).forEach(safe(runCommand));
			commands.push = function () {
				Array.prototype.forEach.call(arguments, safe(runCommand));
				return commands.length;
			};
		});

	const leave = safe(() => document.visibilityState !== 'visible' && flush());
	window.addEventListener('pagehide', safe(flush));
	document.addEventListener('visibilitychange', leave);

	// The tests' hook: snippet/build.mjs defines TEST_HOOKS as false, so the served script has none of this.
	if (typeof TEST_HOOKS !== 'undefined' && TEST_HOOKS && window.__upliftTest && typeof window.__upliftTest === 'object') {
		Object.assign(window.__upliftTest, {
			fnv1a32, hash, bucketRanges, chooseVariation, assign, inRollout, legacyArmAt, sliceAt, pageMatches, urlGoalMatches, inAudience, source, device, browser, os, ready, flush,
			redirectTarget, leavingFor: () => leaving,
		});
	}
})(window, document);
