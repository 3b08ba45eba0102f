// What the agent sees at the end: the verdict in plain words, what needs doing, and (folded away)
// the technical details for the support desk. Text only through textContent: nothing from the
// report is ever parsed as HTML.

const HEADLINES = {
  'ready': ['Ready for calls', 'This computer and its network can make calls. Nothing needs to be done.'],
  'ready-with-warnings': ['Ready for calls, with some problems',
    'Calls will work, but not always well. Below is what was found; your support desk has received the details.'],
  'not-ready': ['Not ready for calls',
    'Calls from this computer will probably fail or sound bad. Please tell your support desk: they have received this result.'],
};

// What each finding means for the agent, in plain words, and who acts on it: 'you' (something
// the agent can try) or 'desk' (the support desk or IT; nothing to do on this computer). The
// evaluator's own message and action stay in the technical details for the support desk.
const OFFLINE = ['you', 'This computer could not reach the call servers. Check that you are connected to the internet, then open the link again.'];
const DELAY = ['you', 'The connection to the call servers has a long delay. Conversations may feel slow, with people talking over each other. If you use a VPN, try without it; a network cable instead of Wi-Fi also helps.'];
const LOSS = ['you', 'Part of the test call\u2019s sound got lost on the way. You may hear gaps or robotic voices in calls. If you are on Wi-Fi, move closer to the router or use a network cable, and pause large downloads or video streaming during calls.'];
const UNEVEN = ['you', 'The connection is uneven: the sound arrives at irregular times, so calls may sound choppy. A network cable instead of Wi-Fi usually helps.'];
const BLOCKED = ['desk', 'This network blocks the direct route that calls prefer. Calls still work through a slower backup route, so the sound may lag a little. Your IT team can open the direct route.'];
const FALLBACKS = ['desk', 'Some of the backup routes for calls are blocked on this network. Calls work, but have fewer ways around a problem.'];
const RELAY = ['desk', 'The call relay (the backup route calls use when a direct one is not possible) could not be used from here. Some calls may fail to connect.'];
const SIGN_IN = ['desk', 'The call relay refused this check\u2019s sign-in. This is a setup problem for your support desk, not a problem with your computer.'];
const ROUTING = ['desk', 'Calls would be routed through a distant region, which adds delay. Your support desk can change the routing; there is nothing to do on this computer.'];
const SECURITY = ['desk', 'The network\u2019s security equipment blocks or changes call traffic. Your IT team needs to allow it.'];
const NO_CALL = ['desk', 'A test call could not be made from this computer, so calls will probably fail to connect.'];
const PLAIN = {
  'no-network': OFFLINE, 'no-default-route': OFFLINE, 'nothing-measured': OFFLINE, 'dns-failure': OFFLINE,
  'dns-resolver-unreachable': OFFLINE, 'dns-names-not-found': OFFLINE, 'dns-partial-failure': OFFLINE,
  'high-rtt': DELAY, 'rtt-above-target': DELAY, 'delay-exceeds-g114': DELAY, 'delay-unacceptable': DELAY, 'media-high-rtt': DELAY,
  'high-loss': LOSS, 'bursty-loss': LOSS, 'media-loss': LOSS, 'media-burst-loss': LOSS, 'low-mos': LOSS, 'media-low-mos': LOSS,
  'high-jitter': UNEVEN, 'media-jitter': UNEVEN, 'media-late': UNEVEN, 'media-reordering': UNEVEN,
  'udp-blocked': BLOCKED, 'only-tcp-443': BLOCKED,
  'turn-udp-failed': FALLBACKS, 'turn-tls-only': FALLBACKS, 'turn-tls-failed': FALLBACKS,
  'turn-unavailable': RELAY, 'turn-wrong-credentials': SIGN_IN, 'browser-turn-rejected': SIGN_IN,
  'queue-detour-exceeds-g114': ROUTING, 'home-not-nearest': ROUTING, 'dns-steers-to-far-region': ROUTING,
  'proxy-required': SECURITY, 'tls-interception': SECURITY, 'egress-blocked': SECURITY,
  'media-failed': NO_CALL, 'media-path-unproven': NO_CALL, 'mtu-black-hole': NO_CALL,
  'vpn-default-route': ['you', 'This computer sends its traffic through a VPN, which can add delay to calls. If you can, make calls with the VPN switched off, or ask your IT team about it.'],
};
const OTHER = ['desk', 'Your support desk will look at this; there is nothing to do on this computer.'];

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
  // Each in plain words, once, with who acts on it: what the agent can try comes first.
  const todo = document.getElementById('todo');
  todo.replaceChildren();
  const problems = report.findings.filter((f) => (f.severity === 'failure' || f.severity === 'warning') && !f.explainedBy);
  const seen = new Set();
  const plain = [];
  for (const f of problems) {
    const [who, text] = PLAIN[f.id] || OTHER;
    if (seen.has(text)) continue;
    seen.add(text);
    plain.push({ who, text });
  }
  plain.sort((a, b) => (a.who === b.who ? 0 : a.who === 'you' ? -1 : 1));
  for (const item of plain) {
    const card = el('div', null, `card ${item.who}`);
    card.append(el('h3', item.who === 'you' ? 'You can try this' : 'For your support desk'));
    card.append(el('p', item.text));
    todo.append(card);
  }
  const when = new Date(report.startedAt).toLocaleString();
  document.getElementById('sent').textContent =
    `Your support desk has received this result (reference ${answer.id}, ${when}). You can close this page.`;

  const body = document.getElementById('details-body');
  body.replaceChildren();
  body.append(el('p', `Browser: ${report.browser ? report.browser.userAgent : navigator.userAgent}`));
  if (problems.length) {
    body.append(el('h4', 'Findings'));
    body.append(table(['severity', 'finding', 'message', 'action'], problems.map((f) => [f.severity, f.id, f.message, f.action])));
  }
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
