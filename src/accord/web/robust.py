"""The workbench's robustness panel: ``POST /api/robust`` estimates how likely a (ratifiable) zone of agreement
is under the scenario's distributions (the document of ``accord robust --json``) and, under ``view``, draws the
utility space coloured by each package's P(rational and ratified) and the drivers as a bar chart. The page posts
its edited numbers (``scenario`` with ``origin``), which keep the stored scenario's distributions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import Field

from accord.reports.plot_data import plot_data
from accord.reports.robust_section import robust_view
from accord.robust import robust
from accord.web import schemas
from accord.web.api import ERRORS, _axes, analysis_of, resolve_with_distributions

MAX_SAMPLES = 1000  # a request runs in the server's own threads: keep it to seconds on the flagship
router = APIRouter(prefix="/api", tags=["robust"])


class RobustRequest(schemas.ScenarioRef):
    samples: int = Field(default=200, ge=1, le=MAX_SAMPLES, description="sampled scenarios")
    seed: int = Field(default=0, ge=0, le=2**62, description="seed of the draws")
    axes: schemas.Axes = Field(default=(0, 1), description="the two parties (by index) on the plot's axes")


@router.post("/robust", responses=ERRORS)
def estimate(request: Request, body: RobustRequest) -> dict:
    """Robustness under the scenario's distributions: the document of ``accord robust --json`` with the same
    ``samples`` and ``seed``, and under ``view`` the shaded plot (``svg``), its colour key (``key``, HTML), what
    the colour shows (``measure``: ``ratified`` or, when no package was ever ratified, ``rational``) and the
    drivers' bar chart (``drivers_svg``, null without uncertain numbers). An edited copy (``scenario`` with
    ``origin``) that states no distributions of its own takes those of the stored scenario ``origin``: an edited
    number carries its distribution along (a range shifted by the edit, a normal centred on the new value, a
    Dirichlet around the new weights)."""
    scenario = resolve_with_distributions(request, body)
    axes = _axes(body.axes, len(scenario.parties))
    result = robust(scenario, body.samples, body.seed)
    analysis = analysis_of(scenario)
    data = plot_data(analysis, axes)
    return {**result.to_json(), "view": robust_view(analysis, result, data)}


__all__ = ["MAX_SAMPLES", "router"]
