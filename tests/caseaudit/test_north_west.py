"""A programme the size of the North West's (23 authorities, 62 audits, 9 domains), collated.

The test decides every grade itself, counts what it decided, and checks the
collation, the results page and the four downloads say the same.
"""

import csv
import datetime
import io
import random
from collections import Counter

import pytest
from django.urls import reverse

from hub.accounts.models import Organisation, OrganisationKind, Role
from hub.caseaudit import documents, selectors, services
from hub.caseaudit.models import AuditKind, ProgrammeRole
from hub.caseaudit.rules import DOMAINS, GRADES, Domain, Grade
from tests import factories
from tests.caseaudit.builders import partner_agency

pytestmark = pytest.mark.django_db

AUTHORITIES = 23
AUDITS = 62


def _kappa_by_hand(pairs):
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[g] * second[g] for g in GRADES) / (n * n)
    return (observed - chance) / (1 - chance)


@pytest.fixture
def north_west():
    """69 cases selected, 62 audited, a third of them moderated, half dip-sampled."""
    return _build()


def _build():
    chance = random.Random(62)
    lead = factories.user(Role.VIEWER, organisation=None)
    authorities = [
        Organisation.objects.create(name=f"North West authority {n:02d}", kind=OrganisationKind.LOCAL_AUTHORITY)
        for n in range(1, AUTHORITIES + 1)
    ]
    programme = services.programme_create(
        name="North West care orders at home",
        question="Children placed on care orders at home with parents",
        period_audited="the 12 months before the final hearing",
        cases_per_authority=3,
        deadline=datetime.date(2017, 11, 30),
        lead=lead,
        authorities=authorities,
    )
    cafcass = factories.user(Role.VIEWER, organisation=partner_agency())
    services.member_add(programme=programme, user=cafcass, role=ProgrammeRole.DIP_SAMPLER)
    by_domain: Counter = Counter()
    by_authority: Counter = Counter()
    dip_pairs: list[tuple[Grade, Grade]] = []
    changes = 0
    audits = 0
    for index, authority in enumerate(authorities):
        auditor = factories.user(Role.VIEWER, organisation=authority)
        moderator = factories.user(Role.VIEWER, organisation=authority)
        services.member_add(programme=programme, user=auditor, role=ProgrammeRole.AUDITOR, authority=authority)
        services.member_add(programme=programme, user=moderator, role=ProgrammeRole.MODERATOR, authority=authority)
        services.cases_select(
            programme=programme,
            authority=authority,
            references=[f"NW{index:02d}-{n:03d}" for n in range(1, 13)],
            actor=auditor,
            seed=index,
        )
        # 69 cases selected; the first seven authorities returned two audits fit for purpose, the rest three.
        cases = list(programme.cases.filter(authority=authority).order_by("reference"))[: 2 if index < 7 else 3]
        for case in cases:
            audits += 1
            grades = {domain: chance.choice(GRADES) for domain in DOMAINS}
            audit = services.audit_start(case=case, kind=AuditKind.AUTHORITY, auditor=auditor, auditor_role="iro")
            services.audit_save(
                audit=audit,
                actor=auditor,
                auditor_role="iro",
                entries={d.value: services.DomainEntry(grade=g.value, evidence="File") for d, g in grades.items()},
                submit=True,
            )
            final = dict(grades)
            if audits % 3 == 0:
                decisions = {d.value: services.ModerationDecision(grade=g.value) for d, g in grades.items()}
                changed = GRADES[(GRADES.index(grades[Domain.PLANS]) + 1) % len(GRADES)]
                decisions[Domain.PLANS.value] = services.ModerationDecision(grade=changed.value, reason="Reason")
                services.audit_moderate(audit=audit, moderator=moderator, decisions=decisions)
                final[Domain.PLANS] = changed
                changes += 1
            if audits % 2 == 0:
                dip = {d: (g if chance.random() < 0.7 else chance.choice(GRADES)) for d, g in final.items()}
                dip_audit = services.audit_start(case=case, kind=AuditKind.DIP_SAMPLE, auditor=cafcass)
                services.audit_save(
                    audit=dip_audit,
                    actor=cafcass,
                    auditor_role="partner_agency",
                    entries={d.value: services.DomainEntry(grade=g.value, evidence="File") for d, g in dip.items()},
                    submit=True,
                )
                dip_pairs += [(final[d], dip[d]) for d in DOMAINS]
            for domain, grade in final.items():
                by_domain[domain, grade] += 1
                by_authority[authority.name, grade] += 1
    return {
        "programme": programme,
        "lead": lead,
        "audits": audits,
        "by_domain": by_domain,
        "by_authority": by_authority,
        "dip_pairs": dip_pairs,
        "changes": changes,
    }


def test_the_collation_counts_exactly_what_was_graded(north_west):
    collation = selectors.programme_collation(north_west["programme"])
    assert north_west["audits"] == AUDITS
    assert collation.audits == AUDITS
    assert len(collation.authorities) == AUTHORITIES
    for domain in DOMAINS:
        assert sum(collation.by_domain[domain].values()) == AUDITS
        for grade in GRADES:
            assert collation.by_domain[domain][grade] == north_west["by_domain"][domain, grade], (domain, grade)
    for authority, domains in collation.by_authority.items():
        for grade in GRADES:
            assert sum(domains[d][grade] for d in DOMAINS) == north_west["by_authority"][authority, grade]
    assert sum(collation.overall.values()) == AUDITS * 9
    pairs = north_west["dip_pairs"]
    assert collation.dip_sample.pairs == len(pairs) == 31 * 9
    assert collation.dip_sample.agreed == sum(a == b for a, b in pairs)
    assert collation.dip_sample.kappa == pytest.approx(_kappa_by_hand(pairs))
    assert collation.moderation.pairs == 20 * 9
    assert collation.moderation_changes == north_west["changes"] == 20


def test_the_downloads_and_the_results_page_hold_the_same_figures(north_west, client_for):
    programme = north_west["programme"]
    client = client_for(north_west["lead"])
    expected_row = [north_west["by_domain"][Domain.RESPONSE_TO_RISK, g] for g in GRADES]

    csv_response = client.get(reverse("caseaudit:results-download", args=[programme.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0] == list(documents.DATA_COLUMNS)
    assert len(rows) == 1 + AUDITS * 9
    counted = Counter(row[5] for row in rows[1:] if row[2] == "Response to risk")
    assert [counted[g.label] for g in GRADES] == expected_row

    from openpyxl import load_workbook

    xlsx = client.get(reverse("caseaudit:results-download", args=[programme.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert book.sheetnames == ["By domain", "By authority", "Agreement", "Themes", "Data"]
    by_domain = list(book["By domain"].iter_rows(values_only=True))
    assert by_domain[1] == ("Response to risk", *expected_row, AUDITS)
    assert len(list(book["By authority"].iter_rows(values_only=True))) == 1 + AUTHORITIES

    from docx import Document

    docx = client.get(reverse("caseaudit:results-download", args=[programme.pk, "docx"]))
    word = Document(io.BytesIO(docx.content))
    assert f"{AUDITS} audits from {AUTHORITIES} of {AUTHORITIES} authorities" in "\n".join(
        p.text for p in word.paragraphs
    )
    first_row = [cell.text for cell in word.tables[0].rows[1].cells]
    assert first_row == ["Response to risk", *map(str, expected_row), str(AUDITS)]

    import pypdfium2

    pdf_response = client.get(reverse("caseaudit:results-download", args=[programme.pk, "pdf"]))
    assert pdf_response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(pdf_response.content)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert f"{AUDITS} audits from {AUTHORITIES} of {AUTHORITIES} authorities" in text
    assert "Grades by domain" in text and "North West authority 23" in " ".join(text.split())

    page = client.get(reverse("caseaudit:results", args=[programme.pk])).content.decode()
    assert f"{AUDITS} audits from {AUTHORITIES} authorities" in page
    assert page.count('data-testid="authority"') == AUTHORITIES


def test_user_text_is_data_in_every_format():
    from hub.caseaudit.statistics import DomainRecord, collate

    records = [DomainRecord("=HYPERLINK(1)", "<b>1</b>", Domain.PLANS, Grade.GOOD, themes=("{{ x }}",))]
    report = documents.RegionalReport(
        programme="<script>x</script>",
        question="q",
        period_audited="p",
        lead="L",
        dated=datetime.date(2026, 12, 2),
        authorities=("=HYPERLINK(1)",),
        collation=collate(records),
        records=tuple(records),
    )
    assert "'=HYPERLINK(1)" in documents.render_csv(report).decode("utf-8-sig")
    html = documents._jinja().get_template("regional_report.html").render(documents.report_context(report))
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert documents.render_docx(report)[:2] == b"PK"
