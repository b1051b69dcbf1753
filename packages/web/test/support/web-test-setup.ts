import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { WEB_ROOT } from '../../../server/src/plugins/web-plugin.js';
import {
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from '../../../server/test/support/start-test-gateway.js';

/** Debian's Chromium, driven by playwright-core (no downloaded browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Where the tests save a screenshot of each page at each width (gitignored: `test-results/`). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The two widths every page must work at: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;

const chromiumAvailable = existsSync(CHROMIUM_PATH);
let warned = false;

/** How long to wait for a build another test file started. */
const BUILD_WAIT_MS = 180_000;

/**
 * Builds the pages when `packages/server/public/index.html` is missing (`npm test` builds first; a lone
 * `vitest run packages/web` may not have). Test files run in parallel, so one builds (holding a lock folder)
 * while the others wait for it. Fails with the build's output if the build fails.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = `${WEB_ROOT}index.html`;
  if (existsSync(index)) return;
  const lock = `${SCREENSHOT_DIR}../.build-lock`;
  mkdirSync(`${SCREENSHOT_DIR}..`, { recursive: true });
  // A lock left by a run that was killed mid-build is taken over.
  if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > BUILD_WAIT_MS)
    rmSync(lock, { recursive: true, force: true });
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // Another test file is building.
  }
  if (!owner) {
    const deadline = Date.now() + BUILD_WAIT_MS;
    while (existsSync(lock) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    if (existsSync(index)) return;
    throw new Error(
      `The web pages are not built (${index} is missing) and the build another test file ran did not make them`,
    );
  }
  try {
    execFileSync('npm', ['run', 'build', '-w', '@switchboard/web'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      timeout: BUILD_WAIT_MS,
    });
  } catch (error) {
    const output = `${(error as { stdout?: Buffer }).stdout ?? ''}${(error as { stderr?: Buffer }).stderr ?? ''}`;
    throw new Error(
      `The web pages are not built (${index} is missing) and "npm run build -w @switchboard/web" failed:\n${output}`,
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(index))
    throw new Error(`"npm run build -w @switchboard/web" ran but ${index} is still missing`);
}

/**
 * Declares a browser suite: runs it when Chromium is installed; otherwise skips it with a loud warning, except
 * with `CI=true`, where a missing browser fails the run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumAvailable) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium (CI=true)', () => {
        throw new Error(`${CHROMIUM_PATH} is required when CI=true: apt-get install chromium`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    const line = '!'.repeat(100);
    console.warn(
      `\n${line}\n!! ${CHROMIUM_PATH} is MISSING: the browser tests of packages/web are SKIPPED.\n` +
        `!! Install it with "apt-get install chromium" (npm test does when it can). With CI=true this fails instead.\n${line}\n`,
    );
  }
  describe.skip(name, body);
}

/** A running gateway (mock upstreams, in-memory SQLite) with the built pages, and a browser to drive them. */
export interface WebTestSetup {
  readonly gateway: TestGateway;
  readonly browser: Browser;
  /** A fresh browser context (own localStorage) at `viewport`, with a page at `path`, once the app has drawn. */
  open(path: string, options?: { viewport?: keyof typeof VIEWPORTS; token?: string }): Promise<Page>;
}

/** Starts the gateway and the browser in `beforeAll` and stops both in `afterAll`. */
export function useWebTestSetup(options: TestGatewayOptions = {}): WebTestSetup {
  let gateway: TestGateway | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    [gateway, browser] = await Promise.all([
      startTestGateway(options),
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    await browser?.close();
    await gateway?.close();
  });

  return {
    get gateway() {
      if (!gateway) throw new Error('the gateway is not running (beforeAll failed?)');
      return gateway;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running (beforeAll failed?)');
      return browser;
    },
    async open(path, { viewport = 'desktop', token } = {}) {
      const context = await browser!.newContext({ viewport: VIEWPORTS[viewport], reducedMotion: 'reduce' });
      contexts.push(context);
      if (token) {
        await context.addInitScript((secret) => {
          if (!localStorage.getItem('switchboard.token')) localStorage.setItem('switchboard.token', secret);
        }, token);
      }
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${gateway!.url}${path}`);
      await page.locator('main#main, .gate form').first().waitFor();
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('\n')}`);
      return page;
    },
  };
}

/** Saves a full-page screenshot as `<name>-<width>.png` in {@link SCREENSHOT_DIR}. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const width = page.viewportSize()?.width ?? 0;
  const path = `${SCREENSHOT_DIR}${name}-${width}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
