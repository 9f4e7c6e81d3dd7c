"""E-mail addresses as visitors give them at the desk, on forms and in booking exports."""

from __future__ import annotations

import pandas as pd
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grc_toolkit.cleaners import emails
from grc_toolkit.cleaners.base import REASONS
from grc_toolkit.cleaners.emails import KNOWN_DOMAINS, clean_emails, email_key, fix_domain


def _row(result, position=0):
    frame = result.to_frame()
    return tuple(frame.iloc[position][["value", "status", "reason", "other_emails"]])


CASES = [
    ("jean.dupont@gmail.com", "jean.dupont@gmail.com", "valid", ""),
    ("Jean.Dupont@Gmail.com", "jean.dupont@gmail.com", "corrected", "email.lowercase"),
    ("MARIE.LEGALL@ORANGE.FR", "marie.legall@orange.fr", "corrected", "email.lowercase"),
    ("  jean@free.fr ", "jean@free.fr", "corrected", "text.spaces"),
    ("mailto:jean@free.fr", "jean@free.fr", "corrected", "email.wrapper"),
    ("MAILTO:Jean@Free.fr", "jean@free.fr", "corrected", "email.wrapper,email.lowercase"),
    ("Jean Dupont <jean.dupont@free.fr>", "jean.dupont@free.fr", "corrected", "email.wrapper"),
    ("Dupont, Jean <jean@free.fr>", "jean@free.fr", "corrected", "email.wrapper"),
    ('"jean@free.fr"', "jean@free.fr", "corrected", "email.wrapper"),
    ("<jean@free.fr>", "jean@free.fr", "corrected", "email.wrapper"),
    ("(jean@free.fr)", "jean@free.fr", "corrected", "email.wrapper"),
    ("«jean@free.fr»", "jean@free.fr", "corrected", "email.wrapper"),
    ("E-mail : jean@free.fr", "jean@free.fr", "corrected", "email.wrapper"),
    ("Courriel: jean@free.fr", "jean@free.fr", "corrected", "email.wrapper"),
    ("jean@free.fr (perso)", "jean@free.fr", "corrected", "email.wrapper"),
    ("jean@free.fr.", "jean@free.fr", "corrected", "email.punctuation"),
    ("jean@free.fr,", "jean@free.fr", "corrected", "email.punctuation"),
    ("jean@free.fr;", "jean@free.fr", "corrected", "email.punctuation"),
    ("jean..dupont@free.fr", "jean.dupont@free.fr", "corrected", "email.punctuation"),
    ("jean.dupont@free..fr", "jean.dupont@free.fr", "corrected", "email.punctuation"),
    ("jean .dupont@ gmail.com", "jean.dupont@gmail.com", "corrected", "email.spaces"),
    ("jean.dupont @ gmail . com", "jean.dupont@gmail.com", "corrected", "email.spaces"),
    ("jean＠free.fr", "jean@free.fr", "corrected", "email.at_sign"),
    ("jean(at)free.fr", "jean@free.fr", "corrected", "email.at_sign"),
    ("jean [at] free.fr", "jean@free.fr", "corrected", "email.at_sign"),
    ("jean(arobase)free.fr", "jean@free.fr", "corrected", "email.at_sign"),
    ("jean@@free.fr", "jean@free.fr", "corrected", "email.at_sign"),
    ("jean@café-du-port.fr", "jean@café-du-port.fr", "valid", ""),  # accents in the domain are fine (IDN)
    ("jean+ot@gmail.com", "jean+ot@gmail.com", "valid", ""),
    ("o'connor@yahoo.co.uk", "o'connor@yahoo.co.uk", "valid", ""),
    ("NULL", "", "empty", "text.placeholder"),
    ("", "", "empty", ""),
]


@pytest.mark.parametrize(("raw", "value", "status", "reason"), CASES)
def test_addresses_are_unwrapped_and_lowercased(raw, value, status, reason):
    assert _row(clean_emails(pd.Series([raw]))) == (value, status, reason, "")


SEVERAL = [
    ("a.martin@free.fr; b.martin@sfr.fr", "b.martin@sfr.fr"),
    ("a.martin@free.fr, b.martin@sfr.fr", "b.martin@sfr.fr"),
    ("a.martin@free.fr b.martin@sfr.fr", "b.martin@sfr.fr"),
    ("a.martin@free.fr / b.martin@sfr.fr", "b.martin@sfr.fr"),
    ("a.martin@free.fr\nb.martin@sfr.fr", "b.martin@sfr.fr"),
    ("a.martin@free.fr et b.martin@sfr.fr", "b.martin@sfr.fr"),
    ("a.martin@free.fr ou B.Martin@Gmial.com", "b.martin@gmail.com"),
    ("a.martin@free.fr;b.martin@sfr.fr;c.martin@orange.fr", "b.martin@sfr.fr ; c.martin@orange.fr"),
    ("a.martin@free.fr; A.Martin@free.fr", ""),  # the same address twice
]


@pytest.mark.parametrize(("raw", "others"), SEVERAL)
def test_first_address_kept_others_moved(raw, others):
    result = clean_emails(pd.Series([raw]))
    assert result.values[0] == "a.martin@free.fr"
    assert result.status[0] == "corrected"
    assert "email.multiple" in result.reason[0] or not others
    assert result.extra["other_emails"][0] == others


def test_first_valid_address_wins():
    result = clean_emails(pd.Series(["jean@ ; hélène@free.fr ; helene.petit@free.fr"]))
    others = "jean@ ; hélène@free.fr"  # nothing is lost: invalid ones are listed too, for staff to see
    assert _row(result) == ("helene.petit@free.fr", "corrected", "email.multiple", others)
    result = clean_emails(pd.Series(["hélène@free.fr ; helene.petit@free.fr"]))
    assert _row(result) == ("helene.petit@free.fr", "corrected", "email.multiple", "hélène@free.fr")


TYPOS = [
    ("gmial.com", "gmail.com"),
    ("gmai.com", "gmail.com"),
    ("gamil.com", "gmail.com"),
    ("gmaill.com", "gmail.com"),
    ("gmail.con", "gmail.com"),
    ("gmail.cmo", "gmail.com"),
    ("gmial.con", "gmail.com"),
    ("gmail.fr", "gmail.com"),
    ("gmail", "gmail.com"),
    ("free", "free.fr"),
    ("hotmial.fr", "hotmail.fr"),
    ("hotmal.com", "hotmail.com"),
    ("hotmail.frr", "hotmail.fr"),
    ("hotmail.fe", "hotmail.fr"),
    ("orange.fe", "orange.fr"),
    ("ornage.fr", "orange.fr"),
    ("oragne.fr", "orange.fr"),
    ("wanadoo.f", "wanadoo.fr"),
    ("wanado.fr", "wanadoo.fr"),
    ("wanaddo.fr", "wanadoo.fr"),
    ("laposte.nte", "laposte.net"),
    ("lapost.net", "laposte.net"),
    ("yahooo.fr", "yahoo.fr"),
    ("outlok.fr", "outlook.fr"),
    ("icoud.com", "icloud.com"),
    ("free.frr", "free.fr"),
    ("sfr.fe", "sfr.fr"),
    ("btinternt.com", "btinternet.com"),
    ("btintenet.co.uk", "btintenet.co.uk"),  # no known provider with that suffix: left alone
]


@pytest.mark.parametrize(("domain", "fixed"), TYPOS)
def test_domain_typos(domain, fixed):
    assert fix_domain(domain) == fixed
    if fixed != domain:
        assert _row(clean_emails(pd.Series([f"jean.dupont@{domain}"]))) == (
            f"jean.dupont@{fixed}",
            "corrected",
            "email.domain_typo",
            "",
        )


UNTOUCHED = [
    "gmx.fr", "mail.com", "orange.com", "free.fr", "sfr.fr", "neuf.fr", "live.fr", "aol.fr", "me.com",
    "mairie-melun.fr", "otmelun.fr", "ot-chamonix.com", "tourisme-vendee.com", "cloud.com", "email.com",
    "grange.fr", "frees.fr", "yahoo.co", "hotmail.co.jp", "gmail.de", "orange.be", "laposte.fr",
    "univ-lille.fr", "hotmail.es", "yahoo.es", "gmx.ch", "web.de", "wed.de",
]  # fmt: skip


@pytest.mark.parametrize("domain", UNTOUCHED)
def test_real_or_unknown_domains_are_never_changed(domain):
    assert fix_domain(domain) == domain
    assert _row(clean_emails(pd.Series([f"contact@{domain}"]))) == (f"contact@{domain}", "valid", "", "")


def test_known_domains_are_never_rewritten():
    assert all(fix_domain(domain) == domain for domain in KNOWN_DOMAINS)
    assert {"gmail.com", "hotmail.fr", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net"} <= KNOWN_DOMAINS
    assert isinstance(KNOWN_DOMAINS, frozenset)


INVALID = [
    ("jean@", "email.invalid"),
    ("@free.fr", "email.invalid"),
    ("jean.free.fr", "email.invalid"),
    ("jean dupont@free.fr", "email.invalid"),  # is "jean" part of the address or a first name?
    ("jean.@free.fr", "email.invalid"),
    ("jean@mairie", "email.invalid"),
    ("jean@hotmail", "email.invalid"),  # .fr or .com? no guess
    ("jean@localhost", "email.invalid"),
    ("jean@exemple.test", "email.invalid"),
    ("jean@free.fr@orange.fr", "email.invalid"),
    ("0612345678", "email.invalid"),
    ("hélène@free.fr", "email.non_ascii"),
]


@pytest.mark.parametrize(("raw", "reason"), INVALID)
def test_invalid_addresses_are_kept_and_flagged(raw, reason):
    assert _row(clean_emails(pd.Series([raw]))) == (raw, "invalid", reason, "")


def test_accented_address_is_lowercased_but_flagged():
    assert _row(clean_emails(pd.Series(["François.Dupont@Orange.fr"]))) == (
        "françois.dupont@orange.fr",
        "invalid",
        "email.non_ascii",
        "",
    )


def test_invalid_value_is_text_fixed():
    assert _row(clean_emails(pd.Series(["  hÃ©lÃ¨ne@free.fr "]))) == (
        "hélène@free.fr",
        "invalid",
        "text.mojibake,text.spaces,email.non_ascii",
        "",
    )


def test_email_key():
    assert email_key(" Jean.Dupont@GMAIL.com ") == "jean.dupont@gmail.com"
    assert email_key("j.e.a.n@gmail.com") == "j.e.a.n@gmail.com"  # gmail dots are kept
    assert email_key("") == ""


def test_index_kept_input_untouched_one_run_per_distinct_value(monkeypatch):
    calls = []
    original = emails._clean_cell

    def counting(value, *, check_dns):
        calls.append(value)
        return original(value, check_dns=check_dns)

    monkeypatch.setattr(emails, "_clean_cell", counting)
    series = pd.Series(["Jean@Free.fr", None, "Jean@Free.fr", "x"] * 25, index=range(100, 0, -1))
    before = series.copy()
    result = clean_emails(series)
    pd.testing.assert_series_equal(series, before)
    assert result.values.index.equals(series.index)
    assert result.extra["other_emails"].index.equals(series.index)
    assert sorted(calls) == ["", "Jean@Free.fr", "x"]


def test_every_code_has_french_and_english_wording():
    names = "lowercase wrapper spaces at_sign punctuation domain_typo multiple invalid non_ascii"
    for code in ("email." + name for name in names.split()):
        french, english = REASONS[code]
        assert french and english and french[0] == french[0].lower()


ATOM = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-", min_size=1, max_size=12)
LOCAL = st.lists(ATOM, min_size=1, max_size=4).map(".".join) | st.text(min_size=1, max_size=20)
DOMAIN = st.sampled_from(sorted(KNOWN_DOMAINS) + ["mairie-melun.fr", "-bad.fr", "a..b", "xn--caf-dma.fr", "x"])


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(LOCAL, DOMAIN)
def test_fast_path_agrees_with_email_validator(local, domain):
    address = f"{local}@{domain}"
    try:
        expected = str(validate_email(address, check_deliverability=False).normalized).lower()
    except EmailNotValidError:
        expected = None
    assert emails._validate(address, False) == expected


EMAIL_LIKE = st.one_of(
    st.none(),
    st.text(alphabet="aéjn.@ ;,<>\"'()[]Ff-rRgmilco:", max_size=30),
    st.sampled_from([raw for raw, *_ in CASES + SEVERAL + INVALID] + [f"j@{d}" for d, _ in TYPOS]),
)


@settings(max_examples=200, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(EMAIL_LIKE, max_size=10))
def test_cleaning_is_idempotent(items):
    series = pd.Series(items, dtype=object)
    first = clean_emails(series)
    assert set(first.status) <= {"valid", "corrected", "invalid", "empty"}
    second = clean_emails(first.values)
    assert second.values.tolist() == first.values.tolist()
    assert second.status.tolist() == first.status.replace("corrected", "valid").tolist()


def test_duplicate_and_unordered_index_is_kept():
    series = pd.Series(["Jean@Free.fr", "marie@gmial.com", None], index=[7, 7, -1])
    result = clean_emails(series)
    assert result.values.index.equals(series.index)
    assert result.values.tolist() == ["jean@free.fr", "marie@gmail.com", ""]


ROLE_AND_THROWAWAY = [
    ("contact@hotel-du-port.fr", "email.role"),
    ("Contact.Hotel@orange.fr", "email.role"),
    ("info@otmelun.fr", "email.role"),
    ("accueil2@camping-les-pins.fr", "email.role"),
    ("reservation@gite-lavande.com", "email.role"),
    ("noreply@booking.com", "email.role"),
    ("no-reply@sncf.fr", "email.role"),
    ("ne_pas_repondre@mairie-melun.fr", "email.role"),
    ("mairie.melun@wanadoo.fr", "email.role"),
    ("secretariat@asso-rando.fr", "email.role"),
    ("webmaster@example.org", "email.role"),
    ("test@yopmail.com", "email.disposable"),
    ("jean.dupont@yopmail.fr", "email.disposable"),
    ("marie@mailinator.com", "email.disposable"),
    ("contact@jetable.org", "email.disposable"),
    ("paul@sub.yopmail.com", "email.disposable"),
    # people, even with a role word somewhere in the address
    ("jean.contact@free.fr", ""),
    ("marie.info@gmail.com", ""),
    ("contactez.moi@free.fr", ""),
    ("helene.direction@mairie-melun.fr", ""),
    ("infirmiere.dupont@laposte.net", ""),
]


@pytest.mark.parametrize(("raw", "flag"), ROLE_AND_THROWAWAY)
def test_role_and_throwaway_addresses_stay_valid_and_are_flagged(raw, flag):
    result = clean_emails(pd.Series([raw]))
    assert result.status.iloc[0] in ("valid", "corrected")
    assert result.values.iloc[0] == raw.lower()
    assert result.extra["flag"].iloc[0] == flag


def test_invalid_and_empty_cells_carry_no_flag():
    result = clean_emails(pd.Series(["contact@", "", "noreply@yopmail"]))
    assert result.extra["flag"].tolist() == ["", "", ""]


def test_the_throwaway_list_holds_no_common_provider():
    from disposable_email_domains import blocklist

    assert "yopmail.com" in blocklist
    assert not KNOWN_DOMAINS & blocklist


def _disagreements(values: list[str]) -> tuple[dict, list[str]]:
    """The addresses read at once, and those whose outcome differs from the one-by-one cleaner's."""
    fast = emails._plain_at_once(pd.Series(values, dtype=object))
    differ = []
    for value, found in fast.items():
        slow = emails._clean_cell(value, check_dns=False)
        if (slow[0], slow[1], slow[2], dict(slow[3])) != (found[0], found[1], found[2], dict(found[3])):
            differ.append(value)
    return fast, differ


def test_plain_addresses_read_at_once_give_what_the_cleaner_gives() -> None:
    from grc_toolkit.testing import generate_export

    made = list(generate_export(1500, seed=12).messy["Email"].unique())
    odd = [
        "jean.dupont@gmial.com",  # a typo'd provider: the cleaner's to fix
        "contact@hotel-du-port.fr",  # a role address: flagged
        "test@yopmail.com",  # a throwaway one: flagged
        "jean..dupont@free.fr",
        "jean.@free.fr",
        "a@b.c",
        "x@-bad.fr",
        "x@bad-.fr",
        "x@localhost",
        "jean@free.fr.",
        "n/a",
        "a" * 65 + "@free.fr",
        "jean+ot@orange.fr",
        "jean_dupont@xn--caf-dma.fr",
        "123@456.fr",
    ]
    fast, differ = _disagreements(made + odd)
    assert differ == []
    assert len(fast) > len(made) / 2  # most of a file is read at once
    assert "jean.dupont@gmial.com" not in fast and "a" * 65 + "@free.fr" not in fast
    assert fast["contact@hotel-du-port.fr"][3]["flag"] == "email.role"


@given(st.lists(st.from_regex(r"[a-z0-9._+-]{1,12}@[a-z0-9.-]{1,12}\.[a-z]{1,4}", fullmatch=True), max_size=20))
@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_any_address_read_at_once_agrees_with_the_cleaner(values: list[str]) -> None:
    assert _disagreements(values)[1] == []
