"""One name per speaker across the database: the `speakers` table.

Pages name a speaker differently ("Kirby", "John Kirby"; "Sergei Lavrov",
"Sergey Lavrov"; "Gedung Putih", "White House"). Claims keep the name the
page wrote; this table maps each written name to the canonical one, so that
listings and groups count one speaker once. When a fuller form of a name
arrives later, the surname-only entries that already stand for that person
move to it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from workbench.extract.speakers import canonical_name, looks_like_person, same_person


def register_speakers(db: Database, names: Iterable[str]) -> None:
    """Record canonical names for `names` not seen before (inside the caller's transaction)."""
    wanted = sorted({name for name in names if name})
    if not wanted:
        return
    placeholders = ",".join("?" * len(wanted))
    seen = {row[0] for row in db.execute(f"SELECT name FROM speakers WHERE name IN ({placeholders})", wanted)}
    new = [name for name in wanted if name not in seen]
    if not new:
        return
    known = [row[0] for row in db.execute("SELECT DISTINCT canonical FROM speakers")]
    # Fuller names first, so that "Kirby" finds "John Kirby" arriving in the same article.
    for name in sorted(new, key=lambda n: -len(n.split())):
        canonical = canonical_name(name, known)
        db.execute("INSERT OR IGNORE INTO speakers (name, canonical) VALUES (?, ?)", [name, canonical])
        if canonical == name and looks_like_person(name):
            for shorter in [k for k in known if len(k.split()) < len(name.split()) and same_person(k, name)]:
                db.execute("UPDATE speakers SET canonical = ? WHERE canonical = ?", [name, shorter])
                known.remove(shorter)
        if canonical not in known:
            known.append(canonical)


def canonical_of(db: Database, name: str) -> str:
    row = db.execute("SELECT canonical FROM speakers WHERE name = ?", [name]).fetchone()
    return str(row[0]) if row else name
