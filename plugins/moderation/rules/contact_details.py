"""Contact details (phone, e-mail, street address, social accounts): hold, to protect anonymity.

Members of a peer-support community are pseudonymous; a phone number or an Instagram handle
in a post can identify them, or let someone contact a vulnerable member off the platform.
Matching runs on the ``normalise``d text (core), so full-width digits, '＠', invisible characters
and look-alike letters count as well; English street addresses on NFKC text with case (capitals
tell 'Baker Street' from 'the street'). The phone numbers of the host's crisis resources, and
``[moderation] allowed_contacts``, may always be shared.

An e-mail address has a real '@' and a dotted domain, or is spelled out with both 'at' and
'dot' ('anna at gmail dot com') or names a mail provider ('anna at gmail'): 'not good at all. My'
is no address. An '@name' is a contact handle only next to a social network or an invitation
('my insta is @anna', 'add me @anna'), and never when it names a member of this community:
members mention each other.

Every pattern starts with a literal or a character class, so each is one fast scan; e-mail
addresses are found from their '@' (or 'at') outwards.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask_babel import gettext as _

from forum.core.api import User, db, normalise

from .base import Rule

_DASHES = r"\-.()ー−‐–—/ "
# A '+' or digit not glued to a word, then 8 to 14 more digits with short separators.
_PHONE = re.compile(rf"[+0-9](?<![0-9a-z+_].)(?:[{_DASHES}]{{0,2}}[0-9]){{8,14}}(?![0-9a-z])")
_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_AT = re.compile(r"@|\(at\)|\[at\]| at ")
_LOCAL_PART = re.compile(r"[a-z0-9._%+\-]+$")
_SPELLED_LOCAL_PART = re.compile(r"[a-z0-9._%+\-]+ ?$")
_DOMAIN = re.compile(r"[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}(?![a-z0-9])")
_SPELLED_DOT = r"(?:\(dot\)|\[dot\]| dot )"
_PROVIDERS = r"(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|proton|protonmail|aol|gmx|yandex|live|mail)"
_SPELLED_DOMAIN = re.compile(
    rf" ?(?:[a-z0-9\-]+ ?{_SPELLED_DOT} ?[a-z]{{2,24}}"
    rf"|{_PROVIDERS}(?: ?(?:\.|{_SPELLED_DOT}) ?[a-z]{{2,6}})?)(?![a-z0-9])"
)
_HANDLE = re.compile(r"@(?<![a-z0-9._%+\-]@)[a-z0-9_][a-z0-9_.]{1,29}")
_SOCIAL_CONTEXT = re.compile(
    r"insta|instagram|\big\b|twitter|tiktok|snap|discord|telegram|kik|whatsapp|facebook|\bfb\b|threads"
    r"|follow|add me|dm me|message me|text me|hit me up|find me|reach me|contact me|my handle|my account"
    r"|インスタ|ツイッター|フォロー|ライン|ディスコ|dm"
)
_SOCIAL_LINK = re.compile(
    r"(?:instagram\.com|twitter\.com|x\.com|facebook\.com|fb\.com|fb\.me|tiktok\.com|discord\.gg"
    r"|discord(?:app)?\.com/(?:invite|users)|line\.me|lin\.ee|t\.me|snapchat\.com|kik\.me|wa\.me)"
    r"/[^\s)]+"
)
_SOCIAL_ID = re.compile(
    r"(?:line|insta|instagram|ig|twitter|discord|snapchat|snap|kik|telegram|whatsapp|skype"
    r"|ライン|インスタ|ツイッター|ディスコード|カカオ)"
    r" ?(?:id|アイディ|のid)? ?(?:[:：=]|は) ?@?[a-z0-9_][a-z0-9_.\-#]{2,}"
)
_STREET = re.compile(
    r"[0-9](?<![0-9A-Za-z][0-9])[0-9]{0,4}[a-zA-Z]? (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Road|Rd|Avenue"
    r"|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Place|Pl|Close|Crescent|Way|Terrace|Square"
    r"|Gardens)\b"
)
_UK_POSTCODE = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z]?[0-9][A-Z0-9]? [0-9][A-Z]{2}\b")
_JA_POSTCODE = re.compile(r"〒 ?\d{3}[-ー−]?\d{4}|郵便番号 ?[:：]? ?\d{3}[-ー−]?\d{4}")
_JA_NUMBERS = "0-9一二三四五六七八九十"
_JA_BLOCK = re.compile(  # 一丁目, 3番地, 5番12号, 201号室
    rf"[{_JA_NUMBERS}](?<![{_JA_NUMBERS}].)[{_JA_NUMBERS}]*(?:丁目|番地|番[0-9]+号|号室)"
)
# Asking a member for theirs ('what's your number?', '連絡先教えて'): how contact moves off the platform.
_YOUR_CONTACT = re.compile(r"your (?:phone number|phone|number|cell|mobile|email|e-mail|address|home address"
                           r"|snapchat|snap|insta|instagram|discord|whatsapp|kik|telegram|line id|socials)"
                           # ending the request: not 'your number one tip', 'your email client'
                           r"(?= *(?:[?.!,]|$|(?:so|and|pls|please|plz|i|we|or|then|to|for me|babe|hun)"
                           r"(?![a-z])))")
_ASK_BEFORE = re.compile(r"(?:what s|whats|what is|what's|give me|send me|tell me|share|drop|dm me|pm me"
                         r"|(?:can|could|may) i (?:have|get)) $")
_JA_ASK = re.compile(r"(?:連絡先|電話番号|番号|ライン|line|メアド|メールアドレス|住所|インスタ)"
                     r"(?:を|も|とか)?(?:教えて|おしえて|交換し|ちょうだい|送って)")
_JA_ADDRESS = re.compile(r"[都道府県市区町村郡][^\s。、]{0,10}?\d{1,4}(?:[-ー−‐]\d{1,4}){2}")  # 神南1-2-3


_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
ENOUGH = 5  # findings: more change neither the hold nor the moderator's quote


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def allowed_contacts(settings: dict[str, dict[str, Any]]) -> tuple[set[str], set[str]]:
    """Phone numbers (as digits) and other contacts (folded) that may always be shared."""
    resources = settings["community"]["crisis_resources"]
    allowed = list(settings["moderation"]["allowed_contacts"])
    allowed += [str(r.get("phone", "")) for r in resources if isinstance(r, dict)]
    phones = {_digits(normalise(entry)) for entry in allowed if _digits(normalise(entry))}
    others = {normalise(entry).strip() for entry in allowed if not _digits(normalise(entry))}
    return phones, others


class ContactDetailsRule(Rule):
    name = "contact_details"
    severity = 2

    def __init__(self, settings: dict[str, dict[str, Any]]) -> None:
        super().__init__(settings)
        self.allowed_phones, self.allowed_other = allowed_contacts(settings)

    def find(self, text: str) -> list[str]:
        form = normalise(text)
        return self._phones(form) + self._online(form) + _addresses(text) + _requests(form)

    def reason(self, found: str) -> str:
        return _("Contact details: %(found)s", found=found)

    def member_message(self) -> str:
        return _("To protect your anonymity and everyone else's, please don't share phone numbers, "
                 "e-mail or home addresses, or social media accounts here. A moderator will read "
                 "your post.")

    def _phones(self, form: str) -> list[str]:
        found: list[str] = []
        for match in _PHONE.finditer(form):
            if len(found) >= ENOUGH:
                break
            number = match.group()
            digits = _digits(number)
            too_short = len(digits) < (9 if number.startswith("+") else 10)
            if too_short or _DATE.match(number) or digits in self.allowed_phones:
                continue
            found.append(number)
        return found

    def _online(self, form: str) -> list[str]:
        found = _emails(form) + _handles(form)
        if "/" in form:  # cheap checks first: most posts have no link and no "id: ..."
            found += [m.group() for m in _SOCIAL_LINK.finditer(form)]
        if any(mark in form for mark in ":=：は"):
            found += [m.group() for m in _SOCIAL_ID.finditer(form) if not _glued(form, m.start())]
        return [entry for entry in found if entry.strip() not in self.allowed_other]


def _emails(form: str) -> list[str]:
    """From each '@' (or '(at)', ' at '): a local part before it and a domain after."""
    found: list[str] = []
    for at in _AT.finditer(form):
        if len(found) >= ENOUGH:
            break
        real = at.group() == "@"
        domain = (_DOMAIN if real else _SPELLED_DOMAIN).match(form, at.end())
        local_part = _LOCAL_PART if real else _SPELLED_LOCAL_PART
        local = domain and local_part.search(form, max(0, at.start() - 64), at.start())
        if local:
            found.append(form[local.start():domain.end()])
    return found


def _handles(form: str) -> list[str]:
    """'@name' next to a social network or an invitation, unless a member is called so."""
    if "@" not in form or not _SOCIAL_CONTEXT.search(form):
        return []
    handles = {m.group() for m in _HANDLE.finditer(form)}
    return sorted(handles - {f"@{name}" for name in _member_names({h[1:] for h in handles})})


def _member_names(names: set[str]) -> set[str]:
    """Which of ``names`` are members here (one query; none without a database)."""
    if not names:
        return set()
    try:
        return set(db.session.scalars(db.select(User.username_key).where(User.username_key.in_(names))))
    except Exception:  # no app or no tables (``forum screen`` on a bare config): nobody to spare
        db.session.rollback()
        return set()


def _glued(form: str, position: int) -> bool:
    """'big: ...' is not 'ig: ...': the keyword must start a word."""
    return position > 0 and re.match(r"[0-9a-z]", form[position - 1]) is not None


def _requests(form: str) -> list[str]:
    """'whats your phone number', 'can i have your snap', '連絡先教えて'."""
    found = [match.group() for match in _YOUR_CONTACT.finditer(form)
             if _ASK_BEFORE.search(form, max(0, match.start() - 12), match.start())]
    if not form.isascii():
        found += [match.group() for match in _JA_ASK.finditer(form)]
    return found[:ENOUGH]


def _addresses(text: str) -> list[str]:
    form = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    patterns = (_STREET, _UK_POSTCODE) if form.isascii() else (
        _STREET, _UK_POSTCODE, _JA_POSTCODE, _JA_BLOCK, _JA_ADDRESS)
    return [match.group() for pattern in patterns for match in pattern.finditer(form)]
