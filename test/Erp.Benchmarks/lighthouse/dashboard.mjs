// Lighthouse on the SPA's dashboard, signed in: signs in through the host's sign-in page in Debian's Chromium, then
// measures a cold load of / (HTTP cache cleared, no service worker; the sign-in kept) as a phone (Lighthouse's default:
// simulated slow 4G and a 4x slower CPU) and as a desktop, ROUNDS times each (default 3: on a shared 2-core machine one
// run's performance score moves by ten points). Prints each run's scores and the median performance, and writes the reports.
//   [ROUNDS=N] [FORM_FACTORS=phone|desktop] node dashboard.mjs <origin> <user> <password> <report folder>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFlow } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';

const [origin, userName, password, reports] = process.argv.slice(2);
const categories = ['performance', 'accessibility', 'best-practices'];
const allFormFactors = {
  phone: { extends: 'lighthouse:default', settings: { onlyCategories: categories } },
  desktop: { ...desktopConfig, settings: { ...desktopConfig.settings, onlyCategories: categories } },
};
const chosen = process.env.FORM_FACTORS?.split(',') ?? Object.keys(allFormFactors);
const formFactors = Object.fromEntries(Object.entries(allFormFactors).filter(([name]) => chosen.includes(name)));

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--ignore-certificate-errors'], // the host's certificate is the one the script made
});
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('#userName');
  await page.type('#userName', userName);
  await page.type('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.waitForFunction((home) => location.href === home, { timeout: 30_000 }, `${origin}/`);
  await page.waitForSelector('h1');
  // The app registers its service worker once it is stable: wait for it, so that every round starts without one.
  await page.evaluate(() => navigator.serviceWorker.ready);

  const rounds = Number(process.env.ROUNDS ?? 3);
  const performance = Object.fromEntries(Object.keys(formFactors).map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) for (const [name, config] of Object.entries(formFactors)) {
    // A first visit's download and start-up, as a signed-in user: the session's tokens (session storage) stay.
    const cdp = await page.createCDPSession();
    // No service worker and none of its caches, as Lighthouse's own storage reset does. Then off the app's page to one
    // its worker never served: a worker still controlling the page would serve the measured navigation with its caches
    // gone (a 504).
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' });
    await page.goto(`${origin}/health/live`);
    const flow = await startFlow(page, { name: `Dashboard (${name})`, config, flags: { disableStorageReset: true } });
    await flow.navigate(`${origin}/`);
    const { steps } = await flow.createFlowResult();
    const lhr = steps[0].lhr;
    if (lhr.finalDisplayedUrl !== `${origin}/`) throw new Error(`Lighthouse ended at ${lhr.finalDisplayedUrl}, not the dashboard`);
    writeFileSync(join(reports, `dashboard-${name}-${round}.html`), await flow.generateReport());
    const score = (id) => Math.round(lhr.categories[id].score * 100);
    performance[name].push(score('performance'));
    const metric = (id) => lhr.audits[id].displayValue;
    console.log(
      `${name.padEnd(8)} performance ${score('performance')}  accessibility ${score('accessibility')}  best practices ${score('best-practices')}` +
        `  (FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')})`,
    );
    const failed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id));
    for (const audit of failed) console.log(`         accessibility: ${audit.id}: ${audit.title}`);
  }
  for (const [name, scores] of Object.entries(performance)) {
    const sorted = [...scores].sort((a, b) => a - b);
    console.log(`${name.padEnd(8)} performance median ${sorted[Math.floor(sorted.length / 2)]} of ${rounds} runs (${sorted.join(', ')})`);
  }
} finally {
  await browser.close();
}
