"""Names in a sentence, and which of them the cited text does not give.

Every sentence here is invented; none is taken from a corpus or the web.
"""

from __future__ import annotations

import pytest

from briefing.text.name_runs import names_in
from briefing.text.names import missing_names

# --- names in a sentence ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # titles, particles, hyphens and apostrophes
        ("Mayor Elena Rusk opened the Harl Bridge on Monday.", ["Mayor Elena Rusk", "Harl Bridge"]),
        ("He met Treasury Secretary Rita Vance in Geneva.", ["Treasury Secretary Rita Vance", "Geneva"]),
        ("Dr Amara Okafor-Lind arrived late.", ["Dr Amara Okafor-Lind"]),
        ("Mr Ek and Ms Nair met at noon.", ["Mr Ek", "Ms Nair"]),
        ("The Bank of England held rates.", ["Bank of England"]),
        ("Ursula von der Leyen spoke first.", ["Ursula von der Leyen"]),
        ("Ana de la Cruz spoke.", ["Ana de la Cruz"]),
        ("Seán O'Brien scored twice.", ["Seán O'Brien"]),
        ("The O'Neill-Baptiste family left.", ["O'Neill-Baptiste"]),
        ("Lindqvist-Hart said it would rain.", ["Lindqvist-Hart"]),
        ("Coca-Cola shares rose.", ["Coca-Cola"]),
        ("Kim Jong Un arrived.", ["Kim Jong Un"]),
        # possessives end a name and are kept as written
        ("Rusk's plan passed.", ["Rusk's"]),
        ("In March, the Marrowick Fishers' Association met.", ["Marrowick Fishers' Association"]),
        # acronyms
        ("The U.S. imposed tariffs.", ["U.S."]),
        ("NATO and the EU agreed.", ["NATO", "EU"]),
        ("The head of the IMF spoke.", ["IMF"]),
        ("The Harl-Vale Energy Company (HVEC) grew.", ["Harl-Vale Energy Company", "HVEC"]),
        # capitalised words that are not names: openers, months, weekdays, "I"
        ("Additionally, the council voted.", []),
        ("However, Priya Nair disagreed.", ["Priya Nair"]),
        ("Villagers protested in Marrowick.", ["Marrowick"]),
        ("Officials in Dunmere said so.", ["Dunmere"]),
        ("Fishing resumed off Tarrow Point.", ["Tarrow Point"]),
        ("Speaking on Friday, Nair said no.", ["Nair"]),
        ("Police closed the Tarrow Road.", ["Tarrow Road"]),
        ("Construction began in April.", []),
        ("Quickly, the crew left.", []),
        ("Her party won.", []),
        ("Analysts expect growth.", []),
        ("On Tuesday Marta Ek won.", ["Marta Ek"]),
        ("I think Harl Town will win.", ["Harl Town"]),
        ("Lisbon hosted the talks.", ["Lisbon"]),  # a name that opens a sentence is still a name
        ("The mayor of Dunmere, Tomas Lind, resigned.", ["Dunmere", "Tomas Lind"]),
        ("Elena Rusk - the mayor - resigned.", ["Elena Rusk"]),
        ("“Nobody expected this,” said Omar Sayed.", ["Omar Sayed"]),
        ("She told The Dunmere Gazette: “We will rebuild.”", ["Dunmere Gazette"]),
        ("Omar Sayed, 54, said: “Harl Road is shut.”", ["Omar Sayed", "Harl Road"]),
        pytest.param(
            "eBay grew.",
            ["eBay"],
            marks=pytest.mark.xfail(reason="documented limit: a name in lowercase is not seen", strict=True),
        ),
        pytest.param(
            "Jones said the plan failed.",
            ["Jones"],
            marks=pytest.mark.xfail(
                reason="documented limit: a first word ending in -s is taken for a plural, not a name",
                strict=True,
            ),
        ),
        ("Dr. Amara Okafor-Lind arrived late.", ["Dr. Amara Okafor-Lind"]),  # a title's full stop
        ("J. R. Tolland wrote the report.", ["J. R. Tolland"]),  # initials with full stops
        ("Gen. Mark Ek and Sen. Rita Vance met.", ["Gen. Mark Ek", "Sen. Rita Vance"]),
        ("They chose Plan B. Then it ended.", ["Plan B"]),  # an initial inside a name ends it
        pytest.param(
            "Heavy rain hit Dunmere.",
            ["Dunmere"],
            marks=pytest.mark.xfail(
                reason="a common adjective opening a sentence is taken as a name: 'Heavy'", strict=True
            ),
        ),
    ],
)
def test_names_in(sentence: str, expected: list[str]) -> None:
    assert names_in(sentence) == expected


# --- names the cited text lacks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cited", "expected"),
    [
        # the same person, named more or less fully
        ("Mayor Elena Rusk opened the bridge.", ["Elena Rusk, the mayor, opened the bridge."], []),
        # abbreviated titles stand for the full ones, both ways
        ("Det Supt Ines Varga spoke.", ["Detective Superintendent Ines Varga spoke."], []),
        ("Detective Superintendent Ines Varga spoke.", ["Det Supt Ines Varga spoke."], []),
        ("Det Supt Ines Varga spoke.", ["Detective Inspector Ines Varga spoke."], ["Det Supt Ines Varga"]),
        # an acronym the text spells out, and acronyms of common nouns
        (
            "The Harl Pay IPO raised 1.1 billion crowns.",
            ["Harl Pay's initial public offering raised it."],
            [],
        ),
        ("The KTA approved the listing.", ["The Kellan Trade Authority approved it."], []),
        ("The KTA approved the listing.", ["The Kellan Tax Office approved it."], ["KTA"]),
        ("GDP grew 0.3% in Corvania.", ["Corvania's economy grew 0.3%."], []),
        ("The NRC approved it.", ["The regulator approved it."], ["NRC"]),
        # a number word opening the sentence is not part of the name
        ("Eight Blue Line stations closed.", ["Eight stations on the Blue Line closed."], []),
        ("Rusk opened the bridge.", ["Mayor Elena Rusk opened the bridge."], []),
        ("Rusk's plan passed.", ["Elena Rusk's plan passed."], []),
        ("The deal, Rusk said, is done.", ["Elena Rusk said so."], []),
        ("Ms Nair spoke.", ["Priya Nair spoke."], []),
        ("Dr Omar Sayed spoke.", ["Omar Sayed spoke."], []),
        ("Mr. Ek spoke.", ["Mr Ek spoke."], []),
        ("E. Rusk opened it.", ["Elena Rusk opened it."], []),  # an initial
        ("J. R. Tolland wrote it.", ["Jane Rae Tolland wrote it."], []),
        ("Omar Sayed spoke.", ["omar sayed spoke."], []),  # case is ignored
        ("Ann O'Neill spoke.", ["Ann O’Neill spoke."], []),  # either apostrophe
        ("Ana de la Cruz spoke.", ["Ana de la Cruz spoke."], []),
        ("Ann Vale spoke.", ["Ann Vale-Ek spoke."], []),
        ("Treasury Secretary Rita Vance spoke.", ["Rita Vance, the treasury secretary, spoke."], []),
        ("Elena Rusk met Tomas Lind.", ["Elena Rusk met Tomas Lind."], []),
        ("Rusk met Lind.", ["Elena Rusk met Tomas Lind."], []),
        # someone else, or a name mixed from two people
        ("Ivo Brandt praised the plan.", ["The mayor praised the plan."], ["Ivo Brandt"]),
        ("Elena Lind opened the bridge.", ["Elena Rusk and Tomas Lind opened the bridge."], ["Elena Lind"]),
        ("Priya Nair spoke.", ["Nair spoke."], ["Priya Nair"]),
        ("Sayed Omar spoke.", ["Omar Sayed spoke."], ["Sayed Omar"]),
        ("Ann Vale-Ek spoke.", ["Ann Vale spoke."], ["Ann Vale-Ek"]),
        ("J. R. Tolland wrote it.", ["Jane Rae Ostrow wrote it."], ["J. R. Tolland"]),
        ("The deal, Sayed said, is done.", ["Elena Rusk said so."], ["Sayed"]),
        ("Lisbon hosted it.", ["Madrid hosted it."], ["Lisbon"]),
        # places and organisations, in parts
        ("Elena Rusk of Marrowick spoke.", ["Elena Rusk spoke. Marrowick is a town."], []),
        ("Elena Rusk of Dunmere spoke.", ["Elena Rusk spoke in Marrowick."], ["Dunmere"]),
        ("In Harl Vale, Nair won.", ["Nair won in Harl Vale."], []),
        ("Dunmere's mayor spoke.", ["The mayor of Dunmere spoke."], []),
        ("The Harl Bridge opened.", ["The bridge at Harl opened."], ["Harl Bridge"]),
        ("The Dunmere Gazette reported it.", ["The Gazette in Dunmere reported it."], ["Dunmere Gazette"]),
        ("The Unions protested.", ["Union leaders protested."], []),  # a plural of a word in the text
        # aliases, acronyms and demonyms
        ("The U.S. imposed tariffs.", ["The US imposed tariffs."], []),
        ("The US imposed tariffs.", ["The United States imposed tariffs."], []),
        ("America imposed tariffs.", ["The US imposed tariffs."], []),
        ("The UN agreed.", ["The United Nations agreed."], []),
        ("The United Kingdom agreed.", ["Britain agreed."], []),
        ("The US imposed tariffs.", ["He said us and them."], ["US"]),  # "us" is not "US"
        ("Chinese exporters complained.", ["Exporters in China complained."], []),
        ("French farmers protested.", ["Farmers in France protested."], []),
        ("Scottish fishers agreed.", ["Fishers in Scotland agreed."], []),
        ("Norwegian fishers agreed.", ["Fishers in Sweden agreed."], ["Norwegian"]),
        # a country for its people's adjective, listed or by its stem
        ("The group is based in the Netherlands.", ["The Dutch-based group agreed."], []),
        ("The group is based in Germany.", ["The German group agreed."], []),
        ("The group is based in Canada.", ["The Canadian group agreed."], []),
        ("The group is based in Austria.", ["The German group agreed."], ["Austria"]),
        ("The group is based in Germany.", ["The Germanic group agreed."], ["Germany"]),
        # roles: swapped titles, "former" and "deputy" dropped
        (
            "Mayor Vance opened it.",
            ["Mayor Tomas Lind and Treasury Secretary Rita Vance attended."],
            ["Mayor Vance"],
        ),
        ("Mayor Kell Arno spoke.", ["Former mayor Kell Arno spoke."], ["former mayor"]),
        ("Former mayor Kell Arno spoke.", ["Former mayor Kell Arno spoke."], []),
        (
            "Secretary Rita Vance spoke.",
            ["Deputy Secretary Rita Vance spoke."],
            ["Deputy Secretary Rita Vance"],
        ),
        (
            "Secretary Rita Vance spoke.",
            ["Acting Secretary Rita Vance spoke."],
            ["Acting Secretary Rita Vance"],
        ),
        ("Secretary Vance spoke.", ["Deputy Secretary Rita Vance spoke."], []),  # only a name right after
        ("Dr. Amara Okafor-Lind arrived.", ["Amara Okafor-Lind arrived."], []),
        ("Mr. Ek spoke.", ["Lars Ek spoke."], []),
        ("Dr. Amara Okafor-Lind arrived.", ["Amara Okafor arrived."], ["Amara Okafor-Lind"]),
        pytest.param(
            "Heavy rain hit Dunmere.",
            ["Rain hit Dunmere."],
            [],
            marks=pytest.mark.xfail(
                reason="a common adjective opening a sentence is reported as a name: ['Heavy']", strict=True
            ),
        ),
        pytest.param(
            "Jones said no.",
            ["Smith said no."],
            ["Jones"],
            marks=pytest.mark.xfail(
                reason="documented limit: a first word ending in -s is taken for a plural, not a name",
                strict=True,
            ),
        ),
    ],
)
def test_missing_names(sentence: str, cited: list[str], expected: list[str]) -> None:
    assert missing_names(sentence, cited) == expected


@pytest.mark.parametrize(
    ("skip", "expected"),
    [
        ((), ["Omar Sayed"]),
        (((0, 10),), []),  # a quotation or a span already checked elsewhere
        (((15, 25),), ["Omar Sayed"]),
    ],
)
def test_missing_names_outside_the_skipped_spans(
    skip: tuple[tuple[int, int], ...], expected: list[str]
) -> None:
    assert missing_names("Omar Sayed met Priya Nair.", ["Priya Nair attended."], skip=skip) == expected


def test_a_relative_named_by_first_name_takes_the_family_surname() -> None:
    text = ["Outside court, Mr Corrin's mother, Elspeth, said the family was devastated."]
    assert missing_names("Elspeth Corrin said the family was devastated.", text) == []
    # Another surname, or a first name the text gives no relative of that family, still fails.
    assert missing_names("Elspeth Marr said the family was devastated.", text) == ["Elspeth Marr"]
    assert missing_names("Fiona Corrin said the family was devastated.", text) == ["Fiona Corrin"]


def test_a_temperature_scale_is_no_name() -> None:
    text = ["Temperatures are expected to reach 36C in Orrel on Thursday."]
    assert missing_names("Orrel may see 36 degrees Celsius on Thursday.", text) == []
    assert missing_names("Orrel may see 36 degrees Celsius on Thursday, Dr Lena Haas said.", text) == [
        "Lena Haas"
    ]
