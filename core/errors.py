"""The one root error of the core and its typed children.

Errors that the environment or the person's input caused carry a message written for the
person (one line, plain words). Anything else is a bug and is left to propagate.
"""


class SkillpathError(Exception):
    """Root of every error the core raises on purpose; its message is shown as it is."""


class CatalogError(SkillpathError):
    """The shipped catalog (or an own role file) is broken: names the file, entry and field."""


class ProfileError(SkillpathError):
    """A profile file or profile value is not usable."""


class InputError(SkillpathError):
    """A value typed on the command line or in a form is not usable (a date, a number)."""


class StorageError(SkillpathError):
    """The data folder or the database cannot be used: read-only, locked, disk full."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer Skillpath; it is left untouched."""


class CorruptDatabaseError(StorageError):
    """The file is not a Skillpath database or is damaged; it is left untouched."""


class NoRoomError(StorageError):
    """The disk holding the data folder has no room for a write; nothing was changed. The
    message says how much to free (and where, when old backups could go)."""


class ChangedElsewhereError(StorageError):
    """Another Skillpath (the app, a command) changed the data since this one last read it;
    nothing was changed: read again, then repeat the change."""


class TransferError(SkillpathError):
    """An export file cannot be imported: names the problem; nothing was written."""


class CvError(SkillpathError):
    """A CV file cannot be read: empty, too large, encrypted, no text layer, not text at all."""


class WriteError(SkillpathError):
    """A report, calendar or export file cannot be written; what was there is left untouched."""


class OutputExistsError(WriteError):
    """The file exists and replacing it was not asked for (`--force`, or a confirmation)."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path
