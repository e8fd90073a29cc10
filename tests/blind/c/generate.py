"""Generate the binary documents (docx, pdf, scan) and the e-mail of blind corpus "c".

Plain-text documents (c06, c07, c09, c10) are written directly as files in this folder.
Run:  python3 generate.py   (writes into the folder this file lives in)
Importing this module has no side effects.
"""
import io
import os
import random
import quopri

OUT = os.path.dirname(os.path.abspath(__file__))
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"


# --------------------------------------------------------------------------- docx helpers

def _docx():
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    return doc


def _table(doc, rows, widths=None, bold_first_row=False, bold_first_col=False, style="Table Grid"):
    """rows: list of lists of str; a str containing '\n' becomes several paragraphs in the cell."""
    from docx.shared import Cm
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        t.style = style
    for r, row in enumerate(rows):
        for c, val in enumerate(row):
            cell = t.cell(r, c)
            lines = val.split("\n")
            cell.paragraphs[0].text = ""
            run = cell.paragraphs[0].add_run(lines[0])
            if (bold_first_row and r == 0) or (bold_first_col and c == 0):
                run.bold = True
            for ln in lines[1:]:
                p = cell.add_paragraph()
                rr = p.add_run(ln)
                if (bold_first_row and r == 0) or (bold_first_col and c == 0):
                    rr.bold = True
            if widths:
                cell.width = Cm(widths[c])
    return t


def _p(doc, text, bold=False, italic=False, size=None):
    from docx.shared import Pt
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if size:
        run.font.size = Pt(size)
    return p


# --------------------------------------------------------------------------- c01

def make_c01(path):
    doc = _docx()
    _p(doc, "BOTKYRKA KOMMUN", bold=True, size=14)
    _p(doc, "Socialförvaltningen\nEnheten för förebyggande arbete")
    _p(doc, "TJÄNSTESKRIVELSE", bold=True)
    _table(doc, [["Datum", "Diarienummer", "Handläggare"],
                 ["2022-10-18", "SOC/2022:318", "Leila Haddad"]],
           widths=[4, 5, 6], bold_first_row=True)
    _p(doc, "")
    _p(doc, "Socialnämnden", bold=True)
    doc.add_heading("Idéburet offentligt partnerskap med Föreningen Trygga Föräldrar i Botkyrka "
                    "– föräldranärvaro och föräldrastöd 2023–2025", level=1)

    doc.add_heading("Förslag till beslut", level=2)
    for t in [
        "1. Socialnämnden beslutar att ingå ett idéburet offentligt partnerskap (IOP) med Föreningen "
        "Trygga Föräldrar i Botkyrka, org.nr 802476-3180, enligt bilagt förslag till överenskommelse.",
        "2. Partnerskapet gäller i tre år räknat från och med den 1 januari 2023.",
        "3. Socialnämnden avsätter SEK 950 000 per år för partnerskapet, sammanlagt 2 850 000 kronor "
        "under avtalsperioden, inom ramen för nämndens budget för förebyggande insatser.",
        "4. Socialdirektören får i uppdrag att underteckna överenskommelsen.",
    ]:
        _p(doc, t)

    doc.add_heading("Sammanfattning", level=2)
    _p(doc, "Föreningen Trygga Föräldrar i Botkyrka har sedan 2017 samlat föräldrar som vandrar i "
            "Alby, Fittja och Hallunda under fredags- och lördagskvällar och som leder "
            "föräldrastödsgrupper på arabiska, somaliska, turkiska och svenska. Verksamheten har hittills "
            "finansierats med föreningsbidrag som söks år för år. Förvaltningen bedömer att arbetet bidrar "
            "direkt till nämndens mål om ökad trygghet och tidiga insatser för barn och unga och föreslår "
            "att samarbetet i stället formas som ett idéburet offentligt partnerskap under tre år.")

    doc.add_heading("Bakgrund", level=2)
    _p(doc, "Under 2021 deltog drygt 140 föräldrar i vandringarna och ett sextiotal i föräldrastödsgrupperna. "
            "Föreningen har ett etablerat förtroende i områdena och når föräldrar som socialtjänsten har "
            "svårt att nå på egen hand. Förvaltningen har under våren 2022 fört dialog med föreningen om "
            "ett mer långsiktigt samarbete. Båda parter har bidragit till målformuleringar och till hur "
            "verksamheten ska följas upp.")

    doc.add_heading("Verksamhetens innehåll", level=2)
    for t in [
        "• Föräldravandringar kvällstid under helger och skollov.",
        "• Föräldrastödsgrupper med föräldrar till barn i åldern 10–17 år.",
        "• Informationsträffar om skola, fritid och socialtjänstens stöd.",
    ]:
        _p(doc, t)
    _p(doc, "Vandringarna planeras i samverkan med Polisen, lokalpolisområde Botkyrka, och med kommunens "
            "fältsekreterare. Arbetsförmedlingen deltar i referensgruppen när det gäller frågor om "
            "föräldrarnas väg till egen försörjning.")

    doc.add_heading("Varför idéburet offentligt partnerskap", level=2)
    _p(doc, "Verksamheten bygger på föreningens egen idé och på ideella insatser och är inte en tjänst som "
            "kommunen efterfrågar på en marknad. Det finns därför inte förutsättningar för upphandling. "
            "Ett IOP ger föreningen den långsiktighet som behövs och ger nämnden en tydlig uppföljning.")

    doc.add_heading("Avtalstid och förlängning", level=2)
    _p(doc, "Överenskommelsen föreslås gälla i tre år räknat från och med den 1 januari 2023, det vill säga "
            "till och med den 31 december 2025. Den kan därefter förlängas med ett år i taget, dock "
            "högst två år, efter beslut i socialnämnden. Uppsägningstiden är sex månader för båda parter.")

    doc.add_heading("Ekonomi", level=2)
    _p(doc, "Kommunens bidrag och föreningens egen insats per år framgår av tabellen nedan. Föreningens "
            "egen insats består av ideellt arbete och lokaler och har värderats gemensamt av parterna.")
    _table(doc, [["Finansiering per år", "Kronor"],
                 ["Kommunens bidrag", "950 000"],
                 ["Föreningens egen insats (ideellt arbete, lokaler)", "310 000"],
                 ["Summa", "1 260 000"]],
           widths=[10, 4], bold_first_row=True)
    _p(doc, "")
    _p(doc, "Bidraget betalas ut kvartalsvis i förskott. Kostnaden ryms inom nämndens budget för "
            "förebyggande insatser 2023–2025.")

    doc.add_heading("Uppföljning", level=2)
    _p(doc, "Föreningen lämnar en verksamhetsberättelse med ekonomisk redovisning senast den 31 mars varje "
            "år. Parterna håller dialogmöte en gång per termin. Föreningen lämnar en delrapport i juni 2024. "
            "En gemensam utvärdering av partnerskapet ska vara klar senast den 31 oktober 2024 och ligger "
            "till grund för nämndens ställningstagande till en eventuell förlängning.")

    doc.add_heading("Barnrättsperspektiv", level=2)
    _p(doc, "Partnerskapet syftar till att stärka föräldrar i deras föräldraroll och därigenom barns "
            "trygghet och skolgång. Barns egna synpunkter ska tas tillvara vid utvärderingen.")

    _p(doc, "")
    _p(doc, "Socialförvaltningen")
    _p(doc, "Maria Björk\nSocialdirektör")
    _p(doc, "Leila Haddad\nUtvecklingsstrateg")
    _p(doc, "")
    _p(doc, "Bilaga: Förslag till överenskommelse om idéburet offentligt partnerskap", italic=True)
    _p(doc, "Beslutet skickas till: Föreningen Trygga Föräldrar i Botkyrka, Ekonomienheten", italic=True)
    doc.save(path)


# --------------------------------------------------------------------------- c03

def make_c03(path):
    doc = _docx()
    _p(doc, "Botkyrka kommun", bold=True, size=13)
    _p(doc, "Socialnämnden")
    _table(doc, [["Dokument", "Tilläggsavtal nr 1"],
                 ["Diarienummer", "SOC/2024:577"],
                 ["Avser överenskommelse", "SOC/2022:318, undertecknad 2022-12-14"],
                 ["Beslut", "Socialnämnden 2024-11-26, § 142"]],
           widths=[5, 10], bold_first_col=True)
    _p(doc, "")
    doc.add_heading("Tilläggsavtal till överenskommelse om idéburet offentligt partnerskap mellan "
                    "Botkyrka kommun och Föreningen Trygga Föräldrar i Botkyrka", level=1)

    doc.add_heading("§ 1 Parter", level=2)
    _p(doc, "Botkyrka kommun, genom socialnämnden, org.nr 212000-2882, nedan kallad kommunen.")
    _p(doc, "Föreningen Trygga Föräldrar i Botkyrka, org.nr 802476-3180, nedan kallad föreningen.")

    doc.add_heading("§ 2 Bakgrund", level=2)
    _p(doc, "Parterna tecknade i december 2022 en överenskommelse om idéburet offentligt partnerskap om "
            "föräldranärvaro och föräldrastöd (dnr SOC/2022:318). Den gemensamma utvärderingen, som blev "
            "klar i oktober 2024, visar att verksamheten når fler föräldrar än beräknat och att behovet är "
            "stort även i Tullinge och Storvreten. Socialnämnden beslutade den 26 november 2024, § 142, att "
            "använda möjligheten till förlängning och att utöka verksamheten till de två kommundelarna. "
            "Detta tilläggsavtal ändrar överenskommelsen på de punkter som anges nedan.")

    doc.add_heading("§ 3 Avtalstid", level=2)
    _p(doc, "Avtalstiden enligt § 6 i överenskommelsen förlängs med ett år, till och med den 31 december 2026. "
            "Överenskommelsen gäller därmed under perioden 1 januari 2023 – 31 december 2026.")
    _p(doc, "Överenskommelsen förlängs inte automatiskt. Därefter kvarstår möjligheten att förlänga den med "
            "högst ett år, till och med den 31 december 2027, efter beslut i socialnämnden. "
            "Uppsägningstiden är oförändrat sex månader.")

    doc.add_heading("§ 4 Ekonomi", level=2)
    _p(doc, "Från och med den 1 januari 2025 höjs kommunens bidrag från 950 000 kronor till 1 350 000 kronor "
            "per år. Höjningen om 400 000 kronor per år avser utökningen till Tullinge och Storvreten. "
            "Föreningens egen insats om 310 000 kronor per år gäller oförändrad.")
    _p(doc, "Utbetalningsplan:")
    _table(doc, [["År", "Belopp (kr)"],
                 ["2025", "1 350 000"],
                 ["2026", "1 350 000"],
                 ["Summa", "2 700 000"]],
           widths=[4, 5], bold_first_row=True)
    _p(doc, "")
    _p(doc, "Bidraget betalas även fortsättningsvis ut kvartalsvis i förskott.")

    doc.add_heading("§ 5 Uppföljning", level=2)
    _p(doc, "Från och med 2025 ersätts dialogmötena en gång per termin av uppföljningsmöten varje kvartal.")
    _p(doc, "Föreningen ska, som underlag för socialnämndens ställningstagande till en eventuell ytterligare "
            "förlängning, lämna en skriftlig delrapport till socialförvaltningen senast den 1 mars 2026, där "
            "även effekterna av utökningen till Tullinge och Storvreten redovisas.")

    doc.add_heading("§ 6 Övriga villkor", level=2)
    _p(doc, "I övrigt gäller överenskommelsen (dnr SOC/2022:318) oförändrad.")

    doc.add_heading("§ 7 Underskrifter", level=2)
    _p(doc, "Detta tilläggsavtal har upprättats i två likalydande exemplar, av vilka parterna tagit var sitt.")
    _table(doc, [["För Botkyrka kommun, socialnämnden", "För Föreningen Trygga Föräldrar i Botkyrka"],
                 ["Ort och datum\nBotkyrka 2024-12-11", "Ort och datum\nTumba 2024-12-11"],
                 ["\n\n______________________________\nEwa Lindqvist\nOrdförande, socialnämnden",
                  "\n\n______________________________\nHodan Abdi\nOrdförande"]],
           widths=[8, 8], bold_first_row=True, style=None)
    doc.save(path)


# --------------------------------------------------------------------------- c11

def make_c11(path):
    doc = _docx()
    _p(doc, "VÄXJÖ KOMMUN", bold=True, size=13)
    _p(doc, "Nämnden för arbete och välfärd")
    _table(doc, [["Handling", "Överenskommelse om idéburet offentligt partnerskap"],
                 ["Diarienummer", "NAV 2020-00412"],
                 ["Beslut", "Nämnden för arbete och välfärd 2020-11-25, § 149"],
                 ["Verksamhet", "Mötesplats Språkbron – språk och fritid för nyanlända"]],
           widths=[4, 11], bold_first_col=True)
    _p(doc, "")
    doc.add_heading("Överenskommelse om idéburet offentligt partnerskap – Mötesplats Språkbron", level=1)

    doc.add_heading("1. Parter", level=2)
    _table(doc, [["Offentlig part", "Växjö kommun, genom nämnden för arbete och välfärd\norg.nr 212000-0605"],
                 ["Idéburna parter",
                  "Föreningen Språkbron Växjö, org.nr 802501-9343\n"
                  "Stiftelsen Kronobergs Mötesplats, org.nr 802015-6628\n"
                  "IFK Teleborg Ungdomsförening, org.nr 817602-4589"]],
           widths=[4, 11], bold_first_col=True)
    _p(doc, "")
    _p(doc, "Föreningen, stiftelsen och idrottsföreningen benämns nedan gemensamt de idéburna parterna och Växjö "
       "kommun benämns kommunen.")

    doc.add_heading("2. Bakgrund och syfte", level=2)
    _p(doc, "Sedan 2016 har Föreningen Språkbron Växjö drivit språkcaféer på Araby och Teleborg med stöd av "
            "frivilliga. Stiftelsen Kronobergs Mötesplats upplåter lokaler och samordnar volontärer, och IFK "
            "Teleborg Ungdomsförening erbjuder prova-på-idrott för barn och unga som nyligen kommit till "
            "Sverige. Partnerskapets syfte är att nyanlända kvinnor, män och barn snabbare ska lära sig "
            "svenska, få ett socialt nätverk och hitta en meningsfull fritid.")

    doc.add_heading("3. Verksamhet och samverkan", level=2)
    _p(doc, "Verksamheten omfattar språkcafé fyra kvällar i veckan, läxhjälp för barn i årskurs 4–9 och "
            "prova-på-aktiviteter under skollov. Migrationsverket och Region Kronoberg deltar i en "
            "referensgrupp som träffas vid behov. Kommunens integrationsenhet är kontaktpunkt för partnerskapet.")

    doc.add_heading("4. Avtalstid och uppsägning", level=2)
    _p(doc, "Överenskommelsen gäller från och med 2021-01-01 till och med 2024-12-31. Överenskommelsen "
            "förlängs inte automatiskt. Parterna har en ömsesidig uppsägningstid om sex månader.")

    doc.add_heading("5. Ekonomi", level=2)
    _p(doc, "Finansiering per år under avtalstiden:")
    _table(doc, [["Post", "Kronor per år"],
                 ["Kommunens bidrag", "1 100 000"],
                 ["De idéburna parternas egen insats (ideellt arbete, lokaler)", "380 000"],
                 ["Summa", "1 480 000"]],
           widths=[11, 4], bold_first_row=True)
    _p(doc, "")
    _p(doc, "Föreningen Språkbron Växjö är huvudman för ekonomin och fördelar medlen mellan parterna enligt "
            "den verksamhetsplan som styrgruppen fastställer. Bidraget betalas ut i två delar per år, i "
            "januari och i juli.")

    doc.add_heading("6. Uppföljning", level=2)
    _p(doc, "En styrgrupp med företrädare för samtliga parter sammanträder varannan månad. Parterna lämnar "
            "en gemensam delrapport till nämnden i juni 2022 och en slutrapport senast den 31 mars 2025.")

    doc.add_heading("7. Ändringar", level=2)
    _p(doc, "Ändringar och tillägg till denna överenskommelse ska vara skriftliga och undertecknade av samtliga parter.")

    doc.add_heading("8. Underskrifter", level=2)
    _p(doc, "Överenskommelsen har upprättats i fyra likalydande exemplar, av vilka parterna tagit var sitt.")
    _table(doc, [["För Växjö kommun", "För de idéburna parterna"],
                 ["Ort och datum\nVäxjö 2020-12-17", "Ort och datum\nVäxjö 2020-12-17"],
                 ["\n______________________________\nKarin Lund\nOrdförande, nämnden för arbete och välfärd",
                  "\n______________________________\nAmira Saleh, Föreningen Språkbron Växjö\n"
                  "\n______________________________\nGöran Wikström, Stiftelsen Kronobergs Mötesplats\n"
                  "\n______________________________\nJonas Petersson, IFK Teleborg Ungdomsförening"]],
           widths=[8, 8], bold_first_row=True, style=None)
    doc.save(path)


# --------------------------------------------------------------------------- PDF helpers

def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    try:
        pdfmetrics.getFont("DejaVu")
    except KeyError:
        pdfmetrics.registerFont(TTFont("DejaVu", FONT_DIR + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_DIR + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT_DIR + "DejaVuSerif.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", FONT_DIR + "DejaVuSerif-Bold.ttf"))
        from reportlab.lib.fonts import addMapping
        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVuSerif", 0, 0, "DejaVuSerif")
        addMapping("DejaVuSerif", 1, 0, "DejaVuSerif-Bold")


def _styles(font="DejaVu", bold="DejaVu-Bold"):
    from reportlab.lib.styles import ParagraphStyle
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=14, leading=18, spaceAfter=8),
        "h": ParagraphStyle("h", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=3),
        "p": ParagraphStyle("p", fontName=font, fontSize=10, leading=13.5, spaceAfter=5),
        "small": ParagraphStyle("small", fontName=font, fontSize=9, leading=11),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=12),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=9.5, leading=12),
    }


def _numbered_canvas_class(header_left, header_right, footer_left, font="DejaVu"):
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.lib.pagesizes import A4

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
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

        def _decorate(self, n):
            w, h = A4
            self.saveState()
            self.setFont(font, 8.5)
            self.drawString(20 * 2.835, h - 14 * 2.835, header_left)
            self.drawRightString(w - 20 * 2.835, h - 14 * 2.835, header_right)
            self.setLineWidth(0.4)
            self.line(20 * 2.835, h - 16 * 2.835, w - 20 * 2.835, h - 16 * 2.835)
            self.line(20 * 2.835, 16 * 2.835, w - 20 * 2.835, 16 * 2.835)
            self.drawString(20 * 2.835, 11 * 2.835, footer_left)
            self.drawRightString(w - 20 * 2.835, 11 * 2.835, "%d (%d)" % (self._pageNumber, n))
            self.restoreState()

    return NumberedCanvas


def _build_pdf(target, story, header_left, header_right, footer_left, font="DejaVu"):
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    doc = SimpleDocTemplate(target, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=24 * mm, bottomMargin=24 * mm,
                            title=footer_left, author=header_left)
    doc.build(story, canvasmaker=_numbered_canvas_class(header_left, header_right, footer_left, font))


def _grid(data, colwidths, st, header_row=False, label_col=False, lines=True):
    from reportlab.platypus import Table, TableStyle, Paragraph
    from reportlab.lib import colors
    rows = []
    for r, row in enumerate(data):
        out = []
        for c, v in enumerate(row):
            sty = st["cellb"] if ((header_row and r == 0) or (label_col and c == 0)) else st["cell"]
            out.append(Paragraph(v.replace("\n", "<br/>"), sty))
        rows.append(out)
    t = Table(rows, colWidths=colwidths)
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if lines:
        cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    t.setStyle(TableStyle(cmds))
    return t


# --------------------------------------------------------------------------- c02

def make_c02(path):
    from reportlab.platypus import Paragraph, Spacer, PageBreak
    from reportlab.lib.units import mm
    _register_fonts()
    st = _styles()
    P = lambda t: Paragraph(t, st["p"])
    H = lambda t: Paragraph(t, st["h"])
    s = []
    s.append(Paragraph("ÖVERENSKOMMELSE<br/>om idéburet offentligt partnerskap (IOP)", st["title"]))
    s.append(_grid([["Diarienummer", "SOC/2022:318"],
                    ["Verksamhet", "Föräldranärvaro och föräldrastöd i Botkyrka"],
                    ["Ansvarig nämnd", "Socialnämnden"]],
                   [45 * mm, 115 * mm], st, label_col=True))
    s.append(Spacer(1, 6 * mm))
    s.append(H("§ 1 Parter"))
    s.append(P("Botkyrka kommun, genom socialnämnden, org.nr 212000-2882, 147 85 Tumba, nedan kallad kommunen."))
    s.append(P("Föreningen Trygga Föräldrar i Botkyrka, org.nr 802476-3180, Fittja centrum, 145 51 Norsborg, "
               "nedan kallad föreningen."))
    s.append(H("§ 2 Bakgrund"))
    s.append(P("Föreningen Trygga Föräldrar i Botkyrka bildades 2017 av föräldrar i Alby och Fittja som ville "
               "göra något åt otryggheten i sina bostadsområden. Föreningen organiserar föräldravandringar och "
               "föräldrastödsgrupper och har ett stort förtroende bland boende i kommunens norra delar. "
               "Socialnämnden och föreningen delar målet att barn och unga ska växa upp under trygga "
               "förhållanden och att föräldrar ska känna sig rustade i sin föräldraroll. Parterna har gemensamt "
               "tagit fram denna överenskommelse."))
    s.append(H("§ 3 Syfte och mål"))
    s.append(P("Syftet med partnerskapet är att öka vuxennärvaron i offentliga miljöer kvälls- och helgtid och "
               "att stärka föräldrar i Alby, Fittja och Hallunda i deras föräldraskap. Målen är att"))
    for t in ["fler föräldrar deltar i vandringar och i föräldrastödsgrupper,",
              "föräldrar får ökad kunskap om skola, fritid och socialtjänstens stöd,",
              "barn och unga upplever ökad trygghet i sitt närområde."]:
        s.append(Paragraph("– " + t, st["p"]))
    s.append(H("§ 4 Verksamhet"))
    s.append(P("Föreningen ansvarar för att organisera föräldravandringar fredags- och lördagskvällar samt under "
               "skollov, för att leda föräldrastödsgrupper för föräldrar till barn i åldern 10–17 år och för "
               "informationsträffar på de språk som talas i områdena. Kommunen bidrar med kunskap från "
               "socialtjänsten, utbildning av vandrare och med lokaler för större träffar."))
    s.append(H("§ 5 Samverkan"))
    s.append(P("Föreningen samverkar med Polisen, lokalpolisområde Botkyrka, och med kommunens fältsekreterare "
               "kring planering av vandringarna. Arbetsförmedlingen deltar i partnerskapets referensgrupp."))
    s.append(H("§ 6 Avtalstid"))
    s.append(P("Överenskommelsen gäller från och med den 1 januari 2023 till och med den 31 december 2025."))
    s.append(P("Överenskommelsen förlängs inte automatiskt. Den kan förlängas med ett år i taget, dock sammanlagt "
               "högst två år, efter beslut i socialnämnden."))
    s.append(H("§ 7 Ekonomi"))
    s.append(P("Kommunen lämnar ett bidrag om 950 000 kronor per år under avtalstiden. Bidraget betalas ut "
               "kvartalsvis i förskott, senast den 15:e i kvartalets första månad, efter rekvisition från "
               "föreningen."))
    s.append(P("Föreningen bidrar med en egen insats i form av ideellt arbete och lokaler, som parterna gemensamt "
               "har värderat till 310 000 kronor per år."))
    s.append(P("Det årliga bidraget om 950 tkr får endast användas för verksamhet enligt § 4. Medel som inte har "
               "förbrukats vid ett kalenderårs slut ska redovisas och kan efter överenskommelse föras över till "
               "nästa år eller återbetalas."))
    s.append(H("§ 8 Uppföljning"))
    s.append(P("Föreningen lämnar en verksamhetsberättelse med ekonomisk redovisning senast den 31 mars varje år. "
               "Parterna håller dialogmöte en gång per termin, där verksamhetens utveckling och eventuella "
               "justeringar diskuteras."))
    s.append(P("Föreningen lämnar en delrapport i juni 2024. En gemensam utvärdering av partnerskapet ska vara "
               "klar senast den 31 oktober 2024 och ska ligga till grund för socialnämndens ställningstagande "
               "till en eventuell förlängning."))
    s.append(H("§ 9 Uppsägning"))
    s.append(P("Vardera part får säga upp överenskommelsen med sex månaders uppsägningstid. Vid väsentligt "
               "avtalsbrott får överenskommelsen sägas upp med omedelbar verkan. Uppsägning ska vara skriftlig."))
    s.append(H("§ 10 Ändringar och tillägg"))
    s.append(P("Ändringar och tillägg till denna överenskommelse ska göras skriftligen och undertecknas av båda "
               "parter för att vara giltiga."))
    s.append(H("§ 11 Tvist"))
    s.append(P("Tvist om tolkning eller tillämpning av överenskommelsen ska i första hand lösas genom dialog "
               "mellan parterna."))
    s.append(H("§ 12 Underskrifter"))
    s.append(P("Denna överenskommelse har upprättats i två likalydande exemplar, av vilka parterna tagit var sitt."))
    s.append(Spacer(1, 6 * mm))
    s.append(_grid([["För Botkyrka kommun, socialnämnden", "För Föreningen Trygga Föräldrar i Botkyrka"],
                    ["Ort och datum: Botkyrka 2022-12-14", "Ort och datum: Botkyrka 2022-12-14"],
                    ["<br/><br/>______________________________<br/>Ewa Lindqvist<br/>Ordförande, socialnämnden",
                     "<br/><br/>______________________________<br/>Hodan Abdi<br/>Ordförande"]],
                   [80 * mm, 80 * mm], st, header_row=True, lines=False))
    s.append(PageBreak())
    s.append(Paragraph("Bilaga 1 – Mål, indikatorer och referensgrupp", st["title"]))
    s.append(P("Parterna följer partnerskapet med hjälp av följande indikatorer. Utgångsläget avser 2021."))
    s.append(_grid([["Mål", "Indikator", "Utgångsläge", "Målnivå 2025"],
                    ["Ökad vuxennärvaro", "Antal föräldrar som deltagit i vandringar under året", "ca 140", "minst 200"],
                    ["Stärkt föräldraskap", "Antal föräldrar som fullföljt en föräldrastödsgrupp", "ca 60", "minst 90"],
                    ["Ökad kunskap", "Andel deltagare som uppger att de fått ökad kunskap om skola och socialtjänst",
                     "–", "minst 75 %"],
                    ["Ökad trygghet", "Andel elever i årskurs 8 i Alby och Fittja som känner sig trygga i sitt "
                     "bostadsområde kvällstid (skolenkät)", "58 %", "65 %"]],
                   [33 * mm, 62 * mm, 30 * mm, 35 * mm], st, header_row=True))
    s.append(Spacer(1, 6 * mm))
    s.append(H("Referensgrupp"))
    s.append(P("Referensgruppen består av företrädare för föreningen, socialförvaltningens fältsekreterare, "
               "Polisen (lokalpolisområde Botkyrka), Arbetsförmedlingen samt rektorer för två grundskolor i "
               "Alby och Fittja. Referensgruppen har en rådgivande roll och fattar inga beslut om partnerskapet."))
    s.append(H("Kontaktpersoner"))
    s.append(P("Kommunen: utvecklingsstrateg vid socialförvaltningens enhet för förebyggande arbete.<br/>"
               "Föreningen: föreningens ordförande och verksamhetssamordnare."))
    _build_pdf(path, s, "Botkyrka kommun · Socialförvaltningen", "Dnr SOC/2022:318",
               "Överenskommelse om idéburet offentligt partnerskap – Trygga Föräldrar")


# --------------------------------------------------------------------------- c08

def make_c08(path):
    from reportlab.platypus import Paragraph, Spacer
    from reportlab.lib.units import mm
    _register_fonts()
    st = _styles("DejaVuSerif", "DejaVuSerif-Bold")
    P = lambda t: Paragraph(t, st["p"])
    H = lambda t: Paragraph(t, st["h"])
    s = []
    s.append(_grid([["KRISTIANSTADS KOMMUN<br/>Arbete och välfärd", "ÖVERENSKOMMELSE"],
                    ["Diarienummer<br/>AVN 2022/1187", "Bilaga till arbete och välfärdsnämndens beslut<br/>2023-01-25, § 9"]],
                   [80 * mm, 80 * mm], st))
    s.append(Spacer(1, 8 * mm))
    s.append(Paragraph("Överenskommelse om idéburet offentligt partnerskap – Mötesplats Tullen", st["title"]))
    s.append(H("1. Parter"))
    s.append(P("Kristianstads kommun, genom arbete och välfärdsnämnden, org.nr 212000-0969, 291 80 Kristianstad "
               "(kommunen)"))
    s.append(P("Hela Människan Kristianstad, org.nr 802412-7790, Tullportsgatan 6, 291 31 Kristianstad "
               "(Hela Människan)"))
    s.append(H("2. Bakgrund"))
    s.append(P("Hela Människan Kristianstad driver sedan 2014 Mötesplats Tullen, en dagverksamhet för människor i "
               "hemlöshet, missbruk eller annan social utsatthet. Parterna hade tidigare en överenskommelse om "
               "idéburet offentligt partnerskap för mötesplatsen (dnr AVN 2019/0412), som löpte ut den "
               "31 augusti 2022 och inte förlängdes. Sedan dess har verksamheten drivits vidare med föreningens "
               "egna medel och ett tillfälligt föreningsbidrag."))
    s.append(P("Denna överenskommelse är ett nytt partnerskap med delvis nytt innehåll. Utöver dagverksamheten "
               "omfattar den nu även stöd till personer som lämnar kriminalvårdsanstalt och som saknar nätverk "
               "i kommunen."))
    s.append(H("3. Syfte"))
    s.append(P("Partnerskapet ska ge människor i utsatta livssituationer en trygg mötesplats, gemenskap och "
               "stöd att ta kontakt med myndigheter, vård och arbetsmarknad. Hela Människans idéburna "
               "förhållningssätt och kommunens myndighetskunskap ska komplettera varandra."))
    s.append(H("4. Verksamhetens innehåll"))
    for t in ["öppen mötesplats med frukost och lunch vardagar,",
              "enskilda stödsamtal och hjälp med kontakter med myndigheter,",
              "lotsning till socialtjänstens mottagning och till beroendevården,",
              "gruppverksamhet för personer som nyligen frigivits."]:
        s.append(Paragraph("• " + t, st["p"]))
    s.append(P("Kristianstads församling upplåter lokaler för frukost på helgdagar under vinterhalvåret. "
               "Frivården i Kristianstad informerar klienter om verksamheten."))
    s.append(H("5. Avtalstid och uppsägning"))
    s.append(P("Överenskommelsen gäller från och med den 1 mars 2023 till och med den 31 december 2025. Den "
               "förlängs därefter med ett år i taget, om ingen av parterna säger upp den senast sex månader före "
               "avtalstidens utgång. För den första avtalsperioden innebär det att en uppsägning ska ha kommit in "
               "senast den 30 juni 2025."))
    s.append(P("Uppsägning ska ske skriftligen. Vid väsentliga brister i åtagandena får part säga upp "
               "överenskommelsen att upphöra i förtid, efter att ha gett den andra parten skälig tid att rätta till "
               "bristerna."))
    s.append(H("6. Ekonomi"))
    s.append(P("För perioden 1 mars–31 december 2023 lämnar kommunen ett bidrag om 625 000 kronor. Från och med "
               "2024 uppgår bidraget till 750 000 kronor per år. Bidraget betalas ut kvartalsvis i förskott."))
    s.append(P("Finansiering per helår från och med 2024:"))
    s.append(_grid([["Post", "Kronor"],
                    ["Kommunens bidrag", "750 000"],
                    ["Hela Människans egen insats (ideellt arbete, insamlade medel)", "260 000"],
                    ["Summa", "1 010 000"]],
                   [120 * mm, 40 * mm], st, header_row=True))
    s.append(Spacer(1, 3 * mm))
    s.append(P("Hela Människan ska hålla bidraget åtskilt i sin bokföring och får inte använda det till "
               "religiös verksamhet eller till verksamhet som inte omfattas av denna överenskommelse."))
    s.append(H("7. Uppföljning"))
    s.append(P("Hela Människan rapporterar besöksstatistik och ekonomiskt utfall till förvaltningen kvartalsvis. "
               "Ett partnerskapsråd med två företrädare för vardera part möts två gånger per år. Verksamhets"
               "berättelse och revisionsberättelse lämnas senast den 30 april varje år."))
    s.append(P("En gemensam halvtidsutvärdering av partnerskapet ska vara klar senast den 30 november 2024."))
    s.append(H("8. Övrigt"))
    s.append(P("Parterna ska informera varandra om förändringar som kan påverka verksamheten. Hela Människan "
               "ansvarar för att personal och frivilliga har den kompetens som verksamheten kräver och att "
               "registerkontroll görs där det behövs. Tvister löses i första hand genom dialog i partnerskapsrådet."))
    s.append(H("9. Underskrifter"))
    s.append(P("Överenskommelsen är upprättad i två likalydande exemplar, av vilka parterna har tagit var sitt."))
    s.append(Spacer(1, 5 * mm))
    s.append(_grid([["Kristianstads kommun<br/>Arbete och välfärdsnämnden", "Hela Människan Kristianstad"],
                    ["Ort och datum: Kristianstad 2023-02-20", "Ort och datum: Kristianstad 2023-02-20"],
                    ["<br/><br/>______________________________<br/>Lars-Göran Persson<br/>Ordförande",
                     "<br/><br/>______________________________<br/>Birgitta Malmqvist<br/>Ordförande"]],
                   [80 * mm, 80 * mm], st, lines=False))
    _build_pdf(path, s, "Kristianstads kommun", "AVN 2022/1187",
               "IOP Mötesplats Tullen – Hela Människan Kristianstad", font="DejaVuSerif")


# --------------------------------------------------------------------------- c05 (scan)

def _c05_source_pdf():
    from reportlab.platypus import Paragraph, Spacer, SimpleDocTemplate
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    _register_fonts()
    st = _styles("DejaVuSerif", "DejaVuSerif-Bold")
    for k in ("p", "cell", "cellb"):
        st[k].fontSize = 10.5
        st[k].leading = 14.5
    P = lambda t: Paragraph(t, st["p"])
    H = lambda t: Paragraph(t, st["h"])
    s = []
    s.append(_grid([["TROLLHÄTTANS STAD<br/>Socialnämnden", "Dnr SN 2021/214"]],
                   [110 * mm, 50 * mm], st, lines=False))
    s.append(Spacer(1, 6 * mm))
    s.append(Paragraph("ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP<br/>Värmestugan i Källankyrkan",
                       st["title"]))
    s.append(H("1. Parter"))
    s.append(P("Trollhättans stad, genom socialnämnden, org.nr 212000-1546, 461 83 Trollhättan, nedan staden."))
    s.append(P("Källankyrkan i Trollhättan, org.nr 252003-4717, Kungsgatan 41, 461 33 Trollhättan, nedan Källankyrkan."))
    s.append(H("2. Bakgrund och syfte"))
    s.append(P("Källankyrkan har sedan vintern 2018 hållit en värmestuga öppen under de kallaste månaderna för "
               "personer i akut hemlöshet. Staden och Källankyrkan vill med denna överenskommelse ge värmestugan "
               "långsiktiga förutsättningar. Syftet är att ingen ska behöva vara ute om natten under vinterhalvåret "
               "och att besökarna ska få kontakt med socialtjänstens stöd. Frivilliga från Svenska kyrkan i "
               "Trollhättan medverkar på kvällstid."))
    s.append(H("3. Verksamhet"))
    s.append(P("Värmestugan har öppet alla dagar från den 1 november till den 31 mars, klockan 18.00–08.00. "
               "Källankyrkan svarar för lokal, bemanning med anställd samordnare och frivilliga, enklare måltider "
               "och samtal. Staden svarar för att socialtjänstens uppsökande team besöker värmestugan regelbundet."))
    s.append(H("4. Avtalstid"))
    s.append(P("Överenskommelsen gäller från och med den 1 januari 2022 till och med den 31 december 2023. "
               "Därefter förlängs överenskommelsen med ett år i taget om ingen part säger upp den senast tre "
               "månader före avtalstidens slut."))
    s.append(H("5. Ekonomi"))
    s.append(P("Staden lämnar ett bidrag om 1,2 mnkr per år. Bidraget betalas ut halvårsvis, i januari och i juli. "
               "Källankyrkans egen insats i form av lokaler och ideellt arbete värderas till 450 tkr per år."))
    s.append(H("6. Uppföljning"))
    s.append(P("Källankyrkan redovisar besöksstatistik till socialförvaltningen varje månad. Parterna håller "
               "samverkansmöte varannan månad. En första lägesrapport lämnas senast i oktober 2022. "
               "Verksamhetsberättelse med ekonomisk redovisning lämnas senast den 30 april varje år."))
    s.append(H("7. Avtalsbrott"))
    s.append(P("Om någon part allvarligt bryter mot överenskommelsen får den andra parten säga upp den med "
               "omedelbar verkan. Bidrag som inte har använts enligt överenskommelsen ska betalas tillbaka."))
    s.append(H("8. Underskrifter"))
    s.append(P("Överenskommelsen har upprättats i två likalydande exemplar, av vilka parterna tagit var sitt."))
    s.append(Spacer(1, 4 * mm))
    s.append(P("Trollhättan den 15 december 2021"))
    s.append(Spacer(1, 10 * mm))
    s.append(_grid([["______________________________<br/>Lena Karlsson<br/>Ordförande socialnämnden<br/>Trollhättans stad",
                     "______________________________<br/>Tomas Ek<br/>Föreståndare<br/>Källankyrkan i Trollhättan"]],
                   [80 * mm, 80 * mm], st, lines=False))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=24 * mm, rightMargin=24 * mm,
                            topMargin=22 * mm, bottomMargin=22 * mm)
    doc.build(s)
    return buf.getvalue()


def make_c05(path, seed=5):
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(_c05_source_pdf())
    images = []
    for i in range(len(pdf)):
        page = pdf[i]
        img = page.render(scale=200 / 72).to_pil().convert("L")
        img = img.rotate(0.5, resample=Image.BICUBIC, expand=False, fillcolor=255)
        a = np.asarray(img).astype(np.int16)
        a = a + rng.normal(0, 9, a.shape).astype(np.int16)
        speck = rng.random(a.shape) < 0.0006
        a[speck] = 60
        a = np.clip(a, 0, 255).astype(np.uint8)
        images.append(Image.fromarray(a, "L"))
    images[0].save(path, "PDF", resolution=200, save_all=True, append_images=images[1:])


# --------------------------------------------------------------------------- c04 (e-mail)

C04_BODY = """Hej Hodan och Samir,

Tack för verksamhetsberättelsen och den ekonomiska redovisningen för 2024 från Föreningen Trygga Föräldrar i Botkyrka, som kom in till oss den 27 mars. Vi har gått igenom materialet och har inga frågor i nuläget – det redovisas för socialnämnden på sammanträdet i maj.

Några saker inför resten av året:

– Efter tilläggsavtalet (SOC/2024:577) gäller vår överenskommelse för perioden 1 januari 2023 till och med 31 december 2026. Observera att den inte förlängs automatiskt.

– Bidraget för 2025 är 1 350 000 kronor. Hittills i år har 337 500 kronor betalats ut (första kvartalet). Bidraget betalas som tidigare ut kvartalsvis i förskott.

– Brukarenkäten bland föräldrarna ska genomföras under andra kvartalet 2025. Vi behöver er hjälp att nå föräldrarna i grupperna på arabiska och somaliska … kan ni ta med enkäten till träffarna?

– Som ni vet träffas vi numera på uppföljningsmöten varje kvartal. Jag återkommer med förslag på datum för nästa möte.

– Till sist en påminnelse om delrapporten, som ska vara hos oss senast den 1 mars 2026. Den blir nämndens underlag när den tar ställning till om partnerskapet ska fortsätta efter 2026.

Hör av er om något är oklart!

Med vänlig hälsning

Leila Haddad
Utvecklingsstrateg
Socialförvaltningen, Botkyrka kommun
Munkhättevägen 45, 147 85 Tumba
Tel. 08-530 612 47
"""


def make_c04(path):
    body = C04_BODY.encode("cp1252")
    qp = quopri.encodestring(body, quotetabs=False)
    subj = ("=?windows-1252?Q?Uppf=F6ljning_IOP_=96_verksamhetsber=E4ttelse?=\r\n"
            " =?windows-1252?Q?_mottagen_(SOC/2024:577)?=")
    headers = [
        "Return-Path: <leila.haddad@botkyrka.se>",
        "Message-ID: <7f3c2a91e04b4d0e9a1c@EXCH02.botkyrka.se>",
        "Date: Tue, 8 Apr 2025 14:23:05 +0200",
        "From: Leila Haddad <leila.haddad@botkyrka.se>",
        "To: =?windows-1252?Q?Trygga_F=F6r=E4ldrar_i_Botkyrka?= <info@tryggaforaldrar-botkyrka.se>",
        "Cc: Samir Yousef <samir.yousef@tryggaforaldrar-botkyrka.se>",
        "Subject: " + subj,
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="windows-1252"',
        "Content-Transfer-Encoding: quoted-printable",
        "X-Mailer: Microsoft Outlook 16.0",
        "Content-Language: sv-SE",
    ]
    data = ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + qp.replace(b"\n", b"\r\n")
    with open(path, "wb") as f:
        f.write(data)


# --------------------------------------------------------------------------- main

if __name__ == "__main__":
    random.seed(1)
    make_c01(os.path.join(OUT, "c01_botkyrka_tjansteskrivelse_iop.docx"))
    make_c02(os.path.join(OUT, "c02_botkyrka_overenskommelse.pdf"))
    make_c03(os.path.join(OUT, "c03_botkyrka_tillaggsavtal.docx"))
    make_c04(os.path.join(OUT, "c04_botkyrka_uppfoljning_mejl.eml"))
    make_c05(os.path.join(OUT, "c05_trollhattan_varmestuga_avtal_skannad.pdf"))
    make_c08(os.path.join(OUT, "c08_kristianstad_overenskommelse_2023.pdf"))
    make_c11(os.path.join(OUT, "c11_vaxjo_overenskommelse.docx"))
    print("done")
