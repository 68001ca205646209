"""Word lists the article analysis reads with: titles, honorifics, countries and their
demonyms, words that end an organisation's or a place's name, and the verbs of the news.

Closed classes only: the titles people hold, the words for speaking, meeting and promising.
Names themselves are never listed; they are read from the article.
"""

from __future__ import annotations

__all__ = [
    "CITIES",
    "COMMIT_VERBS",
    "CONTINUE_VERBS",
    "COUNTRIES",
    "DELEGATION_WORDS",
    "DEMONYMS",
    "DOCUMENT_WORDS",
    "HONORIFICS",
    "MEETING_CUES",
    "MODIFIERS",
    "NOT_NAMES",
    "ORG_WORDS",
    "PLACE_WORDS",
    "PORTFOLIOS",
    "REAFFIRM_VERBS",
    "SPEECH_VERBS",
    "SPOKES_WORDS",
    "TITLE_HEADS",
]

#: Words that head a title: "Prime Minister", "chief executive", "the bank's president".
TITLE_HEADS = frozenset(
    """
    president vice-president premier minister chancellor king queen prince princess emir sheikh
    secretary secretary-general governor mayor ambassador envoy commissioner senator congressman
    congresswoman lawmaker deputy speaker chairman chairwoman chair chairperson executive ceo cfo
    coo founder co-founder director director-general head leader counsel treasurer judge justice
    lawyer attorney prosecutor professor coordinator spokesman spokeswoman spokesperson negotiator
    mediator economist analyst official officer general marshal admiral colonel commander chief
    manager partner adviser advisor minister-president representative delegate consul
    superintendent inspector president-elect owner editor historian researcher fellow
    conciliator arbitrator facilitator envoy organiser organizer secretary-general
    secretary-of-state administrator controller auditor registrar provost rector dean
    councillor councilor alderman sheriff governor-general viceroy monarch sultan
    présidente président ministre première premier chancelier
    """.split()
)
#: Words that qualify a title before its head: "deputy mayor", "Foreign Minister".
MODIFIERS = frozenset(
    """
    deputy vice acting interim former outgoing incoming senior junior chief executive managing
    general regional city state federal national foreign finance trade interior defence defense
    economy economic energy health education justice labour labor agriculture transport
    environment culture prime first second principal associate assistant lead top joint
    independent retired union port bank company group party opposition relief police army naval
    military navy air supreme high shadow permanent special technical political commercial
    operating financial legal press communications information planning infrastructure
    industry sports tourism housing development public external home co executive-
    presidential ministerial government official cabinet resident
    """.split()
)
#: Government portfolios and departments that follow "Minister of" / "minister for".
PORTFOLIOS = frozenset(
    """
    information foreign affairs finance trade defence defense interior health education justice
    energy economy agriculture transport environment culture labour labor industry commerce
    planning infrastructure tourism housing operations staff army navy state development
    communications security home treasury fisheries water mines oil petroleum science
    technology digital sport sports youth women social welfare employment investment
    resources natural mining mines power electricity international relations cooperation
    climate external affairs livestock
    """.split()
)
#: Honorifics and ranks written before a surname: "Mr Okafor", "Marshal Syed Asim Munnir".
HONORIFICS = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady m mme mlle herr frau sen rep gen col maj capt
    marshal general admiral judge justice president minister mayor senator governor ambassador
    king queen prince princess sheikh emir pope colonel major captain lieutenant commander
    brigadier sergeant advocate
    """.split()
)
#: The last word of an organisation's or a body's name.
ORG_WORDS = frozenset(
    """
    group systems robotics bank fund trust alliance council union authority ministry office
    institute university party company corp corporation inc ltd plc llc agency organisation
    organization association commission committee court tribunal parliament assembly senate
    congress government board federation foundation society centre center club network
    holdings partners airlines airways shipping motors industries energy technologies
    labs media press times post news service services department chamber league forum
    programme program secretariat cabinet army navy police guard operations coalition bloc
    community reserve exchange market markets capital securities insurance power railways
    rail airport port harbour harbor school hospital museum nations cooperative co-operative
    limited ag sa gmbh nv bv asa ab oyj spa srl bhd tbk pte
    """.split()
)
#: The last word of a place's name: "Calder Point", "Rope Street", "Port Selwyn".
PLACE_WORDS = frozenset(
    """
    street road avenue square point bay river valley coast island islands mountain mountains
    hill hills lake sea ocean gulf strait park bridge station region province district county
    city town village plains desert forest peninsula cape harbour harbor quay breakwater
    """.split()
)
#: Capitalised words that never start or make a person's name.
#: Last words of a document's name ("Tirana Declaration"): no person's, and no party's either.
DOCUMENT_WORDS = frozenset(
    "declaration accord treaty protocol charter convention memorandum initiative".split()
)

NOT_NAMES = frozenset(
    """
    the a an this that these those his her its their our my your he she it they we i you
    and or but if when while after before since during as at in on of for to from by with
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    north south east west northern southern eastern western central new old great upper lower
    un eu nato who imf wto opec asean g7 g20 brics covid
    according although however meanwhile also both each every some many most several
    under over about into across against between among through without within
    god allah christmas easter ramadan eid
    because though unless whereas whether until once neither either nor
    """.split()
)
#: Words for saying something, as a verb of attribution.
SPEECH_VERBS = frozenset(
    """
    said says say told tells added adds noted stated declared declares
    announced announces explained explains warned warns insisted insists argued argues
    wrote writes asked asks replied replies remarked stressed stresses recalled
    recalls called described describes acknowledged acknowledges admitted admits
    commented urged urges promised vowed tweeted
    recognized recognised welcomed welcomes praised praises
    saying adding telling calling describing warning noting insisting arguing stressing
    déclaré déclare
    """.split()
)
#: People who speak for someone else: their words are not their principal's.
SPOKES_WORDS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen".split()
)
#: Words that report a meeting, and the kind of meeting each implies.
MEETING_CUES: dict[str, str] = {
    "met": "meeting",
    "meet": "meeting",
    "meets": "meeting",
    "meeting": "meeting",
    "talks": "talks",
    "negotiations": "talks",
    "summit": "summit",
    "visit": "visit",
    "visited": "visit",
    "visiting": "visit",
    "call": "phone call",
    "telephone": "phone call",
    "phone": "phone call",
    "spoke": "phone call",
    "conference": "conference",
    "hosted": "meeting",
    "ceremony": "signing ceremony",
    "reçu": "meeting",
    "entretiens": "talks",
    "rencontre": "meeting",
}
#: Words of a sentence that lists a party's delegation: its members take the party's side.
DELEGATION_WORDS = frozenset(
    """
    accompanied accompanying delegation delegations team included includes brought sent
    represented headed led joined
    """.split()
)
#: Verbs by which a party commits to something.
COMMIT_VERBS = frozenset(
    """
    agreed agree agrees pledged promised signed committed commit commits reaffirmed reaffirm
    vowed accepted undertook will renewed renew extended extend offered lent granted
    allocated
    signé ont engagés engagé
    """.split()
)
#: Verbs that continue an existing commitment (status "continued").
CONTINUE_VERBS = frozenset(
    """
    continue continued continues continuing extend extended extends extending extension
    renew renewed renews renewing renewal maintain maintained maintains prolong prolonged
    roll rolled
    """.split()
)
#: Verbs that restate one (status "reaffirmed").
REAFFIRM_VERBS = frozenset("reaffirm reaffirmed reaffirms reiterated reiterate restated".split())

#: Countries and the adjectives and plurals that name them (lower case).
COUNTRIES: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("afghan", "afghans"),
    "Albania": ("albanian",),
    "Algeria": ("algerian",),
    "Argentina": ("argentine", "argentinian"),
    "Armenia": ("armenian",),
    "Australia": ("australian",),
    "Austria": ("austrian",),
    "Azerbaijan": ("azerbaijani", "azeri"),
    "Bangladesh": ("bangladeshi",),
    "Belarus": ("belarusian",),
    "Belgium": ("belgian",),
    "Bolivia": ("bolivian",),
    "Bosnia": ("bosnian",),
    "Brazil": ("brazilian",),
    "Bulgaria": ("bulgarian",),
    "Cambodia": ("cambodian",),
    "Cameroon": ("cameroonian",),
    "Canada": ("canadian",),
    "Chile": ("chilean",),
    "China": ("chinese",),
    "Colombia": ("colombian",),
    "Croatia": ("croatian",),
    "Cuba": ("cuban",),
    "Cyprus": ("cypriot",),
    "Czech Republic": ("czech",),
    "Denmark": ("danish", "dane"),
    "Ecuador": ("ecuadorian",),
    "Egypt": ("egyptian",),
    "Estonia": ("estonian",),
    "Ethiopia": ("ethiopian",),
    "Finland": ("finnish", "finn"),
    "France": ("french",),
    "Georgia": ("georgian",),
    "Germany": ("german",),
    "Ghana": ("ghanaian",),
    "Greece": ("greek",),
    "Hungary": ("hungarian",),
    "Iceland": ("icelandic",),
    "India": ("indian", "indians"),
    "Indonesia": ("indonesian",),
    "Iran": ("iranian",),
    "Iraq": ("iraqi",),
    "Ireland": ("irish",),
    "Israel": ("israeli",),
    "Italy": ("italian",),
    "Japan": ("japanese",),
    "Jordan": ("jordanian",),
    "Kazakhstan": ("kazakh",),
    "Kenya": ("kenyan",),
    "Kuwait": ("kuwaiti",),
    "Laos": ("lao", "laotian"),
    "Latvia": ("latvian",),
    "Lebanon": ("lebanese",),
    "Libya": ("libyan",),
    "Lithuania": ("lithuanian",),
    "Malaysia": ("malaysian",),
    "Mauritania": ("mauritanian",),
    "Mexico": ("mexican",),
    "Moldova": ("moldovan",),
    "Mongolia": ("mongolian",),
    "Morocco": ("moroccan",),
    "Mozambique": ("mozambican",),
    "Myanmar": ("burmese",),
    "Nepal": ("nepali", "nepalese"),
    "Netherlands": ("dutch",),
    "New Zealand": ("new zealander",),
    "Nigeria": ("nigerian",),
    "North Korea": ("north korean",),
    "Norway": ("norwegian",),
    "Oman": ("omani",),
    "Pakistan": ("pakistani", "pakistanis"),
    "Paraguay": ("paraguayan",),
    "Peru": ("peruvian",),
    "Philippines": ("philippine", "filipino"),
    "Poland": ("polish",),
    "Portugal": ("portuguese",),
    "Qatar": ("qatari",),
    "Romania": ("romanian",),
    "Russia": ("russian",),
    "Rwanda": ("rwandan",),
    "Saudi Arabia": ("saudi",),
    "Senegal": ("senegalese",),
    "Serbia": ("serbian",),
    "Singapore": ("singaporean",),
    "Slovakia": ("slovak",),
    "Slovenia": ("slovenian",),
    "Somalia": ("somali",),
    "South Africa": ("south african",),
    "South Korea": ("south korean", "korean"),
    "Spain": ("spanish",),
    "Sri Lanka": ("sri lankan",),
    "Sudan": ("sudanese",),
    "Suriname": ("surinamese",),
    "Guyana": ("guyanese",),
    "Sweden": ("swedish", "swede"),
    "Switzerland": ("swiss",),
    "Syria": ("syrian",),
    "Taiwan": ("taiwanese",),
    "Tajikistan": ("tajik",),
    "Tanzania": ("tanzanian",),
    "Thailand": ("thai",),
    "Tunisia": ("tunisian",),
    "Turkey": ("turkish", "turkiye", "türkiye"),
    "Uganda": ("ugandan",),
    "Ukraine": ("ukrainian",),
    "United Arab Emirates": ("emirati", "uae"),
    "United Kingdom": ("british", "uk", "britain"),
    "United States": ("american", "us", "u.s.", "usa"),
    "Uruguay": ("uruguayan",),
    "Uzbekistan": ("uzbek",),
    "Venezuela": ("venezuelan",),
    "Vietnam": ("vietnamese",),
    "Yemen": ("yemeni",),
    "Zambia": ("zambian",),
    "Zimbabwe": ("zimbabwean",),
    # The other UN members, and Kosovo and Palestine.
    "Andorra": ("andorran",),
    "Angola": ("angolan",),
    "Antigua and Barbuda": ("antiguan",),
    "Bahamas": ("bahamian",),
    "Bahrain": ("bahraini",),
    "Barbados": ("barbadian",),
    "Belize": ("belizean",),
    "Benin": ("beninese",),
    "Bhutan": ("bhutanese",),
    "Bosnia and Herzegovina": ("bosnian",),
    "Botswana": ("botswanan",),
    "Brunei": ("bruneian",),
    "Burkina Faso": ("burkinabe",),
    "Burundi": ("burundian",),
    "Cape Verde": ("cape verdean", "cabo verde", "cabo verdean"),
    "Central African Republic": (),
    "Chad": ("chadian",),
    "Comoros": ("comorian",),
    "Congo": ("congolese",),
    "Costa Rica": ("costa rican",),
    "Djibouti": ("djiboutian",),
    "Dominica": (),
    "Dominican Republic": ("dominican",),
    "El Salvador": ("salvadoran",),
    "Equatorial Guinea": ("equatoguinean",),
    "Eritrea": ("eritrean",),
    "Eswatini": ("swazi",),
    "Fiji": ("fijian",),
    "Gabon": ("gabonese",),
    "Gambia": ("gambian",),
    "Grenada": ("grenadian",),
    "Guatemala": ("guatemalan",),
    "Guinea": ("guinean",),
    "Guinea-Bissau": ("bissau-guinean",),
    "Haiti": ("haitian",),
    "Honduras": ("honduran",),
    "Ivory Coast": ("ivorian", "côte d'ivoire", "cote d'ivoire", "côte d’ivoire", "cote d’ivoire"),
    "Jamaica": ("jamaican",),
    "Kiribati": ("i-kiribati",),
    "Kosovo": ("kosovar",),
    "Kyrgyzstan": ("kyrgyz",),
    "Lesotho": ("basotho",),
    "Liberia": ("liberian",),
    "Liechtenstein": (),
    "Luxembourg": ("luxembourgish",),
    "Madagascar": ("malagasy",),
    "Malawi": ("malawian",),
    "Maldives": ("maldivian",),
    "Mali": ("malian",),
    "Malta": ("maltese",),
    "Marshall Islands": ("marshallese",),
    "Mauritius": ("mauritian",),
    "Micronesia": ("micronesian",),
    "Monaco": ("monegasque",),
    "Montenegro": ("montenegrin",),
    "Namibia": ("namibian",),
    "Nauru": ("nauruan",),
    "Nicaragua": ("nicaraguan",),
    "Niger": ("nigerien",),
    "North Macedonia": ("macedonian",),
    "Palau": ("palauan",),
    "Palestine": ("palestinian",),
    "Panama": ("panamanian",),
    "Papua New Guinea": ("papua new guinean",),
    "Saint Lucia": (),
    "Samoa": ("samoan",),
    "San Marino": (),
    "Seychelles": ("seychellois",),
    "Sierra Leone": ("sierra leonean",),
    "Solomon Islands": (),
    "South Sudan": ("south sudanese",),
    "Timor-Leste": ("timorese", "east timor"),
    "Sao Tome and Principe": ("são tomé and príncipe", "são toméan", "sao tomean"),
    "Togo": ("togolese",),
    "Tonga": ("tongan",),
    "Trinidad and Tobago": ("trinidadian",),
    "Turkmenistan": ("turkmen",),
    "Tuvalu": ("tuvaluan",),
    "Vanuatu": ("vanuatuan",),
}
#: Demonym (lower case) -> country.
DEMONYMS: dict[str, str] = {d: country for country, names in COUNTRIES.items() for d in names}


#: Capitals, and cities datelines often carry, with their country: "Spain's ambassador in
#: Rabat" serves in Morocco; "In Johannesburg, Umoya ... said it would inject R1.8 billion" is
#: South Africa's money.
CITIES: dict[str, str] = {
    "Kabul": "Afghanistan", "Tirana": "Albania", "Algiers": "Algeria", "Luanda": "Angola",
    "Buenos Aires": "Argentina", "Yerevan": "Armenia", "Canberra": "Australia",
    "Sydney": "Australia", "Melbourne": "Australia", "Vienna": "Austria", "Baku": "Azerbaijan",
    "Nassau": "Bahamas", "Manama": "Bahrain", "Dhaka": "Bangladesh", "Bridgetown": "Barbados",
    "Minsk": "Belarus", "Brussels": "Belgium", "Belmopan": "Belize", "Porto-Novo": "Benin",
    "Cotonou": "Benin", "Thimphu": "Bhutan", "La Paz": "Bolivia", "Sucre": "Bolivia",
    "Sarajevo": "Bosnia and Herzegovina", "Gaborone": "Botswana", "Brasília": "Brazil",
    "Brasilia": "Brazil", "São Paulo": "Brazil", "Sao Paulo": "Brazil",
    "Rio de Janeiro": "Brazil", "Bandar Seri Begawan": "Brunei", "Sofia": "Bulgaria",
    "Ouagadougou": "Burkina Faso", "Gitega": "Burundi", "Bujumbura": "Burundi",
    "Phnom Penh": "Cambodia", "Yaoundé": "Cameroon", "Yaounde": "Cameroon", "Douala": "Cameroon",
    "Ottawa": "Canada", "Toronto": "Canada", "Montreal": "Canada", "Praia": "Cape Verde",
    "Bangui": "Central African Republic", "N'Djamena": "Chad", "Santiago": "Chile",
    "Beijing": "China", "Shanghai": "China", "Bogotá": "Colombia", "Bogota": "Colombia",
    "Moroni": "Comoros", "Brazzaville": "Congo", "San José": "Costa Rica",
    "San Jose": "Costa Rica", "Zagreb": "Croatia", "Havana": "Cuba", "Nicosia": "Cyprus",
    "Prague": "Czech Republic", "Copenhagen": "Denmark", "Djibouti": "Djibouti",
    "Santo Domingo": "Dominican Republic", "Roseau": "Dominica", "Quito": "Ecuador",
    "Guayaquil": "Ecuador", "Cairo": "Egypt", "San Salvador": "El Salvador",
    "Malabo": "Equatorial Guinea", "Asmara": "Eritrea", "Tallinn": "Estonia",
    "Mbabane": "Eswatini", "Addis Ababa": "Ethiopia", "Suva": "Fiji", "Helsinki": "Finland",
    "Paris": "France", "Libreville": "Gabon", "Banjul": "Gambia", "Tbilisi": "Georgia",
    "Berlin": "Germany", "Frankfurt": "Germany", "Accra": "Ghana", "Athens": "Greece",
    "St George's": "Grenada", "Guatemala City": "Guatemala", "Conakry": "Guinea",
    "Bissau": "Guinea-Bissau", "Georgetown": "Guyana", "Port-au-Prince": "Haiti",
    "Tegucigalpa": "Honduras", "Budapest": "Hungary", "Reykjavik": "Iceland",
    "New Delhi": "India", "Mumbai": "India", "Jakarta": "Indonesia", "Tehran": "Iran",
    "Baghdad": "Iraq", "Dublin": "Ireland", "Jerusalem": "Israel", "Tel Aviv": "Israel",
    "Rome": "Italy", "Milan": "Italy", "Abidjan": "Ivory Coast", "Yamoussoukro": "Ivory Coast",
    "Kingston": "Jamaica", "Tokyo": "Japan", "Osaka": "Japan", "Amman": "Jordan",
    "Astana": "Kazakhstan", "Almaty": "Kazakhstan", "Nairobi": "Kenya", "Mombasa": "Kenya",
    "Tarawa": "Kiribati", "Pristina": "Kosovo", "Kuwait City": "Kuwait", "Bishkek": "Kyrgyzstan",
    "Vientiane": "Laos", "Riga": "Latvia", "Beirut": "Lebanon", "Maseru": "Lesotho",
    "Monrovia": "Liberia", "Tripoli": "Libya", "Vaduz": "Liechtenstein", "Vilnius": "Lithuania",
    "Antananarivo": "Madagascar", "Lilongwe": "Malawi", "Blantyre": "Malawi",
    "Kuala Lumpur": "Malaysia", "Malé": "Maldives", "Male": "Maldives", "Bamako": "Mali",
    "Valletta": "Malta", "Majuro": "Marshall Islands", "Nouakchott": "Mauritania",
    "Port Louis": "Mauritius", "Mexico City": "Mexico", "Palikir": "Micronesia",
    "Chisinau": "Moldova", "Chișinău": "Moldova", "Ulaanbaatar": "Mongolia",
    "Podgorica": "Montenegro", "Rabat": "Morocco", "Casablanca": "Morocco", "Maputo": "Mozambique",
    "Naypyidaw": "Myanmar", "Yangon": "Myanmar", "Windhoek": "Namibia", "Kathmandu": "Nepal",
    "Amsterdam": "Netherlands", "The Hague": "Netherlands", "Wellington": "New Zealand",
    "Auckland": "New Zealand", "Managua": "Nicaragua", "Niamey": "Niger", "Abuja": "Nigeria",
    "Lagos": "Nigeria", "Pyongyang": "North Korea", "Skopje": "North Macedonia", "Oslo": "Norway",
    "Muscat": "Oman", "Islamabad": "Pakistan", "Karachi": "Pakistan", "Lahore": "Pakistan",
    "Ngerulmud": "Palau", "Ramallah": "Palestine", "Panama City": "Panama",
    "Port Moresby": "Papua New Guinea", "Asunción": "Paraguay", "Asuncion": "Paraguay",
    "Lima": "Peru", "Manila": "Philippines", "Warsaw": "Poland", "Lisbon": "Portugal",
    "Doha": "Qatar", "Bucharest": "Romania", "Moscow": "Russia", "Kigali": "Rwanda",
    "Castries": "Saint Lucia", "Apia": "Samoa", "Riyadh": "Saudi Arabia", "Jeddah": "Saudi Arabia",
    "Dakar": "Senegal", "Belgrade": "Serbia", "Freetown": "Sierra Leone",
    "Bratislava": "Slovakia", "Ljubljana": "Slovenia", "Honiara": "Solomon Islands",
    "Mogadishu": "Somalia", "Pretoria": "South Africa", "Johannesburg": "South Africa",
    "Cape Town": "South Africa", "Durban": "South Africa", "Seoul": "South Korea",
    "Busan": "South Korea", "Juba": "South Sudan", "Madrid": "Spain", "Barcelona": "Spain",
    "Colombo": "Sri Lanka", "Khartoum": "Sudan", "Paramaribo": "Suriname",
    "Stockholm": "Sweden", "Bern": "Switzerland", "Geneva": "Switzerland", "Zurich": "Switzerland",
    "Damascus": "Syria", "Taipei": "Taiwan", "Dushanbe": "Tajikistan", "Dodoma": "Tanzania",
    "Dar es Salaam": "Tanzania", "Bangkok": "Thailand", "Dili": "Timor-Leste", "Lomé": "Togo",
    "Lome": "Togo", "Nuku'alofa": "Tonga", "Port of Spain": "Trinidad and Tobago",
    "Tunis": "Tunisia", "Ankara": "Turkey", "Istanbul": "Turkey", "Ashgabat": "Turkmenistan",
    "Funafuti": "Tuvalu", "Kampala": "Uganda", "Kyiv": "Ukraine", "Kiev": "Ukraine",
    "Abu Dhabi": "United Arab Emirates", "Dubai": "United Arab Emirates",
    "London": "United Kingdom", "Edinburgh": "United Kingdom",
    "New York": "United States", "Montevideo": "Uruguay", "Tashkent": "Uzbekistan",
    "Port Vila": "Vanuatu", "Caracas": "Venezuela", "Hanoi": "Vietnam",
    "Ho Chi Minh City": "Vietnam", "Sanaa": "Yemen", "Lusaka": "Zambia", "Harare": "Zimbabwe",
}  # fmt: skip
