"""The catalogue of canned queries: header parsing, parameter types and defaults, and errors."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from scokg.queries.catalog import (
    CatalogError,
    ParameterError,
    ParameterType,
    load_catalog,
    parse_query_file,
)

QUERIES = Path(__file__).parents[2] / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

BODY = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?x ?year WHERE { ?x rdfs:label ?l FILTER(STR(?l) = STR(?year)) }\n"


def header(parameters: str, question: str = "Which things are there?", zh: str = "有哪些东西？") -> str:
    return f"# question: {question}\n# 问题: {zh}\n# parameters: {parameters}\n"


# --- the shipped files ------------------------------------------------------------------------


def test_catalogue_lists_every_rq_file_sorted() -> None:
    catalog = load_catalog()
    assert list(catalog) == sorted(path.stem for path in QUERY_FILES)
    assert len(catalog) >= 15


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_every_file_has_both_questions_and_typed_defaults(path: Path) -> None:
    query = load_catalog()[path.stem]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert query.question_en == lines[0].removeprefix("# question: ")
    assert query.question_zh == lines[1].removeprefix("# 问题: ")
    assert query.text == path.read_text(encoding="utf-8")
    for parameter in query.parameters:
        assert parameter.default and parameter.name in lines[2]
        assert parameter.term(parameter.default) is not None


def test_year_parameter_is_an_integer_defaulting_to_the_example() -> None:
    (year,) = load_catalog()["documents-adopted-in-year"].parameters
    assert (year.name, year.type, year.default, year.example) == ("year", ParameterType.INTEGER, "2024", "2024")
    assert year.description == "xsd:gYear-like integer"
    term = year.term(year.default)
    assert isinstance(term, ox.Literal) and term.value == "2024" and term.datatype.value == XSD_INTEGER


def test_country_parameter_is_a_string_without_its_quotes() -> None:
    (country,) = load_catalog()["meetings-in-country"].parameters
    assert (country.name, country.type, country.default, country.example) == ("country", ParameterType.STRING, "RUS", '"RUS"')
    assert country.term("RUS") == ox.Literal("RUS")


def test_entity_parameter_is_an_iri_without_its_brackets() -> None:
    (entity,) = load_catalog()["entity-mentions"].parameters
    assert entity.type is ParameterType.IRI
    assert entity.default == "https://w3id.org/sco-kg/resource/person/li-qiang"
    assert entity.term(entity.default) == ox.NamedNode(entity.default)


def test_parameter_free_queries_have_no_parameters() -> None:
    assert load_catalog()["states-by-sco-role"].parameters == ()


# --- binding values ---------------------------------------------------------------------------


def test_integer_values_are_canonical_xsd_integers() -> None:
    (year,) = load_catalog()["documents-adopted-in-year"].parameters
    assert year.term("02024").value == "2024"
    assert year.term("+7").value == "7"


@pytest.mark.parametrize("value", ["2024 } ; DROP ALL", "２０２４", "1e3", "2_024", "", " 2024", "9" * 31])
def test_integer_parameter_rejects_non_integers(value: str) -> None:
    (year,) = load_catalog()["documents-adopted-in-year"].parameters
    with pytest.raises(ParameterError, match="parameter `year`"):
        year.term(value)


@pytest.mark.parametrize(
    "value",
    [
        "li-qiang",
        "/resource/person/li-qiang",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://w3id.org/x> . ?s ?p ?o . <https://w3id.org/y",
        "https://w3id.org/a b",
        "https://",
    ],
)
def test_iri_parameter_rejects_anything_but_absolute_http_iris(value: str) -> None:
    (entity,) = load_catalog()["entity-mentions"].parameters
    with pytest.raises(ParameterError, match="parameter `entity`"):
        entity.term(value)


def test_string_parameter_takes_any_text_as_a_plain_literal() -> None:
    (country,) = load_catalog()["meetings-in-country"].parameters
    injected = '"> . ?s ?p ?o'
    assert country.term(injected) == ox.Literal(injected)


# --- parsing ----------------------------------------------------------------------------------


def test_several_parameters_separated_by_semicolons() -> None:
    text = header('year (a year as an integer, e.g. 2024); who (IRI of a person, e.g. <https://example.org/p>); code (code string, e.g. "KAZ")')
    text += "SELECT ?year ?who ?code WHERE { ?who ?p ?code }\n"
    query = parse_query_file(text, "queries/three.rq")
    assert [(p.name, p.type, p.default) for p in query.parameters] == [
        ("year", ParameterType.INTEGER, "2024"),
        ("who", ParameterType.IRI, "https://example.org/p"),
        ("code", ParameterType.STRING, "KAZ"),
    ]
    assert query.parameters[0].description == "a year as an integer"
    assert query.name == "three" and query.question_zh == "有哪些东西？"


def test_full_width_colon_and_commas_inside_quoted_examples() -> None:
    text = "# question: Which?\n# 问题：哪些？\n# parameters: name (a label string, with commas, e.g. \"a, b (c)\")\n"
    text += "SELECT ?name WHERE { ?s ?p ?name }\n"
    (name,) = parse_query_file(text, "labels.rq").parameters
    assert (name.type, name.default, name.description) == (ParameterType.STRING, "a, b (c)", "a label string, with commas")


def test_example_syntax_decides_the_type_when_the_description_names_none() -> None:
    text = header("year (the year, e.g. 2024)") + BODY
    (year,) = parse_query_file(text, "q.rq").parameters
    assert year.type is ParameterType.INTEGER


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("# 问题: 哪些？\n# parameters: none\n" + BODY, 1, "`# question:`"),
        (header("none") + "# question: again\n" + BODY, 4, "given twice"),
        ("# question:\n# 问题: 哪些？\n# parameters: none\n" + BODY, 1, "empty"),
        (header("year (xsd:gYear-like integer)") + BODY, 3, "no example"),
        (header("year (xsd:gYear-like integer, e.g. twenty)") + BODY, 3, "is not an <http(s) IRI>"),
        (header('year (xsd:gYear-like integer, e.g. "2024")') + BODY, 3, "names integer but the example is string"),
        (header("year (an IRI, e.g. 2024)") + BODY, 3, "names iri"),
        (header("year (integer, e.g. 2024") + BODY, 3, "unclosed parenthesis"),
        (header("year (integer, e.g. 2024) extra") + BODY, 3, "expected `;`"),
        (header("2024") + BODY, 3, "expected `name (description, e.g. EXAMPLE)`"),
        (header("year (integer, e.g. 2024); year (integer, e.g. 2025)") + BODY, 3, "declared twice"),
        (header("format (a string, e.g. \"csv\")") + BODY, 3, "reserved"),
        (header("who (IRI, e.g. <li-qiang>)") + BODY, 3, "is not an <http(s) IRI>"),
        (header("other (integer, e.g. 1)") + BODY, 3, "projected variable"),
    ],
)
def test_header_errors_name_the_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(CatalogError) as error:
        parse_query_file(text, "queries/broken.rq")
    message = str(error.value)
    assert message.startswith(f"queries/broken.rq, line {line}: ")
    assert fragment.lower() in message.lower()


def test_parameter_used_but_not_projected_is_rejected() -> None:
    text = header("year (integer, e.g. 2024)") + "SELECT ?x WHERE { ?x ?p ?o FILTER(STR(?o) = STR(?year)) }\n"
    with pytest.raises(CatalogError, match=r"broken\.rq, line 3: .*projected"):
        parse_query_file(text, "broken.rq")


def test_sparql_syntax_errors_name_the_file_and_position() -> None:
    text = header("none") + "SELECT ?x WHERE {\n  ?x ?p\n}\n"
    with pytest.raises(CatalogError, match=r"broken\.rq: SPARQL syntax error at 7:"):
        parse_query_file(text, "broken.rq")


def test_only_select_queries() -> None:
    text = header("none") + "ASK { ?s ?p ?o }\n"
    with pytest.raises(CatalogError, match="only SELECT"):
        parse_query_file(text, "ask.rq")


def test_file_names_must_be_url_safe_slugs() -> None:
    with pytest.raises(CatalogError, match="lower-case letters, digits and hyphens"):
        parse_query_file(header("none") + BODY.replace("?year", ""), "queries/Bad Name.rq")


def test_the_query_is_never_evaluated_while_checking() -> None:
    # A SERVICE clause would make an outbound request if the check evaluated the query.
    text = header("none") + "SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n"
    assert parse_query_file(text, "remote.rq").parameters == ()
