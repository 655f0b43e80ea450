from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "hub.bundles"
    verbose_name = "Court bundles"

    def ready(self) -> None:
        # Intake (below this app) says when a bundle file is kept or removed; reading it is this app's job.
        from hub.bundles import receivers
        from hub.referrals import signals

        signals.bundle_document_added.connect(receivers.read_added_document, dispatch_uid="bundles-read")
        signals.bundle_document_removing.connect(receivers.forget_removed_document, dispatch_uid="bundles-forget")
