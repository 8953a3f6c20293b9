// The SPARQL query page: YASGUI on #yasgui, always querying this server's /sparql endpoint.
// Everything YASGUI could fetch from elsewhere is switched off: the LOV class/property
// completers, the prefix.cc lookup, the endpoint catalogue and taking endpoints from the URL.
(function () {
  "use strict";

  const DEFAULT_QUERY = [
    "# SCO states by role, with English and Chinese names",
    "# 上合组织各国的身份及其中英文名称",
    "PREFIX sco: <https://w3id.org/sco-kg/ontology#>",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
    "",
    "SELECT DISTINCT ?role ?state ?nameEn ?nameZh WHERE {",
    "  ?state sco:scoRole ?roleIri .",
    '  ?roleIri rdfs:label ?role FILTER(LANGMATCHES(LANG(?role), "en"))',
    '  OPTIONAL { ?state rdfs:label ?nameEn FILTER(LANGMATCHES(LANG(?nameEn), "en")) }',
    '  OPTIONAL { ?state rdfs:label ?nameZh FILTER(LANGMATCHES(LANG(?nameZh), "zh")) }',
    "}",
    "ORDER BY ?role ?nameEn",
  ].join("\n");

  /** The non-blank `query` parameter of a URL query string or fragment, or null. */
  function queryParameter(params) {
    const query = new URLSearchParams(params).get("query");
    return query && query.trim() ? query : null;
  }

  /**
   * The query given in the page URL, as ?query= or as #query= (the form of YASGUI's share links,
   * which reaches the editor without being sent to the endpoint), else the default query.
   */
  function initialQuery() {
    return queryParameter(window.location.search) || queryParameter(window.location.hash.slice(1)) || DEFAULT_QUERY;
  }

  /** Keep only the completers that work offline (the class/property ones ask LOV on the web). */
  function useOfflineCompleters() {
    const offline = ["variables", "prefixes"];
    const defaults = Yasgui.Yasqe.defaults;
    defaults.autocompleters = defaults.autocompleters.filter((name) => offline.includes(name));
  }

  function start() {
    const container = document.getElementById("yasgui");
    if (!container || typeof Yasgui === "undefined") return;
    useOfflineCompleters();
    // YASGUI needs an absolute endpoint URL.
    const endpoint = new URL("/sparql", window.location.href).href;
    const yasgui = new Yasgui(container, {
      requestConfig: { endpoint: endpoint, method: "POST" },
      endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
      copyEndpointOnNewTab: true,
      populateFromUrl: false,
      persistenceId: null,
      corsProxy: undefined,
      yasqe: {
        value: initialQuery(),
        prefixCcApi: null,
        persistenceId: null,
      },
      yasr: { persistenceId: null },
    });
    container.yasgui = yasgui;
    window.addEventListener("hashchange", () => {
      const query = queryParameter(window.location.hash.slice(1));
      if (query) yasgui.getTab().setQuery(query);
    });
    container.dataset.ready = "true";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
