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

/** Opens the first link in the page's main content whose path matches, if there is one. */
async function open(page: Page, path: RegExp): Promise<boolean> {
  const links = page.locator('main a[href]');
  let href: string | undefined;
  for (let i = 0; i < (await links.count()) && !href; i++) {
    const h = (await links.nth(i).getAttribute('href')) ?? '';
    if (path.test(h)) href = h;
  }
  if (!href) return false;
  await page.goto(href);
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
      ['housing.officer@demo.invalid', 'home-housing-officer'],
      ['admin@demo.invalid', 'home-admin'],
    ]) {
      await shoot(await signedIn(browser, email), name);
    }

    // A PA's day: their home, a young person's page, the search.
    const pa = await signedIn(browser, 'pa@demo.invalid');
    await shoot(pa, 'home-pa');
    if (await open(pa, /^\/young-people\/[0-9a-f-]{36}$/)) await shoot(pa, 'young-person');
    await pa.goto('/young-people');
    await shoot(pa, 'find-young-person');

    // A housing officer's day: the queue, a request's matches, the vacancy board, a bed.
    const officer = await signedIn(browser, 'housing.officer@demo.invalid');
    await officer.goto('/placement-requests/queue');
    await shoot(officer, 'queue');
    if (await follow(officer, '/matches')) await shoot(officer, 'matches');
    await officer.goto('/vacancies');
    await shoot(officer, 'vacancies');
    await officer.goto('/beds');
    if (await open(officer, /^\/beds\/[0-9a-f-]{36}$/)) await shoot(officer, 'bed');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
