// The parts of the page that are not charts: headline figures, the logistics lists, the CSV downloads.
'use strict';
LH.panels = (() => {
  const { format } = LH;

  /** Headline figures: data-value keeps the raw number, the text is for people. */
  function metrics(summary) {
    document.querySelectorAll('[data-metric]').forEach((el) => {
      const value = summary[el.dataset.metric];
      el.dataset.value = String(value);
      el.textContent = el.dataset.metric.endsWith('Fen') ? format.money(value) : format.count(value);
    });
  }

  const COLUMNS = {
    lockedShipments: [['shipmentId', '包裹'], ['orderId', '订单'], ['nodeId', '所在网点'], ['since', '锁定时间']],
    unroutedOrders: [['orderId', '订单'], ['stationId', '下单站点'], ['since', '下单时间'], ['reason', '原因']],
  };

  /** The lists of GET /api/attention the county acts on today; node ids shown by name. */
  function attention(report, nodeName) {
    Object.entries(COLUMNS).forEach(([list, columns]) => {
      const items = report[list] || [];
      document.querySelector(`[data-count="${list}"]`).textContent = String(items.length);
      const box = document.querySelector(`[data-list="${list}"]`);
      if (items.length === 0) {
        const none = document.createElement('p');
        none.className = 'none';
        none.textContent = '暂无，一切正常。';
        box.replaceChildren(none);
        return;
      }
      const table = document.createElement('table');
      table.className = 'list';
      const head = table.createTHead().insertRow();
      columns.forEach(([, title]) => { const th = document.createElement('th'); th.scope = 'col'; th.textContent = title; head.append(th); });
      const body = table.createTBody();
      items.forEach((item) => {
        const row = body.insertRow();
        columns.forEach(([field]) => {
          const value = item[field];
          row.insertCell().textContent = field === 'since' ? format.chinaTime(value)
            : field.endsWith('Id') && field !== 'orderId' && field !== 'shipmentId' ? nodeName(value) : String(value ?? '');
        });
      });
      box.replaceChildren(table);
    });
  }

  /** The three CSV reports; each form knows its period, defaulting to today and this month (China time). */
  function downloads(onError) {
    const today = format.today();
    document.querySelector('[data-csv="daily"] input').value = today;
    document.querySelector('[data-csv="monthly"] input').value = today.slice(0, 7);
    document.querySelectorAll('form[data-csv]').forEach((form) => {
      form.onsubmit = async (event) => {
        event.preventDefault();
        const kind = form.dataset.csv;
        const period = kind === 'cumulative' ? '' : '/' + form.elements.period.value;
        const button = form.querySelector('button');
        button.disabled = true;
        try {
          await LH.api.download(`summaries/${kind}${period}?format=csv`, `lianhua-${kind}.csv`);
        } catch (e) {
          onError(e, '报表下载');
        } finally {
          button.disabled = false;
        }
      };
    });
  }

  return { metrics, attention, downloads };
})();
