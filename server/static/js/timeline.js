// The timeline chart: every div.timeline-chart[data-timeline-url] gets
// {"years": [{"year", "meetings", "documents", "items": [{"iri", "href", "label", "date", "kind"}]}]}
// and draws an SVG bar chart of meetings and documents per year. Choosing a year (click, Enter
// or Space) lists its items below the chart. When drawn, the div carries data-rendered="true".
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const SERIES = [
    { key: "meetings", label: "meetings", labelZh: "会议" },
    { key: "documents", label: "documents", labelZh: "文件" },
  ];
  const KIND_NAMES = { meeting: "meeting 会议", document: "document 文件" };
  const PLOT_HEIGHT = 180;
  const TOP = 12;
  const BOTTOM = 38;
  const LEFT = 36;
  const RIGHT = 8;
  const GROUP_WIDTH = 48;
  const BAR_WIDTH = 16;
  const MAX_EMPTY_YEARS = 4; // longer runs of years without items collapse into one gap column

  function svgElement(name, attributes) {
    const element = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value));
    return element;
  }

  function svgText(x, y, text, attributes) {
    const element = svgElement("text", { x: x, y: y, ...attributes });
    element.textContent = text;
    return element;
  }

  const safeHref = window.scokgLinks.safeHref;  // from links.js, loaded by base.html

  /**
   * Chart columns: the years in order, with short runs of years without items drawn as empty
   * years and longer runs collapsed into one gap column.
   */
  function columns(years) {
    const sorted = [...years].sort((a, b) => a.year - b.year);
    const result = [];
    sorted.forEach((entry, index) => {
      const previous = index > 0 ? sorted[index - 1].year : entry.year - 1;
      const missing = entry.year - previous - 1;
      if (missing > MAX_EMPTY_YEARS) {
        result.push({ gap: true, from: previous + 1, to: entry.year - 1 });
      } else {
        for (let year = previous + 1; year < entry.year; year += 1) {
          result.push({ year: year, meetings: 0, documents: 0, items: [] });
        }
      }
      result.push(entry);
    });
    return result;
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
  }

  function summary(entry) {
    const english = `${plural(entry.meetings, "meeting")}, ${plural(entry.documents, "document")}`;
    return `${entry.year} — ${english} · ${entry.meetings} 次会议，${entry.documents} 份文件`;
  }

  /** The count at the top of the axis and the step between grid lines (whole numbers). */
  function scale(years) {
    const largest = Math.max(1, ...years.map((entry) => Math.max(Number(entry.meetings) || 0, Number(entry.documents) || 0)));
    const step = Math.ceil(largest / 4);
    return { top: step * Math.ceil(largest / step), step: step };
  }

  /** Horizontal grid lines with their counts. */
  function drawAxis(svg, axis, width) {
    for (let value = 0; value <= axis.top; value += axis.step) {
      const y = TOP + PLOT_HEIGHT - (value / axis.top) * PLOT_HEIGHT;
      svg.append(svgElement("line", { class: "grid", x1: LEFT, x2: width - RIGHT, y1: y, y2: y }));
      svg.append(svgText(LEFT - 6, y + 4, String(value), { class: "tick", "text-anchor": "end" }));
    }
  }

  /** One year's bars and label; a year with items is a button. */
  function drawYear(entry, index, axisTop, onChoose) {
    const group = svgElement("g", { class: "year", "data-year": entry.year });
    const x0 = LEFT + index * GROUP_WIDTH;
    const title = svgElement("title");
    title.textContent = summary(entry);
    group.append(title);
    group.append(svgElement("rect", { class: "hit", x: x0, y: TOP, width: GROUP_WIDTH, height: PLOT_HEIGHT + BOTTOM }));
    SERIES.forEach((series, position) => {
      const count = Number(entry[series.key]) || 0;
      const height = (count / axisTop) * PLOT_HEIGHT;
      const x = x0 + (GROUP_WIDTH - SERIES.length * BAR_WIDTH) / 2 + position * BAR_WIDTH;
      const bar = { class: `bar bar-${series.key}`, x: x, y: TOP + PLOT_HEIGHT - height, width: BAR_WIDTH - 2, height: height };
      group.append(svgElement("rect", bar));
    });
    const label = { class: "year-label", "text-anchor": "middle" };
    group.append(svgText(x0 + GROUP_WIDTH / 2, TOP + PLOT_HEIGHT + 18, String(entry.year), label));
    if ((entry.items || []).length > 0) {
      group.setAttribute("role", "button");
      group.setAttribute("tabindex", "0");
      group.setAttribute("aria-label", `${summary(entry)} — list them`);
      group.setAttribute("aria-expanded", "false");
      group.addEventListener("click", () => onChoose(entry, group));
      group.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onChoose(entry, group);
        }
      });
    }
    return group;
  }

  /** A collapsed run of years without items. */
  function drawGap(column, index) {
    const x = LEFT + index * GROUP_WIDTH + GROUP_WIDTH / 2;
    const group = svgElement("g", { class: "gap" });
    const title = svgElement("title");
    title.textContent = `${column.from}–${column.to}: no meetings or documents · 无会议或文件`;
    group.append(title, svgText(x, TOP + PLOT_HEIGHT - 4, "⋯", { class: "gap-mark", "text-anchor": "middle" }));
    group.append(svgText(x, TOP + PLOT_HEIGHT + 18, `${column.from}–`, { class: "year-label", "text-anchor": "middle" }));
    group.append(svgText(x, TOP + PLOT_HEIGHT + 31, String(column.to), { class: "year-label", "text-anchor": "middle" }));
    return group;
  }

  function drawChart(years, onChoose) {
    const axis = scale(years);
    const chartColumns = columns(years);
    const width = LEFT + chartColumns.length * GROUP_WIDTH + RIGHT;
    const height = TOP + PLOT_HEIGHT + BOTTOM;
    const svg = svgElement("svg", {
      width: width,
      height: height,
      viewBox: `0 0 ${width} ${height}`,
      role: "group",
      "aria-label": "Meetings and documents per year · 每年的会议和文件数量",
    });
    drawAxis(svg, axis, width);
    chartColumns.forEach((column, index) => {
      svg.append(column.gap ? drawGap(column, index) : drawYear(column, index, axis.top, onChoose));
    });
    return svg;
  }

  function drawLegend() {
    const list = document.createElement("ul");
    list.className = "timeline-legend";
    for (const series of SERIES) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = `swatch swatch-${series.key}`;
      item.append(swatch, document.createTextNode(`${series.label} ${series.labelZh}`));
      list.append(item);
    }
    return list;
  }

  /** The list of one year's items, each linking to its page. */
  function itemList(entry) {
    const fragment = document.createDocumentFragment();
    const heading = document.createElement("h2");
    heading.textContent = summary(entry);
    const list = document.createElement("ul");
    for (const item of entry.items || []) {
      const row = document.createElement("li");
      row.className = item.kind === "meeting" || item.kind === "document" ? item.kind : "other";
      const date = document.createElement("time");
      date.textContent = String(item.date ?? "");
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = KIND_NAMES[item.kind] || String(item.kind ?? "");
      const href = safeHref(item.href);
      const name = document.createElement(href ? "a" : "span");
      if (href) name.href = href;
      name.textContent = String(item.label ?? item.iri ?? "");
      row.append(date, " · ", kind, " · ", name);
      if (item.label_zh && item.label_zh !== item.label) {
        const zh = document.createElement("span");
        zh.lang = "zh";
        zh.textContent = ` ${item.label_zh}`;
        row.append(zh);
      }
      list.append(row);
    }
    fragment.append(heading, list);
    return fragment;
  }

  async function render(container) {
    const url = container.dataset.timelineUrl;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText} from ${url}`);
    const data = await response.json();
    if (!data || !Array.isArray(data.years)) throw new Error("the answer has no years");
    const panel = document.createElement("div");
    panel.className = "timeline-items";
    panel.setAttribute("aria-live", "polite");
    const hint = document.createElement("p");
    hint.textContent = "Choose a year to list its meetings and documents. 点击年份查看当年的会议和文件。";
    panel.append(hint);
    let chosen = null;
    const onChoose = (entry, group) => {
      if (chosen) {
        chosen.classList.remove("selected");
        chosen.setAttribute("aria-expanded", "false");
      }
      chosen = group;
      group.classList.add("selected");
      group.setAttribute("aria-expanded", "true");
      panel.replaceChildren(itemList(entry));
    };
    const chart = document.createElement("div");
    chart.className = "timeline-scroll";
    chart.append(drawChart(data.years, onChoose));
    container.replaceChildren(chart, drawLegend(), panel);
    container.dataset.yearCount = String(data.years.length);
    container.dataset.rendered = "true";
  }

  function showError(container, message) {
    container.dataset.error = message;
    const note = document.createElement("p");
    note.className = "problem";
    note.textContent = `The timeline could not be drawn: ${message}`;
    container.replaceChildren(note);
  }

  function start() {
    for (const container of document.querySelectorAll("div.timeline-chart[data-timeline-url]")) {
      render(container).catch((error) => showError(container, error.message));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
