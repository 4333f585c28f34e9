// smoke.mjs - the browser starts, runs a script, and refuses the network.
import { openBrowser } from './browser.mjs';

const { browser, page, blocked } = await openBrowser();
let ok = true;
try {
	await page.setContent('<p id="p">x</p><img src="https://example.org/x.png">');
	await page.waitForTimeout(200);
	const text = await page.evaluate(() => document.getElementById('p').textContent);
	if (text !== 'x') { console.log('FAIL: script did not run'); ok = false; }
	if (!blocked.some((u) => u.startsWith('https://example.org/'))) { console.log('FAIL: the network was not refused'); ok = false; }
} finally {
	await browser.close();
}
console.log(`web smoke: ${ok ? 'passed' : 'failed'}`);
process.exit(ok ? 0 : 1);
