// Browser journeys of multi-agency research (issue 5). A police contact is sent through the JSON
// API (MASH_TOKEN) and rated and progressed to a MASH enquiry by the decision maker's token
// (MASH_RATER_TOKEN); the decision maker (MASH_RATER) records the basis for sharing and asks health
// and education on the contact's research page. Then:
//   (a) a health practitioner (MASH_AGENCY_USER) signs in and lands on their agency's queue, opens
//       the request, answers it with the keyboard (radios, selects, textareas), saves part-way,
//       comes back to it, is told what is still missing, sends it with one item marked
//       health-confidential, and withholds a passage of the summary from children's social care;
//   (b) an information officer (MASH_OFFICER) opens the contact's research page and reads the
//       answer with that item withheld and the passage redacted — and the page's source holds
//       neither; they export the household's chronology as CSV, first without saying what for,
//       and the file holds neither either; the decision maker reads the item.
// axe-core checks every page visited (serious and critical violations fail), and every page is
// watched for Content-Security-Policy violations and JavaScript errors.
//
// Normally run by tests/browser/run.sh after run.mjs and tracker.mjs, on the same server.
import { readFileSync } from 'node:fs';
import { chromium, checkPage, expect, fail, problems, run } from './harness.mjs';

const BASE = (process.env.MASH_URL || '').replace(/\/$/, '');
const {
  MASH_TOKEN: TOKEN, MASH_RATER: RATER, MASH_RATER_PASSWORD: RATER_PASSWORD,
  MASH_RATER_TOKEN: RATER_TOKEN, MASH_AGENCY_USER: NURSE, MASH_AGENCY_PASSWORD: NURSE_PASSWORD,
  MASH_OFFICER: OFFICER, MASH_OFFICER_PASSWORD: OFFICER_PASSWORD,
} = process.env;
if (!BASE || !TOKEN || !RATER || !RATER_PASSWORD || !RATER_TOKEN || !NURSE || !NURSE_PASSWORD || !OFFICER || !OFFICER_PASSWORD) {
  console.error('Set MASH_URL, MASH_TOKEN, MASH_RATER, MASH_RATER_PASSWORD, MASH_RATER_TOKEN, '
    + 'MASH_AGENCY_USER, MASH_AGENCY_PASSWORD, MASH_OFFICER and MASH_OFFICER_PASSWORD.');
  process.exit(2);
}

// What the health practitioner writes, and what is withheld from the information officer.
const PASSAGE = 'her neighbour Marigold Ashcombe-Tulliver';
const SUMMARY = `Both known to health visiting. Concerns were raised by ${PASSAGE} in October.`;
const CONFIDENTIAL = 'Mother treated for postnatal depression at the Larkspur clinic';

let step = 'starting';

async function audit(page, label) {
  step = label;
  await checkPage(page, label);
}

async function text(page, selector) {
  const el = await page.$(selector);
  return el ? (await el.innerText()).trim() : '';
}

async function api(path, token, body) {
  const res = await fetch(`${BASE}${path}`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await res.json();
  expect(res.status === 201, `POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
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

const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

// Chooses an option of the focused <select> with the arrow keys.
async function chooseWithKeys(page, selector, value) {
  await page.focus(selector);
  const options = await page.$$eval(`${selector} option`, (os) => os.map((o) => o.value));
  const target = options.indexOf(value);
  expect(target >= 0, `${selector} has no option ${value}: ${options.join(', ')}`);
  const current = options.indexOf(await page.inputValue(selector));
  const key = target > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
  const chosen = await page.inputValue(selector);
  expect(chosen === value, `the arrow keys chose "${chosen}" in ${selector}, not "${value}"`);
}

// Focuses a field and types into it.
async function typeInto(page, selector, words) {
  await page.focus(selector);
  await page.keyboard.type(words);
}

// Tabs from the focused element until a button with this text is focused, then presses Enter
// and waits for the page it leads to.
async function pressButton(page, label, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const t = await page.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
    if (t === label) {
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      return;
    }
  }
  fail(`Tab never reached the "${label}" button`);
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

    // --- the enquiry: sent, rated and progressed over the API --------------------------------
    step = 'a contact in a MASH enquiry';
    const family = `Quaylewood${Date.now().toString(36).replace(/[0-9]/g, '').toUpperCase()}`;
    const FAMILY = family.toUpperCase();
    const subject = (given, dob, sex, role) => ({
      given_name: given, family_name: family, date_of_birth: dob, sex, role,
      address: { line1: '7 Example Street', town: 'Blackburn', postcode: 'BB2 1DH' },
    });
    const contact = await api('/api/v1/contacts', TOKEN, {
      external_ref: `RESEARCH-${Date.now()}`,
      received_at: new Date(Date.now() - 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      source: '6',
      referrer: { name: 'PC 4127 Jones', organisation: 'Lancashire Constabulary', role: 'Officer in the case', phone: '01254 000000', email: 'oic@example.police.uk' },
      subjects: [subject('Rowan', '2021-06-14', 'male', 'child'), subject('Julie', '1995-04-02', 'female', 'parent_carer')],
      presenting_issues: ['domestic_abuse'],
      narrative: 'Synthetic: police attended a verbal argument; the child was present. Not for agencies.',
      consent: { status: 'not_sought', reason: 'Seeking consent would place the child at risk' },
    });
    const id = contact.id;
    const contactPath = `/contacts/${id}`;
    await api(`/api/v1/contacts/${id}/rating`, RATER_TOKEN, { rating: 'amber', rationale: 'Synthetic: domestic incident' });
    await api(`/api/v1/contacts/${id}/decision`, RATER_TOKEN, { route: 'mash_enquiry', threshold: 3, rationale: 'Synthetic: partners to research' });

    // --- the decision maker records the basis and asks health and education ---------------------
    step = 'decision maker: the research page';
    const dmContext = await context();
    const dm = await signIn(dmContext, RATER, RATER_PASSWORD);
    await dm.goto(`${BASE}${contactPath}`);
    await Promise.all([dm.waitForNavigation(), dm.click('a:has-text("The basis for sharing, information requests")')]);
    expect(new URL(dm.url()).pathname === `${contactPath}/research`, `the contact's research link went to ${dm.url()}`);
    await audit(dm, 'research page (no basis yet)');
    expect((await text(dm, 'main')).includes('No basis recorded yet'), 'the research page does not say no basis is recorded');

    step = 'decision maker: the basis, first without why';
    await dm.check('input[name="consent"][value="not_sought"]');
    await dm.check('input[name="lawful_basis"][value="dpa_sch1_para18"]');
    await Promise.all([dm.waitForNavigation(), dm.click('button:has-text("Record the basis")')]);
    await audit(dm, 'research page (basis with an error)');
    const basisSummary = await text(dm, '.govuk-error-summary');
    expect(basisSummary.includes('Say why sharing without consent is necessary and proportionate'),
      `the error summary does not ask why: "${basisSummary}"`);
    expect((await dm.title()).startsWith('Error:'), 'the page title should start with "Error:"');
    expect(await dm.isChecked('input[name="lawful_basis"][value="dpa_sch1_para18"]'), 'the lawful basis chosen was lost');
    await dm.click('.govuk-error-summary__list a[href="#basis-reason"]');
    expect((await focusedId(dm)) === 'basis-reason', `the error summary link should focus the reason, not ${await focusedId(dm)}`);
    await dm.keyboard.type('Seeking consent would place the child at risk');
    await Promise.all([dm.waitForNavigation(), dm.click('button:has-text("Record the basis")')]);
    await audit(dm, 'research page (basis recorded)');
    expect((await text(dm, '.govuk-notification-banner')).includes('Basis for sharing recorded.'), 'no banner for the basis');

    step = 'decision maker: ask health and education';
    for (const code of ['police', 'housing', 'probation', 'domestic_abuse_service'])
      if (await dm.isChecked(`input[name="agencies"][value="${code}"]`)) await dm.uncheck(`input[name="agencies"][value="${code}"]`);
    expect(await dm.isChecked('input[name="agencies"][value="health"]'), 'health is not suggested for a domestic-abuse contact');
    expect(await dm.isChecked('input[name="agencies"][value="education"]'), 'education is not suggested');
    await dm.fill('#question', 'What do you know of Rowan and his mother?');
    await Promise.all([dm.waitForNavigation(), dm.click('button:has-text("Send the requests")')]);
    await audit(dm, 'research page (requests sent)');
    const replies = await text(dm, '.mash-agency-replies');
    expect(/Health\s+Requested/.test(replies) && /Education\s+Requested/.test(replies), `the replies table does not show both requests: ${replies}`);

    // --- (a) the health practitioner -------------------------------------------------------------
    step = 'health practitioner: sign in';
    const nurseContext = await context();
    const nurse = await signIn(nurseContext, NURSE, NURSE_PASSWORD);
    expect(new URL(nurse.url()).pathname === '/requests', `a health practitioner should land on /requests, not ${nurse.url()}`);
    await audit(nurse, 'agency queue');
    const row = nurse.locator('tr', { hasText: FAMILY }).first();
    expect(await row.count() === 1, `the request about ${FAMILY} is not in health's queue`);
    const rowText = await row.innerText();
    expect(rowText.includes(`Rowan ${FAMILY}, Julie ${FAMILY}`) && rowText.includes('Requested'), `the queue row: ${rowText}`);
    const link = row.locator('a').first();
    const requestPath = await link.getAttribute('href');

    step = 'health practitioner: open the request with the keyboard';
    await link.focus();
    await Promise.all([nurse.waitForNavigation(), nurse.keyboard.press('Enter')]);
    expect(new URL(nurse.url()).pathname === requestPath, `Enter on the request went to ${nurse.url()}`);
    await audit(nurse, 'request (to answer)');
    const request = await text(nurse, 'main');
    for (const want of ['The people to search for', `Rowan ${FAMILY}`, `Julie ${FAMILY}`, '2021-06-14', '7 Example Street', 'What do you know of Rowan and his mother?'])
      expect(request.includes(want), `the request does not show "${want}"`);
    expect(!request.includes('Not for agencies') && !(await nurse.content()).includes('Not for agencies'),
      'the referral\'s account reaches the agency without a reason recorded');
    const knownIds = await nurse.$$eval('input[type="radio"][name^="known-"][value="known"]', (rs) => rs.map((r) => r.id));
    expect(knownIds.length === 2, `expected a known/not known question per subject, got ${knownIds.length}`);

    step = 'health practitioner: part of the answer, with the keyboard';
    await nurse.focus(`#${knownIds[0]}`);
    await nurse.keyboard.press('Space');
    expect(await nurse.isChecked(`#${knownIds[0]}`), 'Space did not choose "Known to us"');
    const summaryId = await nurse.getAttribute('input[value="summary"][name$="-kind"]', 'name').then((n) => n.replace(/-kind$/, '-text'));
    await typeInto(nurse, `#${summaryId}`, SUMMARY);
    await pressButton(nurse, 'Save and finish later');
    await audit(nurse, 'request (saved part-way)');
    expect((await text(nurse, '.govuk-notification-banner')).includes('Answer saved. It is not sent until you send it.'), 'no banner saying the answer was saved');

    step = 'health practitioner: come back to it';
    await nurse.goto(`${BASE}/requests`);
    expect((await nurse.locator('tr', { hasText: FAMILY }).first().innerText()).includes('Being answered'), 'the queue does not show the request in progress');
    await Promise.all([nurse.waitForNavigation(), nurse.locator('tr', { hasText: FAMILY }).first().locator('a').click()]);
    expect(await nurse.inputValue(`#${summaryId}`) === SUMMARY, 'the summary saved was not kept');
    expect(await nurse.isChecked(`#${knownIds[0]}`), 'the subject answered was not kept');
    expect(!(await nurse.isChecked(`#${knownIds[1]}`)), 'a subject not answered shows as answered');

    step = 'health practitioner: send with a subject unanswered';
    await nurse.focus(`#${summaryId}`);
    await pressButton(nurse, 'Send the answer');
    await audit(nurse, 'request (send with an answer missing)');
    const missing = await text(nurse, '.govuk-error-summary');
    expect(missing.includes('Say whether your agency knows each subject before sending the answer'),
      `the error summary does not say a subject is unanswered: "${missing}"`);
    expect((await nurse.title()).startsWith('Error:'), 'the page title should start with "Error:"');
    expect(await nurse.inputValue(`#${summaryId}`) === SUMMARY, 'the summary typed was lost');
    await nurse.click(`.govuk-error-summary__list a[href="#${knownIds[1]}"]`);
    expect((await focusedId(nurse)) === knownIds[1], `the error summary link should focus the subject's first radio, not ${await focusedId(nurse)}`);
    await nurse.keyboard.press('Space');
    expect(await nurse.isChecked(`#${knownIds[1]}`), 'Space did not choose "Known to us" for the second subject');

    step = 'health practitioner: a health-confidential risk indicator, with the keyboard';
    const risk = (await nurse.getAttribute('input[value="risk"][name$="-kind"]', 'name')).replace(/-kind$/, '');
    await chooseWithKeys(nurse, `#${risk}-indicator`, 'mental_health');
    const julie = await nurse.$eval(`#${risk}-subject`, (s) => [...s.options].find((o) => o.text.startsWith('Julie')).value);
    await chooseWithKeys(nurse, `#${risk}-subject`, julie);
    await typeInto(nurse, `#${risk}-text`, CONFIDENTIAL);
    await chooseWithKeys(nurse, `#${risk}-sensitivity`, 'health_confidential');

    step = 'health practitioner: a chronology entry, with the keyboard';
    const entry = (await nurse.getAttribute('input[value="chronology"][name$="-kind"]', 'name')).replace(/-kind$/, '');
    const past = new Date(Date.now() - 40 * 86400 * 1000).toISOString().slice(0, 10);
    await typeInto(nurse, `#${entry}-date`, past);
    await nurse.keyboard.press('Tab');
    expect((await focusedId(nurse)) === `${entry}-system`, `Tab from the date should reach the system, not ${await focusedId(nurse)}`);
    await nurse.keyboard.type('SystmOne');
    await typeInto(nurse, `#${entry}-text`, 'Attended the emergency department with a cut hand');
    await pressButton(nurse, 'Send the answer');
    await audit(nurse, 'request (answer sent)');
    expect((await text(nurse, '.govuk-notification-banner')).includes('Answer sent to the MASH.'), 'no banner saying the answer was sent');
    const answer = await text(nurse, 'main');
    expect(answer.includes(CONFIDENTIAL) && /Health-confidential/i.test(answer), `the agency's own answer does not show its marked item: ${answer.slice(0, 600)}`);
    expect(await nurse.locator('button:has-text("Send the answer")').count() === 0, 'a sent answer still offers to send');

    step = 'health practitioner: withhold a passage from children\'s social care';
    const details = nurse.locator('details', { hasText: 'Withhold a passage from other agencies' });
    await details.locator('summary').focus();
    await nurse.keyboard.press('Enter');
    expect(await details.evaluate((d) => d.open), 'Enter did not open "Withhold a passage"');
    await audit(nurse, 'request (withhold a passage)');
    const summaryItem = await nurse.$eval('#redact-item', (s) => [...s.options].find((o) => o.text.startsWith('Summary')).value);
    await chooseWithKeys(nurse, '#redact-item', summaryItem);
    await typeInto(nurse, '#redact-passage', PASSAGE);
    const csc = await nurse.$eval('input[name="redact-recipients"][value="childrens_social_care"]', (c) => c.id);
    await nurse.focus(`#${csc}`);
    await nurse.keyboard.press('Space');
    expect(await nurse.isChecked(`#${csc}`), 'Space did not tick children\'s social care');
    await chooseWithKeys(nurse, '#redact-reason', 'third_party');
    await typeInto(nurse, '#redact-note', 'A neighbour\'s identity');
    await pressButton(nurse, 'Withhold the passage');
    await audit(nurse, 'request (passage withheld)');
    expect((await text(nurse, '.govuk-notification-banner')).includes('Passage withheld.'), 'no banner saying the passage was withheld');
    const listed = await text(nurse, 'main');
    expect(listed.includes(`“${PASSAGE}” withheld from Children's social care (Third-party information)`),
      `the agency does not see what it withheld, from whom and why: ${listed.slice(-600)}`);

    // --- (b) an information officer reads the answer ----------------------------------------------
    step = 'information officer: the research page';
    const officerContext = await context();
    const officer = await signIn(officerContext, OFFICER, OFFICER_PASSWORD);
    await officer.goto(`${BASE}${contactPath}`);
    await audit(officer, 'contact (information officer)');
    await Promise.all([officer.waitForNavigation(), officer.click('a:has-text("The basis for sharing, information requests")')]);
    await audit(officer, 'research page (information officer)');
    const read = await text(officer, 'main');
    expect(read.includes('Both known to health visiting. Concerns were raised by [redacted: third-party information] in October.'),
      `the summary is not shown with the passage redacted: ${read}`);
    expect(read.includes('[redacted: health-confidential]'), 'the health-confidential item is not shown as withheld');
    expect(read.includes('1 item is withheld from you; 1 passage is withheld from you'), 'the answer does not say what is withheld');
    const source = await officer.content();
    for (const secret of [PASSAGE, 'Ashcombe-Tulliver', CONFIDENTIAL, 'postnatal depression', 'Larkspur'])
      expect(!source.includes(secret), `the page source holds the withheld words "${secret}"`);
    expect(await officer.locator('form[action$="/redactions"]').count() === 0, 'an information officer is offered to withhold passages');

    step = 'information officer: disclosures and who has seen the record';
    await Promise.all([officer.waitForNavigation(), officer.click('a:has-text("What has been disclosed about the subjects")')]);
    await audit(officer, 'disclosures');
    const disclosed = await text(officer, 'main');
    expect(disclosed.includes(`${OFFICER} (Children's social care)`) && disclosed.includes('MASH enquiry: reading the research')
      && disclosed.includes('DPA 2018 Schedule 1 paragraph 18'), `the disclosures do not list the officer's read with why and on what basis: ${disclosed.slice(0, 800)}`);
    for (const secret of [PASSAGE, CONFIDENTIAL]) expect(!(await officer.content()).includes(secret), `the disclosures page holds "${secret}"`);
    await officer.goBack();
    await Promise.all([officer.waitForNavigation(), officer.click('a:has-text("Who has seen Rowan")')]);
    await audit(officer, 'who has seen the record');
    const seen = await text(officer, 'main');
    expect(seen.includes(OFFICER) && seen.includes(RATER), `the access history does not name the officer and the decision maker: ${seen.slice(0, 800)}`);
    for (const secret of [PASSAGE, CONFIDENTIAL]) expect(!(await officer.content()).includes(secret), `the access history holds "${secret}"`);

    step = 'information officer: the household chronology, exported';
    await officer.goto(`${BASE}${contactPath}/research`);
    await Promise.all([officer.waitForNavigation(), officer.click('a:has-text("Household chronology")')]);
    await audit(officer, 'household chronology');
    const timeline = await text(officer, 'main');
    expect(timeline.includes('Attended the emergency department with a cut hand'), `the chronology does not show health's entry: ${timeline.slice(0, 800)}`);
    // Without saying what for: the error summary, focused, linking to the field.
    await officer.focus('#purpose');
    await pressButton(officer, 'Download as CSV', 5);
    await audit(officer, 'household chronology (export without a purpose)');
    expect((await text(officer, '.govuk-error-summary')).includes('Say what the export is for'), 'no error summary for an export without a purpose');
    await typeInto(officer, '#purpose', 'Strategy discussion on Tuesday');
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      (async () => {
        for (let i = 0; i < 5; i++) {
          await officer.keyboard.press('Tab');
          const t = await officer.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
          if (t === 'Download as CSV') return officer.keyboard.press('Enter');
        }
        fail('Tab never reached the "Download as CSV" button');
      })(),
    ]);
    expect(/^chronology-.*-household\.csv$/.test(download.suggestedFilename()), `the export is named ${download.suggestedFilename()}`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.includes('Date,Type,Agency,Source,Entry,Contact') && csv.includes('Attended the emergency department with a cut hand'),
      `the export does not hold the chronology: ${csv.slice(0, 600)}`);
    for (const secret of [PASSAGE, 'Ashcombe-Tulliver', CONFIDENTIAL, 'postnatal depression', 'Larkspur'])
      expect(!csv.includes(secret), `the export holds the withheld words "${secret}"`);

    // --- the decision maker reads the health-confidential item -----------------------------------
    step = 'decision maker: the research page with the answer';
    await dm.goto(`${BASE}${contactPath}/research`);
    await audit(dm, 'research page (decision maker, answered)');
    const dmRead = await text(dm, 'main');
    expect(dmRead.includes(CONFIDENTIAL), 'a decision maker does not read the health-confidential item');
    expect(dmRead.includes('Passages withheld'), 'a decision maker is not told which passages are withheld');
    console.log(`Health answered ${requestPath} about ${FAMILY}; the information officer read it with one item and one passage withheld.`);
  } finally {
    await browser.close();
  }
}

await run(main, 'Research browser test', 'Research pages', () => step);
