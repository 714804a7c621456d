// @ts-check
/**
 * @module
 * What a host page does to embed the widgets, shared by the demo pages: it signs a user in (here: a demo-user
 * switcher that mints development tokens with `POST /api/v1/auth/dev-token`), hands every `pl-` element a
 * `tokenProvider` callback (the host-callback pattern: the widgets keep tokens in memory and call back before
 * expiry or after a 401), and switches the page language, which the widgets follow through `<html lang>`.
 * Plain JavaScript, no build step.
 */

const API = '/api/v1';
const WIDGETS = [
  'pl-request-form',
  'pl-my-contacts',
  'pl-inbox',
  'pl-contact',
  'pl-spokesperson-directory',
  'pl-resident-reporters',
  'pl-registry-admin',
  'pl-supervisor-board',
  'pl-agency-stats',
  'pl-reports',
  'pl-walk-in-form',
  'pl-difficulty-form',
  'pl-notifications',
  'pl-rules-admin',
  'pl-calendar-admin',
].join(', ');
const PAGE = document.body.dataset['demoPage'] ?? 'demo';
const USER_KEY = `pl-demo-user:${PAGE}`;
const LANG_KEY = 'pl-demo-lang';

/** @typedef {{ sub: string, name: string, roles: string[], agencyId: string | null, title: string, description: string }} DemoUser */
/** @typedef {HTMLElement & { tokenProvider?: (() => Promise<string>) | undefined }} Widget */

/** @param {string} id */
const byId = (id) => document.getElementById(id);

/**
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<unknown>}
 */
async function api(path, init) {
  const response = await fetch(API + path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * A token callback for one user. Tokens are minted on demand; calls within a few seconds share one mint, so
 * several widgets starting together cost one request. The widgets themselves cache the token until shortly
 * before it expires, and call again after a 401.
 * @param {DemoUser} user
 * @returns {() => Promise<string>}
 */
function tokenProviderFor(user) {
  /** @type {{ at: number, token: Promise<string> } | undefined} */
  let recent;
  return () => {
    if (recent && Date.now() - recent.at < 5000) return recent.token;
    const body = {
      sub: user.sub,
      roles: user.roles,
      name: user.name,
      ...(user.agencyId ? { agencyId: user.agencyId } : {}),
    };
    const token = api('/auth/dev-token', { method: 'POST', body: JSON.stringify(body) }).then(
      (answer) => /** @type {{ token: string }} */ (answer).token,
    );
    recent = { at: Date.now(), token };
    token.catch(() => (recent = undefined));
    return token;
  };
}

/** The value of the "not signed in" choice (pages with `data-allow-anonymous`). */
const ANONYMOUS = '';

/** @param {DemoUser | undefined} user  undefined: a visitor who has not signed in. */
function signIn(user) {
  const provider = user ? tokenProviderFor(user) : undefined;
  for (const el of /** @type {NodeListOf<Widget>} */ (document.querySelectorAll(WIDGETS)))
    el.tokenProvider = provider;
  const name = byId('demo-user-name');
  if (name) name.textContent = user?.name ?? '';
  const info = byId('demo-user-info');
  if (info) info.textContent = user?.description ?? 'Khách chưa đăng nhập: chỉ dùng được danh bạ công khai.';
  document.body.dataset['demoUser'] = user?.sub ?? ANONYMOUS;
  showForRoles(user?.roles ?? []);
}

/**
 * Parts of a page meant for some roles only (`data-requires-role="admin"`: the IOffice administration menu and
 * panel) are shown when the signed-in demo user has one of them. The API decides what they may do; this only
 * keeps other people's screens uncluttered.
 * @param {string[]} roles
 */
function showForRoles(roles) {
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll('[data-requires-role]')
  )) {
    const wanted = (el.dataset['requiresRole'] ?? '').split(' ');
    el.hidden = !wanted.some((r) => roles.includes(r));
  }
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-unless-role]'))) {
    const wanted = (el.dataset['unlessRole'] ?? '').split(' ');
    el.hidden = wanted.some((r) => roles.includes(r));
  }
}

/** @param {DemoUser} user */
function groupOf(user) {
  if (user.roles.includes('journalist')) return 'Phóng viên';
  if (user.roles.some((r) => r === 'supervisor' || r === 'auditor' || r === 'admin'))
    return 'Sở VHTTDL, kiểm tra, quản trị';
  return 'Cơ quan nhà nước';
}

async function setUpUsers() {
  const select = /** @type {HTMLSelectElement | null} */ (byId('demo-user'));
  if (!select) return;
  /** @type {DemoUser[]} */
  let users;
  try {
    users = /** @type {{ items: DemoUser[] }} */ (await api('/demo/users')).items;
  } catch {
    const info = byId('demo-user-info');
    if (info)
      info.textContent = 'Không tải được danh sách người dùng demo (máy chủ chưa chạy ở chế độ dev?).';
    return;
  }
  /** @type {Map<string, HTMLOptGroupElement>} */
  const groups = new Map();
  const anonymous = 'allowAnonymous' in select.dataset;
  if (anonymous) select.append(new Option('Khách (chưa đăng nhập)', ANONYMOUS));
  for (const user of users) {
    const label = groupOf(user);
    let group = groups.get(label);
    if (!group) {
      group = document.createElement('optgroup');
      group.label = label;
      groups.set(label, group);
      select.append(group);
    }
    group.append(new Option(`${user.name} — ${user.title}`, user.sub));
  }
  const prefer = select.dataset['prefer'] ?? '';
  const stored = sessionStorage.getItem(USER_KEY);
  if (anonymous && stored === ANONYMOUS) {
    select.value = ANONYMOUS;
    signIn(undefined);
  } else {
    const initial =
      users.find((u) => u.sub === stored) ??
      users.find((u) => u.roles.some((r) => prefer.split(' ').includes(r))) ??
      users[0];
    if (!initial) return;
    select.value = initial.sub;
    signIn(initial);
  }
  select.addEventListener('change', () => {
    const user = users.find((u) => u.sub === select.value);
    if (!user && !(anonymous && select.value === ANONYMOUS)) return;
    sessionStorage.setItem(USER_KEY, select.value);
    signIn(user);
  });
}

/** @param {string} lang */
function applyLang(lang) {
  document.documentElement.lang = lang;
  // The page's own chrome: elements carry their English text in data-en; the Vietnamese is remembered in data-vi.
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-en]'))) {
    el.dataset['vi'] ??= el.textContent ?? '';
    el.textContent = (lang === 'en' ? el.dataset['en'] : el.dataset['vi']) ?? '';
  }
  const toggle = byId('lang-toggle');
  if (toggle) {
    toggle.textContent = lang === 'en' ? 'Tiếng Việt' : 'English';
    toggle.setAttribute('lang', lang === 'en' ? 'vi' : 'en');
  }
}

function setUpLanguage() {
  applyLang(sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi');
  byId('lang-toggle')?.addEventListener('click', () => {
    const next = document.documentElement.lang === 'en' ? 'vi' : 'en';
    sessionStorage.setItem(LANG_KEY, next);
    applyLang(next);
  });
}

/**
 * @typedef {Event & {
 *   contactId?: string | null, link?: string | null, notificationType?: string,
 *   action?: string, contact?: { id: string, status: string },
 *   change?: string, spokesperson?: { id: string, fullName: string },
 *   job?: { id: string, mode: string, status: string, report: { summary: Record<string, number> } | null }
 * }} WidgetEvent
 */

/** @param {WidgetEvent} e */
function describeEvent(e) {
  if (e.contact) return `${e.contact.id} → ${e.contact.status}`;
  if (e.spokesperson) return `${e.spokesperson.fullName} (${e.spokesperson.id})`;
  if (e.job)
    return `${e.job.id} ${e.job.mode} → ${e.job.status} ${JSON.stringify(e.job.report?.summary ?? {})}`;
  return e.contactId ?? e.link ?? '';
}

/** A visible log of the widgets' events, to show what a host can listen to. */
function setUpEventLog() {
  const log = byId('event-log');
  if (!log) return;
  const types = [
    'pl-contact-created',
    'pl-contact-select',
    'pl-action-completed',
    'pl-spokesperson-changed',
    'pl-import-finished',
    'pl-notification-open',
  ];
  for (const type of types) {
    document.addEventListener(type, (event) => {
      const e = /** @type {WidgetEvent} */ (event);
      const item = document.createElement('li');
      const what = e.action ?? e.change ?? e.notificationType;
      item.textContent = `${new Date().toLocaleTimeString('vi-VN')} ${type}${what ? ` (${what})` : ''}: ${describeEvent(e)}`;
      log.prepend(item);
    });
  }
}

/**
 * Pages with several screens (IOffice: inbox, walk-in visits, spokespersons, resident reporters, administration
 * (deadline rules and the working-day calendar, for administrators); the department:
 * board, difficulty reports, responsiveness, reports) show one `[data-panel]` at a
 * time, chosen by the address's `#hash` through the menu's `[data-panel-link]` links; the first panel is the default.
 */
function setUpPanels() {
  const panels = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-panel]'));
  const links = /** @type {NodeListOf<HTMLAnchorElement>} */ (
    document.querySelectorAll('a[data-panel-link]')
  );
  if (!panels.length) return;
  const show = () => {
    const fromHash = [...links].find((a) => a.hash && a.hash === location.hash)?.dataset['panelLink'];
    const name = fromHash ?? panels[0]?.dataset['panel'];
    for (const panel of panels) panel.hidden = panel.dataset['panel'] !== name;
    for (const link of links) {
      if (link.dataset['panelLink'] === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  };
  window.addEventListener('hashchange', show);
  show();
}

/**
 * The department's page shows the contact chosen on the board in its own `pl-contact` panel: the host listens
 * for `pl-contact-select` (a composed event, so it reaches the document) and sets the panel's `contact-id`.
 */
function setUpContactPanel() {
  const panel = byId('contact-panel');
  const contact = byId('contact');
  if (!panel || !contact) return;
  document.addEventListener('pl-contact-select', (event) => {
    const id = /** @type {WidgetEvent} */ (event).contactId;
    // An inbox (the department's queue of difficulty reports) shows the contact it opens itself.
    if (
      !id ||
      event.target === contact ||
      (event.target instanceof Element && event.target.localName === 'pl-inbox')
    )
      return;
    contact.setAttribute('contact-id', id);
    panel.hidden = false;
    panel.scrollIntoView({ block: 'nearest' });
  });
}

/** Shows the panel (`[data-panel]`) holding `element`, through its menu link, on pages with several panels. */
function showPanelOf(/** @type {Element} */ element) {
  const name = /** @type {HTMLElement | null} */ (element.closest('[data-panel]'))?.dataset['panel'];
  const link = name
    ? /** @type {HTMLAnchorElement | null} */ (document.querySelector(`a[data-panel-link="${name}"]`))
    : null;
  if (link?.hash && location.hash !== link.hash) location.hash = link.hash;
}

/**
 * The notification bell (`pl-notifications`) leaves navigation to the host: on `pl-notification-open` this page
 * opens the contact where it shows contacts — the department's contact panel, the IOffice inbox (its
 * `selected-id`), the journalist's own list (`open-id`) — or, for a registry notice (`registry:<agency>`), the
 * spokesperson screen. The event log shows it in every case.
 */
function setUpNotifications() {
  document.addEventListener('pl-notification-open', (event) => {
    const e = /** @type {WidgetEvent} */ (event);
    const panel = byId('contact-panel');
    const contact = byId('contact');
    const inbox = document.querySelector('pl-inbox#inbox');
    const mine = document.querySelector('pl-my-contacts');
    if (e.contactId && panel && contact) {
      showPanelOf(panel);
      contact.setAttribute('contact-id', e.contactId);
      panel.hidden = false;
      panel.scrollIntoView({ block: 'nearest' });
    } else if (e.contactId && inbox) {
      showPanelOf(inbox);
      inbox.setAttribute('selected-id', e.contactId);
      inbox.scrollIntoView({ block: 'nearest' });
    } else if (e.contactId && mine) {
      mine.setAttribute('open-id', e.contactId);
      mine.scrollIntoView({ block: 'nearest' });
    } else if (e.link?.startsWith('registry:')) {
      const registry = document.querySelector('pl-registry-admin');
      if (registry) showPanelOf(registry);
    }
  });
}

setUpLanguage();
setUpPanels();
setUpContactPanel();
setUpNotifications();
setUpEventLog();
void setUpUsers();
