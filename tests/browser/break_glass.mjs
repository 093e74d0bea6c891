// Browser journey of break-glass (issue 5). A police contact is sent through the JSON API
// (MASH_TOKEN) and restricted at the command line (MASH_BIN contact restrict --db MASH_DB) to
// another user (MASH_GRANTED). Then:
//   (a) a social worker (MASH_WORKER), not granted it, opens the contact and is offered
//       break-glass (403, nothing of the contact shown); sends the offer without a reason and is
//       told to give one in a GOV.UK error summary whose link moves focus to the reason; gives one
//       and reads the contact with the "Opened by break-glass" banner and no form to rate or decide;
//   (b) a hub manager (MASH_MANAGER) is notified, follows the notification's link to the
//       break-glass reviews, sees the worker's reason and what they did with the contact, signs it
//       off first without a note (error summary linking to the note) and then with one, and sees
//       the success banner and the access among those signed off.
// axe-core checks every page state visited (serious and critical violations fail), and every page
// is watched for Content-Security-Policy violations and JavaScript errors.
//
// Normally run by tests/browser/run.sh after the other journeys, on the same server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium, checkPage, expect, problems, run } from './harness.mjs';

const BASE = (process.env.MASH_URL || '').replace(/\/$/, '');
const {
  MASH_BIN: MASH, MASH_DB: DB, MASH_TOKEN: TOKEN, MASH_GRANTED: GRANTED,
  MASH_WORKER: WORKER, MASH_WORKER_PASSWORD: WORKER_PASSWORD,
  MASH_MANAGER: MANAGER, MASH_MANAGER_PASSWORD: MANAGER_PASSWORD,
} = process.env;
if (!BASE || !MASH || !DB || !TOKEN || !GRANTED || !WORKER || !WORKER_PASSWORD || !MANAGER || !MANAGER_PASSWORD) {
  console.error('Set MASH_URL, MASH_BIN, MASH_DB, MASH_TOKEN, MASH_GRANTED, MASH_WORKER, '
    + 'MASH_WORKER_PASSWORD, MASH_MANAGER and MASH_MANAGER_PASSWORD.');
  process.exit(2);
}

const REASON = 'The police are at the door and need to know tonight';
const NOTE = 'Rang the worker: justified, the police needed the history that night';

let step = 'starting';

async function audit(page, label) {
  step = label;
  await checkPage(page, label);
}

async function text(page, selector) {
  const el = await page.$(selector);
  return el ? (await el.innerText()).trim() : '';
}

const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
const path = (page) => new URL(page.url()).pathname;

async function api(urlPath, token, body) {
  const res = await fetch(`${BASE}${urlPath}`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await res.json();
  expect(res.status === 201, `POST ${urlPath}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function signIn(context, username, password) {
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => problems.push(`JavaScript error on ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // A page the server answers with 403 or 422 is logged by chromium as a failed resource;
    // that is the point of these pages, not a fault. Anything else is.
    if (m.type() === 'error' && !/status of (403|422)/.test(m.text()))
      problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  await page.goto(`${BASE}/sign-in`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  expect(path(page) !== '/sign-in', `${username} could not sign in`);
  return page;
}

// Clicks a submit button and returns the status of the page it leads to.
async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  await page.waitForLoadState('load');
  return response ? response.status() : 0;
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
    const context = async () => {
      const c = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await c.addInitScript(watchCsp);
      return c;
    };

    // --- a police contact, restricted at the command line to another user -----------------------
    step = 'a restricted contact';
    const family = `Glasswing${Date.now().toString(36).replace(/[0-9]/g, '').toUpperCase()}`;
    const contact = await api('/api/v1/contacts', TOKEN, {
      external_ref: `GLASS-${Date.now()}`,
      received_at: new Date(Date.now() - 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      source: '6',
      referrer: { name: 'PC 4127 Jones', organisation: 'Lancashire Constabulary', role: 'Officer in the case', phone: '01254 000000', email: 'oic@example.police.uk' },
      subjects: [{
        given_name: 'Wren', family_name: family, date_of_birth: '2019-09-03', sex: 'female', role: 'child',
        address: { line1: '3 Example Close', town: 'Blackburn', postcode: 'BB2 1DH' },
      }],
      presenting_issues: ['domestic_abuse'],
      narrative: 'Synthetic: police attended a disturbance; the child was present.',
      consent: { status: 'not_sought', reason: 'Seeking consent would place the child at risk' },
    });
    const id = contact.id;
    const contactPath = `/contacts/${id}`;
    try {
      await promisify(execFile)(MASH, ['contact', 'restrict', String(id), '--db', DB,
        '--grant', GRANTED, '--reason', "A hub employee's grandchild"]);
    } catch (e) {
      expect(false, `mash contact restrict ${id} failed: ${e.stderr || e.message}`);
    }

    // --- (a) the social worker breaks glass ------------------------------------------------------
    step = 'social worker: sign in';
    const worker = await signIn(await context(), WORKER, WORKER_PASSWORD);
    expect(await worker.locator('.govuk-service-navigation a:has-text("Break-glass reviews")').count() === 0,
      'a social worker is offered the break-glass reviews in the navigation');

    step = 'social worker: open the restricted contact';
    const offered = await worker.goto(`${BASE}${contactPath}`);
    expect(offered.status() === 403, `a restricted contact should answer 403 to a worker not granted it, not ${offered.status()}`);
    await audit(worker, 'break-glass offer');
    expect((await text(worker, 'h1')) === 'This contact is restricted', `the offer's heading is "${await text(worker, 'h1')}"`);
    expect((await text(worker, 'label[for="reason"]')) === 'Why do you need to open it now?',
      `the reason's label is "${await text(worker, 'label[for="reason"]')}"`);
    expect(await worker.locator(`form[action="${contactPath}/break-glass"] textarea[name="reason"]`).count() === 1,
      'the offer has no reason to post to the contact\'s break-glass');
    const button = worker.locator('button.govuk-button--warning', { hasText: 'Break glass and open the contact' });
    expect(await button.count() === 1, 'the offer has no warning button "Break glass and open the contact"');
    expect(!(await worker.content()).toUpperCase().includes(family.toUpperCase()),
      'the offer shows the restricted contact\'s subject');

    step = 'social worker: break glass without a reason';
    const emptyStatus = await submit(worker, 'button:has-text("Break glass and open the contact")');
    expect(emptyStatus === 422, `an offer sent without a reason should answer 422, not ${emptyStatus}`);
    await audit(worker, 'break-glass offer with an error');
    const summary = await text(worker, '.govuk-error-summary');
    expect(summary.includes('There is a problem') && summary.includes('Say why you need to open this restricted contact'),
      `the error summary does not ask for a reason: "${summary}"`);
    expect((await worker.title()).startsWith('Error:'), `the page title should start with "Error:": "${await worker.title()}"`);
    expect((await text(worker, '#reason-error')).includes('Say why you need to open this restricted contact'),
      'the reason has no error message of its own');
    expect(!(await worker.content()).toUpperCase().includes(family.toUpperCase()),
      'the offer with an error shows the restricted contact\'s subject');
    await worker.click('.govuk-error-summary__list a[href="#reason"]');
    expect((await focusedId(worker)) === 'reason', `the error summary link should move focus to the reason, not ${await focusedId(worker)}`);

    step = 'social worker: break glass with a reason';
    await worker.keyboard.type(REASON);
    const openedStatus = await submit(worker, 'button:has-text("Break glass and open the contact")');
    expect(openedStatus === 200, `opening by break-glass should lead to the contact (200), not ${openedStatus}`);
    expect(path(worker) === contactPath, `after breaking glass expected ${contactPath}, got ${worker.url()}`);
    await audit(worker, 'contact opened by break-glass');
    const banner = await text(worker, '.govuk-notification-banner');
    expect(banner.includes('Opened by break-glass') && banner.includes(REASON),
      `the contact has no break-glass banner with the reason: "${banner}"`);
    expect(/until .*\d{2}:\d{2}/.test(banner), `the banner does not say until when: "${banner}"`);
    expect((await text(worker, 'main')).toUpperCase().includes(`WREN ${family.toUpperCase()}`),
      'the contact opened by break-glass does not show its subject');
    for (const form of ['rating', 'decision'])
      expect(await worker.locator(`form[action="${contactPath}/${form}"]`).count() === 0,
        `a contact opened by break-glass offers the ${form} form`);

    // --- (b) the hub manager is notified, reviews and signs off ------------------------------------
    step = 'hub manager: sign in';
    const manager = await signIn(await context(), MANAGER, MANAGER_PASSWORD);
    expect(await manager.locator('.govuk-service-navigation a:has-text("Break-glass reviews")').count() === 1,
      'a hub manager has no "Break-glass reviews" in the navigation');

    await manager.goto(`${BASE}/notifications`);
    await audit(manager, 'notifications (break-glass)');
    const row = manager.locator('tr', { hasText: `${WORKER} opened restricted contact` }).first();
    expect(await row.count() === 1, `the hub manager has no notification that ${WORKER} opened a restricted contact`);
    const message = await row.innerText();
    expect(/opened restricted contact C-\S+ by break-glass\./.test(message),
      `the notification does not name the contact and break-glass: "${message}"`);
    expect(!(await manager.content()).toUpperCase().includes(family.toUpperCase()),
      'the notifications page names the restricted contact\'s subject');

    step = 'hub manager: follow the notification';
    const link = row.locator('a:has-text("Go to break-glass reviews")');
    expect(await link.count() === 1, 'the notification has no link "Go to break-glass reviews"');
    await Promise.all([manager.waitForNavigation(), link.click()]);
    expect(path(manager) === '/break-glass', `the notification's link went to ${manager.url()}`);
    await audit(manager, 'break-glass reviews');
    expect((await text(manager, 'h1')) === 'Break-glass reviews', `the review page's heading is "${await text(manager, 'h1')}"`);
    const card = manager.locator('.govuk-summary-card', { hasText: `opened by ${WORKER}` }).first();
    expect(await card.count() === 1, `no summary card for the access by ${WORKER}`);
    const cardText = await card.innerText();
    expect(cardText.includes(REASON), `the card does not show the worker's reason: ${cardText}`);
    expect(cardText.includes('Social worker') || cardText.includes('social worker'), `the card does not give the worker's role: ${cardText}`);
    const did = await card.locator('table', { hasText: 'What they did with the contact' }).innerText().catch(() => '');
    expect(did.includes('Viewed the contact'), `the card's table does not show the worker viewed the contact: "${did}"`);
    expect(!(await manager.content()).toUpperCase().includes(family.toUpperCase()),
      'the review page names the restricted contact\'s subject');
    const noteId = await card.locator('textarea[name="note"]').getAttribute('id');
    expect(/^note-\d+$/.test(noteId || ''), `the sign-off note's id is "${noteId}", not note-N`);
    const cardId = await card.getAttribute('id');

    step = 'hub manager: sign off without a note';
    const noNoteStatus = await submit(manager, `#${cardId} button:has-text("Sign off")`);
    expect(noNoteStatus === 422, `a sign-off without a note should answer 422, not ${noNoteStatus}`);
    await audit(manager, 'break-glass reviews with an error');
    const noteSummary = await text(manager, '.govuk-error-summary');
    expect(noteSummary.includes('There is a problem'), `no error summary for the missing note: "${noteSummary}"`);
    expect((await manager.title()).startsWith('Error:'), `the page title should start with "Error:": "${await manager.title()}"`);
    expect((await text(manager, `#${noteId}-error`)).length > 0, 'the note has no error message of its own');
    await manager.click(`.govuk-error-summary__list a[href="#${noteId}"]`);
    expect((await focusedId(manager)) === noteId, `the error summary link should move focus to ${noteId}, not ${await focusedId(manager)}`);

    step = 'hub manager: sign off with a note';
    await manager.keyboard.type(NOTE);
    const signedStatus = await submit(manager, `#${cardId} button:has-text("Sign off")`);
    expect(signedStatus === 200, `signing off should lead to the review page (200), not ${signedStatus}`);
    const after = new URL(manager.url());
    expect(after.pathname === '/break-glass' && after.searchParams.get('done') === 'signed',
      `after signing off expected /break-glass?done=signed, got ${manager.url()}`);
    await audit(manager, 'break-glass reviews (signed off)');
    expect((await text(manager, '.govuk-notification-banner--success')).includes('Break-glass access signed off.'),
      'no success banner saying the access was signed off');
    expect(await manager.locator(`#${cardId}`).count() === 0, 'the access signed off is still to review');
    const signedRow = await manager.locator('tr', { hasText: NOTE }).first().innerText().catch(() => '');
    expect(signedRow.includes(WORKER) && signedRow.includes(MANAGER) && signedRow.includes(REASON),
      `the access signed off is not listed with who opened it, why, and who signed it off: "${signedRow}"`);

    console.log(`${WORKER} opened ${contactPath} by break-glass; ${MANAGER} was notified and signed it off.`);
  } finally {
    await browser.close();
  }
}

await run(main, 'Break-glass browser test', 'Break-glass pages', () => step);
