import * as Ops from './operations.js';
import { Api } from './api.js';
import * as Auth from './auth.js';
import { metricsChart } from './chart.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const status = document.getElementById('status');
let config;
let api;
let session;
let ids = 0;

// ---- small DOM helpers ----

function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'value') element.value = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  element.append(...children.flat().filter((c) => c != null && c !== false));
  return element;
}

/** A labelled control; the control gets an id, the label points at it. */
function field(text, control, hint) {
  control.id ||= `field-${++ids}`;
  const parts = [h('label', { for: control.id }, text), control];
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { id: hintId, class: 'hint' }, hint));
  }
  return h('div', {}, ...parts);
}

function select(name, options, props = {}) {
  return h('select', { name, ...props }, options.map(([value, text]) => h('option', { value }, text)));
}

const when = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '–');
const day = (iso) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '–');
const words = (constant) => constant.charAt(0) + constant.slice(1).toLowerCase().replace(/_/g, ' ');
const isOverdue = (item) => item.overdue ?? new Date(item.dueAt) < new Date();

function announce(message, error = false) {
  status.textContent = message;
  status.className = error ? 'error' : '';
}

/** Runs a mutation from a form or button; user errors and failures are announced, success once re-rendered. */
async function act(button, work, success, after = render) {
  button.disabled = true;
  announce('');
  try {
    const errors = await work();
    if (errors?.length) {
      announce(errors.map((e) => e.message).join(' '), true);
      return;
    }
    await after();
    if (success) announce(success);
  } catch (error) {
    announce(error.message, true);
  } finally {
    button.disabled = false;
  }
}

function onSubmit(form, handler) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handler(form.querySelector('button[type=submit]'), new FormData(form));
  });
  return form;
}

let shownView;

/** Renders a view; a new view takes the focus, the same view re-rendered keeps the place and focused control. */
function show(view, title, ...content) {
  const focused = document.activeElement?.id;
  const same = view === shownView;
  const scroll = window.scrollY;
  shownView = view;
  main.replaceChildren(h('h1', {}, title), ...content);
  if (!same) {
    main.focus();
    return;
  }
  window.scrollTo(0, scroll);
  (document.getElementById(focused) || main).focus({ preventScroll: true });
}

// ---- sign-in ----

function renderNav() {
  nav.replaceChildren();
  if (!session) return;
  const other = session.role === 'self' ? null : h('span', { class: 'badge' }, session.role === 'admin' ? 'Admin' : 'Staff');
  nav.append(other || h('span', { class: 'badge' }, 'Self-service'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { Auth.signOut(); session = null; api = null; render(); } }, 'Sign out'));
}

function signInView() {
  const role = select('role', [['self', 'My own data (self-service)'], ['staff', 'Privacy staff'], ['admin', 'Privacy officer (admin)']]);
  if (config.issuer) {
    const form = onSubmit(h('form', {}, field('Sign in for', role),
      h('button', { type: 'submit' }, 'Sign in with your identity provider')), async (button, data) => {
      button.disabled = true;
      try { await Auth.oidcSignIn(config, data.get('role')); } catch (error) { announce(error.message, true); button.disabled = false; }
    });
    return show('signin', 'Sign in', h('p', {}, 'You sign in at your organisation\'s identity provider and come back here.'), form);
  }
  const form = onSubmit(h('form', {},
    h('p', { class: 'callout' }, 'Development sign-in: the portal runs its embedded token issuer, so you may be anyone.'),
    field('User id', h('input', { name: 'sub', required: true, autocomplete: 'username', value: 'alice' })),
    field('Full name', h('input', { name: 'name', autocomplete: 'name', value: 'Alice Example' })),
    field('Email', h('input', { name: 'email', type: 'email', autocomplete: 'email', value: 'alice@example.com' })),
    field('Sign in for', role),
    h('button', { type: 'submit' }, 'Sign in')), (button, data) => act(button, async () => {
    session = await Auth.devSignIn(config.api, Object.fromEntries(data));
  }, 'Signed in.'));
  return show('signin', 'Sign in', form);
}

// ---- self-service ----

async function selfView() {
  const [me, policy, exports, corrections, complaints] = await Promise.all([
    api.run(Ops.Me), api.run(Ops.Policy), api.run(Ops.MyExports), api.run(Ops.MyCorrections), api.run(Ops.MyComplaints)]);
  const subject = me.me;
  show('self', `Your data${subject.profile.fullName ? `, ${subject.profile.fullName}` : ''}`,
    policySection(policy.privacyPolicy, subject.policyAcknowledgementRequired),
    h('div', { class: 'grid' }, profileSection(subject), exportSection(exports.me.exports.edges.map((e) => e.node))),
    consentSection(subject.consents),
    correctionSection(corrections.me.correctionRequests.edges.map((e) => e.node)),
    complaintSection(complaints.me.complaints.edges.map((e) => e.node)),
    deletionSection(subject.deletionRequest));
}

function policySection(policy, required) {
  const acknowledge = required && h('div', { class: 'callout' },
    h('p', {}, `Version ${policy.version} of the privacy policy applies since ${day(policy.effectiveAt)}: ${policy.summary}`),
    h('button', { type: 'button', id: 'acknowledge-policy', onclick: (event) => act(event.target,
      async () => (await api.run(Ops.AcknowledgePolicy, { version: policy.version })).acknowledgePolicy.userErrors,
      `You acknowledged version ${policy.version}.`) }, `I have read version ${policy.version}`));
  return h('section', { 'aria-labelledby': 'policy-title' }, h('h2', { id: 'policy-title' }, 'Privacy policy'),
    acknowledge || h('p', {}, `Version ${policy.version}, in force since ${day(policy.effectiveAt)}. You have acknowledged it.`),
    h('details', {}, h('summary', {}, 'Read the policy'), h('pre', { class: 'policy' }, policy.text)));
}

function profileSection(subject) {
  const p = subject.profile;
  const address = p.postalAddress && [p.postalAddress.line1, p.postalAddress.line2, p.postalAddress.postalCode,
    p.postalAddress.city, p.postalAddress.region, p.postalAddress.country].filter(Boolean).join(', ');
  const rows = [['Name', p.fullName], ['Email', p.email], ['Phone', p.phone], ['Organisation', p.organization],
    ['Address', address], ['Registered', when(subject.registeredAt)]];
  return h('section', { 'aria-labelledby': 'profile-title' }, h('h2', { id: 'profile-title' }, 'Your profile'),
    h('dl', {}, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '–')])),
    h('h3', {}, 'Where it came from'),
    h('ul', { class: 'plain', id: 'sources' }, subject.collectionSources.map((s) => h('li', {}, words(s)))));
}

function consentSection(consents) {
  const boxes = consents.purposes.map((c) => {
    const id = `consent-${c.purpose.key}`;
    const box = h('input', { type: 'checkbox', id, name: c.purpose.key, checked: c.granted,
      disabled: c.purpose.basis === 'REQUIRED', 'aria-describedby': `${id}-text` });
    return { c, box, row: h('div', {}, h('label', { class: 'check', for: id }, box, h('span', {}, h('strong', {}, c.purpose.title),
      c.purpose.basis === 'REQUIRED' ? ' (needed for the service)' : '')),
    h('p', { id: `${id}-text`, class: 'hint' }, c.purpose.description, ` Now: ${c.granted ? 'on' : 'off'} (${words(c.source)}).`)) };
  });
  const form = onSubmit(h('form', {}, h('fieldset', {}, h('legend', {}, 'What we may use your data for'), boxes.map((b) => b.row)),
    h('button', { type: 'submit', id: 'save-consents' }, 'Save my choices')), (button) => act(button, async () => {
    const changes = boxes.filter((b) => b.box.checked !== b.c.granted).map((b) => ({ purposeKey: b.c.purpose.key, granted: b.box.checked }));
    if (!changes.length) return [{ message: 'Nothing changed.' }];
    return (await api.run(Ops.UpdateConsents, { changes })).updateConsents.userErrors;
  }, 'Your choices are saved.'));
  return h('section', { 'aria-labelledby': 'consent-title' }, h('h2', { id: 'consent-title' }, 'Consents'), form);
}

function exportSection(exports) {
  const live = h('p', { id: 'export-progress', 'aria-live': 'polite' });
  const list = h('ul', { class: 'plain', id: 'exports' }, exports.map((e) => exportItem(e)));
  const form = onSubmit(h('form', {}, field('Format', select('format', [['ZIP', 'ZIP: data, spreadsheets and a readable report'], ['JSON', 'JSON: one machine-readable file']])),
    h('button', { type: 'submit', id: 'request-export' }, 'Request a copy of my data')), (button, data) => act(button, async () => {
    const answer = (await api.run(Ops.RequestDataExport, { format: data.get('format') })).requestDataExport;
    if (!answer.userErrors.length) follow(answer.export.id, live, list);
    return answer.userErrors;
  }, 'Your copy is being prepared.', async () => {}));
  return h('section', { 'aria-labelledby': 'export-title' }, h('h2', { id: 'export-title' }, 'A copy of your data'), form, live, list);
}

function exportItem(e) {
  const download = e.status === 'READY' && e.downloadUrl && h('button', { type: 'button', class: 'download', onclick: (event) => act(event.target,
    async () => { const file = await api.download(e.downloadUrl); announce(`Downloaded ${file.name} (${Math.ceil(file.size / 1024)} KB).`); },
    null, async () => {}) }, `Download ${e.format}`);
  return h('li', { 'data-export': e.id }, `${e.format}, requested ${when(e.requestedAt)}: `, h('strong', { class: 'export-status' }, words(e.status)),
    e.sizeBytes ? ` (${Math.ceil(e.sizeBytes / 1024)} KB)` : '', ' ', download);
}

/** Follows an export over the subscription until it is ready or failed. */
function follow(id, live, list) {
  const close = api.subscribe(Ops.DataExportUpdated, { id }, (data) => {
    const e = data.dataExportUpdated;
    live.textContent = `Your ${e.format} copy: ${words(e.status)}.`;
    list.querySelector(`[data-export="${e.id}"]`)?.remove();
    list.prepend(exportItem({ ...e, requestedAt: new Date().toISOString() }));
    if (['READY', 'FAILED', 'EXPIRED'].includes(e.status)) close();
  }, (error) => { live.textContent = error.message; });
}

const FIELDS = [['FULL_NAME', 'Name'], ['EMAIL', 'Email'], ['PHONE', 'Phone'], ['ORGANIZATION', 'Organisation'], ['POSTAL_ADDRESS', 'Postal address']];

function correctionSection(requests) {
  const form = onSubmit(h('form', {}, field('Field', select('field', FIELDS)),
    field('Correct value', h('input', { name: 'proposedValue', required: true }),
      'A phone number as +41 44 668 18 00; an address as JSON, e.g. {"line1": "Main Street 1", "city": "Zurich", "country": "CH"}.'),
    field('Why (optional)', h('input', { name: 'reason' })),
    h('button', { type: 'submit', id: 'submit-correction' }, 'Ask for the correction')), (button, data) => act(button,
    async () => (await api.run(Ops.SubmitCorrection, { input: { field: data.get('field'), proposedValue: data.get('proposedValue'),
      reason: data.get('reason') || null } })).submitCorrectionRequest.userErrors, 'Your correction request was sent; staff answer within 30 days.'));
  const items = requests.map((r) => h('article', { class: 'item', 'data-correction': r.id },
    h('h3', {}, `${words(r.field)}: ${r.proposedValue}`),
    h('p', {}, h('span', { class: 'badge' }, words(r.status)), ` sent ${day(r.submittedAt)}, answer by ${day(r.dueAt)}`),
    r.decisionNote && h('p', {}, `Note from staff: ${r.decisionNote}`),
    r.status === 'PENDING' && h('button', { type: 'button', class: 'secondary', onclick: (event) => act(event.target,
      async () => (await api.run(Ops.CancelCorrection, { id: r.id })).cancelCorrectionRequest.userErrors, 'The correction request is withdrawn.') },
    'Withdraw this request')));
  return h('section', { 'aria-labelledby': 'correction-title' }, h('h2', { id: 'correction-title' }, 'Corrections'), form, items);
}

const CATEGORIES = ['POLICY_VIOLATION', 'UNWANTED_MARKETING', 'THIRD_PARTY_SHARING', 'DATA_ACCURACY', 'SECURITY_CONCERN', 'COMPROMISED_PASSWORD', 'OTHER'];

function complaintSection(complaints) {
  const form = onSubmit(h('form', {}, field('What is it about', select('category', CATEGORIES.map((c) => [c, words(c)]))),
    field('Summary', h('input', { name: 'summary', required: true, maxlength: 200 })),
    field('What happened', h('textarea', { name: 'description', required: true, maxlength: 5000 })),
    h('button', { type: 'submit', id: 'file-complaint' }, 'File the complaint')), (button, data) => act(button,
    async () => (await api.run(Ops.FileComplaint, { input: Object.fromEntries(data) })).fileComplaint.userErrors,
    'Your complaint is filed.'));
  const items = complaints.map((c) => {
    const closed = ['RESOLVED', 'DISMISSED'].includes(c.status);
    const reply = !closed && onSubmit(h('form', {}, field('Your reply', h('textarea', { name: 'body', required: true })),
      h('button', { type: 'submit' }, 'Send reply')), (button, data) => act(button,
      async () => (await api.run(Ops.ReplyToComplaint, { input: { complaintId: c.id, body: data.get('body') } })).replyToComplaint.userErrors,
      'Your reply is sent.'));
    return h('article', { class: 'item', 'data-complaint': c.id }, h('h3', {}, c.summary),
      h('p', {}, h('span', { class: 'badge' }, words(c.status)), ` ${words(c.category)}, filed ${day(c.filedAt)}`),
      c.remedy && h('p', {}, `What was done: ${c.remedy}`),
      h('ul', { class: 'plain' }, c.messages.map((m) => h('li', {}, h('strong', {}, m.author === 'STAFF' ? 'Staff' : 'You'), ` (${when(m.at)}): ${m.body}`))),
      reply);
  });
  return h('section', { 'aria-labelledby': 'complaint-title' }, h('h2', { id: 'complaint-title' }, 'Complaints'), form, items);
}

function deletionSection(request) {
  const open = request && request.status === 'PENDING';
  const content = open
    ? [h('p', { id: 'deletion-state' }, `Your data will be erased on ${day(request.scheduledFor)}. Until then you can change your mind.`),
      h('button', { type: 'button', id: 'cancel-deletion', onclick: (event) => act(event.target,
        async () => (await api.run(Ops.CancelDeletion, { id: request.id })).cancelDeletionRequest.userErrors, 'Your deletion request is cancelled.') },
      'Keep my data (cancel the request)')]
    : [onSubmit(h('form', {}, field('Why (optional)', h('input', { name: 'reason' })),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'confirm', required: true }),
        'I understand that my data is erased 14 days from now unless I cancel.'),
      h('button', { type: 'submit', id: 'request-deletion' }, 'Delete my data')), (button, data) => act(button,
      async () => (await api.run(Ops.RequestDeletion, { reason: data.get('reason') || null })).requestDeletion.userErrors,
      'Your deletion request is recorded.'))];
  return h('section', { 'aria-labelledby': 'deletion-title' }, h('h2', { id: 'deletion-title' }, 'Delete my data'), ...content);
}

// ---- staff ----

const staffState = { overdueOnly: false, caseType: 'COMPLAINT' };
const OPEN_REQUESTS = ['PENDING', 'IN_REVIEW'];
const OPEN_COMPLAINTS = ['RECEIVED', 'ACKNOWLEDGED', 'INVESTIGATING'];

async function staffView() {
  const overdue = staffState.overdueOnly ? true : null;
  const [queues, metrics] = await Promise.all([
    api.run(Ops.StaffQueues, { requests: { status: OPEN_REQUESTS, overdue }, complaints: { status: OPEN_COMPLAINTS, overdue } }),
    api.run(Ops.RequestMetrics, monthWindows())]);
  const filter = h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'overdue-only', checked: staffState.overdueOnly,
    onchange: (event) => { staffState.overdueOnly = event.target.checked; render(); } }), 'Overdue only');
  show('staff', 'Privacy work', filter, metricsSection(metrics),
    queue('Corrections', 'corrections', queues.correctionRequests, correctionItem),
    queue('Deletions', 'deletions', queues.deletionRequests, deletionItem),
    queue('Complaints', 'complaints', queues.complaints, complaintItem),
    legalHoldSection());
}

function queue(title, id, connection, item) {
  const nodes = connection.edges.map((e) => e.node);
  return h('section', { 'aria-labelledby': `${id}-title`, id }, h('h2', { id: `${id}-title` }, `${title} (${connection.totalCount} open)`),
    nodes.length ? nodes.map(item) : h('p', { class: 'muted' }, 'Nothing waiting.'));
}

const dueBadge = (item) => h('span', { class: `badge${isOverdue(item) ? ' overdue' : ''}` }, isOverdue(item) ? `overdue since ${day(item.dueAt)}` : `due ${day(item.dueAt)}`);

function extendForm(request) {
  return h('details', {}, h('summary', {}, 'Extend the deadline'), onSubmit(h('form', {},
    field('Days (up to 60)', h('input', { name: 'days', type: 'number', min: 1, max: 60, required: true, value: '30' })),
    field('Reason the subject is told', h('input', { name: 'reason', required: true })),
    h('button', { type: 'submit' }, 'Extend')), (button, data) => act(button,
    async () => (await api.run(Ops.ExtendDeadline, { input: { requestId: request.id, days: Number(data.get('days')), reason: data.get('reason') } })).extendRequestDeadline.userErrors,
    'The deadline is extended.')));
}

function correctionItem(r) {
  const note = h('input', { name: 'note' });
  const review = (decision) => (event) => act(event.target, async () => (await api.run(Ops.ReviewCorrection,
    { input: { id: r.id, decision, note: note.value || null } })).reviewCorrectionRequest.userErrors, decision === 'APPROVE' ? 'Approved; the profile is changed.' : 'Rejected.');
  return h('article', { class: 'item', 'data-correction': r.id }, h('h3', {}, `${words(r.field)}: ${r.currentValue ?? '–'} → ${r.proposedValue}`),
    h('p', {}, dueBadge(r), ` subject ${r.subjectId}, sent ${day(r.submittedAt)}`), r.reason && h('p', {}, `Reason: ${r.reason}`),
    field('Note to the subject (needed to reject)', note),
    h('button', { type: 'button', onclick: review('APPROVE') }, 'Approve'),
    h('button', { type: 'button', class: 'secondary', onclick: review('REJECT') }, 'Reject'),
    r.extendedAt ? h('p', { class: 'muted' }, 'Deadline already extended.') : extendForm(r));
}

function deletionItem(r) {
  return h('article', { class: 'item', 'data-deletion': r.id }, h('h3', {}, `Subject ${r.subjectId}`),
    h('p', {}, dueBadge(r), ` erasure from ${day(r.scheduledFor)}`, r.blockedBy ? [' ', h('span', { class: 'badge urgent' }, 'legal hold')] : ''),
    r.reason && h('p', {}, `Reason: ${r.reason}`),
    h('button', { type: 'button', class: 'secondary', onclick: () => {
      const subject = document.getElementById('hold-subject');
      subject.value = r.subjectId;
      document.getElementById('hold-reason').focus();
    } }, 'Legal hold for this subject…'),
    r.extendedAt ? h('p', { class: 'muted' }, 'Deadline already extended.') : extendForm(r));
}

const NEXT_STATUS = { RECEIVED: ['ACKNOWLEDGED', 'INVESTIGATING', 'RESOLVED', 'DISMISSED'], ACKNOWLEDGED: ['INVESTIGATING', 'RESOLVED', 'DISMISSED'], INVESTIGATING: ['RESOLVED', 'DISMISSED'] };

function complaintItem(c) {
  const form = onSubmit(h('form', {}, field('Status', select('status', [['', `Keep ${words(c.status)}`], ...(NEXT_STATUS[c.status] || []).map((s) => [s, words(s)])])),
    field('Reply to the subject', h('textarea', { name: 'reply' })),
    field('Internal note (staff only)', h('textarea', { name: 'internalNote' })),
    field('Remedy', h('input', { name: 'remedy', value: c.remedy || '' })),
    h('button', { type: 'submit' }, 'Save')), (button, data) => act(button, async () => {
    const input = { id: c.id };
    for (const key of ['status', 'reply', 'internalNote', 'remedy']) if (data.get(key) && data.get(key) !== (key === 'remedy' ? c.remedy : null)) input[key] = data.get(key);
    return (await api.run(Ops.UpdateComplaint, { input })).updateComplaint.userErrors;
  }, 'The complaint is updated.'));
  return h('article', { class: 'item', 'data-complaint': c.id }, h('h3', {}, c.summary),
    h('p', {}, c.urgent && h('span', { class: 'badge urgent' }, 'urgent'), ' ', dueBadge(c), ` ${words(c.status)}, ${words(c.category)}, subject ${c.subjectId}`),
    h('p', {}, c.description),
    h('ul', { class: 'plain' }, c.messages.map((m) => h('li', {}, h('strong', {}, m.internal ? 'Internal note' : words(m.author)), ` (${when(m.at)}): ${m.body}`))),
    form);
}

function legalHoldSection() {
  const form = onSubmit(h('form', {}, field('Subject id', h('input', { name: 'subjectId', id: 'hold-subject', required: true })),
    field('Reason (kept in the audit trail)', h('input', { name: 'reason', id: 'hold-reason', required: true })),
    field('Hold', select('hold', [['true', 'Place a legal hold'], ['false', 'Release the legal hold']])),
    h('button', { type: 'submit', id: 'set-legal-hold' }, 'Apply')), (button, data) => act(button,
    async () => (await api.run(Ops.SetLegalHold, { input: { subjectId: data.get('subjectId'), hold: data.get('hold') === 'true', reason: data.get('reason') } })).setLegalHold.userErrors,
    data.get('hold') === 'true' ? 'The legal hold is placed.' : 'The legal hold is released.'));
  return h('section', { 'aria-labelledby': 'hold-title' }, h('h2', { id: 'hold-title' }, 'Legal hold'), form);
}

/** The last six calendar months (UTC), this one included. */
function monthWindows() {
  const now = new Date();
  const windows = {};
  for (let i = 0; i < 6; i++) {
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5 + i, 1));
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 4 + i, 1));
    windows[`from${i}`] = from.toISOString();
    windows[`to${i}`] = to.toISOString();
  }
  return windows;
}

function metricsSection(metrics) {
  const types = [['COMPLAINT', 'Complaints'], ['CORRECTION', 'Corrections'], ['DELETION', 'Deletions']];
  const months = [0, 1, 2, 3, 4, 5].map((i) => {
    const m = metrics[`m${i}`];
    const row = m.caseTypes.find((t) => t.caseType === staffState.caseType) || { received: 0, completed: 0, rejected: 0, dismissed: 0 };
    return { label: new Date(m.from).toLocaleDateString(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' }),
      received: row.received, closed: row.completed + row.rejected + row.dismissed,
      median: row.medianDaysToClose == null ? null : Math.round(row.medianDaysToClose * 10) / 10 };
  });
  const choice = select('caseType', types, { id: 'metrics-case-type', onchange: (event) => { staffState.caseType = event.target.value; render(); } });
  choice.value = staffState.caseType;
  const caption = `${types.find(([t]) => t === staffState.caseType)[1]} per month`;
  return h('section', { 'aria-labelledby': 'metrics-title', id: 'metrics' }, h('h2', { id: 'metrics-title' }, 'Cases per month'),
    field('Case type', choice), metricsChart(months, caption));
}

// ---- start ----

async function render() {
  renderNav();
  if (!session) return signInView();
  api = new Api(config.api, session.token);
  try {
    await (session.role === 'self' ? selfView() : staffView());
  } catch (error) {
    announce(error.message, true);
    if (!Auth.currentSession()) { session = null; renderNav(); signInView(); }
  }
}

async function loadConfig() {
  const response = await fetch('config.json').catch(() => null);
  const loaded = response?.ok ? await response.json() : {};
  return { api: loaded.api || location.origin, issuer: loaded.issuer || null, clientId: loaded.clientId || 'privacy-portal-spa' };
}

config = await loadConfig();
try {
  session = (config.issuer && await Auth.oidcCallback(config)) || Auth.currentSession();
} catch (error) {
  announce(error.message, true);
}
render();
