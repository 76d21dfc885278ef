"""The ``accord`` command line (see ``accord.cli.main``)."""
