"""The hub's training offer: courses, their sessions, places booked by local authority
staff, waiting lists, attendance and what attendees thought of it.

"A training offer to improve practice was developed for all nine LAs" (the hub's
practice guide, 001): the hub counted "447 places attended/booked on training" by
hand (000); here every place is a Booking, so the count is the system's.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from hub.accounts.models import Organisation


class Course(models.Model):
    """A course the hub offers (ParentAssess, CoramBAAF kinship...). Administrators add others."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    provider = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TrainingSession(models.Model):
    """One date of a course, with its places and where (a venue, or a link for an online session)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    places = models.PositiveIntegerField()
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    is_cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="training_session_starts_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="training_session_has_places"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="training_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.name}, {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    @property
    def where(self) -> str:
        return self.venue or ("Online" if self.online_link else "")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Place booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Booking(models.Model):
    """A place (or a place on the waiting list) for one person from one authority."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="bookings")
    # The authority the place counts for: the booker's own.
    local_authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="training_bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attendee_name = models.CharField(max_length=200)
    attendee_email = models.EmailField()
    status = models.CharField(max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    booked_at = models.DateTimeField(default=timezone.now)
    # When a place was given: at booking, or later from the waiting list.
    placed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Marked by the hub after the session: None until marked.
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["booked_at", "id"]
        indexes = [models.Index(fields=["session", "status"], name="training_booking_session_idx")]
        constraints = [
            # One live place or waiting-list entry per person per session.
            models.UniqueConstraint(
                fields=["session", "attendee_email"],
                condition=~models.Q(status="cancelled"),
                name="training_booking_once_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendee_name}: {self.session}"


class AttendeeFeedback(models.Model):
    """What an attendee thought of a session, given after it."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    # 1 (not useful) to 5 (very useful).
    usefulness = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    will_change_practice = models.BooleanField()
    comment = models.TextField(blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usefulness__gte=1, usefulness__lte=5), name="attendee_feedback_usefulness_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.booking}"
