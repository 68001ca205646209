"""ISO 4217 currency codes, and the symbols and names articles use for them."""

from __future__ import annotations

__all__ = ["ISO_4217", "NAMES", "SYMBOLS", "is_currency_code"]

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
    ZMW ZWG XAU XAG
    """.split()
)

# Symbols, longest first where one is a prefix of another. A bare "$" means USD.
SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
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
    "Rs.": "INR",
    "Rs": "INR",
}

# Currency words, lower case. "rupees" alone is ambiguous (INR, PKR, LKR, NPR): INR unless the
# article names another country's rupee.
NAMES: dict[str, str] = {
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
}


def is_currency_code(code: str) -> bool:
    """True when ``code`` is an active ISO 4217 alphabetic code (upper case)."""
    return code in ISO_4217
