/**
 * The README's screenshots, regenerated from the running demo (`npm start` first):
 *
 *   npm run docs:screenshots                       (BASE_URL=http://localhost:3000 by default)
 *
 * Signs in as the demo county's people in Debian's Chromium and saves full-page PNGs of the main
 * pages under docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/cli/seed/demo-county';

const BASE = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const OUT = join(__dirname, '../../docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`  docs/screenshots/${name}.png  ${page.url().replace(BASE, '')}`);
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return page;
}

/** Follows the first link on the page whose address matches, if there is one. */
async function follow(page: Page, href: string): Promise<boolean> {
  const link = page.locator(`main a[href*="${href}"]`).first();
  if (!(await link.count())) return false;
  await Promise.all([page.waitForLoadState('load'), link.click()]);
  await page.waitForLoadState('load');
  return true;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const anonymous = await browser.newPage({ baseURL: BASE, viewport: { width: 1280, height: 800 } });
    await anonymous.goto('/sign-in');
    await shoot(anonymous, 'sign-in');

    const director = await signedIn(browser, 'director@demo.invalid');
    await shoot(director, 'home-director');
    if (await follow(director, '/escalations/')) await shoot(director, 'alert');
    await director.goto('/');
    if (await follow(director, '/timeline')) await shoot(director, 'timeline');

    for (const [email, name] of [
      ['team.manager@demo.invalid', 'home-team-manager'],
      ['pa@demo.invalid', 'home-pa'],
      ['housing.officer@demo.invalid', 'home-housing-officer'],
      ['admin@demo.invalid', 'home-admin'],
    ]) {
      await shoot(await signedIn(browser, email), name);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
