"""Citizen ID numbers (公民身份号码), GB 11643-1999.

18 characters: 6-digit region code, 8-digit birth date (YYYYMMDD), 3-digit sequence (odd for
male, even for female) and an ISO 7064 MOD 11-2 check character (0-9 or X). Legacy 15-digit
numbers (YYMMDD birth date, 19xx century, no check digit) are converted to 18 digits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from . import divisions
from .messages import Bilingual, FieldError, Message

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# First two digits: provinces and equivalent (GB/T 2260), incl. Taiwan, Hong Kong, Macao.
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
     50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
)
EARLIEST_BIRTH = date(1900, 1, 1)

SEX_MALE = "男"
SEX_FEMALE = "女"


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdInfo:
    number: str  # normalised 18-character number
    birth_date: date
    sex: str  # 男 / 女
    region: str
    converted_from_legacy: bool = False


def normalise(raw: str) -> str:
    """The ASCII form of a typed number: fullwidth and other Unicode decimal digits become
    0-9, a fullwidth or lowercase x becomes X, spaces (also the ideographic space) go."""
    out = []
    for ch in unicodedata.normalize("NFKC", raw):
        if ch.isspace():
            continue
        digit = unicodedata.decimal(ch, None)
        out.append(str(digit) if digit is not None else ch.upper() if ch in "xX" else ch)
    return "".join(out)


def region_error(number: str, birth: date | None) -> str | None:
    """Why the 6-digit region code of ``number`` is not a county code (GB/T 2260) that could
    be given to someone born on ``birth``: ``id_region`` (no such code in any revision) or
    ``id_region_gone`` (the code was abolished before the birth); None when it is fine."""
    code = number[:6]
    province = int(code[:2])
    if province not in PROVINCES:
        return "id_region"
    if code[2:] == "0000":
        # a province code alone is not a place of household registration, except the
        # codes given to residents of Taiwan, Hong Kong and Macao
        return None if province >= 70 else "id_region"
    found = divisions.region(code)
    if found is None:
        return "id_region"
    if birth is not None and found.gone and birth.year > int(found.gone[:4]):
        return "id_region_gone"
    return None


def convert_legacy(number15: str) -> str:
    """Convert a 15-digit legacy number to 18 digits (century 19, new check digit)."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


def parse(
    raw: str, label: str | Bilingual = "公民身份号码", today: date | None = None, fname: str = "id_number"
) -> IdInfo | FieldError:
    """Validate ``raw``; return the parsed number or a FieldError naming the reason."""
    number = normalise(raw)
    converted = False

    def err(code: str, **params: object) -> FieldError:
        return FieldError(fname, Message(code, {"label": label, **params}))

    if len(number) == 15:
        if not number.isdigit():
            return err("id_chars")
        number = convert_legacy(number)
        converted = True
    if len(number) != 18:
        return err("id_length")
    if not (number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")):
        return err("id_chars")
    if region_error(number, None):
        return err("id_region", value=number[:6])
    ymd = number[6:14]
    try:
        birth = date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:8]))
    except ValueError:
        return err("id_birth", value=f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:8]}")
    if region_error(number, birth):
        found = divisions.region(number[:6])
        return err("id_region_gone", value=number[:6], name=found.name if found else "",
                   year=found.gone[:4] if found else "")
    if birth < EARLIEST_BIRTH or birth > (today or date.today()):
        return err("id_birth", value=birth.isoformat())
    if not converted and check_char(number[:17]) != number[17]:
        return err("id_checksum")
    sex = SEX_MALE if int(number[16]) % 2 == 1 else SEX_FEMALE
    return IdInfo(number, birth, sex, number[:6], converted)


def make(region: str, birth: date, sequence: int, sex: str) -> str:
    """Build a valid 18-digit number (used by the demo generator and tests).

    ``sequence`` is 0..99; the third sequence digit is chosen to match ``sex``.
    """
    if len(region) != 6 or not region.isdigit():
        raise ValueError("region must be 6 digits")
    parity = 1 if sex == SEX_MALE else 0
    last = (sequence * 2 + parity) % 10
    if last % 2 != parity:
        last = (last + 1) % 10
    first17 = f"{region}{birth:%Y%m%d}{sequence % 100:02d}{last}"
    return first17 + check_char(first17)


def check_against(
    info: IdInfo,
    birth_date: date | None,
    sex: str | None,
    label: str | Bilingual = "公民身份号码",
    fname: str = "id_number",
) -> list[FieldError]:
    """The record's birth date and sex must agree with the number (R8)."""
    errors: list[FieldError] = []
    if birth_date is not None and birth_date != info.birth_date:
        errors.append(
            FieldError(fname, Message("id_birth_mismatch",
                                            {"label": label, "value": birth_date.isoformat()}))
        )
    if sex is not None and sex in (SEX_MALE, SEX_FEMALE) and sex != info.sex:
        errors.append(
            FieldError(fname, Message("id_sex_mismatch", {"label": label, "value": info.sex}))
        )
    return errors
