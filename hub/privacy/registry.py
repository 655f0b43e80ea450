"""Every model that holds personal data, the fields that hold it, and how to find a person's rows.

Subject access, corrections and retention all read this one list. A test walks every
installed model and fails when one with personal-looking fields is neither here nor in
EXEMPT with a reason, so a new model cannot quietly be left out of a subject access export.

Models are named by label ("app.Model") rather than imported, so this module never
imports another app's models and cannot create an import cycle.

How a person's rows are found:
- A child, an adult or a contact is named in a referral: everything recorded under that
  referral (the letter, the bundle, the assessment and its workspace) is about them and
  their family. `referral_paths` lead from a model to its referral.
- A user (a member of staff or a referrer) is found in every row that points at their
  account: direct foreign keys to the user model are found automatically; `user_paths`
  add longer routes such as an assessor's leave through their profile.
- A child in an authority's children in need record (cin.Child) is a data subject of
  that record, which has nothing to do with the hub's referrals: everything under the
  child (its referrals, assessments, plans, reviews, meetings and closures) is about them
  and their family. `cin_child_paths` lead from a model to that child.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

SUBJECT_KINDS = ("child", "adult", "contact", "user", "cin_child")


@dataclass(frozen=True)
class PersonalData:
    fields: tuple[str, ...]
    # Lookups from this model to the Referral its rows belong to ("pk" for Referral itself).
    referral_paths: tuple[str, ...] = ()
    # Longer routes to a user than a direct foreign key, e.g. "profile__user".
    user_paths: tuple[str, ...] = ()
    # The subject kind whose own row this model is ("child" for referrals.Child).
    subject_kind: str | None = None
    # For rows that name a referral by id rather than by foreign key (logs, holds).
    referral_filter: Callable[[Sequence[int]], Q] | None = field(default=None, compare=False)
    # Lookups from this model to the children in need Child its rows belong to ("pk" for cin.Child itself).
    cin_child_paths: tuple[str, ...] = ()
    # For rows that name a children in need child by id or by the authority's code rather than by foreign key.
    cin_child_filter: Callable[[Sequence[int]], Q] | None = field(default=None, compare=False)
    # Fields that hold a username as text rather than a foreign key (sign-in attempt logs).
    username_fields: tuple[str, ...] = ()
    # Secrets (password hashes, second-factor keys) are listed as held but never exported:
    # handing them out would weaken the very account the export is about.
    withheld: tuple[str, ...] = ()


def _by_object_id(object_type_field: str, prefix: str) -> Callable[[Sequence[int]], Q]:
    def make(referral_ids: Sequence[int]) -> Q:
        return Q(**{f"{object_type_field}__startswith": prefix, "object_id__in": [str(pk) for pk in referral_ids]})

    return make


# The access log's names for the children in need records, and the route from each to its child.
_CIN_LOGGED = {
    "cin_child": ("cin.Child", "pk"),
    "cin_referral": ("cin.Referral", "child"),
    "cin_assessment": ("cin.Assessment", "referral__child"),
    "cin_section47": ("cin.Section47", "referral__child"),
    "cin_plan": ("cin.Plan", "child"),
    "cin_team_meeting": ("cin.TeamMeeting", "child"),
    "cin_family_meeting": ("cin.FamilyMeeting", "child"),
    "cin_family_proposal": ("cin.FamilyProposal", "meeting__child"),
}


def _cin_logged(child_ids: Sequence[int]) -> Q:
    """Access log entries about these children's records: the log names each record by its own id."""
    condition = Q(pk__in=[])
    if not apps.is_installed("hub.cin"):
        return condition
    for object_type, (label, path) in _CIN_LOGGED.items():
        model = apps.get_model(label)
        ids = model._default_manager.filter(**{f"{path}__in": child_ids}).values_list("pk", flat=True)
        condition |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    return condition


def _ssda903_child(child_ids: Sequence[int]) -> Q:
    """SSDA903 rows with the same authority and child code as these children in need children.

    An authority sends its own identifier for a child (CHILD) in its SSDA903 return and the
    same identifier (LAchildID) in its children in need census, so the code is how a child
    in the data pack is found; the pack holds no name.
    """
    condition = Q(pk__in=[])
    if not apps.is_installed("hub.cin"):
        return condition
    children = apps.get_model("cin.Child")._default_manager.filter(pk__in=child_ids)
    for authority_id, code in children.values_list("local_authority_id", "la_child_id"):
        condition |= Q(ssda903_return__authority_id=authority_id, child=code)
    return condition


REGISTRY: dict[str, PersonalData] = {
    # People who sign in.
    "accounts.User": PersonalData(
        fields=("username", "first_name", "last_name", "full_name", "email", "last_login", "date_joined"),
        subject_kind="user",
        withheld=("password",),
    ),
    "accounts.AssessorProfile": PersonalData(
        fields=("seconded_from", "secondment_starts", "secondment_ends", "max_concurrent_assessments")
    ),
    "accounts.ApiToken": PersonalData(fields=("name", "created_at", "last_used_at"), withheld=("token_hash",)),
    # The second factor and sign-in attempts (django-otp, django-axes).
    "otp_totp.TOTPDevice": PersonalData(fields=("name", "created_at", "last_used_at"), withheld=("key",)),
    "otp_static.StaticDevice": PersonalData(fields=("name", "created_at", "last_used_at")),
    "axes.AccessAttempt": PersonalData(
        fields=("username", "ip_address", "user_agent", "attempt_time", "get_data", "post_data"),
        username_fields=("username",),
    ),
    "axes.AccessLog": PersonalData(
        fields=("username", "ip_address", "user_agent", "attempt_time", "logout_time"),
        username_fields=("username",),
        withheld=("session_hash",),
    ),
    "axes.AccessFailureLog": PersonalData(
        fields=("username", "ip_address", "user_agent", "attempt_time"), username_fields=("username",)
    ),
    "admin.LogEntry": PersonalData(fields=("object_repr", "change_message", "action_time")),
    "audit.AccessLogEntry": PersonalData(
        fields=("at", "action", "object_type", "object_id", "path", "ip_address"),
        referral_filter=_by_object_id("object_type", "referral"),
        cin_child_filter=_cin_logged,
    ),
    # The Letter of Instruction and everything in it.
    "referrals.Referral": PersonalData(
        fields=(
            "case_number",
            "judge",
            "referral_reason_detail",
            "family_background",
            "case_background",
            "decline_reason",
        ),
        referral_paths=("pk",),
    ),
    "referrals.Child": PersonalData(
        fields=(
            "full_name",
            "date_of_birth",
            "expected_date_of_delivery",
            "sex",
            "ethnicity",
            "first_language",
            "religion",
            "disability",
        ),
        referral_paths=("referral",),
        subject_kind="child",
    ),
    "referrals.Adult": PersonalData(
        fields=("full_name", "date_of_birth", "address", "first_language", "needs_interpreter", "learning_needs"),
        referral_paths=("referral",),
        subject_kind="adult",
    ),
    "referrals.AdultChildRelationship": PersonalData(fields=("relationship",), referral_paths=("adult__referral",)),
    "referrals.CourtQuestion": PersonalData(fields=("text",), referral_paths=("referral",)),
    "referrals.ReadingItem": PersonalData(fields=("title",), referral_paths=("referral",)),
    "referrals.Contact": PersonalData(
        fields=("full_name", "organisation_name", "acting_for", "email", "phone"),
        referral_paths=("referral",),
        subject_kind="contact",
    ),
    "referrals.BundleDocument": PersonalData(fields=("file", "original_name"), referral_paths=("referral",)),
    "referrals.ReferralEvent": PersonalData(fields=("message",), referral_paths=("referral",)),
    "assessments.Assessment": PersonalData(fields=("assessor",), referral_paths=("referral",)),
    # Timescales.
    "timescales.TimescaleRuleVersion": PersonalData(fields=("created_by",)),
    "timescales.Clock": PersonalData(
        fields=("paused_reason", "filing_date", "irh_date", "final_hearing_date"),
        referral_paths=("assessment__referral",),
    ),
    "timescales.ClockPause": PersonalData(
        fields=("reason", "detail", "started_on", "ended_on"), referral_paths=("clock__assessment__referral",)
    ),
    "timescales.TimescaleExtension": PersonalData(
        fields=("cause", "detail", "extended_to", "agreed_on"), referral_paths=("clock__assessment__referral",)
    ),
    "timescales.CourtDateChange": PersonalData(fields=("kind", "new_date", "reason"), referral_paths=("referral",)),
    "timescales.TimescaleEvent": PersonalData(fields=("message",), referral_paths=("clock__assessment__referral",)),
    "timescales.ReminderPreference": PersonalData(fields=("daily_digest",)),
    "timescales.ReminderSent": PersonalData(
        fields=("event_key", "sent_at"), referral_paths=("clock__assessment__referral",)
    ),
    "timescales.CalendarFeed": PersonalData(fields=("created_at", "last_used_at"), withheld=("token_hash",)),
    # Allocation: an assessor's skills, languages and absences (sickness is health data).
    "allocation.AssessorDetails": PersonalData(fields=("languages", "works_part_time"), user_paths=("profile__user",)),
    "allocation.LeavePeriod": PersonalData(fields=("kind", "starts", "ends"), user_paths=("profile__user",)),
    "allocation.AllocationRecord": PersonalData(
        fields=("reason", "match_reasons"), referral_paths=("assessment__referral",)
    ),
    # The assessor's workspace.
    "workspace.FamilyReferral": PersonalData(fields=("how",), referral_paths=("referral",)),
    "workspace.Session": PersonalData(fields=("held_on", "present", "notes"), referral_paths=("assessment__referral",)),
    "workspace.SessionChild": PersonalData(
        fields=("seen", "reason_not_alone"), referral_paths=("session__assessment__referral",)
    ),
    "workspace.ChronologyEntry": PersonalData(
        fields=("event_date", "what_happened", "source", "significance"),
        referral_paths=("family__referral_links__referral", "recorded_in__referral"),
    ),
    "workspace.InformationRequest": PersonalData(
        fields=(
            "contact_name",
            "contact_email",
            "about",
            "specific_information",
            "consent_given_by",
            "what_they_said",
        ),
        referral_paths=("assessment__referral",),
    ),
    "workspace.ChildRecord": PersonalData(
        fields=("considered", "views", "cin_factors"), referral_paths=("assessment__referral",)
    ),
    "workspace.AdultRecord": PersonalData(
        fields=("views", "commitment", "commitment_evidence", "stage_of_change", "stage_evidence"),
        referral_paths=("assessment__referral",),
    ),
    "workspace.Analysis": PersonalData(
        fields=(
            "developmental_strengths",
            "developmental_concerns",
            "parenting_strengths",
            "parenting_concerns",
            "environment_strengths",
            "environment_concerns",
            "risk_factors",
            "protective_factors",
            "risk_measures",
            "review_actions",
            "contingency",
            "what_i_know",
            "who_to_tell",
            "gaps",
            "equality",
        ),
        referral_paths=("assessment__referral",),
    ),
    "workspace.Hypothesis": PersonalData(
        fields=("statement", "evidence_for", "evidence_against"), referral_paths=("assessment__referral",)
    ),
    "workspace.RecordVersion": PersonalData(
        fields=("data",), referral_paths=("assessment__referral", "family__referral_links__referral")
    ),
    # Reports: every saved version, the QA rounds, the filing and outcome, the documents made.
    "reports.Report": PersonalData(
        fields=(
            "sections",
            "state",
            "filed_on",
            "shared_with",
            "recommendation",
            "la_changed_plan",
            "court_decision",
            "court_decided_on",
            "addendum_questions",
        ),
        referral_paths=("assessment__referral",),
    ),
    "reports.ReportVersion": PersonalData(
        fields=("texts", "answers", "provenance", "saved_at", "note"), referral_paths=("report__assessment__referral",)
    ),
    "reports.QARound": PersonalData(
        fields=("submitted_at", "overridden_checks", "decision", "decided_at", "checklist", "comments", "summary"),
        referral_paths=("report__assessment__referral",),
    ),
    "reports.ReportExport": PersonalData(
        fields=("kind", "file", "requested_at", "made_at"), referral_paths=("report__assessment__referral",)
    ),
    # Court bundles: the text read from each page, and the dated events suggested from it.
    "bundles.BundlePage": PersonalData(fields=("label", "text", "mined"), referral_paths=("referral",)),
    "bundles.ChronologySuggestion": PersonalData(
        fields=("sentence", "date", "end_date", "status", "decided_by"), referral_paths=("referral",)
    ),
    # This app: corrections keep old and new values; reviews and holds name records by id.
    "privacy.PersonalDataCorrection": PersonalData(fields=("old_value", "new_value", "reason")),
    "privacy.RetentionReview": PersonalData(
        fields=("label", "review_note"), referral_filter=_by_object_id("record_kind", "referral")
    ),
    "privacy.LegalHold": PersonalData(fields=("reason",), referral_filter=_by_object_id("record_kind", "referral")),
    # Feedback (issue 12): survey invitations and answers, advocacy offers and support referrals.
    "feedback.SurveyInvitation": PersonalData(
        fields=("kind", "respondent_role", "channel", "email", "sent_at", "expires_at", "used_at"),
        referral_paths=("assessment__referral",),
        withheld=("link_hash", "code_hash"),
    ),
    # An anonymous response keeps only its assessment: it is found with the family, never with one person.
    "feedback.SurveyResponse": PersonalData(
        fields=(
            "respondent_role",
            "submitted_at",
            "most_helpful",
            "least_helpful",
            "improvements",
            "impact_comments",
            "comments",
        ),
        referral_paths=("assessment__referral",),
    ),
    "feedback.AdvocacyOffer": PersonalData(
        fields=("offered_on", "answer", "provider", "referred_on", "notes"), referral_paths=("assessment__referral",)
    ),
    "feedback.SupportReferral": PersonalData(
        fields=("kind", "provider", "referred_on", "notes"), referral_paths=("assessment__referral",)
    ),
    "notifications.Message": PersonalData(fields=("recipient", "subject", "body", "created_at", "sent_at")),
    # Children in need (issue 13): an authority's own record of a child, found through the child.
    "cin.TeamMembership": PersonalData(fields=("is_manager",)),
    "cin.Child": PersonalData(
        fields=(
            "la_child_id",
            "full_name",
            "birth_date",
            "expected_birth_date",
            "sex",
            "upn",
            "upn_unknown",
            "ethnicity",
            "disabilities",
            "death_date",
        ),
        cin_child_paths=("pk",),
        subject_kind="cin_child",
    ),
    "cin.Referral": PersonalData(
        fields=(
            "referral_date",
            "referral_source",
            "referrer_name",
            "referrer_agency",
            "concerns",
            "tier",
            "tier_two_factors",
            "unborn_circumstances",
            "midwife",
            "decision",
            "decision_reason",
            "primary_need",
            "closure_date",
            "reason_for_closure",
        ),
        cin_child_paths=("child",),
    ),
    "cin.Assessment": PersonalData(
        fields=(
            "kind",
            "started_on",
            "consent_recorded_on",
            "consent_note",
            "seen_alone_on",
            "reason_not_seen_alone",
            "analysis",
            "factors",
            "outcome",
            "completed_on",
        ),
        cin_child_paths=("referral__child",),
    ),
    # A section 47 enquiry about a child is itself personal data, though its fields are only dates.
    "cin.Section47": PersonalData(
        fields=("started_on", "conference_target", "conference_on", "conference_not_required"),
        cin_child_paths=("referral__child",),
    ),
    "cin.Plan": PersonalData(
        fields=(
            "kind",
            "started_on",
            "ended_on",
            "objectives",
            "who_does_what",
            "what_must_change",
            "unacceptable",
            "contingency",
            "urgent_review_triggers",
            "initial_category",
            "latest_category",
            "previous_protection_plans",
        ),
        cin_child_paths=("child",),
    ),
    "cin.PlanReview": PersonalData(
        fields=("held_on", "urgent", "trigger", "progress", "changes"), cin_child_paths=("plan__child",)
    ),
    "cin.TeamMember": PersonalData(fields=("name", "role", "agency", "contact"), cin_child_paths=("child",)),
    "cin.TeamMeeting": PersonalData(
        fields=("held_on", "venue", "chair", "reason", "minutes"), cin_child_paths=("child",)
    ),
    "cin.Invitation": PersonalData(fields=("attending",), cin_child_paths=("meeting__child",)),
    "cin.CoWorkingAgreement": PersonalData(
        fields=("agreed_on", "co_worker_title", "responsibilities"), cin_child_paths=("child",)
    ),
    "cin.FamilyMeeting": PersonalData(
        fields=(
            "risk_identified",
            "risk_decision",
            "risk_reason",
            "coordinator",
            "planned_on",
            "agreement_signed_by",
            "information_shared",
            "family_time",
            "plan_notes",
            "held_on",
        ),
        cin_child_paths=("child",),
    ),
    "cin.FamilyProposal": PersonalData(
        fields=("proposal", "who", "agreement", "reason"), cin_child_paths=("meeting__child",)
    ),
    "cin.Closure": PersonalData(
        fields=(
            "closed_on",
            "reason",
            "family_views",
            "agency_views",
            "step_down",
            "caf_lead_professional",
            "step_down_plan",
            "notified",
        ),
        cin_child_paths=("referral__child",),
    ),
    # The case-file audit: cases by the authority's reference only. What auditors and moderators
    # wrote is found for them (their own foreign keys, and the grades through their audit); a
    # child's case is found by its reference, never by name (the hub holds none).
    "caseaudit.AuditProgramme": PersonalData(fields=("lead", "created_at")),
    "caseaudit.ProgrammeMember": PersonalData(fields=("role", "authority")),
    "caseaudit.CaseSelection": PersonalData(fields=("chose_from", "selected", "made_at")),
    "caseaudit.AuditCase": PersonalData(fields=("reference",)),
    "caseaudit.CaseFileAudit": PersonalData(
        fields=("auditor_role", "status", "started_at", "submitted_at", "moderated_at", "moderation_comment")
    ),
    "caseaudit.DomainGrade": PersonalData(
        fields=("grade", "evidence", "comments", "moderated_grade", "moderation_reason"),
        user_paths=("audit__auditor", "audit__moderated_by"),
    ),
    # SSDA903 returns: pseudonymous (the authority's CHILD code, no name) but still personal data,
    # found by that code for the authority's children in need child with the same code.
    "datapack.Return": PersonalData(fields=("imported_at",)),
    "datapack.ReturnChild": PersonalData(fields=("child", "sex", "dob", "ethnic"), cin_child_filter=_ssda903_child),
    "datapack.Episode": PersonalData(
        fields=("child", "decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec", "reason_place_change"),
        cin_child_filter=_ssda903_child,
    ),
    # A pack's PDF asked for by a person (aggregates only): found through who asked.
    "datapack.PackExport": PersonalData(fields=("requested_at", "made_at")),
    # Training: a place is found through the person who booked it (the attendee may be in their team).
    "training.Booking": PersonalData(
        fields=("attendee_name", "attendee_email", "status", "booked_at", "placed_at", "cancelled_at", "attended")
    ),
    "training.AttendeeFeedback": PersonalData(
        fields=("usefulness", "will_change_practice", "comment", "given_at"), user_paths=("booking__booked_by",)
    ),
    # Impact: the file a service manager loaded the hub's history from.
    "impact.HistoryImport": PersonalData(fields=("file_name", "rows", "imported_at")),
}

# Models with personal-looking field names that hold no personal data, and why.
EXEMPT: dict[str, str] = {
    "bundles.BundleIngestion": "how far a bundle file's reading got and the reason it stopped, in the hub's words",
    "auth.Permission": "names of permissions, not people",
    "reports.ReportTemplate": "the sections of a kind of report, set by an administrator; about no one",
    "auth.Group": "names of groups of permissions, not people",
    "sessions.Session": "signed session state (a user id and form tokens); expires; nothing a person typed",
    "django_tasks_database.DBTaskResult": (
        "hub tasks take record ids, never personal values, as arguments; results are pruned"
    ),
    "accounts.Organisation": "organisations (local authorities, courts, the hub), not people",
    "timescales.TimescaleRule": "names of statutory and court timescales",
    "timescales.ClosureDay": "names of bank holidays and hub closure days",
    "allocation.Skill": "names of assessor skills",
    "allocation.MatchingWeights": "the weights of the allocation score (one is called language), not people",
    "otp_static.StaticToken": "recovery codes: secrets, never exported; found through the user's StaticDevice",
    "notifications.MessageTemplate": "the wording of a kind of message, set by an administrator; about no one",
    "feedback.SupportProvider": "organisations the hub refers people to, not people",
    "feedback.SurveyCodeAttempt": "addresses that typed a wrong survey code (rate limit); pruned after 15 minutes",
    "caseaudit.Theme": (
        "a theme's name and description, set by the programme's lead to tag grades with; about no one "
        "(the grades it tags are found through their audit)"
    ),
    "training.Course": "names and descriptions of training courses, not people",
}
