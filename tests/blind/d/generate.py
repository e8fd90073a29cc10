"""Generate the binary files of blind corpus "d" (docx, pdf, eml).

Run from the repository root:  python tests/blind/d/generate.py
The .html and .txt files are written by hand and are not touched here.
Output is reproducible: fixed texts, fixed dates, fixed Message-IDs, and the
docx/pdf metadata timestamps are pinned.
"""
import datetime
import os
import quopri
import zipfile
from email.header import Header

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from reportlab.lib import colors

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2025, 5, 31, 12, 0, 0)


# ---------------------------------------------------------------- helpers: docx
def _set_table(doc, rows, bold_first_row=False, bold_last_row=False, bold_first_col=False):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            cell = t.cell(i, j)
            cell.text = ""
            lines = val.split("\n")
            p = cell.paragraphs[0]
            for k, line in enumerate(lines):
                if k:
                    p = cell.add_paragraph()
                run = p.add_run(line)
                if (bold_first_row and i == 0) or (bold_last_row and i == len(rows) - 1) \
                        or (bold_first_col and j == 0):
                    run.bold = True
    return t


def _sig_table(doc, left, right):
    t = doc.add_table(rows=len(left), cols=2)
    for i, (a, b) in enumerate(zip(left, right)):
        t.cell(i, 0).text = a
        t.cell(i, 1).text = b
    return t


def _heading(doc, text, size=12):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(size)
    return p


def _save_docx(doc, name):
    cp = doc.core_properties
    cp.author = "Kommunen"
    cp.last_modified_by = "Kommunen"
    cp.created = FIXED
    cp.modified = FIXED
    cp.revision = 1
    path = os.path.join(HERE, name)
    doc.save(path)
    _pin_zip(path)


def _pin_zip(path):
    """Rewrite a zip with fixed timestamps so the bytes are reproducible."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for fn, data in items:
            zi = zipfile.ZipInfo(fn, date_time=(2025, 5, 31, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# ----------------------------------------------------------------- helpers: pdf
ST = {
    "body": ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=6),
    "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=10),
    "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=15, spaceBefore=6,
                         spaceAfter=4),
    "small": ParagraphStyle("small", fontName="Helvetica", fontSize=9, leading=12),
}


def _pdf(name, story, header_left, header_mid, header_right, footer, total_pages):
    path = os.path.join(HERE, name)

    def deco(canvas, doc):
        canvas.saveState()
        w, h = A4
        canvas.setFont("Helvetica-Bold", 9.5)
        canvas.drawString(20 * mm, h - 14 * mm, header_left)
        canvas.setFont("Helvetica", 9.5)
        canvas.drawCentredString(w / 2, h - 14 * mm, header_mid)
        canvas.drawRightString(w - 20 * mm, h - 14 * mm,
                               "%s    %d (%d)" % (header_right, doc.page, total_pages))
        canvas.line(20 * mm, h - 16 * mm, w - 20 * mm, h - 16 * mm)
        canvas.line(20 * mm, 16 * mm, w - 20 * mm, 16 * mm)
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(w / 2, 11 * mm, footer)
        canvas.restoreState()

    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=24 * mm, bottomMargin=24 * mm, title=header_mid,
                            author=header_left, creator="Dokumenthantering",
                            invariant=1)
    doc.build(story, onFirstPage=deco, onLaterPages=deco)


def P(text, style="body"):
    return Paragraph(text, ST[style])


def _pdf_table(rows, col_widths, bold_last=False, grid=True):
    data = [[Paragraph(c.replace("\n", "<br/>"), ST["body"]) for c in r] for r in rows]
    t = Table(data, colWidths=col_widths)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
    t.setStyle(TableStyle(style))
    return t


# ---------------------------------------------------------------- helpers: eml
def _eml(name, headers, body, charset, cte):
    lines = []
    for k, v in headers:
        lines.append("%s: %s" % (k, v.replace("\r\n", "\n").replace("\n", "\r\n")))
    lines.append("MIME-Version: 1.0")
    lines.append('Content-Type: text/plain; charset="%s"; format=flowed' % charset)
    lines.append("Content-Transfer-Encoding: %s" % cte)
    head = "\r\n".join(lines).encode("ascii") + b"\r\n\r\n"
    raw = body.replace("\r\n", "\n").encode(charset)
    if cte == "quoted-printable":
        enc = quopri.encodestring(raw)
        enc = enc.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    else:
        enc = raw.replace(b"\n", b"\r\n")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(head + enc)


def _addr(name, addr, charset):
    try:
        name.encode("ascii")
        return '"%s" <%s>' % (name, addr)
    except UnicodeEncodeError:
        return "%s <%s>" % (Header(name, charset).encode(), addr)


# ====================================================================== d01
def d01():
    doc = Document()
    p = doc.add_paragraph()
    r = p.add_run("SUNDSVALLS KOMMUN")
    r.bold = True
    r.font.size = Pt(14)
    p.add_run("\nSocialtjänsten\nAvdelningen för vuxna")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = p.add_run("TJÄNSTESKRIVELSE")
    r.bold = True
    _set_table(doc, [["Datum", "Diarienummer", "Handläggare"],
                     ["2023-10-24", "SN 2023/00412", "Maria Sjödin\nUtvecklingsledare"]],
               bold_first_row=True)
    doc.add_paragraph()
    doc.add_paragraph("Socialnämnden")
    _heading(doc, "Idéburet offentligt partnerskap med Föreningen Gemenskapsgården i Sundsvall "
                  "om dagverksamheten Öppna huset", 14)
    _heading(doc, "Förslag till beslut")
    doc.add_paragraph("Socialnämnden beslutar")
    doc.add_paragraph(
        "1. att godkänna förslaget till överenskommelse om idéburet offentligt partnerskap med "
        "Föreningen Gemenskapsgården i Sundsvall, org.nr 802451-7636, om dagverksamheten "
        "Öppna huset för perioden 2024-01-01 – 2025-12-31,")
    doc.add_paragraph(
        "2. att avsätta 1 480 000 kronor per år för partnerskapet inom nämndens budgetram, samt")
    doc.add_paragraph("3. att uppdra åt socialdirektören att underteckna överenskommelsen.")
    _heading(doc, "Sammanfattning")
    doc.add_paragraph(
        "Föreningen Gemenskapsgården i Sundsvall driver sedan 2016 Öppna huset på Storgatan, en "
        "mötesplats med frukost, lunch, dusch, tvätt och samtalsstöd för vuxna i hemlöshet eller "
        "annan social utsatthet. Verksamheten har hittills finansierats med ett årligt "
        "föreningsbidrag om 620 000 kronor. Förvaltningen bedömer att verksamheten kompletterar "
        "socialtjänstens egna insatser och att ett idéburet offentligt partnerskap (IOP) ger bättre "
        "förutsättningar för långsiktighet och gemensam utveckling än fortsatta föreningsbidrag.")
    _heading(doc, "Ärendet")
    doc.add_paragraph(
        "Öppna huset har under 2023 haft i genomsnitt 65 besökare per dag. Många av besökarna har "
        "ingen annan kontakt med samhället än den som förmedlas via föreningens personal och "
        "volontärer. Föreningen samverkar med Polisen i trygghetsarbetet kring Stadsbacken och med "
        "Region Västernorrlands beroendemottagning, som har en sjuksköterska på plats en förmiddag "
        "i veckan. Varken Polisen eller regionen är part i den föreslagna överenskommelsen.")
    doc.add_paragraph(
        "Överenskommelsen föreslås gälla från den 1 januari 2024 till och med den 31 december 2025. "
        "Om ingen av parterna säger upp den senast fyra månader före avtalstidens utgång förlängs "
        "den automatiskt med två år i taget.")
    _heading(doc, "Ekonomi")
    doc.add_paragraph(
        "Kommunens bidrag föreslås till 1 480 000 kronor per år. Jämfört med dagens "
        "föreningsbidrag innebär det en ökning med 860 000 kronor per år, som ryms inom nämndens "
        "ram för förebyggande insatser 2024. Föreningen bidrar med ideellt arbete, cirka 2 600 "
        "timmar per år, som i tabellen nedan har värderats i kronor, och med insamlade medel och "
        "gåvor.")
    _set_table(doc, [["Finansiering per år", "Kronor"],
                     ["Sundsvalls kommun, socialnämnden", "1 480 000"],
                     ["Föreningen, ideellt arbete (ca 2 600 timmar)", "338 000"],
                     ["Föreningen, insamlade medel och gåvor", "150 000"],
                     ["Summa", "1 968 000"]], bold_first_row=True, bold_last_row=True)
    doc.add_paragraph()
    _heading(doc, "Uppföljning")
    doc.add_paragraph(
        "Föreningen lämnar årligen senast den 31 mars en verksamhetsberättelse med ekonomisk "
        "redovisning för föregående år. Förvaltningen och föreningen träffas varannan månad i en "
        "gemensam styrgrupp. Bidraget betalas ut halvårsvis i förskott. En första redovisning av "
        "besöksstatistik och målgruppens behov lämnas till nämnden under tredje kvartalet 2024.")
    _heading(doc, "Barnrättsperspektivet")
    doc.add_paragraph(
        "Öppna huset riktar sig till vuxna. Förvaltningen bedömer att barn till besökare gynnas "
        "indirekt av att föräldrarna får stöd och kontakt med socialtjänsten.")
    doc.add_paragraph()
    _sig_table(doc, ["Socialtjänsten", "", "Anna-Karin Holm", "Socialdirektör"],
               ["", "", "Maria Sjödin", "Utvecklingsledare"])
    doc.add_paragraph()
    doc.add_paragraph("Beslutet skickas till\nFöreningen Gemenskapsgården i Sundsvall\n"
                      "Ekonomienheten, socialtjänsten")
    _save_docx(doc, "d01_sundsvall_oppnahuset_tjansteskrivelse.docx")


# ====================================================================== d02
def d02():
    s = []
    s.append(P("Överenskommelse om idéburet offentligt partnerskap – dagverksamheten Öppna huset",
               "h1"))
    s.append(P("§ 1 Parter", "h2"))
    s.append(P("Sundsvalls kommun, genom socialnämnden, org.nr 212000-2411, nedan kallad kommunen."))
    s.append(P("Föreningen Gemenskapsgården i Sundsvall, org.nr 802451-7636, nedan kallad "
               "föreningen."))
    s.append(P("§ 2 Bakgrund", "h2"))
    s.append(P("Föreningen har sedan 2016 drivit Öppna huset, en öppen mötesplats för vuxna i "
               "hemlöshet eller annan social utsatthet, med stöd av årliga föreningsbidrag från "
               "kommunen. Socialnämnden beslutade den 22 november 2023, § 187, att i stället ingå "
               "ett idéburet offentligt partnerskap med föreningen. Partnerskapet bygger på att "
               "båda parter bidrar med resurser och kunskap utifrån sina olika roller."))
    s.append(P("§ 3 Syfte och mål", "h2"))
    s.append(P("Syftet är att minska social isolering och ohälsa hos personer i hemlöshet, att ge "
               "dem en trygg plats under dagtid och att underlätta kontakten med socialtjänsten "
               "och vården. Målet är att besökare som så önskar ska få hjälp att ta nästa steg mot "
               "ett eget boende, sysselsättning eller behandling."))
    s.append(P("§ 4 Parternas åtaganden", "h2"))
    s.append(P("Föreningen ansvarar för att Öppna huset håller öppet måndag–fredag kl. 8.30–14.00 "
               "med frukost och lunch, dusch och tvätt, samt för att det finns anställd personal "
               "och utbildade volontärer på plats under hela öppettiden."))
    s.append(P("Kommunen ansvarar för att socialsekreterare från uppsökarteamet finns på plats "
               "minst två förmiddagar i veckan och för att föreningen får del av kommunens "
               "utbildningar i bemötande och våldsprevention."))
    s.append(P("Polisen deltar i ett samverkansforum om tryggheten kring verksamheten men är inte "
               "part i denna överenskommelse."))
    s.append(PageBreak())
    s.append(P("§ 5 Ekonomi", "h2"))
    s.append(P("Kommunen bidrar till verksamheten med SEK 1 480 000 per år. Bidraget betalas ut "
               "halvårsvis i förskott, i januari och i juli."))
    s.append(P("Föreningen bidrar med ideellt arbete motsvarande cirka 2 600 timmar per år, "
               "värderat till 338 000 kronor, samt med 150 000 kronor per år i insamlade medel "
               "och gåvor."))
    s.append(P("Föreningen hyr själv lokalen på Storgatan. Årshyran om 240 000 kronor ingår i "
               "verksamhetens budget och belastar inte kommunens bidrag utöver vad som anges ovan."))
    s.append(P("§ 6 Uppföljning", "h2"))
    s.append(P("Föreningen lämnar senast den 31 mars varje år en verksamhetsberättelse och en "
               "ekonomisk redovisning för föregående kalenderår."))
    s.append(P("Parterna möts i en gemensam styrgrupp varannan månad. Styrgruppen följer upp "
               "verksamhetens mål och diskuterar utvecklingsfrågor."))
    s.append(P("Besöksstatistik för perioden januari–juni 2024 ska redovisas till kommunen senast "
               "den 15 september 2024."))
    s.append(P("§ 7 Avtalstid och uppsägning", "h2"))
    s.append(P("Överenskommelsen gäller i två år från och med den 1 januari 2024. Om den inte "
               "sägs upp skriftligen av någon av parterna senast fyra månader före avtalstidens "
               "utgång förlängs den med 24 månader i taget."))
    s.append(P("§ 8 Hävning", "h2"))
    s.append(P("Om en part väsentligt bryter mot överenskommelsen och inte vidtar rättelse inom "
               "30 dagar efter skriftlig anmodan får den andra parten häva överenskommelsen med "
               "omedelbar verkan. Bidrag som inte har använts ska då återbetalas."))
    s.append(PageBreak())
    s.append(P("§ 9 Tvist", "h2"))
    s.append(P("Tvister om tolkning av denna överenskommelse ska i första hand lösas genom dialog "
               "i styrgruppen."))
    s.append(P("§ 10 Underskrifter", "h2"))
    s.append(P("Denna överenskommelse har upprättats i två likalydande exemplar, av vilka parterna "
               "tagit var sitt."))
    s.append(Spacer(1, 10 * mm))
    s.append(_pdf_table([["Sundsvall den 14 december 2023", "Sundsvall den 14 december 2023"],
                         ["För Sundsvalls kommun, socialnämnden",
                          "För Föreningen Gemenskapsgården i Sundsvall"],
                         ["\n\n_____________________________", "\n\n_____________________________"],
                         ["Lars Eriksson\nOrdförande, socialnämnden", "Karin Nordlund\nOrdförande"]],
                        [80 * mm, 80 * mm], grid=False))
    _pdf("d02_sundsvall_oppnahuset_overenskommelse.pdf", s, "SUNDSVALLS KOMMUN",
         "Överenskommelse IOP", "Dnr: SN 2023/00412",
         "Sundsvalls kommun · Socialtjänsten · 851 85 Sundsvall · Växel 060-19 10 00", 3)


# ====================================================================== d03
def d03():
    cs = "windows-1252"
    body = """Hej Karin,

Tack för ditt mejl. Jag svarar på båda frågorna här.

1. Förlängning
Vår överenskommelse om Öppna huset (dnr SN 2023/00412) har gällt sedan den 1 januari 2024 och löper ut den 31 december 2025. Om ingen av parterna säger upp den senast fyra månader före utgången, alltså senast den 31 augusti 2025, förlängs den automatiskt med två år, till och med den 31 december 2027. Ni behöver alltså inte ansöka på nytt. Förvaltningen har inte för avsikt att säga upp överenskommelsen, men socialnämnden kommer att få en muntlig information vid sammanträdet den 18 juni.

2. Ekonomi och redovisning
Bidraget ligger kvar på 1 480 000 kr per år. Hittills har nämnden betalat ut sammanlagt 2 220 000 kronor inom partnerskapet (helåret 2024 och första halvåret 2025). Verksamhetsberättelsen för 2024 har vi tyvärr inte fått in ännu. Skicka den tillsammans med uppdaterad besöksstatistik senast 13/6 2025, så hinner jag ta med den i underlaget till nämnden.

Apropå din fråga om praktikplatser: Arbetsförmedlingen är välkommen att kontakta er direkt, men de är inte part i vårt partnerskap och det påverkar inte överenskommelsen.

Vänliga hälsningar
Maria Sjödin
Utvecklingsledare
Socialtjänsten, Sundsvalls kommun
060-19 12 34

Från: Karin Nordlund <ordforande@gemenskapsgarden.se>
Skickat: den 5 maj 2025 16:11
Till: Maria Sjödin <maria.sjodin@sundsvall.se>
Ämne: Öppna huset – förlängning och verksamhetsberättelse

Hej Maria!
Vi undrar hur det blir med överenskommelsen efter årsskiftet – behöver vi söka pengar på nytt? Arbetsförmedlingen har också frågat om de kan placera praktikanter hos oss. Hur ser ni på det?
Hälsningar
Karin Nordlund
Ordförande, Föreningen Gemenskapsgården i Sundsvall
"""
    headers = [
        ("From", _addr("Maria Sjödin", "maria.sjodin@sundsvall.se", cs)),
        ("To", _addr("Karin Nordlund", "ordforande@gemenskapsgarden.se", cs)),
        ("Subject", Header("SV: Öppna huset – förlängning och verksamhetsberättelse", cs).encode()),
        ("Date", "Thu, 08 May 2025 09:42:17 +0200"),
        ("Message-ID", "<20250508094217.d03.maria.sjodin@sundsvall.se>"),
        ("In-Reply-To", "<20250505161100.karin@gemenskapsgarden.se>"),
    ]
    _eml("d03_sundsvall_oppnahuset_forlangning.eml", headers, body, cs, "quoted-printable")


# ====================================================================== d05
def d05():
    doc = Document()
    p = doc.add_paragraph()
    r = p.add_run("Sundsvalls kommun")
    r.bold = True
    r.font.size = Pt(14)
    p.add_run("\nKultur- och fritidsförvaltningen")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("UPPFÖLJNINGSRAPPORT").bold = True
    _set_table(doc, [["Datum", "2025-04-10"],
                     ["Diarienummer", "KFN 2024/0188"],
                     ["Handläggare", "Jonas Berglund, fritidskonsulent"],
                     ["Till", "Kultur- och fritidsnämnden"]], bold_first_col=True)
    doc.add_paragraph()
    _heading(doc, "Uppföljning av idéburet offentligt partnerskap: läxhjälp och lovaktiviteter i "
                  "Nacksta, höstterminen 2024", 14)
    _heading(doc, "Bakgrund")
    doc.add_paragraph(
        "Kultur- och fritidsnämnden beslutade den 12 juni 2024, § 64, att ingå en överenskommelse "
        "om idéburet offentligt partnerskap med Föreningen Gemenskapsgården i Sundsvall om "
        "läxhjälp och lovaktiviteter för barn och unga i Nacksta. Överenskommelsen gäller från och "
        "med den 15 augusti 2024 och tills vidare, med tre månaders ömsesidig uppsägningstid. "
        "Föreningens överenskommelse med socialnämnden om dagverksamheten Öppna huset omfattas "
        "inte av denna uppföljning.")
    _heading(doc, "Verksamheten under hösten")
    doc.add_paragraph(
        "Läxhjälpen har varit öppen måndag till torsdag kl. 15–18 i Nacksta bibliotek. Under höst- "
        "och jullovet har föreningen ordnat utflykter, idrottsdagar och matlagning. Kommunpolisen "
        "från Polisen har medverkat vid två lovaktiviteter, men Polisen har ingen roll i "
        "partnerskapet.")
    _set_table(doc, [["Mått", "Utfall ht 2024"],
                     ["Inskrivna barn och unga", "146"],
                     ["Besök totalt", "2 870"],
                     ["Ideella läxhjälpare", "38"],
                     ["Ideella timmar", "1 950"],
                     ["Lovdagar med aktiviteter", "9"]], bold_first_row=True)
    doc.add_paragraph()
    _heading(doc, "Ekonomi")
    doc.add_paragraph(
        "För hösten 2024 beviljades 425 000 kronor enligt nämndens beslut. Från och med 2025 "
        "uppgår bidraget till 1,02 mnkr per år och betalas ut per termin. Sedan starten har "
        "nämnden betalat ut sammanlagt 935 000 kr. Föreningens ideella insats under hösten "
        "motsvarar enligt föreningens egen beräkning ca 253 tkr.")
    _heading(doc, "Bedömning och fortsatt uppföljning")
    doc.add_paragraph(
        "Förvaltningen bedömer att partnerskapet har nått fler barn än väntat och att samarbetet "
        "med Nacksta skola fungerar väl. Överenskommelsen fortsätter att gälla tills vidare. Från "
        "och med höstterminen 2025 ska föreningen rapportera närvarostatistik varannan månad. En "
        "fördjupad utvärdering, där även barnens egna synpunkter ingår, ska presenteras för "
        "nämnden senast i november 2025.")
    doc.add_paragraph()
    doc.add_paragraph("Jonas Berglund\nFritidskonsulent")
    _save_docx(doc, "d05_sundsvall_laxhjalp_uppfoljning.docx")


# ====================================================================== d06
def d06():
    s = []
    s.append(P("Socialnämnden", "h1"))
    s.append(_pdf_table([["Sammanträdesdatum", "2019-10-23"],
                         ["Plats och tid", "Rådhuset, sammanträdesrum Hörsalen, kl. 13.00–16.10"],
                         ["Beslutande", "Eva Lindqvist (S), ordförande\nJohan Ek (M)\n"
                                        "Sara Almqvist (C)\nMikael Forsberg (SD)\nLena Ståhl (V)"],
                         ["Justerare", "Johan Ek"],
                         ["Justeringens plats och tid", "Socialkontoret 2019-10-30"],
                         ["Paragrafer", "§§ 138–151"],
                         ["Anslag", "Protokollet är anslaget 2019-10-31 – 2019-11-22"]],
                        [50 * mm, 110 * mm]))
    s.append(Spacer(1, 8 * mm))
    s.append(P("§ 142", "h2"))
    s.append(P("Idéburet offentligt partnerskap med Föreningen Vägskälet i Norrköping", "h2"))
    s.append(P("Dnr SOCN 2019/0231"))
    s.append(P("<b>Beslut</b>"))
    s.append(P("Socialnämnden beslutar"))
    s.append(P("1. att ingå en överenskommelse om idéburet offentligt partnerskap med Föreningen "
               "Vägskälet i Norrköping, org.nr 802497-3185, om mentorsstöd för unga vuxna som vill "
               "lämna en kriminell livsstil,"))
    s.append(P("2. att överenskommelsen ska gälla under perioden 1 januari 2020 – 31 december 2022 "
               "med sex månaders ömsesidig uppsägningstid, och att den därefter kan förlängas med "
               "högst ett år efter beslut i nämnden,"))
    s.append(P("3. att avsätta 780 000 kronor per år, sammanlagt 2 340 000 kronor för perioden."))
    s.append(PageBreak())
    s.append(P("<b>Ärendebeskrivning</b>"))
    s.append(P("Föreningen Vägskälet startades 2014 av personer med egen erfarenhet av kriminalitet "
               "och missbruk. Föreningens mentorer stöttar unga vuxna mellan 18 och 29 år under "
               "och efter avtjänat straff. Arbetet sker i samverkan med Kriminalvården, frivården "
               "i Norrköping, och med Polisen. Varken Kriminalvården eller Polisen är parter i "
               "överenskommelsen."))
    s.append(P("Föreningens egen insats i form av ideellt arbete av mentorer uppskattas till "
               "190 000 kronor per år."))
    s.append(_pdf_table([["År", "Kommunens bidrag (kr)"],
                         ["2020", "780 000"], ["2021", "780 000"], ["2022", "780 000"],
                         ["Summa", "2 340 000"]], [40 * mm, 60 * mm]))
    s.append(Spacer(1, 4 * mm))
    s.append(P("Föreningen ska kvartalsvis redovisa antal deltagare och genomförda mentorssamtal "
               "till socialkontoret. En halvtidsutvärdering ska redovisas för nämnden senast i "
               "juni 2021."))
    s.append(P("<b>Beslutsunderlag</b>"))
    s.append(P("Tjänsteskrivelse 2019-10-02<br/>Förslag till överenskommelse 2019-10-02"))
    s.append(P("<b>Expedieras</b>"))
    s.append(P("Föreningen Vägskälet i Norrköping<br/>Socialkontoret, ekonomiavdelningen"))
    s.append(Spacer(1, 12 * mm))
    s.append(P("Justerandes signatur: ________    Utdragsbestyrkande: ________", "small"))
    _pdf("d06_norrkoping_vagskalet_protokoll2019.pdf", s, "NORRKÖPINGS KOMMUN",
         "PROTOKOLL", "Sammanträdesdatum 2019-10-23",
         "Norrköpings kommun · Socialnämnden · 601 81 Norrköping", 2)


# ====================================================================== d07
def d07():
    doc = Document()
    p = doc.add_paragraph()
    r = p.add_run("Norrköpings kommun")
    r.bold = True
    r.font.size = Pt(14)
    _set_table(doc, [["Dokument", "Överenskommelse om idéburet offentligt partnerskap"],
                     ["Diarienummer", "SOCN 2023/0517"],
                     ["Nämnd", "Socialnämnden"],
                     ["Verksamhet", "Mentorsstöd för unga vuxna – Vägskälet"]],
               bold_first_col=True)
    doc.add_paragraph()
    _heading(doc, "Överenskommelse om idéburet offentligt partnerskap mellan Norrköpings kommun "
                  "och Föreningen Vägskälet i Norrköping", 14)
    _heading(doc, "Parter")
    _set_table(doc, [["Part", "Organisationsnummer", "Företräds av"],
                     ["Norrköpings kommun, socialnämnden", "212000-0530",
                      "Socialnämndens ordförande"],
                     ["Föreningen Vägskälet i Norrköping", "802497-3185", "Föreningens styrelse"]],
               bold_first_row=True)
    doc.add_paragraph()
    _heading(doc, "1. Bakgrund")
    doc.add_paragraph(
        "Föreningen och socialnämnden hade tidigare en överenskommelse om mentorsstöd för perioden "
        "2020–2022 (dnr SOCN 2019/0231). Den löpte ut den 31 december 2022 och förlängdes inte. "
        "Efter en gemensam utvärdering under våren 2023 har parterna kommit överens om en ny "
        "överenskommelse med delvis ny inriktning: stödet ska i högre grad riktas till unga vuxna "
        "som nyligen friges och som saknar bostad eller sysselsättning.")
    _heading(doc, "2. Syfte")
    doc.add_paragraph(
        "Syftet är att fler unga vuxna ska lämna kriminalitet och missbruk och etablera sig i "
        "boende, studier eller arbete, genom stöd av mentorer med egen erfarenhet.")
    _heading(doc, "3. Parternas åtaganden")
    doc.add_paragraph(
        "Föreningen erbjuder varje deltagare en personlig mentor, gruppträffar och stöd i kontakter "
        "med myndigheter. Kommunen ansvarar för att socialtjänstens handläggare kan slussa "
        "deltagare till föreningen och för att föreningen får tillgång till lokaler för "
        "gruppträffar. Kriminalvården och Polisen bjuds in till samverkansmöten. "
        "Arbetsförmedlingen deltar i referensgruppen men är inte part i överenskommelsen.")
    _heading(doc, "4. Ekonomi")
    doc.add_paragraph(
        "Socialnämnden bidrar med 950 000 kronor per helår. För perioden 1 september–31 december "
        "2023 utbetalas 320 000 kronor. Bidraget betalas ut månadsvis i förskott.")
    _set_table(doc, [["Finansiering per helår", "Belopp"],
                     ["Socialnämnden, Norrköpings kommun", "950 000 kr"],
                     ["Föreningen Vägskälet, ideell insats (ca 1 500 timmar)", "195 000 kr"],
                     ["Summa", "1 145 000 kr"]], bold_first_row=True, bold_last_row=True)
    doc.add_paragraph()
    _heading(doc, "5. Uppföljning")
    doc.add_paragraph(
        "Föreningen lämnar kvartalsvis en rapport om antal deltagare, genomförda mentorssamtal och "
        "deltagarnas situation vid avslut. Parterna håller ett dialogmöte en gång per halvår. "
        "Föreningen ska senast 2023-12-15 ta fram en handlingsplan för samverkan med "
        "Kriminalvården.")
    _heading(doc, "6. Avtalstid")
    doc.add_paragraph(
        "Överenskommelsen gäller från och med 2023-09-01 till och med 2025-08-31. Den kan därefter "
        "förlängas med ett år i taget efter beslut i socialnämnden, dock längst till och med "
        "2027-08-31. Uppsägningstiden är tre månader för båda parter.")
    _heading(doc, "7. Ändringar")
    doc.add_paragraph("Ändringar och tillägg till denna överenskommelse ska göras skriftligen i ett "
                      "tilläggsavtal som undertecknas av båda parter.")
    doc.add_paragraph()
    _sig_table(doc, ["Ort och datum: Norrköping den 28 augusti 2023",
                     "För Norrköpings kommun, socialnämnden", "", "Eva Lindqvist", "Ordförande"],
               ["Ort och datum: Norrköping den 28 augusti 2023",
                "För Föreningen Vägskälet i Norrköping", "", "Ahmed Yusuf", "Ordförande"])
    _save_docx(doc, "d07_norrkoping_vagskalet_overenskommelse2023.docx")


# ====================================================================== d08
def d08():
    s = []
    s.append(P("Tilläggsavtal 1 till överenskommelse om idéburet offentligt partnerskap med "
               "Föreningen Vägskälet i Norrköping", "h1"))
    s.append(P("Avser huvudöverenskommelse: dnr SOCN 2023/0517"))
    s.append(P("§ 1 Parter", "h2"))
    s.append(P("Norrköpings kommun, socialnämnden, org.nr 212000-0530"))
    s.append(P("Föreningen Vägskälet i Norrköping, org.nr 802497-3185"))
    s.append(P("§ 2 Bakgrund", "h2"))
    s.append(P("Huvudöverenskommelsen undertecknades den 28 augusti 2023 och gäller till och med "
               "2025-08-31 med möjlighet till förlängning ett år i taget, längst till och med "
               "2027-08-31. Socialnämnden beslutade den 19 februari 2025, § 31, att utnyttja "
               "möjligheten till förlängning med ett år."))
    s.append(P("§ 3 Ny avtalstid", "h2"))
    s.append(P("Överenskommelsen förlängs med ett år. Avtalsperioden blir därmed "
               "2023-09-01 – 2026-08-31. Möjligheten till ytterligare förlängning med ett år, "
               "längst till och med 2027-08-31, kvarstår. Uppsägningstiden om tre månader gäller "
               "oförändrad."))
    s.append(P("§ 4 Ekonomi", "h2"))
    s.append(P("Från och med den 1 september 2025 höjs kommunens bidrag från "
               "950 000 kronor till 1 050 000 kronor per år, en ökning med 100 tkr. Höjningen avser en utökning "
               "med en halvtidstjänst som samordnare av mentorerna."))
    s.append(P("För perioden september–december 2025 betalas 350 000 kronor ut. Bidraget betalas "
               "även fortsättningsvis ut månadsvis i förskott."))
    s.append(PageBreak())
    s.append(P("§ 5 Uppföljning", "h2"))
    s.append(P("Den kvartalsvisa rapporteringen enligt huvudöverenskommelsen gäller oförändrad. "
               "Föreningen ska dessutom redovisa en effektutvärdering av mentorsstödet under "
               "första kvartalet 2026."))
    s.append(P("§ 6 Övriga villkor", "h2"))
    s.append(P("I övrigt gäller huvudöverenskommelsens villkor oförändrade."))
    s.append(Spacer(1, 10 * mm))
    s.append(_pdf_table([["Norrköping 2025-03-12", "Norrköping 2025-03-12"],
                         ["För Norrköpings kommun, socialnämnden",
                          "För Föreningen Vägskälet i Norrköping"],
                         ["\n\n_____________________________", "\n\n_____________________________"],
                         ["Peter Åberg\nOrdförande", "Ahmed Yusuf\nOrdförande"]],
                        [80 * mm, 80 * mm], grid=False))
    _pdf("d08_norrkoping_vagskalet_tillaggsavtal.pdf", s, "Norrköpings kommun",
         "Tilläggsavtal 1", "Dnr SOCN 2025/0112",
         "Norrköpings kommun · Socialkontoret · 601 81 Norrköping · www.norrkoping.se", 2)


# ====================================================================== d10
def d10():
    cs = "utf-8"
    body = """Hej Amina och Birgitta!

Här kommer, som utlovat, utkastet till överenskommelse mellan Region Dalarna, Föreningen Dalarnas Hälsolotsar och Internationella Kvinnoföreningen i Falun om Hälsolotsar för nyanlända (dnr RD 2025/01467). Utkastet ligger som bilaga.

Regionala utvecklingsnämnden behandlar ärendet på sammanträdet den 18 juni. För att jag ska hinna arbeta in era synpunkter behöver jag dem senast fredag den 13 juni 2025.

Kort om det viktigaste i utkastet:
- Avtalstiden är två år från och med den 1 september 2025. Överenskommelsen kan därefter förlängas med ett år i taget, dock sammanlagt högst två år. Uppsägningstiden är sex månader.
- Regionens bidrag är 1,6 miljoner kronor per år. För september–december 2025 blir det 535 000 kr, eftersom uppstarten tar en del extra tid.
- Ni rapporterar till regionen en gång per tertial, enligt den mall vi tittade på i april.
- Arbetsförmedlingen har tackat nej till att bli part, men vill gärna sitta med i referensgruppen.

Hör av er om något är oklart. Jag är på plats hela nästa vecka utom onsdag.

Vänliga hälsningar
Sofia Hedlund
Folkhälsostrateg
Regional utveckling, Region Dalarna
"""
    headers = [
        ("From", _addr("Sofia Hedlund", "sofia.hedlund@regiondalarna.se", cs)),
        ("To", "%s, %s" % (_addr("Amina Farah",
                                 "amina.farah@halsolotsar-dalarna.se", cs),
                           _addr("Birgitta Öhman",
                                 "kontakt@ikf-falun.se", cs))),
        ("Subject", Header("Utkast till överenskommelse – Hälsolotsar för nyanlända", cs).encode()),
        ("Date", "Fri, 30 May 2025 15:26:40 +0200"),
        ("Message-ID", "<20250530152640.d10.sofia.hedlund@regiondalarna.se>"),
    ]
    _eml("d10_dalarna_halsolotsar_utkast.eml", headers, body, cs, "quoted-printable")


# ====================================================================== d12
def d12():
    doc = Document()
    p = doc.add_paragraph()
    r = p.add_run("KARLSKRONA KOMMUN")
    r.bold = True
    r.font.size = Pt(14)
    p.add_run("\nÄldreförvaltningen")
    _heading(doc, "Överenskommelse om idéburet offentligt partnerskap – Träffpunkt Trossö och "
                  "väntjänst för äldre", 14)
    doc.add_paragraph("Diarienummer: ÄN 2023.456")
    _heading(doc, "1. Parter")
    _set_table(doc, [["Part", "Organisationsnummer"],
                     ["Karlskrona kommun, äldrenämnden", "212000-0811"],
                     ["Föreningen Väntjänsten i Karlskrona", "802467-2319"]],
               bold_first_row=True)
    doc.add_paragraph()
    _heading(doc, "2. Syfte")
    doc.add_paragraph(
        "Partnerskapet ska minska ensamhet och ofrivillig isolering bland äldre i Karlskrona "
        "genom en öppen träffpunkt på Trossö och en väntjänst där frivilliga följer äldre till "
        "vården, gör hembesök och hjälper till med ärenden.")
    _heading(doc, "3. Åtaganden")
    doc.add_paragraph(
        "Föreningen driver Träffpunkt Trossö med öppet tisdag–torsdag kl. 10–15, rekryterar och "
        "utbildar frivilliga samt samordnar väntjänstens uppdrag. Kommunen upplåter lokalen på "
        "Ronnebygatan 12 utan hyra och ger föreningens frivilliga tillgång till kommunens "
        "utbildning i bemötande av personer med demenssjukdom. Region Blekinge och Svenska kyrkan "
        "i Karlskrona samverkar med träffpunkten men är inte parter i denna överenskommelse.")
    _heading(doc, "4. Ekonomi")
    doc.add_paragraph(
        "Kommunen bidrar med 650 000 kr per år, som betalas ut kvartalsvis. Lokalens marknadshyra "
        "uppskattas till 96 000 kronor per år. Föreningen bidrar med ideellt arbete, cirka 3 400 "
        "timmar per år.")
    _set_table(doc, [["Finansiering per år", "Kronor"],
                     ["Karlskrona kommun, äldrenämnden", "650 000"],
                     ["Föreningen Väntjänsten, ideellt arbete (ca 3 400 timmar)", "410 000"],
                     ["Summa", "1 060 000"]], bold_first_row=True, bold_last_row=True)
    doc.add_paragraph()
    _heading(doc, "5. Uppföljning")
    doc.add_paragraph(
        "Föreningen lämnar senast den 31 mars varje år en verksamhetsberättelse med ekonomisk "
        "redovisning. Statistik över antal besök och antal väntjänstuppdrag lämnas per tertial. "
        "Parterna håller uppföljningsmöten två gånger per år, vår och höst.")
    _heading(doc, "6. Avtalstid och uppsägning")
    doc.add_paragraph(
        "Överenskommelsen gäller från och med den 1 januari 2024 till och med den 31 december 2026. "
        "Överenskommelsen förlängs inte automatiskt. Parterna ska senast den 30 juni 2026 inleda en "
        "dialog om en eventuell ny överenskommelse. Vardera parten får säga upp överenskommelsen "
        "med sex månaders uppsägningstid.")
    doc.add_paragraph()
    _sig_table(doc, ["Karlskrona 2023-12-14", "För Karlskrona kommun, äldrenämnden", "",
                     "Ingrid Svensson", "Ordförande, äldrenämnden"],
               ["Karlskrona 2023-12-19", "För Föreningen Väntjänsten i Karlskrona", "",
                "Göran Blom", "Ordförande"])
    _save_docx(doc, "d12_karlskrona_vantjansten_overenskommelse.docx")


if __name__ == "__main__":
    for f in (d01, d02, d03, d05, d06, d07, d08, d10, d12):
        f()
    print("done")
