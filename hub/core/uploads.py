"""Upload size limits enforced while the request body arrives.

This handler runs first in the chain: it counts each file's bytes as they
stream in and, past the limit, skips the file, so the rest is read and thrown
away and nothing of it is stored. The view then tells the user which file was
too large, with everything else they typed intact.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

_OVERSIZED = "hub_oversized_uploads"


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, *args: object, **kwargs: object) -> None:
        super().new_file(*args, **kwargs)  # type: ignore[arg-type]
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._received += len(raw_data)
        if self._received > settings.BUNDLE_MAX_BYTES:
            if self.request is not None:
                self.request.__dict__.setdefault(_OVERSIZED, []).append(self.file_name or "file")
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def oversized_uploads(request: object) -> list[str]:
    """Names of the files in this request that went over the limit and were dropped."""
    return list(getattr(request, "__dict__", {}).get(_OVERSIZED, []))
