"""The SPARQL tokenizer and the SERVICE/LOAD guard, checked against what Oxigraph really contacts."""
from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scokg.server.sparql_guard import (
    MAX_NESTING,
    RemoteAccessRefused,
    TooDeeplyNested,
    check,
    is_allowed,
)
from scokg.server.sparql_tokens import Kind, tokenize
from support import start_recording_listener

REMOTE = "http://127.0.0.1:9/"  # never contacted in these unit tests


def kinds(text: str) -> list[tuple[str, str]]:
    return [(token.kind.value, token.text) for token in tokenize(text)]


def refused(text: str, allowlist: tuple[str, ...] = (), *, update: bool = False) -> bool:
    try:
        check(text, allowlist, update=update)
    except RemoteAccessRefused:
        return True
    return False


# --- tokenizer -------------------------------------------------------------------------------


@pytest.mark.parametrize("literal", [
    "'SERVICE <http://x/> {}'",
    '"SERVICE <http://x/> {}"',
    "'''SERVICE\n<http://x/> {} ''' ",
    '"""SERVICE\n<http://x/> {} """',
    r"'it\'s SERVICE <http://x/>'",
    r'"a \" SERVICE <http://x/>"',
    "'''a '' SERVICE <http://x/>'''",
])
def test_each_quote_form_is_one_string_token(literal):
    tokens = list(tokenize(f"SELECT * {{ ?s ?p {literal} }}"))
    strings = [token for token in tokens if token.kind is Kind.STRING]
    assert [token.text for token in strings] == [literal.strip()]
    assert not any(token.is_word("SERVICE") for token in tokens)


def test_iris_comments_variables_and_names_are_whole_tokens():
    text = "PREFIX e: <http://a/SERVICE#x> SELECT ?SERVICE { ?s e:a\\'b _:SERVICE . # SERVICE <http://x/>\n}"
    assert kinds(text) == [
        ("word", "PREFIX"), ("pname", "e:"), ("iri", "<http://a/SERVICE#x>"),
        ("word", "SELECT"), ("var", "?SERVICE"), ("punct", "{"), ("var", "?s"), ("pname", "e:a\\'b"),
        ("bnode", "_:SERVICE"), ("punct", "."), ("punct", "}"),
    ]


def test_less_than_is_an_operator_when_no_iri_follows():
    assert kinds("FILTER(?a < ?b)") == [
        ("word", "FILTER"), ("punct", "("), ("var", "?a"), ("punct", "<"), ("var", "?b"), ("punct", ")"),
    ]


def test_iri_escapes_are_decoded():
    (token,) = tokenize(r"<http:\u002F/example.org/\U00000041>")
    assert token.iri == "http://example.org/A"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\"\\\r\n", blacklist_categories=("Cs",))))
def test_any_text_inside_a_string_literal_is_never_a_keyword(content):
    text = f'SELECT * {{ ?s ?p "{content}" }}'
    assert [token.text for token in tokenize(text) if token.kind is Kind.STRING] == [f'"{content}"']
    assert not refused(text)


# --- guard -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    f"SELECT * {{ SERVICE <{REMOTE}> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ sErViCe <{REMOTE}> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ SERVICE SILENT <{REMOTE}> {{ ?s ?p ?o }} }}",
    f"SELECT*{{SERVICE<{REMOTE}>{{?s ?p ?o}}}}",
    f"PREFIX r: <{REMOTE}> SELECT * {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    f"PREFIX r: <{REMOTE}> SELECT * {{ SERVICEr:sparql {{ ?s ?p ?o }} }}",
    f"PREFIX : <{REMOTE}> SELECT * {{ ?s ?p true SERVICE:x {{ ?s ?p ?o }} }}",
    f"PREFIX : <{REMOTE}> SELECT * {{ ?s ?p trueSERVICE:x {{ ?s ?p ?o }} }}",
    f"SELECT * {{ SERVICESILENT <{REMOTE}> {{ ?s ?p ?o }} }}",
    r"SELECT * { SERVICE <http:\u002F/127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { SERVICE ?endpoint { ?s ?p ?o } }",
    "BASE <http://127.0.0.1:9/> SELECT * { SERVICE <sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE undeclared:x { ?s ?p ?o } }",
    f"SELECT * {{ ?s ?p ?o }} # harmless\nSELECT * {{ SERVICE <{REMOTE}> {{}} }}",
])
def test_every_way_of_writing_service_is_refused(query):
    assert refused(query)


def test_refusal_names_the_target():
    with pytest.raises(RemoteAccessRefused, match=r"SERVICE <http://127\.0\.0\.1:9/>: refused"):
        check(f"SELECT * {{ SERVICE <{REMOTE}> {{}} }}", (), update=False)
    with pytest.raises(RemoteAccessRefused, match=r"SERVICE \?endpoint: refused.*no variable"):
        check("SELECT * { SERVICE ?endpoint {} }", (REMOTE,), update=False)


@pytest.mark.parametrize("query", [
    "SELECT * { ?s ?p 'SERVICE <http://127.0.0.1:9/> {}' }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> {}",
    "SELECT * { <http://example.org/SERVICE> ?p ?o }",
    "PREFIX service: <http://example.org/> SELECT * { service:x ?p ?o }",
    "SELECT ?service { ?service a <http://example.org/Service> }",
    "SELECT * { ?s ?p ?o } LIMIT 1",
])
def test_service_only_in_names_strings_and_comments_passes(query):
    assert not refused(query)


def test_allowlisted_targets_pass_and_nothing_else():
    allow = ("http://127.0.0.1:9/sparql", "http://example.org/endpoints/")
    assert not refused("SELECT * { SERVICE <http://127.0.0.1:9/sparql> {} }", allow)
    assert not refused("PREFIX e: <http://example.org/endpoints/> SELECT * { SERVICE e:one {} }", allow)
    assert refused("SELECT * { SERVICE <http://127.0.0.1:9/sparql-admin> {} }", allow)
    assert refused("SELECT * { SERVICE <http://example.org/endpoints/../admin> {} }", allow)
    assert refused("SELECT * { SERVICE <http://127.0.0.1:9/sparql> {} SERVICE <http://evil.example/> {} }", allow)


def test_prefix_entries_match_only_at_a_boundary():
    assert is_allowed("http://a.example/sparql", ["http://a.example"])
    assert is_allowed("http://a.example/sparql", ["http://a.example/"])
    assert not is_allowed("http://a.example.evil/sparql", ["http://a.example"])
    assert not is_allowed("http://a.example/sparql", [])


def test_a_redeclared_prefix_is_followed():
    allow = ("http://allowed.example/",)
    text = "PREFIX e: <http://allowed.example/> PREFIXe: <http://evil.example/> SELECT * { SERVICE e:x {} }"
    assert refused(text, allow)


def test_a_predicate_after_a_semicolon_is_not_a_declaration():
    # `?s prefixe: <...>` inside a group must not be read as a glued `PREFIX e:` declaration.
    allow = ("http://allowed.example/",)
    text = (
        "PREFIX e: <http://evil.example/> PREFIX prefixe: <http://x.example/> "
        "SELECT * { ?s ?p ?o ; prefixe: <http://allowed.example/> . SERVICE e:x {} }"
    )
    assert refused(text, allow)


def test_load_is_refused_in_updates_and_prologues_repeat_after_semicolons():
    assert refused(f"LOAD <{REMOTE}data.ttl>", update=True)
    assert refused(f"load silent <{REMOTE}data.ttl> INTO GRAPH <http://g>", update=True)
    assert refused(f"LOADSILENT<{REMOTE}data.ttl>", update=True)
    assert refused(f"CLEAR ALL ; PREFIX r: <{REMOTE}> LOAD r:data.ttl", update=True)
    assert refused(f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{REMOTE}> {{ ?s ?p ?o }} }}", update=True)
    assert not refused(f"CLEAR ALL ; PREFIX r: <{REMOTE}> LOAD r:data.ttl", (REMOTE,), update=True)
    assert not refused("INSERT DATA { <http://a> <http://b> 'LOAD <http://127.0.0.1:9/>' }", update=True)


def test_deep_nesting_is_refused_before_the_parser_sees_it():
    check("SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING, (), update=False)
    with pytest.raises(TooDeeplyNested, match=f"deeper than {MAX_NESTING}"):
        check("SELECT * WHERE " + "{" * 5000 + "}" * 5000, (), update=False)


# --- against Oxigraph itself -----------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server recording every request (answers 500)."""
    recorder = start_recording_listener(lambda path: (500, {}, b""))
    yield f"http://127.0.0.1:{recorder.port}/", recorder.hits
    recorder.server.shutdown()


TRICKY = [
    "SELECT * {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ SeRvIcE<{u}>{{?s ?p ?o}} }}",
    "PREFIX e: <{u}> SELECT * {{ SERVICEe:x {{ ?s ?p ?o }} }}",
    "PREFIX : <{u}> SELECT * {{ ?s ?p ?o . ?s ?p trueSERVICE:x {{ ?s ?p ?o }} }}",
    "PREFIX e: <{u}> SELECT * {{ SERVICESILENTe:x {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p ?o . SERVICE <{escaped}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p 'SERVICE <{u}> {{ }}' }}",
    "SELECT * {{ ?s ?p ?o }} # SERVICE <{u}> {{ }}",
    "SELECT * {{ ?s ?p \"\"\"\nSERVICE <{u}> {{ }}\"\"\" }}",
]


@pytest.mark.parametrize("template", TRICKY)
def test_oxigraph_contacts_nothing_the_guard_lets_through(listener, template):
    url, hits = listener
    query = template.format(u=url, escaped=url.replace("/", "\\u002F"))
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal(True)))
    if refused(query):
        return
    try:
        list(store.query(query))
    except (OSError, SyntaxError, RuntimeError):
        pass
    assert hits == []


@pytest.mark.parametrize("template", [t for t in TRICKY if "SERVICE <{u}> {{ }}" not in t])
def test_the_guard_refuses_what_oxigraph_would_contact(listener, template):
    url, hits = listener
    query = template.format(u=url, escaped=url.replace("/", "\\u002F"))
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal(True)))
    try:
        list(store.query(query))
    except (OSError, SyntaxError, RuntimeError):
        pass
    assert hits, "this form does reach the network through Oxigraph"
    assert refused(query)
