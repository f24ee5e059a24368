"""ho21: prepare and record the meetings of a council from one manifest."""

from ho21cli.errors import ExitCode, Ho21Error

__version__ = "0.1.0"
__all__ = ["ExitCode", "Ho21Error", "__version__"]
