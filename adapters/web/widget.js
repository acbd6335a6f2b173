/*! kneebot chat widget: vanilla ES2017, no build step. Speaks shared/protocol.md v1.
 * Embed: <script src="https://HOST/widget.js" data-kneebot-url="wss://HOST/ws" async></script>
 * Options (data-*): kneebot-url, kneebot-open="true", kneebot-emergency="911".
 * Everything the server sends is rendered as text (textContent), never as HTML. */
(function () {
  'use strict';
  if (window.kneebot) return;
  const script = document.currentScript ||
    document.querySelector('script[data-kneebot-url],script[src*="widget.js"]');
  const ds = (script && script.dataset) || {};
  const base = new URL((script && script.src) || 'widget.js', location.href);
  const wsUrl = new URL(ds.kneebotUrl || '/ws', base);
  if (/^http/.test(wsUrl.protocol)) wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';

  const P = 'kneebot-';
  const KEY = 'kneebot.v1';
  // The number in "call 911" / "dial 112" of a reply; a bare "000" could be "10,000".
  const NUM = /\b(?:call|dial|ring|phone)\s+(911|999|112|000)\b/i;
  const LEVELS = {
    emergency: ['Emergency.', 'Call {n}or go to an emergency department now.'],
    urgent: ['Urgent.', 'Get seen today: urgent care or a same-day doctor.'],
    doctor: ['See a doctor.', 'Book a doctor or physiotherapist in the coming days.'],
    self_care: ['Self-care.', 'Look after it at home and watch for the warning signs.'],
  };
  const rank = (lv) => Object.keys(LEVELS).reverse().indexOf(lv);
  const ERRORS = {
    too_large: 'That message is too long. Please shorten it and send it again.',
    rate_limited: 'You are sending messages very quickly. Please wait a moment and try again.',
  };
  const HINTS = {
    age: 'Your age in years', severity: 'A number from 0 to 10',
    duration: 'For example: 3 days, 2 weeks',
  };
  const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>';

  // Session state survives a reload within the tab: session id, transcript, banner, open.
  let st = {};
  try { st = JSON.parse(sessionStorage.getItem(KEY)) || {}; } catch (e) { /* no storage */ }
  st.h = Array.isArray(st.h) ? st.h : [];
  const save = () => {
    st.h = st.h.slice(-80);
    try { sessionStorage.setItem(KEY, JSON.stringify(st)); } catch (e) { /* ignore */ }
  };

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  };
  const attrs = (e, a) => { for (const k in a) e.setAttribute(k, a[k]); return e; };
  const button = (cls, text, label) => {
    const b = el('button', cls, text);
    b.type = 'button';
    if (label) b.setAttribute('aria-label', label);
    return b;
  };

  // ---- DOM ----
  const root = el('div', P + 'root');
  root.hidden = true; // shown once widget.css has loaded
  const launcher = attrs(button(P + 'launcher', null, 'Open knee-pain chat'),
    { 'aria-expanded': 'false', 'aria-controls': P + 'panel' });
  launcher.innerHTML = ICON; // static markup, no data

  const panel = attrs(el('section', P + 'panel'),
    { id: P + 'panel', role: 'dialog', 'aria-labelledby': P + 'title' });
  panel.hidden = true;
  const head = el('div', P + 'head');
  const title = el('h2', P + 'title', 'Knee pain helper');
  title.id = P + 'title';
  title.append(el('span', P + 'sub', 'kneebot · guidance, not a diagnosis'));
  const status = attrs(el('span', P + 'status'), { role: 'status' });
  const restartBtn = button(P + 'hbtn', 'Start over');
  const closeBtn = button(P + 'hbtn ' + P + 'close', '×', 'Close chat');
  head.append(title, status, restartBtn, closeBtn);

  const alertBox = attrs(el('div', P + 'alert'), { role: 'alert' });
  const log = attrs(el('div', P + 'log'),
    { role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
  const typing = attrs(el('div', P + 'typing'), { 'aria-hidden': 'true' });
  typing.append(el('span'), el('span'), el('span'));
  typing.hidden = true;
  const quick = attrs(el('div', P + 'quick'), { role: 'group', 'aria-label': 'Suggested answers' });

  const form = el('form', P + 'form');
  const label = el('label', P + 'sr', 'Message to kneebot');
  label.htmlFor = P + 'input';
  const input = attrs(el('input', P + 'input'),
    { id: P + 'input', type: 'text', autocomplete: 'off', enterkeyhint: 'send' });
  const sendBtn = el('button', P + 'send', 'Send');
  sendBtn.type = 'submit';
  form.append(label, input, sendBtn);
  const foot = el('p', P + 'foot',
    'Guidance only, not a diagnosis. In an emergency, call your local emergency number.');
  panel.append(head, alertBox, log, typing, quick, form, foot);
  root.append(panel, launcher);

  // ---- rendering ----
  const sr = (t) => el('span', P + 'sr', t);
  const scroll = () => { log.scrollTop = log.scrollHeight; };
  // Bring a new reply into view from its first bubble (the end if it all fits).
  const reveal = (node) => {
    if (!node || panel.hidden) return;
    log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
  };

  // Plain text; runs of lines starting with "- " or "• " become a list.
  function fill(node, text) {
    let ul = null;
    let buf = [];
    const flush = () => {
      if (buf.length) node.append(document.createTextNode(buf.join('\n')));
      buf = [];
    };
    for (const line of String(text).split('\n')) {
      const m = /^\s*[-•]\s+(.*)$/.exec(line);
      if (m) {
        flush();
        if (!ul) node.append(ul = el('ul'));
        ul.append(el('li', null, m[1]));
      } else {
        ul = null;
        buf.push(line);
      }
    }
    flush();
  }

  // kind: 'u' user text, 'b' bot text, 'n' note, 'c' conditions [[name, why], ...]
  function add(kind, data, restoring, after) {
    let node;
    if (kind === 'c') {
      node = el('div', P + 'msg ' + P + 'bot ' + P + 'cond');
      const ul = el('ul');
      for (const [name, why] of data) {
        const li = el('li');
        li.append(el('strong', null, name));
        if (why) li.append(document.createTextNode(': ' + why));
        ul.append(li);
      }
      node.append(sr('kneebot: '), el('p', P + 'cond-title', 'Possible causes'), ul);
    } else {
      node = el('div', P + 'msg ' + P + ({ u: 'user', b: 'bot', n: 'note' }[kind]));
      if (kind !== 'n') node.append(sr(kind === 'u' ? 'You: ' : 'kneebot: '));
      if (kind === 'b') fill(node, data); else node.append(document.createTextNode(String(data)));
    }
    if (after && after.parentNode === log) after.after(node); else log.append(node);
    if (!restoring) { st.h.push([kind, data]); save(); }
    scroll();
    return node;
  }

  function showBanner() {
    alertBox.textContent = '';
    const t = st.t;
    const lv = t && LEVELS[t.level];
    if (!lv) return;
    const b = el('div', P + 'banner ' + P + 'banner-' + t.level);
    b.append(el('strong', null, lv[0] + ' '),
      document.createTextNode(lv[1].replace('{n}', t.n ? t.n + ' ' : 'the emergency number ')));
    if (t.reasons && t.reasons.length) {
      b.append(el('span', P + 'why', 'Why: ' + t.reasons.join('; ')));
    }
    if (t.level === 'emergency' && t.n) {
      const a = el('a', P + 'call', 'Call ' + t.n);
      a.href = 'tel:' + t.n;
      b.append(a);
    }
    alertBox.append(b);
  }

  function setQuick(list) {
    quick.textContent = '';
    for (const q of list || []) {
      if (!q || q.payload == null) continue;
      const text = String(q.title || q.payload);
      const b = button(P + 'qr', text);
      b.onclick = () => { if (say(String(q.payload), text)) input.focus(); };
      quick.append(b);
    }
    update();
  }

  function expect(slot) {
    panel.setAttribute('data-expecting', slot || '');
    input.placeholder = HINTS[slot] || 'Type your answer…';
  }

  // ---- connection ----
  let ws = null;
  let seq = 0;
  let tries = 0;
  let timer = 0;
  let stall = 0;
  const pending = new Map(); // id -> text sent (for too_large)

  const online = () => ws && ws.readyState === 1;
  function update() {
    const ok = online() && !pending.size;
    typing.hidden = !pending.size;
    sendBtn.disabled = restartBtn.disabled = !ok;
    for (const b of quick.children) b.disabled = !ok;
    if (pending.size) scroll();
  }
  const setStatus = (t) => { status.textContent = t; };

  function send(obj, text) {
    if (!online()) return false;
    obj.id = 'c' + (++seq);
    ws.send(JSON.stringify(obj));
    pending.set(obj.id, text);
    clearTimeout(stall);
    stall = setTimeout(() => {
      if (!pending.size) return;
      pending.clear();
      update();
      add('n', 'No answer yet. Please try again in a moment.');
    }, 20000);
    update();
    return true;
  }

  function answered(id) {
    if (pending.has(id)) { const t = pending.get(id); pending.delete(id); return t; }
    const first = pending.keys().next();
    if (!first.done) pending.delete(first.value);
    return undefined;
  }

  function connect() {
    clearTimeout(timer);
    timer = 0;
    if (ws && ws.readyState < 2) return;
    setStatus(tries ? 'Reconnecting…' : 'Connecting…');
    try { ws = new WebSocket(wsUrl.href); } catch (e) { retry(); return; }
    ws.onopen = () => {
      tries = 0;
      setStatus('');
      const hello = { type: 'hello' };
      if (st.s) hello.session = st.s;
      hello.locale = 'en';
      send(hello);
    };
    ws.onmessage = (e) => {
      let f;
      try { f = JSON.parse(e.data); } catch (x) { return; }
      if (f && typeof f === 'object') handle(f);
    };
    ws.onclose = () => { ws = null; pending.clear(); update(); retry(); };
  }

  function retry() {
    if (timer) return;
    const delay = Math.min(10000, 500 * Math.pow(2, Math.min(tries++, 6)) * (0.75 + Math.random() / 2));
    setStatus('Reconnecting…');
    timer = setTimeout(connect, delay);
  }
  window.addEventListener('online', () => { if (!online()) { tries = 0; connect(); } });

  function handle(f) {
    if (f.type === 'reply') {
      answered(f.reply_to);
      reply(f);
    } else if (f.type === 'error') {
      const text = answered(f.reply_to);
      add('n', ERRORS[f.code] || 'Sorry, something went wrong. Please try again.');
      if (f.code === 'too_large' && text && !input.value) input.value = text;
    } else if (f.type === 'notice') {
      for (const m of f.messages || []) if (m && m.text) add('b', m.text);
      if (f.text || f.message) add('n', f.text || f.message);
    }
    update();
  }

  function reply(r) {
    if (r.session) {
      if (st.s && st.s !== r.session) {
        if (st.h.length) add('n', 'A new conversation has started.');
        st.t = null;
        showBanner();
      }
      st.s = r.session;
    }
    let first = null;
    let anchor = null;
    let num = null;
    let said = '';
    for (const m of r.messages || []) {
      if (!m || m.text == null || m.text === '') continue;
      const node = add('b', m.text);
      first = first || node;
      said += '\n' + m.text;
      const hit = String(m.text).match(NUM);
      if (hit && !num) num = hit[1];
      if (/possible cause/i.test(m.text)) anchor = node;
    }
    if (num) st.n = num;
    // A card of the possible causes, unless the messages already list them all.
    const conds = (Array.isArray(r.conditions) ? r.conditions : [])
      .map((c) => [String((c && (c.name || c.id)) || ''),
        Array.isArray(c && c.why) ? c.why.join('; ') : String((c && c.why) || '')])
      .filter((c) => c[0]);
    if (conds.length && !conds.every((c) => said.includes(c[0]))) {
      const card = add('c', conds, false, anchor);
      first = first || card;
    }
    // The server never lowers the level within a session; neither does the banner.
    if (r.triage && LEVELS[r.triage.level] && rank(r.triage.level) >= rank(st.t && st.t.level)) {
      st.t = {
        level: r.triage.level,
        reasons: Array.isArray(r.triage.reasons) ? r.triage.reasons.map(String) : [],
        n: num || st.n || ds.kneebotEmergency || '',
      };
      showBanner();
    }
    setQuick(r.quick_replies);
    expect(r.expecting);
    if (r.ended) add('n', 'End of the conversation. Send a message to start again.');
    save();
    reveal(first);
  }

  function say(payload, shown) {
    if (!online() || pending.size) return false;
    add('u', shown);
    setQuick([]);
    return send({ type: 'message', text: payload }, payload);
  }

  function restart() {
    if (!online() || pending.size) return;
    log.textContent = '';
    st.h = [];
    if (st.t && !/^(emergency|urgent)$/.test(st.t.level)) st.t = null; // keep serious advice
    showBanner();
    setQuick([]);
    send({ type: 'restart' });
    input.focus();
  }

  // ---- open / close / keyboard ----
  const narrow = window.matchMedia('(max-width: 480px)');
  function open(focus) {
    panel.hidden = false;
    root.classList.add(P + 'open');
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', 'Close knee-pain chat');
    st.o = 1;
    save();
    if (!ws) { tries = 0; connect(); }
    scroll();
    if (focus) input.focus();
  }
  function close() {
    panel.hidden = true;
    root.classList.remove(P + 'open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', 'Open knee-pain chat');
    st.o = 0;
    save();
    launcher.focus();
  }

  launcher.onclick = () => (panel.hidden ? open(true) : close());
  closeBtn.onclick = close;
  restartBtn.onclick = restart;
  form.onsubmit = (e) => {
    e.preventDefault();
    const t = input.value.trim();
    if (t && say(t, t)) input.value = '';
    input.focus();
  };
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); return; }
    if (e.key !== 'Tab' || !narrow.matches) return; // full-screen: keep focus inside
    const f = Array.from(panel.querySelectorAll('button,input,a[href],[tabindex="0"]'))
      .filter((x) => !x.disabled && x.offsetParent);
    const first = f[0];
    const last = f[f.length - 1];
    if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
    else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
  });

  // ---- mount ----
  function mount() {
    const show = () => { root.hidden = false; };
    if (!document.querySelector('link[href$="widget.css"]')) {
      const link = el('link');
      link.rel = 'stylesheet';
      link.href = new URL('widget.css', base).href;
      link.onload = link.onerror = show;
      document.head.append(link);
      setTimeout(show, 3000);
    } else show();
    document.body.append(root);
    for (const [kind, data] of st.h) add(kind, data, true);
    showBanner();
    expect(null);
    update();
    if (st.o != null ? st.o : ds.kneebotOpen === 'true') open(false);
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);

  window.kneebot = { open: () => open(true), close, restart };
})();
