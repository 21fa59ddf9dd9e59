// The page's flow: ask for the county key, load every part from the JSON API, draw, and forget the key on 退出
// or when the API refuses it.
'use strict';
(() => {
  const { api, format, charts, panels } = LH;
  const $ = (selector) => document.querySelector(selector);
  const CATEGORY_NAMES = { 'camellia-oil': '茶油', 'lotus-seed': '白莲', rice: '大米', duck: '麻鸭', goose: '白鹅', 'white-goose': '白鹅',
    beef: '牛肉', 'navel-orange': '脐橙', vegetables: '富硒蔬菜', 'selenium-vegetables': '富硒蔬菜' };
  const money = { value: format.money, axis: format.compactMoney };
  const grams = { value: format.weight, axis: (g) => format.weight(g).replace(' 公斤', '') };

  function alert(message) {
    const p = document.createElement('p');
    p.className = 'alert';
    p.setAttribute('role', 'alert');
    p.textContent = message;
    $('#alerts').append(p);
  }

  function show(loggedIn) {
    $('#login-panel').hidden = loggedIn;
    $('#dashboard').hidden = !loggedIn;
    $('#logout').hidden = !loggedIn;
    $('#refresh').hidden = !loggedIn;
    if (!loggedIn) $('#login input[name=apiKey]').focus();
  }

  function logout() {
    api.forget();
    charts.clear();
    show(false);
  }

  /** A refused key ends the visit; anything else leaves the rest of the page working and says which part failed. */
  function failed(error, part) {
    if (error.status === 401) {
      logout();
      alert('密钥无效或已被撤销，请重新输入县级密钥。');
    } else if (error.status === 403) {
      logout();
      alert('此密钥不是县级密钥，无权查看看板。请使用县电商中心的密钥。');
    } else if (api.key()) {
      alert(`${part}加载失败：${error.message || error}`);
    }
  }

  const pair = (labels, rows, fields) => ({ labels, series: fields.map((name) => ({ name, values: rows.map((r) => r[name]) })) });

  async function cumulative() {
    const summary = await api.json('summaries/cumulative');
    panels.metrics(summary);
    charts.draw('township', pair(summary.byTownship.map((t) => t.name), summary.byTownship, ['gmvFen', 'householdIncomeFen']),
      { kind: 'bar', horizontal: true, label: (l) => l, ...money });
    charts.draw('category', pair(summary.byCategory.map((c) => c.category), summary.byCategory, ['gmvFen']),
      { kind: 'pie', label: (l) => CATEGORY_NAMES[l] || l, ...money });
  }

  async function daily() {
    const days = format.lastDays(30);
    const summaries = await Promise.all(days.map((day) => api.json('summaries/daily/' + day)));
    charts.draw('daily', pair(days, summaries, ['gmvFen', 'householdIncomeFen']), { kind: 'line', label: (l) => l.slice(5), ...money });
  }

  async function logistics(report) {
    const network = await api.json('network');
    const nodes = new Map([...network.hubs, ...network.stations].map((n) => [n.id, n]));
    const nodeName = (id) => (nodes.get(id) || { name: id }).name;
    // Hubs' full names are too long for a chart's axis on a phone: the township's name, and 县仓 for the warehouse.
    const shortName = (id) => {
      const node = nodes.get(id);
      return !node ? id : node.kind === 'county' ? '县仓' : node.townshipName || node.name;
    };
    const warehouse = (network.hubs.find((h) => h.kind === 'county') || { id: 'wh-' + network.county.code }).id;
    const runs = await api.all(`runs?nodeId=${encodeURIComponent(warehouse)}&date=${format.today()}`);
    charts.draw('runs', pair(runs.map((r) => `${r.from}→${r.to}`), runs, ['loadGrams', 'capacityGrams']),
      { kind: 'bar', horizontal: true, label: (l) => l.split('→').map(shortName).join('→'), ...grams });
    panels.attention(report, nodeName);
  }

  async function load() {
    $('#alerts').replaceChildren();
    show(true);
    $('#asof').textContent = format.now();
    // One county-only call first: a wrong, revoked or non-county key is told by one refusal, not by thirty-odd.
    let report;
    try {
      report = await api.json('attention');
    } catch (error) {
      return failed(error, '物流数据');
    }
    const parts = [[cumulative, '累计数据'], [daily, '近 30 天数据'], [() => logistics(report), '物流数据']];
    const results = await Promise.allSettled(parts.map(([part]) => part()));
    // A key revoked meanwhile: one message, however many calls it refused.
    const refused = results.find((r) => r.status === 'rejected' && (r.reason.status === 401 || r.reason.status === 403));
    if (refused) return failed(refused.reason, '');
    results.forEach((r, i) => { if (r.status === 'rejected') failed(r.reason, parts[i][1]); });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('#login').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('#login input[name=apiKey]');
      const key = input.value.trim();
      input.value = '';
      if (!key) return alert('请输入县级 API 密钥。');
      api.remember(key);
      load();
    });
    $('#logout').addEventListener('click', () => { $('#alerts').replaceChildren(); logout(); });
    $('#refresh').addEventListener('click', load);
    panels.downloads(failed);
    if (api.key()) load(); else show(false);
  });
})();
