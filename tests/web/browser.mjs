// browser.mjs - Debian's Chromium, headless, driven by playwright-core (from
// web/node_modules: npm ci), for the tests that load geopol's outputs in the
// real web clients. Nothing is downloaded: the browser is /usr/bin/chromium
// (scripts/install-deps.sh), and every request that is not file: or data: is
// refused, so a page that would fetch something fails instead.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
const require = createRequire(path.join(root, 'web/package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The flags that keep Chromium from reaching for the network on its own.
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
	'--disable-default-apps', '--disable-extensions', '--mute-audio'];

// A page in a new browser; blocked requests and console errors are collected.
export async function openBrowser() {
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	const blocked = [], errors = [];
	await context.route('**/*', (route) => {
		const url = route.request().url();
		if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) {
			return route.continue();
		}
		blocked.push(url);
		return route.abort();
	});
	const page = await context.newPage();
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	page.on('pageerror', (e) => errors.push(String(e)));
	return { browser, page, blocked, errors };
}

// The path of a file under web/node_modules, for <script src> in test pages.
export function moduleFile(rel) {
	return path.join(root, 'web/node_modules', rel);
}
