// The case tracker, live (progressive enhancement: without this the page reloads itself every
// 30 seconds). Listens to /tracker/events (Server-Sent Events) and applies each change in
// place: a row replaced or added in due order, or removed; "reload" fetches the board again.
// Counts the time remaining down every second from each row's due time, and tells screen
// reader users what changed through the page's polite live region.
const table = document.querySelector('[data-tracker]');

if (table) {
  const body = table.tBodies[0];
  const count = document.querySelector('[data-tracker-count]');
  const empty = document.querySelector('[data-tracker-empty]');
  const status = document.querySelector('[data-tracker-status]');
  const announcer = document.querySelector('[data-tracker-announce]');
  // The server's clock less ours, so a board on a machine whose clock is wrong still counts true.
  const skew = Number(table.dataset.now) * 1000 - Date.now();
  const wall = document.body.classList.contains('mash-wall');

  const plural = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  // As the server words it: the two largest units.
  const words = (seconds) => {
    const minutes = Math.floor(Math.abs(seconds) / 60);
    if (minutes === 0) return 'less than a minute';
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days > 0) return plural(days, 'day') + (hours ? ` ${plural(hours, 'hour')}` : '');
    if (hours > 0) return plural(hours, 'hour') + (mins ? ` ${plural(mins, 'minute')}` : '');
    return plural(mins, 'minute');
  };

  const tick = () => {
    const now = (Date.now() + skew) / 1000;
    for (const left of body.querySelectorAll('[data-due]')) {
      const remaining = Number(left.dataset.due) - now;
      const overdue = remaining < 0;
      const text = overdue ? `Overdue by ${words(remaining)}` : `${words(remaining)} left`;
      if (left.textContent !== text) left.textContent = text;
      left.closest('tr').classList.toggle('mash-tracker__row--overdue', overdue);
    }
  };

  // Announcements come in bursts (a batch of changes): one message per burst, politely.
  let pending = [];
  let timer = null;
  const announce = (text) => {
    if (!announcer || !text) return;
    pending.push(text);
    clearTimeout(timer);
    timer = setTimeout(() => {
      announcer.textContent = pending.length > 3
        ? `${pending.length} contacts changed on the board.`
        : pending.join(' ');
      pending = [];
    }, 500);
  };

  const refreshCount = () => {
    const n = body.rows.length;
    if (count) count.textContent = String(n);
    if (empty) empty.hidden = n > 0;
  };

  const rowOf = (id) => body.querySelector(`tr[data-contact="${CSS.escape(String(id))}"]`);
  const before = (a, b) => {
    const d = Number(a.dataset.order) - Number(b.dataset.order);
    return d !== 0 ? d < 0 : Number(a.dataset.contact) < Number(b.dataset.contact);
  };

  const place = (id, html) => {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const row = template.content.firstElementChild;
    if (!row) return;
    const old = rowOf(id);
    const focused = old && old.contains(document.activeElement);
    if (old) old.remove();
    let next = null;
    for (const r of body.rows) {
      if (before(row, r)) { next = r; break; }
    }
    body.insertBefore(row, next);
    row.classList.add('mash-tracker__row--changed');
    setTimeout(() => row.classList.remove('mash-tracker__row--changed'), 4000);
    // Keep a keyboard user where they were: on the same contact's link.
    if (focused) row.querySelector('a')?.focus();
  };

  const remove = (id) => {
    const old = rowOf(id);
    if (!old) return;
    const focused = old.contains(document.activeElement);
    const next = old.nextElementSibling || old.previousElementSibling;
    old.remove();
    if (focused) next?.querySelector('a')?.focus();
  };

  // The whole board again, as the page would show it now.
  const reload = async () => {
    try {
      const response = await fetch(window.location.href, { credentials: 'same-origin' });
      if (!response.ok || response.redirected) { window.location.reload(); return; }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('[data-tracker] tbody');
      if (!fresh) { window.location.reload(); return; }
      body.replaceChildren(...Array.from(fresh.rows).map((r) => document.importNode(r, true)));
      refreshCount();
      tick();
      announce('The board was brought up to date.');
    } catch {
      window.location.reload();
    }
  };

  const params = new URLSearchParams(table.dataset.events.split('?')[1] || '');
  params.set('since', table.dataset.seq);
  const source = new EventSource(`/tracker/events?${params}`);
  const live = () => {
    if (status) {
      status.textContent = wall ? 'Live' : 'Live: changes appear here as they happen.';
    }
  };
  source.addEventListener('open', live);
  source.addEventListener('row', (e) => {
    const data = JSON.parse(e.data);
    place(data.id, data.html);
    refreshCount();
    tick();
    announce(data.announce);
  });
  source.addEventListener('remove', (e) => {
    const data = JSON.parse(e.data);
    if (!rowOf(data.id)) return;
    remove(data.id);
    refreshCount();
    announce(data.announce);
  });
  // Every board hears "reload" at once: spread their fetches over a few seconds.
  source.addEventListener('reload', () => setTimeout(reload, Math.random() * 5000));
  source.addEventListener('signed-out', () => {
    source.close();
    window.location.reload();
  });
  source.addEventListener('error', () => {
    if (status) status.textContent = 'Reconnecting…';
    // Closed for good (signed out, refused): the page itself says why.
    if (source.readyState === EventSource.CLOSED) setTimeout(() => window.location.reload(), 5000);
  });

  setInterval(tick, 1000);
  tick();
}
