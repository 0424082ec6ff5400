/* Reports: charts (Chart.js, self-hosted), the sortable and filterable province table,
   and the map's measure switch. Data comes from <script type="application/json"> blocks the server wrote. */
(function () {
  "use strict";

  const NAVY = "#1b3a6b", GOLD = "#c9a227", BLUE = "#3182bd", RED = "#c0392b", GREY = "#adb5bd", TEAL = "#2a9d8f";

  function readJson(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  const data = readJson("report-charts") || {};
  const L = readJson("chart-labels") || {};
  const english = document.documentElement.lang === "en";
  const thaiNumber = new Intl.NumberFormat("th-TH");

  if (window.Chart) {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false; // draw at once: for printing, and so the canvas is never half-drawn
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.plugins.legend.position = "bottom";
    // The printed boxes are smaller than the screen's (reports.css): each chart is drawn again to fit them, then
    // again for the screen.
    const redraw = () => Object.values(Chart.instances).forEach((drawn) => drawn.resize());
    window.addEventListener("beforeprint", redraw);
    window.addEventListener("afterprint", redraw);
  }

  // Axes: every one has a title with its unit; head counts tick in whole people.
  const people = (title) => `${title} (${L.people})`;
  const countAxis = (text, extra) => ({ beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text }, ...extra });
  const categoryAxis = (title, extra) => ({ title: { display: true, text: title }, ...extra });

  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return null;
    return new Chart(canvas, config);
  }

  // Province report
  if (data.districts) {
    chart("chart-districts", {
      type: "bar",
      data: {
        labels: data.districts.map((d) => (english ? d.name_en : d.name)),
        datasets: [
          { label: L.active, data: data.districts.map((d) => d.active), backgroundColor: NAVY },
          { label: L.others, data: data.districts.map((d) => d.total - d.active), backgroundColor: GREY },
        ],
      },
      options: { scales: { x: categoryAxis(L.axis_district, { stacked: true }), y: countAxis(people(L.axis_volunteers), { stacked: true }) } },
    });
  }
  if (data.coverage) {
    const covered = data.coverage.covered, all = data.coverage.subdistricts;
    chart("chart-coverage", {
      type: "doughnut",
      data: {
        labels: [L.covered, L.uncovered],
        datasets: [{ data: [covered, Math.max(all - covered, 0)], backgroundColor: [TEAL, "#e9ecef"], borderWidth: 0 }],
      },
      options: { rotation: -90, circumference: 180, cutout: "65%", plugins: { legend: { display: true } } },
    });
  }
  if (data.age_gender) {
    const genders = [["male", L.male, NAVY], ["female", L.female, GOLD], ["other", L.other, GREY]];
    chart("chart-age", {
      type: "bar",
      data: {
        labels: data.age_gender.map((r) => r.label),
        datasets: genders.map(([key, label, colour]) => ({ label, data: data.age_gender.map((r) => r[key]), backgroundColor: colour })),
      },
      options: { scales: { x: categoryAxis(L.axis_age, { stacked: true }), y: countAxis(people(L.active), { stacked: true }) } },
    });
  }
  // The line (active volunteers, hundreds to thousands) has the left axis; the bars (people a year, tens) the right.
  function trendChart(id, rows, extra) {
    // The bars' axis title names the series; on two lines when three, to fit the chart's height on its side.
    const names = [L.appointed, L.leavers, ...extra.map((d) => d.label)];
    const bars = names.length > 2 ? [`${names[0]} / ${names[1]} /`, people(names.slice(2).join(" / "))] : [people(names.join(" / "))];
    chart(id, {
      data: {
        // Fiscal years come in BE; English readers count in CE, as the rest of the page does in English.
        labels: rows.map((t) => String(english ? t.fy - 543 : t.fy)),
        datasets: [
          { type: "line", label: L.active, data: rows.map((t) => t.active), borderColor: NAVY, backgroundColor: NAVY, yAxisID: "y", tension: 0.2 },
          { type: "bar", label: L.appointed, data: rows.map((t) => t.appointed), backgroundColor: TEAL, yAxisID: "y1" },
          { type: "bar", label: L.leavers, data: rows.map((t) => t.leavers), backgroundColor: RED, yAxisID: "y1" },
          ...extra,
        ],
      },
      options: {
        scales: {
          x: categoryAxis(L.axis_fy),
          y: countAxis(people(L.active), { position: "left" }),
          y1: countAxis(bars, { position: "right", grid: { drawOnChartArea: false } }),
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => `${L.fiscal_year} ${items[0].label}`,
              label: (c) => `${c.dataset.label}: ${thaiNumber.format(c.parsed.y)} ${L.people}`,
            },
          },
        },
      },
    });
  }
  if (data.trend && document.getElementById("chart-trend")) {
    trendChart("chart-trend", data.trend, [
      { type: "bar", label: L.attended, data: data.trend.map((t) => t.attended), backgroundColor: GOLD, yAxisID: "y1" },
    ]);
  }
  if (data.trend && document.getElementById("chart-national-trend")) {
    trendChart("chart-national-trend", data.trend, []);
  }

  // Results month by month: people reached and referrals (counts, left axis) as bars, the reporting rate (percent,
  // right axis) as a line; a month not yet due has no rate (a gap, not a zero).
  if (data.results) {
    chart("chart-results-months", {
      data: {
        labels: data.results.labels,
        datasets: [
          { type: "line", label: `${L.reporting_rate} (%)`, data: data.results.rate, borderColor: NAVY, backgroundColor: NAVY, yAxisID: "y1", tension: 0.2, spanGaps: false },
          { type: "bar", label: L.people_reached, data: data.results.people, backgroundColor: TEAL, yAxisID: "y" },
          { type: "bar", label: L.referred, data: data.results.referred, backgroundColor: GOLD, yAxisID: "y" },
        ],
      },
      options: {
        scales: {
          x: categoryAxis(L.axis_month),
          y: countAxis(L.axis_count, { position: "left" }),
          y1: countAxis(`${L.reporting_rate} (${L.axis_percent})`, { position: "right", max: 100, grid: { drawOnChartArea: false } }),
        },
      },
    });
  }

  // Sortable tables: numbers by data-value, text in Thai collation; click again to reverse.
  document.querySelectorAll("table.sortable").forEach((table) => {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, index) => {
      if (!th.dataset.sort) return;
      th.tabIndex = 0;
      const sort = () => {
        const descending = th.getAttribute("aria-sort") !== "descending" && th.dataset.sort === "number"
          ? true : th.getAttribute("aria-sort") === "ascending";
        headers.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        const body = table.tBodies[0];
        const rows = [...body.rows];
        const key = (row) => row.cells[index].dataset.value ?? row.cells[index].textContent.trim();
        rows.sort((a, b) => {
          const cmp = th.dataset.sort === "number"
            ? parseFloat(key(a)) - parseFloat(key(b))
            : key(a).localeCompare(key(b), "th");
          return descending ? -cmp : cmp;
        });
        rows.forEach((row) => body.appendChild(row));
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  // Region filter: hides the other regions' rows and narrows the .xlsx download to the same region.
  const regionFilter = document.getElementById("region-filter");
  if (regionFilter) {
    const download = document.getElementById("provinces-xlsx");
    const base = download ? download.getAttribute("href") : "";
    regionFilter.addEventListener("change", () => {
      const region = regionFilter.value;
      document.querySelectorAll('[data-testid="province-table"] tbody tr').forEach((row) => {
        row.hidden = Boolean(region) && row.dataset.region !== region;
      });
      if (download) download.setAttribute("href", region ? `${base}&region=${encodeURIComponent(region)}` : base);
    });
  }

  // Map: colour each province by its class for the chosen measure (classes worked out on the server, null for no
  // data) and show that measure's legend. Also run at load: the browser may restore another choice on "back".
  const measure = document.getElementById("map-measure");
  const mapClasses = readJson("map-classes");
  if (measure && mapClasses) {
    const paint = () => {
      const layer = mapClasses[measure.value];
      if (!layer) return;
      document.querySelectorAll(".thailand-map a.map-province").forEach((link) => {
        const k = layer.classes[link.dataset.code];
        link.querySelector("path").setAttribute("fill", k === null || k === undefined ? layer.no_data : layer.colours[k]);
      });
      document.querySelectorAll(".map-legend .legend-row").forEach((row) => { row.hidden = row.dataset.legend !== measure.value; });
    };
    measure.addEventListener("change", paint);
    paint();
  }
})();
