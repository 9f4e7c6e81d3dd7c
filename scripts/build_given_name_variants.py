"""Build ``grc_toolkit/data/given_name_variants.csv``: short forms and nicknames of first names.

Sources:

- the English table of github.com/carltonnorthern/nicknames (``names.csv``, Apache-2.0; licence in
  ``grc_toolkit/data/nicknames-LICENSE.txt``), filtered as below;
- French hypocoristics written here (:data:`FRENCH`): Cathy for Catherine, Manu for Emmanuel, Jean-Phi for
  Jean-Philippe, Dédé for André...

Run it from a clone of that repository::

    python scripts/build_given_name_variants.py /path/to/nicknames/names.csv 21d75051c39cb022d145388d60c87dc30505228b

Columns: ``name`` (a full first name), ``variant`` (one of its short forms), ``source`` (``nicknames@<commit>``
or ``grc-fr``); both names as grc compares them (:func:`~grc_toolkit.cleaners.names.name_key`: accent-free,
lowercase, hyphens as spaces). Sorted and deduplicated, so two runs give the same bytes.

The English table was made for American genealogy, and some of its rows join what are two people in a French
file. A row is kept only when:

- its short form is shorter than its full name (the table also lists rows the other way round, ``bob`` /
  ``robert`` beside ``robert`` / ``bob``, and rows like ``andrea`` / ``andrew`` or ``sandra`` / ``cassandra``
  that are two names);
- the two do not differ by a gender-marking ending (``louis`` / ``louise``, ``clementine`` / ``clement``:
  :func:`~grc_toolkit.dedupe.compare.gendered_pair`);
- the short form is not a name given in its own right (:data:`FULL_NAMES`: ``lena`` for Helen, ``nathan`` for
  Jonathan, ``peter`` for Patrick, ``emil`` for Emily);
- it is not one of the rows of :data:`EXCLUDED`, a nickname's nickname of another person (``billy`` /
  ``fred``, ``polly`` / ``paul``).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from grc_toolkit.cleaners.names import name_key
from grc_toolkit.dedupe.compare import gendered_pair

OUTPUT = Path(__file__).resolve().parent.parent / "grc_toolkit" / "data" / "given_name_variants.csv"
FRENCH_SOURCE = "grc-fr"

#: French full first names and their usual short forms (hypocoristics), written as people write them.
#: Only forms that point to these names: no initials (JP), no short form that is a name of its own (Théo,
#: Bastien, Sandra), no form shared by unrelated names beyond those listed.
FRENCH: dict[str, tuple[str, ...]] = {
    "Albert": ("Bébert",),
    "Alexandra": ("Alex",),
    "Alexandre": ("Alex",),
    "Alexis": ("Alex",),
    "André": ("Dédé",),
    "Andrée": ("Dédé",),
    "Anne-Charlotte": ("Anne-Cha",),
    "Anne-Sophie": ("Anne-So",),
    "Anthony": ("Tony",),
    "Antoine": ("Toto", "Tony"),
    "Antony": ("Tony",),
    "Auguste": ("Gus",),
    "Augustin": ("Gus",),
    "Aurélie": ("Auré",),
    "Béatrice": ("Béa",),
    "Bénédicte": ("Béné",),
    "Benjamin": ("Ben", "Benji"),
    "Benoît": ("Ben",),
    "Bernadette": ("Bernie",),
    "Bernard": ("Nanard",),
    "Camille": ("Cam",),
    "Caroline": ("Caro",),
    "Catherine": ("Cathy", "Cath", "Cathou", "Katy"),
    "Charles": ("Charly",),
    "Christelle": ("Chris",),
    "Christian": ("Chris",),
    "Christiane": ("Chris",),
    "Christine": ("Chris", "Titine"),
    "Christophe": ("Chris", "Christo"),
    "Clémence": ("Clem",),
    "Clément": ("Clem",),
    "Clémentine": ("Clem",),
    "Daniel": ("Dany", "Dan"),
    "Danièle": ("Dany",),
    "Danielle": ("Dany",),
    "Dominique": ("Domi", "Dom"),
    "Édouard": ("Doudou", "Eddy"),
    "Élisabeth": ("Babeth", "Zabeth"),
    "Émilie": ("Mimi",),
    "Emmanuel": ("Manu",),
    "Emmanuelle": ("Manue", "Manu"),
    "Eugène": ("Gégène",),
    "Ferdinand": ("Ferdi",),
    "Florence": ("Flo",),
    "Florent": ("Flo",),
    "Florian": ("Flo",),
    "Françoise": ("Fanfan",),
    "François": ("Fanfan",),
    "Frédéric": ("Fred", "Fredo"),
    "Frédérique": ("Fred",),
    "Gabriel": ("Gaby", "Gab"),
    "Gabrielle": ("Gaby", "Gab"),
    "Georges": ("Jojo",),
    "Gérard": ("Gégé",),
    "Grégoire": ("Greg",),
    "Grégory": ("Greg",),
    "Guillaume": ("Guigui",),
    "Gustave": ("Gus", "Tatave"),
    "Henri": ("Riri",),
    "Henriette": ("Riri",),
    "Hubert": ("Bébert",),
    "Isabelle": ("Isa", "Zaza"),
    "Jacqueline": ("Jacky", "Jackie"),
    "Jacques": ("Jacky", "Jacquot"),
    "Jean": ("Jeannot",),
    "Jean-Christophe": ("Jean-Chris",),
    "Jean-Philippe": ("Jean-Phi",),
    "Jérémie": ("Jérem",),
    "Jérémy": ("Jérem",),
    "Jérôme": ("Jéjé",),
    "Jocelyne": ("Jojo", "Jo"),
    "Joseph": ("Jojo", "Jo"),
    "Joséphine": ("Jo", "Josie"),
    "Josette": ("Jojo",),
    "Josiane": ("Jojo", "Jo"),
    "Kévin": ("Kev",),
    "Laurence": ("Lolo",),
    "Laurent": ("Lolo",),
    "Lucie": ("Lulu",),
    "Lucien": ("Lulu",),
    "Lucienne": ("Lulu",),
    "Ludovic": ("Ludo",),
    "Madeleine": ("Mado",),
    "Marie-Charlotte": ("Marie-Cha",),
    "Marie-Christine": ("Marie-Chris",),
    "Marie-Dominique": ("Marie-Do",),
    "Marie-José": ("Marie-Jo",),
    "Marie-Josée": ("Marie-Jo",),
    "Marie-Joséphine": ("Marie-Jo",),
    "Marie-Noëlle": ("Marie-No",),
    "Marie-Thérèse": ("Marie-Thé",),
    "Mathieu": ("Math", "Mat", "Matt"),
    "Matthieu": ("Math", "Matt"),
    "Maurice": ("Momo",),
    "Maxence": ("Max",),
    "Maxime": ("Max",),
    "Maximilien": ("Max",),
    "Michèle": ("Mimi",),
    "Mireille": ("Mimi",),
    "Mohamed": ("Momo",),
    "Nathalie": ("Nath", "Nat"),
    "Nicolas": ("Nico",),
    "Patrice": ("Pat",),
    "Patricia": ("Pat", "Patou"),
    "Patrick": ("Pat",),
    "Philippe": ("Phil", "Philou"),
    "Pierre": ("Pierrot",),
    "Pierre-Alexandre": ("Pierre-Alex",),
    "Raphaël": ("Raph",),
    "Raphaëlle": ("Raph",),
    "Robert": ("Bob", "Bébert"),
    "Sandrine": ("Sandy",),
    "Sébastien": ("Seb",),
    "Stéphane": ("Steph", "Stef"),
    "Stéphanie": ("Steph", "Stef"),
    "Suzanne": ("Suzon", "Suzy"),
    "Thierry": ("Titi",),
    "Thomas": ("Tom",),
    "Timothée": ("Tim", "Timo"),
    "Valentin": ("Val",),
    "Valentine": ("Val",),
    "Valérie": ("Val", "Valou"),
    "Véronique": ("Véro",),
    "Victor": ("Vic", "Totor"),
    "Vincent": ("Vince",),
    "Virginie": ("Virgi",),
    "Xavier": ("Xav",),
}

#: Names given in their own right, in France or in English, that the English table also lists as another
#: name's nickname: two people's names, not one person's. (A French row above still joins them where one is
#: truly the other's short form.)
FULL_NAMES = frozenset(
    """
    aaron abel ada adele albert alexander aline amos angel anna anne annie aron basil bela bell brian carl
    carole carol celia clara clare daisy delia eric erica erick ericka erika erin eliza ella ellen eloise emil
    emily emma eva felix hannah helen helena hugh ida jane janet jean jeanne jill joan john jules julia julie
    kenneth kent laura leah lena leon lina lisa lois louise lucia lucy magda maria marie marion marc mary
    maud maureen megan micah miguel mona nathan neil nicole nina noah noel nora norah olive peter ralph
    reynold rita rosa rose sandra saul sheila sophia stella susan wilma
    """.split()
)


#: Rows of the English table that join a nickname to another nickname of someone else.
EXCLUDED = frozenset(
    {
        ("billy", "fred"),
        ("bobby", "bert"),
        ("freddie", "frieda"),
        ("nettie", "monet"),
        ("polly", "paul"),
        ("willie", "fred"),
        ("willie", "wilda"),
    }
)


def english_rows(path: Path) -> list[tuple[str, str]]:
    """(name, short form) rows of the English table whose short form is the shorter."""
    rows = []
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            name, variant = name_key(row["name1"]), name_key(row["name2"])
            if row["relationship"] == "has_nickname" and variant and len(variant) < len(name):
                rows.append((name, variant))
    return rows


def kept_english(rows: Iterable[tuple[str, str]], french: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The English rows that say one person in a French file (see the module's doc)."""
    return {
        (name, variant)
        for name, variant in rows
        if (name, variant) in french
        or not (gendered_pair(name, variant) or variant in FULL_NAMES or (name, variant) in EXCLUDED)
    }


def french_rows() -> set[tuple[str, str]]:
    return {(name_key(name), name_key(variant)) for name, variants in FRENCH.items() for variant in variants}


def build(names_csv: Path, commit: str) -> str:
    """The CSV text of the table."""
    french = french_rows()
    english = kept_english(english_rows(names_csv), french)
    rows = {(name, variant, FRENCH_SOURCE) for name, variant in french}
    rows |= {(name, variant, f"nicknames@{commit[:12]}") for name, variant in english - french}
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("name", "variant", "source"))
    writer.writerows(sorted(rows))
    return text.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    OUTPUT.write_text(build(Path(argv[0]), argv[1]), encoding="utf-8")
    print(f"{OUTPUT}: {OUTPUT.read_text(encoding='utf-8').count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
