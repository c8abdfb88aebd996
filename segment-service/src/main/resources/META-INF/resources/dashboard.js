'use strict';
// The dashboard: a page per hash route, drawn from the JSON APIs of this service. Every value from the
// data is inserted as text (el() never parses HTML), so names and playbooks cannot inject markup.

const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const charts = [];

// ---- Sign-in ----------------------------------------------------------------------------------------
// Every API call carries a bearer token from the identity provider, kept for this tab only. The local
// run's dev login is a link with the token in the fragment (#token=…), which never reaches a server.

const TOKEN_KEY = 'orthoseg.token';

function takeTokenFromLink() {
  const match = location.hash.match(/^#token=([A-Za-z0-9._~-]+)$/);
  if (!match) return;
  sessionStorage.setItem(TOKEN_KEY, match[1]);
  history.replaceState(null, '', location.pathname + location.search + '#/');
}

function tokenRoles(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return Array.isArray(payload.groups) ? payload.groups : [];
  } catch (e) {
    return [];
  }
}

function signIn(main, message) {
  const input = el('textarea', {id: 'token', placeholder: 'the bearer token (a JWT)', 'aria-label': 'bearer token'});
  main.replaceChildren(panel('Sign in',
    message ? el('p', {class: 'error', role: 'alert'}, message) : null,
    el('p', {}, 'Paste a bearer token from your identity provider. Pages need the roles analyst (reports, segments), ',
      'support (doctor lookup) or admin (models, names and playbooks). In the local run, ',
      el('code', {}, './orthoseg token analyst,support,admin'), ' prints one, and ./orthoseg up prints a sign-in link.'),
    input,
    el('button', {id: 'sign-in', onclick: () => {
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      route();
    }}, 'Sign in')));
}

function showUser() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const user = document.getElementById('user');
  user.replaceChildren(...(token ? ['Roles: ', tokenRoles(token).join(', ') || 'none', ' ',
    el('a', {href: '#/', id: 'sign-out', onclick: event => {
      event.preventDefault();
      sessionStorage.removeItem(TOKEN_KEY);
      route();
    }}, 'Sign out')] : []));
}

class SignInNeeded extends Error {}

async function api(path, options = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new SignInNeeded();
  const headers = {Accept: 'application/json', Authorization: `Bearer ${token}`};
  if (options.body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {...options, headers});
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    throw new SignInNeeded('The token was refused (expired, or not from the configured issuer). Sign in again.');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(response.status === 403
      ? `Your token's roles (${tokenRoles(token).join(', ') || 'none'}) do not allow this: ${path.split('?')[0]}`
      : (body && (body.detail || body.title)) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

/** The printable report needs the token too, so it is fetched here and opened from memory. */
async function openPrintableReport(event) {
  event.preventDefault();
  const response = await fetch('/api/v1/reports/segmentation?format=html',
    {headers: {Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`}});
  if (!response.ok) {
    alert(`The report could not be opened: HTTP ${response.status}`);
    return;
  }
  window.open(URL.createObjectURL(await response.blob()), '_blank', 'noopener');
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const number = (value, digits = 2) => value === null || value === undefined ? '–'
  : Number(value).toLocaleString('en', {maximumFractionDigits: digits});
const percent = share => `${(100 * share).toFixed(1)} %`;
const when = instant => instant ? new Date(instant).toLocaleString('en-GB', {timeZone: 'UTC'}) + ' UTC' : '–';

function table(headers, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c))))));
}

function chart(canvas, config) {
  config.options = {animation: false, maintainAspectRatio: false, ...config.options};
  charts.push(new Chart(canvas, config));
}

function panel(title, ...content) {
  return el('section', {class: 'panel'}, el('h2', {}, title), ...content);
}

function canvas(id) {
  return el('div', {style: 'height:22rem'}, el('canvas', {id, role: 'img', 'aria-label': id}));
}

const segmentLink = (scheme, id, name) => el('a', {href: `#/segments/${scheme}/${encodeURIComponent(id)}`}, name);
const doctorLink = id => el('a', {href: `#/doctors/${encodeURIComponent(id)}`}, id);

// ---- Overview ---------------------------------------------------------------------------------------

async function overview(main) {
  const [report, points] = await Promise.all([api('/api/v1/reports/segmentation'), api('/api/v1/reports/scatter')]);
  const coverage = report.coverage;
  const schemes = report.schemes;
  const cards = [['doctors known', coverage.doctors], ['with a profile', coverage.withProfile],
    ['with orders', coverage.withOrders], ['with complaints', coverage.withComplaints],
    ...schemes.map(s => [`in ${s.scheme} segments`, s.doctors]),
    ['purchases (profiled)', report.regions.byRegion.groups.reduce((sum, g) => sum + g.totalPurchases, 0)]];
  const regions = report.regions.byRegion.groups.slice(0, 20);
  const pvc = report.purchasesVsComplaints;
  main.replaceChildren(
    el('h1', {}, 'Overview'),
    el('div', {class: 'cards'}, cards.map(([label, value]) =>
      el('div', {class: 'card'}, el('div', {class: 'value'}, number(value, 0)), el('div', {class: 'muted'}, label)))),
    el('div', {class: 'grid'},
      schemes.map(s => panel(`Segments: ${s.scheme} (${s.modelVersion})`, canvas(`segments-${s.scheme}`))),
      schemes.length === 0 ? panel('Segments', el('p', {}, 'No scheme has an active model yet: see ', el('a', {href: '#/models'}, 'Models'), '.')) : null,
      panel(`Doctors and average purchases by region (${regions.length} of ${report.regions.byRegion.groups.length} regions)`, canvas('regions')),
      panel('Purchases versus complaints, by cluster segment', canvas('scatter'))),
    panel('Do doctors who buy more complain more?', el('p', {id: 'conclusion'}, pvc.conclusion),
      table(['doctors', 'n', 'Pearson r', 'p', 'Spearman ρ', 'p'],
        [pvc.overAll, pvc.overComplaining, ...pvc.byComplaintType].map(c =>
          [c.population, c.doctors, number(c.pearson, 3), number(c.pearsonP, 4), number(c.spearman, 3), number(c.spearmanP, 4)]))));

  for (const scheme of schemes) {
    chart(document.getElementById(`segments-${scheme.scheme}`), {
      type: 'bar',
      data: {
        labels: scheme.segments.map(s => s.name),
        datasets: [{label: 'share of doctors (%)', data: scheme.segments.map(s => 100 * s.shareOfDoctors), backgroundColor: COLOURS[0]},
          {label: 'share of purchases (%)', data: scheme.segments.map(s => 100 * s.shareOfPurchases), backgroundColor: COLOURS[1]}]
      },
      options: {onClick: (event, items) => {
        if (items.length) location.hash = `#/segments/${scheme.scheme}/${encodeURIComponent(scheme.segments[items[0].index].id)}`;
      }}
    });
  }
  chart(document.getElementById('regions'), {
    type: 'bar',
    data: {
      labels: regions.map(g => g.group),
      datasets: [{label: 'doctors', data: regions.map(g => g.doctors), backgroundColor: COLOURS[0], yAxisID: 'y'},
        {label: 'average purchases', data: regions.map(g => g.averagePurchases), backgroundColor: COLOURS[1], yAxisID: 'purchases'}]
    },
    options: {scales: {y: {position: 'left', title: {display: true, text: 'doctors'}},
      purchases: {position: 'right', grid: {drawOnChartArea: false}, title: {display: true, text: 'average purchases'}}}}
  });
  const clusters = schemes.find(s => s.scheme === 'clusters');
  const groups = clusters ? clusters.segments.map(s => ({id: s.id, name: s.name})) : [];
  groups.push({id: null, name: 'not in a cluster segment'});
  chart(document.getElementById('scatter'), {
    type: 'scatter',
    data: {datasets: groups.map((g, i) => ({
      label: g.name,
      data: points.filter(p => p.clusters === g.id).map(p => ({x: p.purchases, y: p.complaints, doctorId: p.doctorId})),
      backgroundColor: g.id === null ? '#999' : COLOURS[i % COLOURS.length], pointRadius: 3
    })).filter(d => d.data.length > 0)},
    options: {parsing: true, scales: {x: {title: {display: true, text: 'purchases'}}, y: {title: {display: true, text: 'complaints'}}},
      plugins: {tooltip: {callbacks: {label: item => `${item.raw.doctorId}: ${item.raw.x} purchases, ${item.raw.y} complaints`}}}}
  });
}

// ---- Segments ---------------------------------------------------------------------------------------

async function segments(main, schemeName, segmentId) {
  const schemes = await api('/api/v1/reports/segments');
  if (schemeName && segmentId) return segment(main, schemes, schemeName, segmentId);
  main.replaceChildren(el('h1', {}, 'Segments'),
    schemes.length === 0 ? el('p', {}, 'No scheme has an active model yet.') : null,
    schemes.map(s => panel(`${s.scheme} (model ${s.modelVersion}, ${s.doctors} doctors)`,
      table(['segment', 'doctors', 'share of doctors', 'share of purchases', 'mean satisfaction', 'description'],
        s.segments.map(g => [segmentLink(s.scheme, g.id, g.name), g.doctors, percent(g.shareOfDoctors), percent(g.shareOfPurchases),
          number(g.satisfaction.mean, 1), g.description || ''])),
      el('h3', {}, 'What drives the segments'),
      table(['feature', 'η² (share of variance explained)', 'F', 'p'],
        s.drivers.slice(0, 8).map(d => [d.feature, number(d.etaSquared, 3), d.f === null ? '∞' : number(d.f, 1), number(d.pValue, 4)])),
      s.tree ? el('div', {}, el('p', {}, `A depth-3 tree names the segment of ${percent(s.tree.accuracy)} of the doctors (${s.tree.note}):`),
        el('ul', {}, s.tree.rules.map(r => el('li', {}, `${r.conditions} → `, el('strong', {}, r.segmentName),
          ` (${r.doctors} doctors, ${percent(r.accuracy)} right)`)))) : null)));
}

async function segment(main, schemes, schemeName, segmentId) {
  const scheme = schemes.find(s => s.scheme === schemeName);
  const summary = scheme && scheme.segments.find(s => s.id === segmentId);
  if (!summary) throw new Error(`no segment ${segmentId} in the active ${schemeName} version`);
  const features = Object.keys(scheme.overallProfile)
    .filter(f => summary.profile[f] !== null && scheme.overallProfile[f] !== null && scheme.overallProfile[f] !== 0);
  const name = el('input', {type: 'text', id: 'segment-name', value: summary.name, maxlength: 80, 'aria-label': 'segment name'});
  const playbook = el('textarea', {id: 'playbook', maxlength: 4000, 'aria-label': 'playbook'}, summary.playbook || '');
  const saved = el('span', {class: 'muted', role: 'status'});
  const members = el('div', {id: 'members'});
  main.replaceChildren(
    el('p', {}, el('a', {href: '#/segments'}, '← all segments')),
    el('h1', {}, `${summary.name} `, el('span', {class: 'muted'}, `(${schemeName} ${summary.id})`)),
    el('p', {}, summary.description || ''),
    el('div', {class: 'cards'}, [['doctors', summary.doctors], ['share of doctors', percent(summary.shareOfDoctors)],
      ['share of purchases', percent(summary.shareOfPurchases)], ['mean satisfaction', number(summary.satisfaction.mean, 1)]]
      .map(([label, value]) => el('div', {class: 'card'}, el('div', {class: 'value'}, typeof value === 'number' ? number(value, 0) : value),
        el('div', {class: 'muted'}, label)))),
    el('div', {class: 'grid'},
      panel('Profile against all doctors of the scheme (all doctors = 100)', canvas('profile')),
      panel('What sets it apart', table(['feature', 'this segment', 'other doctors', "Cohen's d"],
        summary.distinctions.map(d => [d.feature, number(d.segmentMean), number(d.othersMean), number(d.cohensD)])))),
    panel('Name and playbook (admins)', el('p', {}, name), playbook,
      el('p', {}, el('button', {id: 'save-playbook', onclick: async () => {
        saved.textContent = 'Saving…';
        try {
          // an unchanged name is left out, so the generated name keeps following retrains
          const edit = {playbook: playbook.value, ...(name.value !== summary.name ? {name: name.value} : {})};
          await api(`/api/v1/segments/${schemeName}/${encodeURIComponent(segmentId)}`, {method: 'PATCH', body: JSON.stringify(edit)});
          saved.textContent = 'Saved.';
        } catch (e) {
          saved.textContent = e.message;
        }
      }}, 'Save'), saved)),
    panel('Doctors in the segment', members));
  chart(document.getElementById('profile'), {
    type: 'bar',
    data: {labels: features, datasets: [{label: 'segment mean (all = 100)', backgroundColor: COLOURS[0],
      data: features.map(f => 100 * summary.profile[f] / scheme.overallProfile[f])}]},
    options: {indexAxis: 'y', plugins: {tooltip: {callbacks: {label: item => {
      const f = features[item.dataIndex];
      return `${number(summary.profile[f])} against ${number(scheme.overallProfile[f])}`;
    }}}}}
  });
  await memberPage(members, schemeName, segmentId, 0);
}

async function memberPage(container, scheme, segmentId, page) {
  const size = 50;
  const result = await api(`/api/v1/segments/${scheme}/${encodeURIComponent(segmentId)}/doctors?page=${page}&size=${size}&sort=margin&order=desc`);
  const pages = Math.max(1, Math.ceil(result.total / size));
  container.replaceChildren(
    table(['doctor', 'since', 'margin', 'model'], result.doctors.map(d => [doctorLink(d.doctorId), when(d.since), number(d.margin, 3), d.modelVersion])),
    el('p', {}, el('button', {disabled: page === 0, onclick: () => memberPage(container, scheme, segmentId, page - 1)}, '‹ previous'),
      ` page ${page + 1} of ${pages} (${result.total} doctors) `,
      el('button', {disabled: page + 1 >= pages, onclick: () => memberPage(container, scheme, segmentId, page + 1)}, 'next ›')));
}

// ---- Doctor lookup ----------------------------------------------------------------------------------

async function doctors(main, doctorId) {
  const input = el('input', {type: 'text', id: 'doctor-id', value: doctorId || '', placeholder: 'doctor id, e.g. AHDCBA', 'aria-label': 'doctor id'});
  const form = el('form', {onsubmit: event => {
    event.preventDefault();
    if (input.value.trim()) location.hash = `#/doctors/${encodeURIComponent(input.value.trim())}`;
  }}, input, ' ', el('button', {type: 'submit'}, 'Look up'));
  main.replaceChildren(el('h1', {}, 'Doctor lookup'), form);
  if (!doctorId) return;
  let current, history;
  try {
    [current, history] = await Promise.all([api(`/api/v1/doctors/${encodeURIComponent(doctorId)}/segments`),
      api(`/api/v1/doctors/${encodeURIComponent(doctorId)}/segment-history`)]);
  } catch (e) {
    main.append(el('p', {class: 'error', role: 'alert'}, e.message));
    return;
  }
  main.append(el('div', {id: 'doctor'}, el('h2', {}, `Doctor ${doctorId}`),
    current.schemes.map(s => panel(s.scheme, s.segmented
      ? [el('p', {}, 'In ', segmentLink(s.scheme, s.segment.segmentId, s.segment.name), ` since ${when(s.since)}, margin ${number(s.margin, 3)} (model ${s.modelVersion}).`),
        el('p', {class: 'muted'}, 'Why: the features that most explain the assignment.'),
        table(['feature', 'doctor', 'segment mean', 'z-score'], s.drivers.map(d => [d.feature, number(d.value), number(d.segmentMean), number(d.zScore)]))]
      : el('p', {}, `Not segmented: ${s.notSegmentedBecause}.`))),
    panel('History', history.length === 0 ? el('p', {}, 'No segment changes yet.')
      : el('ol', {class: 'timeline'}, history.map(h => el('li', {}, `${when(h.changedAt)}: ${h.scheme} → `,
        h.segmentId ? el('strong', {}, h.segmentName) : 'left every segment', ` (${h.reason}, model ${h.modelVersion})`))))));
}

// ---- Models -----------------------------------------------------------------------------------------

async function models(main) {
  const versions = await api('/api/v1/models');
  const status = el('p', {id: 'models-status', role: 'status', class: 'muted'});
  const preview = el('div', {id: 'preview'});
  const act = async (label, path) => {
    status.textContent = `${label}…`;
    try {
      await api(path, {method: 'POST'});
      await models(main);
    } catch (e) {
      status.textContent = e.message;
      status.className = 'error';
    }
  };
  const showPreview = async versionId => {
    preview.replaceChildren(el('p', {}, 'Computing the preview…'));
    try {
      const p = await api(`/api/v1/models/${encodeURIComponent(versionId)}/preview`);
      preview.replaceChildren(panel(`Preview of ${p.versionId}`,
        el('p', {}, `${p.placed} doctors placed; ${p.moving} would change segment.`),
        table(['from', 'to', 'doctors'], p.moves.map(m => [m.from || '(none)', m.to || '(none)', m.doctors])),
        el('button', {onclick: () => act('Activating', `/api/v1/models/${encodeURIComponent(versionId)}/activate`)}, `Activate ${p.versionId}`)));
    } catch (e) {
      preview.replaceChildren(el('p', {class: 'error'}, e.message));
    }
  };
  const quality = v => {
    const q = v.quality ? (typeof v.quality === 'string' ? JSON.parse(v.quality) : v.quality) : null;
    if (!q || !q.candidates) return '–';
    const chosen = q.candidates.find(c => c.k === q.chosenK);
    return chosen ? `k = ${q.chosenK}, silhouette ${number(chosen.silhouette, 3)}, stability ${number(chosen.stability, 3)}, smallest ${percent(chosen.smallestSegmentShare)}`
      : `k = ${q.chosenK}`;
  };
  main.replaceChildren(el('h1', {}, 'Models'),
    el('p', {}, el('button', {id: 'retrain-clusters', onclick: () => act('Training clusters', '/api/v1/models/clusters/retrain')}, 'Retrain clusters'),
      el('button', {id: 'retrain-rfm', onclick: () => act('Training rfm', '/api/v1/models/rfm/retrain')}, 'Retrain rfm')),
    status,
    table(['version', 'status', 'created', 'activated', 'doctors', 'quality gate', ''], versions.map(v => [v.id, v.status, when(v.createdAt),
      when(v.activatedAt), v.doctors, quality(v),
      el('td', {}, v.status === 'PREVIEW' ? [el('button', {class: 'preview', onclick: () => showPreview(v.id)}, 'Preview'),
        el('button', {onclick: () => act('Discarding', `/api/v1/models/${encodeURIComponent(v.id)}/discard`)}, 'Discard')]
        : v.status === 'RETIRED' ? el('button', {onclick: () => showPreview(v.id)}, 'Preview re-activation') : '')])),
    preview);
}

// ---- Routing ----------------------------------------------------------------------------------------

const pages = {overview, segments, doctors, models};

async function route() {
  takeTokenFromLink();
  showUser();
  charts.splice(0).forEach(c => c.destroy());
  const [name, ...args] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = pages[name || 'overview'];
  document.querySelectorAll('nav a[data-page]').forEach(a => a.classList.toggle('active', a.dataset.page === (name || 'overview')));
  const main = document.getElementById('page');
  delete main.dataset.ready;
  main.replaceChildren(el('p', {}, 'Loading…'));
  try {
    if (!page) throw new Error(`no page ${name}`);
    await page(main, ...args);
    main.dataset.ready = name || 'overview';
  } catch (e) {
    if (e instanceof SignInNeeded) {
      showUser();
      signIn(main, e.message);
    } else {
      main.replaceChildren(el('p', {class: 'error', role: 'alert'}, e.message));
    }
  }
}

document.getElementById('printable').addEventListener('click', openPrintableReport);
window.addEventListener('hashchange', route);
route();
