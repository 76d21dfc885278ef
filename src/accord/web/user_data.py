"""The user's own stakeholder and divide files on the forecast and divide pages: an uploaded file or pasted text,
read with the same parsers, limits and one-line errors as the command line (names as the user gave them)."""

from __future__ import annotations

from fastapi import UploadFile

from accord.errors import ScenarioError
from accord.io.files import decode_text
from accord.web.store import MAX_UPLOAD_BYTES, display_name

FORMATS = {".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}


async def user_text(upload: UploadFile | None, pasted: str | None, pasted_format: str,
                    allowed: tuple[str, ...]) -> tuple[str, str, str]:
    """``(text, source, format)`` of an uploaded file (its format from its suffix) or else of pasted text (in
    ``pasted_format``); ``allowed`` lists the formats this page reads."""
    kinds = " or ".join(f".{f}" for f in allowed)
    if upload is not None and upload.filename:
        source = display_name(upload.filename, 0)
        suffix = "." + source.rsplit(".", 1)[-1].lower() if "." in source else ""
        kind = FORMATS.get(suffix)
        if kind not in allowed:
            raise ScenarioError(f"unknown file type '{suffix}'", source=source, fix=f"use a {kinds} file")
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        return decode_text(_capped(data, source), source), source, kind
    if pasted and pasted.strip():
        if pasted_format not in allowed:
            raise ScenarioError(f"unknown format '{pasted_format}'", source="pasted text", fix=f"use {kinds}")
        source = f"pasted.{pasted_format}"
        return decode_text(_capped(pasted.encode("utf-8"), source), source), source, pasted_format
    raise ScenarioError("no file and no text given", source="upload", fix=f"choose a {kinds} file or paste its text")


def _capped(data: bytes, source: str) -> bytes:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScenarioError(f"file is larger than the workbench's limit of {MAX_UPLOAD_BYTES:,} bytes",
                            source=source, fix="shrink or split the file, or use the command line")
    return data


__all__ = ["user_text"]
