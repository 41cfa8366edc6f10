import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing), never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
  // Keyboard and wheel scrolling land at once, so a test reads the result without waiting on an animation.
  '--disable-smooth-scrolling',
];

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2 at A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const SCREENSHOTS = join(__dirname, '../../test-results');

/** A free loopback port (for a service whose PUBLIC_BASE_URL must name its own address). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * A person at a browser: one context (its own cookies), the pages they open checked as they go.
 * Every page reached through `visit` or `submit` is checked with axe (WCAG 2.2 AA); a script error
 * or a CSP violation on any page fails the test.
 */
export class Person {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('pageerror', (e) => this.problems.push(`script error: ${e.message}`));
    page.on('console', (m) => {
      // The page's own status (a 400 form, the 404 page) is the test's to check; a failing asset is a problem.
      const ownStatus = m.text().startsWith('Failed to load resource') && m.location().url === page.url();
      if (m.type() === 'error' && !ownStatus) this.problems.push(`console error: ${m.text()} (${m.location().url})`);
    });
  }

  static async open(browser: Browser, baseUrl: string): Promise<Person> {
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: true });
    return new Person(context, await context.newPage(), baseUrl);
  }

  /** Opens a path (or a full address) and checks the page. */
  async visit(path: string): Promise<void> {
    await this.page.goto(path);
    await this.check();
  }

  /** Clicks a form's button (by its text) and checks the page it leads to. */
  async submit(button: string): Promise<void> {
    await Promise.all([this.page.waitForLoadState('load'), this.page.getByRole('button', { name: button }).click()]);
    await this.page.waitForLoadState('load');
    await this.check();
  }

  /** axe on the page as it stands (no WCAG A/AA violation), one h1, a title, no script or CSP error. */
  async check(): Promise<void> {
    const violations = await this.axe();
    const h1s = await this.page.locator('h1').count();
    const title = await this.page.title();
    const found = [
      ...violations.map(
        (v) =>
          `${this.page.url()}: axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      ...(h1s === 1 ? [] : [`${this.page.url()}: ${h1s} h1 elements`]),
      ...(title ? [] : [`${this.page.url()}: no title`]),
      ...this.problems.splice(0),
    ];
    if (found.length) throw new Error(found.join('\n'));
  }

  /** axe-core run in the page (evaluated through the DevTools protocol, so the page's CSP still applies to the page itself). */
  async axe(): Promise<AxeViolation[]> {
    await this.page.evaluate(AXE_SOURCE);
    // A string, run in the page: the test code is not compiled against the DOM's types.
    return this.page.evaluate<AxeViolation[]>(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } }).then((r) =>
        r.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) })))`,
    );
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.submit('Sign in');
  }

  /** The main content's text, whitespace collapsed. */
  async mainText(): Promise<string> {
    return ((await this.page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ');
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/**
 * A browser test: on failure, a full-page screenshot of where each person was goes to
 * `test-results/<test name>-<n>.png` before the failure is reported.
 */
export function inBrowser(name: string, people: () => Person[], fn: () => Promise<void>, timeout = 60_000): void {
  it(
    name,
    async () => {
      try {
        await fn();
      } catch (e) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
        let n = 0;
        for (const p of people()) {
          await p.page
            .screenshot({ path: join(SCREENSHOTS, `${slug}-${++n}.png`), fullPage: true })
            .catch(() => undefined);
        }
        throw e;
      }
    },
    timeout,
  );
}
