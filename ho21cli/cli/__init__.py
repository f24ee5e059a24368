"""The ``ho21`` command line: parses options, calls ``ho21cli.actions``, prints."""
