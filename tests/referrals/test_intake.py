"""The referrer's Letter of Instruction: drafts, errors that lose nothing, bundle uploads, submission."""

import pytest
from django.urls import reverse

from hub.audit.models import AccessLogEntry
from hub.core.documents import make_bundle_pdf
from hub.referrals.models import BundleDocument, Referral, ReferralStatus
from tests import factories

pytestmark = pytest.mark.django_db


def step_url(referral, step):
    return reverse("referrals:step", args=[referral.pk, step])


def documents_on_disk(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_it_starts_a_draft_for_the_referrers_authority(client_for):
    referrer = factories.referrer("Wirral")
    response = client_for(referrer).post(reverse("referrals:start"))
    referral = Referral.objects.get()
    assert response.url == step_url(referral, "court")
    assert referral.status == ReferralStatus.DRAFT
    assert referral.local_authority.name == "Wirral"
    assert referral.reference.startswith("HUB-")


def test_it_saves_each_page_as_a_draft(client_for):
    referrer = factories.referrer()
    client = client_for(referrer)
    client.post(reverse("referrals:start"))
    referral = Referral.objects.get()
    court = factories.court()
    response = client.post(
        step_url(referral, "court"),
        {
            "court": court.pk,
            "case_number": "LV26C00999",
            "judge": "HHJ Example",
            "permission_order_date_day": "1",
            "permission_order_date_month": "10",
            "permission_order_date_year": "2026",
            "eligibility_agreed_by_judge": "on",
            "proceedings_issued_on_day": "17",
            "proceedings_issued_on_month": "8",
            "proceedings_issued_on_year": "2026",
            "action": "save",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.case_number == "LV26C00999"
    assert referral.permission_order_date.isoformat() == "2026-10-01"
    assert referral.eligibility_agreed_by_judge is True


def test_it_shows_a_bad_date_back_with_an_error_summary_and_keeps_what_was_typed(client_for):
    referrer = factories.referrer()
    client = client_for(referrer)
    client.post(reverse("referrals:start"))
    referral = Referral.objects.get()
    response = client.post(
        step_url(referral, "court"),
        {
            "case_number": "LV26C00777",
            "judge": "HHJ Typed",
            "permission_order_date_day": "31",
            "permission_order_date_month": "2",
            "permission_order_date_year": "2026",
            "action": "continue",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "must be a real date" in html
    assert 'href="#id_permission_order_date_0"' in html
    # Everything typed is still there, including the impossible date itself.
    assert 'value="LV26C00777"' in html
    assert 'value="HHJ Typed"' in html
    assert 'value="31"' in html
    referral.refresh_from_db()
    assert referral.case_number == ""  # nothing half-saved


def test_it_adds_a_child_and_keeps_typed_answers_when_one_is_missing(client_for):
    referral = factories.complete_referral(children=0)
    client = client_for(referral.created_by)
    response = client.post(
        step_url(referral, "children"),
        {"full_name": "Isla Example", "ethnicity": "Mixed White and Black Caribbean", "first_language": "English"},
    )
    html = response.content.decode()
    assert "Select the child&#x27;s sex" in html
    assert "Enter the child&#x27;s date of birth" in html
    assert 'value="Mixed White and Black Caribbean"' in html
    assert referral.children.count() == 0

    response = client.post(
        step_url(referral, "children"),
        {
            "full_name": "Isla Example",
            "expected_date_of_delivery_day": "3",
            "expected_date_of_delivery_month": "3",
            "expected_date_of_delivery_year": "2027",
            "sex": "not_known",
            "ethnicity": "Mixed White and Black Caribbean",
            "first_language": "English",
            "action": "continue",
        },
    )
    assert response.url == step_url(referral, "adults")
    assert referral.children.get().expected_date_of_delivery.isoformat() == "2027-03-03"


def test_it_asks_for_each_adults_relationship_to_every_child(client_for):
    referral = factories.complete_referral(children=2)
    client = client_for(referral.created_by)
    first, second = referral.children.all()
    response = client.post(
        step_url(referral, "adults"), {"full_name": "Grandparent Example", f"relationship_{first.pk}": "grandmother"}
    )
    assert f"Enter the relationship to {second.full_name}" in response.content.decode()
    client.post(
        step_url(referral, "adults"),
        {
            "full_name": "Grandparent Example",
            f"relationship_{first.pk}": "grandmother",
            f"relationship_{second.pk}": "grandmother",
        },
    )
    adult = referral.adults.get(full_name="Grandparent Example")
    assert sorted(adult.relationships.values_list("child_id", flat=True)) == [first.pk, second.pk]


def test_it_numbers_the_courts_questions_in_order_after_a_removal(client_for):
    referral = factories.complete_referral()
    client = client_for(referral.created_by)
    for text in ["Second question?", "Third question?"]:
        client.post(step_url(referral, "questions"), {"text": text})
    first = referral.questions.get(number=1)
    client.post(reverse("referrals:item-remove", args=[referral.pk, "questions", first.pk]))
    assert list(referral.questions.values_list("number", "text")) == [(1, "Second question?"), (2, "Third question?")]


def test_it_keeps_a_good_bundle_file_under_a_generated_name(client_for, settings):
    referral = factories.complete_referral()
    client = client_for(referral.created_by)
    pdf = factories.bundle_upload("Section C statements.pdf", pages=5)
    response = client.post(step_url(referral, "bundle"), {"bundle_files": [pdf], "action": "upload"})
    assert response.status_code == 302
    document = referral.bundle_documents.get(original_name="Section C statements.pdf")
    assert document.page_count == 5
    assert "Section C" not in document.file.name
    assert document.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Not a PDF at all, just text", "must be a PDF"),
        (make_bundle_pdf(title="x", pages=4)[:-300], "incomplete or damaged"),
    ],
    ids=["not-a-pdf", "truncated"],
)
def test_it_rejects_a_bad_upload_with_a_clear_message_and_stores_nothing(client_for, settings, data, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    referral = factories.complete_referral()
    before = set(documents_on_disk(settings))
    client = client_for(referral.created_by)
    response = client.post(
        step_url(referral, "bundle"),
        {"bundle_files": [SimpleUploadedFile("bundle.pdf", data, "application/pdf")], "action": "upload"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert referral.bundle_documents.count() == 1  # only the one the factory uploaded
    assert set(documents_on_disk(settings)) == before


def test_it_rejects_an_encrypted_pdf(client_for, settings, tmp_path):
    import pikepdf
    from django.core.files.uploadedfile import SimpleUploadedFile

    (tmp_path / "in.pdf").write_bytes(make_bundle_pdf(title="x", pages=1))
    with pikepdf.open(tmp_path / "in.pdf") as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    referral = factories.complete_referral()
    response = client_for(referral.created_by).post(
        step_url(referral, "bundle"),
        {"bundle_files": [SimpleUploadedFile("locked.pdf", (tmp_path / "locked.pdf").read_bytes())]},
    )
    assert "protected with a password" in response.content.decode()
    assert referral.bundle_documents.count() == 1


def test_it_drops_a_file_over_the_limit_while_it_arrives(client_for, settings):
    settings.BUNDLE_MAX_BYTES = 2000
    referral = factories.complete_referral()
    before = set(documents_on_disk(settings))
    big = factories.bundle_upload("huge.pdf", pages=40)
    assert big.size > 2000
    response = client_for(referral.created_by).post(step_url(referral, "bundle"), {"bundle_files": [big]})
    assert "huge.pdf is too large" in response.content.decode()
    assert referral.bundle_documents.count() == 1
    assert set(documents_on_disk(settings)) == before


def test_it_tells_the_referrer_exactly_what_is_missing_on_submit(client_for):
    referrer = factories.referrer()
    client = client_for(referrer)
    client.post(reverse("referrals:start"))
    referral = Referral.objects.get()
    response = client.post(reverse("referrals:check", args=[referral.pk]))
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Upload the court bundle" in html
    assert f'href="{step_url(referral, "bundle")}"' in html
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DRAFT
    assert referral.received_at is None


def test_it_records_the_moment_a_complete_letter_is_received_and_emails_the_referrer(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    referral = factories.complete_referral()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(referral.created_by).post(reverse("referrals:check", args=[referral.pk]))
    assert response.url == reverse("triage:detail", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED
    assert referral.received_at is not None
    assert referral.events.filter(kind="submitted", actor=referral.created_by).exists()
    assert [m.to for m in mailoutbox] == [[referral.created_by.email]]
    assert referral.reference in mailoutbox[0].subject
    # No child's name travels by email.
    assert "Child Example" not in mailoutbox[0].body


def test_it_stops_changes_once_the_hub_has_the_letter(client_for):
    referral = factories.complete_referral(status="submitted")
    response = client_for(referral.created_by).post(step_url(referral, "court"), {"case_number": "CHANGED"})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.case_number != "CHANGED"


def test_it_lets_only_allowed_people_download_the_bundle_and_logs_it(client_for):
    referral = factories.complete_referral(status="submitted")
    document = referral.bundle_documents.get()
    url = reverse("referrals:bundle-download", args=[referral.pk, document.pk])
    response = client_for(referral.created_by).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AccessLogEntry.objects.filter(action="download", object_id=str(document.pk)).count() == 1

    outsider = factories.referrer("Sefton")
    assert client_for(outsider).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(action="refused", user=outsider).exists()


def test_it_never_serves_bundle_files_by_their_stored_path(client_for, settings):
    referral = factories.complete_referral(status="submitted")
    document = referral.bundle_documents.get()
    client = client_for(referral.created_by)
    for guess in [f"/{document.file.name}", f"/media/{document.file.name}", f"/static/{document.file.name}"]:
        assert client.get(guess).status_code == 404
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


def test_it_has_no_orphan_bundle_rows(client_for):
    referral = factories.complete_referral()
    assert all(doc.file.storage.exists(doc.file.name) for doc in BundleDocument.objects.filter(referral=referral))


def test_it_replaces_a_dangerous_file_name_and_never_uses_it_on_disk(client_for):
    referral = factories.complete_referral()
    upload = factories.bundle_upload('..\\..//etc/<script>"pass\x00wd".pdf')
    client_for(referral.created_by).post(step_url(referral, "bundle"), {"bundle_files": [upload]})
    document = referral.bundle_documents.latest("uploaded_at")
    assert "/" not in document.original_name and "\\" not in document.original_name
    assert "<" not in document.original_name and "\x00" not in document.original_name
    assert document.file.name.startswith(f"bundles/{referral.pk}/")
    assert ".." not in document.file.name


def test_it_logs_each_look_at_the_referral_list(client_for):
    referrer = factories.referrer()
    client_for(referrer).get(reverse("referrals:list"))
    assert AccessLogEntry.objects.filter(user=referrer, action="search", object_type="referral_list").exists()


def test_it_refuses_a_date_of_birth_in_the_future(client_for):
    import datetime

    from django.utils import timezone

    referral = factories.complete_referral(children=0)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(referral.created_by).post(
        step_url(referral, "children"),
        {
            "full_name": "Isla Example",
            "date_of_birth_day": str(tomorrow.day),
            "date_of_birth_month": str(tomorrow.month),
            "date_of_birth_year": str(tomorrow.year),
            "sex": "female",
            "ethnicity": "White British",
            "first_language": "English",
        },
    )
    assert "The date of birth must be today or in the past" in response.content.decode()
    assert referral.children.count() == 0


def test_it_ties_a_timetable_problem_to_the_date_to_correct(client_for):
    referral = factories.complete_referral()
    response = client_for(referral.created_by).post(
        step_url(referral, "timetable"),
        {
            "filing_date_day": "5",
            "filing_date_month": "2",
            "filing_date_year": "2027",
            "irh_date_day": "29",
            "irh_date_month": "1",
            "irh_date_year": "2027",
        },
    )
    html = response.content.decode()
    assert 'href="#id_filing_date_0"' in html
    assert 'id="id_filing_date_error"' in html


def test_it_offers_checkboxes_for_the_assessments_requested(client_for):
    referral = factories.complete_referral()
    html = client_for(referral.created_by).get(step_url(referral, "assessment")).content.decode()
    assert html.count('type="checkbox" name="assessment_types"') == 6
    assert 'type="radio" name="assessment_types"' not in html


def test_a_bundle_file_the_hub_has_received_stays_while_a_query_is_answered(client_for):
    referral = factories.complete_referral(status="query_raised")
    document = referral.bundle_documents.get()
    client = client_for(referral.created_by)
    response = client.post(reverse("referrals:item-remove", args=[referral.pk, "bundle", document.pk]), follow=True)
    assert "cannot be removed" in response.content.decode()
    assert referral.bundle_documents.filter(pk=document.pk).exists()
    # Adding a corrected file is still possible.
    client.post(step_url(referral, "bundle"), {"bundle_files": [factories.bundle_upload("corrected.pdf")]})
    assert referral.bundle_documents.count() == 2
