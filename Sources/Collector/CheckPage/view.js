// What the agent sees at the end: the verdict in plain words, what needs doing, and (folded away)
// the technical details for the support desk. Text only through textContent: nothing from the
// report is ever parsed as HTML.

const HEADLINES = {
  'ready': ['Ready for calls', 'This computer and its network can make calls. Nothing needs to be done.'],
  'ready-with-warnings': ['Ready for calls, with some problems',
    'Calls will work, but call quality or reliability may suffer. Your support desk has the details below.'],
  'not-ready': ['Not ready for calls',
    'Calls from this computer will probably fail or sound bad. Please tell your support desk: they have received this result.'],
};

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function table(headers, rows) {
  const t = el('table');
  const head = el('tr');
  for (const h of headers) head.append(el('th', h));
  t.append(head);
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', cell === null || cell === undefined ? '\u2014' : String(cell)));
    t.append(tr);
  }
  return t;
}

function showResult() {
  document.getElementById('running').hidden = true;
  document.getElementById('result').hidden = false;
}

export function showError(title, message) {
  showResult();
  const box = document.getElementById('verdict');
  box.className = 'verdict error';
  box.replaceChildren(el('h2', title), el('p', message));
  document.getElementById('details').hidden = true;
}

export function showVerdict(answer) {
  showResult();
  const report = answer.report;
  const [title, text] = HEADLINES[report.verdict] || ['Checked', ''];
  const box = document.getElementById('verdict');
  box.className = `verdict ${report.verdict}`;
  box.replaceChildren(el('h2', title), el('p', text));

  // Problems first (failures, then warnings); findings a root cause explains are left to it.
  const todo = document.getElementById('todo');
  todo.replaceChildren();
  const problems = report.findings.filter((f) => (f.severity === 'failure' || f.severity === 'warning') && !f.explainedBy);
  if (problems.length) todo.append(el('h3', problems.length === 1 ? 'What was found' : `What was found (${problems.length})`));
  for (const f of problems) {
    const card = el('div', null, 'card');
    card.append(el('h3', f.severity === 'failure' ? 'Problem' : 'Warning'));
    card.append(el('p', f.message));
    if (f.action) card.append(el('p', `What can be done: ${f.action}`, 'action'));
    todo.append(card);
  }
  const when = new Date(report.startedAt).toLocaleString();
  document.getElementById('sent').textContent =
    `Your support desk has received this result (reference ${answer.id}, ${when}). You can close this page.`;

  const body = document.getElementById('details-body');
  body.replaceChildren();
  body.append(el('p', `Browser: ${report.browser ? report.browser.userAgent : navigator.userAgent}`));
  const info = report.findings.filter((f) => f.severity === 'info' || f.explainedBy);
  if (info.length) {
    body.append(el('h4', 'Notes'));
    body.append(table(['finding', 'message'], info.map((f) => [f.id, f.message])));
  }
  const b = report.browser || {};
  const trickle = (b.gathering || []).filter((g) => g.mode === 'trickle');
  if (trickle.length) {
    body.append(el('h4', 'Candidates the browser gathered'));
    body.append(table(['region', 'ms', 'type', 'protocol', 'relay over', 'server'],
      trickle.flatMap((g) => g.candidates.map((c) => [g.region, c.ms, c.type, c.protocol, c.relayProtocol, c.url]))));
    const errors = trickle.flatMap((g) => g.errors.map((e) => [g.region, e.url, e.code, e.text]));
    if (errors.length) {
      body.append(el('h4', 'Errors the browser reported'));
      body.append(table(['region', 'server', 'code', 'text'], errors));
    }
  }
  if ((b.relays || []).length) {
    body.append(el('h4', 'Each relay connection alone'));
    body.append(table(['region', 'server', 'works', 'ms', 'error'],
      b.relays.map((r) => [r.region, r.url, r.relay ? 'yes' : 'no', r.ms,
        r.errors.map((e) => `${e.code} ${e.text}`).join('; ') || (r.timedOut ? 'no answer' : null)])));
  }
  if ((b.regionRtts || []).length) {
    body.append(el('h4', 'Delay to each region (round trip, through its relay)'));
    body.append(table(['region', 'over', 'round trip ms'], b.regionRtts.map((r) => [r.region, r.transport, r.halfRttMs ?? r.error])));
  }
  if (b.call) {
    const c = b.call;
    body.append(el('h4', 'Test call'));
    body.append(table(['region', 'over', 'seconds', 'sent', 'lost', 'loss %', 'jitter ms', 'RTT ms', 'concealed %'],
      [[c.region, c.transport, c.seconds, c.packetsSent, c.packetsLost, c.lossPercent, c.jitterMs, c.rtcpRttMs ?? c.pairRttMs,
        c.concealedPercent ?? c.error]]));
  }
}
