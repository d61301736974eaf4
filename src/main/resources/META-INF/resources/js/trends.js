// The trends page: draws the chart (uPlot), the top tables and the spike markers from the trends API
// with the parameters the server rendered into #trend-chart. Data is only ever set as textContent.
(function () {
  'use strict';

  const COLORS = ['#2457c5', '#c2410c', '#067647', '#7c3aed', '#b42318', '#0e7490', '#a16207', '#be185d'];
  const STEP = { minute: 60, hour: 3600, day: 86400, week: 604800 };

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function link(href, text) {
    const a = el('a', text);
    a.href = href;
    return a;
  }

  function showError(message) {
    const box = document.getElementById('trend-error');
    box.textContent = message;
    box.hidden = false;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || body.error || ('HTTP ' + response.status));
    return body;
  }

  // The browser's time zone joins the URL once, so a bookmark keeps the buckets the reader saw.
  function withZone(chart) {
    const tzInput = document.getElementById('tz');
    const url = new URL(chart.dataset.url, location.origin);
    let api = chart.dataset.api;
    let period = chart.dataset.period;
    if (!tzInput.value) {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      tzInput.value = zone;
      url.searchParams.set('tz', zone);
      api += '&tz=' + encodeURIComponent(zone);
      period += (period ? '&' : '') + 'tz=' + encodeURIComponent(zone);
    }
    history.replaceState(null, '', url.pathname + url.search);
    document.getElementById('csv').href = '/api/trends.csv?' + api;
    return { api, period };
  }

  function quote(value) {
    return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }

  // The search for one series' posts in [from, to): a filter where the search page has one, else words.
  function searchUrl(key, from, to) {
    const params = new URLSearchParams();
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const value = key.slice(colon + 1);
    let words = '';
    if (kind === 'rule') params.set('rule', value);
    else if (kind === 'hashtag') params.set('hashtag', value.replace(/^#/, ''));
    else if (kind === 'term') words = quote(value) + ' ';
    else words = '(' + value + ') ';
    params.set('q', words + 'created:[' + quote(from.toISOString()) + ' TO ' + quote(to.toISOString()) + '}');
    // Filters after q, as the search page writes its own URLs.
    const ordered = new URLSearchParams();
    ordered.set('q', params.get('q'));
    params.forEach((v, k) => { if (k !== 'q') ordered.append(k, v); });
    return '/search?' + ordered.toString();
  }

  function chartData(series, share) {
    const xs = series[0].buckets.map(b => Date.parse(b.start) / 1000);
    if (!share) return [xs].concat(series.map(s => s.buckets.map(b => b.count)));
    // Stacked percentages: each line is the running sum of shares up to its series.
    const running = xs.map(() => 0);
    return [xs].concat(series.map(s => s.buckets.map((b, i) => {
      running[i] += (b.share || 0) * 100;
      return Math.round(running[i] * 100) / 100;
    })));
  }

  function draw(holder, body, share, interval) {
    const series = body.series || [];
    if (!series.length || !series[0].buckets.length) return null;
    const data = chartData(series, share);
    const opts = {
      width: Math.max(320, holder.clientWidth || 800),
      height: 320,
      scales: share ? { y: { range: [0, 100] } } : {},
      series: [{}].concat(series.map((s, i) => ({
        label: s.label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        fill: share ? COLORS[i % COLORS.length] + '55' : undefined,
        value: (u, v) => v == null ? '' : (share ? v.toFixed(1) + ' %' : String(v))
      }))),
      axes: [{}, { label: share ? 'share %' : 'posts' }],
      cursor: { drag: { x: false, y: false } }
    };
    if (share) {
      // Fill between neighbouring stacked lines, so each band is one series' share.
      opts.bands = series.slice(1).map((s, i) => ({ series: [i + 2, i + 1] }));
    }
    const plot = new uPlot(opts, data, holder);
    plot.over.addEventListener('click', () => {
      const idx = plot.cursor.idx;
      if (idx == null) return;
      const yValue = plot.posToVal(plot.cursor.top, 'y');
      let nearest = 1;
      for (let i = 1; i < data.length; i++) {
        if (Math.abs(data[i][idx] - yValue) < Math.abs(data[nearest][idx] - yValue)) nearest = i;
      }
      const from = new Date(data[0][idx] * 1000);
      const to = new Date((idx + 1 < data[0].length ? data[0][idx + 1] : data[0][idx] + STEP[interval]) * 1000);
      location.assign(searchUrl(series[nearest - 1].key, from, to));
    });
    return plot;
  }

  // The incident view of a spike: the inbox filtered to the rule and the alert's hour, near-duplicates grouped.
  // Instants as the server writes them (no milliseconds), so the URL is the one the inbox links back to.
  function incidentUrl(ruleId, start) {
    const iso = ms => new Date(ms).toISOString().replace('.000Z', 'Z');
    return '/inbox?view=all&rule=' + encodeURIComponent(ruleId) + '&from=' + encodeURIComponent(iso(start)) +
        '&to=' + encodeURIComponent(iso(start + 3600 * 1000)) + '&group=similar';
  }

  // Spike alerts of the charted rules inside the chart's range: a mark on the timeline, and a list.
  function markAlerts(plot, holder, alerts, ruleIds) {
    const list = document.getElementById('alerts');
    if (!plot) return;
    const xs = plot.data[0];
    const first = xs[0];
    const last = xs[xs.length - 1];
    alerts.filter(a => ruleIds.has(String(a.rule.id))).forEach(alert => {
      const start = Date.parse(alert.bucketStart);
      const x = start / 1000;
      if (x < first || x > last) return;
      const inbox = incidentUrl(alert.rule.id, start);
      const window = searchUrl('rule:' + alert.rule.id, new Date(start), new Date(start + 3600 * 1000));
      const marker = link(inbox, '▲');
      marker.className = 'alert-marker';
      marker.title = 'Spike: ' + alert.rule.name + ', ' + alert.count + ' posts (baseline ' + alert.baseline + ')';
      marker.style.left = (plot.valToPos(x, 'x') + plot.over.offsetLeft) + 'px';
      marker.style.top = (plot.over.offsetTop + 2) + 'px';
      holder.appendChild(marker);
      const item = el('li');
      item.append(el('strong', alert.rule.name), ' ' + alert.count + ' posts in the hour from ' +
          new Date(start).toLocaleString() + ' (baseline ' + alert.baseline + ') — ');
      item.append(link(inbox, 'incident view'), ' · ', link(window, 'posts of that hour'));
      list.appendChild(item);
    });
  }

  function fillTop(table, items) {
    const body = table.querySelector('tbody');
    body.replaceChildren();
    if (!items.length) {
      const row = el('tr');
      const cell = el('td', 'nothing', 'muted');
      cell.colSpan = 4;
      row.appendChild(cell);
      body.appendChild(row);
    }
    items.forEach(item => {
      const row = el('tr');
      const change = item.change == null ? 'new' : (item.change > 0 ? '+' : '') + Math.round(item.change * 100) + ' %';
      row.append(el('td', item.value), el('td', item.count), el('td', item.previous),
          el('td', change, item.change == null || item.change > 0 ? 'up' : 'down'));
      body.appendChild(row);
    });
    table.dataset.loaded = 'true';
  }

  function wireForm(form) {
    const custom = form.querySelector('.custom-range');
    form.addEventListener('change', event => {
      const target = event.target;
      if (target.name === 'range') {
        custom.hidden = target.value !== 'custom';
        if (target.value === 'custom') return;
      }
      if (['interval', 'range', 'share', 'series'].includes(target.name)) form.requestSubmit();
    });
  }

  async function start() {
    const chart = document.getElementById('trend-chart');
    if (!chart) return;
    wireForm(document.getElementById('trend-form'));
    const { api, period } = withZone(chart);
    const status = document.getElementById('trend-status');
    const topQuery = chart.dataset.topQuery;
    if (!topQuery) return;
    document.querySelectorAll('table.top').forEach(table => {
      getJson('/api/trends/top?field=' + table.dataset.field + '&limit=10&q=' + encodeURIComponent(topQuery) +
          (period ? '&' + period : ''))
        .then(body => fillTop(table, body.items || []))
        .catch(e => { table.querySelector('tbody').replaceChildren(el('tr', null)); showError(e.message); });
    });
    try {
      status.textContent = 'Loading…';
      const body = await getJson('/api/trends?' + api);
      const plot = draw(chart, body, chart.dataset.share === 'true', chart.dataset.interval);
      const total = (body.series || []).reduce((sum, s) => sum + s.buckets.reduce((n, b) => n + b.count, 0), 0);
      status.textContent = total + ' posts in ' + (body.series || []).length + ' series';
      chart.dataset.drawn = 'true';
      const ruleIds = new Set((body.series || []).filter(s => s.key.startsWith('rule:')).map(s => s.key.slice(5)));
      if (ruleIds.size) {
        const alerts = await getJson('/api/alerts?limit=500');
        markAlerts(plot, chart, alerts.items || [], ruleIds);
      }
    } catch (e) {
      status.textContent = '';
      showError(e.message);
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
