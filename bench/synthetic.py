"""A synthetic but valid hub of any size, for the benchmark (``make bench``).

``generate(root, n)`` writes ``n`` records across all collections into ``root/data/`` (with the
real schemas beside them), deterministically for a given seed. Records look like the real ones:
German text with umlauts, Markdown fields with paragraphs, lists and links, references between
collections with a bounded number of links per record, so every page stays the same size however
large the hub grows. ``python bench/synthetic.py OUT --records 1000`` writes one to a folder.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import Any

import yaml
from synthetic_tables import FLOORS, PLAIN_WORDS, SHARES, SPECIAL_SHARE, SPECIAL_WORDS, TOWNS, WORDS

REPO = Path(__file__).resolve().parent.parent


_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line text, like editors write them."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def counts(n: int) -> dict[str, int]:
    """How many records of each collection a hub of ``n`` records has (they add up to ``n``)."""
    if n < sum(FLOORS.values()):
        raise ValueError(f"a valid hub needs at least {sum(FLOORS.values())} records")
    result = {name: max(FLOORS[name], round(n * share)) for name, share in SHARES.items()}
    result["rounds"] = min(result["rounds"], 20)
    result["news"] = n - sum(result.values())
    if result["news"] < FLOORS["news"]:  # tiny hubs: take from the largest collection
        largest = max(SHARES, key=lambda name: result[name])
        result[largest] -= FLOORS["news"] - result["news"]
        result["news"] = FLOORS["news"]
    return result


class _Writer:
    def __init__(self, n: int, seed: int):
        self.rnd = random.Random(seed)
        self.counts = counts(n)
        self.ids = {name: [f"{name[:4]}-{i:05d}" for i in range(count)] for name, count in self.counts.items()}

    # -- text -------------------------------------------------------------------------------------

    def words(self, count: int) -> list[str]:
        """``count`` words, with umlauts as often as in the real records."""
        rnd = self.rnd
        return [
            rnd.choice(SPECIAL_WORDS) if rnd.random() < SPECIAL_SHARE else rnd.choice(PLAIN_WORDS) for _ in range(count)
        ]

    def sentence(self, low: int = 8, high: int = 16) -> str:
        text = " ".join(self.words(self.rnd.randint(low, high)))
        return text[0].upper() + text[1:] + "."

    def sentences(self, count: int) -> str:
        return " ".join(self.sentence() for _ in range(count))

    def title(self) -> str:
        return " ".join(self.words(self.rnd.randint(2, 6))).capitalize()

    def summary(self) -> str:
        return self.sentences(self.rnd.randint(2, 3))[:590]

    def markdown(self, paragraphs: int = 2) -> str:
        parts = [self.sentences(self.rnd.randint(2, 4)) for _ in range(paragraphs)]
        if self.rnd.random() < 0.5:
            parts.append("\n".join(f"- **{self.words(1)[0]}:** {self.sentence(4, 9)}" for _ in range(3)))
        if self.rnd.random() < 0.3:
            parts.append(f"Mehr dazu im [Bericht]({self.url()}).")
        return "\n\n".join(parts) + "\n"

    def items(self, low: int, high: int, words: tuple[int, int] = (5, 12)) -> list[str]:
        return [self.sentence(*words) for _ in range(self.rnd.randint(low, high))]

    def url(self) -> str:
        path = self.rnd.choice(WORDS).lower().translate(_ASCII)
        return f"https://www.beispiel-{self.rnd.randint(1, 400)}.de/{path}/{self.rnd.randint(1, 99999)}"

    def sources(self) -> list[dict[str, str]]:
        urls = sorted({self.url() for _ in range(self.rnd.randint(1, 5))})
        return [{"url": u, "title": f"Bericht {i + 1}", "publisher": "Beispielstadt"} for i, u in enumerate(urls)]

    def date(self, first: int = 2020, last: int = 2026) -> str:
        return f"{self.rnd.randint(first, last)}-{self.rnd.randint(1, 12):02d}-{self.rnd.randint(1, 28):02d}"

    def refs(self, collection: str, low: int, high: int) -> list[str]:
        pool = self.ids[collection]
        return self.rnd.sample(pool, min(len(pool), self.rnd.randint(low, high)))

    def maybe(self, record: dict[str, Any], key: str, value: Any, chance: float = 0.5) -> None:
        if self.rnd.random() < chance:
            record[key] = value

    # -- records ----------------------------------------------------------------------------------

    def topics(self, i: int) -> dict[str, Any]:
        record = {"title": f"{self.title()} {i}", "summary": self.summary(), "description": self.markdown(3)}
        record["sources"] = self.sources()
        return record

    def rounds(self, i: int) -> dict[str, Any]:
        start = 2020 + 2 * i
        return {
            "title": f"Runde {i + 1}: Modellvorhaben {start}–{start + 2}",
            "number": i + 1,
            "period": {"start": str(start), "end": str(start + 2)},
            "summary": self.summary(),
            "description": self.markdown(3),
            "themes": [
                {
                    "label": self.title()[:100],
                    "kind": self.rnd.choice(["zukunftsthema", "querschnittsthema"]),
                    "topic": topic,
                }
                for topic in self.refs("topics", 2, 5)
            ],
            "applications": self.rnd.randint(5, 40),
            "jury_criteria": self.items(2, 4, (3, 6)),
            "project_assistance": self.refs("organisations", 1, 2),
            "funding": self.markdown(1),
            "sources": self.sources(),
        }

    def cities(self, i: int) -> dict[str, Any]:
        record: dict[str, Any] = {
            "title": f"{self.rnd.choice(TOWNS)} {i}",
            "district": f"Landkreis {self.rnd.choice(TOWNS)}",
            "centrality": self.rnd.choice(["Mittelzentrum", "Grundzentrum", "Oberzentrum"]),
            "population": self.rnd.randint(800, 100000),
            "population_as_of": str(self.rnd.randint(2019, 2024)),
            "summary": self.summary(),
            "description": self.markdown(2),
            "coordinates": {
                "lat": round(self.rnd.uniform(51.4, 53.5), 4),
                "lon": round(self.rnd.uniform(11.3, 14.7), 4),
            },
            "website": self.url(),
            "sources": self.sources(),
        }
        self.maybe(record, "notes", self.items(1, 2))
        return record

    def organisations(self, i: int) -> dict[str, Any]:
        record: dict[str, Any] = {
            "title": f"{self.title()} {i}",
            "kind": self.rnd.choice(["ministerium", "agentur", "hochschule", "buero", "verband", "initiative"]),
            "summary": self.summary(),
        }
        self.maybe(record, "description", self.markdown(1))
        record["website"] = self.url()
        record["sources"] = self.sources()
        return record

    def projects(self, i: int) -> dict[str, Any]:
        start = self.rnd.randint(2021, 2024)
        record: dict[str, Any] = {
            "title": f"{self.title()} {i}",
            "round": self.rnd.choice(self.ids["rounds"]),
            "cities": self.refs("cities", 1, 2),
            "topics": self.refs("topics", 1, 3),
            "formats": self.rnd.sample(["beirat", "workshop", "umfrage", "reallabor", "wettbewerb", "app"], 2),
            "organisations": self.refs("organisations", 0, 2),
            "summary": self.summary(),
            "description": self.markdown(2),
            "approach": self.markdown(1),
            "results": self.markdown(1),
            "period": {"start": f"{start}-{self.rnd.randint(1, 12):02d}", "end": str(start + 2)},
            "milestones": [
                {"date": self.date(start, start + 1), "label": self.sentence(3, 8)}
                for _ in range(self.rnd.randint(1, 4))
            ],
            "funding_eur": self.rnd.randint(20000, 100000),
            "website": self.url(),
            "published": self.date(),
            "sources": self.sources(),
        }
        self.maybe(record, "notes", self.items(1, 2))
        return record

    def events(self, i: int) -> dict[str, Any]:
        day = self.date()
        record: dict[str, Any] = {
            "title": f"{self.title()} {i}",
            "kind": self.rnd.choice(["fachkonferenz", "transferwerkstatt", "workshop", "sonstige"]),
            "start": day if self.rnd.random() < 0.5 else f"{day}T{self.rnd.randint(9, 17):02d}:00",
            "location": {"name": self.rnd.choice(TOWNS), "city": self.rnd.choice(self.ids["cities"])},
            "summary": self.summary(),
            "description": self.markdown(2),
            "programme": self.items(0, 4),
            "speakers": [
                {"name": f"{self.title()[:40]} {j}", "role": self.sentence(3, 6)} for j in range(self.rnd.randint(0, 3))
            ],
            "topics": self.refs("topics", 1, 3),
            "projects": self.refs("projects", 0, 2),
            "organisations": self.refs("organisations", 0, 1),
            "published": day,
            "sources": self.sources(),
        }
        return {key: value for key, value in record.items() if value != []}

    def practices(self, i: int) -> dict[str, Any]:
        record: dict[str, Any] = {
            "title": f"{self.title()} {i}",
            "summary": self.summary(),
            "projects": self.refs("projects", 1, 2),
            "topics": self.refs("topics", 1, 3),
            "formats": self.rnd.sample(
                ["zwischennutzung", "reallabor", "stadtspaziergang", "barcamp", "buergerrat"], 2
            ),
            "context": self.markdown(2),
            "steps": self.items(2, 5),
            "results": self.markdown(1),
            "effort": self.markdown(1),
            "pitfalls": self.items(1, 3),
            "transferability": self.markdown(1),
            "actors": self.items(1, 3, (2, 5)),
            "published": self.date(),
            "sources": self.sources(),
        }
        self.maybe(record, "notes", self.items(1, 2))
        return record

    def news(self, i: int) -> dict[str, Any]:
        record: dict[str, Any] = {
            "title": f"{self.title()} {i}",
            "published": self.date(),
            "publisher": self.rnd.choice(TOWNS),
            "summary": self.summary(),
            "body": self.markdown(2),
            "topics": self.refs("topics", 1, 2),
            "projects": self.refs("projects", 0, 1),
            "events": self.refs("events", 0, 1),
            "sources": self.sources(),
        }
        return {key: value for key, value in record.items() if value != []}


def generate(root: Path, n: int, seed: int = 8) -> dict[str, int]:
    """Write a valid hub of ``n`` records to ``root/data`` (schemas included); returns the counts."""
    writer = _Writer(n, seed)
    data = root / "data"
    shutil.copytree(REPO / "data" / "schema", data / "schema", dirs_exist_ok=True)
    for collection, ids in writer.ids.items():
        folder = data / collection
        folder.mkdir(parents=True, exist_ok=True)
        make = getattr(writer, collection)
        for index, record_id in enumerate(ids):
            text = yaml.dump(make(index), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
            header = f"# yaml-language-server: $schema=../schema/{collection}.schema.json\n"
            (folder / f"{record_id}.yml").write_text(header + text, encoding="utf-8")
    return writer.counts


def main() -> None:
    parser = argparse.ArgumentParser(description="Synthetischen Hub erzeugen (für make bench)")
    parser.add_argument("out", type=Path, help="Zielordner; data/ wird darin angelegt")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    print(generate(args.out, args.records, args.seed))


if __name__ == "__main__":
    main()
