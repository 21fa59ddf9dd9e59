// Draws a chart and, from the very object the chart is given, its data-series attribute (for tests and scripts) and the
// table a screen reader reads instead of the picture.
'use strict';
LH.charts = (() => {
  const COLORS = ['#1b7f5a', '#d97706', '#2563eb', '#9333ea', '#dc2626', '#0891b2', '#65a30d', '#db2777'];
  const SERIES_NAMES = { gmvFen: '销售额', householdIncomeFen: '农户收入', loadGrams: '已装载', capacityGrams: '运力' };
  const instances = new Map();

  function element(name) { return document.querySelector(`[data-chart="${name}"]`); }

  /**
   * data: {labels, series: [{name, values}]} in API units (fen, grams). view: {kind: 'line'|'bar'|'pie', label(l) for display,
   * value(v) for tooltips and tables, axis(v) for axis ticks, horizontal}.
   */
  function draw(name, data, view) {
    const el = element(name);
    el.dataset.series = JSON.stringify(data);
    delete el.dataset.drawn;
    table(name, data, view);
    let chart = instances.get(name);
    if (!chart) {
      chart = echarts.init(el, null, { renderer: 'canvas' });
      // data-drawn: when the chart last finished drawing, in ms since navigation (tests read load-to-drawn time from it).
      chart.on('finished', () => { el.dataset.drawn = String(Math.round(performance.now())); });
      instances.set(name, chart);
    }
    chart.setOption(option(data, view, el.clientWidth < 500), true);
  }

  function option(data, view, narrow) {
    const font = getComputedStyle(document.body).fontFamily;
    const base = { color: COLORS, textStyle: { fontFamily: font }, animationDuration: 400 };
    if (data.labels.length === 0) {
      return { ...base, title: { text: '暂无数据', left: 'center', top: 'middle', textStyle: { color: '#8a99a8', fontSize: 14, fontWeight: 'normal' } } };
    }
    const tooltip = { trigger: view.kind === 'pie' ? 'item' : 'axis', valueFormatter: view.value, confine: true };
    if (view.kind === 'pie') {
      const s = data.series[0];
      return { ...base, tooltip, legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '45%'], name: SERIES_NAMES[s.name] || s.name,
          label: { position: 'inside', formatter: '{d}%', color: '#fff' }, data: data.labels.map((l, i) => ({ name: view.label(l), value: s.values[i] })) }] };
    }
    const categories = { type: 'category', data: data.labels, axisLabel: { formatter: view.label, hideOverlap: true }, inverse: !!view.horizontal };
    // Fewer ticks on a phone, so that amounts on a horizontal axis do not run into each other.
    const values = { type: 'value', splitNumber: narrow && view.horizontal ? 3 : 5,
      axisLabel: { formatter: view.axis, hideOverlap: true } };
    return { ...base, tooltip, legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: view.horizontal ? values : categories,
      yAxis: view.horizontal ? categories : values,
      series: data.series.map((s) => ({ type: view.kind, name: SERIES_NAMES[s.name] || s.name, data: s.values,
        smooth: view.kind === 'line', showSymbol: false, barMaxWidth: 18 })) };
  }

  function table(name, data, view) {
    const box = document.querySelector(`[data-table="${name}"]`);
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    [''].concat(data.series.map((s) => SERIES_NAMES[s.name] || s.name)).forEach((text) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    });
    const body = t.createTBody();
    data.labels.forEach((label, i) => {
      const row = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = view.label(label);
      row.append(th);
      data.series.forEach((s) => { row.insertCell().textContent = view.value(s.values[i]); });
    });
    if (data.labels.length === 0) body.insertRow().insertCell().textContent = '暂无数据';
    box.replaceChildren(t);
  }

  window.addEventListener('resize', () => instances.forEach((chart) => chart.resize()));

  function clear() {
    instances.forEach((chart) => chart.clear());
    document.querySelectorAll('[data-chart]').forEach((el) => { delete el.dataset.series; delete el.dataset.drawn; });
    document.querySelectorAll('[data-table]').forEach((el) => el.replaceChildren());
  }

  return { draw, clear };
})();
