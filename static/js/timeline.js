// Stance charts for the actor timeline and compare pages, drawn with Chart.js (static/vendor).
//
// A chart is a <canvas class="stance-chart" data-chart-source="ID"> whose data sits in the
// <script type="application/json" id="ID"> that Django's json_script wrote next to it:
//   {points: [{id, date, stance, score, quote, outlet, actor, article}], steps: [...], series: [...]}
// Each statement is one point, placed by date and score, coloured AND shaped by stance; the
// derived position is a stepped line. Hover or keyboard focus shows quote, outlet and date;
// a click (or Enter) scrolls to the statement in the evidence list. After drawing, the canvas
// gets data-points="N" (one mark per statement) so tests can check what was drawn.
// Charts are (re)built on load and after every htmx swap; no inline script is needed.
(function () {
  "use strict";

  var STANCES = {
    support: { label: "Support", style: "triangle", rotation: 0, cssVar: "--support", fallback: "#1d7a3a" },
    oppose: { label: "Oppose", style: "triangle", rotation: 180, cssVar: "--oppose", fallback: "#b42318" },
    neutral: { label: "Neutral", style: "circle", rotation: 0, cssVar: "--neutral", fallback: "#6b5e00" },
    unrelated: { label: "Unrelated", style: "rectRot", rotation: 0, cssVar: "--unrelated", fallback: "#5b6672" },
  };
  // Series colours for the compare chart (distinct in hue and, with the dashes, not by colour alone).
  var SERIES = ["#1f5fbf", "#b35c00", "#7b3fa0", "#00838f", "#8d6e00", "#c2185b"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 5], [12, 6]];
  var DAY = 86400000;
  var monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  var dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

  function cssColour(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function toTime(iso) {
    var parts = iso.split("-");
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]);
  }

  function wrap(text, width) {
    var words = String(text).split(/\s+/);
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      if ((line + " " + word).trim().length > width) {
        if (line) lines.push(line);
        line = word;
      } else {
        line = (line + " " + word).trim();
      }
    });
    if (line) lines.push(line);
    return lines.slice(0, 6);
  }

  function describe(point) {
    var stance = STANCES[point.stance] ? STANCES[point.stance].label : point.stance;
    return (
      dayFormat.format(new Date(toTime(point.date))) +
      (point.outlet ? " · " + point.outlet : "") +
      " · " + stance + " (" + point.score.toFixed(2) + "): “" + point.quote + "”"
    );
  }

  // Ticks on the first day of a month, every 1, 2, 3, 6, 12... months: at most 8 of them.
  function monthTicks(min, max) {
    var start = new Date(min);
    var year = start.getUTCFullYear();
    var month = start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0);
    var span = (max - min) / (30.44 * DAY);
    var steps = [1, 2, 3, 6, 12, 24, 60, 120];
    var step = steps.find(function (s) { return span / s <= 8; }) || 240;
    month = Math.ceil(month / step) * step;
    var ticks = [];
    for (var t = Date.UTC(year, month, 1); t <= max && ticks.length < 50; t = Date.UTC(year, month, 1)) {
      if (t >= min) ticks.push({ value: t });
      month += step;
    }
    return ticks;
  }

  // The date range shown: the filter's range if any, else the points' with a margin.
  function xBounds(data) {
    var times = data.points.map(function (p) { return toTime(p.date); });
    var low = data.from ? toTime(data.from) : Math.min.apply(null, times);
    var high = data.to ? toTime(data.to) : Math.max.apply(null, times);
    var pad = Math.max((high - low) * 0.04, 12 * DAY);
    return { min: data.from ? low : low - pad, max: data.to ? high : high + pad };
  }

  function readData(canvas) {
    var source = document.getElementById(canvas.dataset.chartSource);
    if (!source) return null;
    try {
      return JSON.parse(source.textContent);
    } catch (error) {
      return null;
    }
  }

  function buildDatasets(data, kind) {
    var datasets = [];
    var seriesIndex = {};
    (data.series || []).forEach(function (series, index) {
      seriesIndex[series.id] = index;
    });
    var lastTime = null;
    data.points.forEach(function (point) {
      var t = toTime(point.date);
      if (lastTime === null || t > lastTime) lastTime = t;
    });
    if (data.to) lastTime = Math.max(lastTime || 0, toTime(data.to));

    if (kind === "compare") {
      (data.series || []).forEach(function (series, index) {
        var colour = SERIES[index % SERIES.length];
        var points = data.points.filter(function (p) { return p.actor === series.id; });
        datasets.push({
          type: "scatter",
          label: series.name,
          data: points.map(function (p) { return { x: toTime(p.date), y: p.score, point: p }; }),
          backgroundColor: colour,
          borderColor: colour,
          pointStyle: function (ctx) { var p = ctx.raw && ctx.raw.point; return p && STANCES[p.stance] ? STANCES[p.stance].style : "circle"; },
          rotation: function (ctx) { var p = ctx.raw && ctx.raw.point; return p && STANCES[p.stance] ? STANCES[p.stance].rotation : 0; },
          pointRadius: 6,
          pointHoverRadius: 9,
          isStatements: true,
        });
        var steps = (data.steps || []).filter(function (s) { return s.actor === series.id; });
        if (steps.length) {
          var line = steps.map(function (s) { return { x: toTime(s.date), y: s.mean }; });
          if (lastTime !== null) line.push({ x: Math.max(lastTime, line[line.length - 1].x), y: line[line.length - 1].y });
          datasets.push({
            type: "line",
            label: series.name + ": derived position",
            data: line,
            stepped: true,
            pointStyle: "line",
            borderColor: colour,
            borderDash: DASHES[index % DASHES.length],
            borderWidth: 2,
            pointRadius: 0,
            pointHitRadius: 0,
            fill: false,
          });
        }
      });
      return datasets;
    }

    Object.keys(STANCES).forEach(function (stance) {
      var points = data.points.filter(function (p) { return p.stance === stance; });
      if (!points.length) return;
      var colour = cssColour(STANCES[stance].cssVar, STANCES[stance].fallback);
      datasets.push({
        type: "scatter",
        label: STANCES[stance].label,
        data: points.map(function (p) { return { x: toTime(p.date), y: p.score, point: p }; }),
        backgroundColor: colour,
        borderColor: colour,
        pointStyle: STANCES[stance].style,
        rotation: STANCES[stance].rotation,
        pointRadius: 7,
        pointHoverRadius: 10,
        isStatements: true,
      });
    });
    if (data.steps && data.steps.length) {
      var line = data.steps.map(function (s) { return { x: toTime(s.date), y: s.mean, step: s }; });
      if (lastTime !== null) line.push({ x: Math.max(lastTime, line[line.length - 1].x), y: line[line.length - 1].y, step: line[line.length - 1].step });
      datasets.push({
        type: "line",
        label: "Derived position",
        data: line,
        stepped: true,
            pointStyle: "line",
        borderColor: "#102a43",
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        pointHitRadius: 0,
        fill: false,
      });
    }
    return datasets;
  }

  // Every statement point in date order, for keyboard navigation.
  function statementElements(chart) {
    var list = [];
    chart.data.datasets.forEach(function (dataset, datasetIndex) {
      if (!dataset.isStatements) return;
      dataset.data.forEach(function (raw, index) {
        list.push({ datasetIndex: datasetIndex, index: index, x: raw.x, point: raw.point });
      });
    });
    list.sort(function (a, b) { return a.x - b.x || a.point.id - b.point.id; });
    return list;
  }

  function showTip(canvas, point) {
    var tip = canvas.closest("section") && canvas.closest("section").querySelector("[data-chart-tip]");
    if (tip) tip.textContent = point ? describe(point) : "";
  }

  function openEvidence(canvas, point) {
    var item = document.getElementById("stmt-" + point.id);
    if (item && item.classList.contains("evidence")) {
      item.scrollIntoView({ behavior: "smooth", block: "center" });
      item.focus({ preventScroll: true });
      item.classList.add("flash");
      window.setTimeout(function () { item.classList.remove("flash"); }, 1600);
      return;
    }
    if (canvas.dataset.chartKind === "timeline" && window.htmx) {
      // Not on this page of the evidence list: load the page that holds it.
      var url = new URL(window.location.href);
      url.searchParams.delete("page");
      url.searchParams.set("focus", String(point.id));
      window.htmx.ajax("GET", url.pathname + url.search, { target: "#results", swap: "outerHTML" }).then(function () {
        var found = document.getElementById("stmt-" + point.id);
        if (found) {
          found.scrollIntoView({ block: "center" });
          found.focus({ preventScroll: true });
        }
      });
      return;
    }
    window.location.href = "/articles/" + point.article + "/?statement=" + point.id + "#stmt-" + point.id;
  }

  function draw(canvas) {
    if (canvas.dataset.drawn === "1" || typeof window.Chart === "undefined") return;
    var data = readData(canvas);
    if (!data || !data.points) return;
    var kind = canvas.dataset.chartKind || "timeline";
    var existing = window.Chart.getChart(canvas);
    if (existing) existing.destroy();

    var bounds = xBounds(data);
    var chart = new window.Chart(canvas, {
      data: { datasets: buildDatasets(data, kind) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        interaction: { mode: "nearest", intersect: true },
        scales: {
          x: {
            type: "linear",
            min: bounds.min,
            max: bounds.max,
            afterBuildTicks: function (axis) { axis.ticks = monthTicks(axis.min, axis.max); },
            ticks: { autoSkip: false, callback: function (value) { return monthFormat.format(new Date(value)); } },
            title: { display: true, text: "Statement date" },
          },
          y: {
            min: -1.15,
            max: 1.15,
            afterBuildTicks: function (axis) {
              axis.ticks = [-1, -0.5, 0, 0.5, 1].map(function (v) { return { value: v }; });
            },
            ticks: {
              callback: function (value) {
                if (value === 1) return "▲ support 1";
                if (value === 0) return "● neutral 0";
                if (value === -1) return "▼ oppose −1";
                return Math.abs(value) <= 1 ? value : "";
              },
            },
            title: { display: true, text: "Stance score" },
          },
        },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: {
            filter: function (item) { return Boolean(item.raw && item.raw.point); },
            callbacks: {
              title: function (items) {
                var p = items[0].raw.point;
                return dayFormat.format(new Date(toTime(p.date))) + (p.outlet ? " · " + p.outlet : "");
              },
              label: function (item) {
                var p = item.raw.point;
                var stance = STANCES[p.stance] ? STANCES[p.stance].label : p.stance;
                return [item.dataset.label + (kind === "compare" ? " · " + stance : "") + " (" + p.score.toFixed(2) + ")"].concat(wrap("“" + p.quote + "”", 60));
              },
            },
          },
        },
        onHover: function (event, elements) {
          canvas.style.cursor = elements.length ? "pointer" : "default";
          var element = elements.find(function (e) { return chart.data.datasets[e.datasetIndex].isStatements; });
          if (element) showTip(canvas, chart.data.datasets[element.datasetIndex].data[element.index].point);
        },
        onClick: function (event, elements) {
          var element = elements.find(function (e) { return chart.data.datasets[e.datasetIndex].isStatements; });
          if (element) openEvidence(canvas, chart.data.datasets[element.datasetIndex].data[element.index].point);
        },
      },
    });

    var ordered = statementElements(chart);
    var cursor = -1;
    function activate(index) {
      if (!ordered.length) return;
      cursor = (index + ordered.length) % ordered.length;
      var target = ordered[cursor];
      var active = [{ datasetIndex: target.datasetIndex, index: target.index }];
      chart.setActiveElements(active);
      chart.tooltip.setActiveElements(active, { x: 0, y: 0 });
      chart.update();
      showTip(canvas, target.point);
    }
    canvas.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight" || event.key === "ArrowDown") {
        activate(cursor + 1);
        event.preventDefault();
      } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
        activate(cursor < 0 ? ordered.length - 1 : cursor - 1);
        event.preventDefault();
      } else if (event.key === "Home") {
        activate(0);
        event.preventDefault();
      } else if (event.key === "End") {
        activate(ordered.length - 1);
        event.preventDefault();
      } else if ((event.key === "Enter" || event.key === " ") && cursor >= 0) {
        openEvidence(canvas, ordered[cursor].point);
        event.preventDefault();
      }
    });
    canvas.addEventListener("focus", function () { if (cursor < 0) activate(ordered.length - 1); });
    canvas.addEventListener("blur", function () {
      chart.setActiveElements([]);
      chart.tooltip.setActiveElements([], { x: 0, y: 0 });
      chart.update();
    });

    canvas.dataset.drawn = "1";
    canvas.dataset.points = String(ordered.length);
    canvas.dataset.steps = String((data.steps || []).length);
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas.stance-chart").forEach(draw);
  }

  function destroyWithin(root) {
    if (!root || typeof window.Chart === "undefined") return;
    root.querySelectorAll("canvas.stance-chart").forEach(function (canvas) {
      var chart = window.Chart.getChart(canvas);
      if (chart) chart.destroy();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  // htmx replaced a region: free the old charts, draw the new ones.
  document.body.addEventListener("htmx:beforeSwap", function (event) { destroyWithin(event.detail.target); });
  document.body.addEventListener("htmx:afterSettle", function () { drawAll(document); });
  window.stanceCharts = { drawAll: drawAll };
})();
