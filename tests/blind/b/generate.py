"""Generate the binary documents (docx, pdf, scanned pdf) of blind corpus b.

Run:  python3 generate.py          (writes into the folder this file lives in)

Plain-text documents (.txt, .html, .eml) are stored as files next to this
script and are not produced here.  Importing this module has no side effects.
"""

import os
import random
import tempfile

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"


# --------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------

def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("DejaVu", FONT_DIR + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_DIR + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT_DIR + "DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", FONT_DIR + "DejaVuSerif-Bold.ttf"))
    from reportlab.lib.fonts import addMapping
    addMapping("DejaVu", 0, 0, "DejaVu")
    addMapping("DejaVu", 1, 0, "DejaVu-Bold")
    addMapping("DejaVuSerif", 0, 0, "DejaVuSerif")
    addMapping("DejaVuSerif", 1, 0, "DejaVuSerif-Bold")


def _styles(base="DejaVu"):
    from reportlab.lib.styles import ParagraphStyle
    bold = base + ("-Bold" if base == "DejaVu" else "-Bold")
    s = {}
    s["body"] = ParagraphStyle("body", fontName=base, fontSize=10, leading=14, spaceAfter=6)
    s["small"] = ParagraphStyle("small", fontName=base, fontSize=8.5, leading=11)
    s["title"] = ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=8)
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4)
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=10, leading=14, spaceBefore=4, spaceAfter=2)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=14, bulletIndent=4, spaceAfter=3)
    return s


def _numbered_canvas_class(header_left, header_right, footer_left):
    """A canvas that writes a running header and 'Sida n (N)' footer."""
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import A4

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            canvas.Canvas.__init__(self, *args, **kwargs)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                canvas.Canvas.showPage(self)
            canvas.Canvas.save(self)

        def _decorate(self, total):
            w, h = A4
            self.setFont("DejaVu", 8)
            self.setFillGray(0.25)
            self.drawString(56, h - 36, header_left)
            self.drawRightString(w - 56, h - 36, header_right)
            self.setLineWidth(0.4)
            self.line(56, h - 41, w - 56, h - 41)
            self.line(56, 48, w - 56, 48)
            self.drawString(56, 36, footer_left)
            self.drawRightString(w - 56, 36, "%d (%d)" % (self._pageNumber, total))

    return NumberedCanvas


def _build_pdf(path, story, header_left, header_right, footer_left):
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.lib.pagesizes import A4
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=62, rightMargin=62,
                            topMargin=64, bottomMargin=64,
                            title=os.path.basename(path), author="")
    doc.build(story, canvasmaker=_numbered_canvas_class(header_left, header_right, footer_left))


def _docx_base():
    from docx import Document
    from docx.shared import Pt
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for sec in d.sections:
        from docx.shared import Cm
        sec.left_margin = Cm(2.3)
        sec.right_margin = Cm(2.3)
    return d


def _cell(cell, lines, bold_first=False, size=None):
    """Write lines (list of str) into a table cell, one paragraph each."""
    from docx.shared import Pt
    cell.text = ""
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i > 0:
            p = cell.add_paragraph()
        r = p.add_run(line)
        if bold_first and i == 0:
            r.bold = True
        if size:
            r.font.size = Pt(size)


def _table(d, rows, widths=None, header_bold=True, style="Table Grid"):
    from docx.shared import Cm
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        t.style = style
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            lines = val if isinstance(val, list) else [val]
            _cell(t.cell(i, j), lines, bold_first=(header_bold and i == 0))
    if widths:
        for row in t.rows:
            for j, w in enumerate(widths):
                row.cells[j].width = Cm(w)
    return t


def _para(d, text, bold=False, style=None, size=None, italic=False):
    from docx.shared import Pt
    p = d.add_paragraph(style=style) if style else d.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    r.italic = italic
    if size:
        r.font.size = Pt(size)
    return p


# --------------------------------------------------------------------------
# b01  Helsingborg, first agreement 2019 (scanned, image-only PDF)
# --------------------------------------------------------------------------

B01_PAGES = [
    [
        ("title", "ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP"),
        ("sub", "Läxhjälp och mentorskap för barn och unga i Drottninghög"),
        ("right", "Dnr SFN 2019/0274"),
        ("gap", ""),
        ("h", "1. Parter"),
        ("p", "Helsingborgs stad, genom skol- och fritidsnämnden, org.nr 212000-1074,"),
        ("p", "nedan kallad staden."),
        ("p", "Föreningen Framtidsbron Helsingborg, org.nr 802468-3156, nedan kallad"),
        ("p", "föreningen."),
        ("h", "2. Bakgrund och syfte"),
        ("p", "Föreningen har sedan 2016 bedrivit ideell läxhjälp i Drottninghög. Syftet med"),
        ("p", "partnerskapet är att fler elever i årskurs 4-9 ska nå kunskapskraven och att"),
        ("p", "unga i området ska få vuxna förebilder utanför skolan. Parterna bidrar var för"),
        ("p", "sig med det de är bäst på: föreningen med engagemang, ideella mentorer och"),
        ("p", "förtroende i området, staden med lokaler, kunskap om skolans arbete och"),
        ("p", "ekonomiskt stöd."),
        ("h", "3. Föreningens åtaganden"),
        ("p", "- erbjuda läxhjälp två eftermiddagar i veckan under terminerna,"),
        ("p", "- rekrytera, utbilda och handleda ideella mentorer,"),
        ("p", "- föra enkel statistik över antal deltagare, fördelat på årskurs och kön."),
        ("h", "4. Stadens åtaganden"),
        ("p", "- upplåta lokal i Drottninghögsskolan utan kostnad för föreningen,"),
        ("p", "- utse en kontaktperson på skol- och fritidsförvaltningen,"),
        ("p", "- lämna ekonomiskt bidrag enligt punkt 6."),
        ("h", "5. Avtalstid"),
        ("p", "Överenskommelsen gäller i tre år räknat från och med den 1 september 2019."),
        ("p", "Överenskommelsen förlängs inte automatiskt. Parterna ska i god tid före"),
        ("p", "avtalstidens slut föra en dialog om ett eventuellt fortsatt samarbete."),
        ("p", "Vardera parten kan säga upp överenskommelsen med tre månaders uppsägningstid."),
    ],
    [
        ("h", "6. Ekonomi"),
        ("p", "Staden lämnar ett bidrag till föreningen om 450 tkr per år. Bidraget betalas"),
        ("p", "ut två gånger per år, i september och i februari, mot rekvisition."),
        ("p", "Bidraget får endast användas för verksamheten enligt denna överenskommelse."),
        ("h", "7. Uppföljning"),
        ("p", "Föreningen lämnar en delrapport i juni 2020 med deltagarstatistik och en"),
        ("p", "beskrivning av hur mentorsverksamheten har utvecklats. Parterna träffas för"),
        ("p", "dialogmöte en gång per termin. Föreningens verksamhetsberättelse och"),
        ("p", "revisionsberättelse skickas till staden när de har fastställts av årsmötet."),
        ("h", "8. Ändringar och tvist"),
        ("p", "Ändringar och tillägg till överenskommelsen ska vara skriftliga och"),
        ("p", "undertecknade av båda parter. Tvister ska i första hand lösas genom dialog."),
        ("h", "9. Underskrifter"),
        ("p", "Denna överenskommelse har upprättats i två likalydande exemplar, av vilka"),
        ("p", "parterna har tagit var sitt."),
        ("gap", ""),
        ("p", "Helsingborg den 27 augusti 2019"),
        ("gap", ""),
        ("sig", ("För Helsingborgs stad", "För Föreningen Framtidsbron Helsingborg")),
        ("sig2", ("Karin Mauritzson", "Yusuf Demir")),
        ("sig2", ("Ordförande, skol- och fritidsnämnden", "Ordförande")),
    ],
]


def _draw_b01_pages(pdf_path):
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import A4
    c = canvas.Canvas(pdf_path, pagesize=A4)
    w, h = A4
    for n, page in enumerate(B01_PAGES, 1):
        y = h - 70
        c.setFont("DejaVuSerif", 8)
        c.drawString(60, h - 40, "HELSINGBORGS STAD  -  Skol- och fritidsförvaltningen")
        c.drawRightString(w - 60, h - 40, "%d (%d)" % (n, len(B01_PAGES)))
        for kind, text in page:
            if kind == "title":
                c.setFont("DejaVuSerif-Bold", 13)
                c.drawString(60, y, text)
                y -= 20
            elif kind == "sub":
                c.setFont("DejaVuSerif", 11.5)
                c.drawString(60, y, text)
                y -= 18
            elif kind == "right":
                c.setFont("DejaVuSerif", 10.5)
                c.drawRightString(w - 60, y, text)
                y -= 16
            elif kind == "h":
                y -= 6
                c.setFont("DejaVuSerif-Bold", 11)
                c.drawString(60, y, text)
                y -= 16
            elif kind == "p":
                c.setFont("DejaVuSerif", 10.5)
                c.drawString(60, y, text)
                y -= 15
            elif kind == "gap":
                y -= 14
            elif kind == "sig":
                y -= 30
                c.setLineWidth(0.6)
                c.line(60, y + 12, 260, y + 12)
                c.line(320, y + 12, 530, y + 12)
                c.setFont("DejaVuSerif", 10)
                c.drawString(60, y, text[0])
                c.drawString(320, y, text[1])
                y -= 14
            elif kind == "sig2":
                c.setFont("DejaVuSerif", 10)
                c.drawString(60, y, text[0])
                c.drawString(320, y, text[1])
                y -= 14
        if n == len(B01_PAGES):
            # a handwritten-looking signature scribble over the lines
            c.setLineWidth(1.1)
            base = y + 14 * 3 + 30 + 14
            for x0 in (70, 330):
                p = c.beginPath()
                p.moveTo(x0, base)
                for k in range(1, 14):
                    p.lineTo(x0 + k * 11, base + (9 if k % 2 else -4) + (k % 3))
                c.drawPath(p, stroke=1, fill=0)
        c.showPage()
    c.save()


def make_b01(outdir):
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    rnd = random.Random(20190827)
    with tempfile.TemporaryDirectory() as tmp:
        clean = os.path.join(tmp, "clean.pdf")
        _draw_b01_pages(clean)
        pdf = pdfium.PdfDocument(clean)
        images = []
        for i in range(len(pdf)):
            img = pdf[i].render(scale=200 / 72).to_pil().convert("L")
            img = img.rotate(0.5, resample=Image.BICUBIC, expand=False, fillcolor=255)
            px = img.load()
            wd, ht = img.size
            # light speckle noise and a slightly grey paper tone
            for _ in range(wd * ht // 180):
                x, y = rnd.randrange(wd), rnd.randrange(ht)
                px[x, y] = max(0, px[x, y] - rnd.randint(40, 140))
            img = img.point(lambda v: int(v * 0.94 + 6))
            img = img.filter(ImageFilter.GaussianBlur(0.4))
            images.append(img)
        pdf.close()
    out = os.path.join(outdir, "b01_helsingborg_framtidsbron_avtal2019_skannad.pdf")
    images[0].save(out, "PDF", resolution=200, save_all=True, append_images=images[1:])


# --------------------------------------------------------------------------
# b02  Helsingborg, tjänsteskrivelse 2022 (docx with tables)
# --------------------------------------------------------------------------

def make_b02(outdir):
    from docx.shared import Pt
    d = _docx_base()
    _para(d, "HELSINGBORGS STAD", bold=True, size=13)
    _para(d, "Skol- och fritidsförvaltningen", size=10)
    _table(d, [["Datum", "Diarienummer", "Handläggare"],
               ["2022-10-03", "SFN 2022/0391", "Johanna Persson"]], widths=[4, 5, 6])
    _para(d, "")
    _para(d, "Tjänsteskrivelse", bold=True, size=16)
    _para(d, "Skol- och fritidsnämnden")
    _para(d, "Idéburet offentligt partnerskap med Föreningen Framtidsbron Helsingborg "
             "om läxhjälp, mentorskap och föräldrastöd 2023–2025", bold=True, size=12)

    d.add_heading("Förslag till beslut", level=2)
    _para(d, "Skol- och fritidsnämnden föreslås besluta")
    for t in ["att ingå en ny överenskommelse om idéburet offentligt partnerskap med "
              "Föreningen Framtidsbron Helsingborg (org.nr 802468-3156) enligt bilaga 1,",
              "att bidraget till föreningen ska uppgå till 620 000 kronor per år under "
              "avtalsperioden, och",
              "att uppdra åt skol- och fritidsdirektören att underteckna överenskommelsen."]:
        _para(d, t, style="List Bullet")

    d.add_heading("Sammanfattning", level=2)
    _para(d, "Skol- och fritidsnämnden och Föreningen Framtidsbron Helsingborg hade under "
             "perioden 2019-09-01–2022-08-31 ett idéburet offentligt partnerskap om läxhjälp "
             "och mentorskap i Drottninghög (dnr SFN 2019/0274). Den överenskommelsen löpte ut "
             "den 31 augusti 2022 och förlängdes inte. Föreningen har under hösten 2022 "
             "fortsatt verksamheten i mindre omfattning med egna medel.")
    _para(d, "Förvaltningen föreslår nu att nämnden ingår en ny överenskommelse med föreningen. "
             "Verksamheten breddas till att även omfatta Dalhem och kompletteras med "
             "föräldrastöd i form av samtalsgrupper för föräldrar med annat modersmål än svenska.")

    d.add_heading("Bakgrund", level=2)
    _para(d, "Föreningen Framtidsbron Helsingborg är en ideell förening som bildades 2016 av "
             "föräldrar och tidigare elever i Drottninghög. Föreningen är partipolitiskt och "
             "religiöst obunden och har i dag ett sextiotal aktiva volontärer, de flesta "
             "studenter vid Campus Helsingborg.")
    _para(d, "Den gemensamma utvärderingen av det förra partnerskapet visar att omkring 140 "
             "elever per termin tog del av läxhjälpen och att andelen elever med godkända betyg "
             "i samtliga ämnen ökade bland dem som deltog regelbundet. Under den förra "
             "avtalsperioden var stadens bidrag 450 000 kronor per år.")
    _para(d, "Arbetet i Dalhem kommer att ske i samverkan med Helsingborgshem, som upplåter en "
             "lokal i bostadsområdet, och med Polisen inom ramen för det områdesbaserade "
             "trygghetsarbetet.")

    d.add_heading("Överväganden", level=2)
    _para(d, "Förvaltningen bedömer att verksamheten bygger på föreningens egen idé och att "
             "den kompletterar skolans ordinarie stöd. Det finns inte någon marknad för den "
             "typen av ideell läxhjälp i området och överenskommelsen är därför inte ett "
             "offentligt kontrakt. Ett idéburet offentligt partnerskap bedöms vara den mest "
             "lämpliga formen för samverkan.")
    _para(d, "Överenskommelsen föreslås gälla i tre år räknat från och med den 1 januari 2023, "
             "det vill säga till och med den 31 december 2025. Den förlängs inte automatiskt men "
             "kan förlängas med högst ett år efter beslut i skol- och fritidsnämnden. "
             "Uppsägningstiden är tre månader för båda parter.")
    _para(d, "En gemensam utvärdering av partnerskapet ska vara klar senast den 31 oktober 2024 "
             "och utgöra underlag för nämndens ställningstagande till en eventuell förlängning.")

    d.add_heading("Ekonomi", level=2)
    _para(d, "Förvaltningen föreslår ett bidrag om 620 000 kronor per år. Ökningen jämfört med "
             "den förra avtalsperioden förklaras av att verksamheten utökas till Dalhem och med "
             "föräldrastöd. Föreningens egen insats i form av ideellt arbete värderas till "
             "180 000 kronor per år. Bidraget betalas ut enligt följande plan:")
    _table(d, [["År", "Belopp"],
               ["2023", "620 000 kr"],
               ["2024", "620 000 kr"],
               ["2025", "620 000 kr"],
               ["Summa", "1 860 000 kr"]], widths=[4, 5])
    _para(d, "")
    _para(d, "Kostnaden ryms inom nämndens budget för kompensatoriska insatser.")

    d.add_heading("Uppföljning", level=2)
    _para(d, "Föreningen lämnar en skriftlig rapport till förvaltningen efter varje termin. "
             "Förvaltningens kontaktperson och föreningens samordnare har avstämningsmöte "
             "varannan månad.")

    d.add_heading("Barnperspektiv", level=2)
    _para(d, "Förslaget bedöms ha en positiv påverkan på barn och unga i berörda områden. "
             "Barn och unga har genom föreningens elevråd varit delaktiga i planeringen.")

    _para(d, "")
    _para(d, "SKOL- OCH FRITIDSFÖRVALTNINGEN")
    _para(d, "")
    _table(d, [["Maria Lindgren", "Johanna Persson"],
               ["Skol- och fritidsdirektör", "Utvecklingsledare"]], header_bold=False,
           style=None)
    _para(d, "")
    _para(d, "Bilagor", bold=True)
    _para(d, "1. Förslag till överenskommelse om idéburet offentligt partnerskap")
    _para(d, "2. Utvärdering av partnerskapet 2019–2022")
    d.core_properties.author = "Johanna Persson"
    d.core_properties.title = "Tjänsteskrivelse IOP Framtidsbron"
    d.save(os.path.join(outdir, "b02_helsingborg_framtidsbron_tjansteskrivelse.docx"))


# --------------------------------------------------------------------------
# b03  Helsingborg, agreement 2022 (multi-page PDF)
# --------------------------------------------------------------------------

def make_b03(outdir):
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle, KeepTogether
    from reportlab.lib import colors
    s = _styles("DejaVu")
    P = lambda t, st="body": Paragraph(t, s[st])
    story = []
    head = Table([
        [P("<b>Helsingborgs stad</b><br/>Skol- och fritidsnämnden", "small"),
         P("Diarienummer: SFN 2022/0391<br/>Beslut i skol- och fritidsnämnden 2022-11-24, § 87", "small")],
    ], colWidths=[230, 240])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story += [head, Spacer(1, 16)]
    story.append(P("Överenskommelse om idéburet offentligt partnerskap", "title"))
    story.append(P("Läxhjälp, mentorskap och föräldrastöd i Drottninghög och Dalhem", "h2"))

    story.append(P("§ 1 Parter", "h2"))
    story.append(P("Denna överenskommelse har ingåtts mellan Helsingborgs stad, genom skol- och "
                   "fritidsnämnden, organisationsnummer 212000-1074 (nedan kallad staden), och "
                   "Föreningen Framtidsbron Helsingborg, organisationsnummer 802468-3156 "
                   "(nedan kallad föreningen)."))
    story.append(P("§ 2 Bakgrund", "h2"))
    story.append(P("Staden och föreningen hade ett idéburet offentligt partnerskap om läxhjälp i "
                   "Drottninghög under åren 2019–2022. Parterna har gemensamt utvärderat det "
                   "partnerskapet och är överens om att fortsätta och utveckla samarbetet. Denna "
                   "överenskommelse är en ny överenskommelse och inte en förlängning av den "
                   "tidigare."))
    story.append(P("§ 3 Gemensamt mål och syfte", "h2"))
    story.append(P("Partnerskapets mål är att fler barn och unga i Drottninghög och Dalhem ska "
                   "klara skolan och se möjligheter till vidare studier och arbete, och att "
                   "föräldrar ska få bättre förutsättningar att stödja sina barns skolgång. "
                   "Partnerskapet bygger på föreningens idé och på de principer som gäller för "
                   "idéburet offentligt partnerskap: självständighet, dialog, kvalitet, "
                   "öppenhet och insyn."))
    story.append(P("§ 4 Föreningens åtaganden", "h2"))
    for t in ["bedriva läxhjälp minst tre eftermiddagar per vecka under terminerna i "
              "Drottninghög och två eftermiddagar per vecka i Dalhem,",
              "erbjuda mentorskap för elever i årskurs 7–9 och gymnasiet,",
              "anordna samtalsgrupper för föräldrar i samarbete med skolornas elevhälsa,",
              "rekrytera, utbilda och handleda volontärer samt kontrollera utdrag ur "
              "belastningsregistret för alla som arbetar med barn,",
              "lämna en verksamhetsplan för 2023 senast den 15 februari 2023."]:
        story.append(Paragraph(t, s["bullet"], bulletText="–"))
    story.append(P("§ 5 Stadens åtaganden", "h2"))
    for t in ["upplåta lokaler i Drottninghögsskolan utan kostnad för föreningen,",
              "utse en kontaktperson på skol- och fritidsförvaltningen,",
              "ge föreningen tillgång till relevant information från skolorna, med "
              "beaktande av sekretess,",
              "betala ut bidrag enligt § 7."]:
        story.append(Paragraph(t, s["bullet"], bulletText="–"))
    story.append(P("Verksamheten i Dalhem bedrivs i en lokal som Helsingborgshem upplåter. "
                   "Helsingborgshem är inte part i denna överenskommelse."))
    story.append(P("§ 6 Avtalstid", "h2"))
    story.append(P("Överenskommelsen gäller från och med den 1 januari 2023 till och med den "
                   "31 december 2025. Överenskommelsen förlängs inte automatiskt. Den kan "
                   "förlängas med högst ett år efter beslut i skol- och fritidsnämnden. "
                   "Vardera parten kan säga upp överenskommelsen med tre månaders "
                   "uppsägningstid."))
    story.append(P("§ 7 Ekonomi", "h2"))
    story.append(P("Staden lämnar ett bidrag till föreningen om 620 000 kronor per år. "
                   "Bidraget betalas ut kvartalsvis i förskott. Föreningens egen insats i form "
                   "av ideellt arbete värderas till 180 000 kronor per år. Verksamhetens "
                   "sammanlagda ekonomiska ram är därmed 800 000 kronor per år."))
    story.append(P("Bidrag som inte har använts för verksamheten enligt denna överenskommelse "
                   "ska betalas tillbaka till staden."))
    story.append(P("§ 8 Uppföljning och dialog", "h2"))
    story.append(P("Föreningen lämnar en skriftlig rapport efter varje termin med statistik över "
                   "antal deltagare, fördelat på skola, årskurs och kön. Parternas kontaktpersoner "
                   "har avstämningsmöte varannan månad. Föreningen skickar sin "
                   "verksamhetsberättelse och revisionsberättelse till staden senast den "
                   "31 maj varje år."))
    story.append(P("En gemensam utvärdering av partnerskapet ska vara klar senast den 31 oktober "
                   "2024. Utvärderingen är underlag för nämndens beslut om eventuell förlängning."))
    story.append(P("§ 9 Personuppgifter", "h2"))
    story.append(P("Föreningen är personuppgiftsansvarig för de personuppgifter som den "
                   "behandlar i verksamheten. Statistik som lämnas till staden ska vara "
                   "avidentifierad."))
    story.append(P("§ 10 Ändringar", "h2"))
    story.append(P("Ändringar och tillägg ska göras skriftligen och undertecknas av båda parter."))
    story.append(P("§ 11 Hävning", "h2"))
    story.append(P("Om en part väsentligt bryter mot överenskommelsen och inte vidtar rättelse "
                   "inom 30 dagar efter skriftlig påminnelse får den andra parten häva "
                   "överenskommelsen med omedelbar verkan."))
    story.append(P("§ 12 Tvist", "h2"))
    story.append(P("Tvist om tolkning eller tillämpning av överenskommelsen ska i första hand "
                   "lösas genom dialog mellan parterna och i andra hand av allmän domstol."))
    story.append(Spacer(1, 12))
    sig = Table([
        [P("Överenskommelsen har upprättats i två likalydande exemplar, av vilka parterna "
           "tagit var sitt.", "body"), ""],
        [P("Helsingborg 2022-12-08", "body"), P("Helsingborg 2022-12-08", "body")],
        [P("För Helsingborgs stad<br/>Skol- och fritidsnämnden", "body"),
         P("För Föreningen Framtidsbron Helsingborg", "body")],
        [P("<br/><br/>_______________________________", "body"),
         P("<br/><br/>_______________________________", "body")],
        [P("Maria Lindgren<br/>Skol- och fritidsdirektör", "body"),
         P("Yusuf Demir<br/>Ordförande", "body")],
    ], colWidths=[235, 235])
    sig.setStyle(TableStyle([("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(KeepTogether([P("§ 13 Underskrifter", "h2"), sig]))
    _build_pdf(os.path.join(outdir, "b03_helsingborg_framtidsbron_overenskommelse.pdf"), story,
               "Helsingborgs stad – Överenskommelse IOP", "Dnr SFN 2022/0391",
               "Skol- och fritidsförvaltningen, 251 89 Helsingborg")


# --------------------------------------------------------------------------
# b08  Östersund, agreement 2020 (docx with tables)
# --------------------------------------------------------------------------

def make_b08(outdir):
    d = _docx_base()
    _para(d, "Östersunds kommun", bold=True, size=13)
    _table(d, [["Handling", "Överenskommelse om idéburet offentligt partnerskap"],
               ["Diarienummer", "SN 2020/412"],
               ["Ansvarig nämnd", "Socialnämnden"],
               ["Verksamhet", "Stödcentrum mot våld"]], widths=[4.5, 11], header_bold=False)
    _para(d, "")
    _para(d, "Överenskommelse om idéburet offentligt partnerskap – Stödcentrum mot våld",
          bold=True, size=15)

    d.add_heading("1. Parter", level=2)
    _table(d, [["Idéburna parter", "Offentlig part"],
               [["Brottsofferjouren Jämtlands län", "org.nr 802416-7028",
                 "Kvinno- och tjejjouren i Östersund", "org.nr 802437-5597"],
                ["Östersunds kommun", "genom socialnämnden", "org.nr 212000-2460"]]],
           widths=[8, 7.5])
    _para(d, "")
    _para(d, "Brottsofferjouren och Kvinno- och tjejjouren benämns nedan gemensamt "
             "föreningarna och var för sig förening. Östersunds kommun benämns kommunen.")

    d.add_heading("2. Bakgrund", level=2)
    _para(d, "Föreningarna har sedan 2018 samarbetat om ett gemensamt stödcentrum i centrala "
             "Östersund för personer som utsatts för brott eller för våld i nära relationer. "
             "Kommunen har tidigare gett föreningarna årliga föreningsbidrag. Parterna vill nu "
             "ge verksamheten långsiktiga förutsättningar genom ett idéburet offentligt "
             "partnerskap.")
    _para(d, "Stödcentrum mot våld arbetar i samverkan med Polisen och Region Jämtland "
             "Härjedalen, bland annat kring hänvisning av brottsutsatta från akutmottagningen. "
             "Dessa myndigheter är inte parter i överenskommelsen.")

    d.add_heading("3. Syfte och gemensamma mål", level=2)
    _para(d, "Syftet är att personer som bor i Östersunds kommun och som utsatts för brott eller "
             "våld i nära relationer ska få tidigt och lättillgängligt stöd, och att fler "
             "våldsutsatta ska våga söka hjälp.")

    d.add_heading("4. Åtaganden", level=2)
    _para(d, "Föreningarna åtar sig att hålla stödcentrumet öppet för besök och telefonsamtal "
             "minst fem dagar i veckan, erbjuda stödsamtal och medföljning till polis och "
             "rättegång, samt erbjuda skyddat boende i akuta fall i enlighet med Kvinno- och "
             "tjejjourens riktlinjer.")
    _para(d, "Kommunen åtar sig att lämna ekonomiskt bidrag enligt punkt 6, att utse en "
             "kontaktperson på socialförvaltningen och att bjuda in föreningarna till "
             "kommunens samverkansgrupp mot våld i nära relationer.")

    d.add_heading("5. Avtalstid och uppsägning", level=2)
    _para(d, "Överenskommelsen gäller i tre år räknat från och med den 1 januari 2021. "
             "Överenskommelsen förlängs inte automatiskt. Uppsägningstiden är sex månader "
             "för samtliga parter.")
    _para(d, "Parterna ska senast den 31 mars 2023 ha påbörjat en gemensam utvärdering som "
             "underlag för ställningstagande om ett fortsatt partnerskap.")

    d.add_heading("6. Ekonomi", level=2)
    _para(d, "Kommunens bidrag uppgår till 1,2 mnkr per år och betalas ut halvårsvis, i "
             "januari och i juli. Föreningarnas egen insats består främst av ideellt arbete "
             "som jourkvinnor och stödpersoner.")
    _table(d, [["Finansiering per år", "Kronor"],
               ["Kommunens bidrag", "1 200 000"],
               ["Föreningarnas egen insats (ideellt arbete, värderat)", "310 000"],
               ["Summa", "1 510 000"]], widths=[10, 5])
    _para(d, "")
    _para(d, "Föreningarna fördelar bidraget mellan sig enligt en budget som redovisas för "
             "kommunen inför varje verksamhetsår.")

    d.add_heading("7. Uppföljning och dialog", level=2)
    _para(d, "Parterna har samverkansmöte en gång varje kvartal. Föreningarna lämnar en gemensam "
             "verksamhetsberättelse med ekonomisk redovisning och statistik senast den 31 mars "
             "varje år.")

    d.add_heading("8. Övrigt", level=2)
    _para(d, "Ändringar i denna överenskommelse ska göras skriftligen och godkännas av samtliga "
             "parter. Överenskommelsen har upprättats i tre likalydande exemplar.")

    d.add_heading("9. Underskrifter", level=2)
    _table(d, [
        [["Östersund den 14 december 2020", "", "För Östersunds kommun", "", "",
          "______________________________", "Anna-Karin Sjödin", "Socialchef"],
         ["Östersund den 14 december 2020", "", "För Brottsofferjouren Jämtlands län", "", "",
          "______________________________", "Göran Hallberg", "Ordförande"]],
        ["",
         ["Östersund den 14 december 2020", "", "För Kvinno- och tjejjouren i Östersund", "", "",
          "______________________________", "Sofie Mattsson", "Ordförande"]],
    ], widths=[7.75, 7.75], header_bold=False, style=None)
    d.core_properties.author = "Socialförvaltningen"
    d.save(os.path.join(outdir, "b08_ostersund_stodcentrum_overenskommelse.docx"))


# --------------------------------------------------------------------------
# b09  Östersund, tilläggsavtal 2023 (docx with tables)
# --------------------------------------------------------------------------

def make_b09(outdir):
    d = _docx_base()
    _table(d, [["Östersunds kommun", "TILLÄGGSAVTAL nr 1"],
               ["Socialförvaltningen", "Diarienummer: SN 2023/587"],
               ["", "Avser överenskommelse SN 2020/412"]], widths=[8, 7.5], header_bold=False,
           style=None)
    _para(d, "")
    _para(d, "Tilläggsavtal till överenskommelse om idéburet offentligt partnerskap "
             "– Stödcentrum mot våld", bold=True, size=14)

    _para(d, "§ 1 Parter och bakgrund", bold=True)
    _para(d, "Östersunds kommun, genom socialnämnden (org.nr 212000-2460), Brottsofferjouren "
             "Jämtlands län (org.nr 802416-7028) och Kvinno- och tjejjouren i Östersund "
             "(org.nr 802437-5597) ingick i december 2020 en överenskommelse om idéburet "
             "offentligt partnerskap om Stödcentrum mot våld, dnr SN 2020/412, med avtalstid "
             "2021-01-01–2023-12-31. Socialnämnden godkände detta tilläggsavtal den 18 oktober "
             "2023, § 98.")
    _para(d, "Genom detta tilläggsavtal ändras överenskommelsen på de punkter som anges nedan. "
             "I övrigt gäller överenskommelsen oförändrad.")

    _para(d, "§ 2 Avtalstid", bold=True)
    _para(d, "Överenskommelsen förlängs och gäller för perioden 1 januari 2024 – 31 december "
             "2026. Överenskommelsen förlängs inte automatiskt efter detta. Uppsägningstiden "
             "är som tidigare sex månader.")

    _para(d, "§ 3 Ekonomi", bold=True)
    _para(d, "Kommunens bidrag höjs från 1 200 000 kronor till 1 350 000 kronor per år från och "
             "med den 1 januari 2024. Höjningen, 150 000 kronor per år, avser främst "
             "bemanning av jourtelefonen kvällstid. Föreningarnas egen insats i form av ideellt "
             "arbete beräknas samtidigt öka något.")
    _table(d, [["Finansiering per år från 2024", "Kronor"],
               ["Kommunens bidrag", "1 350 000"],
               ["Föreningarnas egen insats", "340 000"],
               ["Summa", "1 690 000"]], widths=[10, 5])
    _para(d, "")
    _para(d, "Bidraget betalas även i fortsättningen ut halvårsvis, i januari och i juli.")

    _para(d, "§ 4 Verksamhetsplan", bold=True)
    _para(d, "Föreningarna ska, med hänsyn till den utökade jourtelefonen och till de "
             "synpunkter som kom fram i utvärderingen, senast den 1 mars 2024 lämna en "
             "reviderad verksamhetsplan till socialförvaltningen.")

    _para(d, "§ 5 Uppföljning", bold=True)
    _para(d, "Samverkansmöte hålls som tidigare en gång per kvartal, och föreningarna lämnar "
             "verksamhetsberättelse senast den 31 mars varje år. En halvtidsavstämning av den "
             "förlängda perioden ska vara klar senast den 31 oktober 2025.")

    _para(d, "§ 6 Giltighet", bold=True)
    _para(d, "Tilläggsavtalet gäller från det att det har undertecknats av samtliga parter. "
             "Det har upprättats i tre likalydande exemplar.")
    _para(d, "")
    _table(d, [
        ["Ort och datum: Östersund 2023-11-06", "Ort och datum: Östersund 2023-11-06"],
        [["För Östersunds kommun", "", "", "______________________________",
          "Anna-Karin Sjödin, socialchef"],
         ["För Brottsofferjouren Jämtlands län", "", "", "______________________________",
          "Göran Hallberg, ordförande"]],
        ["", "Ort och datum: Östersund 2023-11-06"],
        ["", ["För Kvinno- och tjejjouren i Östersund", "", "",
              "______________________________", "Linnea Strand, ordförande"]],
    ], widths=[7.75, 7.75], header_bold=False)
    d.core_properties.author = "Socialförvaltningen"
    d.save(os.path.join(outdir, "b09_ostersund_stodcentrum_tillaggsavtal.docx"))


# --------------------------------------------------------------------------
# b11  Region Västerbotten, draft proposal 2025 (multi-page PDF)
# --------------------------------------------------------------------------

def make_b11(outdir):
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
    from reportlab.lib import colors
    s = _styles("DejaVu")
    P = lambda t, st="body": Paragraph(t, s[st])
    story = []
    head = Table([
        [P("<b>Region Västerbotten</b><br/>Hälso- och sjukvårdsförvaltningen<br/>"
           "Avdelningen för psykiatri och psykisk hälsa", "small"),
         P("<b>TJÄNSTESKRIVELSE</b><br/>Datum: 2025-05-12<br/>Diarienummer: HSN 2025-00417<br/>"
           "Handläggare: Elin Marklund, strateg psykisk hälsa", "small")],
    ], colWidths=[240, 230])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story += [head, Spacer(1, 14)]
    story.append(P("Hälso- och sjukvårdsnämnden", "body"))
    story.append(P("Idéburet offentligt partnerskap om anhörigstöd vid psykisk ohälsa", "title"))

    story.append(P("Förslag till beslut", "h2"))
    story.append(P("Hälso- och sjukvårdsnämnden föreslås besluta"))
    for t in ["att Region Västerbotten ingår ett idéburet offentligt partnerskap med Föreningen "
              "Anhörigkraft Västerbotten och Stiftelsen Hela Människan Norr om anhörigstöd och "
              "mötesplatser för anhöriga till personer med psykisk ohälsa, enligt bilagt "
              "förslag till överenskommelse,",
              "att partnerskapet ska gälla från och med den 1 september 2025 och tills vidare,",
              "att regionens bidrag ska vara 1 800 000 kronor per år, för 2025 600 000 kronor, "
              "samt",
              "att uppdra åt hälso- och sjukvårdsdirektören att underteckna överenskommelsen."]:
        story.append(Paragraph(t, s["bullet"], bulletText="•"))
    story.append(P("Ärendet planeras att behandlas av hälso- och sjukvårdsnämnden den 10 juni "
                   "2025."))

    story.append(P("Sammanfattning", "h2"))
    story.append(P("Anhöriga till personer med psykisk ohälsa har ofta en hög belastning och en "
                   "ökad risk för egen ohälsa. Regionens egen verksamhet erbjuder anhörigstöd "
                   "främst i anslutning till vårdkontakter. Föreningen Anhörigkraft Västerbotten "
                   "och Stiftelsen Hela Människan Norr har tillsammans utvecklat en modell med "
                   "stödsamtal, samtalsgrupper och mötesplatser som drivs av personer med egen "
                   "erfarenhet som anhöriga. Organisationerna har ansökt om ett långsiktigt "
                   "samarbete med regionen."))
    story.append(P("Förvaltningen föreslår att regionen ingår ett idéburet offentligt "
                   "partnerskap med de båda organisationerna. Partnerskapet föreslås gälla "
                   "tills vidare från och med den 1 september 2025."))

    story.append(P("Parter", "h2"))
    pt = Table([
        [P("<b>Part</b>", "small"), P("<b>Organisationsnummer</b>", "small"),
         P("<b>Form</b>", "small")],
        [P("Föreningen Anhörigkraft Västerbotten", "small"), P("802502-6646", "small"),
         P("Ideell förening", "small")],
        [P("Stiftelsen Hela Människan Norr", "small"), P("802015-3386", "small"),
         P("Stiftelse", "small")],
        [P("Region Västerbotten", "small"), P("232100-0222", "small"),
         P("Region", "small")],
    ], colWidths=[220, 130, 120])
    pt.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3"))]))
    story.append(pt)
    story.append(Spacer(1, 8))

    story.append(P("Bakgrund", "h2"))
    story.append(P("Region Västerbotten har i den regionala handlingsplanen för psykisk hälsa "
                   "2024–2027 pekat ut stöd till anhöriga som ett prioriterat område. "
                   "Kommunerna ansvarar enligt socialtjänstlagen för anhörigstöd, och "
                   "verksamheten kommer att bedrivas i samverkan med Umeå kommun och Skellefteå "
                   "kommun, som bidrar med lokaler för mötesplatserna. Kommunerna är inte parter "
                   "i överenskommelsen. NSPH Västerbotten har getts möjlighet att lämna "
                   "synpunkter på förslaget."))
    story.append(P("Föreningen Anhörigkraft Västerbotten har sedan 2021 drivit samtalsgrupper "
                   "för anhöriga i Umeå med stöd av projektmedel från Allmänna arvsfonden. "
                   "Projektet avslutas i augusti 2025. Stiftelsen Hela Människan Norr driver "
                   "sedan många år en mötesplats i Skellefteå och har erfarenhet av "
                   "volontärsamordning."))

    story.append(P("Överväganden", "h2"))
    story.append(P("Förvaltningen har bedömt om verksamheten kan upphandlas. Stödet bygger på "
                   "organisationernas egen idé och på deras ideella engagemang, och det finns "
                   "ingen marknad för denna typ av anhörigstöd i länet. Ett idéburet offentligt "
                   "partnerskap bedöms därför vara lämpligt. Partnerskapet bygger på att "
                   "organisationerna behåller sin självständighet och sin roll som röstbärare."))
    story.append(P("Överenskommelsen föreslås gälla tills vidare. Vardera parten kan säga upp "
                   "den med en uppsägningstid om tolv månader. Förvaltningen bedömer att en "
                   "långsiktig överenskommelse ger organisationerna bättre förutsättningar att "
                   "rekrytera och behålla volontärer än en tidsbegränsad."))

    story.append(P("Ekonomiska konsekvenser", "h2"))
    story.append(P("Regionens bidrag föreslås bli 1 800 000 kronor (1,8 mnkr) per år. För "
                   "perioden september–december 2025 betalas 600 000 kronor ut. Organisationernas "
                   "egen insats i form av ideellt arbete och lokaler värderas till 450 tkr per "
                   "år."))
    ft = Table([
        [P("<b>Finansiering per helår</b>", "small"), P("<b>Kronor</b>", "small")],
        [P("Region Västerbottens bidrag", "small"), P("1 800 000", "small")],
        [P("Organisationernas egen insats", "small"), P("450 000", "small")],
        [P("<b>Summa</b>", "small"), P("<b>2 250 000</b>", "small")],
    ], colWidths=[300, 120])
    ft.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                            ("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    story.append(ft)
    story.append(Spacer(1, 6))
    story.append(P("Kostnaden finansieras inom ramen för de statliga medel för psykisk hälsa "
                   "och suicidprevention som regionen tar emot enligt överenskommelsen mellan "
                   "staten och Sveriges Kommuner och Regioner. Bidraget betalas ut kvartalsvis."))

    story.append(P("Uppföljning", "h2"))
    story.append(P("Organisationerna rapporterar antal stödsamtal, deltagare i samtalsgrupper "
                   "och besökare på mötesplatserna efter varje tertial. En partnerskapsgrupp med "
                   "företrädare för parterna träffas varannan månad. Organisationerna lämnar en "
                   "verksamhetsplan för 2026 senast i oktober 2025. En första gemensam "
                   "uppföljning av partnerskapet redovisas för hälso- och sjukvårdsnämnden under "
                   "andra kvartalet 2026."))

    story.append(P("Jämlikhet och barnrätt", "h2"))
    story.append(P("Många anhöriga är barn eller unga vuxna. Organisationerna har åtagit sig att "
                   "utveckla särskilda grupper för unga anhöriga och att samarbeta med regionens "
                   "verksamhet för barn som anhöriga. Förslaget bedöms bidra till en mer jämlik "
                   "tillgång till anhörigstöd i länets inland, där regionens egen verksamhet är "
                   "begränsad."))

    story.append(P("Risker och konsekvenser", "h2"))
    story.append(P("Den största risken bedöms vara att organisationerna inte lyckas rekrytera "
                   "tillräckligt många volontärer i inlandskommunerna. Parterna har därför kommit "
                   "överens om att partnerskapsgruppen särskilt ska följa volontärrekryteringen. "
                   "Om regionens egen anhörigverksamhet förändras ska parterna i dialog pröva om "
                   "överenskommelsen behöver revideras."))
    story.append(P("Förslaget har inga konsekvenser för regionens personal. Samråd har skett med "
                   "divisionen för psykiatri och med regionens jurister, som inte har haft något "
                   "att invända mot valet av samverkansform."))
    story.append(P("Beslutsunderlag", "h2"))
    story.append(P("Tjänsteskrivelse 2025-05-12<br/>Förslag till överenskommelse om idéburet "
                   "offentligt partnerskap<br/>Ansökan från Föreningen Anhörigkraft Västerbotten "
                   "och Stiftelsen Hela Människan Norr, 2025-03-20"))
    story.append(Spacer(1, 14))
    story.append(P("Elin Marklund<br/>Strateg psykisk hälsa"))
    story.append(Spacer(1, 6))
    story.append(P("Beslutet skickas till: Föreningen Anhörigkraft Västerbotten, Stiftelsen "
                   "Hela Människan Norr, Ekonomistaben", "small"))
    _build_pdf(os.path.join(outdir, "b11_regionvasterbotten_anhorigstod_tjansteskrivelse.pdf"),
               story, "Region Västerbotten", "Dnr HSN 2025-00417",
               "Region Västerbotten, 901 89 Umeå  •  www.regionvasterbotten.se")


def main(outdir=None):
    outdir = outdir or os.path.dirname(os.path.abspath(__file__))
    _register_fonts()
    make_b01(outdir)
    make_b02(outdir)
    make_b03(outdir)
    make_b08(outdir)
    make_b09(outdir)
    make_b11(outdir)


if __name__ == "__main__":
    main()
