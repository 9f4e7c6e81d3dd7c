"""E-mail addresses: unwrap, lowercase, split cells holding several, fix obvious provider typos.

Syntax is checked by ``email_validator`` (offline unless ``check_dns``). Domain typos are fixed
only towards :data:`KNOWN_DOMAINS` and only when exactly one provider is that close, so a company
or town-hall domain (``mairie-melun.fr``) is never "corrected" into a webmail one.

A valid address can still be a poor way to reach a person: a shared mailbox (``contact@``,
``reservation@``, see :data:`ROLE_ACCOUNTS`) or a throwaway one (``@yopmail.com``, from the
maintained list of the ``disposable-email-domains`` package). Such an address is kept as it is,
valid, and flagged in the ``flag`` extra (``email.role`` / ``email.disposable``): the record's
issues say so and its quality score counts it less.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import pandas as pd
from disposable_email_domains import blocklist as _DISPOSABLE_DOMAINS
from email_validator import EmailNotValidError, validate_email
from rapidfuzz.distance import DamerauLevenshtein

from grc_toolkit.cleaners.base import Outcome, as_text, define_reasons, invalid, join_reasons, map_distinct, outcome
from grc_toolkit.cleaners.text import fix_text
from grc_toolkit.results import FLAG, VALID, FieldResult

define_reasons(
    {
        "email.lowercase": ("adresse passée en minuscules", "address lowercased"),
        "email.wrapper": (
            "texte autour de l'adresse retiré (mailto:, nom, guillemets)",
            "text around the address removed (mailto:, name, quotes)",
        ),
        "email.spaces": ("espaces dans l'adresse retirés", "spaces inside the address removed"),
        "email.at_sign": ("arobase rétablie", "@ sign restored"),
        "email.punctuation": ("ponctuation en trop retirée", "stray punctuation removed"),
        "email.domain_typo": ("faute de frappe corrigée dans le domaine", "typo in the domain fixed"),
        "email.multiple": (
            "plusieurs adresses : la première valide est gardée",
            "several addresses: first valid kept",
        ),
        "email.invalid": ("adresse e-mail invalide", "invalid e-mail address"),
        "email.non_ascii": (
            "accents dans l'adresse, refusés par la plupart des logiciels d'envoi",
            "accented characters in the address, rejected by most mailing tools",
        ),
        "email.role": (
            "adresse générique (contact@, info@…)",
            "generic role address (contact@, info@…)",
        ),
        "email.disposable": (
            "adresse jetable (yopmail…)",
            "disposable address (yopmail…)",
        ),
    }
)

#: Local parts of shared or automatic mailboxes (written without separators: ``no-reply`` -> ``noreply``).
#: They reach a desk, a company or nobody rather than the visitor: hotels, campsites, town halls and
#: companies write ``contact@``/``reservation@`` in booking forms, tests and robots ``noreply@``/``test@``.
#: A local part is a role address when it is one of these, or starts with one followed by a separator
#: or digits (``contact.hotel``, ``info-paris``, ``accueil2``); ``jean.contact`` is a person.
ROLE_ACCOUNTS = frozenset(
    """
    accueil contact contacts info infos information informations renseignement renseignements bonjour hello
    reservation reservations resa booking bookings reception hotel camping gite
    admin administrateur administration administratif webmaster postmaster hostmaster abuse
    secretariat secretaire direction directeur directrice gerant gerance office
    commercial commerciale commerce ventes vente sales marketing communication presse press media
    compta comptabilite facturation factures billing invoice invoices paiement
    support help aide assistance sav serviceclient serviceclients clients client customerservice
    noreply donotreply nepasrepondre nereply mailer mailerdaemon notification notifications newsletter
    mairie tourisme officedetourisme association asso club
    recrutement jobs emploi equipe team staff service services
    test tests testing exemple example demo
    """.split()
)
_LOCAL_WORD = re.compile(r"[a-z]+")
_LOCAL_SEPARATORS = re.compile(r"[.\-_+]")

#: Frequent mail providers of French and European visitors. A domain in this set is never changed.
KNOWN_DOMAINS = frozenset(
    """
    gmail.com googlemail.com hotmail.fr hotmail.com hotmail.co.uk hotmail.be hotmail.de hotmail.it hotmail.es
    hotmail.ch hotmail.nl outlook.fr outlook.com outlook.be outlook.de outlook.es outlook.it live.fr live.com
    live.be live.co.uk live.nl live.de live.it msn.com orange.fr wanadoo.fr free.fr sfr.fr neuf.fr
    cegetel.net club-internet.fr numericable.fr noos.fr aliceadsl.fr libertysurf.fr tiscali.fr voila.fr
    bbox.fr laposte.net yahoo.fr yahoo.com yahoo.co.uk yahoo.de yahoo.es yahoo.it yahoo.be ymail.com
    rocketmail.com icloud.com
    me.com mac.com aol.com aol.fr mail.com gmx.de gmx.fr gmx.net gmx.com gmx.at gmx.ch web.de t-online.de
    freenet.de arcor.de online.de posteo.de skynet.be telenet.be proximus.be scarlet.be voo.be bluewin.ch
    hispeed.ch sunrise.ch btinternet.com sky.com virginmedia.com ntlworld.com talktalk.net ziggo.nl
    kpnmail.nl hetnet.nl home.nl planet.nl xs4all.nl libero.it virgilio.it tin.it alice.it protonmail.com
    proton.me pm.me tutanota.com zoho.com yandex.ru mail.ru seznam.cz wp.pl o2.pl interia.pl
    """.split()
)

#: Typos seen in office files that the distance rule below would not catch on its own.
_DOMAIN_TYPOS = {
    "gmail.fr": "gmail.com",
    "gmail.co": "gmail.com",
    "gmail.cm": "gmail.com",
    "gmail.om": "gmail.com",
    "gmail.comm": "gmail.com",
}
#: Top-level domains that do not exist, each a slip for .com, .fr or .net.
_BAD_TLDS = {
    **dict.fromkeys(("con", "cmo", "cpm", "vom", "xom", "ocm", "comm", "coom", "c"), "com"),
    **dict.fromkeys(("fe", "frr", "ff", "rf", "f", "fre"), "fr"),
    **dict.fromkeys(("nte", "ner", "nett"), "net"),
}
_FUZZY_MIN_LABEL = 5  # free, sfr, gmx, aol...: too short to guess from one slip


def _labels_by_suffix() -> dict[str, tuple[str, ...]]:
    """Known provider names long enough to guess from, by suffix: {"fr": ("hotmail", "orange", ...)}."""
    labels: dict[str, tuple[str, ...]] = {}
    for domain in sorted(KNOWN_DOMAINS):
        label, _, suffix = domain.partition(".")
        if len(label) >= _FUZZY_MIN_LABEL:
            labels[suffix] = (*labels.get(suffix, ()), label)
    return labels


_BY_SUFFIX = _labels_by_suffix()

_AT_VARIANTS = re.compile(r"\s*[(\[{]\s*(?:at|arobase)\s*[)\]}]\s*|[＠﹫]", re.IGNORECASE)
_MAILTO = re.compile(r"mailto\s*:\s*", re.IGNORECASE)
_LABEL = re.compile(r"^(?:e-?mail|courriel|mail|adresse(?: e-?mail)?)\s*:\s*", re.IGNORECASE)
_SPLIT = re.compile(r"[;,/|\n]|\s+(?:et|ou|and|or)\s+", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>]*@[^<>]*)>")
_COMMENT = re.compile(r"\([^()@]*\)")
_WRAPPERS = "\"'<>()[]{}«»“”‘’`"
_PUNCTUATION = ".,;:!?-_"
# RFC 5322 dot-atom: what email_validator accepts in an ASCII local part without quoting.
_DOT_ATOM = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*", re.IGNORECASE)
_MAX_LOCAL = 64
_MAX_ADDRESS = 254


class _Address(NamedTuple):
    """One candidate address of a cell, cleaned, and whether it passed validation."""

    address: str
    ok: bool
    reasons: str


def clean_emails(series: pd.Series, *, check_dns: bool = False) -> FieldResult:
    """Clean e-mail addresses: one valid, lowercase address per cell; the others in ``other_emails``.

    ``check_dns=True`` also asks DNS whether the domain receives mail (slow, needs the network).

    Examples:
        >>> raw = ["Jean.Dupont@Gmail.com", "Marie <marie@gmial.com>", "a@free.fr; b@sfr.fr", "jean@"]
        >>> result = clean_emails(pd.Series(raw))
        >>> result.values.tolist()
        ['jean.dupont@gmail.com', 'marie@gmail.com', 'a@free.fr', 'jean@']
        >>> result.reason.tolist()
        ['email.lowercase', 'email.wrapper,email.domain_typo', 'email.multiple', 'email.invalid']
        >>> result.extra["other_emails"].tolist()
        ['', '', 'b@sfr.fr', '']

        Shared and throwaway mailboxes stay valid and unchanged, flagged in ``extra["flag"]``:

        >>> flagged = clean_emails(pd.Series(["contact@hotel-du-port.fr", "test@yopmail.com", "jean@free.fr"]))
        >>> flagged.status.tolist(), flagged.extra["flag"].tolist()
        (['valid', 'valid', 'valid'], ['email.role', 'email.disposable', ''])
    """
    cleaner = functools.partial(_clean_cell, check_dns=check_dns)
    return map_distinct(series, cleaner, extras=("other_emails", FLAG), known=None if check_dns else _plain_at_once)


#: An address typed as it should be (lowercase, one ``@``, nothing around): most of a file's.
_PLAIN = re.compile(
    r"[a-z0-9][a-z0-9_+-]*(?:\.[a-z0-9_+-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.ASCII
)


def _plain_at_once(values: pd.Series) -> dict[str, Outcome]:
    """Outcomes of plainly typed addresses, for all of them at once: such an address is valid and unchanged
    when its domain is (checked once per distinct domain, with email-validator, as :func:`_clean_cell` does)
    and needs no typo fix. What :func:`_clean_cell` gives them (``tests/cleaners/test_emails.py`` checks)."""
    plain = values[values.str.fullmatch(_PLAIN) & (values.str.len() <= _MAX_ADDRESS)]
    if plain.empty:
        return {}
    local_domain = plain.str.rpartition("@")
    local, domain = local_domain[0], local_domain[2]
    good = {d for d in domain.unique() if fix_domain(d) == d and _validate_domain(d, False) == (d, d)}
    plain = plain[domain.isin(good) & (local.str.len() <= _MAX_LOCAL)]
    return {value: (value, VALID, "", {"other_emails": "", FLAG: address_flag(value)}) for value in plain}


def address_flag(address: str) -> str:
    """``email.disposable``, ``email.role`` or "" for a cleaned, valid address.

    Examples:
        >>> [address_flag(a) for a in ("noreply@sncf.fr", "Contact.Hotel@orange.fr", "info2@otmelun.fr")]
        ['email.role', 'email.role', 'email.role']
        >>> [address_flag(a) for a in ("jean.contact@free.fr", "marie@mail.yopmail.com", "helene@gmail.com")]
        ['', 'email.disposable', '']
    """
    local, _, domain = address.lower().rpartition("@")
    if _is_disposable(domain):
        return "email.disposable"
    compact = _LOCAL_SEPARATORS.sub("", local)
    first = _LOCAL_WORD.match(local)
    if compact in ROLE_ACCOUNTS or (first is not None and first.group() in ROLE_ACCOUNTS):
        return "email.role"
    return ""


def _is_disposable(domain: str) -> bool:
    """The domain or one of its parents (``x.yopmail.com`` -> ``yopmail.com``) is a throwaway provider."""
    labels = domain.split(".")
    return any(".".join(labels[start:]) in _DISPOSABLE_DOMAINS for start in range(len(labels) - 1))


def email_key(value: str) -> str:
    """Key to compare addresses when deduplicating: trimmed and lowercased (dots kept, even for Gmail).

    Examples:
        >>> email_key(" Jean.Dupont@GMAIL.com ")
        'jean.dupont@gmail.com'
    """
    return value.strip().lower()


#: Country endings that say nothing of where a person lives (used as generic endings, or for companies).
_GENERIC_CC_TLDS = frozenset({"co", "io", "me", "tv", "cc", "ai", "ws", "fm", "am", "to", "ly", "gg", "eu", "su"})


def domain_country(series: pd.Series) -> pd.Series:
    """ISO2 country of each cleaned address's country ending (``web.de`` -> ``DE``), "" if generic.

    A weak hint, used only to fill a blank country when neither postcode nor phone tells.

    Examples:
        >>> domain_country(pd.Series(["a@web.de", "b@gmail.com", "c@yahoo.co.uk", "d@x.io", ""])).tolist()
        ['DE', '', 'GB', '', '']
    """
    tld = as_text(series).str.extract(r"@[^@]+\.([a-z]{2})$", expand=False).fillna("")
    iso2 = tld.str.upper().replace({"UK": "GB"})
    return iso2.where(~tld.isin(_GENERIC_CC_TLDS), "").astype(object)


def fix_domain(domain: str) -> str:
    """The domain with an obvious provider typo fixed, or unchanged when in doubt.

    Examples:
        >>> [fix_domain(d) for d in ("gmial.com", "hotmal.com", "orange.fe", "ornage.fr", "wanadoo.f")]
        ['gmail.com', 'hotmail.com', 'orange.fr', 'orange.fr', 'wanadoo.fr']
        >>> [fix_domain(d) for d in ("gmx.fr", "mail.com", "orange.com", "mairie-melun.fr", "otmelun.fr")]
        ['gmx.fr', 'mail.com', 'orange.com', 'mairie-melun.fr', 'otmelun.fr']
    """
    if domain in KNOWN_DOMAINS:
        return domain
    if domain in _DOMAIN_TYPOS:
        return _DOMAIN_TYPOS[domain]
    name, dot, tld = domain.rpartition(".")
    if not dot:
        alone = [known for known in KNOWN_DOMAINS if known.partition(".")[0] == domain]
        return alone[0] if len(alone) == 1 else domain
    if tld in _BAD_TLDS:
        domain = f"{name}.{_BAD_TLDS[tld]}"
        if domain in KNOWN_DOMAINS:
            return domain
    label, _, suffix = domain.partition(".")
    limit = 2 if len(label) >= 8 else 1
    close = [
        known
        for known in _BY_SUFFIX.get(suffix, ())
        # a slip keeps the first letter: "email.com" or "grange.fr" are not mistyped webmails
        if known[0] == label[:1] and DamerauLevenshtein.distance(label, known, score_cutoff=limit) <= limit
    ]
    return f"{close[0]}.{suffix}" if len(close) == 1 else domain


def _clean_cell(value: str, *, check_dns: bool) -> Outcome:
    """Outcome of one cell: first valid address kept, the others listed in ``other_emails``."""
    text, text_reasons = fix_text(value)
    if not text:
        return outcome(value, "", text_reasons)
    candidates, cell_reasons = _candidates(text)
    addresses = [_clean_address(candidate, check_dns) for candidate in candidates]
    usable = [address for address in addresses if address.ok]
    if not usable:
        failed = addresses[0].reasons if addresses else "email.invalid"
        # An accented address is well formed: keep it cleaned (lowercase) while flagging it.
        kept = addresses[0].address if failed == "email.non_ascii" and len(addresses) == 1 else text
        return invalid(kept, join_reasons(text_reasons, failed))
    first = usable[0]
    others = [address.address for address in addresses if address is not first]
    reasons = join_reasons(text_reasons, cell_reasons, first.reasons, "email.multiple" if others else "")
    return outcome(
        value,
        first.address,
        reasons,
        other_emails=" ; ".join(other for other in dict.fromkeys(others) if other != first.address),
        flag=address_flag(first.address),
    )


def _candidates(text: str) -> tuple[list[str], str]:
    """The address-like pieces of a cell and the rule codes of what was unwrapped on the way."""
    reasons = []
    prepared = _AT_VARIANTS.sub("@", text)
    if prepared != text:
        reasons.append("email.at_sign")
    unwrapped = _LABEL.sub("", _MAILTO.sub("", prepared))
    if unwrapped != prepared:
        reasons.append("email.wrapper")
    chunks = [chunk.strip() for chunk in _SPLIT.split(unwrapped)]
    if any(not chunk for chunk in chunks):
        reasons.append("email.punctuation")
    candidates: list[str] = []
    for chunk in filter(None, chunks):
        found, chunk_reasons = _chunk_candidates(chunk)
        candidates.extend(found)
        reasons.extend(chunk_reasons)
    return candidates, join_reasons(*reasons)


def _chunk_candidates(chunk: str) -> tuple[list[str], list[str]]:
    """Addresses in one separator-free chunk: ``Name <addr>``, ``addr (perso)``, ``a @ b.fr c@d.fr``."""
    angle = _ANGLE.search(chunk)
    if angle:
        return [angle.group(1)], ["email.wrapper"]
    if "@" not in chunk:
        return [], ["email.wrapper"]  # a name split off by a comma ("Dupont, Jean <...>"), a label
    reasons = []
    bare = _COMMENT.sub(" ", chunk).strip()
    if bare != chunk:
        reasons.append("email.wrapper")
    tokens = _join_tokens(bare.split())
    if len(tokens) < len(bare.split()):
        reasons.append("email.spaces")
    with_at = [token for token in tokens if "@" in token]
    if len(with_at) == 1 and len(tokens) > 1:
        return [" ".join(tokens)], reasons  # "jean dupont@free.fr": which part is the name? keep, flag
    return with_at, reasons


def _join_tokens(tokens: list[str]) -> list[str]:
    """Glue tokens split around ``@`` or ``.`` (``jean .dupont@ gmail.com``), one ``@`` at most each."""
    joined: list[str] = []
    for token in tokens:
        if joined and (joined[-1][-1] in "@." or token[0] in "@.") and (joined[-1] + token).count("@") <= 1:
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def _clean_address(candidate: str, check_dns: bool) -> _Address:
    """Strip wrappers and stray punctuation, lowercase, fix the domain, validate."""
    reasons = []
    address = candidate.strip(_WRAPPERS)
    if address != candidate:
        reasons.append("email.wrapper")
    stripped = address.strip(_PUNCTUATION + _WRAPPERS)
    doubled = re.sub(r"\.{2,}", ".", stripped)
    if doubled != address:
        reasons.append("email.punctuation")
    address = re.sub(r"@{2,}", "@", doubled)
    if address != doubled:
        reasons.append("email.at_sign")
    lowered = address.lower()
    if lowered != address:
        reasons.append("email.lowercase")
    local, at, domain = lowered.rpartition("@")
    fixed = fix_domain(domain) if at else domain
    if fixed != domain:
        reasons.append("email.domain_typo")
    normalised = _validate(f"{local}@{fixed}", check_dns) if at and local else None
    if normalised is None:
        return _Address(candidate, False, "email.invalid")
    if not local.isascii():
        return _Address(normalised, False, "email.non_ascii")
    return _Address(normalised, True, join_reasons(*reasons))


def _validate(address: str, check_dns: bool) -> str | None:
    """email_validator's normalised form (lowercase kept), or None when the address is not valid.

    A plain ASCII local part (``jean.dupont``) needs no more than the RFC's dot-atom rule, so only
    its domain goes through email_validator, once per distinct domain: that is where the time goes.
    """
    local, _, domain = address.rpartition("@")
    if len(local) <= _MAX_LOCAL and _DOT_ATOM.fullmatch(local):
        checked = _validate_domain(domain, check_dns)
        if checked is None or len(local) + 1 + len(checked[1]) > _MAX_ADDRESS:
            return None
        return f"{local.lower()}@{checked[0]}"
    return _validate_whole(address, check_dns)


@functools.lru_cache(maxsize=65_536)
def _validate_domain(domain: str, check_dns: bool) -> tuple[str, str] | None:
    """(normalised, ASCII) forms of a mail domain, or None; cached per domain."""
    try:
        checked = validate_email(f"a@{domain}", check_deliverability=check_dns)
    except EmailNotValidError:
        return None
    return str(checked.domain).lower(), str(checked.ascii_domain).lower()


@functools.lru_cache(maxsize=65_536)
def _validate_whole(address: str, check_dns: bool) -> str | None:
    try:
        checked = validate_email(address, check_deliverability=check_dns)
    except EmailNotValidError:
        return None
    return str(checked.normalized).lower()
