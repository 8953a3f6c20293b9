// Interactive neighbourhood graphs: every div.graph-view[data-elements-url] gets the Cytoscape.js
// elements JSON from that URL, drawn with a cose layout; clicking a node opens its page.
// When drawn, the div carries data-rendered="true" and data-node-count; on failure data-error.
(function () {
  "use strict";

  // Colours handed out to node types in order of first appearance.
  const PALETTE = ["#1f6fb2", "#d9822b", "#2f9e44", "#c2255c", "#7048e8", "#0c8599", "#e8590c", "#5c677d"];

  const safeHref = window.scokgLinks.safeHref;  // from links.js, loaded by base.html

  /** Map each node type to a colour. */
  function typeColours(nodes) {
    const colours = new Map();
    for (const node of nodes) {
      const type = node.data.type || "";
      if (!colours.has(type)) colours.set(type, PALETTE[colours.size % PALETTE.length]);
    }
    return colours;
  }

  function graphStyle() {
    return [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          label: "data(label)",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "ellipsis",
          "text-max-width": 140,
          width: 18,
          height: 18,
        },
      },
      {
        selector: "node[?centre]",
        style: { width: 30, height: 30, "font-weight": "bold", "border-width": 3, "border-color": "#222" },
      },
      {
        selector: "edge",
        style: {
          label: "data(label)",
          "font-size": 9,
          color: "#555",
          "text-rotation": "autorotate",
          "text-background-color": "#fff",
          "text-background-opacity": 0.8,
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "line-color": "#aab",
          "target-arrow-color": "#aab",
          width: 1.5,
        },
      },
    ];
  }

  /**
   * The nodes and edges as Cytoscape elements: colours added, the first node marked as the centre,
   * hrefs checked, edges to unknown nodes dropped.
   */
  function toElements(data, colours) {
    const nodes = data.elements.nodes.map((node, index) => {
      const href = safeHref(node.data.href);
      const out = { ...node.data, label: String(node.data.label ?? node.data.id), colour: colours.get(node.data.type || "") };
      delete out.href;
      if (href) out.href = href;
      if (index === 0) out.centre = true;
      return { data: out };
    });
    const ids = new Set(nodes.map((node) => node.data.id));
    const edges = (data.elements.edges || [])
      .filter((edge) => ids.has(edge.data.source) && ids.has(edge.data.target))
      .map((edge) => ({ data: { ...edge.data, label: String(edge.data.label ?? "") } }));
    return nodes.concat(edges);
  }

  /** A legend of node types under the graph. */
  function legend(colours) {
    const list = document.createElement("ul");
    list.className = "graph-legend";
    for (const [type, colour] of colours) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colour;
      item.append(swatch, document.createTextNode(type || "other"));
      list.append(item);
    }
    return list;
  }

  function showError(container, message) {
    container.dataset.error = message;
    const note = document.createElement("p");
    note.className = "problem";
    note.textContent = `The graph could not be drawn: ${message}`;
    container.replaceChildren(note);
  }

  async function render(container) {
    const response = await fetch(container.dataset.elementsUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText} from ${container.dataset.elementsUrl}`);
    const data = await response.json();
    if (!data || !data.elements || !Array.isArray(data.elements.nodes)) throw new Error("the answer has no elements.nodes");
    const colours = typeColours(data.elements.nodes);
    const canvas = document.createElement("div");
    canvas.className = "graph-canvas";
    container.replaceChildren(canvas);
    container.after(legend(colours));
    const cy = cytoscape({ container: canvas, elements: toElements(data, colours), style: graphStyle() });
    cy.on("mouseover", "node[href]", () => { canvas.style.cursor = "pointer"; });
    cy.on("mouseout", "node", () => { canvas.style.cursor = ""; });
    cy.on("tap", "node", (event) => {
      const href = event.target.data("href");
      if (href) window.location.assign(href);
    });
    const layout = cy.layout({ name: "cose", animate: false, nodeDimensionsIncludeLabels: true, randomize: false });
    const done = new Promise((resolve) => layout.one("layoutstop", resolve));
    layout.run();
    await done;
    cy.fit(undefined, 20);
    const nodeCount = cy.nodes().length;
    container.setAttribute("role", "img");
    const description = `Graph of ${nodeCount} resources and ${cy.edges().length} links; click a resource to open it`;
    container.setAttribute("aria-label", description);
    container.cytoscape = cy; // for scripts and tests that inspect the drawing
    container.dataset.nodeCount = String(nodeCount);
    container.dataset.rendered = "true";
  }

  function start() {
    for (const container of document.querySelectorAll("div.graph-view[data-elements-url]")) {
      if (typeof cytoscape === "undefined") {
        showError(container, "the cytoscape library is not loaded");
        continue;
      }
      render(container).catch((error) => showError(container, error.message));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
