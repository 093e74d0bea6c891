// Browser test: a referral administrator signs in, records a contact through every page of the
// form (with one deliberate error, seen in the error summary and corrected), finds it in the
// front-door queue, opens it and sees their own view in its access history, then opens its "Check and decide"
// and confirms with the keyboard the likely match run.sh loaded into the health index (MASH_FAMILY); then a
// decision maker (MASH_RATER) rates the contact on its page with the keyboard, completes a DASH
// checklist on it (first with an error), decides its route (first with problems), and opens the
// hub's configuration and the notifications page. axe-core checks
// every page visited (WCAG 2.0/2.1/2.2 A and AA): any serious or critical violation fails.
// Also: the skip link is the first thing the keyboard reaches, no page breaks the
// Content-Security-Policy, and no page asks for the GDS Transport font files.
//
//   MASH_URL=http://127.0.0.1:8080 MASH_USER=ra.test MASH_PASSWORD=… node tests/browser/run.mjs
//
// Normally run by tests/browser/run.sh, which starts a server on a fresh database.
import { chromium, checkPage, expect, problems, run } from './harness.mjs';

const BASE = (process.env.MASH_URL || '').replace(/\/$/, '');
const USER = process.env.MASH_USER;
const PASSWORD = process.env.MASH_PASSWORD;
if (!BASE || !USER || !PASSWORD) {
  console.error('Set MASH_URL, MASH_USER and MASH_PASSWORD (a referral administrator).');
  process.exit(2);
}

const fontRequests = [];
let step = 'starting';


async function audit(page, label) {
  step = label;
  await checkPage(page, label);
}

async function visit(page, label, action) {
  step = label;
  await action();
  await page.waitForLoadState('load');
  await audit(page, label);
}

async function text(page, selector) {
  const el = await page.$(selector);
  return el ? (await el.innerText()).trim() : '';
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('request', (r) => { if (r.url().includes('/assets/fonts/')) fontRequests.push(r.url()); });
    page.on('pageerror', (e) => problems.push(`JavaScript error on ${page.url()}: ${e.message}`));

    // --- sign in ---------------------------------------------------------------------------
    await visit(page, 'sign-in page', () => page.goto(`${BASE}/contacts`));
    expect(new URL(page.url()).pathname === '/sign-in',
      `an unauthenticated visit to /contacts should go to /sign-in, not ${page.url()}`);

    step = 'keyboard: skip link';
    await page.keyboard.press('Tab');
    const firstFocus = await page.evaluate(() => ({
      cls: document.activeElement && document.activeElement.className,
      text: document.activeElement && document.activeElement.textContent.trim(),
    }));
    expect(String(firstFocus.cls).includes('govuk-skip-link'),
      `the first Tab should reach the skip link, but reached "${firstFocus.text}" (${firstFocus.cls})`);
    const skipVisible = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    });
    expect(skipVisible, 'the skip link is focused but not visible');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    // With JavaScript GOV.UK Frontend moves focus to <main> itself; without it the browser
    // follows the link to #main-content. Either way the next thing read is the main content.
    const skipped = await page.evaluate(() =>
      (document.activeElement && document.activeElement.id === 'main-content') || location.hash === '#main-content');
    expect(skipped, `the skip link did not move to the main content (focus on ${await page.evaluate(() => document.activeElement && document.activeElement.tagName)}, ${page.url()})`);

    step = 'sign in';
    await page.fill('#username', USER);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
    expect(new URL(page.url()).pathname === '/contacts', `after signing in expected /contacts, got ${page.url()}`);
    await audit(page, 'front door queue');

    // --- the new-contact form ----------------------------------------------------------------
    // run.sh loads a health record about this child, so that the contact shows it as a match.
    const family = process.env.MASH_FAMILY || `Brightwater${Date.now().toString(36).toUpperCase().replace(/[0-9]/g, '')}`;
    await visit(page, 'new contact: received', () =>
      Promise.all([page.waitForNavigation(), page.click('.govuk-service-navigation a:has-text("New contact")')]));
    expect(new URL(page.url()).pathname === '/contacts/new/received', `New contact went to ${page.url()}`);
    expect((await page.inputValue('#received-year')).length === 4, 'the received date is not filled in with today');
    await page.selectOption('#source', '2A');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Continue")')]);

    await audit(page, 'new contact: referrer');
    expect(new URL(page.url()).pathname === '/contacts/new/referrer', `expected the referrer page, got ${page.url()}`);
    await page.check('#referrer-anonymous-2');  // No
    await page.fill('#referrer-name', 'Sam Teacher');
    await page.fill('#referrer-organisation', 'Example Primary School');
    await page.fill('#referrer-role', 'Designated safeguarding lead');
    await page.fill('#referrer-phone', '01254 000111');
    await page.fill('#referrer-email', 'dsl@example.sch.uk');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Continue")')]);

    await audit(page, 'new contact: subjects (empty)');
    expect(new URL(page.url()).pathname === '/contacts/new/subjects', `expected the subjects page, got ${page.url()}`);
    await visit(page, 'new contact: subject 1', () =>
      Promise.all([page.waitForNavigation(), page.click('#add-subject')]));
    await page.fill('#given-name', 'Ava');
    await page.fill('#family-name', family);
    await page.fill('#dob-day', '31');  // the deliberate error: there is no 31 February
    await page.fill('#dob-month', '2');
    await page.fill('#dob-year', '2020');
    await page.check('#dob-kind');      // Known
    await page.check('#sex-2');         // Female
    await page.check('#role');          // Child
    await page.fill('#address-line1', '12 Example Road');
    await page.fill('#address-town', 'Blackburn');
    await page.fill('#address-postcode', 'bb2 1dh');
    await page.fill('#nhs-number', '943 476 5919');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save subject")')]);

    step = 'new contact: the deliberate error';
    await audit(page, 'new contact: subject 1 with an error');
    const summary = await text(page, '.govuk-error-summary');
    expect(summary.includes('There is a problem'), 'no GOV.UK error summary after entering 31 2 2020');
    expect(/date of birth/i.test(summary) && /real date/i.test(summary),
      `the error summary does not say the date of birth must be a real date: "${summary}"`);
    const link = await page.getAttribute('.govuk-error-summary__list a', 'href');
    expect(link === '#dob-day', `the error summary should link to #dob-day, not ${link}`);
    expect((await page.title()).startsWith('Error:'), 'the page title should start with "Error:"');
    expect(await page.inputValue('#given-name') === 'Ava', 'the given name typed was lost');
    expect(await page.inputValue('#dob-day') === '31', 'the day typed was lost');
    expect(await page.isChecked('#sex-2'), 'the sex chosen was lost');
    expect((await text(page, '#dob-error')).includes('real date'), 'no inline error on the date of birth');
    await page.click('.govuk-error-summary__list a');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    expect(focused === 'dob-day', `the error summary link should move focus to the day, not ${focused}`);
    await page.fill('#dob-day', '29');  // 2020 was a leap year
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save subject")')]);

    await audit(page, 'new contact: subjects (one)');
    expect(new URL(page.url()).pathname === '/contacts/new/subjects', `expected the subjects page, got ${page.url()}`);
    expect((await text(page, '.govuk-summary-list')).includes(family.toUpperCase()), 'the subject is not listed');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Continue")')]);

    await audit(page, 'new contact: concerns');
    await page.check('input[name="presenting-issues"][value="neglect"]');
    await page.check('input[name="presenting-issues"][value="domestic_abuse"]');
    await page.fill('#narrative', 'Ava came to school hungry three days this week and said there was shouting at home.');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Continue")')]);

    await audit(page, 'new contact: consent');
    await page.check('#consent-status-3');  // Consent not sought
    await page.fill('#consent-reason', 'Seeking consent would place the child at risk');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Continue")')]);

    await audit(page, 'new contact: check your answers');
    expect(new URL(page.url()).pathname === '/contacts/new/check', `expected the check page, got ${page.url()}`);
    const check = await text(page, 'main');
    for (const want of ['Ava', family.toUpperCase(), '29 Feb 2020', 'Schools', 'Neglect', 'BB2 1DH', 'Sam Teacher'])
      expect(check.includes(want), `the check page does not show "${want}"`);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record contact")')]);

    // --- the recorded contact --------------------------------------------------------------
    await audit(page, 'contact (just recorded)');
    const contactPath = new URL(page.url()).pathname;
    expect(/^\/contacts\/\d+$/.test(contactPath), `after recording expected /contacts/{id}, got ${page.url()}`);
    expect((await text(page, '.govuk-notification-banner')).includes('recorded'), 'no success banner');
    const reference = (await text(page, 'h1')).split(/\s/)[0];
    expect(/^C-\d{6,}$/.test(reference), `the heading does not show a reference like C-000123: "${reference}"`);

    await visit(page, 'front door queue (again)', () =>
      Promise.all([page.waitForNavigation(), page.click('.govuk-service-navigation a:has-text("Front door queue")')]));
    const row = page.locator('tr', { hasText: family.toUpperCase() }).first();
    expect(await row.count() === 1 || await page.locator('tr', { hasText: family }).count() >= 1,
      `the contact about ${family} is not in the queue`);
    const rowText = await row.innerText();
    expect(rowText.includes(reference), `the queue row does not show ${reference}: ${rowText}`);
    expect(rowText.includes('Web form'), `the queue row does not say the channel: ${rowText}`);

    await visit(page, 'contact (from the queue)', () =>
      Promise.all([page.waitForNavigation(), row.locator(`a:has-text("${reference}")`).click()]));
    expect(new URL(page.url()).pathname === contactPath, `the queue link went to ${page.url()}`);
    const history = await text(page, '#access-history + p + table');
    expect(history.length > 0, 'no access history table on the contact page');
    const views = history.split('\n').filter((l) => l.includes(USER) && l.includes('Viewed the contact'));
    expect(views.length >= 2, `the access history should show ${USER} viewing the contact twice:\n${history}`);

    // --- person matching: the health record is a likely match; open "Check and decide" and
    // confirm it with the keyboard ------------------------------------------------------------
    if (process.env.MASH_FAMILY) {
      step = 'person matching';
      expect((await text(page, 'main')).includes('Likely matches'), 'no "Likely matches" table');
      const row = page.locator('tr.mash-match', { hasText: 'AVA-1' }).first();
      expect(await row.count() === 1, 'the health record about Ava is not offered as a match');
      const rowText = await row.innerText();
      expect(/Health/.test(rowText) && /29 Feb 2020/.test(rowText), `the match row does not show the holder and date of birth: ${rowText}`);
      expect(/(Very likely the same person|Likely) \(\d{1,2}%\)/.test(rowText), `the match should be likely, in words with a whole percentage: ${rowText}`);
      const decide = row.locator('xpath=following-sibling::tr[1]');
      const details = decide.locator('details');
      expect(!(await details.evaluate((d) => d.open)), '"Check and decide" should start closed');
      const reasonId = await decide.locator('textarea').getAttribute('id');
      expect(!(await page.isVisible(`#${reasonId}`)), 'the reason field shows before "Check and decide" is opened');

      step = 'person matching: open "Check and decide" with the keyboard';
      await decide.locator('summary').focus();
      await page.keyboard.press('Enter');
      expect(await details.evaluate((d) => d.open), 'Enter on "Check and decide" did not open it');
      await audit(page, 'contact (a match opened)');
      const decideText = await decide.innerText();
      for (const want of ["Health's record number", 'AVA-1', '12 Example Road', 'BB2 1DH', 'Female', 'Date of birth', 'The same', 'Supports a match'])
        expect(decideText.includes(want), `"Check and decide" does not show "${want}": ${decideText}`);
      expect(!/[+-]\d+\.\d/.test(decideText), `"Check and decide" shows raw weights: ${decideText}`);
      const label = await page.locator(`label[for="${reasonId}"]`).innerText();
      expect(label.includes("Health's record AVA-1"), `the reason's label does not name the record: "${label}"`);

      step = 'person matching: confirm with the keyboard';
      await page.focus(`#${reasonId}`);
      await page.keyboard.type('NHS number and date of birth agree');
      await page.keyboard.press('Tab');
      const onButton = await page.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
      expect(onButton.startsWith('Confirm match'), `Tab from the reason should reach "Confirm match", not "${onButton}"`);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await audit(page, 'contact (match confirmed)');
      expect(new URL(page.url()).hash === '#subject-1', `after confirming expected the subject's section (#subject-1), got ${page.url()}`);
      const banner = await text(page, '.govuk-notification-banner');
      expect(banner.includes(`Confirmed: Ava ${family.toUpperCase()} (Health's record AVA-1) is the same person as Ava ${family.toUpperCase()}`),
        `the banner does not name what was confirmed: "${banner}"`);
      const after = await text(page, 'main');
      expect(after.includes('Known to') && /Agencies holding records\s*Health/.test(after),
        `the subject is not shown as known to Health: ${after.slice(0, 400)}`);
      expect(after.includes(`Confirmed by ${USER}`), 'the link does not say who confirmed it');
      const known = after.indexOf('Known to'), decided = after.indexOf('Decisions about who this is');
      const rest = after.indexOf('Matches in agencies');
      expect(known >= 0 && decided > known && (rest < 0 || decided < rest),
        'the decisions should come straight after "Known to", before the matches still to decide');
    }

    // --- rating: a decision maker rates the contact with the keyboard -------------------------
    if (process.env.MASH_RATER) {
      step = 'rating: a referral administrator is not offered the form';
      expect((await text(page, '#contact-rating + p')) === 'Not rated yet.', 'the contact should say "Not rated yet."');
      expect(await page.locator('form[action$="/rating"]').count() === 0, 'a referral administrator is offered the rating form');

      step = 'rating: sign in as the decision maker';
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign out")')]);
      await page.goto(`${BASE}${contactPath}`);
      await page.fill('#username', process.env.MASH_RATER);
      await page.fill('#password', process.env.MASH_RATER_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
      expect(new URL(page.url()).pathname === contactPath, `after signing in expected ${contactPath}, got ${page.url()}`);
      await audit(page, 'contact (to rate)');
      const hints = await text(page, 'form[action$="/rating"] .govuk-radios');
      for (const want of ['Red', 'Amber', 'Green', 'Blue', 'Decision due within 1 working day'])
        expect(hints.includes(want), `the rating choices do not show "${want}": ${hints}`);

      step = 'rating: choose Amber and give a rationale with the keyboard';
      await page.focus('#rating');           // Red, the first choice
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');  // Amber
      expect(await page.isChecked('#rating-2'), 'the arrow key did not choose Amber');
      await page.keyboard.press('Tab');
      const onRationale = await page.evaluate(() => document.activeElement && document.activeElement.id);
      expect(onRationale === 'rationale', `Tab from the ratings should reach the rationale, not "${onRationale}"`);
      await page.keyboard.type('Hungry at school three days this week; shouting at home. Not in immediate danger.');
      await page.keyboard.press('Tab');
      const onRate = await page.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
      expect(onRate === 'Rate contact', `Tab from the rationale should reach "Rate contact", not "${onRate}"`);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await audit(page, 'contact (rated)');
      expect(new URL(page.url()).hash === '#contact-rating', `after rating expected #contact-rating, got ${page.url()}`);
      const ratedBanner = await text(page, '.govuk-notification-banner');
      expect(/^Success\s+Rated Amber: decision due by (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}$/.test(ratedBanner),
        `the banner does not name the rating and its due time: "${ratedBanner}"`);
      const rating = await text(page, '.mash-rating');
      expect(/Rating\s+Amber/.test(rating) && /Decision due by/.test(rating) && /(left|Overdue by)/.test(rating),
        `the rating section does not show the tag, due time and time left: ${rating}`);

      step = 'rating: the history, opened with the keyboard';
      const history = page.locator('#contact-rating ~ details').first();
      await history.locator('summary').focus();
      await page.keyboard.press('Enter');
      expect(await history.evaluate((d) => d.open), 'Enter on the rating history did not open it');
      const rows = await history.innerText();
      expect(rows.includes(process.env.MASH_RATER) && rows.includes('Amber') && rows.includes('Hungry at school'),
        `the rating history does not show who, the rating and the rationale: ${rows}`);
      await audit(page, 'contact (rating history open)');
    }

    // --- DASH (issue 4): the decision maker completes a DASH checklist on the contact, which is
    // about domestic abuse: first with two questions left unanswered, then in full -------------
    if (process.env.MASH_RATER) {
      step = 'DASH: the contact offers the checklist';
      await page.goto(`${BASE}${contactPath}`);
      expect((await text(page, '#contact-dash + p')).startsWith('No DASH checklist'),
        'a domestic-abuse contact without a checklist should say so');
      await visit(page, 'DASH form', () =>
        Promise.all([page.waitForNavigation(), page.click('a:has-text("Complete a DASH checklist")')]));
      expect(new URL(page.url()).pathname === `${contactPath}/dash`, `expected the DASH form, got ${page.url()}`);
      const legends = await page.locator('form legend').allInnerTexts();
      expect(legends.includes('14. Threats to kill') && legends.includes('24. Trouble with the police or a criminal history'),
        `each question should be a fieldset with its number and topic as the legend: ${legends.slice(0, 4).join(' | ')}…`);

      step = 'DASH: two questions left unanswered';
      await page.check('#subject');  // Ava, the first subject
      for (let n = 1; n <= 24; n++) {
        if (n === 7 || n === 19) continue;
        await page.check(n <= 16 ? `#answer-${n}` : `#answer-${n}-2`);  // yes to 1–16, no after
      }
      await page.fill('#incidents', '1');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record checklist")')]);
      await audit(page, 'DASH form with errors');
      const dashSummary = await text(page, '.govuk-error-summary');
      expect(/Answer question 7 \(Conflict over child contact\)/.test(dashSummary) && /Answer question 19/.test(dashSummary),
        `the error summary should name each unanswered question: "${dashSummary}"`);
      expect((await page.title()).startsWith('Error:'), 'the DASH page title should start with "Error:"');
      expect(await page.isChecked('#answer-1'), 'the answers given were lost');
      await page.click('.govuk-error-summary__list a[href="#answer-7"]');
      const onSeven = await page.evaluate(() => document.activeElement && document.activeElement.id);
      expect(onSeven === 'answer-7', `the error summary link should move focus to question 7, not ${onSeven}`);
      await page.keyboard.press('Space');  // Yes
      await page.check('#answer-19-3');      // Not known
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record checklist")')]);

      await audit(page, 'contact (DASH recorded)');
      expect(new URL(page.url()).pathname === contactPath, `after recording the checklist expected ${contactPath}, got ${page.url()}`);
      expect((await text(page, '.govuk-notification-banner')).includes('DASH checklist recorded.'), 'no banner saying the checklist was recorded');
      const dash = await text(page, '.mash-dash');
      expect(dash.includes('MARAC referral: yes — visible high risk (16 of 24)'),
        `the contact does not flag the MARAC referral with its route and score: ${dash}`);
      expect(/Risk level\s+High risk/.test(dash), `the contact does not show the risk level: ${dash}`);
      expect(dash.includes(`Ava ${family.toUpperCase()}`), `the checklist does not say who it is about: ${dash}`);

      // --- the decision: first with problems, then a MASH enquiry, with the keyboard ----------
      step = 'decision: the form is offered once the contact is rated';
      expect(await page.locator('form[action$="/decision"]').count() === 1, 'a decision maker is not offered the decision form');
      const clocks = await text(page, '.mash-clocks');
      expect(clocks.includes('Decision (Amber)') && clocks.includes('Referral decision (statutory)'),
        `the clocks table does not show the rating's and the statutory clock: ${clocks}`);
      step = 'decision: no threshold and no rationale';
      await page.check('#route');  // Progress to a MASH enquiry
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record decision")')]);
      await audit(page, 'contact (decision with errors)');
      const decisionSummary = await text(page, '.govuk-error-summary');
      expect(decisionSummary.includes('Choose the threshold level') && decisionSummary.includes('Enter why you are making this decision'),
        `the error summary should name the threshold and the rationale: "${decisionSummary}"`);
      expect((await page.title()).startsWith('Error:'), 'the page title should start with "Error:"');
      await page.click('.govuk-error-summary__list a[href="#threshold"]');
      const onThreshold = await page.evaluate(() => document.activeElement && document.activeElement.id);
      expect(onThreshold === 'threshold', `the error summary link should move focus to the threshold, not ${onThreshold}`);
      step = 'decision: threshold 3 and a rationale with the keyboard';
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');  // 3 Targeted / child in need
      expect(await page.isChecked('#threshold-3'), 'the arrow keys did not choose threshold 3');
      await page.focus('#decision-rationale');
      await page.keyboard.type('Needs health and school information: research as a MASH enquiry');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record decision")')]);
      await audit(page, 'contact (decided: MASH enquiry)');
      expect(new URL(page.url()).hash === '#contact-decision', `after deciding expected #contact-decision, got ${page.url()}`);
      const decided = await text(page, '#contact-decision ~ .govuk-notification-banner, section[aria-labelledby="contact-decision"] .govuk-notification-banner');
      expect(decided.includes('Decision recorded: Progress to a MASH enquiry'), `no banner naming the route: "${decided}"`);
      const decisions = await text(page, '.mash-decisions');
      expect(decisions.includes('3 Targeted / child in need') && decisions.includes('Needs health and school information'),
        `the decisions table does not show the threshold and rationale: ${decisions}`);

      // --- the hub's configuration, from the navigation --------------------------------------
      await visit(page, 'hub configuration', () =>
        Promise.all([page.waitForNavigation(), page.click('.govuk-service-navigation a:has-text("Hub configuration")')]));
      expect(new URL(page.url()).pathname === '/admin/configuration', `the navigation went to ${page.url()}`);
      const rules = await text(page, 'main');
      for (const want of ['Hub configuration', 'The standard configuration', 'Europe/London', '08:30 to 17:00', '4 hours', '1 working day', 'Bank holiday (England and Wales)', '14 or more'])
        expect(rules.includes(want), `the configuration page does not show "${want}"`);
    }

    await visit(page, 'notifications (none)', () => page.goto(`${BASE}/notifications`));
    expect((await text(page, 'h1')) === 'Notifications', 'the notifications page has no "Notifications" heading');

    await visit(page, 'page not found', () => page.goto(`${BASE}/contacts/nothing-here`));
    expect((await text(page, 'h1')) === 'Page not found', 'an unknown address does not show "Page not found"');

    step = 'no GDS Transport';
    expect(fontRequests.length === 0, `pages asked for the GDS Transport font: ${fontRequests[0]}`);

    step = 'sign out';
    await page.goto(`${BASE}/contacts`);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign out")')]);
    expect(new URL(page.url()).pathname === '/sign-in', `signing out went to ${page.url()}`);
    await page.goto(`${BASE}${contactPath}`);
    expect(new URL(page.url()).pathname === '/sign-in', 'after signing out the contact page still opens');

    console.log(`Recorded ${reference} about Ava ${family.toUpperCase()} through the form, found it in the queue, saw the access history.`);
  } finally {
    await browser.close();
  }
}

await run(main, 'Browser test', 'Pages', () => step);
