/*
 * ipc-bench report: draws report.html's charts in the browser, with uPlot, from the run's own data
 * (the JSON in #report-data, written by report.ReportData). Small multiples: one chart per family
 * and metric, the charts of a metric on shared axes; one colour per transport on every chart.
 * Units as report.Formats writes them: 64 B, 1 KiB; ns, µs, ms; k and M msg/s; MB/s.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);

  /** Every formatter takes what uPlot gives an axis, which may be null where a split has no label. */
  function number(v) {
    if (v == null || isNaN(v)) return '';
    var m = Math.abs(v);
    if (m >= 1000) return Math.round(v).toLocaleString('en-US');
    if (m >= 100) return v.toFixed(0);
    if (m >= 10) return v.toFixed(1);
    return v.toFixed(2);
  }
  function bytes(v) {
    if (v == null) return '';
    var units = ['B', 'KiB', 'MiB', 'GiB'], u = 0;
    while (u < units.length - 1 && Math.abs(v) >= 1024) { v /= 1024; u++; }
    return (v === Math.round(v) ? String(v) : v.toFixed(1)) + ' ' + units[u];
  }
  function micros(v) {
    if (v == null) return '';
    var m = Math.abs(v);
    if (m < 1) return number(v * 1e3) + ' ns';
    if (m < 1e3) return number(v) + ' µs';
    if (m < 1e6) return number(v / 1e3) + ' ms';
    return number(v / 1e6) + ' s';
  }
  function nanos(v) { return v == null ? '' : micros(v / 1e3); }
  function rate(v) {
    if (v == null) return '';
    var m = Math.abs(v);
    if (m >= 1e6) return number(v / 1e6) + ' M msg/s';
    if (m >= 1e3) return number(v / 1e3) + ' k msg/s';
    return number(v) + ' msg/s';
  }
  /** An axis label: "10 ms", not the "10.0 ms" a figure keeps (report.Charts.tick). */
  function tick(fmt) { return function (u, splits) { return splits.map(function (v) { return fmt(v).replace(/\.0+(?= )/, ''); }); }; }
  function megabytes(v) { return v == null ? '' : number(v) + ' MB/s'; }

  var hasStreams = data.rows.some(function (r) { return r.bench === 'stream'; });
  var METRICS = [
    {key: 'p50', bench: 'rtt', title: 'Round-trip time, p50 (lower is better)', fmt: micros},
    {key: 'p99', bench: 'rtt', title: 'Round-trip time, p99 (lower is better)', fmt: micros},
    {key: 'mbs', bench: 'stream', title: 'Streaming throughput (higher is better)', fmt: megabytes},
    {key: 'cpu', bench: hasStreams ? 'stream' : 'rtt', title: 'CPU per message, both processes (lower is better)', fmt: nanos}
  ];

  var AXES = ['wait', 'placement', 'host'];
  var AXIS_TITLES = {wait: 'wait', placement: 'placement', host: 'host placement'};
  var choice = {};
  function values(axis) {
    var seen = [];
    data.rows.forEach(function (r) { if (r.run === 'this' && seen.indexOf(r[axis]) < 0) seen.push(r[axis]); });
    return seen;
  }
  function several(axis) { return values(axis).length > 1; }
  function visible(r) {
    return AXES.every(function (axis) { return !choice[axis] || choice[axis] === 'all' || r[axis] === choice[axis]; });
  }
  function familyOf(r) { return data.transports[r.transport].family; }
  function seriesName(r) {
    return r.label + (several('placement') ? ' (' + r.placement + ')' : '') + (several('host') ? ' [' + r.host + ']' : '')
      + (r.run === 'earlier' ? ' (' + data.earlier + ')' : '');
  }
  function colour(r, alpha) {
    var hex = data.transports[r.transport].colour;
    var a = r.run === 'earlier' ? 0.4 : 1;
    if (alpha !== undefined) a *= alpha;
    return 'rgba(' + parseInt(hex.substr(1, 2), 16) + ',' + parseInt(hex.substr(3, 2), 16) + ','
      + parseInt(hex.substr(5, 2), 16) + ',' + a + ')';
  }
  function interval(f, fmt) { return f.length === 3 ? ' [' + fmt(f[1]) + '–' + fmt(f[2]) + ']' : ''; }

  function controls() {
    var box = document.getElementById('controls');
    AXES.forEach(function (axis) {
      if (!several(axis)) return;
      var label = document.createElement('label');
      label.textContent = AXIS_TITLES[axis] + ': ';
      var select = document.createElement('select');
      select.name = axis;
      ['all'].concat(values(axis)).forEach(function (v) {
        var option = document.createElement('option');
        option.value = v; option.textContent = v;
        select.appendChild(option);
      });
      select.addEventListener('change', function () { choice[axis] = select.value; drawCharts(); });
      label.appendChild(select);
      box.appendChild(label);
    });
  }

  function drawCharts() {
    var grid = document.getElementById('chart-grid');
    grid.innerHTML = '';
    METRICS.forEach(function (metric) { drawMetric(metric, grid); });
  }

  /** One metric: a chart per family, all on the same axes. */
  function drawMetric(metric, grid) {
    var rows = data.rows.filter(function (r) { return r.bench === metric.bench && r[metric.key] && visible(r); });
    if (!rows.length) return;
    var xs = [], lo = Infinity, hi = 0;
    rows.forEach(function (r) {
      if (xs.indexOf(r.payload) < 0) xs.push(r.payload);
      r[metric.key].forEach(function (v) { if (v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
    });
    xs.sort(function (a, b) { return a - b; });
    var yRange = uPlot.rangeLog(lo, hi, 10, true);
    var xRange = [xs[0] / 1.6, xs[xs.length - 1] * 1.6];
    var heading = document.createElement('div');
    heading.className = 'metric';
    heading.textContent = metric.title;
    grid.appendChild(heading);
    var multiples = document.createElement('div');
    multiples.className = 'multiples';
    grid.appendChild(multiples);
    var families = data.families.filter(function (f) { return rows.some(function (r) { return familyOf(r) === f; }); });
    var perRow = Math.min(families.length, 4);
    var width = Math.max(240, Math.floor(((grid.clientWidth || 1200) - 16 * perRow) / perRow));
    families.forEach(function (family) {
      var byName = {}, names = [];
      rows.filter(function (r) { return familyOf(r) === family; }).forEach(function (r) {
        var name = seriesName(r);
        if (!byName[name]) { byName[name] = []; names.push(name); }
        byName[name].push(r);
      });
      var series = [{label: 'payload', value: function (u, v) { return v == null ? '' : bytes(v); }}];
      var columns = [xs];
      names.forEach(function (name) {
        var at = xs.map(function (x) { return byName[name].filter(function (r) { return r.payload === x; })[0] || null; });
        var first = byName[name][0];
        columns.push(at.map(function (r) { return r ? r[metric.key][0] : null; }));
        // an earlier run dashed; a slower host placement of this run dotted, in the transport's colour
        var dash = first.run === 'earlier' ? [6, 4] : values('host').indexOf(first.host) > 0 ? [2, 3] : undefined;
        series.push({
          label: name, stroke: colour(first), width: first.run === 'earlier' ? 1.5 : 2, dash: dash, spanGaps: true, points: {show: true, size: 6, fill: colour(first)},
          value: function (u, v, si, di) {
            var r = di == null ? null : at[di];
            if (!r) return '–';
            var f = r[metric.key];
            return metric.fmt(f[0]) + interval(f, metric.fmt) + (metric.key === 'mbs' && r.msgs ? ', ' + rate(r.msgs[0]) : '')
              + (metric.key === 'mbs' && r.onewayp99 ? ', one-way p99 ' + micros(r.onewayp99[0]) : '')
              + ', ' + r.forks + (r.forks === 1 ? ' fork' : ' forks');
          }
        });
      });
      var box = document.createElement('div');
      box.className = 'chart';
      box.setAttribute('data-family', family);
      box.setAttribute('data-metric', metric.key);
      var title = document.createElement('div');
      title.className = 'title';
      title.textContent = family;
      box.appendChild(title);
      multiples.appendChild(box);
      new uPlot({
        width: width, height: 200,
        scales: {
          x: {distr: 3, log: 2, range: function () { return xRange; }},
          y: {distr: 3, log: 10, range: function () { return yRange; }}
        },
        axes: [
          {splits: function () { return xs; }, values: tick(bytes), space: 10, size: 30},
          {values: tick(metric.fmt), size: 86}
        ],
        legend: {live: true},
        series: series
      }, columns, box);
    });
  }

  /** A row's detail: its percentile plot (every fork, and the earlier run's faded), per-fork values, CPU on both sides. */
  function detail(ids) {
    var cell = document.createElement('td');
    cell.colSpan = 18;
    ids.forEach(function (id) {
      data.rows.filter(function (r) { return r.id === id || r.id.indexOf(id + '-') === 0; }).forEach(function (r) {
        var head = document.createElement('div');
        head.innerHTML = '<b></b>';
        head.firstChild.textContent = r.label + ' · ' + bytes(r.payload) + ' · ' + (r.bench === 'rtt' ? 'round trip' : 'stream')
          + (r.host ? ' · host placement ' + r.host : '');
        cell.appendChild(head);
        var forks = document.createElement('div');
        forks.className = 'forks';
        var lines = ['per fork (' + r.unit + '): ' + r.perFork.map(number).join(', ')];
        if (r.cpuInitiator) lines.push('CPU initiator (ns/msg) per fork: ' + r.cpuInitiator.map(number).join(', '));
        if (r.cpuPeer) lines.push('CPU peer (ns/msg) per fork: ' + r.cpuPeer.map(number).join(', '));
        if (r.floorStream) lines.push('the fork\'s floor, cross-CPU stream (GB/s): ' + r.floorStream.map(number).join(', '));
        if (r.samples) lines.push('round trips behind each percentile: ' + r.samples);
        forks.textContent = lines.join(' · ');
        cell.appendChild(forks);
        if (r.curve) percentilePlot(r, cell);
      });
    });
    return cell;
  }

  /** Latency against 1/(1 − q) on a log axis, HdrHistogram's percentile plot: p99, p99.9, p99.99 evenly spaced. */
  function percentilePlot(r, cell) {
    var earlier = data.rows.filter(function (e) {
      return e.run === 'earlier' && e.curve && e.bench === r.bench && e.label === r.label && e.payload === r.payload
        && e.placement === r.placement;
    })[0];
    var xs = r.curve.x, labels = r.curve.labels;
    var columns = [xs], series = [{label: 'percentile', value: function (u, v, si, di) { return di == null ? '' : labels[di]; }}];
    r.curve.forks.forEach(function (values, k) {
      columns.push(values);
      series.push({label: 'fork ' + (k + 1), stroke: colour(r, 1 - 0.25 * k), width: 2, points: {show: true, size: 5},
        value: function (u, v) { return v == null ? '–' : micros(v); }});
    });
    if (earlier) {
      earlier.curve.forks.forEach(function (values, k) {
        columns.push(xs.map(function (x) { var i = earlier.curve.x.indexOf(x); return i < 0 ? null : values[i]; }));
        series.push({label: data.earlier + ' fork ' + (k + 1), stroke: colour(earlier), dash: [6, 4], width: 1.5,
          value: function (u, v) { return v == null ? '–' : micros(v); }});
      });
    }
    var box = document.createElement('div');
    box.className = 'chart percentiles';
    cell.appendChild(box);
    new uPlot({
      width: 640, height: 260,
      title: 'Round-trip time by percentile',
      scales: {x: {distr: 3, log: 10, range: function () { return [xs[0] / 1.5, xs[xs.length - 1] * 1.5]; }}, y: {distr: 3, log: 10}},
      axes: [
        {splits: function () { return xs; }, values: function (u, splits) { return splits.map(function (s) { return labels[xs.indexOf(s)]; }); },
          space: 10},
        {values: tick(micros), size: 70}
      ],
      series: series
    }, columns, box);
  }

  function toggle(tr) {
    var next = tr.nextElementSibling;
    if (next && next.classList.contains('detail')) { next.remove(); return; }
    var row = document.createElement('tr');
    row.className = 'detail';
    row.appendChild(detail(tr.getAttribute('data-rows').split(' ')));
    tr.parentNode.insertBefore(row, tr.nextSibling);
  }

  /** A click opens a row; so does a link to it, report.html#row=this-3 (a row's id in the data), for sharing one row. */
  function openableRows() {
    var rows = document.querySelectorAll('table.rows tr.row');
    Array.prototype.forEach.call(rows, function (tr) { tr.addEventListener('click', function () { toggle(tr); }); });
    var wanted = /^#row=(.+)$/.exec(location.hash);
    if (wanted) {
      Array.prototype.forEach.call(rows, function (tr) {
        if (tr.getAttribute('data-rows').split(' ').indexOf(wanted[1]) >= 0) toggle(tr);
      });
    }
  }

  controls();
  drawCharts();
  openableRows();
})();
