"""Generate the http_registries package, its tables and its exports from the
registries in data/ (one for each kind in generator/kinds/), check them, and
compare the registries with IANA's."""

import os
import sys

from .problems import interrupted


def _run() -> int:
    try:
        # Importing the tools takes a noticeable moment: a Ctrl-C during it ends
        # the run as one at any other moment does.
        from .cli import main

        return main()
    except KeyboardInterrupt:
        return interrupted()
    except BrokenPipeError:
        # The reader of the output went away (| head): say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


sys.exit(_run())
