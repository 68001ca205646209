"""ISO 4217 currency codes, and the symbols and names articles use for them."""

from __future__ import annotations

from .currency_names import CLDR_ALONE, CLDR_NAMES, CLDR_SHARED

__all__ = [
    "CODE_ALIASES",
    "ISO_4217",
    "LETTER_SYMBOLS",
    "NAMES",
    "SHARED",
    "SHARED_FORMS",
    "SHARED_SYMBOLS",
    "SYMBOLS",
    "SYMBOL_FORMS",
    "SYMBOL_OWNERS",
    "is_currency_code",
    "shared_word",
]

# Active ISO 4217 alphabetic codes (list maintained by SIX on behalf of ISO), plus XAU/XAG.
ISO_4217: frozenset[str] = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
    FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
    MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
    RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
    TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR
    ZMW ZWG XAU XAG XDR
    """.split()
)

#: Symbols of one capital letter, each with the countries that write it for their currency:
#: keys of ``SHARED`` too (never currency words), read from the payer, and with no default.
LETTER_SYMBOLS: dict[str, dict[str, tuple[str, ...]]] = {
    "K": {"PGK": ("Papua New Guinea",), "ZMW": ("Zambia",), "MMK": ("Myanmar",)},
    "N": {"NGN": ("Nigeria",)},
    "P": {"PHP": ("Philippines",), "BWP": ("Botswana",)},
    "R": {"ZAR": ("South Africa",)},
    "Q": {"GTQ": ("Guatemala",)},
    "L": {"HNL": ("Honduras",), "LSL": ("Lesotho",), "ALL": ("Albania",)},
    "G": {"HTG": ("Haiti",)},
    "D": {"GMD": ("Gambia",)},
    "E": {"SZL": ("Eswatini",)},
    "M": {"LSL": ("Lesotho",)},
}  # fmt: skip
#: Other symbols several countries write, none by default: "SR" is Saudi Arabia's riyal and
#: the Seychelles' rupee, "Bs." Bolivia's boliviano and Venezuela's bolívar.
SYMBOL_OWNERS: dict[str, dict[str, tuple[str, ...]]] = {
    **LETTER_SYMBOLS,
    "SR": {"SAR": ("Saudi Arabia",), "SCR": ("Seychelles",)},
    "Bs.": {"BOB": ("Bolivia",), "VES": ("Venezuela",)},
    "Bs": {"BOB": ("Bolivia",), "VES": ("Venezuela",)},
    # shillings, as East African papers write them: "Shs1.3b" (Uganda), "Sh3.1 billion"
    "Shs": {"UGX": ("Uganda",), "KES": ("Kenya",), "TZS": ("Tanzania",), "SOS": ("Somalia",)},
    "Sh": {"UGX": ("Uganda",), "KES": ("Kenya",), "TZS": ("Tanzania",), "SOS": ("Somalia",)},
    # Bosnia's convertible mark, "KM 450,000": read only where the article names Bosnia
    "KM": {"BAM": ("Bosnia and Herzegovina", "Bosnia")},
}  # fmt: skip

# Symbols that name one currency (those several countries write are ``SHARED_SYMBOLS``). A bare
# "$" means USD.
SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "N$": "NAD",
    "NT$": "TWD",
    "J$": "JMD",
    "TT$": "TTD",
    "EC$": "XCD",
    "zł": "PLN",
    "₫": "VND",
    "฿": "THB",
    "₴": "UAH",
    "₸": "KZT",
    "₾": "GEL",
    "₼": "AZN",
    "₪": "ILS",
    "₵": "GHS",
    "Bt": "THB",
    "KSh": "KES",
    "TSh": "TZS",
    "USh": "UGX",
    "QR": "QAR",
    "RD$": "DOP",
    "$U": "UYU",
    "S/": "PEN",
    "E£": "EGP",
    "GH₵": "GHS",
    "Tk": "BDT",
    "MK": "MWK",
    "Rp": "IDR",
    "KD": "KWD",
    "BD": "BHD",
    "JD": "JOD",
    "RO": "OMR",
    "Dhs": "AED",
    "Dh": "AED",
    "Vt": "VUV",
    "VT": "VUV",
    "F$": "FJD",
    "FJ$": "FJD",
    "T$": "TOP",
    "WS$": "WST",
    "SI$": "SBD",
    "RM": "MYR",
    "Kč": "CZK",
    "Ft": "HUF",
    "B$": "BSD",
    "Bds$": "BBD",
    "BZ$": "BZD",
    "G$": "GYD",
    "L$": "LRD",
    "CI$": "KYD",
    "BD$": "BMD",
    "SRD$": "SRD",
    "NLe": "SLE",
    "Le": "SLE",
    "Nu.": "BTN",
    "Nu": "BTN",
    "Nfa": "ERN",
    "TOP$": "TOP",
    "SAT$": "WST",
    "DA": "DZD",
    "FBu": "BIF",
    "ZiG": "ZWG",
    "Fr.": "CHF",
    "SFr.": "CHF",
    "₲": "PYG",
    "₡": "CRC",
    "₮": "MNT",
    "₭": "LAK",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₽": "RUB",
    "₦": "NGN",
    "₱": "PHP",
}

# Currency words, lower case. "rupees" alone is ambiguous (INR, PKR, LKR, NPR): INR unless the
# article names another country's rupee.
_WRITTEN: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "dlrs": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "lira": "TRY",
    "liras": "TRY",
    "turkish lira": "TRY",
    "francs": "CHF",
    "swiss francs": "CHF",
    "won": "KRW",
    "rubles": "RUB",
    "roubles": "RUB",
    "riyals": "SAR",
    "dirhams": "AED",
    "dirham": "AED",
    "bolívares": "VES",
    "bolivares": "VES",
    "naira": "NGN",
    "rand": "ZAR",
    "reais": "BRL",
    "pesos": "MXN",
    "baht": "THB",
    "bolivianos": "BOB",
    "serbian dinars": "RSD",
    "soles": "PEN",
    "ouguiyas": "MRU",
    "ouguiya": "MRU",
    "taka": "BDT",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "dong": "VND",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "cedis": "GHS",
    "kwacha": "ZMW",
    "malawian kwacha": "MWK",
    "zambian kwacha": "ZMW",
    "birr": "ETB",
    "kenyan shillings": "KES",
    "tanzanian shillings": "TZS",
    "ugandan shillings": "UGX",
    "swedish kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "argentine pesos": "ARS",
    "mexican pesos": "MXN",
    "chilean pesos": "CLP",
    "philippine pesos": "PHP",
    "emirati dirhams": "AED",
    "egyptian pounds": "EGP",
    "brazilian reais": "BRL",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "romanian lei": "RON",
    "moldovan lei": "MDL",
    "azerbaijani manats": "AZN",
    "turkmen manats": "TMT",
    "icelandic kronur": "ISK",
    "czech crowns": "CZK",
    "tunisian dinars": "TND",
    "algerian dinars": "DZD",
    "jordanian dinars": "JOD",
    "kuwaiti dinars": "KWD",
    "iraqi dinars": "IQD",
    "bahraini dinars": "BHD",
    "libyan dinars": "LYD",
    "somali shillings": "SOS",
    "sri lankan rupees": "LKR",
    "nepalese rupees": "NPR",
    "nepali rupees": "NPR",
    "mauritian rupees": "MUR",
    "seychellois rupees": "SCR",
    "colombian pesos": "COP",
    "uruguayan pesos": "UYU",
    "dominican pesos": "DOP",
    "cuban pesos": "CUP",
    "west african cfa francs": "XOF",
    "central african cfa francs": "XAF",
    "rwandan francs": "RWF",
    "burundian francs": "BIF",
    "guinean francs": "GNF",
    "congolese francs": "CDF",
    "djiboutian francs": "DJF",
    "saudi riyals": "SAR",
    "qatari riyals": "QAR",
    "omani rials": "OMR",
    "iranian rials": "IRR",
    "yemeni rials": "YER",
    "costa rican colones": "CRC",
    "salvadoran colones": "SVC",
    "moroccan dirhams": "MAD",
    "lempiras": "HNL",
    "quetzales": "GTQ",
    "quetzals": "GTQ",
    "cordobas": "NIO",
    "córdobas": "NIO",
    "tugriks": "MNT",
    "shekels": "ILS",
    "soums": "UZS",
    "pula": "BWP",
    "forints": "HUF",
    "drams": "AMD",
    "dram": "AMD",
    "złoty": "PLN",
    "special drawing rights": "XDR",
    "lari": "GEL",
    "tenge": "KZT",
    "hryvnias": "UAH",
    "leva": "BGN",
    "denars": "MKD",
}

_WEST_CFA = ("Senegal", "Ivory Coast", "Mali", "Burkina Faso", "Niger", "Togo", "Benin",
             "Guinea-Bissau")  # fmt: skip
_CENTRAL_CFA = ("Cameroon", "Gabon", "Chad", "Congo", "Central African Republic",
                "Equatorial Guinea")  # fmt: skip
_Owners = dict[str, tuple[str, ...]]
_FRANCS: _Owners = {
    "CHF": ("Switzerland", "Liechtenstein"), "XOF": _WEST_CFA, "XAF": _CENTRAL_CFA,
    "RWF": ("Rwanda",), "BIF": ("Burundi",), "GNF": ("Guinea",), "DJF": ("Djibouti",),
    "KMF": ("Comoros",),
}  # fmt: skip
_RIYALS: _Owners = {
    "SAR": ("Saudi Arabia",), "QAR": ("Qatar",), "OMR": ("Oman",), "IRR": ("Iran",),
    "YER": ("Yemen",),
}  # fmt: skip

#: Currency words several countries use, with each country's code: an amount written with the
#: word alone ("4 billion kronor", "1.1 billion lei") is in the currency of the country that
#: pays it, which only the sentence around it can tell (``analysis`` reads it there).
_WRITTEN_SHARED: dict[str, _Owners] = {
    "rupees": {"INR": ("India",), "PKR": ("Pakistan",), "LKR": ("Sri Lanka",),
               "NPR": ("Nepal",), "MUR": ("Mauritius",), "SCR": ("Seychelles",)},
    "kronor": {"SEK": ("Sweden",), "ISK": ("Iceland",)},
    "kroner": {"NOK": ("Norway",), "DKK": ("Denmark",)},
    "crowns": {"CZK": ("Czech Republic",), "SEK": ("Sweden",), "NOK": ("Norway",),
               "DKK": ("Denmark",), "ISK": ("Iceland",)},
    "dinars": {"RSD": ("Serbia",), "DZD": ("Algeria",), "TND": ("Tunisia",),
               "JOD": ("Jordan",), "KWD": ("Kuwait",), "IQD": ("Iraq",), "BHD": ("Bahrain",),
               "LYD": ("Libya",)},
    "shillings": {"KES": ("Kenya",), "TZS": ("Tanzania",), "UGX": ("Uganda",),
                  "SOS": ("Somalia",)},
    "manats": {"AZN": ("Azerbaijan",), "TMT": ("Turkmenistan",)},
    "lei": {"RON": ("Romania",), "MDL": ("Moldova",)},
    "pesos": {"MXN": ("Mexico",), "ARS": ("Argentina",), "CLP": ("Chile",),
              "COP": ("Colombia",), "PHP": ("Philippines",), "UYU": ("Uruguay",),
              "DOP": ("Dominican Republic",), "CUP": ("Cuba",)},
    "francs": _FRANCS,
    "cfa francs": {"XOF": _WEST_CFA, "XAF": _CENTRAL_CFA},
    "colones": {"CRC": ("Costa Rica",), "SVC": ("El Salvador",)},
    "kwacha": {"ZMW": ("Zambia",), "MWK": ("Malawi",)},
    "riyals": _RIYALS,
    "rials": _RIYALS,
    "dirhams": {"AED": ("United Arab Emirates",), "MAD": ("Morocco",)},
}  # fmt: skip
#: Other forms of the words of ``SHARED``.
SHARED_FORMS = {"rupee": "rupees", "krona": "kronor", "krone": "kroner", "kronur": "kronor",
          "crown": "crowns", "dinar": "dinars", "shilling": "shillings", "manat": "manats",
          "leu": "lei", "peso": "pesos", "franc": "francs", "cfa franc": "cfa francs",
          "riyal": "riyals", "rial": "rials", "colón": "colones", "colon": "colones",
          "dirham": "dirhams", "fcfa": "cfa francs", "cfa": "cfa francs"}  # fmt: skip


#: Words of CLDR's names that are English words too: never money alone.
_NOT_MONEY = frozenset({"real", "reals", "sol", "lira"})
# Every currency CLDR names, under the names written above (which win): "Kyrgyz soms" and
# "soms" are KGS; a last word several currencies share is read from the payer, as above,
# unless a default is written above ("dollars": USD).
NAMES: dict[str, str] = {
    **CLDR_NAMES,
    **{w: c for w, c in CLDR_ALONE.items() if w not in _NOT_MONEY},
    **_WRITTEN,
}
SHARED: dict[str, _Owners] = {
    **{w: owners for w, owners in CLDR_SHARED.items() if w not in _WRITTEN},
    **_WRITTEN_SHARED,
    **SYMBOL_OWNERS,
}


#: Symbols several countries use: "Rs 8 billion" is Mauritius's in Port Louis. A letter alone
#: ("K45 million": Papua New Guinea's kina, Zambia's kwacha or Myanmar's kyat) has no default:
#: in an article that names none of its countries it is not read as money.
SHARED_SYMBOLS = {
    "Rs.": "rupees", "Rs": "rupees", "FCFA": "cfa francs", "CFA": "cfa francs",
    "kr.": "crowns", "kr": "crowns",
    **{symbol: symbol for symbol in SYMBOL_OWNERS},
}  # fmt: skip
#: Every symbol an amount can open with, longest first (so "US$" is tried before "$").
SYMBOL_FORMS: tuple[str, ...] = tuple(
    sorted({*SYMBOLS, *SHARED_SYMBOLS}, key=lambda s: (-len(s), s))
)


def shared_word(words: str) -> str | None:
    """The word of ``SHARED`` an amount ends with when nothing qualifies it ("4 billion
    kronor" -> "kronor"; "4 billion Swedish kronor" -> None; "SEK 4 billion" -> None), or that
    its symbol stands for ("Rs 8 billion" -> "rupees")."""
    for symbol, word in SHARED_SYMBOLS.items():
        if words.startswith(symbol) and words[len(symbol) : len(symbol) + 2].strip()[:1].isdigit():
            return word
    low = words.casefold().rstrip(". ").split()
    for size in (2, 1):
        tail = SHARED_FORMS.get(" ".join(low[-size:]), " ".join(low[-size:]))
        if len(low) >= size and tail in SHARED:
            qualified = " ".join(low[-size - 1 :]) if len(low) > size else ""
            return None if qualified in NAMES else tail
    return None


#: Codes written in articles that are not ISO 4217's own: the IMF's "SDR 97 million" is XDR.
CODE_ALIASES = {"SDR": "XDR"}


def is_currency_code(code: str) -> bool:
    """True when ``code`` is an active ISO 4217 alphabetic code (upper case)."""
    return code in ISO_4217
