#!/usr/bin/env python3
"""Generate Sources/TallyAnalysis/EmbeddedGazetteerData.swift.

Reads the default gazetteer sources (places.tsv, manual_places.tsv, actors.tsv;
see their README) and writes them as Tally TSV text inside Swift raw string
literals, so the default gazetteer is compiled into the binary and the project
does not depend on the source folder at run or test time.

What the conversion does:
  * keeps only the columns the analysis needs (drops `source`, `feature_class`,
    `iso3166_2`; the ISO code stays as an alias of the subdivision row);
  * computes readable, stable slug ids (see `assign_place_ids`);
  * keeps Latin-script alternate names only (other scripts cannot match the
    English/French articles Tally annotates) and drops aliases that fold to the
    same key as the name or another alias;
  * splits the place rows into chunks of ~CHUNK_BYTES so no single literal is
    huge (each chunk is a complete TSV with its own header row).

Usage (from the repository root):
  python3 Tests/Tools/make_embedded_gazetteer.py [SOURCE_DIR] [-o OUTPUT]
SOURCE_DIR defaults to ../shared/data/gazetteer. Python 3 standard library only;
the output is deterministic.
"""
import argparse
import csv
import os
import sys
import unicodedata

CHUNK_BYTES = 120_000

# Letters that Unicode decomposition leaves alone but that should fold to
# ASCII (Fula/Hausa/Bambara orthography and a few European letters).
LETTER_MAP = {
    "ɛ": "e", "Ɛ": "e", "ɔ": "o", "Ɔ": "o", "ɲ": "ny", "Ɲ": "ny", "ŋ": "ng", "Ŋ": "ng",
    "ɓ": "b", "Ɓ": "b", "ɗ": "d", "Ɗ": "d", "ƙ": "k", "Ƙ": "k", "ƴ": "y", "Ƴ": "y",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ß": "ss",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ħ": "h", "Ħ": "h",
}
APOSTROPHES = "'’‘ʼ`′´ʻ"

DIVISION_WORDS = {"cercle", "province", "prefecture", "departement", "department",
                  "daira", "district", "lga", "commune", "region", "sous-prefecture"}

PLACE_RANK = {"country": 7, "capital": 6, "town": 4, "place": 2, "region": 5, "district": 3}
FEATURE_RANK = {"PPLC": 6, "PPLA": 5, "PPLA2": 4, "PPLA3": 3, "PPLA4": 2}


def ascii_fold(text):
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            continue
        if ch in APOSTROPHES:
            out.append("'")
            continue
        out.append(LETTER_MAP.get(ch, ch))
    return "".join(out).lower()


def slug(text):
    folded = ascii_fold(text)
    parts, cur = [], []
    for ch in folded:
        if ch.isascii() and ch.isalnum():
            cur.append(ch)
        elif cur:
            parts.append("".join(cur))
            cur = []
    if cur:
        parts.append("".join(cur))
    return "-".join(parts)


def match_key(text):
    """Roughly the Swift TextFolding key: used only to drop duplicate aliases."""
    folded = ascii_fold(text)
    return " ".join("".join(c if (c.isalnum() or c == "'") else " " for c in folded).split())


def is_latin(text):
    for ch in text:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        if cp <= 0x02AF or 0x1E00 <= cp <= 0x1EFF:
            continue
        return False
    return True


def category_of(row):
    code = row["feature_code"]
    if code == "PCLI":
        return "country"
    if code == "ADM1":
        return "region"
    if code == "ADM2":
        return "district"
    if code == "PPLC":
        return "capital"
    if code.startswith("PPLA"):
        return "town"
    return "place"


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return list(reader)


def base_slug(row, category):
    s = slug(row["name"]) or slug(row["ascii_name"]) or ("place-" + row["id"])
    words = set(s.split("-"))
    if category == "region" and not s.endswith("region"):
        s += "-region"
    elif category == "district" and not (words & DIVISION_WORDS):
        s += "-district"
    return s


def population(row):
    try:
        return int(row["population"] or 0)
    except ValueError:
        return 0


def importance(row, category):
    """Higher first: who gets the bare slug when several rows share it."""
    gid = row["id"]
    numeric = int(gid) if gid.isdigit() else 1 << 40
    return (-PLACE_RANK[category], -FEATURE_RANK.get(row["feature_code"], 0), -population(row), numeric, gid)


def assign_place_ids(rows, reserved):
    """Bare slug for the most important row of each name; the others get the
    country code, then the admin1 name, then the GeoNames id appended."""
    groups = {}
    for row in rows:
        cat = category_of(row)
        row["_category"] = cat
        groups.setdefault(base_slug(row, cat), []).append(row)
    used = set(reserved)
    # Pass 1: bare slugs for the first row of every group, so a suffixed id can
    # never take a bare slug that belongs to another name.
    for base in sorted(groups):
        group = sorted(groups[base], key=lambda r: importance(r, r["_category"]))
        groups[base] = group
        if base not in used:
            group[0]["_id"] = base
            used.add(base)
    for base in sorted(groups):
        for row in groups[base]:
            if "_id" in row:
                continue
            cc = row["country_code"].lower()
            candidates = [f"{base}-{cc}"]
            if row["admin1_name"]:
                candidates.append(f"{base}-{cc}-{slug(row['admin1_name'])}")
            candidates.append(f"{base}-{cc}-{row['id']}")
            for cand in candidates:
                if cand not in used:
                    row["_id"] = cand
                    used.add(cand)
                    break
            else:
                raise SystemExit(f"cannot find a free id for {row['id']} {row['name']}")


def clean_aliases(row):
    seen = {match_key(row["name"])}
    out = []
    names = [row.get("ascii_name", "")] + [a for a in row["alternate_names"].split(",")]
    for alias in names:
        alias = alias.strip()
        if not alias or not is_latin(alias):
            continue
        key = match_key(alias)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(alias)
    return ",".join(out)


PLACE_COLUMNS = ["id", "geonames_id", "name", "aliases", "category", "feature_code", "country",
                 "admin1_code", "admin1", "admin2", "latitude", "longitude", "population"]
ACTOR_COLUMNS = ["id", "name", "aliases", "kind", "category", "affiliation", "countries", "description"]


def check_field(value):
    if "\t" in value or "\n" in value or '"##' in value:
        raise SystemExit(f"field cannot be embedded: {value!r}")
    return value


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", default=os.path.join(repo, "..", "shared", "data", "gazetteer"))
    parser.add_argument("-o", "--output", default=os.path.join(repo, "Sources", "TallyAnalysis", "EmbeddedGazetteerData.swift"))
    args = parser.parse_args()

    places = read_tsv(os.path.join(args.source, "places.tsv"))
    known = {row["id"] for row in places}
    for row in read_tsv(os.path.join(args.source, "manual_places.tsv")):
        if row["id"] not in known:
            places.append(row)
    actors = read_tsv(os.path.join(args.source, "actors.tsv"))
    actor_ids = {row["id"] for row in actors}
    assign_place_ids(places, actor_ids)

    place_lines = []
    for row in places:
        gid = row["id"] if row["id"].isdigit() else ""
        fields = [row["_id"], gid, row["name"], clean_aliases(row), row["_category"], row["feature_code"],
                  row["country_code"], row["admin1_code"] if row["admin1_code"] != "00" else "",
                  row["admin1_name"], row["admin2_name"], row["latitude"], row["longitude"], row["population"]]
        place_lines.append("\t".join(check_field(f) for f in fields))

    actor_lines = ["\t".join(ACTOR_COLUMNS)]
    for row in actors:
        fields = [row["id"], row["name"], row["aliases"], "actor", row["category"], row["affiliation"],
                  row["countries"], row["description"]]
        actor_lines.append("\t".join(check_field(f) for f in fields))

    chunks, current, size = [], [], 0
    header = "\t".join(PLACE_COLUMNS)
    for line in place_lines:
        if current and size + len(line.encode()) > CHUNK_BYTES:
            chunks.append(current)
            current, size = [], 0
        current.append(line)
        size += len(line.encode()) + 1
    if current:
        chunks.append(current)

    out = []
    out.append("// GENERATED by Tests/Tools/make_embedded_gazetteer.py from the default gazetteer")
    out.append("// sources (places.tsv, manual_places.tsv, actors.tsv). Do not edit by hand;")
    out.append("// re-run the script instead. Place data: GeoNames (CC BY 4.0), see")
    out.append("// EmbeddedGazetteer.attribution.")
    out.append(f"// {len(place_lines)} places in {len(chunks)} chunks, {len(actors)} actors.")
    out.append("")
    out.append("enum EmbeddedGazetteerData {")
    out.append("    /// Tally TSV chunks of places, each with its own header row.")
    out.append("    static let placeChunks: [String] = [")
    for chunk in chunks:
        out.append('        ##"""')
        out.append(header)
        out.extend(chunk)
        out.append('"""##,')
    out.append("    ]")
    out.append("")
    out.append("    /// Tally TSV of actors.")
    out.append('    static let actors: String = ##"""')
    out.extend(actor_lines)
    out.append('"""##')
    out.append("}")
    text = "\n".join(out) + "\n"
    with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(f"wrote {args.output}: {len(text.encode())} bytes, {len(place_lines)} places, "
          f"{len(chunks)} chunks, {len(actors)} actors", file=sys.stderr)


if __name__ == "__main__":
    main()
