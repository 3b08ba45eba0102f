// The check page: starts on load, shows progress, runs the measurements of measure.js, posts the
// browser's report to the collector, and shows the verdict the collector's evaluator gave.
import { gather, relayAlone, regionRtt, loopbackCall } from './measure.js';
import { showVerdict, showError } from './view.js';

const STEPS = [
  ['session', 'Connecting to the check server'],
  ['gather', 'Looking for network paths, as a call does'],
  ['relay', 'Testing the connections to the call relay servers'],
  ['rtt', 'Measuring the delay to each call region'],
  ['call', 'Making a test call'],
  ['send', 'Sending the result to your support desk'],
];
const WEIGHTS = { session: 5, gather: 15, relay: 15, rtt: 15, call: 45, send: 5 };

const $ = (id) => document.getElementById(id);
let progressDone = 0;

function renderSteps() {
  const list = $('steps');
  for (const [key, label] of STEPS) {
    const li = document.createElement('li');
    li.id = `step-${key}`;
    li.className = 'todo';
    const mark = document.createElement('span');
    mark.className = 'mark';
    const text = document.createElement('span');
    text.textContent = label;
    const note = document.createElement('span');
    note.className = 'note';
    li.append(mark, text, note);
    list.append(li);
  }
}

function setProgress(percent) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  $('bar-fill').style.width = `${value}%`;
  document.querySelector('.bar').setAttribute('aria-valuenow', String(value));
}

function step(key, state, note = '') {
  const li = $(`step-${key}`);
  li.className = state;
  li.querySelector('.note').textContent = note ? ` \u2014 ${note}` : '';
  if (state === 'done' || state === 'problem') { progressDone += WEIGHTS[key]; setProgress(progressDone); }
}

async function postJSON(path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20000);
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body), signal: controller.signal, cache: 'no-store' });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || `the server answered ${response.status}`);
    return data;
  } finally {
    clearTimeout(timer);
  }
}

/** The order a relay transport is preferred in for media: UDP, then TCP, then TLS. */
const PREFERENCE = { udp: 0, tcp: 1, tls: 2 };

async function run() {
  renderSteps();
  const params = new URLSearchParams(location.search);
  const ask = { profile: params.get('profile') || '', site: params.get('site') || '', agent: params.get('agent') || '' };
  const who = [ask.agent && `Agent: ${ask.agent}`, ask.site && `Site: ${ask.site}`].filter(Boolean).join(' \u00b7 ');
  $('who').textContent = who;
  const startedAt = new Date();
  const t0 = performance.now();

  step('session', 'doing');
  let session;
  try {
    session = await postJSON('/check/api/sessions', ask);
  } catch (err) {
    step('session', 'problem', 'failed');
    showError('The check could not start', `${err.message}. Please ask your support desk for a new link.`);
    return;
  }
  step('session', 'done');
  const credential = session.credential ? { username: session.credential.username, credential: session.credential.credential } : {};
  const regions = session.profile.regions;
  const home = session.profile.homeRegion || (regions[0] && regions[0].id);

  step('gather', 'doing');
  // Every gathering at once (separate peer connections): the slowest bounds this step.
  const jobs = [];
  for (const region of regions) {
    const servers = [];
    if (region.stun.length) servers.push({ urls: region.stun });
    if (region.turn.length && session.credential) servers.push({ urls: region.turn, ...credential });
    jobs.push(gather(servers, 'trickle', { region: region.id }));
    if (region.id === home) jobs.push(gather(servers, 'vanilla', { region: region.id }));
  }
  const gathering = await Promise.all(jobs);
  const routes = gathering.filter((g) => g.mode === 'trickle').reduce((n, g) => n + g.candidates.length, 0);
  step('gather', routes ? 'done' : 'problem', routes ? `${routes} found` : 'none found');

  step('relay', 'doing');
  let relays = [];
  if (session.credential) {
    const jobs = regions.flatMap((region) => region.turn.map((url) => relayAlone(region.id, url, credential)));
    relays = await Promise.all(jobs);
    const working = relays.filter((r) => r.relay).length;
    step('relay', working ? 'done' : 'problem', `${working} of ${relays.length} connections work`);
  } else {
    step('relay', 'problem', 'not tested: no relay credentials');
  }

  step('rtt', 'doing');
  const best = (regionId) => relays.filter((r) => r.region === regionId && r.relay)
    .sort((x, y) => PREFERENCE[x.transport] - PREFERENCE[y.transport])[0];
  const regionRtts = [];
  for (const region of regions) {
    const relay = best(region.id);
    if (!relay) {
      regionRtts.push({ region: region.id, url: null, transport: null, samplesMs: [], relayedRttMs: null, halfRttMs: null,
        error: 'no relay of this region works' });
      continue;
    }
    regionRtts.push(await regionRtt(region.id, relay.url, credential));
  }
  const measured = regionRtts.filter((r) => r.halfRttMs !== null);
  step('rtt', measured.length ? 'done' : 'problem', measured.map((r) => `${r.region} ${Math.round(r.halfRttMs)} ms`).join(', ') || 'not measured');

  const seconds = session.callSeconds;
  step('call', 'doing', `${seconds} seconds`);
  let call = null;
  const homeRelay = best(home);
  if (homeRelay) {
    const before = progressDone;
    call = await loopbackCall(home, homeRelay.url, credential, seconds, (fraction) => setProgress(before + fraction * WEIGHTS.call));
    step('call', call.error ? 'problem' : 'done', call.error ? 'the call did not run' : `${call.lossPercent ?? '?'} % lost`);
  } else {
    call = { region: home, url: null, transport: null, seconds, codec: null, toneSource: null, error: 'no relay of the home region works' };
    step('call', 'problem', 'not possible: no relay works');
  }

  step('send', 'doing');
  const report = {
    schemaVersion: 1,
    source: 'browser',
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    userAgent: navigator.userAgent,
    browser: { gathering, relays, regionRtts, call },
  };
  let answer;
  try {
    answer = await postJSON(`/check/api/sessions/${encodeURIComponent(session.session)}/report`, report);
  } catch (err) {
    step('send', 'problem', 'failed');
    showError('The result could not be sent', `${err.message}. Please keep this page open and tell your support desk.`);
    window.iceprobeCheck = { state: 'failed', error: err.message, report };
    return;
  }
  step('send', 'done');
  setProgress(100);
  showVerdict(answer);
  window.iceprobeCheck = { state: 'done', id: answer.id, verdict: answer.report.verdict };
}

window.iceprobeCheck = { state: 'running' };
run().catch((err) => {
  showError('The check stopped', String(err && err.message ? err.message : err));
  window.iceprobeCheck = { state: 'failed', error: String(err) };
});
