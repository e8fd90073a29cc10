"""Errors whose message is shown to the user as it is, as one line: `Error: <message>`."""


class IopError(Exception):
    """Base: a problem the user can act on; the CLI prints it and exits 1."""


class ReadError(IopError):
    """A file could not be read into text (damaged, encrypted, not what its name says)."""


class UnsupportedFile(IopError):
    """A file of a type iop does not read; ingest skips and counts it."""


class NotFound(IopError):
    """A query matched nothing in the catalogue."""


class UsageError(IopError):
    """The command's arguments do not make sense together; exit code 2."""


class OcrUnavailable(IopError):
    """Tesseract (or any language model for it) is not installed, so scans cannot be read."""


class OcrFailed(IopError):
    """Tesseract ran but could not recognise a page (damaged image, timeout)."""
