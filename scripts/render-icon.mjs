// Renders media/icon.svg to media/icon.png (128 × 128, the Marketplace icon) with Debian's
// Chromium through playwright-core. Run when the SVG changes; the PNG is committed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.goto(`file://${path.join(root, 'media', 'icon.svg')}`);
  await page.screenshot({
    path: path.join(root, 'media', 'icon.png'),
    omitBackground: true,
    clip: { x: 0, y: 0, width: 128, height: 128 },
  });
} finally {
  await browser.close();
}
