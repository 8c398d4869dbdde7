"""Generate the HTTPStatus and HTTPMethod modules and their documentation from the
registries in data/ (http_status.yaml, http_method.yaml)."""

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
