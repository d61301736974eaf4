// Earshot's page behaviour: keyboard shortcuts, the queue's selection kept across live refreshes,
// the reply composer's canned replies, and presence on a thread. Everything else is htmx attributes.
(function () {
  'use strict';

  const ROWS = '#rows > tr[data-id]';
  let selectedId = null;
  let keptChecks = [];

  function csrfHeaders() {
    try {
      return JSON.parse(document.body.getAttribute('hx-headers') || '{}');
    } catch (e) {
      return {};
    }
  }

  function rows() { return Array.from(document.querySelectorAll(ROWS)); }
  function currentRow() { return rows().find(r => r.dataset.id === selectedId) || null; }

  function select(row) {
    rows().forEach(r => r.classList.toggle('selected', r === row));
    if (row) {
      selectedId = row.dataset.id;
      row.scrollIntoView({ block: 'nearest' });
    }
  }

  function move(delta) {
    const all = rows();
    if (!all.length) return;
    let i = all.indexOf(currentRow());
    i = i < 0 ? 0 : Math.min(all.length - 1, Math.max(0, i + delta));
    select(all[i]);
  }

  function bulk(action, value) {
    const row = currentRow();
    const form = document.getElementById('bulk');
    if (!row || !form) return;
    const values = {};
    new FormData(form).forEach((v, k) => { if (k !== 'id' && k !== 'action' && k !== 'value') values[k] = v; });
    values.id = row.dataset.id;
    values.action = action;
    values.value = value || '';
    htmx.ajax('POST', '/inbox/bulk', { source: row, target: '#rows', swap: 'outerHTML', values: values, headers: csrfHeaders() });
  }

  function thread() { return document.querySelector('[data-conversation]'); }

  function click(selector) {
    const el = document.querySelector(selector);
    if (el) el.click();
  }

  function typingInField(event) {
    const t = event.target;
    return t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName);
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event)) return;
    const onThread = thread();
    switch (event.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'o':
      case 'Enter': {
        const row = currentRow();
        if (!row) return;
        window.location.href = row.querySelector('a.open').getAttribute('href');
        break;
      }
      case 'a': if (onThread) click('#assign-me'); else bulk('assign-me'); break;
      case 'e': if (onThread) click('#close-conversation'); else bulk('status', 'closed'); break;
      case 'r':
        if (onThread) {
          const box = document.getElementById('reply-text');
          if (box) box.focus();
        } else if (currentRow()) {
          window.location.href = currentRow().querySelector('a.open').getAttribute('href') + '#reply';
        }
        break;
      case '/': {
        const q = document.getElementById('q');
        if (q) q.focus(); else window.location.href = '/search';
        break;
      }
      case '?': {
        const help = document.getElementById('shortcuts');
        if (help && !help.open) help.showModal();
        break;
      }
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener('click', function (event) {
    const row = event.target.closest && event.target.closest(ROWS);
    if (row && event.target.tagName !== 'A' && event.target.tagName !== 'INPUT') select(row);
  });

  // A live refresh replaces the rows: keep the teammate's selection and ticked boxes.
  document.addEventListener('htmx:beforeSwap', function (event) {
    if (event.detail.target && event.detail.target.id === 'rows') {
      keptChecks = Array.from(document.querySelectorAll('#rows input[name=id]:checked')).map(c => c.value);
    }
  });
  document.addEventListener('htmx:afterSettle', function () {
    if (!document.getElementById('rows')) return;
    keptChecks.forEach(id => {
      const box = document.querySelector('#rows input[name=id][value="' + CSS.escape(id) + '"]');
      if (box) box.checked = true;
    });
    const row = currentRow();
    if (row) row.classList.add('selected');
  });

  // ---- The reply composer: "/" opens the canned replies, choosing one inserts it --------------------------------
  function composer() { return document.getElementById('reply-text'); }

  function cannedMenu() { return document.getElementById('canned-menu'); }

  function openCanned(box) {
    const menu = cannedMenu();
    if (!menu) return;
    const inReplyTo = document.getElementById('reply-to');
    const url = menu.dataset.source + (inReplyTo ? '?inReplyTo=' + encodeURIComponent(inReplyTo.value) : '');
    htmx.ajax('GET', url, { source: box, target: '#canned-menu', swap: 'innerHTML' }).then(function () {
      menu.hidden = false;
      menu.dataset.slash = String(box.selectionStart - 1);
      const first = menu.querySelector('button');
      if (first) first.focus();
    });
  }

  function insertCanned(button) {
    const box = composer();
    const menu = cannedMenu();
    const slash = parseInt(menu.dataset.slash || '-1', 10);
    const text = button.dataset.text;
    if (slash >= 0 && box.value.charAt(slash) === '/') {
      box.value = box.value.slice(0, slash) + text + box.value.slice(slash + 1);
      box.selectionStart = box.selectionEnd = slash + text.length;
    } else {
      box.value += text;
    }
    menu.hidden = true;
    box.focus();
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }

  document.addEventListener('input', function (event) {
    const box = event.target;
    if (box.id !== 'reply-text' || event.inputType !== 'insertText' || event.data !== '/') return;
    const before = box.value.charAt(box.selectionStart - 2);
    if (box.selectionStart === 1 || /\s/.test(before)) openCanned(box);
  });

  document.addEventListener('click', function (event) {
    const button = event.target.closest && event.target.closest('#canned-menu button[data-text]');
    if (button) {
      event.preventDefault();
      insertCanned(button);
    }
  });

  document.addEventListener('keydown', function (event) {
    const menu = cannedMenu();
    if (!menu || menu.hidden || !menu.contains(event.target)) return;
    const items = Array.from(menu.querySelectorAll('button[data-text]'));
    const i = items.indexOf(event.target);
    if (event.key === 'ArrowDown' && i < items.length - 1) items[i + 1].focus();
    else if (event.key === 'ArrowUp' && i > 0) items[i - 1].focus();
    else if (event.key === 'Escape') { menu.hidden = true; composer().focus(); }
    else return;
    event.preventDefault();
  });

  // ---- Presence: tell teammates this thread is open, and when a reply is being typed ---------------------------
  // The pushed list names everyone on the thread; each page leaves out its own user.
  document.addEventListener('htmx:sseMessage', function () {
    const me = document.body.dataset.user;
    document.querySelectorAll('#presence [data-user]').forEach(function (el) {
      el.hidden = el.dataset.user === me;
    });
  });

  let lastTyped = 0;
  document.addEventListener('input', function (event) {
    if (event.target.id === 'reply-text') {
      const quiet = Date.now() - lastTyped > 4000;
      lastTyped = Date.now();
      if (quiet) heartbeat();
    }
  });

  function heartbeat() {
    const el = thread();
    if (!el) return;
    const body = new URLSearchParams({ typing: String(Date.now() - lastTyped < 5000) });
    fetch('/conversations/' + el.dataset.conversation + '/presence', {
      method: 'POST', body: body, headers: csrfHeaders(), credentials: 'same-origin'
    }).catch(function () { /* the next beat tries again */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (thread()) {
      heartbeat();
      setInterval(heartbeat, 10000);
      if (window.location.hash === '#reply' && composer()) composer().focus();
    }
  });
})();
