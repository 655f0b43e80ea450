"""What intake tells the apps above it, which it may not import.

`bundle_document_added` is sent inside the upload's transaction once the file and
its row are kept (from the letter's bundle page and from the API alike);
`bundle_document_removing` just before a file's row is deleted. The court bundles
app (hub.bundles) receives them to read the file and to forget its pages.
"""

from django.dispatch import Signal

bundle_document_added = Signal()  # document=BundleDocument
bundle_document_removing = Signal()  # document=BundleDocument
