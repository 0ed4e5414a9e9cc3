// requestMetrics per month as an SVG chart: bars for cases received and closed, a line for the
// median days to close; the same figures follow in a table for screen readers and exact reading.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, text) {
  const element = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text != null) element.textContent = text;
  return element;
}

/** months: [{ label, received, closed, median }] oldest first. */
export function metricsChart(months, caption) {
  const width = 640; const height = 260; const left = 36; const right = 40; const top = 16; const bottom = 36;
  const plotWidth = width - left - right; const plotHeight = height - top - bottom;
  const maxCount = Math.max(1, ...months.flatMap((m) => [m.received, m.closed]));
  const maxDays = Math.max(1, ...months.map((m) => m.median ?? 0));
  const slot = plotWidth / months.length; const bar = Math.min(28, slot / 3);
  const y = (count) => top + plotHeight - (count / maxCount) * plotHeight;
  const yDays = (days) => top + plotHeight - (days / maxDays) * plotHeight;

  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart',
    'aria-label': `${caption}. ${months.map((m) => `${m.label}: ${m.received} received, ${m.closed} closed`
      + (m.median == null ? '' : `, median ${m.median} days`)).join('; ')}.`,
  });
  chart.append(svg('line', { x1: left, y1: top + plotHeight, x2: width - right, y2: top + plotHeight, class: 'axis' }));
  chart.append(svg('text', { x: left - 6, y: top + 4, 'text-anchor': 'end', class: 'tick' }, maxCount));
  chart.append(svg('text', { x: width - right + 6, y: top + 4, class: 'tick' }, `${maxDays} d`));
  const points = [];
  months.forEach((m, i) => {
    const x = left + i * slot + slot / 2;
    chart.append(svg('rect', { x: x - bar - 1, y: y(m.received), width: bar, height: top + plotHeight - y(m.received), class: 'received' }));
    chart.append(svg('rect', { x: x + 1, y: y(m.closed), width: bar, height: top + plotHeight - y(m.closed), class: 'closed' }));
    chart.append(svg('text', { x, y: height - bottom + 18, 'text-anchor': 'middle', class: 'tick' }, m.label));
    if (m.median != null) points.push(`${x},${yDays(m.median)}`);
  });
  if (points.length) {
    chart.append(svg('polyline', { points: points.join(' '), class: 'median' }));
    points.forEach((p) => { const [cx, cy] = p.split(','); chart.append(svg('circle', { cx, cy, r: 4, class: 'median' })); });
  }

  const table = document.createElement('table');
  table.innerHTML = '<caption>The figures</caption><thead><tr><th scope="col">Month</th><th scope="col">Received</th>'
    + '<th scope="col">Closed</th><th scope="col">Median days to close</th></tr></thead>';
  const body = table.createTBody();
  for (const m of months) {
    const row = body.insertRow();
    row.insertCell().textContent = m.label;
    row.insertCell().textContent = m.received;
    row.insertCell().textContent = m.closed;
    row.insertCell().textContent = m.median ?? '–';
  }
  const legend = document.createElement('p');
  legend.className = 'legend';
  legend.innerHTML = '<span class="key received"></span> received <span class="key closed"></span> closed '
    + '<span class="key median"></span> median days to close (right scale)';
  const details = document.createElement('details');
  details.append(Object.assign(document.createElement('summary'), { textContent: 'Show the figures' }), table);
  const figure = document.createElement('figure');
  figure.append(Object.assign(document.createElement('figcaption'), { textContent: caption }), chart, legend, details);
  return figure;
}
