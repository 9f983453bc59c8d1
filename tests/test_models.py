"""The pure model: source matching, IDs, value validation, duplicate keys, Unicode."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_cli.errors import InvalidValue, NotFound
from claims_cli.models import (
    DEFAULT_CATEGORIES, DEFAULT_SOURCES, EvidenceKind, Side, Source, SourceKind, SourceRegistry, Stance, Status,
    as_latin_letters, build_claim, claim_number, clean_coordinate, clean_enum, clean_grade, clean_tags, clean_text,
    clean_url, clean_urls, closest, duplicate_key, evidence_number, first_recorded_key, format_claim_id, history_problem,
    make_source, normalise_claim_id, parse_coords, stored_over_limits,
)

REGISTRY = SourceRegistry(DEFAULT_SOURCES)


# ------------------------------------------------------------------------------ sources

def test_default_registry_has_the_issue_sources():
    sides = {source.name: source.side for source in REGISTRY}
    assert sides["Russian MoD"] == "russia"
    assert sides["Telegram"] == "russia"
    assert sides["DeepState"] == "ukraine"
    assert sides["Ukraine"] == "ukraine"
    assert sides["ISW"] == "independent"


@pytest.mark.parametrize(("typed", "name"), [
    ("Russian MoD", "Russian MoD"), ("russian mod", "Russian MoD"), ("RUSSIAN  MOD", "Russian MoD"),
    ("mod", "Russian MoD"), ("Минобороны России", "Russian MoD"), ("минобороны россии", "Russian MoD"),
    ("deepstatemap", "DeepState"), ("general staff", "Ukraine"), ("генштаб зсу", "Ukraine"),
    ("Institute for the Study of War", "ISW"), (" isw ", "ISW"), ("milbloggers", "Telegram"),
])
def test_sources_match_case_insensitively_by_name_or_alias(typed, name):
    assert REGISTRY.get(typed).name == name
    assert REGISTRY.find(typed).name == name


def test_unknown_source_names_the_closest():
    with pytest.raises(NotFound) as info:
        REGISTRY.get("Russain MoD")
    assert "Russain MoD" in info.value.message
    assert "Did you mean" in info.value.hint and "Russian MoD" in info.value.hint
    with pytest.raises(NotFound) as info:
        REGISTRY.get("DeepStat")
    assert "DeepState" in info.value.hint


def test_the_closest_names_are_said_once_a_source_and_an_alias_with_its_source():
    """(new-user pass) "Did you mean: Black Bird Group, BlackBird Group, Black Bird?" named one
    source three times, and "Russian milbloggers" read as a source of its own (Telegram's alias)."""
    registry = SourceRegistry([*REGISTRY, Source("Black Bird Group", "independent", "osint",
                                                 aliases=["BlackBird Group", "Black Bird"])])
    with pytest.raises(NotFound) as info:
        registry.get("Black Brid Group")
    assert info.value.hint.startswith("Did you mean: Black Bird Group?")
    with pytest.raises(NotFound) as info:
        registry.get("Russian milblogers")
    assert info.value.hint.startswith("Did you mean: Telegram (as Russian milbloggers)")


def test_unknown_source_with_nothing_close_still_hints():
    with pytest.raises(NotFound) as info:
        REGISTRY.get("zzzzqqqq")
    assert "Did you mean" not in info.value.hint
    assert "claims sources add" in info.value.hint


def test_closest_keeps_original_spelling():
    assert closest("deepstat", ["DeepState", "Reuters"]) == ["DeepState"]
    assert closest("xyz", ["DeepState"]) == []


def test_side_of_unknown_name_is_unknown():
    assert REGISTRY.side_of("nobody").value == "unknown"
    assert REGISTRY.side_of(None).value == "unknown"


def test_with_source_refuses_a_taken_alias():
    source = make_source("Black Bird Group", "independent", "osint", ["mod"])
    with pytest.raises(InvalidValue) as info:
        REGISTRY.with_source(source)
    assert "Russian MoD" in info.value.message


def test_with_source_leaves_the_registry_it_copies_as_it_was():
    """A registry is copied for each source an import adds (1,500 of them), so the copy shares what
    it can; the original must still not know the new source, nor its names read alike."""
    base = REGISTRY.with_source(make_source("Rybar", "russia", "social", ["Рыбарь"]))
    grown = base.with_source(make_source("Рыбар", "russia", "social", ["Two Majors"]))
    assert base.find("Two Majors") is None and base.find("Рыбар") is None
    assert base.find("Рыбарь").name == "Rybar" and base.find("Рыбарь", alike=True).name == "Rybar"
    assert grown.find("Two Majors").name == "Рыбар" and grown.find("Rybar").name == "Rybar"
    assert len(base) == len(REGISTRY) + 1 and len(grown) == len(base) + 1
    # a name written alike (ё for е) is found only while one source is so written
    ryobar = REGISTRY.with_source(make_source("Рёбар", "russia", "social"))
    assert ryobar.find("Ребар").name == "Рёбар"
    both = ryobar.with_source(make_source("Ребар", "russia", "social"))
    assert both.find("рЕбар", alike=True).name == "Ребар"
    assert ryobar.find("Ребар").name == "Рёбар"  # (the copy's second spelling left this one alone)
    # a source replaced: its old names leave with it
    renamed = grown.with_source(make_source("Рыбар", "russia", "social", ["Rybar's channel"]))
    assert renamed.find("Two Majors") is None and grown.find("Two Majors").name == "Рыбар"


def test_make_source_validates_and_dedups_aliases():
    source = make_source("  Black Bird Group ", "Independent", "OSINT", ["BBG", "bbg", "black bird group"], "b")
    assert source.name == "Black Bird Group"
    assert source.side == "independent" and source.kind == "osint" and source.grade == "B"
    assert source.aliases == ["BBG"]
    for bad in ({"side": "neutral"}, {"kind": "blog"}, {"grade": "G"}):
        args = {"side": "independent", "kind": "osint", "grade": None, **bad}
        with pytest.raises(InvalidValue):
            make_source("X", args["side"], args["kind"], (), args["grade"])


# ------------------------------------------------------------------------------ IDs

@pytest.mark.parametrize(("typed", "number"), [
    ("C-0042", 42), ("c-0042", 42), ("C42", 42), ("c42", 42), ("42", 42), ("0042", 42), ("C-42", 42),
    (" C-0001 ", 1), ("C-123456", 123456),
    ("\u0421-0042", 42), ("\u0441-42", 42), ("\u044142", 42),  # (a Cyrillic С, on a Ukrainian or Russian keyboard)
    # (help hunt) an ID copied from a document or a chat, with a non-breaking hyphen, an en dash, a minus
    ("C\u20110042", 42), ("C\u20130042", 42), ("C\u221242", 42), ("\u0421\u2010042", 42),
    # (glyph hunt) copied from a messenger, with invisible characters at its ends (a zero-width space, a
    # byte-order mark, direction marks); typed on a full-width keyboard (CJK or a phone's), in part or whole
    ("C-0001\u200b", 1), ("\ufeffC-0042 ", 42), ("\u200eC-0042\u200f", 42), ("\u2068C-0042\u2069\u00a0", 42),
    ("\uff23-0001", 1), ("\uff23\uff0d\uff10\uff14\uff12", 42), ("\uff43\uff14\uff12", 42), ("\u3000C-42\u200b", 42),
])
def test_claim_ids_parse(typed, number):
    assert claim_number(typed) == number
    assert normalise_claim_id(typed) == format_claim_id(number)


@pytest.mark.parametrize("typed", ["", "C-", "C-0", "0", "C-0000", "X-1", "C--1", "-1", "1.5", "C 1 2",
                                   "E1", "C-1234567890", "forty-two",
                                   "C-\u200b0001", "\u200b", "C-0\u200b1",  # (an invisible one inside is no ID's)
                                   # (review) only full-width forms read as plain ones, not all NFKC
                                   # does: a footnote marker copied with an ID (C-1² is no C-0012), a
                                   # superscript, a circled digit, a letterlike C, a Roman numeral ⅽ
                                   "C-1\u00b2", "C-\u00b9", "C-\u2460", "\u2460", "\u00b9", "\u2102-0001", "\u217d1",
                                   "C-000\u00b9"])
def test_bad_claim_ids_are_refused(typed):
    with pytest.raises(InvalidValue) as info:
        claim_number(typed)
    assert "not a claim ID" in info.value.message
    assert "C-0042" in info.value.hint


def test_format_claim_id():
    assert format_claim_id(1) == "C-0001"
    assert format_claim_id(12345) == "C-12345"


def test_evidence_ids():
    assert evidence_number("E2") == 2
    assert evidence_number("e-2") == 2
    assert evidence_number("2") == 2
    assert evidence_number("\u04152") == evidence_number("\u0435-2") == 2  # (a Cyrillic Е)
    assert evidence_number("E\u20112") == evidence_number("e\u20132") == 2
    # (glyph hunt) copied with a zero-width space, typed full-width
    assert evidence_number("E2\u200b") == evidence_number("\ufeffE2") == evidence_number("\uff25\uff12") == 2
    for bad in ("E0", "X2", "", "E", "E\u00b2", "\u2461", "E-\u2461", "E1\u00b2"):
        with pytest.raises(InvalidValue):
            evidence_number(bad)


# ------------------------------------------------------------------------------ values

def test_coordinates():
    assert parse_coords("48.28,37.18") == (48.28, 37.18)
    assert parse_coords(" -48.5 , -179.9999999 ") == (-48.5, -180.0)
    assert clean_coordinate("", "lat") is None
    assert clean_coordinate(None, "lon") is None


@pytest.mark.parametrize("text", ["91,0", "0,181", "-90.1,0", "nan,1", "1,inf", "48.28", "48.28,37.18,1",
                                  "a,b", ",37.18", "48,28 37,18", ""])
def test_bad_coordinates_are_refused(text):
    with pytest.raises(InvalidValue):
        parse_coords(text)


@pytest.mark.parametrize("text, point", [
    ("48.28°,37.18°", (48.28, 37.18)), ("48.28 N, 37.18 E", (48.28, 37.18)), ("48.28N 37.18E", (48.28, 37.18)),
    ("N48.28 E37.18", (48.28, 37.18)), ("N 48.28, E 37.18", (48.28, 37.18)), ("48.28° N, 37.18° E", (48.28, 37.18)),
    ("48.28n 37.18e", (48.28, 37.18)), ("34.6 S, 58.38 W", (-34.6, -58.38)), ("48.28 N, 37.18", (48.28, 37.18)),
    ("37.18 E, 48.28 N", (48.28, 37.18)), ("37.18 E, 48.28", (48.28, 37.18)), ("48.28, 37.18 E", (48.28, 37.18)),
    ("48.28 пн, 37.18 сх", (48.28, 37.18))])
def test_coordinates_as_map_tools_write_them_are_read(text, point):
    """(geo review) A degree sign, or N, S, E, W before or after the number, as map tools show a
    point, was refused; S and W make it negative, and a pair is read by its letters (E: longitude)."""
    assert parse_coords(text) == point


@pytest.mark.parametrize("text, said, hint", [
    ("48°16′58″N 37°10′48″E", "coordinates '48°16′58″N 37°10′48″E' are in degrees, minutes and seconds",
     "Write them in decimal degrees: --coords 48.2828,37.18"),
    ("48°16'58\"N, 37.18", "coordinates '48°16\'58\"N, 37.18' are in degrees, minutes and seconds",
     "Write them in decimal degrees: --coords 48.2828,37.18"),
    ("37°10′48″E, 48°16.97′S", "coordinates '37°10′48″E, 48°16.97′S' are in degrees, minutes and seconds",
     "Write them in decimal degrees: --coords -48.282833,37.18"),
    ("48.28 N, 37.18 N", "coordinates '48.28 N, 37.18 N' are two latitudes (N, S)", "Example: --coords 48.28,37.18"),
    ("37.18 E 48.28 W", "coordinates '37.18 E 48.28 W' are two longitudes (E, W)", "Example: --coords 48.28,37.18"),
    ("48.28 37.18", "coordinates '48.28 37.18' are not LAT,LON", "Example: --coords 48.28,37.18")])
def test_coordinates_in_minutes_and_seconds_or_letters_that_contradict_are_refused_plainly(text, said, hint):
    with pytest.raises(InvalidValue) as refused:
        parse_coords(text)
    assert (refused.value.message, refused.value.hint) == (said, hint)


def test_a_coordinate_cell_as_map_tools_write_it_is_read():
    assert clean_coordinate("48.2829°", "lat") == 48.2829 and clean_coordinate(" 37.18 W ", "lon") == -37.18
    assert clean_coordinate("N 48,28", "lat") == 48.28 and clean_coordinate("48.28º", "lat") == 48.28
    for cell, said, hint in (("37.18 E", "lat '37.18 E' is a longitude (E)", None),
                             ("48°16′58″N", "lat '48°16′58″N' is in degrees, minutes and seconds",
                              "Write it in decimal degrees: 48.2828"),
                             ("91° N", "lat '91° N' is out of range (-90 to 90)", None),
                             ("N48.28N", "lat 'N48.28N' is not a number", None)):
        with pytest.raises(InvalidValue) as refused:
            clean_coordinate(cell, "lat")
        assert (refused.value.message, refused.value.hint) == (said, hint)


@pytest.mark.parametrize("text", [
    "https://deepstatemap.live/en#12/48.2829399/37.1813202",
    "deepstatemap.live/#14/48.2829399/37.1813202",
    "https://www.google.com/maps/place/48.2829,37.1813",
    "https://www.google.com/maps/place/48.2829,+37.1813/@48.2829,37.1813,15z",
    "https://www.google.com/maps/@48.2829,37.1813,15z",
    "https://www.google.com/maps/@48.2829,37.1813,850m/data=!3m1!1e3",
    "https://www.google.com/maps?q=48.2829,37.1813",
    "https://maps.google.com/?q=48.2829%2C37.1813&z=15",
    "https://www.google.com/maps/search/?api=1&query=48.2829%2C37.1813",
    "https://maps.google.com/maps?ll=48.2829,37.1813&z=12",
    "https://www.google.com/maps/place/48%C2%B016'58.4%22N+37%C2%B010'52.7%22E/@48.28,37.18,17z/data=!3m1!4b1!4m4!3m3!8m2!3d48.2829!4d37.1813",
    "https://www.openstreetmap.org/#map=12/48.2829/37.1813",
    "https://www.openstreetmap.org/?mlat=48.2829&mlon=37.1813#map=10/48.10/37.00",
    "https://www.openstreetmap.org/#map=16/48.2829/37.1813&layers=H",
    "https://yandex.ru/maps/?ll=37.1813%2C48.2829&z=12",
    "geo:48.2829,37.1813?z=12",
    " <https://deepstatemap.live/en#12/48.2829/37.1813> ",
])
def test_a_map_link_is_read_as_its_point(text):
    """(desk review) A point copied as its map link, DeepState's, Google Maps', OpenStreetMap's, was
    refused ("are not LAT,LON", "lat 'https://www.google.com/maps/place/48.2829' is not a number"):
    the link's point is read, the marker's where a link has one and the view's centre (Google's
    @, OSM's #map=) only where it has none; Yandex writes ll= as LON,LAT."""
    assert tuple(round(number, 4) for number in parse_coords(text)) == (48.2829, 37.1813)


@pytest.mark.parametrize("text", [
    "geo:0,0?q=49.7115,37.6144(Kupiansk)", "geo:0,0?q=49.7115%2C37.6144%28Kupiansk%29",
    "geo:0,0?q=49.7115,37.6144", "geo:0,0?q=49.7115,37.6144(Kupiansk+railway+station)",
    "geo:0.0,0.0?q=49.7115,%2037.6144&z=15",
])
def test_a_geo_link_at_0_0_is_read_as_its_q_point(text):
    """(review) Android shares a labelled pin as geo:0,0?q=LAT,LON(label): the path alone was read,
    0,0 recorded and a blank cell warned of; the q= point is the pin."""
    assert parse_coords(text) == (49.7115, 37.6144)


def test_a_geo_link_at_0_0_whose_q_is_no_point_is_refused():
    with pytest.raises(InvalidValue) as refused:
        parse_coords("geo:0,0?q=Kupiansk+railway+station")
    assert "a map link without a point" in refused.value.message


@pytest.mark.parametrize("text", [
    "https://yandex.ru/maps/?ll=37.50%2C55.70&pt=37.62,55.76,pm2rdm&z=12",
    "https://yandex.ru/maps/?ll=37.50%2C55.70&pt=37.62%2C55.76%2Cpm2rdm~37.10%2C55.10%2Cpm2gnm&z=12",
    "https://yandex.ru/maps/?pt=37.62,55.76&z=12",
    "https://yandex.ru/maps/?ll=37.50%2C55.70&whatshere%5Bpoint%5D=37.62%2C55.76&whatshere%5Bzoom%5D=17&z=12",
    "https://yandex.ru/maps/213/moscow/?ll=37.50,55.70&whatshere[point]=37.62,55.76&whatshere[zoom]=17",
])
def test_a_yandex_link_is_read_as_its_pin_not_its_view(text):
    """(review) Yandex's pin pt= carries a style (",pm2rdm"), several pins joined by "~": it was
    refused as a pair and the view's centre ll= read instead; "What's here?" shares the point as
    whatshere[point]=. Yandex writes LON,LAT."""
    assert parse_coords(text) == (55.76, 37.62)


@pytest.mark.parametrize("text, said", [
    ("https://deepstatemap.live/en", "coordinates 'https://deepstatemap.live/en' are a map link without a point"),
    ("https://www.google.com/maps/place/Kupiansk", "coordinates 'https://www.google.com/maps/place/Kupiansk' are "
                                                  "a map link without a point"),
    ("https://maps.app.goo.gl/x7Yq2", "coordinates 'https://maps.app.goo.gl/x7Yq2' are a short link, which holds "
                                      "no point")])
def test_a_map_link_without_a_point_is_refused_naming_what_is_wanted(text, said):
    with pytest.raises(InvalidValue) as refused:
        parse_coords(text)
    assert refused.value.message == said
    if "short link" in said:
        assert refused.value.hint == "Open it, and give the address it leads to, or --coords 48.28,37.18"
    else:
        assert refused.value.hint == (
            "Copy the link once the map shows the point: DeepState's ends #zoom/lat/lon, Google Maps' holds "
            "@lat,lon or place/lat,lon, OpenStreetMap's #map=zoom/lat/lon or ?mlat=&mlon=; or --coords 48.28,37.18")


@pytest.mark.parametrize("text", [
    "https://www.google.com/maps/@48.1,1234,15z",  # (a number that runs on was cut to 123)
    "https://www.google.com/maps/@48.1,37.1abc",
    "https://www.google.com/maps/dir/49.7,37.6/50.0,36.2/@49.85,36.9,9z",  # (a route: neither end is its view)
])
def test_a_map_link_whose_point_is_not_plainly_there_is_refused(text):
    """(review) A view's or pin's second number that ran on was cut short in silence (@48.1,1234 read as
    48.1,123), and a directions link gave the map's centre, neither end of the route: said as a route's
    (its hint had said a Google link holds @lat,lon, as this one does)."""
    with pytest.raises(InvalidValue) as refused:
        parse_coords(text)
    if "/dir/" in text:
        assert refused.value.message.endswith("are a route's link (directions), which names no one point")
        assert refused.value.hint == "Copy the link of the place itself, or give --coords 48.28,37.18"


@pytest.mark.parametrize("text", [
    "📍48.2829, 37.1813", "📍 48.2829,37.1813", "📌48.2829,37.1813", "📍\ufe0f48.2829,37.1813",
    "48.2829,\u200e37.1813", "\u200f48.2829,\u200e37.1813\u200e", "\u202a48.2829, 37.1813\u202c",
    "\ufeff48.2829,\u200b37.1813", "48.2829,\u00a037.1813", "\u2066📍48.2829 N, 37.1813 E\u2069"])
def test_a_pin_and_invisible_marks_around_the_numbers_are_dropped(text):
    """(desk review) A point copied with a pin before it (a Telegram post's "📍48.28, 37.18"), or with
    a direction mark a right-to-left page or chat put beside a number, was "lat '📍48.2829' is not a
    number" or "lon '\\u200e37.1813' is not a number"."""
    assert parse_coords(text) == (48.2829, 37.1813)


@pytest.mark.parametrize("text, point", [
    ("48.2829 пн.ш., 37.1813 сх.д.", (48.2829, 37.1813)), ("48.2829 с.ш., 37.1813 в.д.", (48.2829, 37.1813)),
    ("48.2829 пн. ш., 37.1813 сх. д.", (48.2829, 37.1813)), ("48.2829 С.Ш. 37.1813 В.Д.", (48.2829, 37.1813)),
    ("48.2829° пн.ш. 37.1813° сх.д.", (48.2829, 37.1813)), ("37.1813 сх.д., 48.2829 пн.ш.", (48.2829, 37.1813)),
    ("34.6 пд.ш., 58.38 зх.д.", (-34.6, -58.38)), ("34.6 ю.ш., 58.38 з.д.", (-34.6, -58.38)),
    ("48.2829 пн., 37.1813 сх.", (48.2829, 37.1813)), ("48.2829 сш, 37.1813 вд", (48.2829, 37.1813))])
def test_the_ukrainian_and_russian_written_hemispheres_are_read(text, point):
    """(desk review) A Ukrainian page writes a point "48.2829 пн.ш., 37.1813 сх.д." (північної
    широти, східної довготи), a Russian one "с.ш., в.д.": both were "is not a number"."""
    assert parse_coords(text) == point


def test_written_hemispheres_that_contradict_are_still_refused():
    with pytest.raises(InvalidValue) as refused:
        parse_coords("48.28 с.ш., 37.18 пн.ш.")
    assert "are two latitudes" in refused.value.message


def test_a_coordinate_cell_is_read_as_a_typed_one_but_not_from_a_link():
    """An import's lat or lon cell is read alike (a pin, invisible marks, a written hemisphere); a
    map link in one is refused, saying so: a lat cell holds a latitude, not a point."""
    assert clean_coordinate("📍48.2829", "lat") == 48.2829 and clean_coordinate("37.1813\u200e", "lon") == 37.1813
    assert clean_coordinate("48.2829 пн.ш.", "lat") == 48.2829 and clean_coordinate("37.18 з.д.", "lon") == -37.18
    with pytest.raises(InvalidValue) as refused:
        clean_coordinate("37.18 сх.д.", "lat")
    assert refused.value.message == "lat '37.18 сх.д.' is a longitude (СХ.Д.)"
    link = "https://deepstatemap.live/en#12/48.2829399/37.1813202"
    with pytest.raises(InvalidValue) as refused:
        clean_coordinate(link, "lat")
    assert (refused.value.message, refused.value.hint) == (
        f"lat '{link}' is a map link, not a number", "Give its latitude alone: 48.2829399")
    with pytest.raises(InvalidValue) as refused:
        clean_coordinate("https://deepstatemap.live/en", "lon")
    assert (refused.value.message, refused.value.hint) == ("lon 'https://deepstatemap.live/en' is a map link, not a number", None)


@pytest.mark.parametrize("blanks", [1, 40, 4000])
def test_a_long_coordinate_cell_or_value_is_refused_at_once(blanks):
    """(review) A cell's letters were sought around a number that took all but them, by a lazy
    match whose every extent tried the blanks after it: "x", 1,000 blanks and "x" took 4 s to
    refuse, 4,000 hung an import; a value of many words was split at each. (How long it takes is
    bench's to measure, not a test's: this one pins what is said.)"""
    for cell in ("x" + " " * blanks + "x", "N" + " " * blanks + "x" + " " * blanks + "E", " " * blanks + "48.5" + " " * blanks):
        try:
            clean_coordinate(cell, "lat")
        except InvalidValue as refused:
            assert "is not a number" in refused.message, refused.message
        else:
            assert cell.strip() == "48.5"
    with pytest.raises(InvalidValue) as refused:
        parse_coords("48.28" + " x" * blanks)
    assert "are not LAT,LON" in refused.value.message
    assert parse_coords("48.28" + " " * blanks + "N, 37.18 E") == (48.28, 37.18)


@pytest.mark.parametrize("value", ["-0", "-0.0", -0.0, "-0.0000001", 0.0, "0"])
def test_a_zero_coordinate_has_no_sign(value):
    """(scripts hunt) `--coords=-0,0` kept -0.0, and an import's cache of cleaned values (where
    0.0 == -0.0) then gave the next claim's 0 the sign: a round trip changed the bytes."""
    import math

    assert math.copysign(1, clean_coordinate(value, "lat")) == 1


@pytest.mark.parametrize("value", ["E1", "e12", " E3 "])
def test_an_evidence_id_given_for_a_claims_is_said_to_be_one(value):
    """(README hunt) `claims show E1` said only "'E1' is not a claim ID"."""
    with pytest.raises(InvalidValue) as refused:
        claim_number(value)
    assert refused.value.hint.startswith("That is an evidence item's ID")


def test_coordinate_rejects_bool():
    with pytest.raises(InvalidValue):
        clean_coordinate(True, "lat")


@pytest.mark.parametrize("url", ["http://example.org", "https://example.org/v/1?x=1#t", "HTTPS://EXAMPLE.ORG/a"])
def test_good_urls(url):
    assert clean_url(url) == url


@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "example.org", "http://",
                                 "https:///path", "https://exa mple.org", "file:///etc/passwd", "mailto:a@b.c"])
def test_bad_urls_are_refused(url):
    with pytest.raises(InvalidValue) as info:
        clean_url(url)
    assert "http" in info.value.hint or "has a space" in info.value.message


@pytest.mark.parametrize("url", ["https://evil.example\\@good.example/", "https://good.example\\evil",
                                 "https://example.org/a\\b"])
def test_a_url_with_a_backslash_is_refused(url):
    """(exports hunt) A browser reads \\ as / in an http(s) address: the first opens evil.example,
    while a page's link (the backslash percent-encoded) went to good.example, its text to the other."""
    with pytest.raises(InvalidValue) as info:
        clean_url(url)
    assert info.value.message.endswith("has a backslash") and "/" in info.value.hint


def test_urls_are_deduplicated():
    assert clean_urls(["https://a.org", "https://a.org", "https://b.org"]) == ["https://a.org", "https://b.org"]


@pytest.mark.parametrize("value", ["a\x1b[31mred", "nul\x00", "bell\x07", "cr\rhere", "c1\x9bx", "del\x7f"])
def test_control_characters_are_refused(value):
    with pytest.raises(InvalidValue) as info:
        clean_text(value, "text", multiline=True)
    assert "control character" in info.value.message


def test_a_text_is_refused_for_a_control_character_or_surrogate_alone_whatever_else_it_holds():
    """(issue 6) The common case checks a text with str.isprintable before the regex: a text of
    characters that are not printable but allowed (a no-break space, a line separator, a soft
    hyphen, a private-use letter) is still kept, and one with a C0 or C1 control or a lone
    surrogate still refused, in a statement or a one-line field, wherever it stands."""
    allowed = ["\u00a0", "\u2028", "\u00ad", "\ue000", "\u200b", "\u3000", "\U000e0001", "Ї", "'", "~"]
    refused = [chr(code) for code in (*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0))] + ["\ud800", "\udfff"]
    for middle in allowed:
        for value in (f"a{middle}b", f"Київ {middle}Kyiv"):
            assert clean_text(value, "place") == unicodedata.normalize("NFC", value), repr(middle)
            assert clean_text(value, "text", multiline=True) == unicodedata.normalize("NFC", value), repr(middle)
    for middle in refused:
        for value in (f"a{middle}b", f"Київ {middle}Kyiv"):
            with pytest.raises(InvalidValue):
                clean_text(value, "text", multiline=middle not in "\r", limit=10_000)
    for middle in "\n\t":
        assert clean_text(f"a{middle}b", "note", multiline=True) == f"a{middle}b"
        with pytest.raises(InvalidValue):
            clean_text(f"a{middle}b", "place")


def test_newlines_only_where_multiline():
    assert clean_text("line one\nline two", "note", multiline=True) == "line one\nline two"
    with pytest.raises(InvalidValue):
        clean_text("Kucher\nivka", "place")
    with pytest.raises(InvalidValue):
        clean_text("a\tb", "place")


def test_clean_text_strips_and_empties():
    assert clean_text("  x  ", "place") == "x"
    assert clean_text("   ", "place") is None
    assert clean_text(None, "place") is None
    with pytest.raises(InvalidValue):
        clean_text("  ", "text", required=True)
    with pytest.raises(InvalidValue):
        clean_text("x" * 201, "place")


def test_tags_are_deduplicated_case_insensitively_keeping_first_spelling():
    assert clean_tags(["Pokrovsk", "pokrovsk", " POKROVSK ", "", "kharkiv-axis", "Покровськ", "ПОКРОВСЬК"]) \
        == ["Pokrovsk", "kharkiv-axis", "Покровськ"]


def test_unicode_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Київ, Покровськ, Купянск")
    assert nfd != "Київ, Покровськ, Купянск"
    assert clean_text(nfd, "place") == "Київ, Покровськ, Купянск"


@pytest.mark.parametrize("enum, typed, read", [
    (Side, "russi\u0430", "russia"),  # (a Cyrillic а, from the other keyboard layout)
    (SourceKind, "\u043esint", "osint"),  # (a Cyrillic о)
    (Status, "\u0421\u041eNFIRMED", "confirmed"),  # (Cyrillic capitals С, О: read before the case is)
    (Stance, "\u0455upports", "supports"),  # (a Macedonian ѕ)
    (EvidenceKind, "\uff4d\uff41\uff50", "map"),  # (full-width)
    (Side, "ukr\u03b1ine", "ukraine"),  # (a Greek α)
])
def test_a_choice_typed_with_letters_that_look_latin_is_read_as_that_choice(enum, typed, read):
    """(tester) "russiа" with a Cyrillic а was "not one of: russia, ...": a message that contradicts itself."""
    assert clean_enum(enum, typed, "field") == read


def test_a_grade_written_in_another_alphabet_is_refused_naming_both_readings():
    """(review) Russian and Ukrainian desks write the scale А, Б, В, Г, Д, Е: their В is the third
    grade, C, though it looks like B. Read as its look-alike, it was stored B (usually reliable)."""
    said = {}
    for typed in ("\u0412", "\u0430", "\u0431", "\u0441", "\u0415", "\u0392", "\u044f"):  # (В, а, б, с, Е, Greek Β, я)
        with pytest.raises(InvalidValue) as refused:
            clean_grade(typed)
        said[typed] = (refused.value.message, refused.value.hint)
    assert said["\u0412"] == ("grade '\u0412' is a Cyrillic letter: the Admiralty scale is written A-F in Latin letters",
                             "\u0412 is B's look-alike, but the third letter, C, on the Cyrillic scale \u0410-\u0415.")
    assert said["\u0430"][1] == "\u0430 is A's look-alike, and the first letter, A, on the Cyrillic scale \u0410-\u0415."
    assert said["\u0431"][1] == "\u0431 is the second letter, B, on the Cyrillic scale \u0410-\u0415."
    assert said["\u0441"][1] == "\u0441 is C's look-alike; it is not on the Cyrillic scale \u0410-\u0415."
    assert said["\u0415"][1] == "\u0415 is E's look-alike, but the sixth letter, F, on the Cyrillic scale \u0410-\u0415."
    assert said["\u0392"] == ("grade '\u0392' is a Greek letter: the Admiralty scale is written A-F in Latin letters",
                             "\u0392 is B's look-alike.")
    assert said["\u044f"][1] is None or "look-alike" not in said["\u044f"][1]
    assert clean_grade("\uff21") == "A"  # (a full-width Ａ is a Latin letter)
    with pytest.raises(InvalidValue):
        clean_enum(Side, "russi\u044f", "side")  # (я looks like no Latin letter)


def test_as_latin_letters_writes_only_the_letters_that_look_latin_as_those():
    assert as_latin_letters("\u0406SW \u0421\u0412\u0420 \u039c\u03bf\u0414") == "ISW CBP Mo\u0414"
    assert as_latin_letters("\uff21\uff30") == "AP"
    assert as_latin_letters("russia") == "russia"


# ------------------------------------------------------------------------------ claims

def build(**fields):
    return build_claim({"text": "Russian forces took Kucherivka", "source": "mod", "claimed_on": "2025-12-07",
                        **fields}, REGISTRY, DEFAULT_CATEGORIES)


def test_build_claim_canonicalises():
    record = build(place=" Kucherivka ", category="Territorial", tags=["a", "A"], lat="49.76", lon=37.77)
    assert record["source"] == "Russian MoD"
    assert record["place"] == "Kucherivka"
    assert record["category"] == "territorial"
    assert record["tags"] == ["a"]
    assert (record["lat"], record["lon"]) == (49.76, 37.77)
    assert build()["category"] == "other"


def test_build_claim_errors_name_the_field():
    cases = [({"text": ""}, "text"), ({"source": "nobody"}, "source"), ({"claimed_on": "03/04/2025"}, "claimed_on"),
             ({"lat": 1}, "lon"), ({"category": "weather"}, "category"), ({"urls": ["ftp://x"]}, "url"),
             ({"event_on": "someday"}, "event_on")]
    for fields, field in cases:
        with pytest.raises(InvalidValue) as info:
            build(**fields)
        assert info.value.field == field, fields


@pytest.mark.parametrize("field, value", [
    ("text", "Russian forces took Kucherivka " + "x" * 3970), ("source", "M" * 81), ("outlet", "o" * 201),
    ("place", "p" * 201), ("region", "r" * 201), ("ref", "R" * 201), ("note", "n" * 10001),
    ("tags", ["t" * 61]), ("tags", [f"t{number}" for number in range(51)]),
    ("urls", ["https://example.org/" + "u" * 2029]), ("urls", [f"https://example.org/{number}" for number in range(51)]),
])
def test_doctors_check_of_a_stored_value_over_its_limit_says_what_build_claim_refuses(field, value):
    """(doctor's check, stored_over_limits, and an edit's, build_claim, read one value alike: the
    limits and words are those of build_claim's own cleaning, field by field)"""
    with pytest.raises(InvalidValue) as refused:
        build(**{field: value})
    assert stored_over_limits({"text": "Russian forces took Kucherivka", "source": "Russian MoD", field: value}) \
        == [refused.value.message]


def test_doctors_check_passes_what_build_claim_takes():
    fields = {"text": " " + "x" * 4000 + "\n", "place": "p" * 200, "tags": ["a;b"] * 60 + ["c" * 30 + ";" + "d" * 30],
              "urls": ["https://example.org/a"] * 60, "note": "line\r\n" * 1667 + "end!"}  # (10,006; CRLF read as LF)
    build(**fields)
    assert stored_over_limits(fields) == []


def test_unknown_category_hints_how_to_add_it():
    with pytest.raises(InvalidValue) as info:
        build(category="logistics")
    assert "claims categories add logistics" in info.value.hint


@pytest.mark.parametrize("shared", ["", "Shared", "shared", "O'Brien"])
def test_a_source_put_in_place_is_found_as_in_a_registry_built_whole(shared):
    """(review) `put` replaces a source by its names alone (an import gives thousands an alias):
    every name is found as in a registry built with the new one last, a name that two sources
    held by a hand edit ("Shared", or written alike: "O’Brien") too."""
    others = [Source("Alpha", "russia", aliases=["A1", *([shared] if shared else [])]),
              Source("Beta", "ukraine", aliases=["B1", "O\u2019Brien"])]
    old = Source("Gamma", "independent", aliases=["G1", "Shared"])
    registry = SourceRegistry([*others, old, Source("Delta", "russia", aliases=["D1"])]).building()
    new = Source("Gamma", "independent", aliases=["G2"])
    registry.put(new)
    whole = SourceRegistry([*others, Source("Delta", "russia", aliases=["D1"]), new])
    names = ["Alpha", "A1", "Beta", "B1", "Gamma", "G1", "G2", "Shared", "shared", "O'Brien", "o\u2019brien",
             "Delta", "D1"]
    for alike in (True, False):
        assert [registry.find(name, alike=alike) for name in names] == \
            [whole.find(name, alike=alike) for name in names]
    assert list(registry) == list(whole)


def test_duplicate_key_normalises_case_space_stop_and_unicode():
    a = build(text="Russian forces took  Kucherivka.", place="Kucherivka")
    b = build(text="russian FORCES took Kucherivka", place="  kucherivka ")
    assert duplicate_key(a) == duplicate_key(b)
    c = build(text=unicodedata.normalize("NFD", "Взяли Покровськ"), place=unicodedata.normalize("NFD", "Покровськ"))
    d = build(text="взяли покровськ!", place="ПОКРОВСЬК")
    assert duplicate_key(c) == duplicate_key(d)


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "\uff0d"])
def test_duplicate_key_takes_any_dash_as_a_hyphen(dash):
    """(review) As the --place and --text filters take it (`unify_dashes`): a copy writes
    Kamianka-Dniprovska with an en dash, a non-breaking hyphen or a minus."""
    plain = build(text="Strike on Kamianka-Dniprovska", place="Kamianka-Dniprovska")
    dashed = build(text=f"Strike on Kamianka{dash}Dniprovska", place=f"Kamianka{dash}Dniprovska")
    assert duplicate_key(dashed) == duplicate_key(plain)
    assert duplicate_key(build(text="Strike on Kamianka Dniprovska", place="Kamianka-Dniprovska")) != \
        duplicate_key(plain)  # (a dash is not a space)


@pytest.mark.parametrize("typed, cyrillic", [
    # (review) a lone Latin i for the Ukrainian conjunction і (a Russian layout has none): no word
    # mixed the alphabets, so none was folded, and the statement was recorded again
    ("Бої бiля Часового Яру i Торецька", "Бої біля Часового Яру і Торецька"),
    ("Бої біля Часового Яру i Торецька", "Бої біля Часового Яру і Торецька"),
    ("I знову удар по Херсону", "І знову удар по Херсону"),
    ("Удари по Херсону, a також по Миколаєву", "Удари по Херсону, а також по Миколаєву"),
    ("Обстріл o 5 ранку y Харкові", "Обстріл о 5 ранку у Харкові"),
    ("Атака co стороны Курска, c воздуха", "Атака со стороны Курска, с воздуха"),
    ("Потери BC РФ под Авдеевкой", "Потери ВС РФ под Авдеевкой"),
    # (review) a word is folded as itself, whatever the others: М1A2 (its alphabets meet across a
    # digit, no slip seen) is left as written beside Бахмуті and beside Бахмутi alike
    ("Знищено М1A2 біля Бахмутi", "Знищено М1A2 біля Бахмуті"),
])
def test_statement_key_reads_a_short_lookalike_word_in_the_statements_alphabet(typed, cyrillic):
    from claims_cli.models import statement_key

    assert statement_key(typed) == statement_key(cyrillic)


@pytest.mark.parametrize("latin, cyrillic", [
    # whole Latin words are names, kept as written beside the look-alike Cyrillic word
    ("Удар по COBA біля Бахмута", "Удар по СОВА біля Бахмута"),
    ("Знищено M1A2 біля Бахмута", "Знищено М1А2 біля Бахмута"),
    # and in a statement mostly Latin, its short Latin words are of it
    ("Russian forces hold a village near Сіверськ", "Russian forces hold \u0430 village near Сіверськ"),
])
def test_statement_key_keeps_whole_latin_words(latin, cyrillic):
    from claims_cli.models import statement_key

    assert statement_key(latin) != statement_key(cyrillic)


@pytest.mark.parametrize("one, other", [
    # (review) the short words were folded by the case they were typed in (K, H, T, B, M Latin
    # lookalikes as capitals only, y as a small letter only): KH-101 and Kh-101, the same statement
    # but for case, which a duplicate is told without, were two
    ("Росія випустила KH-101 по Києву", "Росія випустила Kh-101 по Києву"),
    ("Збито TB-2 біля Херсона", "Збито Tb-2 біля Херсона"),
    ("Збито KA-52 біля Херсона", "Збито ka-52 біля Херсона"),
    ("Атака на сектор B біля Бахмута", "Атака на сектор b біля Бахмута"),
    ("Атака на сектор Y біля Бахмута", "Атака на сектор y біля Бахмута"),
    ("Росія випустила KH-101 по Києву", "Росія випустила kh-101 по Києву"),
    # (review) a short word's own letters decided whether the statement was mostly Cyrillic: 13
    # Latin letters with the i, 13 Cyrillic, so the i was left; it is not counted as Latin
    ("HIMARS i ATACMS вдарили по Саки", "HIMARS і ATACMS вдарили по Саки"),
    # (review) and a short word with one letter slipped into the other alphabet is that word: Кh-101
    # (a Cyrillic К) was read in Latin, Kh-101 in Cyrillic capitals
    ("Росія випустила Kh-101 по Києву", "Росія випустила \u041ah-101 по Києву"),
    ("Збито Tb-2 біля Херсона", "Збито \u0422b-2 біля Херсона"),
    ("Удар о 5 ранку, at 5 am", "Удар о 5 ранку, \u0430t 5 \u0430m"),
])
def test_statement_key_reads_a_short_word_alike_in_any_case(one, other):
    from claims_cli.models import statement_key

    assert statement_key(one) == statement_key(other)


def test_statement_key_reads_a_short_word_alike_in_either_alphabet():
    """(review) Every spelling of a short word in look-alike letters, Latin, Cyrillic or mixed, in any
    case, is one word in a mostly Cyrillic statement, whatever the statement's other words."""
    import itertools

    from claims_cli.models import statement_key

    as_cyrillic = dict(zip("abcehikmoptxyABCEHIKMOPTXY",  # (а в с е н і к м о р т х у, small and capital)
                           "\u0430\u0432\u0441\u0435\u043d\u0456\u043a\u043c\u043e\u0440\u0442\u0445\u0443"
                           "\u0410\u0412\u0421\u0415\u041d\u0406\u041a\u041c\u041e\u0420\u0422\u0425\u0423"))
    for word in ("Kh", "kh", "KH", "Tb", "TB", "to", "at", "mi", "i", "y", "ok", "he"):
        keys = set()
        for choice in itertools.product((False, True), repeat=len(word)):
            spelled = "".join(as_cyrillic[letter] if cyrillic else letter for letter, cyrillic in zip(word, choice))
            for statement in (f"Росія випустила {spelled}-101 по Києву", f"Бої {spelled} Часового Яру"):
                keys.add((statement.split()[0], statement_key(statement)))
        assert len(keys) == 2, (word, keys)


def test_statement_key_of_a_word_does_not_depend_on_the_others():
    """(review) М1A2 was folded once another word (Бахмутi) mixed the alphabets, left otherwise."""
    from claims_cli.models import statement_key

    assert "м1a2" in statement_key("Знищено М1A2 біля Бахмутi")
    assert "м1a2" in statement_key("Знищено М1A2 біля Бахмуті")
    assert statement_key("Бахмутi") == "бахмуті" and statement_key("Ocкіл i Ізюм") == "оскіл і ізюм"


@pytest.mark.parametrize("written", [
    "\u26a1\ufe0fВойска «Центр» освободили Покровск",  # a leading emoji with its variation selector
    "\u26a1Войска «Центр» освободили Покровск",
    "🔴 Войска «Центр» освободили Покровск ❗",
    "❗️📍Войска «Центр» освободили Покровск",
    "Войска «Центр» освободили Покровск 🔥🔥",
    "🚨⚡️ Войска «Центр» освободили Покровск ⚠️",
    "Войска «Центр» освободили Покровск 🔥!",  # (review: a mark before the final stop is at the end)
    "⚡\u2009🔴 Войска «Центр» освободили Покровск",  # (a thin space between two marks)
    'Войска "Центр" освободили Покровск',  # each kind of quotation mark
    "Войска „Центр“ освободили Покровск",
    "Войска “Центр” освободили Покровск",
    "Войска 'Центр' освободили Покровск",
    "Войска ‚Центр‘ освободили Покровск",
    "Войска ‘Центр’ освободили Покровск",
    "Войска ‹Центр› освободили Покровск",
    "Войска 「Центр」 освободили Покровск",
    "Войска ＂Центр＂ освободили Покровск.",
])
def test_statement_key_folds_quotation_marks_and_leaves_out_decoration(written):
    """(data-entry review) The same claim pasted from two feeds, one with a leading ⚡ (and U+FE0F),
    one with „“ or "" for «», was two statements to the duplicate check."""
    from claims_cli.models import statement_key

    assert statement_key(written) == statement_key("Войска «Центр» освободили Покровск")


@pytest.mark.parametrize("one, other", [
    ("Russian forces took 'Rivne'", 'Russian forces took "Rivne"'),  # (ASCII alone: its fast path)
    ("Russian forces took “Rivne”", 'Russian forces took "Rivne"'),
    ("⚡ Russian forces took Rivne", "Russian forces took Rivne"),
    ("3️⃣ brigades hit", "3 brigades hit"),  # (a keycap: the digit stays)
])
def test_statement_key_folds_quotes_and_decoration_in_english_too(one, other):
    from claims_cli.models import statement_key

    assert statement_key(one) == statement_key(other)


@pytest.mark.parametrize("one, other", [
    ("Бригада №3 відійшла", "Бригада 3 відійшла"),  # (№, °, ℃: symbols that say something)
    ("Мороз -5° у Харкові", "Мороз -5 у Харкові"),
    ("Мороз -5℃ у Харкові", "Мороз -5 у Харкові"),
    ("Удар 𝐇𝐈𝐌𝐀𝐑𝐒 по мосту", "Удар по мосту"),  # (letters past the BMP are letters)
    ("Втрати: 5 → 7", "Втрати: 5 7"),  # (a mathematical symbol)
    ("Войска «Центр» освободили Покровск", "Войска Центр освободили Покровск"),  # (quoted or not)
    # (review) a pictograph that is the content, or any but a feed's alert marks at either end
    ("🇺🇦 drone hit a depot near Pokrovsk", "🇷🇺 drone hit a depot near Pokrovsk"),
    ("Pokrovsk 🇺🇦", "Pokrovsk 🇷🇺"),
    ("Покровськ: ✅ взято", "Покровськ: ❌ взято"),
    ("Покровськ взято ✅", "Покровськ взято ❌"),
    ("⬆ 5 assaults", "⬇ 5 assaults"),
    ("Ukraine lost 🚁", "Ukraine lost ✈"),
    ("Потери: ☠ 40, 🚑 40", "Потери: 🚑 40, ☠ 40"),
    ("Pokrovsk: ⭐⭐⭐ unit", "Pokrovsk: ⭐ unit"),
    ("Shelling of Pokrovsk ☢ plant", "Shelling of Pokrovsk plant"),
    ("👍 Pokrovsk", "👎 Pokrovsk"),
    ("🔺 1 250 окупантів ліквідовано за добу", "🔻 1 250 окупантів ліквідовано за добу"),  # (up and down)
    ("Покровск👍🏻", "Покровск"),  # (a skin tone goes, its pictograph stays)
])
def test_statement_key_keeps_letters_digits_and_meaningful_symbols(one, other):
    from claims_cli.models import statement_key

    assert statement_key(one) != statement_key(other)


def test_duplicate_key_distinguishes_source_date_place_and_text():
    base = duplicate_key(build(place="Kucherivka"))
    assert duplicate_key(build(place="Kupiansk")) != base
    assert duplicate_key(build(place="Kucherivka", source="Telegram")) != base
    assert duplicate_key(build(place="Kucherivka", claimed_on="2025-12-06")) != base
    assert duplicate_key(build(place="Kucherivka", text="Russian forces took Kupiansk")) != base


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab \t\n\r\x00\x1b\x7f\x85\x9f\xa0e\u0301é\u2028Ж", max_size=6), st.booleans(),
       st.integers(min_value=1, max_value=6))
def test_clean_text_fast_path_keeps_the_rules(value, multiline, limit):
    """clean_text returns a plain string in one go; the verdict is the documented rule: strip,
    NFC, a CRLF as a line break where lines are allowed, no control character (nor tab or newline
    on one line), at most `limit` characters."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFC", value.strip())
    if multiline:
        text = text.replace("\r\n", "\n")
    bad = re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]" if multiline else r"[\x00-\x1f\x7f-\x9f]", text)
    if not text:
        assert clean_text(value, "f", multiline=multiline, limit=limit) is None
    elif bad or len(text) > limit:
        with pytest.raises(InvalidValue):
            clean_text(value, "f", multiline=multiline, limit=limit)
    else:
        assert clean_text(value, "f", multiline=multiline, limit=limit) == text


def test_a_tag_holding_the_csv_separator_is_as_many_tags():
    """CSV joins a claim's tags with ';': a tag holding one is split, as a CSV cell is."""
    assert clean_tags(["a;b", "c", " d ; A ;", ";"]) == ["a", "b", "c", "d"]


def test_a_claim_dated_tomorrow_was_made_0_days_ago():
    from datetime import date

    from claims_cli.layout import days_since

    assert days_since("2025-12-08", date(2025, 12, 7)) == 0
    assert days_since("2025-12-01", date(2025, 12, 7)) == 6


@settings(max_examples=500, deadline=None)
@given(st.from_regex(r"\d{4}-[0-3]\d-[0-3]\dT[0-2]\d:[0-6]\d:[0-6]\d(\.\d{1,6})?Z", fullmatch=True)
       | st.text(alphabet="0123456789-:TZ. ", max_size=26))
def test_a_utc_stamp_is_read_as_a_date_and_a_time_are(text):
    """is_utc_stamp checks the day and the clock in one call; the same answer as each on its own."""
    from datetime import date, time

    from claims_cli.models import _UTC_STAMP, is_utc_stamp

    try:
        expected = bool(_UTC_STAMP.fullmatch(text)) and bool(date.fromisoformat(text[:10])) and \
            time.fromisoformat(text[11:19]) is not None
    except ValueError:
        expected = False
    assert is_utc_stamp(text) == expected


_STAMP_LOOKALIKES = "0123456789-:TZ.+ W\u0660\u0663\u0669\uff10\uff15\u0966\U0001d7ce\u00b2\ud800"


@settings(max_examples=1000, deadline=None)
@given(st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")),
       st.lists(st.tuples(st.integers(0, 19), st.sampled_from(_STAMP_LOOKALIKES)), max_size=3))
def test_a_stamp_to_the_second_is_read_as_the_regex_and_fromisoformat_read_it(stamp, changes):
    """The 20-character form (separators in place, then fromisoformat alone) answers as the regex and
    fromisoformat together, for stamps with any character changed: another script's digits (which
    the regex's \\d takes), signs, spaces, a week date's W, digits out of range (doctor reads 270,000
    stamps this way)."""
    from datetime import datetime

    from claims_cli.models import _UTC_STAMP, _is_utc_stamp, is_utc_stamp

    text = list(stamp.rjust(20, "0"))
    for at, character in changes:
        text[at] = character
    text = "".join(text)
    try:
        expected = bool(_UTC_STAMP.fullmatch(text)) and datetime.fromisoformat(text[:19]) is not None
    except ValueError:
        expected = False
    assert _is_utc_stamp(text) == expected
    assert is_utc_stamp(text) == expected


@pytest.mark.parametrize("entry", [
    {"at": "2025-12-07T09:30:00Z", "action": "created"},
    {"at": "2025-02-29T09:30:00Z", "action": "created"},  # (no such day)
    {"at": "2025-12-07T24:00:00Z", "action": "created"},
    {"at": "2025-12-07T09:30:00.5Z", "action": "created"},  # (a fraction: the regex's form)
    {"at": "2025-12-07T09:30:00+02:00", "action": "created"},  # (another form of a time: is_timestamp's)
    {"at": "2025-12-07 09:30:00Z", "action": "created"},
    {"at": "\u0662025-12-07T09:30:00Z", "action": "created"},
    {"at": "yesterday", "action": "created"},
])
def test_history_problem_uncached_says_what_it_says_cached(entry):
    """doctor's uncached reading of an entry's time finds what the cached one finds."""
    assert history_problem(entry, uncached=True) == history_problem(entry)


def test_first_recorded_key_undoes_the_edits_latest_first():
    claim = {"source": "ISW", "claimed_on": "2025-12-02", "place": "Pokrovsk", "text": "Pokrovsk centre taken",
             "history": [{"action": "created"},
                         {"action": "edited", "changes": {"text": ["Pokrovsk taken", "Pokrovsk north taken"],
                                                          "place": [None, "Pokrovsk"]}},
                         {"action": "edited", "changes": {"text": ["Pokrovsk north taken", "Pokrovsk centre taken"],
                                                          "claimed_on": ["2025-12-01", "2025-12-02"]}}]}
    assert first_recorded_key(claim) == duplicate_key(
        {"source": "ISW", "claimed_on": "2025-12-01", "place": None, "text": "Pokrovsk taken"})
    assert first_recorded_key(claim, []) == duplicate_key(claim)


def test_first_recorded_key_of_a_damaged_history_matches_nothing():
    claim = {"source": "ISW", "claimed_on": "2025-12-02", "text": "x",
             "history": [{"action": "edited", "changes": {"text": [None, "x"]}}, "junk", {"changes": "junk"}]}
    assert first_recorded_key(claim) == duplicate_key(claim)
    claim["history"] = [{"action": "edited", "changes": {"claimed_on": [5, "2025-12-02"], "place": [7, None]}}]
    assert first_recorded_key(claim) == duplicate_key(claim)


def test_a_url_with_a_space_is_told_so():
    """(bug hunt) 'https://x.org/a b' was told that URLs must start with http:// or https://."""
    with pytest.raises(InvalidValue) as refused:
        clean_url("https://x.org/a b")
    assert "has a space" in refused.value.message and "%20" in refused.value.hint
    with pytest.raises(InvalidValue) as refused:
        clean_url("ftp://x.org/a")
    assert refused.value.hint == "URLs must start with http:// or https://."


def test_an_unknown_sources_suggestions_do_not_depend_on_what_was_asked_before():
    """(review) the suggestions were remembered by the name's key: "Reuter            x" asked first
    (no suggestion) took "Did you mean" from "Reuter x" asked after."""
    from claims_cli.errors import NotFound

    registry = SourceRegistry(DEFAULT_SOURCES)
    hints = []
    for name in ("Russian            MoDD", "Russian MoDD"):
        with pytest.raises(NotFound) as missing:
            registry.get(name)
        hints.append(missing.value.hint)
    fresh = SourceRegistry(DEFAULT_SOURCES)
    with pytest.raises(NotFound) as alone:
        fresh.get("Russian MoDD")
    assert hints[1] == alone.value.hint
    assert hints[0] == hints[1] and "Russian MoD" in hints[0]  # (spacing counts no more than in lookups: review)


@pytest.mark.parametrize("text, words", [
    ("Бої у Сiверську", ["Сiверську"]),  # a Latin i in a Cyrillic word: the slip the warning is for
    ("Kостянтинівка", ["Kостянтинівка"]), ("OК", ["OК"]), ("Bахмут", ["Bахмут"]),
    # (left from the last session) a Latin name with a Cyrillic ending, as Ukrainian and Russian write
    # one, is no slip: its letters could not be typed by mistake in the other alphabet
    ("Удар HIMARSи по мосту", []), ("з iPhoneом", []), ("HIMARS-ом", []), ("F-16", []),
    # (review) and one whose ending is of letters that look Latin: -а, -у, -і, -е, -о, -ах
    ("на HIMARSах", []), ("з Patriotа", []), ("ATACMSа", []), ("Javelinу", []), ("у Bloombergу", []),
    ("ISWу", []), ("CNNі", []),
    ("Kyіv", ["Kyіv"]), ("Покровськa", ["Покровськa"]),  # (a slip inside or at the end of a word)
    # (review) and a Cyrillic word whose first letters were typed in the Latin layout is one
    ("Ocкіл", ["Ocкіл"]), ("Kaмянське", ["Kaмянське"]), ("POкровськ", ["POкровськ"]), ("XAрків", ["XAрків"]),
    ("атака на Куп'янcьк", ["Куп'янcьк"]),  # (Cyrillic analyst hunt: the whole word, not "янcьк")
])
def test_a_word_is_flagged_when_one_alphabets_letters_in_it_look_like_the_others(text, words):
    from claims_cli.models import mixed_script_words

    assert mixed_script_words(text) == words


@pytest.mark.parametrize("name, words", [
    ("DeepStat\u0435", ["DeepStat\u0435"]), ("Ukrain\u0435", ["Ukrain\u0435"]), ("Patriot\u0430", ["Patriot\u0430"]),
    ("D\u0435epState", ["D\u0435epState"]), ("ISW", []), ("\u0421\u0412\u0420", []), ("UA\u043f\u043e\u0440\u0442", []),
])
def test_a_source_name_is_not_read_as_declined(name, words):
    """(glyph hunt) A name's Cyrillic ending is no case ending ("\u0437 Patriot\u0430" in a statement
    is): 'DeepStat\u0435' with a Cyrillic \u0435 last mixes the alphabets as 'D\u0435epState' does."""
    from claims_cli.models import mixed_script_words

    assert mixed_script_words(name, declined=False) == words
    assert mixed_script_words(f"\u0437 {name}") == (words if name.startswith("D\u0435") else [])


def test_an_unknown_category_close_to_a_known_one_is_asked_about_first():
    """(new-user pass) `--category logistic`, with `logistics` known, was told to add `logistic`."""
    from claims_cli.models import clean_category

    with pytest.raises(InvalidValue) as info:
        clean_category("logistic", [*DEFAULT_CATEGORIES, "logistics"])
    assert info.value.hint == "Did you mean logistics? Else add it first: `claims categories add logistic`"
    with pytest.raises(InvalidValue) as info:
        clean_category("drones", DEFAULT_CATEGORIES)
    assert info.value.hint == "Add it first: `claims categories add drones`"


@pytest.mark.parametrize("one, other, same", [
    ("https://Example.org/x", "https://example.org/x/", True), ("HTTPS://EXAMPLE.ORG/x", "https://example.org/x", True),
    ("https://example.org/x", "https://example.org/X", False),
    # (review) the query of a link without a path is its own: not lowercased with the host
    ("https://example.org?v=AbC1", "https://EXAMPLE.org?v=abc1", False),
    ("https://example.org?v=AbC1", "https://EXAMPLE.org?v=AbC1", True),
    ("https://example.org#Top", "https://example.org#top", False),
])
def test_a_link_is_the_same_written_with_its_scheme_and_host_in_another_case(one, other, same):
    from claims_cli.models import link_key

    assert (link_key(one) == link_key(other)) is same


@pytest.mark.parametrize("one, other, same", [
    ("http://x.example/v/1", "https://x.example/v/1", True), ("HTTP://X.example/v/1/", "https://x.example/v/1", True),
    ("http://x.example/v/1", "https://x.example/v/2", False),
    ("http://www.x.example/v/1", "https://x.example/v/1", True),  # (www. aside: `page_key` below)
    ("ftp://x.example/v/1", "https://x.example/v/1", False),
])
def test_a_cited_page_is_the_same_linked_by_http_or_https(one, other, same):
    """(tester) One clip linked by http and by https was two links to the evidence warnings (one
    report of it twice, an item citing the claim's own link): a page served both ways is one. A
    claim's links keep their writing (`link_key`): an edit to https mends the stored http."""
    from claims_cli.models import link_key, page_key

    assert (page_key(one) == page_key(other)) is same
    assert link_key("http://x.example/v/1") != link_key("https://x.example/v/1")


@pytest.mark.parametrize("one, other, same", [
    # a leading www., and the mobile host of a few sites (the app's share button, a phone's copy)
    ("https://www.reuters.com/world/europe/tuapse-2025-12-07/", "https://reuters.com/world/europe/tuapse-2025-12-07",
     True),
    ("https://WWW.Reuters.com/a", "https://reuters.com/a", True), ("https://www.x.example", "https://x.example/", True),
    ("https://m.facebook.com/story.php?id=1", "https://www.facebook.com/story.php?id=1", True),
    ("https://mobile.twitter.com/rybar/status/1", "https://x.com/rybar/status/1", True),
    ("https://m.youtube.com/watch?v=AbC1", "https://www.youtube.com/watch?v=AbC1", True),
    ("https://m.vk.com/wall-1_2", "https://vk.com/wall-1_2", True),
    ("https://uk.m.wikipedia.org/wiki/Tuapse", "https://uk.wikipedia.org/wiki/Tuapse", True),
    ("https://m.example.org/a", "https://example.org/a", False),  # (another site's m. may be another page)
    ("https://www.example.org/a", "https://www.example.org/b", False),
    ("https://www.org/a", "https://org/a", False),  # (a host that is www. and a top-level name)
    # tracking parameters aside; every other parameter kept, in its order
    ("https://www.reuters.com/world/europe/tuapse-2025-12-07/?utm_source=twitter",
     "https://reuters.com/world/europe/tuapse-2025-12-07", True),
    ("https://a.example/x?utm_source=tg&utm_medium=social&UTM_Campaign=y", "https://a.example/x", True),
    ("https://a.example/x?fbclid=IwAR1&id=7", "https://a.example/x?id=7", True),
    ("https://a.example/x?id=7&gclid=Cj0&igshid=MzRl", "https://a.example/x?id=7", True),
    ("https://www.instagram.com/p/Cx1/?igsh=MzRl", "https://instagram.com/p/Cx1", True),
    ("https://a.example/x?id=7#part", "https://a.example/x?fbclid=1&id=7#part", True),
    ("https://a.example/x?utm_source=tg#part", "https://a.example/x#part", True),
    ("https://a.example/x?id=7&page=2", "https://a.example/x?page=2&id=7", False),  # (order kept)
    ("https://a.example/x?id=7", "https://a.example/x?id=8", False),
    ("https://a.example/x?si=1", "https://a.example/x", False),  # (si is a share's only on a few sites)
    ("https://a.example/x?utm=1", "https://a.example/x", False),  # (utm_* only)
    ("https://a.example/x?s=20&t=abc", "https://a.example/x", False),
    ("https://a.example/x?ref_src=tw", "https://a.example/x", False),
    # YouTube: youtu.be/ID is youtube.com/watch?v=ID; its share's si= (and feature=) aside, t= kept
    ("https://youtu.be/AbC1", "https://www.youtube.com/watch?v=AbC1", True),
    ("https://youtu.be/AbC1?si=Qx9", "https://youtube.com/watch?v=AbC1", True),
    ("https://youtu.be/AbC1?t=30", "https://youtube.com/watch?v=AbC1&t=30", True),
    ("https://youtu.be/AbC1?si=Qx9&t=30", "https://m.youtube.com/watch?v=AbC1&t=30&si=Zz", True),
    ("https://www.youtube.com/watch?v=AbC1&feature=youtu.be", "https://youtu.be/AbC1/", True),
    ("https://youtu.be/AbC1", "https://youtube.com/watch?v=abc1", False),  # (an ID's case is its own)
    ("https://youtu.be/AbC1", "https://youtube.com/watch?v=AbC1&t=30", False),
    ("https://youtu.be/AbC1", "https://youtu.be/AbC2", False),
    ("https://open.spotify.com/episode/7x?si=a1", "https://open.spotify.com/episode/7x", True),
    # X: twitter.com is x.com; a share's s=, t=, ref_src= and ref_url= aside
    ("https://twitter.com/rybar/status/1", "https://x.com/rybar/status/1", True),
    ("https://x.com/rybar/status/1?s=20&t=AbCd", "https://twitter.com/rybar/status/1", True),
    ("https://twitter.com/rybar/status/1?ref_src=twsrc%5Etfw&ref_url=https%3A%2F%2Fa.example",
     "https://x.com/rybar/status/1", True),
    ("https://x.com/rybar/status/1", "https://x.com/rybar/status/2", False),
    # (review) a link ending in a bare "?" (cut from a longer one) is the page without it
    ("https://x.com/rybar/status/1?", "https://x.com/rybar/status/1", True),
    ("https://a.example/news/1/?", "https://a.example/news/1", True),
    ("https://a.example/news?&id=1&", "https://a.example/news?id=1", True),
    ("https://x.com/search?q=kupiansk&src=typed", "https://x.com/search?q=kupiansk", False),
    # Telegram: the web preview t.me/s/CHANNEL/N is the post t.me/CHANNEL/N
    ("https://t.me/s/rybar/123", "https://t.me/rybar/123", True),
    ("https://t.me/s/rybar", "https://t.me/rybar", True),
    ("https://t.me/s/", "https://t.me", True),  # (review: the preview's start page, the loose key too)
    ("https://t.me/s/rybar/123", "https://t.me/rybar/124", False),
    # its "Copy Post Link" of a post with photos or videos adds ?single: the post itself; a comment is
    # another text
    ("https://t.me/rybar/123?single", "https://t.me/rybar/123", True),
    ("https://t.me/s/rybar/75210", "https://t.me/rybar/75210?single", True),
    ("https://t.me/rybar/123?single&utm_source=tg", "https://www.t.me/rybar/123/", True),
    ("https://t.me/rybar/123?single&comment=5", "https://t.me/rybar/123?comment=5", True),
    ("https://t.me/rybar/123?comment=5", "https://t.me/rybar/123", False),
    ("https://t.me/rybar/123?single", "https://t.me/rybar/124", False),
    ("https://a.example/x?single", "https://a.example/x", False),  # (Telegram's only)
    ("https://example.org/s/rybar/123", "https://example.org/rybar/123", False),
])
def test_a_cited_page_is_the_same_in_its_ordinary_writings(one, other, same):
    """(analyst pass) One Reuters report cited as https://www.reuters.com/...-07/ and as
    https://reuters.com/...-07, or with ?utm_source=twitter, went unsaid by the evidence warnings (a
    report recorded twice, an item citing the claim's own link). A page's ordinary writings are one."""
    from claims_cli.models import loose_page_key, page_key

    assert (page_key(one) == page_key(other)) is same, (page_key(one), page_key(other))
    if same:  # (an import's cheap key tells no such pair apart)
        assert loose_page_key(one) == loose_page_key(other)


def test_a_claim_s_links_keep_their_writing_however_the_warnings_compare_them():
    """`link_key` (whether an edit changes a claim's links) is untouched: a www. or a tracking
    parameter taken off is a change an edit makes."""
    from claims_cli.models import link_key

    assert link_key("https://www.a.example/x") != link_key("https://a.example/x")
    assert link_key("https://a.example/x?utm_source=tg") != link_key("https://a.example/x")
    assert link_key("https://youtu.be/AbC1") != link_key("https://youtube.com/watch?v=AbC1")


@pytest.mark.parametrize("value", [None, 7, "", "https://", "https://?utm_source=x", "https://youtu.be",
                                   "https://youtu.be/", "https://youtu.be/a/b", "https://t.me/s/", "ftp://www.a.example/x",
                                   "https://user@www.a.example:8443/x?utm_source=1&&=2&a", "https://a.example/x?&utm_source"])
def test_a_page_key_of_any_value_a_hand_edit_may_leave_is_given(value):
    """Whatever a hand-edited database holds as an item's URL, page_key answers (no exception): a
    text as a text, anything else as it is."""
    from claims_cli.models import page_key

    key = page_key(value)
    assert type(key) is str if type(value) is str else key is value


@pytest.mark.parametrize("typed, offered", [
    ("IWS", "ISW"), ("ISV", "ISW"), ("SIW", "ISW"), ("PA", "AP"), ("Telegarm", "Telegram"),
    ("Reuter", "Reuters"), ("Минобороны", "Russian MoD (russia, as Минобороны России)"), ("Deepstat", "DeepState"),
    ("The Telegraph", None), ("Kremlin", None), ("RT", None), ("Rybar", None),
    ("ISWW", "ISW"), ("ISWs", "ISW"), ("APP", "AP"), ("MoDD", "Russian MoD (russia, as MoD)"), ("IS", "ISW"),
    # (the side of a name that says a country the typed one does not: see below)
    ("Миноборони", "Russian MoD (russia, as Минобороны России)"),
    ("Мінобороны", "Russian MoD (russia, as Минобороны России)"),
    ("AFP", "AP"),  # (one letter added: no other side's)
    ("Telegraph", None),  # (article hunt: a newspaper of its own, two letters from the milbloggers)
])
def test_an_unknown_source_is_offered_a_name_it_is_a_slip_of(typed, offered):
    """(review) At difflib's 0.8 alone, a slip in a short name ("IWS", "PA", "ISWW") was offered
    nothing, as a first word of a longer name ("Минобороны", "Миноборони"); at 0.5, "The Telegraph"
    was offered Telegram."""
    with pytest.raises(NotFound) as info:
        REGISTRY.get(typed)
    if offered is None:
        assert "Did you mean" not in info.value.hint, info.value.hint
    else:
        assert info.value.hint.startswith(f"Did you mean: {offered}?"), info.value.hint


def test_two_slips_are_offered_only_in_a_long_name():
    """(article hunt) "Telegraph" was offered Telegram, the Russian milbloggers (difflib's 0.82):
    another newspaper, two letters off. Two slips are read as slips in a name of ten letters or more."""
    from claims_cli.models import slips_of

    assert slips_of("black brid grup", ["Black Bird Group", "Telegram"]) == ["Black Bird Group"]
    assert slips_of("general staf", ["General Staff"]) == ["General Staff"]
    assert slips_of("telegraph", ["Telegram", "Black Bird Group"]) == []
    assert slips_of("telegraf", ["Telegram"]) == ["Telegram"]  # (one letter changed: a slip)


def test_a_name_spelled_as_another_language_writes_it_is_offered_that_name_first():
    """(seed review) "Telegraf", The Telegraph as Russian or German spell it, was offered only
    Telegram, the Russian milbloggers: taken, an independent paper's claim filed under Russia."""
    from claims_cli.models import slips_of

    assert slips_of("telegraf", ["Telegram", "Telegraph"]) == ["Telegraph", "Telegram"]
    registry = SourceRegistry([*REGISTRY, Source("The Telegraph", "independent", "media", aliases=["Telegraph"])])
    with pytest.raises(NotFound) as info:
        registry.get("Telegraf")
    assert info.value.hint.startswith("Did you mean: The Telegraph, Telegram?"), info.value.hint
    # (review) and as the desk named it, the paper's own "The": no alias needed
    registry = SourceRegistry([*REGISTRY, Source("The Telegraph", "independent", "media")])
    for typed in ("Telegraf", "Telegraph", "the telegraf"):
        with pytest.raises(NotFound) as info:
            registry.get(typed)
        assert info.value.hint.startswith("Did you mean: The Telegraph"), (typed, info.value.hint)


@pytest.mark.parametrize("name, countries", [
    ("Russian General Staff", {"russia"}), ("Ukrainian General Staff", {"ukraine"}), ("Ukraine", {"ukraine"}),
    ("DeepState UA", {"ukraine"}), ("МО РФ", {"russia"}), ("Минобороны России", {"russia"}), ("Генштаб ЗСУ", {"ukraine"}),
    ("Генштаб ВСУ", {"ukraine"}), ("Міноборони України", {"ukraine"}), ("российские военкоры", {"russia"}),
    ("Russia's MoD", {"russia"}), ("UK Ministry of Defence", {"uk"}), ("British MoD", {"uk"}), ("U.S. DoD", {"us"}),
    ("Belarusian MoD", {"belarus"}), ("Ministry of Defence", set()), ("MoD", set()), ("Telegram", set()),
    ("Russia-Ukraine monitor", {"russia", "ukraine"}), ("Rusich", set()), ("Ukrinform", set()),
    # (review) a country word with a slip in it, of five letters or more, says that country
    ("Rusian General Staff", {"russia"}), ("Russain General Staff", {"russia"}), ("Rusia", {"russia"}),
    ("Ukranian milbloggers", {"ukraine"}), ("Ukrainain MoD", {"ukraine"}), ("Minobrony Rossi", {"russia"}),
    ("Kremlin", {"russia"}), ("Kremlin General Staff", {"russia"}), ("UA milbloggers", {"ukraine"}),
    ("Rusich", set()), ("Russ", set()), ("Grusha", set()), ("Ukr", set()),
])
def test_the_country_a_source_s_name_says_is_read_from_a_small_list_of_words(name, countries):
    from claims_cli.models import name_countries

    assert name_countries(name) == countries


@pytest.mark.parametrize("typed, offered", [
    # (data-entry review) another side's source is never offered: the analyst taking the hint files a
    # Russian claim under Ukraine
    ("Russian General Staff", None), ("Ukrainian milbloggers", None), ("UK Ministry of Defence", None),
    ("Ukrainian defence ministry", None),
    # (review) nor where the country word has a slip in it
    ("Rusian General Staff", None), ("Russain General Staff", None), ("Kremlin General Staff", None),
    ("Ukranian milbloggers", None),
    # a country the typed name says, the known name agreeing: offered as before
    ("Ukrainian Generl Staff", "Ukraine (as Ukrainian General Staff)"), ("Генштаб ВСУ", "Ukraine (as Генштаб ЗСУ)"),
    ("Russian milblogers", "Telegram (as Russian milbloggers)"),
    ("Russain MoD", "Russian MoD"),  # (review: "Russain" says Russia, a slip of the word, as the MoD does)
    # a name that says no country offered one that says one: offered, with its side said
    ("Ministry of Defence", "Russian MoD (russia, as Russian Ministry of Defence)"),
    ("MoDD", "Russian MoD (russia, as MoD)"),
    ("Минобороны", "Russian MoD (russia, as Минобороны России)"),
    # and the other way: a typed country the known name lacks; DeepState's UA is another country than RU
    ("DeepState RU", "DeepState (ukraine)"),
    # no country either side: as before
    ("Telegarm", "Telegram"), ("IWS", "ISW"),
])
def test_an_unknown_source_is_never_offered_the_other_side_s_and_a_side_it_does_not_say_is_said(typed, offered):
    """(data-entry review) "Russian General Staff" was offered "Ukraine (as Ukrainian General Staff)",
    "Ministry of Defence" (a UK MoD update) "Russian MoD" unsaid as Russia's: taken, the claim is
    filed under the wrong side, which reverses how the rule weighs all its evidence."""
    with pytest.raises(NotFound) as info:
        REGISTRY.get(typed)
    if offered is None:
        assert "Did you mean" not in info.value.hint, info.value.hint
    else:
        assert info.value.hint.startswith(f"Did you mean: {offered}?"), info.value.hint


def test_a_known_name_saying_no_country_is_offered_to_one_that_says_one_with_its_side():
    registry = SourceRegistry([*REGISTRY, Source("Black Bird Group", "independent", "osint"),
                               Source("GRU", "russia", "official")])
    with pytest.raises(NotFound) as info:
        registry.get("UA Black Bird Group")
    assert info.value.hint.startswith("Did you mean: Black Bird Group (independent)?"), info.value.hint
    with pytest.raises(NotFound) as info:  # (Ukraine's military intelligence, two letters swapped from Russia's)
        registry.get("GUR")
    assert "Did you mean" not in info.value.hint, info.value.hint
    # (the other side's is left out before the three closest are taken: the agreeing ones still fill them)
    registry = SourceRegistry([Source(name, "unknown", "official") for name in ("US Unit 10", "UK Unit 10",
                                                                                 "USA Unit 10")]
                              + [Source("UA Unit 11", "ukraine", "official")])
    with pytest.raises(NotFound) as info:
        registry.get("UA Unit 10")
    assert info.value.hint.startswith("Did you mean: UA Unit 11?"), info.value.hint


def test_a_short_first_word_of_a_source_is_offered_it():
    """(review) "Kyiv" of "Kyiv Independent", "Два" of "Два майора": short words got nothing."""
    registry = SourceRegistry([*REGISTRY, Source("Kyiv Independent", "independent", "media"),
                               Source("Два майора", "russia", "social")])
    for typed, offered in (("Kyiv", "Kyiv Independent"), ("Два", "Два майора")):
        with pytest.raises(NotFound) as info:
            registry.get(typed)
        assert info.value.hint.startswith(f"Did you mean: {offered}?"), info.value.hint


@pytest.mark.parametrize("tag, key", [("##kupiansk", "kupiansk"), ("＃kupiansk", "kupiansk"), ("﹟Kupiansk", "kupiansk"),
                                      ("# # kupiansk", "kupiansk"), ("#", "#"), ("##", "##"), ("＃", "＃"),
                                      ("x#y", "x#y")])
def test_a_tag_compares_without_every_leading_hash_full_width_too(tag, key):
    """(left from a tag hunt) Only one leading '#' was aside: '##kupiansk' and a full-width
    '＃kupiansk' (a CJK or phone keyboard's) were tags that `--tag kupiansk` did not find. Hashes
    alone stay a tag of their own."""
    from claims_cli.models import tag_key

    assert tag_key(tag) == key


@pytest.mark.parametrize("typed, hint", [("strik\u0435", "Did you mean strike, in Latin letters?"),
                                         ("#logistics", "Did you mean logistics?"),
                                         ("Air Defence", "Did you mean air-defence?")])
def test_a_category_no_slug_is_still_offered_the_one_it_is_near(typed, hint):
    """(fields hunt) A typed category that is no category word (a Cyrillic е in 'strike', a '#', a
    space) said only "unknown; known: ...", where `list --category` offered the one meant (glyph
    hunt: the Cyrillic е is named, and the one meant is said to be in Latin letters)."""
    from claims_cli.models import InvalidValue, clean_category

    with pytest.raises(InvalidValue) as raised:
        clean_category(typed, ["territorial", "strike", "logistics", "air-defence", "other"])
    assert raised.value.hint == hint
    assert ("(its Cyrillic \u0435 only looks Latin)" in raised.value.message) == (typed == "strik\u0435")


@pytest.mark.parametrize("tag", ["＃kharkiv ＃kupiansk", "#kharkiv ＃kupiansk", "﹟kharkiv #kupiansk"])
def test_full_width_hashtags_separated_by_spaces_are_said_as_hashtags(tag):
    """(review) tag_key sets a full-width '＃' aside as '#', but the hashtags-in-one-tag warning knew
    '#' alone: '＃kharkiv ＃kupiansk' was one tag, unsaid, that `--tag kharkiv` does not find."""
    from claims_cli.models import hashtag_tags

    assert hashtag_tags([tag]) == [tag]


@pytest.mark.parametrize("text, number", [
    ("C-0001", 1), ("C-0042", 42), ("C-12345", 12345), ("C-999999999", 999_999_999), ("C-0000000001", 1),
    ("C-00000000042", 42), ("c-0042", 42), ("C0042", 42), ("42", 42), (" C-0042 ", 42), ("C-0042\n", 42),
    ("C\u20110042", 42), ("\u0421-0042", 42), ("C-\u0661\u0662", 12), ("\uff23-0042", 42),
    ("C-1000000000", None), ("C-0000", None), ("C-", None), ("C-12a4", None), ("C-+42", None), ("C- 42", None),
    ("C-4_2", None), ("E-0042", None)])
def test_a_claim_id_is_read_alike_as_stored_or_as_typed(text, number):
    """(perf) An ID as it is stored (C- and its digits) is read without the regex; every form reads as
    the regex reads it, and what it refuses is still refused."""
    from claims_cli.models import claim_number

    if number is None:
        with pytest.raises(InvalidValue):
            claim_number(text)
    else:
        assert claim_number(text) == number


@pytest.mark.parametrize("typed", ["(48.28, 37.18)", "[48.28,37.18]", " (48.28 N, 37.18 E) "])
def test_a_point_in_brackets_as_a_map_or_a_script_prints_it_is_read(typed):
    """(analyst pass) A point copied as a tuple or a list prints it, "(48.28, 37.18)", was refused:
    "lat '(48.28' is not a number". The brackets around the pair are no part of it."""
    from claims_cli.models import parse_coords

    assert parse_coords(typed) == (48.28, 37.18)


@pytest.mark.parametrize("typed", ["(48.28, 37.18", "48.28), (37.18", "()"])
def test_brackets_that_do_not_wrap_the_pair_are_still_refused(typed):
    from claims_cli.models import parse_coords

    with pytest.raises(InvalidValue):
        parse_coords(typed)


@pytest.mark.parametrize("writings", [
    ("Kupiansk", "Kupyansk", "Куп'янськ", "Купянск", "Kup'yans'k", "KUPIANSK"),
    ("Pokrovsk", "Покровськ", "Покровск", "Pokrovs'k"),
    ("Hulyaipole", "Гуляйполе", "Gulyaypole"),  # (Г is H in Ukrainian, G in Russian)
    ("Toretsk", "Торецьк", "Торецк"),
    ("Kharkiv", "Харків"),
    # (review: a final y kept as a plural's parted these, the press's -sky from -ський: reverted, so
    # Lyman and Lymany, two places, meet again, which costs a note, where a note missed costs claims)
    ("Pervomaisky", "Pervomaiskyi", "Первомайський", "Первомайский"),
    ("Mirny", "Мирный", "Myrnyi"),
])
def test_the_writings_of_one_place_meet_under_same_place_key(writings):
    """(review) `list --place Pokrovsk` found 24 claims and left out, unsaid, 36 under Покровськ."""
    from claims_cli.models import same_place_key

    assert len({same_place_key(writing) for writing in writings}) == 1, [same_place_key(w) for w in writings]


@pytest.mark.parametrize("one, other", [
    ("Ivanivka", "Ivanovka"), ("Novoselivka", "Novosilka"), ("Pokrovsk", "Pokrovske"),
    ("Kupiansk", "Kupiansk-Vuzlovyi"),
    ("Siversk", "Sivers'kyi Donets"),
])
def test_two_places_stay_apart_under_same_place_key(one, other):
    from claims_cli.models import same_place_key

    assert same_place_key(one) != same_place_key(other)


@pytest.mark.parametrize("writings", [
    ("Donetsk", "Donetsk Oblast", "Донецька область", "Донецкая область", "Донецька обл.", "Donets'ka oblast'"),
    ("Kharkiv", "Kharkiv Oblast", "Харківська область", "Kharkivska oblast"),
    ("Luhansk", "Луганська область", "Луганская область"),
    ("Kherson", "Херсонська область", "Херсонская область"),
    ("Sumy", "Сумська область", "Сумская область"),
])
def test_the_writings_of_one_region_meet_under_same_region_key(writings):
    from claims_cli.models import same_region_key

    assert len({same_region_key(writing) for writing in writings}) == 1, [same_region_key(w) for w in writings]


@pytest.mark.parametrize("one, other", [
    ("Donetsk", "Donets"), ("Donetsk Oblast", "Luhansk Oblast"), ("Kharkiv", "Kherson"), ("Sumy", "Sambir"),
])
def test_two_regions_stay_apart_under_same_region_key(one, other):
    from claims_cli.models import same_region_key

    assert same_region_key(one) != same_region_key(other)


@pytest.mark.parametrize("typed", ["t.me/rybar/123", "www.example.com/x", "deepstatemap.live/en#8/48.3/37.2"])
def test_a_link_copied_without_its_scheme_is_offered_with_https(typed):
    """(analyst pass) A link as a share button or the address bar copies it ("t.me/rybar/123") was
    refused as "not an http(s) address" with no more than that URLs must start so."""
    from claims_cli.models import clean_url

    with pytest.raises(InvalidValue) as caught:
        clean_url(typed)
    assert caught.value.hint == f"Did you mean https://{typed}?", caught.value.hint


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "ftp://example.com/x", "see the post", "rybar"])
def test_a_value_that_is_no_link_is_offered_none(typed):
    from claims_cli.models import clean_url

    with pytest.raises(InvalidValue) as caught:
        clean_url(typed)
    assert "Did you mean" not in (caught.value.hint or ""), caught.value.hint
