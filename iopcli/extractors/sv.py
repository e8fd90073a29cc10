"""The Swedish lexicon the extractors use. Data only: no logic, no imports of other modules.

Words are written in their proper spelling; extractors fold them (iopcli.text.fold) to match
OCR text and text without diacritics.
"""

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2, "febr": 2,
    "mars": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

# Number words as they occur in agreements: `tre år`, `sex (6) månader`, `ett kalenderår`.
NUMBER_WORDS = {
    "en": 1, "ett": 1, "ena": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "arton": 18, "tjugofyra": 24,
    "halvt": 0.5,  # `ett halvt år`
}

ORDINALS = {
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6,
}

# Units of duration, in months (weeks are kept apart: notice can be given in weeks).
DURATION_UNITS_MONTHS = {
    "år": 12, "kalenderår": 12, "verksamhetsår": 12, "månad": 1, "månader": 1, "månaders": 1,
    "kvartal": 3, "halvår": 6,
}
WEEK_WORDS = ("vecka", "veckor", "veckors")

# How often a recurring duty happens, as times per year.
FREQUENCIES = {
    "årligen": 1, "årlig": 1, "årliga": 1, "varje år": 1, "per år": 1, "en gång per år": 1,
    "en gång om året": 1, "en gång/år": 1, "1 gång/år": 1, "årsvis": 1,
    "halvårsvis": 2, "varje halvår": 2, "två gånger per år": 2, "två ggr/år": 2, "2 ggr/år": 2,
    "två gånger om året": 2, "två gånger årligen": 2, "per termin": 2, "varje termin": 2,
    "en gång per termin": 2, "terminsvis": 2,
    "tertial": 3, "efter varje tertial": 3, "varje tertial": 3, "tre gånger per år": 3, "tre ggr/år": 3,
    "kvartalsvis": 4, "varje kvartal": 4, "per kvartal": 4, "fyra gånger per år": 4, "fyra ggr/år": 4,
    "varannan månad": 6, "sex gånger per år": 6,
    "månadsvis": 12, "varje månad": 12, "per månad": 12, "en gång i månaden": 12, "månatligen": 12,
    "varje vecka": 52, "veckovis": 52,
}

# Labels of a letterhead/header block, and the field each labels.
HEADER_LABELS = {
    "datum": "date", "utfärdat": "date", "beslutsdatum": "date", "upprättad": "date", "dokumentdatum": "date",
    "diarienummer": "case", "diarienr": "case", "dnr": "case", "ärendenummer": "case", "ärendenr": "case",
    "vår beteckning": "case", "er beteckning": "case_theirs", "beteckning": "case", "vårt dnr": "case",
    "handläggare": "officer", "vår referens": "officer", "ansvarig": "officer", "författare": "officer",
    "kontaktperson": "officer", "upprättad av": "officer", "handläggare/telefon": "officer",
    "förvaltning": "department", "enhet": "unit", "avdelning": "unit", "organisation": "department",
    "till": "addressee", "mottagare": "addressee", "telefon": "phone", "e-post": "email",
}

# Document titles, folded to record.md's doc_type.
DOC_TYPES = {
    "tjänsteskrivelse": "tjansteskrivelse", "tjänsteutlåtande": "tjansteskrivelse",
    "beslutsunderlag": "tjansteskrivelse",
    "förslag till beslut": "tjansteskrivelse", "förvaltningens förslag till beslut": "tjansteskrivelse",
    "protokollsutdrag": "protokoll", "protokoll": "protokoll", "sammanträdesprotokoll": "protokoll",
    "justerat protokoll": "protokoll", "utdrag ur protokoll": "protokoll",
    "överenskommelse": "overenskommelse", "avtal": "overenskommelse", "partnerskapsavtal": "overenskommelse",
    "denna överenskommelse": "overenskommelse", "idéburet offentligt partnerskap": "overenskommelse",
}

# Words that make an organisation the public party.
PUBLIC_BODY_WORDS = ("kommun", "stad", "region", "landsting", "stadsdelsförvaltning", "kommunförbund")
AUTHORITY_WORDS = ("nämnden", "nämnd", "styrelsen", "fullmäktige", "utskott")
DEPARTMENT_WORDS = ("förvaltningen", "förvaltning", "kontoret")

# Words that make an organisation civil society.
CIVIL_ORG_WORDS = (
    "förening", "föreningen", "förbund", "förbundet", "stiftelse", "stiftelsen", "jouren", "jour",
    "kvinnojour", "tjejjour", "brottsofferjour", "brottsofferjouren", "missionen", "kyrkan", "församling",
    "rörelse", "rörelsen", "röda korset", "frälsningsarmén", "scouterna", "ideell", "idéburen",
    "ekonomisk förening", "hembygdsförening", "idrottsförening", "if", "ik", "bk", "fk",
)

# Organisations named in IOP documents that are never parties to the agreement.
NOT_PARTIES = (
    "polisen", "polismyndigheten", "tingsrätt", "hovrätt", "universitet", "högskola",
    "socialstyrelsen", "försäkringskassan", "arbetsförmedlingen", "skatteverket", "migrationsverket",
    "länsstyrelsen", "sveriges kommuner och regioner", "skr", "kriminalvården", "frivården",
    "åklagarmyndigheten", "region öst",
)

# The first digit of an organisationsnummer tells the legal form.
ORG_NUMBER_FORMS = {
    "1": "dödsbo", "2": "public", "3": "utländskt företag", "5": "aktiebolag", "6": "enkelt bolag",
    "7": "ekonomisk förening", "8": "ideell förening/stiftelse", "9": "handelsbolag",
}

# Money: units and what they multiply by.
MONEY_UNITS = {
    "kr": 1, "kronor": 1, "kronor/år": 1, "sek": 1, ":-": 1, "kr/år": 1,
    "tkr": 1_000, "tusen kronor": 1_000, "tkr/år": 1_000,
    "mkr": 1_000_000, "mnkr": 1_000_000, "miljon": 1_000_000, "miljoner": 1_000_000,
    "miljoner kronor": 1_000_000, "miljon kronor": 1_000_000, "msek": 1_000_000, "mdkr": 1_000_000_000,
}

# Cue words that give an amount its role (record.md): nearest cue before the amount wins.
AMOUNT_ROLE_CUES = {
    "total": ("ekonomisk omfattning", "ekonomiska omfattning", "totalt", "total", "sammanlagt", "omslutning",
              "totala värde", "budget för partnerskapet"),
    "public_contribution": ("finansieras av", "bidrar kommunen", "kommunens bidrag", "kommunens del",
                            "ersättning", "bidrag", "nämnden med", "nämnden bidrar", "stöd", "tilldelas",
                            "medel", "utbetalas", "finansiering"),
    "civil_contribution": ("ideellt arbetade timmar", "ideella timmar", "ideell tid", "motsvarar",
                           "egen insats", "egeninsats", "eget bidrag", "medfinansiering", "värdet av"),
    "cost_to_date": ("har uppgått till", "uppgått till", "kostnaden har", "hittills", "totala kostnaden",
                     "totala ekonomiska kostnaden"),
    "other": ("per person", "per deltagare", "per plats", "per timme", "ökning", "höjning", "tidigare",
              "besparing", "jämfört med", "uppräkning", "per invånare", "per brukare"),
}

# Period phrases.
PERIOD_FROM = ("från och med", "fr.o.m.", "fr.o.m", "fr o m", "from", "från", "gäller från", "med start")
PERIOD_TO = ("till och med", "t.o.m.", "t.o.m", "t o m", "tom", "till", "–", "-", "—", "--")
OPEN_ENDED = ("tillsvidare", "tills vidare", "tills vidare")
NOTICE_WORDS = ("uppsägningstid", "uppsägningstiden", "uppsägning", "varsel", "sägas upp", "sägs upp")
EXTENSION_WORDS = ("förlängning", "förlängs", "förlängas", "förlänga")
AUTOMATIC_WORDS = ("automatiskt", "löper vidare", "förlängs med")

# Duties.
DEADLINE_CUES = ("senast", "återrapport", "återrapportering", "redovisning", "redovisas", "rapport",
                 "lämnas", "inkomma", "inlämnas", "ska ske", "sker")
QUARTER_WORDS = ("kvartalet", "kvartal")

# Common Swedish given names: a name written surname first in a header table (`Venemalm Sofia`)
# is turned round only when its last word is one of these and its first word is not.
GIVEN_NAMES = frozenset("""
Agneta Alexander Alice Alva Amanda Andreas Anders Angelica Anita Ann Anna Anne Annelie Annika Anton
Arvid Axel Barbro Bengt Berit Birgitta Bo Britt Camilla Carin Carina Carl Caroline Cecilia Charlotta
Charlotte Christer Christian Christina Christoffer Daniel David Ebba Elin Elisabeth Ella Ellen Elsa
Emelie Emil Emma Erik Eva Fredrik Frida Gabriella Gunilla Gustav Gustaf Göran Hanna Hans Helena Helen
Henrik Ida Inger Ingrid Isabella Jakob Jan Jenny Jens Jessica Joakim Johan Johanna Johannes John Jonas
Jonathan Josefin Josefine Julia Jörgen Karin Karl Katarina Kerstin Kim Kristina Lars Lena Lennart
Lina Linda Linnea Lisa Liselott Liselotte Louise Magnus Malin Maria Marie Marcus Markus Martin Mats
Matilda Mattias Maja Malou Mikael Michael Monica Monika Nela Niklas Nils Olof Ola Oliver Oscar Oskar
Patrik Peter Per Petra Pia Rebecka Richard Robert Robin Sandra Sara Sebastian Simon Sofia Sofie
Stefan Susanne Sven Therese Thomas Tobias Tomas Torbjörn Ulf Ulla Ulrika Veronica Viktor Viktoria
Vilhelm William Yvonne Åsa Åke Örjan
""".split())

# --- Municipalities, regions and nämnder (added for doctype/parties) ---------------------------

# The 290 kommuner as written before `kommun`/`stad` (genitive where Swedish adds an s):
# `Linköpings kommun`, `Ale kommun`, `Falu kommun`, `Stockholms stad`.
MUNICIPALITY_STEMS = (
    # Stockholms län
    "Botkyrka", "Danderyds", "Ekerö", "Haninge", "Huddinge", "Järfälla", "Lidingö", "Nacka", "Norrtälje",
    "Nykvarns", "Nynäshamns", "Salems", "Sigtuna", "Sollentuna", "Solna", "Stockholms", "Sundbybergs",
    "Södertälje", "Tyresö", "Täby", "Upplands Väsby", "Upplands-Bro", "Vallentuna", "Vaxholms", "Värmdö",
    "Österåkers",
    # Uppsala län
    "Enköpings", "Heby", "Håbo", "Knivsta", "Tierps", "Uppsala", "Älvkarleby", "Östhammars",
    # Södermanlands län
    "Eskilstuna", "Flens", "Gnesta", "Katrineholms", "Nyköpings", "Oxelösunds", "Strängnäs", "Trosa",
    "Vingåkers",
    # Östergötlands län
    "Boxholms", "Finspångs", "Kinda", "Linköpings", "Mjölby", "Motala", "Norrköpings", "Söderköpings",
    "Vadstena", "Valdemarsviks", "Ydre", "Åtvidabergs", "Ödeshögs",
    # Jönköpings län
    "Aneby", "Eksjö", "Gislaveds", "Gnosjö", "Habo", "Jönköpings", "Mullsjö", "Nässjö", "Sävsjö", "Tranås",
    "Vaggeryds", "Vetlanda", "Värnamo",
    # Kronobergs län
    "Alvesta", "Lessebo", "Ljungby", "Markaryds", "Tingsryds", "Uppvidinge", "Växjö", "Älmhults",
    # Kalmar län
    "Borgholms", "Emmaboda", "Hultsfreds", "Högsby", "Kalmar", "Mönsterås", "Mörbylånga", "Nybro",
    "Oskarshamns", "Torsås", "Vimmerby", "Västerviks",
    # Gotlands län
    "Gotlands",
    # Blekinge län
    "Karlshamns", "Karlskrona", "Olofströms", "Ronneby", "Sölvesborgs",
    # Skåne län
    "Bjuvs", "Bromölla", "Burlövs", "Båstads", "Eslövs", "Helsingborgs", "Hässleholms", "Höganäs", "Hörby",
    "Höörs", "Klippans", "Kristianstads", "Kävlinge", "Landskrona", "Lomma", "Lunds", "Malmö", "Osby",
    "Perstorps", "Simrishamns", "Sjöbo", "Skurups", "Staffanstorps", "Svalövs", "Svedala", "Tomelilla",
    "Trelleborgs", "Vellinge", "Ystads", "Åstorps", "Ängelholms", "Örkelljunga", "Östra Göinge",
    # Hallands län
    "Falkenbergs", "Halmstads", "Hylte", "Kungsbacka", "Laholms", "Varbergs",
    # Västra Götalands län
    "Ale", "Alingsås", "Bengtsfors", "Bollebygds", "Borås", "Dals-Eds", "Essunga", "Falköpings",
    "Färgelanda", "Grästorps", "Gullspångs", "Göteborgs", "Götene", "Herrljunga", "Hjo", "Härryda",
    "Karlsborgs", "Kungälvs", "Lerums", "Lidköpings", "Lilla Edets", "Lysekils", "Mariestads", "Marks",
    "Melleruds", "Munkedals", "Mölndals", "Orusts", "Partille", "Skara", "Skövde", "Sotenäs",
    "Stenungsunds", "Strömstads", "Svenljunga", "Tanums", "Tibro", "Tidaholms", "Tjörns", "Tranemo",
    "Trollhättans", "Töreboda", "Uddevalla", "Ulricehamns", "Vara", "Vårgårda", "Vänersborgs", "Åmåls",
    "Öckerö",
    # Värmlands län
    "Arvika", "Eda", "Filipstads", "Forshaga", "Grums", "Hagfors", "Hammarö", "Karlstads", "Kils",
    "Kristinehamns", "Munkfors", "Storfors", "Sunne", "Säffle", "Torsby", "Årjängs",
    # Örebro län
    "Askersunds", "Degerfors", "Hallsbergs", "Hällefors", "Karlskoga", "Kumla", "Laxå", "Lekebergs",
    "Lindesbergs", "Ljusnarsbergs", "Nora", "Örebro",
    # Västmanlands län
    "Arboga", "Fagersta", "Hallstahammars", "Kungsörs", "Köpings", "Norbergs", "Sala", "Skinnskattebergs",
    "Surahammars", "Västerås",
    # Dalarnas län
    "Avesta", "Borlänge", "Falu", "Gagnefs", "Hedemora", "Leksands", "Ludvika", "Malung-Sälens", "Mora",
    "Orsa", "Rättviks", "Smedjebackens", "Säters", "Vansbro", "Älvdalens",
    # Gävleborgs län
    "Bollnäs", "Gävle", "Hofors", "Hudiksvalls", "Ljusdals", "Nordanstigs", "Ockelbo", "Ovanåkers",
    "Sandvikens", "Söderhamns",
    # Västernorrlands län
    "Härnösands", "Kramfors", "Sollefteå", "Sundsvalls", "Timrå", "Ånge", "Örnsköldsviks",
    # Jämtlands län
    "Bergs", "Bräcke", "Härjedalens", "Krokoms", "Ragunda", "Strömsunds", "Åre", "Östersunds",
    # Västerbottens län
    "Bjurholms", "Dorotea", "Lycksele", "Malå", "Nordmalings", "Norsjö", "Robertsfors", "Skellefteå",
    "Sorsele", "Storumans", "Umeå", "Vilhelmina", "Vindelns", "Vännäs", "Åsele",
    # Norrbottens län
    "Arjeplogs", "Arvidsjaurs", "Bodens", "Gällivare", "Haparanda", "Jokkmokks", "Kalix", "Kiruna", "Luleå",
    "Pajala", "Piteå", "Älvsbyns", "Överkalix", "Övertorneå",
)
# Cities whose legal name writes Stad with a capital (record.md: "Göteborgs Stad").
CAPITAL_STAD = ("Göteborgs", "Borås")

# Stems whose final s belongs to the place name (`Borås kommun` is Borås, not Borå); the rest drop it.
PLACE_NAME_KEEPS_S = ("Alingsås", "Borås", "Höganäs", "Strängnäs", "Sotenäs", "Västerås", "Vännäs", "Bollnäs",
                      "Torsås", "Mönsterås")
PLACE_NAME_EXCEPTIONS = {"Falu": "Falun"}

# The 21 regions, in their own spelling.
REGIONS = (
    "Region Stockholm", "Region Uppsala", "Region Sörmland", "Region Östergötland", "Region Jönköpings län",
    "Region Kronoberg", "Region Kalmar län", "Region Gotland", "Region Blekinge", "Region Skåne",
    "Region Halland", "Västra Götalandsregionen", "Region Värmland", "Region Örebro län", "Region Västmanland",
    "Region Dalarna", "Region Gävleborg", "Region Västernorrland", "Region Jämtland Härjedalen",
    "Region Västerbotten", "Region Norrbotten",
)

# Parts of nämnd and styrelse names, in their proper spelling, to restore å/ä/ö in OCR text
# (`Social- och omsorgsnamnden` -> `Social- och omsorgsnämnden`).
AUTHORITY_NAME_PARTS = (
    "nämnden", "nämnd", "styrelsen", "styrelse", "social", "omsorgs", "omsorg", "vård", "äldre", "barn",
    "ungdoms", "utbildnings", "kultur", "fritids", "miljö", "hälso", "sjukvårds", "arbetsmarknads",
    "välfärds", "förskole", "grundskole", "gymnasie", "bildnings", "bygg", "byggnads", "samhällsbyggnads",
    "stadsbyggnads", "tekniska", "teknik", "individ", "familjeomsorgs", "familje", "funktionshinder",
    "folkhälso", "överförmyndar", "kommun", "region", "stadsdels", "trygghets", "lärande", "skol", "service",
    "vuxenutbildnings", "integrations", "kompetens", "idrotts", "plan", "näringslivs", "demokrati",
    "omvårdnads", "stöd", "utvecklings", "äldreomsorgs", "socialtjänst", "och", "samt", "arbete", "hälsa",
    "kultur", "fritid", "ungdom", "utbildning", "arbetsmarknad", "gymnasie", "vuxen", "sjukvård",
)

# Words that make up civil-society organisation names, in their proper spelling: an OCR-damaged
# word of a party's name (`vitthesstod`) is restored only to one of these (or to a place name).
ORG_NAME_WORDS = (
    "brottsofferjour", "brottsofferjouren", "brottsofferjourer", "vittnesstöd", "brottsofferstöd",
    "kvinnojour", "kvinnojouren", "tjejjour", "tjejjouren", "ungdomsjour", "ungdomsjouren", "mansjour",
    "mansjouren", "killjour", "killjouren", "kvinnohus", "kvinnohuset", "stödcentrum", "förening",
    "föreningen", "stiftelse", "stiftelsen", "stadsmission", "stadsmissionen", "räddningsmissionen",
    "frälsningsarmén", "röda", "korset", "rädda", "barnen", "riksförbund", "riksförbundet", "länsförbund",
    "förbund", "förbundet", "idrottsförening", "idrottsföreningen", "hembygdsförening", "församling",
    "församlingen", "kyrka", "kyrkan", "svenska", "ideell", "ideella", "idéburen", "idéburna", "fritidsgård",
    "föräldraförening", "anhörigförening", "pensionärsförening", "pensionärer", "hyresgästförening",
    "studieförbund", "studieförbundet", "vuxenskola", "bilda", "sensus", "medborgarskolan", "länkarna",
    "stöd", "hjälp", "hjälpen", "läxhjälp", "nätverk", "nätverket", "våld", "mot", "för", "och", "i",
    "unga", "äldre", "barn", "ungdom", "ungdomar", "kvinnor", "män", "tjejer", "killar", "alla", "fontänhuset",
    "klubbhus", "klubbhuset", "möjligheternas", "hus", "huset", "center", "centrum", "gård", "gården",
)

# Adjective forms of frequencies (`kvartalsvisa möten`, `månatliga avstämningar`), added to FREQUENCIES.
FREQUENCIES.update({
    "årsvisa": 1, "halvårsvisa": 2, "terminsvisa": 2, "kvartalsvisa": 4, "månadsvisa": 12, "månatliga": 12,
    "månatlig": 12, "veckovisa": 52, "en gång per kalenderår": 1, "en gång varje år": 1, "varje kalenderår": 1,
})
