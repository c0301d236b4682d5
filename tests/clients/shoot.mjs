// shoot.mjs HTML PNG [SELECTOR] — a PNG of a local HTML file in Debian's
// headless chromium (for the documentation's pictures).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(process.env.BC_NODE_MODULES + '/');
const { chromium } = require('playwright-core');
const [html, png, sel = '#t'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(pathToFileURL(html).href);
await page.locator(sel).screenshot({ path: png });
await browser.close();
