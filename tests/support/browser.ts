// A real browser for the tests of the HTML report: Debian's chromium driven by playwright-core (.ci/run installs it).
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The browser, or why it could not be launched (so the tests that need it can say so and skip). */
export async function launchChromium(): Promise<{ browser: Browser } | { reason: string }> {
  try {
    return { browser: await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }) };
  } catch (error) {
    return { reason: `${CHROMIUM} cannot be launched (apt-get install -y chromium, as .ci/run does): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}
