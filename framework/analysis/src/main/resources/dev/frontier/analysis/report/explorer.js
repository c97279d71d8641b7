/* Frontier report: the interactive chart, drawn with the Apache ECharts inlined above.
   Data: the JSON element #explorer-data (see Explorer.java). Nothing is fetched. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('explorer-data').textContent);
  var el = document.getElementById('explorer-chart');
  var menu = document.getElementById('explorer-pair');

  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#999933', '#882255'];
  var SYMBOLS = ['circle', 'diamond', 'rect', 'triangle', 'path://M0,0L10,0L5,9Z', 'roundRect', 'pin', 'arrow'];
  var FRONTIER = 'Pareto frontier';
  var STAIRS = 'Frontier of this pair';
  var LEFT_OUT = 'Infeasible (left out)';
  var LABEL_FONT_SIZE = 11;
  var LABEL_HEIGHT = 15;
  var FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

  var chart = echarts.init(el, null, { renderer: 'svg' });
  var current = 0;
  var frontierTrials = [];

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function round3(v) {
    return Number(Number(v).toPrecision(3));
  }

  function bytes(b) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'];
    var u = 0;
    while (u < units.length - 1 && Math.abs(b) / Math.pow(1024, u) >= 1024) {
      u++;
    }
    var scaled = b / Math.pow(1024, u);
    return (u === 0 ? Math.round(scaled) : round3(scaled)) + ' ' + units[u];
  }

  /** A tick label in the metric's unit. */
  function tick(metric, v) {
    var m = data.metrics[metric];
    if (m.unit === 'bytes') {
      return bytes(v * m.bytesPerUnit);
    }
    if (m.unit === 'fraction') {
      return Math.round(v * 10000) / 100 + '%';
    }
    if (m.unit === 'ms') {
      return round3(v) + ' ms';
    }
    return String(round3(v));
  }

  function axis(metric, isX) {
    var m = data.metrics[metric];
    var a = {
      name: m.title,
      nameLocation: 'middle',
      nameGap: isX ? 30 : 58,
      nameTextStyle: { fontWeight: 'bold', color: '#333', fontSize: 13 },
      axisLabel: { color: '#444', formatter: function (v) { return tick(metric, v); } },
      axisLine: { lineStyle: { color: '#999' } },
      axisTick: { lineStyle: { color: '#999' } },
      splitLine: { show: true, lineStyle: { color: '#eee' } }
    };
    if (m.log) {
      a.type = 'log';
      a.logBase = m.unit === 'bytes' ? 2 : 10;
    } else {
      a.type = 'value';
      a.scale = true;
      a.boundaryGap = ['6%', '6%'];
    }
    return a;
  }

  function point(t, x, y) {
    return { value: [t.values[x], t.values[y]], name: t.name, trial: t };
  }

  /** The trials no other plotted trial beats on both metrics, as a staircase through them. */
  function staircase(trials, x, y) {
    var mx = data.metrics[x].maximize;
    var my = data.metrics[y].maximize;
    function better(a, b, max) { return max ? a > b : a < b; }
    function worse(a, b, max) { return max ? Math.min(a, b) : Math.max(a, b); }
    var pts = trials.map(function (t) { return [t.values[x], t.values[y]]; });
    var front = pts.filter(function (p) {
      return !pts.some(function (q) {
        return !better(p[0], q[0], mx) && !better(p[1], q[1], my)
            && (better(q[0], p[0], mx) || better(q[1], p[1], my));
      });
    });
    front.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var line = [];
    front.forEach(function (p, i) {
      if (i > 0) {
        var a = front[i - 1];
        line.push([worse(a[0], p[0], mx), worse(a[1], p[1], my)]);
      }
      line.push(p);
    });
    return line;
  }

  function errorBars(color) {
    return function (params, api) {
      var low = api.coord([api.value(0), api.value(2)]);
      var high = api.coord([api.value(0), api.value(3)]);
      var style = { stroke: color, lineWidth: 1.3, opacity: 0.85 };
      var cap = 4;
      return {
        type: 'group',
        silent: true,
        children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
          { type: 'line', shape: { x1: low[0] - cap, y1: low[1], x2: low[0] + cap, y2: low[1] }, style: style },
          { type: 'line', shape: { x1: high[0] - cap, y1: high[1], x2: high[0] + cap, y2: high[1] }, style: style }
        ]
      };
    };
  }

  function tooltip(p) {
    var t = p.data && p.data.trial;
    if (!t) {
      return '';
    }
    var html = '<div class="tip"><div class="tip-head"><b>' + esc(t.name) + '</b> '
        + '<span class="tip-tech">' + esc(t.technique) + '</span></div>'
        + '<div class="tip-dim">' + esc(t.id) + ' · ' + esc(t.standing) + '</div><table>';
    html += '<tr><th colspan="2">Configuration</th></tr>';
    if (t.params.length === 0) {
      html += '<tr><td colspan="2" class="tip-dim">no parameters</td></tr>';
    }
    t.params.forEach(function (kv) {
      html += '<tr><td>' + esc(kv[0]) + '</td><td>' + esc(kv[1]) + '</td></tr>';
    });
    html += '<tr><th colspan="2">Figures</th></tr>';
    t.figures.forEach(function (kv) {
      html += '<tr><td>' + esc(kv[0]) + '</td><td class="tip-num">' + esc(kv[1]) + '</td></tr>';
    });
    return html + '</table></div>';
  }

  function option(index) {
    var pair = data.pairs[index];
    var x = pair.x;
    var y = pair.y;
    var plotted = data.trials.filter(function (t) {
      return t.values[x] !== undefined && t.values[y] !== undefined;
    });
    var ranked = plotted.filter(function (t) { return t.ranked; });
    var series = [];
    var legend = [];
    data.techniques.forEach(function (technique, i) {
      var trials = ranked.filter(function (t) { return t.technique === technique; });
      if (trials.length === 0) {
        return;
      }
      var color = PALETTE[i % PALETTE.length];
      legend.push(technique);
      series.push({
        name: technique,
        type: 'scatter',
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 11,
        z: 4,
        itemStyle: { color: color, borderColor: '#fff', borderWidth: 0.6 },
        emphasis: { scale: 1.5 },
        data: trials.map(function (t) { return point(t, x, y); })
      });
      var withInterval = trials.filter(function (t) { return t.ci[y] !== undefined; });
      if (withInterval.length > 0) {
        series.push({
          name: technique,
          type: 'custom',
          z: 3,
          silent: true,
          tooltip: { show: false },
          renderItem: errorBars(color),
          encode: { x: 0, y: [1, 2, 3] },
          data: withInterval.map(function (t) {
            return [t.values[x], t.values[y], t.ci[y][0], t.ci[y][1]];
          })
        });
      }
    });
    var left = plotted.filter(function (t) { return !t.ranked; });
    if (left.length > 0) {
      legend.push(LEFT_OUT);
      series.push({
        name: LEFT_OUT,
        type: 'scatter',
        symbol: 'path://M0,0L10,10M10,0L0,10',
        symbolSize: 9,
        z: 4,
        itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#888', borderWidth: 1.5 },
        data: left.map(function (t) { return point(t, x, y); })
      });
    }
    var frontier = ranked.filter(function (t) { return t.frontier; });
    frontierTrials = frontier;
    legend.push(FRONTIER, STAIRS);
    series.push({
      id: 'frontier',
      name: FRONTIER,
      type: 'scatter',
      symbol: 'circle',
      symbolSize: 22,
      z: 2,
      itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#222', borderWidth: 1.6 },
      label: {
        show: true,
        position: 'right',
        distance: 6,
        fontSize: LABEL_FONT_SIZE,
        color: '#222',
        backgroundColor: 'rgba(255,255,255,0.75)',
        padding: [1, 3],
        formatter: function (p) { return labelText(p.data.trial); }
      },
      data: frontier.map(function (t) { return point(t, x, y); })
    });
    series.push({
      name: STAIRS,
      type: 'line',
      z: 1,
      silent: true,
      symbol: 'none',
      tooltip: { show: false },
      itemStyle: { color: '#666' },
      lineStyle: { type: 'dashed', color: '#666', width: 1.3 },
      data: staircase(ranked, x, y)
    });
    return {
      animationDuration: 300,
      animationDurationUpdate: 300,
      textStyle: { fontFamily: FONT },
      legend: { top: 4, type: 'scroll', data: legend, textStyle: { fontSize: 12 } },
      grid: { left: 78, right: 150, top: 48, bottom: 56 },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: tooltip,
        backgroundColor: '#fff',
        borderColor: '#bbb',
        padding: [6, 8],
        textStyle: { color: '#222', fontSize: 12 },
        extraCssText: 'box-shadow:0 2px 8px rgba(0,0,0,.15);'
      },
      xAxis: axis(x, true),
      yAxis: axis(y, false),
      series: series
    };
  }

  function labelText(t) {
    return t.name + (t.knee ? ' (knee)' : '');
  }

  /**
   * Moves the frontier labels apart: from the top down, a label that would cover one placed before
   * it goes just below that one. Needs the drawn chart (pixel positions), so it runs after setOption.
   */
  function spreadLabels(frontier, x, y) {
    var context = document.createElement('canvas').getContext('2d');
    context.font = LABEL_FONT_SIZE + 'px ' + FONT;
    var labels = frontier.map(function (t) {
      var p = chart.convertToPixel({ seriesId: 'frontier' }, [t.values[x], t.values[y]]);
      var left = p[0] + 11 + 6;
      return { trial: t, y0: p[1], y: p[1], left: left, right: left + context.measureText(labelText(t)).width + 6 };
    });
    labels.sort(function (a, b) { return a.y0 - b.y0; });
    var placed = [];
    labels.forEach(function (label) {
      var moved = true;
      while (moved) {
        moved = false;
        placed.forEach(function (q) {
          if (label.left < q.right && q.left < label.right && Math.abs(label.y - q.y) < LABEL_HEIGHT) {
            label.y = q.y + LABEL_HEIGHT;
            moved = true;
          }
        });
      }
      placed.push(label);
    });
    var byId = {};
    labels.forEach(function (label) { byId[label.trial.id] = label.y - label.y0; });
    chart.setOption({
      series: [{
        id: 'frontier',
        data: frontier.map(function (t) {
          var item = point(t, x, y);
          item.label = { offset: [0, byId[t.id]] };
          return item;
        })
      }]
    }, { lazyUpdate: false, silent: true });
  }

  /** Draws a pair; the first drawing is not animated, so it is complete when setOption returns. */
  function show(index, animate) {
    current = index;
    menu.value = String(index);
    var opt = option(index);
    opt.animation = animate;
    chart.setOption(opt, true);
    var pair = data.pairs[index];
    spreadLabels(frontierTrials, pair.x, pair.y);
    el.setAttribute('data-pair', String(current));
    el.setAttribute('data-frontier-points', String(frontierTrials.length));
  }

  menu.addEventListener('change', function () {
    var index = Number(menu.value);
    show(index, true);
    history.replaceState(null, '', '#pair=' + index);
  });
  window.addEventListener('resize', function () {
    chart.resize();
    var pair = data.pairs[current];
    spreadLabels(frontierTrials, pair.x, pair.y);
  });

  /** Shows a trial's tooltip, as hovering its point would. */
  function showTrial(id) {
    var series = chart.getOption().series;
    for (var i = 0; i < series.length; i++) {
      if (series[i].type !== 'scatter' || series[i].id === 'frontier') {
        continue;
      }
      for (var j = 0; j < series[i].data.length; j++) {
        if (series[i].data[j].trial.id === id) {
          chart.dispatchAction({ type: 'showTip', seriesIndex: i, dataIndex: j });
          return;
        }
      }
    }
  }

  // #pair=N picks the pair shown first; &trial=ID (URL-encoded) opens that trial's tooltip
  var asked = /pair=(\d+)/.exec(location.hash);
  var first = asked ? Number(asked[1]) : 0;
  show(first < data.pairs.length ? first : 0, false);
  var trial = /trial=([^&]*)/.exec(location.hash);
  if (trial) {
    showTrial(decodeURIComponent(trial[1]));
  }
})();
