// What the browser journeys share: playwright's chromium, failures and expectations, axe-core on
// each page visited (WCAG 2.0/2.1/2.2 A and AA; serious and critical violations fail), any
// Content-Security-Policy violation the page recorded, and the report at the end.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
export const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const audited = [];   // { label, url, serious, minor }
export const problems = [];  // failures that do not stop the run at once

export class TestFailure extends Error {}
export function fail(message) { throw new TestFailure(message); }
export function expect(condition, message) { if (!condition) fail(message); }

// axe-core on the page as it is now, and the CSP violations it recorded since the last check.
export async function checkPage(page, label) {
  // The page's CSP forbids inline scripts, so a <script> tag with axe in it would be blocked;
  // evaluating through the DevTools protocol is not subject to it.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const url = new URL(page.url());
  audited.push({ label, url: url.pathname + url.search, serious: serious.length, minor: result.length - serious.length });
  for (const v of result) if (!serious.includes(v)) console.log(`  note (${v.impact}) on ${label}: ${v.id}: ${v.help} [${v.nodes.join(', ')}]`);
  for (const v of serious) problems.push(`axe ${v.impact} on ${label} (${page.url()}): ${v.id}: ${v.help} [${v.nodes.join(', ')}]`);
  for (const v of await page.evaluate(() => window.__cspViolations || [])) problems.push(`Content-Security-Policy violation on ${label}: ${v}`);
  await page.evaluate(() => { window.__cspViolations = []; });
}

// Runs the journey, then reports every page checked and every problem; exits 1 on any.
// `name` is the journey's ("Browser test"), `pages` its heading ("Pages"), `step` says where it
// was when something threw.
export async function run(main, name, pages, step) {
  try {
    await main();
  } catch (e) {
    problems.unshift(e instanceof TestFailure ? `${step()}: ${e.message}` : `${step()}: ${e.stack || e}`);
  }
  console.log(`\n${pages} checked with axe-core (serious+critical / other):`);
  for (const a of audited) console.log(`  ${a.serious ? 'FAIL' : 'ok  '} ${a.label} ${a.url} (${a.serious} / ${a.minor})`);
  if (problems.length) {
    console.error(`\n${name} FAILED (${problems.length} problem${problems.length > 1 ? 's' : ''}):`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(`\n${name} passed: ${audited.length} pages, no serious or critical accessibility violations.`);
}
