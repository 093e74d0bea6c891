// Browser test of the live case tracker (issue 4). A referral administrator (MASH_USER) opens
// the board in one browser context; a decision maker (MASH_RATER) rates a new contact in a
// SECOND context; the board shows the change in place, without a reload, within a few seconds.
// Then keyboard-only use of the board (skip link, Tab to the filters, apply a filter with Enter,
// follow a contact's link with Enter), and axe-core on the board and on wall mode. The contact
// is sent through the JSON API with an agency token (MASH_TOKEN).
//
// Normally run by tests/browser/run.sh after run.mjs, on the same server.
import { chromium, checkPage, expect, fail, problems, run } from './harness.mjs';

const BASE = (process.env.MASH_URL || '').replace(/\/$/, '');
const { MASH_USER: USER, MASH_PASSWORD: PASSWORD, MASH_RATER: RATER } = process.env;
const RATER_PASSWORD = process.env.MASH_RATER_PASSWORD;
const TOKEN = process.env.MASH_TOKEN;
if (!BASE || !USER || !PASSWORD || !RATER || !RATER_PASSWORD || !TOKEN) {
  console.error('Set MASH_URL, MASH_USER, MASH_PASSWORD, MASH_RATER, MASH_RATER_PASSWORD, MASH_TOKEN.');
  process.exit(2);
}

let step = 'starting';


async function audit(page, label) {
  step = label;
  await checkPage(page, label);
}

async function signIn(context, username, password) {
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => problems.push(`JavaScript error on ${page.url()}: ${e.message}`));
  await page.goto(`${BASE}/sign-in`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  return page;
}

async function sendContact(family) {
  const body = {
    external_ref: `TRACKER-${Date.now()}`,
    received_at: new Date(Date.now() - 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
    source: '6',
    referrer: { name: 'PC 4127 Jones', organisation: 'Lancashire Constabulary', role: 'Officer in the case', phone: '01254 000000', email: 'oic@example.police.uk' },
    subjects: [{ given_name: 'Robin', family_name: family, date_of_birth: '2019-05-04', sex: 'female', role: 'child', address: { line1: '3 Example Street', town: 'Blackburn', postcode: 'BB2 1DH' } }],
    presenting_issues: ['neglect'],
    narrative: 'Synthetic test contact for the live case tracker.',
    consent: { status: 'given' },
  };
  const res = await fetch(`${BASE}/api/v1/contacts`, {
    method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await res.json();
  expect(res.status === 201, `the contact was not accepted: ${res.status} ${JSON.stringify(json)}`);
  return json.id;
}

// Presses Tab until `test` holds for the focused element (at most `limit` presses).
async function tabTo(page, test, what, limit = 60, arg = null) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test, arg)) return;
  }
  fail(`Tab never reached ${what}`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const watchCsp = () => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    };
    const boardContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const raterContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await boardContext.addInitScript(watchCsp);
    await raterContext.addInitScript(watchCsp);

    step = 'a new contact';
    const family = `Trackerton${Date.now() % 100000}`;
    const id = await sendContact(family);
    const reference = `C-${String(id).padStart(6, '0')}`;

    // --- the board, open in the first context ----------------------------------------------------
    step = 'open the board';
    const board = await signIn(boardContext, USER, PASSWORD);
    await board.goto(`${BASE}/tracker`);
    await board.waitForSelector(`tr[data-contact="${id}"]`);
    expect((await board.textContent(`tr[data-contact="${id}"]`)).includes('Not rated'), 'the new contact is not shown as not rated');
    await board.waitForFunction(() => document.querySelector('[data-tracker-status]').textContent.startsWith('Live'));
    await audit(board, 'case tracker');
    let navigations = 0;
    board.on('framenavigated', (f) => { if (f === board.mainFrame()) navigations += 1; });
    await board.evaluate(() => { window.__sameDocument = true; });

    // --- the decision maker rates it in the second context ---------------------------------------
    step = 'rate in the second context';
    const rater = await signIn(raterContext, RATER, RATER_PASSWORD);
    await rater.goto(`${BASE}/contacts/${id}`);
    await rater.check('input[name="rating"][value="red"]');
    await rater.fill('#rationale', 'Synthetic: immediate risk, for the tracker test');
    const rated = Date.now();
    await Promise.all([rater.waitForNavigation(), rater.click('button:has-text("Rate contact")')]);

    step = 'the board changes without a reload';
    await board.waitForSelector(`tr[data-contact="${id}"] .govuk-tag--red`, { timeout: 5000 });
    const took = Date.now() - rated;
    expect(navigations === 0 && (await board.evaluate(() => window.__sameDocument === true)),
      'the board reloaded to show the change; it should change in place');
    const row = await board.textContent(`tr[data-contact="${id}"]`);
    expect(row.includes('Red') && row.includes('left'), `the row does not show Red and the time left: ${row}`);
    await board.waitForFunction((ref) => document.querySelector('[data-tracker-announce]').textContent.includes(ref), reference);
    console.log(`The rating reached the open board in ${took} ms without a reload.`);
    await audit(board, 'case tracker (after a live change)');

    // --- keyboard only ---------------------------------------------------------------------------
    step = 'keyboard: skip link';
    await board.goto(`${BASE}/tracker`);
    await board.keyboard.press('Tab');
    expect(await board.evaluate(() => document.activeElement.classList.contains('govuk-skip-link')),
      'the first Tab should reach the skip link');
    step = 'keyboard: filter by rating';
    await tabTo(board, () => document.activeElement.id === 'rating', 'the rating filter');
    const outline = await board.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    expect(outline !== 'none', 'the focused filter has no visible focus outline');
    for (let i = 0; i < 6 && (await board.evaluate(() => document.activeElement.value)) !== 'red'; i++) {
      await board.keyboard.press('ArrowDown');
    }
    expect((await board.evaluate(() => document.activeElement.value)) === 'red', 'the keyboard could not choose Red');
    await tabTo(board, () => document.activeElement.textContent.trim() === 'Apply filters', 'Apply filters');
    await Promise.all([board.waitForNavigation(), board.keyboard.press('Enter')]);
    expect(new URL(board.url()).searchParams.get('rating') === 'red', `the filter was not applied: ${board.url()}`);
    await board.waitForSelector(`tr[data-contact="${id}"]`);
    step = 'keyboard: follow the contact link';
    await tabTo(board, (href) => document.activeElement.getAttribute('href') === href,
      `the link to ${reference}`, 200, `/contacts/${id}`);
    await Promise.all([board.waitForNavigation(), board.keyboard.press('Enter')]);
    expect(new URL(board.url()).pathname === `/contacts/${id}`, `Enter on the link went to ${board.url()}`);

    // --- wall mode -------------------------------------------------------------------------------
    step = 'wall mode';
    await board.goto(`${BASE}/tracker?wall=1`);
    await board.waitForSelector(`tr[data-contact="${id}"]`);
    const wall = await board.textContent('main');
    expect(!wall.includes(family), 'wall mode shows a subject\'s name');
    expect((await board.textContent(`tr[data-contact="${id}"]`)).includes('Red'), 'wall mode does not name the rating');
    await board.keyboard.press('Tab');
    const skip = await board.evaluate(() => ({ cls: document.activeElement.className, bg: getComputedStyle(document.activeElement).backgroundColor }));
    expect(skip.cls.includes('mash-wall__skip') && skip.bg === 'rgb(255, 221, 0)', `wall mode's skip link is not first or not yellow on focus: ${JSON.stringify(skip)}`);
    await audit(board, 'case tracker: wall mode');
  } finally {
    await browser.close();
  }
}

await run(main, 'Tracker browser test', 'Tracker pages', () => step);
