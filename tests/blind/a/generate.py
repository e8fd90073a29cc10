"""Generate the binary test documents of blind corpus "a" (docx, pdf, scanned pdf, eml).

Run:  python3 generate.py      (writes next to this file)
Importing this module has no side effects.
"""
import hashlib
import io
import quopri
import random
from email.header import Header
from pathlib import Path

OUT = Path(__file__).resolve().parent
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"


# --------------------------------------------------------------------------- docx helpers

def _docx_base():
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    return doc


def _cell(cell, text, bold=False):
    """Write text into a cell; newlines become separate paragraphs."""
    lines = text.split("\n")
    cell.text = ""
    p = cell.paragraphs[0]
    r = p.add_run(lines[0])
    r.bold = bold
    for ln in lines[1:]:
        r = cell.add_paragraph().add_run(ln)
        r.bold = bold


def _table(doc, rows, bold_first_row=False, bold_last_row=False, style="Table Grid"):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = style
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            b = (bold_first_row and i == 0) or (bold_last_row and i == len(rows) - 1)
            _cell(t.cell(i, j), val, bold=b)
    return t


def _para(doc, text, bold=False, italic=False, size=None):
    from docx.shared import Pt
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    r.italic = italic
    if size:
        r.font.size = Pt(size)
    return p


# --------------------------------------------------------------------------- a01 docx

def make_a01(path):
    doc = _docx_base()
    _para(doc, "BORÅS STAD", bold=True, size=16)
    _para(doc, "Individ- och familjeomsorgsförvaltningen")
    _para(doc, "TJÄNSTESKRIVELSE", bold=True, size=13)
    _table(doc, [["Datum", "Diarienummer", "Handläggare"],
                 ["2022-10-18", "IFN 2022-00314", "Lina Abrahamsson"]],
           bold_first_row=True)
    _para(doc, "")
    _para(doc, "Individ- och familjeomsorgsnämnden")
    doc.add_heading("Idéburet offentligt partnerskap med Borås Kvinno- och tjejjour "
                    "om stöd till våldsutsatta kvinnor och barn", level=1)

    doc.add_heading("Förslag till beslut", level=2)
    _para(doc, "Individ- och familjeomsorgsnämnden beslutar")
    doc.add_paragraph("att ingå ett idéburet offentligt partnerskap med Borås Kvinno- och "
                      "tjejjour (org.nr 802413-5272) enligt bilagt förslag till överenskommelse, "
                      "för perioden 1 januari 2023 – 31 december 2025, samt", style="List Bullet")
    doc.add_paragraph("att avsätta 950 000 kronor per år för partnerskapet inom nämndens "
                      "budgetram för åren 2023–2025.", style="List Bullet")

    doc.add_heading("Sammanfattning", level=2)
    _para(doc, "Borås Kvinno- och tjejjour har under lång tid erbjudit stödsamtal, skyddat boende "
               "och stöd till barn som upplevt våld i nära relationer. Föreningen har sedan 2016 "
               "fått ett årligt verksamhetsbidrag om 600 000 kronor från nämnden. Förvaltningen "
               "föreslår att samarbetet i stället formaliseras genom ett idéburet offentligt "
               "partnerskap (IOP). Formen ger parterna ett gemensamt ansvar för att utveckla "
               "verksamheten och en mer långsiktig finansiering för föreningen.")

    doc.add_heading("Ärendet", level=2)
    _para(doc, "Nämnden har enligt socialtjänstlagen ett ansvar för att våldsutsatta och barn som "
               "bevittnat våld får det stöd och den hjälp de behöver. Föreningens verksamhet "
               "kompletterar det stöd som ges av förvaltningens relationsvåldsenhet. Under 2021 "
               "tog föreningen emot 212 stödsökande och hade 1 940 nätter i skyddat boende.")
    _para(doc, "Verksamheten bedrivs i samverkan med Polisen och med förvaltningens "
               "relationsvåldsenhet. Polisen är inte part i den föreslagna överenskommelsen, men "
               "rutinerna för samverkan beskrivs i en bilaga till den.")
    _para(doc, "Förvaltningen bedömer att förutsättningarna för ett IOP är uppfyllda: verksamheten "
               "är ett allmännyttigt ändamål som föreningen själv initierat, den ryms inte inom "
               "ramen för en upphandling och föreningen tillför ett eget engagemang och egna "
               "resurser.")

    doc.add_heading("Avtalstid", level=2)
    _para(doc, "Överenskommelsen föreslås gälla i tre år, 2023-01-01 – 2025-12-31. Den förlängs "
               "därefter med ett år i taget om ingen part säger upp den senast sex månader före "
               "avtalstidens slut.")

    doc.add_heading("Ekonomi", level=2)
    _para(doc, "Kommunens bidrag föreslås till 950 000 kronor per år och ryms inom nämndens "
               "budget. Föreningens egen insats består av ideellt arbete och insamlade medel. "
               "Finansieringen per år framgår av tabellen.")
    _table(doc, [["Finansiering per år", "Belopp (kr)"],
                 ["Kommunens bidrag (individ- och familjeomsorgsnämnden)", "950 000"],
                 ["Föreningens egen insats (ideellt arbete och insamlade medel)", "310 000"],
                 ["Summa", "1 260 000"]],
           bold_first_row=True, bold_last_row=True)
    _para(doc, "")
    _para(doc, "Bidraget betalas ut kvartalsvis i förskott.")

    doc.add_heading("Uppföljning", level=2)
    _para(doc, "Föreningen lämnar senast den 31 mars varje år en verksamhetsberättelse med "
               "ekonomisk redovisning för föregående år. Dialogmöte mellan förvaltningen och "
               "föreningen hålls två gånger per år. Föreningen lämnar en delrapport i juni 2024 "
               "om hur stödet till barn som bevittnat våld har utvecklats under avtalstiden.")

    doc.add_heading("Beslutsunderlag", level=2)
    _para(doc, "Bilaga 1. Förslag till överenskommelse om idéburet offentligt partnerskap\n"
               "Bilaga 2. Föreningens verksamhetsberättelse 2021")
    _para(doc, "")
    _para(doc, "Individ- och familjeomsorgsförvaltningen")
    _para(doc, "Anna-Karin Wessman\nFörvaltningschef")
    _para(doc, "Lina Abrahamsson\nUtredare")
    doc.save(path)


# --------------------------------------------------------------------------- a09 docx

def make_a09(path):
    doc = _docx_base()
    _para(doc, "Karlstads kommun", bold=True, size=14)
    _para(doc, "Arbetsmarknads- och socialförvaltningen")
    doc.add_heading("Överenskommelse om idéburet offentligt partnerskap – Värmestugan", level=1)
    _table(doc, [["Diarienummer", "ASN 2022/1187"],
                 ["Verksamhet", "Värmestugan – dagverksamhet och mötesplats för personer i hemlöshet"],
                 ["Ansvarig nämnd", "Arbetsmarknads- och socialnämnden"],
                 ["Avtalsperiod", "2023-01-01 – 2025-12-31"]])
    _para(doc, "")
    doc.add_heading("1. Parter", level=2)
    _table(doc, [["Offentlig part", "Idéburna parter"],
                 ["Karlstads kommun\nArbetsmarknads- och socialnämnden\nOrg.nr 212000-1850",
                  "Karlstads Stadsmission, org.nr 802016-3187\n"
                  "Pingstförsamlingen Karlstad, org.nr 252003-6145"]],
           bold_first_row=True)
    _para(doc, "")
    doc.add_heading("2. Bakgrund och syfte", level=2)
    _para(doc, "Parterna har ett gemensamt intresse av att personer i hemlöshet eller akut "
               "utsatthet i Karlstad har tillgång till en trygg mötesplats dagtid, med mat, "
               "möjlighet till dusch och tvätt samt stöd och vägledning vidare till kommunens "
               "och regionens insatser. Syftet med partnerskapet är att tillsammans driva och "
               "utveckla Värmestugan.")
    doc.add_heading("3. Parternas åtaganden", level=2)
    _para(doc, "Karlstads Stadsmission ansvarar för den dagliga driften, anställer personal och "
               "samordnar volontärer. Pingstförsamlingen Karlstad upplåter lokaler på "
               "Västra Torggatan och bidrar med volontärer. Kommunen bidrar med ekonomiskt stöd "
               "enligt punkt 5 och med kontaktpersoner från socialtjänstens vuxenenhet.")
    _para(doc, "Arbetsförmedlingen deltar i referensgruppen för verksamheten och Region Värmland "
               "medverkar genom beroendevårdens uppsökande team. Ingen av dem är part i denna "
               "överenskommelse.")
    doc.add_heading("4. Avtalstid och uppsägning", level=2)
    _para(doc, "Överenskommelsen gäller under perioden 2023-01-01 – 2025-12-31. Den kan förlängas "
               "med högst två år efter beslut i arbetsmarknads- och socialnämnden. Ömsesidig "
               "uppsägningstid är sex månader.")
    doc.add_heading("5. Ekonomi", level=2)
    _para(doc, "Finansieringen av verksamheten per år fördelas enligt följande.")
    _table(doc, [["Finansiering per år", "Kronor"],
                 ["Kommunens bidrag", "1 100 000"],
                 ["Karlstads Stadsmission, egen insats (personal, volontärtid)", "240 000"],
                 ["Pingstförsamlingen Karlstad, egen insats (lokaler, volontärtid)", "160 000"],
                 ["Summa", "1 500 000"]],
           bold_first_row=True, bold_last_row=True)
    _para(doc, "")
    _para(doc, "Kommunens bidrag betalas ut till Karlstads Stadsmission två gånger per år, i "
               "januari och juli. Bidraget får endast användas för verksamhet enligt denna "
               "överenskommelse.")
    doc.add_heading("6. Uppföljning och dialog", level=2)
    _para(doc, "Parterna tar fram en gemensam uppföljningsplan senast den 31 mars 2023. "
               "Samverkansmöte mellan parterna hålls kvartalsvis. De idéburna parterna lämnar "
               "senast den 31 mars varje år en gemensam verksamhetsberättelse med ekonomisk "
               "redovisning för föregående år.")
    doc.add_heading("7. Personuppgifter och tystnadsplikt", level=2)
    _para(doc, "Parterna ansvarar var för sig för sin behandling av personuppgifter. Personal och "
               "volontärer hos de idéburna parterna ska ha undertecknat en förbindelse om "
               "tystnadsplikt.")
    doc.add_heading("8. Ändringar och tvist", level=2)
    _para(doc, "Ändringar och tillägg till överenskommelsen ska göras skriftligen och "
               "undertecknas av samtliga parter. Tvister löses i första hand genom dialog.")
    doc.add_heading("9. Underskrifter", level=2)
    _para(doc, "Denna överenskommelse har upprättats i tre likalydande exemplar, av vilka parterna "
               "tagit var sitt.")
    sig = [["Ort och datum: Karlstad 2022-11-28\n\nFör Karlstads kommun,\narbetsmarknads- och "
            "socialnämnden\n\n\n______________________________\nEva Nordin, ordförande",
            "Ort och datum: Karlstad 2022-11-28\n\nFör Karlstads Stadsmission\n\n\n\n"
            "______________________________\nJohan Berg, direktor"],
           ["",
            "Ort och datum: Karlstad 2022-11-28\n\nFör Pingstförsamlingen Karlstad\n\n\n\n"
            "______________________________\nDaniel Holm, föreståndare"]]
    _table(doc, sig, style=None)
    doc.save(path)


# --------------------------------------------------------------------------- a11 docx

def make_a11(path):
    doc = _docx_base()
    _para(doc, "KARLSTADS KOMMUN", bold=True, size=14)
    _para(doc, "Arbetsmarknads- och socialförvaltningen, vuxenenheten")
    _table(doc, [["Datum", "2025-02-20"],
                 ["Diarienummer", "ASN 2022/1187"],
                 ["Handläggare", "Henrik Olofsson, verksamhetsutvecklare"],
                 ["Till", "Arbetsmarknads- och socialnämnden"]])
    _para(doc, "")
    doc.add_heading("Uppföljning av idéburet offentligt partnerskap – Värmestugan, "
                    "verksamhetsåret 2024", level=1)
    doc.add_heading("Sammanfattning", level=2)
    _para(doc, "Värmestugan drivs sedan januari 2023 i ett idéburet offentligt partnerskap mellan "
               "kommunen, Karlstads Stadsmission och Pingstförsamlingen Karlstad. Uppföljningen "
               "visar att antalet besök har ökat och att verksamheten i allt högre grad fungerar "
               "som en väg in till kommunens och regionens stöd. Förvaltningen bedömer att "
               "partnerskapet uppfyller syftet i överenskommelsen.")
    doc.add_heading("Avtalets omfattning", level=2)
    _para(doc, "Genom tilläggsavtal 1 (dnr ASN 2024/0356) förlängdes överenskommelsen med två år och "
               "gäller nu 2023-01-01 – 2027-12-31. Överenskommelsen förlängs inte automatiskt. "
               "Ömsesidig uppsägningstid är sex månader.")
    doc.add_heading("Verksamheten i siffror", level=2)
    _table(doc, [["Mått", "2023", "2024"],
                 ["Besök per öppetdag (snitt)", "38", "46"],
                 ["Unika besökare under året", "311", "356"],
                 ["Serverade frukostar", "7 420", "9 105"],
                 ["Lotsningar till socialtjänst eller vård", "64", "91"],
                 ["Aktiva volontärer", "27", "34"]],
           bold_first_row=True)
    _para(doc, "")
    _para(doc, "Öppettiderna utökades i november 2024 till vardagar 8.30–16.00 samt lördagar "
               "10.00–14.00.")
    doc.add_heading("Ekonomi", level=2)
    _para(doc, "Kommunens bidrag var 1 100 000 kronor per år under 2023 och 2024. Från och med 2025 "
               "är bidraget 1 350 000 kronor per år enligt tilläggsavtalet. Sammanlagt har "
               "kommunen betalat ut 2 875 000 kronor inom partnerskapet, från starten 2023 till och "
               "med utbetalningen i januari 2025.")
    _para(doc, "Karlstads Stadsmissions egen insats i form av personal, volontärtid och "
               "insamlade medel uppgick under 2024 till cirka 1,2 mnkr enligt Stadsmissionens "
               "redovisning.")
    doc.add_heading("Samverkan", level=2)
    _para(doc, "Arbetsförmedlingen deltar i referensgruppen och har haft drop-in på Värmestugan "
               "en förmiddag i månaden. Region Värmlands beroendevård besöker verksamheten "
               "regelbundet. Ingen av dem är part i överenskommelsen.")
    _para(doc, "Sedan januari 2025 lämnar parterna en gemensam lägesrapport varje kvartal, i "
               "enlighet med tilläggsavtalet.")
    doc.add_heading("Fortsatt arbete", level=2)
    _para(doc, "En fördjupad gemensam utvärdering genomförs under andra kvartalet 2025. Den ska "
               "ligga till grund för diskussionen om hur verksamheten ska bedrivas efter "
               "avtalstidens slut den 31 december 2027. Ett eventuellt nytt partnerskap "
               "förutsätter ett nytt beslut i nämnden.")
    _para(doc, "")
    _para(doc, "Henrik Olofsson\nVerksamhetsutvecklare")
    doc.save(path)


# --------------------------------------------------------------------------- pdf helpers

def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("DejaVu", FONT_DIR + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_DIR + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT_DIR + "DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", FONT_DIR + "DejaVuSerif-Bold.ttf"))


def _styles(base="DejaVu", bold="DejaVu-Bold", size=10.5):
    from reportlab.lib.styles import ParagraphStyle
    return {
        "body": ParagraphStyle("body", fontName=base, fontSize=size, leading=size * 1.45,
                               spaceAfter=6),
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=15, leading=19, spaceAfter=10,
                             spaceBefore=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=15, spaceBefore=9,
                             spaceAfter=4),
        "small": ParagraphStyle("small", fontName=base, fontSize=9, leading=12),
        "cell": ParagraphStyle("cell", fontName=base, fontSize=size, leading=size * 1.3),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=size, leading=size * 1.3),
    }


def _numbered_canvas(header_left, footer_text, font="DejaVu"):
    """A canvas class that prints a running header with 'N (M)' and a footer."""
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import A4

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(n)
                super().showPage()
            super().save()

        def _decorate(self, total):
            w, h = A4
            self.setFont(font, 8.5)
            self.drawString(56, h - 40, header_left)
            self.drawRightString(w - 56, h - 40, "%d (%d)" % (self._pageNumber, total))
            self.setLineWidth(0.4)
            self.line(56, h - 46, w - 56, h - 46)
            self.line(56, 50, w - 56, 50)
            self.drawString(56, 38, footer_text)

    return NumberedCanvas


def _pdf_table(rows, st, widths, bold_first=True, bold_last=False, grid=True):
    from reportlab.platypus import Table, TableStyle, Paragraph
    from reportlab.lib import colors
    data = []
    for i, r in enumerate(rows):
        b = (bold_first and i == 0) or (bold_last and i == len(rows) - 1)
        data.append([Paragraph(c.replace("\n", "<br/>"), st["cellb" if b else "cell"]) for c in r])
    t = Table(data, colWidths=widths, hAlign="LEFT")
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if grid:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
    t.setStyle(TableStyle(cmds))
    return t


# --------------------------------------------------------------------------- a02 pdf (3 pages)

def make_a02(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, PageBreak
    _register_fonts()
    st = _styles()
    P = lambda t, s="body": Paragraph(t, st[s])
    story = [
        _pdf_table([["BORÅS STAD", "Överenskommelse"],
                    ["Individ- och familjeomsorgsnämnden", "Dnr IFN 2022-00314"]],
                   st, [95 * mm, 70 * mm], bold_first=True, grid=False),
        Spacer(1, 8 * mm),
        P("Överenskommelse om idéburet offentligt partnerskap – stöd till våldsutsatta "
          "kvinnor och barn", "h1"),
        P("§ 1 Parter", "h2"),
        P("Denna överenskommelse har träffats mellan"),
        P("Borås Stad, genom individ- och familjeomsorgsnämnden, org.nr 212000-1561, "
          "nedan kallad kommunen, och"),
        P("Borås Kvinno- och tjejjour, ideell förening, org.nr 802413-5272, nedan kallad "
          "föreningen."),
        P("§ 2 Bakgrund och syfte", "h2"),
        P("Föreningen har sedan mitten av 1980-talet erbjudit stöd till kvinnor, tjejer och barn "
          "som utsatts för våld i nära relationer. Kommunen har ansvar för att våldsutsatta och "
          "barn som bevittnat våld får stöd och hjälp. Parterna vill genom ett idéburet "
          "offentligt partnerskap gemensamt utveckla stödet, så att fler våldsutsatta tidigt får "
          "kontakt med stöd och så att barns behov uppmärksammas särskilt."),
        P("Partnerskapet bygger på de principer som finns i den lokala överenskommelsen mellan "
          "Borås Stad och den idéburna sektorn: dialog, kvalitet, självständighet och oberoende, "
          "öppenhet och insyn samt mångfald."),
        P("§ 3 Verksamhet", "h2"),
        P("Föreningen åtar sig att inom partnerskapet"),
        P("– erbjuda stödsamtal på plats, per telefon och i chatt,<br/>"
          "– tillhandahålla skyddat boende i fyra lägenheter,<br/>"
          "– bedriva gruppverksamhet för barn som bevittnat våld,<br/>"
          "– delta i kommunens arbete mot våld i nära relationer."),
        P("Kommunen åtar sig att bidra ekonomiskt enligt § 5, att utse en kontaktperson på "
          "förvaltningen och att bjuda in föreningen till relevanta nätverk."),
        P("Föreningen arbetar i samverkan med Polisen och med förvaltningens "
          "relationsvåldsenhet. Polisen är inte part i denna överenskommelse."),
        P("§ 4 Avtalstid", "h2"),
        P("Överenskommelsen gäller i tre år räknat från och med den 1 januari 2023. Därefter "
          "förlängs den med ett år i taget om ingen part säger upp den senast sex månader före "
          "avtalstidens slut, dvs. senast den 30 juni. Uppsägning ska vara skriftlig."),
        PageBreak(),
        P("§ 5 Ekonomi", "h2"),
        P("Kommunen bidrar till verksamheten med SEK 950 000 per år under avtalstiden. Bidraget "
          "betalas ut kvartalsvis i förskott efter rekvisition från föreningen. Bidraget räknas "
          "inte upp med index under avtalstiden."),
        P("Föreningen bidrar med en egen insats i form av ideellt arbete och insamlade medel, "
          "värderad till minst 310 000 kronor per år."),
        P("Bidrag som inte har använts för verksamhet enligt denna överenskommelse ska betalas "
          "tillbaka till kommunen."),
        P("§ 6 Uppföljning och dialog", "h2"),
        P("Föreningen lämnar senast den 31 mars varje år verksamhetsberättelse, "
          "revisionsberättelse och ekonomisk redovisning för föregående år. Parterna träffas för "
          "dialogmöte minst en gång per halvår. Vid dialogmötena följs verksamheten upp utifrån "
          "de mål som parterna gemensamt har formulerat."),
        P("Föreningen ska dessutom, i anslutning till det första dialogmötet under 2024 och "
          "senast den 1 mars 2024, skriftligt redovisa hur gruppverksamheten för barn som "
          "bevittnat våld har utvecklats under det första avtalsåret."),
        P("§ 7 Tystnadsplikt och personuppgifter", "h2"),
        P("Föreningens anställda och volontärer ska ha undertecknat en förbindelse om "
          "tystnadsplikt. Parterna ansvarar var för sig för att personuppgifter behandlas enligt "
          "dataskyddsförordningen. Inga personuppgifter om stödsökande lämnas till kommunen utan "
          "samtycke."),
        P("§ 8 Ändringar", "h2"),
        P("Ändringar i och tillägg till denna överenskommelse ska vara skriftliga och "
          "undertecknade av båda parter för att vara giltiga."),
        P("§ 9 Hävning", "h2"),
        P("Om en part i väsentlig mån bryter mot överenskommelsen och inte vidtar rättelse inom "
          "skälig tid efter skriftlig anmaning, har den andra parten rätt att häva "
          "överenskommelsen."),
        P("§ 10 Tvist", "h2"),
        P("Tvist om tolkning eller tillämpning av överenskommelsen ska i första hand lösas genom "
          "dialog mellan parterna. Om parterna inte kan enas avgörs tvisten av allmän domstol."),
        PageBreak(),
        P("§ 11 Underskrifter", "h2"),
        P("Denna överenskommelse har upprättats i två likalydande exemplar, av vilka parterna "
          "tagit var sitt."),
        Spacer(1, 8 * mm),
        P("Borås den 12 december 2022"),
        Spacer(1, 6 * mm),
        _pdf_table([["För Borås Stad,\nindivid- och familjeomsorgsnämnden",
                     "För Borås Kvinno- och tjejjour"],
                    ["\n\n______________________________\nMalin Carlsson\nOrdförande",
                     "\n\n______________________________\nSara Lindgren\nOrdförande"]],
                   st, [82 * mm, 82 * mm], bold_first=False, grid=False),
        Spacer(1, 14 * mm),
        P("Bilaga: Rutin för samverkan mellan föreningen, Polisen och relationsvåldsenheten", "small"),
    ]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=24 * mm, bottomMargin=24 * mm,
                            title="Överenskommelse IOP Borås Kvinno- och tjejjour",
                            author="Borås Stad")
    canv = _numbered_canvas("Borås Stad – Överenskommelse om IOP, Borås Kvinno- och tjejjour",
                            "Borås Stad · Individ- och familjeomsorgsförvaltningen · 501 80 Borås · "
                            "boras.se")
    doc.build(story, canvasmaker=canv)


# --------------------------------------------------------------------------- a10 pdf (2 pages)

def make_a10(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, PageBreak
    _register_fonts()
    st = _styles(base="DejaVuSerif", bold="DejaVuSerif-Bold", size=10.5)
    P = lambda t, s="body": Paragraph(t, st[s])
    story = [
        _pdf_table([["Karlstads kommun", "TILLÄGGSAVTAL 1"],
                    ["Arbetsmarknads- och socialnämnden", "Dnr ASN 2024/0356"]],
                   st, [95 * mm, 70 * mm], bold_first=True, grid=False),
        Spacer(1, 8 * mm),
        P("Tilläggsavtal 1 till överenskommelse om idéburet offentligt partnerskap – "
          "Värmestugan", "h1"),
        P("Avser överenskommelse med dnr ASN 2022/1187"),
        P("§ 1 Parter", "h2"),
        P("Karlstads kommun, genom arbetsmarknads- och socialnämnden, org.nr 212000-1850<br/>"
          "Karlstads Stadsmission, org.nr 802016-3187<br/>"
          "Pingstförsamlingen Karlstad, org.nr 252003-6145"),
        P("§ 2 Bakgrund", "h2"),
        P("Parterna undertecknade den 28 november 2022 en överenskommelse om idéburet offentligt "
          "partnerskap för driften av Värmestugan under perioden 2023-01-01 – 2025-12-31, med "
          "möjlighet till förlängning med högst två år. Behovet av verksamheten har ökat, "
          "särskilt under vinterhalvåret. Arbetsmarknads- och socialnämnden beslutade den "
          "21 mars 2024, § 38, att utnyttja förlängningsmöjligheten och att höja kommunens "
          "bidrag. Detta tilläggsavtal reglerar de ändringarna."),
        P("§ 3 Avtalstid", "h2"),
        P("Överenskommelsen förlängs med två år och gäller därmed från och med 2023-01-01 till och "
          "med 2027-12-31. Överenskommelsen förlängs inte automatiskt och någon ytterligare "
          "möjlighet till förlängning finns inte. Den ömsesidiga uppsägningstiden är oförändrat "
          "sex månader."),
        P("§ 4 Ekonomi", "h2"),
        P("Kommunens bidrag höjs från 1 100 000 kronor till 1 350 000 kronor per år, med "
          "verkan från och med den 1 januari 2025. Höjningen om 250 000 kronor per år avser främst utökade "
          "öppettider under vinterhalvåret och en halvtidstjänst som samordnare för volontärer."),
        P("Utbetalning sker som tidigare två gånger per år, i januari och juli, enligt följande "
          "betalningsplan."),
        _pdf_table([["År", "Belopp (kr)"],
                    ["2025", "1 350 000"],
                    ["2026", "1 350 000"],
                    ["2027", "1 350 000"],
                    ["Summa", "4 050 000"]],
                   st, [40 * mm, 45 * mm], bold_first=True, bold_last=True),
        PageBreak(),
        P("§ 5 Uppföljning", "h2"),
        P("Utöver den uppföljning som anges i överenskommelsen lämnar de idéburna parterna från "
          "och med 2025 en gemensam lägesrapport varje kvartal till förvaltningen."),
        P("Förvaltningen beställer en extern utvärdering av Värmestugan. Utvärderingen ska vara "
          "klar senast den 31 oktober 2024 och redovisas för nämnden och för parternas styrelser."),
        P("§ 6 Övriga villkor", "h2"),
        P("I övrigt gäller överenskommelsen (dnr ASN 2022/1187) med oförändrade villkor."),
        P("§ 7 Giltighet", "h2"),
        P("Tilläggsavtalet träder i kraft när det har undertecknats av samtliga parter. Det har "
          "upprättats i tre likalydande exemplar, av vilka parterna tagit var sitt."),
        Spacer(1, 10 * mm),
        _pdf_table([["Karlstad den 4 april 2024", "Karlstad den 4 april 2024"],
                    ["För Karlstads kommun,\narbetsmarknads- och socialnämnden\n\n\n"
                     "______________________________\nEva Nordin, ordförande",
                     "För Karlstads Stadsmission\n\n\n\n"
                     "______________________________\nJohan Berg, direktor"],
                    ["Karlstad den 4 april 2024", ""],
                    ["För Pingstförsamlingen Karlstad\n\n\n\n"
                     "______________________________\nDaniel Holm, föreståndare", ""]],
                   st, [82 * mm, 82 * mm], bold_first=False, grid=False),
    ]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=24 * mm, bottomMargin=24 * mm,
                            title="Tilläggsavtal 1 Värmestugan", author="Karlstads kommun")
    canv = _numbered_canvas("Karlstads kommun  |  Tilläggsavtal 1 – IOP Värmestugan  |  "
                            "ASN 2024/0356",
                            "Karlstads kommun, 651 84 Karlstad  ·  Besöksadress Drottninggatan 32  "
                            "·  karlstad.se", font="DejaVuSerif")
    doc.build(story, canvasmaker=canv)


# --------------------------------------------------------------------------- a06 scan

def _scan_source_pdf():
    """The original (text) PDF of the 2019 agreement, returned as bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, PageBreak
    _register_fonts()
    st = _styles(base="DejaVuSerif", bold="DejaVuSerif-Bold", size=11.5)
    P = lambda t, s="body": Paragraph(t, st[s])
    story = [
        _pdf_table([["KARLSTADS KOMMUN", "Dnr ASN 2019/0412"],
                    ["Arbetsmarknads- och socialförvaltningen", ""]],
                   st, [100 * mm, 60 * mm], bold_first=True, grid=False),
        Spacer(1, 8 * mm),
        P("ÖVERENSKOMMELSE om idéburet offentligt partnerskap (IOP) – Värmestugan, "
          "dagverksamhet för personer i hemlöshet", "h1"),
        P("1. Parter", "h2"),
        P("Karlstads kommun, genom arbetsmarknads- och socialnämnden, org.nr 212000-1850, och "
          "Karlstads Stadsmission, org.nr 802016-3187."),
        P("2. Bakgrund och syfte", "h2"),
        P("Karlstads Stadsmission har sedan 2015 drivit Värmestugan med egna medel och "
          "tillfälliga bidrag. Parterna vill nu gemensamt säkra en mötesplats dagtid för "
          "personer i hemlöshet, där besökarna får mat, värme och stöd att komma vidare till "
          "socialtjänst och vård."),
        P("3. Verksamhetens innehåll", "h2"),
        P("Värmestugan håller öppet vardagar kl. 9–15. Stadsmissionen ansvarar för personal, "
          "volontärer och lokal. Kommunen utser en kontaktperson vid vuxenenheten."),
        P("4. Giltighetstid", "h2"),
        P("Överenskommelsen gäller från och med den 1 juli 2019 till och med den 31 december "
          "2021. Den kan förlängas med högst ett år efter beslut i arbetsmarknads- och "
          "socialnämnden. Ömsesidig uppsägningstid är tre månader."),
        PageBreak(),
        P("5. Ekonomi", "h2"),
        P("Kommunen bidrar med 800 000 kronor per år. För perioden 1 juli – 31 december 2019 "
          "betalas 400 000 kronor ut. Bidraget betalas ut kvartalsvis."),
        P("6. Uppföljning", "h2"),
        P("Stadsmissionen lämnar en verksamhetsplan för hösten 2019 senast den 15 augusti 2019. "
          "Verksamheten redovisas därefter skriftligt halvårsvis till förvaltningen."),
        P("7. Övrigt", "h2"),
        P("Ändringar ska vara skriftliga och undertecknas av båda parter. Överenskommelsen har "
          "upprättats i två likalydande exemplar."),
        Spacer(1, 12 * mm),
        _pdf_table([["Karlstad 2019-06-14", "Karlstad 2019-06-14"],
                    ["För Karlstads kommun\n\n\n______________________________\n"
                     "Lars Ekberg, ordförande\narbetsmarknads- och socialnämnden",
                     "För Karlstads Stadsmission\n\n\n______________________________\n"
                     "Johan Berg, direktor"]],
                   st, [82 * mm, 82 * mm], bold_first=False, grid=False),
    ]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=24 * mm, rightMargin=24 * mm,
                            topMargin=22 * mm, bottomMargin=22 * mm)
    doc.build(story)
    return buf.getvalue()


def make_a06(path):
    import pypdfium2 as pdfium
    from PIL import Image
    rng = random.Random(20190614)
    pdf = pdfium.PdfDocument(_scan_source_pdf())
    pages = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=200 / 72).to_pil().convert("L")
        img = img.rotate(0.5 if i == 0 else -0.4, resample=Image.BICUBIC, expand=False,
                         fillcolor=255)
        # light noise: sparse grey specks plus a faint overall grain
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 180):
            x, y = rng.randrange(w), rng.randrange(h)
            px[x, y] = max(0, px[x, y] - rng.randint(40, 120))
        grain = Image.effect_noise((w, h), 12).convert("L")
        img = Image.blend(img, grain, 0.06)
        img = img.point(lambda v: min(255, int(v * 1.02) + 3))
        pages.append(img)
    pages[0].save(path, "PDF", resolution=200, save_all=True, append_images=pages[1:])


# --------------------------------------------------------------------------- e-mails

def _hdr(s):
    if all(ord(c) < 128 for c in s):
        return s
    return Header(s, "windows-1252").encode()


def _eml(path, frm_name, frm_addr, to, date, subject, body, qp, extra=()):
    raw = body.encode("cp1252")
    if qp:
        payload = quopri.encodestring(raw)
        cte = "quoted-printable"
    else:
        payload = raw
        cte = "8bit"
    headers = [
        "From: %s <%s>" % (_hdr(frm_name), frm_addr),
        "To: %s" % to,
        *extra,
        "Date: %s" % date,
        "Subject: %s" % _hdr(subject),
        "Message-ID: <%s.%s>" % (hashlib.md5(subject.encode("utf-8")).hexdigest()[:12], frm_addr),
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="windows-1252"',
        "Content-Transfer-Encoding: %s" % cte,
    ]
    head = "\n".join(headers).encode("ascii") + b"\n\n"
    Path(path).write_bytes(head + payload)


A03_BODY = """Hej Sara!

Tack för verksamhetsberättelsen för 2024 som kom in förra veckan. Vi har gått igenom den på förvaltningen och tycker att den ger en bra bild av arbetet, inte minst den nya gruppverksamheten för barn.

Jag vill också påminna om vad som gäller för avtalstiden. Överenskommelsen om idéburet offentligt partnerskap mellan individ- och familjeomsorgsnämnden och Borås Kvinno- och tjejjour gäller 2023-01-01 – 2025-12-31, och uppsägningstiden är sex månader. Om någon av parterna vill säga upp överenskommelsen måste det alltså ske skriftligen senast den 30 juni 2025. Görs ingen uppsägning förlängs överenskommelsen automatiskt med ett år, till och med den 31 december 2026, och därefter på samma sätt ett år i taget.

Från förvaltningens sida ser vi i dag inget skäl att säga upp överenskommelsen, men nivån på bidraget (950 000 kronor per år) kommer att diskuteras i budgetarbetet inför 2026. Hittills under avtalsperioden har nämnden betalat ut 2 137 500 kronor till föreningen.

Inför vårens dialogmöte vill vi gärna ha era synpunkter på samarbetet och om ni ser behov av ändringar i överenskommelsen. Skicka dem till mig senast i april 2025 så hinner vi sammanställa dem.

Hör av dig om något är oklart!

Vänliga hälsningar

Lina Abrahamsson
Utredare
Individ- och familjeomsorgsförvaltningen
Borås Stad
Telefon: 033-357 41 86
lina.abrahamsson@boras.se
"""

A05_BODY = """Hej Sara och Amira,

Som vi pratade om på mötet i förra veckan skickar jag här utkastet till överenskommelse mellan grundskolenämnden och Borås Kvinno- och tjejjour om samtalsgrupperna i grundskolan (bifogat som pdf). Ärendet är planerat till grundskolenämndens sammanträde den 17 juni.

Det viktigaste i korthet:

- Överenskommelsen gäller från och med den 1 augusti 2025 och tills vidare. Uppsägningstiden är tre månader för båda parter.
- Bidraget är 450 000 kronor per år och betalas ut i början av varje termin. För hösten 2025 blir det 187 500 kronor.
- Ni lämnar en kort rapport efter varje termin om antal grupper, deltagare och skolor.
- Er befintliga överenskommelse med individ- och familjeomsorgsnämnden påverkas inte av det här.

Vi behöver era eventuella synpunkter på texten senast måndag den 2 juni 2025, så att jag hinner justera innan handlingarna skickas ut till nämnden.

Ring gärna om ni vill gå igenom något tillsammans.

Med vänlig hälsning

Maria Sundqvist
Utvecklingsledare, avdelningen för elevhälsa
Grundskoleförvaltningen
Borås Stad
033-358 12 07
"""


def make_a03(path):
    _eml(path, "Lina Abrahamsson", "lina.abrahamsson@boras.se",
         "Sara Lindgren <ordforande@kvinnojourenboras.se>",
         "Tue, 11 Mar 2025 14:07:32 +0100",
         "Uppföljning och påminnelse om uppsägningstid – IOP, dnr IFN 2022-00314",
         A03_BODY, qp=True,
         extra=("Cc: ifo.registrator@boras.se",))


def make_a05(path):
    _eml(path, "Maria Sundqvist", "maria.sundqvist@boras.se",
         "info@kvinnojourenboras.se",
         "Tue, 20 May 2025 10:41:05 +0200",
         "Utkast till överenskommelse om samtalsgrupper i grundskolan (GSN 2025-00127)",
         A05_BODY, qp=False,
         extra=("Cc: Amira Hadzic <amira.hadzic@kvinnojourenboras.se>",))


# --------------------------------------------------------------------------- main

if __name__ == "__main__":
    make_a01(OUT / "a01_boras_kvinnojour_tjansteskrivelse.docx")
    make_a02(OUT / "a02_boras_kvinnojour_overenskommelse.pdf")
    make_a03(OUT / "a03_boras_kvinnojour_paminnelse.eml")
    make_a05(OUT / "a05_boras_samtalsgrupper_utkast.eml")
    make_a06(OUT / "a06_karlstad_varmestugan_avtal2019_skannad.pdf")
    make_a09(OUT / "a09_karlstad_varmestugan_overenskommelse.docx")
    make_a10(OUT / "a10_karlstad_varmestugan_tillaggsavtal.pdf")
    make_a11(OUT / "a11_karlstad_varmestugan_uppfoljning.docx")
    print("done")
