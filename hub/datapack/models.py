"""Each authority's SSDA903 returns, kept for the regional data pack.

Only what the pack needs is kept: the child's identifier as the authority sends it,
sex, date of birth and ethnicity from the header, and the episodes' dates and codes.
UPNs, postcodes and provider URNs are read and checked, never stored: the pack does
not need them, and a child is easier to identify with them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind


class Return(models.Model):
    """One authority's SSDA903 return for one collection year (1 April to 31 March).

    Importing the same authority and year again replaces it whole.
    """

    authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="ssda903_returns",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
    )
    year = models.PositiveSmallIntegerField(help_text="The collection year, named by the 31 March it ends on")
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    # Rows read from each table, by the DfE's table name (the other tables are checked and counted only).
    table_rows = models.JSONField(default=dict)
    # The pack's unsuppressed counts for this authority-year (figures.AuthorityYear.counts()),
    # worked out once when the return is imported, in the import's transaction: they
    # change only then, and counting every episode on each request took seconds.
    # No population: rates are made when shown, from the population supplied by then.
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["authority__name", "year"]
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="ssda903_return_one_per_year")]

    def __str__(self) -> str:
        return f"{self.authority} {self.year}"


class ReturnChild(models.Model):
    """A child in the return's header file."""

    ssda903_return = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="children")
    child = models.CharField("CHILD", max_length=40)
    sex = models.CharField("SEX", max_length=1)
    dob = models.DateField("DOB")
    ethnic = models.CharField("ETHNIC", max_length=4, blank=True)

    class Meta:
        ordering = ["child"]
        constraints = [models.UniqueConstraint(fields=["ssda903_return", "child"], name="ssda903_child_once")]

    def __str__(self) -> str:
        return self.child


class Episode(models.Model):
    """An episode of care from the return's episodes file, with the DfE's codes."""

    ssda903_return = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="episodes")
    child = models.CharField("CHILD", max_length=40)
    decom = models.DateField("DECOM")
    rne = models.CharField("RNE", max_length=1)
    ls = models.CharField("LS", max_length=2)
    cin = models.CharField("CIN", max_length=2)
    place = models.CharField("PLACE", max_length=2)
    place_provider = models.CharField("PLACE_PROVIDER", max_length=3, blank=True)
    dec = models.DateField("DEC", null=True, blank=True)
    rec = models.CharField("REC", max_length=3, blank=True)
    reason_place_change = models.CharField("REASON_PLACE_CHANGE", max_length=6, blank=True)

    class Meta:
        ordering = ["child", "decom"]
        constraints = [
            # The same child cannot begin two episodes on one day (the import refuses the
            # duplicate first, with its line; this keeps the data honest whatever writes it).
            models.UniqueConstraint(fields=["ssda903_return", "child", "decom"], name="ssda903_episode_once")
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.decom:%d/%m/%Y} {self.place}"


class Population(models.Model):
    """An authority's population aged 0 to 17 in a year (the ONS mid-year estimate), for rates per 10,000."""

    authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="child_populations")
    year = models.PositiveSmallIntegerField()
    children = models.PositiveIntegerField("population aged 0 to 17")

    class Meta:
        ordering = ["authority__name", "year"]
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="population_one_per_year")]

    def __str__(self) -> str:
        return f"{self.authority} {self.year}: {self.children}"


def _pack_path(instance: "PackExport", filename: str) -> str:
    return f"datapack/{filename}"


class PackExport(models.Model):
    """A pack's PDF made by the task worker, for a selection too large to lay out while the person waits.

    Only the person who asked for it opens it (they chose the authorities; aggregates only,
    suppressed as on the page).
    """

    authorities = models.ManyToManyField(Organisation, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(upload_to=_pack_path, max_length=200, blank=True)
    made_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Data pack PDF asked for by {self.requested_by} on {self.requested_at:%d/%m/%Y}"
