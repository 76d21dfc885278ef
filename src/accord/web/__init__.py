"""The local web workbench (``accord serve``): pages and a JSON API over Accord's public API.

Needs the ``web`` extra (FastAPI, uvicorn, Jinja2, python-multipart). ``create_app()`` builds the application.
"""

from __future__ import annotations


def create_app(*args, **kwargs):
    """The FastAPI application (see :func:`accord.web.app.create_app`)."""
    from accord.web.app import create_app as build

    return build(*args, **kwargs)


__all__ = ["create_app"]
