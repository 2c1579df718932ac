"""The permissions a file or folder made now gets: what a build must give what it reuses or writes by other means
(a hard link, a kept folder, a file made by ``mkstemp``) so that it reads as a new one."""

from __future__ import annotations

import os


def umask() -> int:
    """The process's umask. It can only be read by setting it, so it is set and put back at once."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """``0o666`` less the umask."""
    return 0o666 & ~umask()


def new_folder_mode() -> int:
    """``0o777`` less the umask."""
    return 0o777 & ~umask()
