// Measurements with the browser's own WebRTC stack. Every wait is bounded (see BOUNDS); a
// measurement that runs out of time is reported as such, never as a success.

export const BOUNDS = {
  gatherMs: 8000,      // one gathering (vanilla or trickle) ends after this even if not complete
  relayMs: 6000,       // one TURN transport alone: a relay candidate must appear within this
  connectMs: 8000,     // a loopback pair must connect within this
  rttSampleMs: 2500,   // how long the candidate pair's RTT is sampled per region
  callSettleMs: 1500,  // after the tone stops: time for the last packets and RTCP to arrive
};

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The transport a TURN URL names: udp (turn: default), tcp (turn:...?transport=tcp), tls (turns:). */
export function transportOf(url) {
  if (url.startsWith('turns:')) return 'tls';
  return /[?&]transport=tcp/i.test(url) ? 'tcp' : 'udp';
}

/** Fields of an a=candidate line (RFC 8839) that RTCIceCandidate may lack in older browsers. */
export function parseCandidateLine(line) {
  const text = line.replace(/^a=/, '').replace(/^candidate:/, '');
  const f = text.split(/\s+/);
  if (f.length < 8 || f[6] !== 'typ') return null;
  return { foundation: f[0], component: Number(f[1]), protocol: f[2].toLowerCase(), priority: Number(f[3]),
    address: f[4], port: Number(f[5]), type: f[7] };
}

/**
 * Chromium writes the relay protocol into a relay candidate's type preference (the top byte of
 * the priority): 3 or 2 for UDP (Chromium 156 gives 3), 1 for TCP, 0 for TLS.
 */
function relayProtocolFromPriority(priority) {
  if (!Number.isFinite(priority)) return null;
  const pref = Math.floor(priority / 2 ** 24);
  return pref >= 2 ? 'udp' : pref === 1 ? 'tcp' : pref === 0 ? 'tls' : null;
}

function describeCandidate(candidate, url, t0) {
  const parsed = parseCandidateLine(candidate.candidate) || {};
  const type = candidate.type || parsed.type || null;
  // The server URL: the event's (older browsers) or the candidate's own (RTCIceCandidate.url).
  const source = url || candidate.url || null;
  let relayProtocol = null;
  // The URL the relay came from names its transport; else the browser's field; else the priority.
  if (type === 'relay') {
    relayProtocol = (source && /^turns?:/.test(source) ? transportOf(source) : null) || candidate.relayProtocol
      || relayProtocolFromPriority(Number(candidate.priority ?? parsed.priority));
  }
  return {
    ms: Math.round((now() - t0) * 10) / 10,
    type,
    protocol: (candidate.protocol || parsed.protocol || '').toLowerCase() || null,
    address: candidate.address ?? parsed.address ?? null,
    port: candidate.port ?? parsed.port ?? null,
    relayProtocol,
    url: source,
    priority: Number(candidate.priority ?? parsed.priority),
  };
}

function describeError(event, t0) {
  return { ms: Math.round((now() - t0) * 10) / 10, url: event.url || null, code: event.errorCode ?? null,
    text: event.errorText || '', address: event.address || null, port: event.port || null };
}

/**
 * One gathering with the given ICE servers. mode "trickle": every candidate as the browser hands
 * it over; mode "vanilla": only the candidates in the local description once gathering is
 * complete (what an application that waits before signalling would send). Bounded by BOUNDS.gatherMs.
 */
export async function gather(iceServers, mode, { policy = 'all', region = null } = {}) {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: policy });
  const t0 = now();
  const candidates = [];
  const errors = [];
  let completeMs = null;
  const done = new Promise((resolve) => {
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate && e.candidate.candidate) candidates.push(describeCandidate(e.candidate, e.url, t0));
      else if (!e.candidate) { completeMs = Math.round((now() - t0) * 10) / 10; resolve(); }
    });
    pc.addEventListener('icecandidateerror', (e) => errors.push(describeError(e, t0)));
    setTimeout(resolve, BOUNDS.gatherMs);
  });
  pc.createDataChannel('probe');
  await pc.setLocalDescription(await pc.createOffer());
  await done;
  let result = candidates;
  if (mode === 'vanilla') {
    const byKey = new Map(candidates.map((c) => [`${c.address} ${c.port} ${c.protocol} ${c.type}`, c]));
    result = (pc.localDescription?.sdp || '').split(/\r?\n/).filter((l) => l.startsWith('a=candidate:')).map((line) => {
      const p = parseCandidateLine(line);
      if (!p) return null;
      const seen = byKey.get(`${p.address} ${p.port} ${p.protocol} ${p.type}`);
      return { ms: completeMs, type: p.type, protocol: p.protocol, address: p.address, port: p.port,
        relayProtocol: seen ? seen.relayProtocol : (p.type === 'relay' ? relayProtocolFromPriority(p.priority) : null),
        url: seen ? seen.url : null };
    }).filter(Boolean);
  }
  pc.close();
  const servers = iceServers.flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
  return { mode, region, policy, servers, completeMs, timedOut: completeMs === null, candidates: result, errors };
}

/** One TURN URL alone with iceTransportPolicy "relay": did a relay candidate come, and when. */
export async function relayAlone(region, url, credential) {
  const pc = new RTCPeerConnection({ iceServers: [{ urls: [url], ...credential }], iceTransportPolicy: 'relay' });
  const t0 = now();
  const errors = [];
  let relay = null;
  let complete = false;
  await new Promise((resolve) => {
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate && e.candidate.candidate) {
        const c = describeCandidate(e.candidate, e.url || url, t0);
        if (c.type === 'relay' && !relay) { relay = c; resolve(); }
      } else if (!e.candidate) { complete = true; resolve(); }
    });
    pc.addEventListener('icecandidateerror', (e) => errors.push(describeError(e, t0)));
    setTimeout(resolve, BOUNDS.relayMs);
    pc.createDataChannel('probe');
    pc.createOffer().then((o) => pc.setLocalDescription(o)).catch((err) => {
      errors.push({ ms: 0, url, code: null, text: String(err), address: null, port: null });
      resolve();
    });
  });
  pc.close();
  return { region, url, transport: transportOf(url), relay: relay !== null, ms: relay ? relay.ms : null,
    relayAddress: relay ? relay.address : null, timedOut: !relay && !complete, errors };
}

/**
 * Two peer connections in this page, both forced through the same relay (iceTransportPolicy
 * "relay"), signalled locally. Resolves with both once ICE is connected, or throws after
 * BOUNDS.connectMs.
 */
async function loopbackPair(url, credential, configure) {
  const config = { iceServers: [{ urls: [url], ...credential }], iceTransportPolicy: 'relay' };
  const a = new RTCPeerConnection(config);
  const b = new RTCPeerConnection(config);
  a.addEventListener('icecandidate', (e) => { if (e.candidate) b.addIceCandidate(e.candidate).catch(() => {}); });
  b.addEventListener('icecandidate', (e) => { if (e.candidate) a.addIceCandidate(e.candidate).catch(() => {}); });
  await configure(a, b);
  const connected = (pc) => new Promise((resolve) => {
    const check = () => { if (pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed') resolve(true); };
    pc.addEventListener('iceconnectionstatechange', check);
    check();
  });
  const offer = await a.createOffer();
  await a.setLocalDescription(offer);
  await b.setRemoteDescription(offer);
  const answer = await b.createAnswer();
  await b.setLocalDescription(answer);
  await a.setRemoteDescription(answer);
  const ok = await Promise.race([Promise.all([connected(a), connected(b)]).then(() => true), sleep(BOUNDS.connectMs).then(() => false)]);
  if (!ok) { a.close(); b.close(); throw new Error(`the two peer connections did not connect through ${url} within ${BOUNDS.connectMs / 1000} s`); }
  return { a, b };
}

async function selectedPair(pc) {
  const stats = await pc.getStats();
  let pair = null;
  stats.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId) || pair;
  });
  if (!pair) stats.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
  return { pair, stats };
}

/**
 * The RTT of a relayed path through one region: the selected candidate pair's
 * currentRoundTripTime, sampled for BOUNDS.rttSampleMs. Both ends are on this computer, so the
 * path crosses this computer's link to the region twice each way: halfRttMs is the estimate of
 * one round trip to the region.
 */
export async function regionRtt(region, url, credential) {
  let pair;
  try {
    pair = await loopbackPair(url, credential, async (a, b) => {
      a.createDataChannel('rtt');
      b.addEventListener('datachannel', () => {});
    });
  } catch (err) {
    return { region, url, transport: transportOf(url), samplesMs: [], relayedRttMs: null, halfRttMs: null, error: String(err.message || err) };
  }
  const samples = [];
  const until = now() + BOUNDS.rttSampleMs;
  let last = null;
  while (now() < until) {
    const { pair: p } = await selectedPair(pair.a);
    if (p && typeof p.currentRoundTripTime === 'number' && p.responsesReceived !== last) {
      samples.push(Math.round(p.currentRoundTripTime * 1e5) / 100);
      last = p.responsesReceived;
    }
    await sleep(200);
  }
  pair.a.close();
  pair.b.close();
  const sorted = [...samples].sort((x, y) => x - y);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
  return { region, url, transport: transportOf(url), samplesMs: samples, relayedRttMs: median,
    halfRttMs: median === null ? null : Math.round(median * 50) / 100, error: samples.length ? null : 'no RTT sample in the candidate pair statistics' };
}

/**
 * A tone as a MediaStreamTrack without any device or user gesture: MediaStreamTrackGenerator
 * (Chromium) fed with 10 ms frames of a 440 Hz sine at 48 kHz, else WebAudio's oscillator.
 */
function toneTrack() {
  if (typeof MediaStreamTrackGenerator === 'function' && typeof AudioData === 'function') {
    const generator = new MediaStreamTrackGenerator({ kind: 'audio' });
    const writer = generator.writable.getWriter();
    const rate = 48000, frame = 480;
    let written = 0;
    let busy = false;
    const t0 = now();
    const pump = async () => {
      // One pump at a time (a write may outlast the 10 ms timer), catching up with the clock:
      // the frames due since the start, so the audio lasts as long as the call.
      if (busy) return;
      busy = true;
      const due = Math.floor(((now() - t0) / 1000) * rate / frame) + 2;
      while (written < due) {
        const data = new Float32Array(frame);
        for (let i = 0; i < frame; i++) data[i] = 0.3 * Math.sin((2 * Math.PI * 440 * (written * frame + i)) / rate);
        const audio = new AudioData({ format: 'f32', sampleRate: rate, numberOfFrames: frame, numberOfChannels: 1,
          timestamp: Math.round((written * frame * 1e6) / rate), data });
        await writer.write(audio);
        written++;
      }
      busy = false;
    };
    const timer = setInterval(() => { pump().catch(() => { busy = false; }); }, 10);
    return { track: generator, source: 'MediaStreamTrackGenerator', stop: () => { clearInterval(timer); generator.stop(); } };
  }
  const ctx = new AudioContext();
  const osc = ctx.createOscillator();
  osc.frequency.value = 440;
  const dest = ctx.createMediaStreamDestination();
  osc.connect(dest);
  osc.start();
  ctx.resume().catch(() => {});
  return { track: dest.stream.getAudioTracks()[0], source: 'WebAudio', stop: () => { osc.stop(); ctx.close(); } };
}

/**
 * A loopback call through one relay: Opus audio of a generated tone from peer connection a to b
 * for `seconds`, both forced through the relay. From getStats: packets sent (a's outbound-rtp),
 * received, lost and jitter (b's inbound-rtp), concealed samples (b), RTT (a's
 * remote-inbound-rtp from RTCP, and the candidate pair's currentRoundTripTime).
 */
export async function loopbackCall(region, url, credential, seconds, onTick) {
  const base = { region, url, transport: transportOf(url), seconds, codec: null, toneSource: null };
  let tone = null;
  let pair;
  let audio = null;
  try {
    pair = await loopbackPair(url, credential, async (a, b) => {
      tone = toneTrack();
      const stream = new MediaStream([tone.track]);
      const sender = a.addTrack(tone.track, stream);
      const opus = RTCRtpSender.getCapabilities('audio')?.codecs.filter((c) => /opus/i.test(c.mimeType)) || [];
      const transceiver = a.getTransceivers().find((t) => t.sender === sender);
      if (transceiver && opus.length && transceiver.setCodecPreferences) transceiver.setCodecPreferences(opus);
      b.addEventListener('track', (e) => {
        // A muted element still pulls the audio through the receiver, so concealment is counted.
        audio = new Audio();
        audio.muted = true;
        audio.srcObject = e.streams[0] || new MediaStream([e.track]);
        audio.play().catch(() => {});
      });
    });
  } catch (err) {
    if (tone) tone.stop();
    return { ...base, toneSource: tone ? tone.source : null, error: String(err.message || err) };
  }
  const started = now();
  while (now() - started < seconds * 1000) {
    await sleep(250);
    if (onTick) onTick(Math.min(1, (now() - started) / (seconds * 1000)));
  }
  // Concealment is read before the tone stops: after it, the receiver conceals the silence.
  let playout = null;
  (await pair.b.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') playout = s; });
  tone.stop();
  await sleep(BOUNDS.callSettleMs);
  const sent = await pair.a.getStats();
  const received = await pair.b.getStats();
  const { pair: p } = await selectedPair(pair.a);
  let out = null, remoteIn = null, inbound = null, codec = null;
  sent.forEach((s) => {
    if (s.type === 'outbound-rtp' && s.kind === 'audio') out = s;
    if (s.type === 'remote-inbound-rtp' && s.kind === 'audio') remoteIn = s;
  });
  received.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') inbound = s; });
  if (out && out.codecId && sent.get(out.codecId)) codec = sent.get(out.codecId).mimeType;
  pair.a.close();
  pair.b.close();
  if (audio) audio.srcObject = null;
  if (!out || !inbound) return { ...base, codec, toneSource: tone.source, error: 'the call statistics have no audio RTP streams' };
  const lost = Math.max(0, inbound.packetsLost ?? 0);
  const got = inbound.packetsReceived ?? 0;
  return {
    ...base,
    codec,
    toneSource: tone.source,
    packetsSent: out.packetsSent ?? null,
    packetsReceived: got,
    packetsLost: lost,
    lossPercent: got + lost > 0 ? Math.round((lost / (got + lost)) * 10000) / 100 : null,
    jitterMs: typeof inbound.jitter === 'number' ? Math.round(inbound.jitter * 1e5) / 100 : null,
    rtcpRttMs: remoteIn && typeof remoteIn.roundTripTime === 'number' ? Math.round(remoteIn.roundTripTime * 1e5) / 100 : null,
    pairRttMs: p && typeof p.currentRoundTripTime === 'number' ? Math.round(p.currentRoundTripTime * 1e5) / 100 : null,
    concealedSamples: playout ? playout.concealedSamples ?? null : null,
    totalSamplesReceived: playout ? playout.totalSamplesReceived ?? null : null,
    concealedPercent: playout && playout.totalSamplesReceived
      ? Math.round((playout.concealedSamples / playout.totalSamplesReceived) * 10000) / 100 : null,
    error: null,
  };
}
