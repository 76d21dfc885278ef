"""Request and response models of the JSON API (they make the OpenAPI document at ``/api/openapi.json``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accord.forecast.models import model_names
from accord.protocols.registry import protocol_names
from accord.strategies.base import Concession

ProtocolName = Literal[protocol_names()]  # type: ignore[valid-type] - built from the declared protocols
ModelName = Literal[model_names()]  # type: ignore[valid-type] - built from the declared forecast models

MAX_ROUNDS = 2000


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioRef(_Request):
    """A scenario: either ``scenario_id`` (a bundled scenario's name or an upload's id) or ``scenario``, a whole
    Accord scenario document (the JSON form of the YAML format, ``accord: 1``), e.g. an edited copy."""

    scenario_id: str | None = Field(default=None, max_length=200, examples=["japan-russia-2019"])
    scenario: dict[str, Any] | None = Field(default=None, description="an Accord scenario document")
    origin: str | None = Field(default=None, max_length=200, description="with 'scenario': the id of the stored "
                               "scenario it edits (the answer's view.version then counts the changes)")

    @model_validator(mode="after")
    def _exactly_one(self) -> "ScenarioRef":
        if (self.scenario_id is None) == (self.scenario is None):
            raise ValueError("give exactly one of 'scenario_id' or 'scenario'")
        return self


Axes = tuple[int, int]


class AnalyzeRequest(ScenarioRef):
    axes: Axes = Field(default=(0, 1), description="the two parties (by index) on the plot's x and y axes")
    max_points: int = Field(default=3000, ge=100, le=20000, description="most outcome-cloud points to return")
    svg: bool = Field(default=True, description="also return the plot drawn as SVG")


class DealOut(BaseModel):
    outcome: dict[str, Any]
    utilities: list[float]


Point = tuple[float, float, int]


class PlotDeal(BaseModel):
    u: list[float] = Field(description="every party's utility")
    v: list[int] = Field(description="per issue, the index of the value in issues[i].values")
    rational: bool = Field(description="at least as good as no deal for every party")


class SampleOut(BaseModel):
    """How a plot's outcome cloud was drawn beyond enumeration."""

    size: int = Field(description="outcomes drawn (distinct)")
    seed: int
    of: int = Field(description="the feasible outcomes it is drawn from")
    caption: str = Field(description="one line saying so, with the size and the total count")


class PlotOut(BaseModel):
    """Plot data. Points are ``[u_x, u_y, k]``; ``deals[k]`` holds every party's utility ``u`` and the index ``v``
    of each issue's value in ``issues[i].values``."""

    parties: list[str]
    axes: list[int]
    issues: list[dict[str, Any]]
    reservation: list[float]
    n_outcomes: int
    sample: SampleOut | None = Field(default=None, description="beyond enumeration: the points are a uniform random "
                                                               "sample of the outcomes; null: one per pixel cell of "
                                                               "the whole space")
    points: list[Point]
    frontier: list[Point]
    frontier_is_curve: bool
    pair_frontier: list[Point] = Field(description="three or more parties: the frontier of the two drawn parties "
                                                   "alone ('frontier' is the n-party one, projected)")
    projection: str = Field(description="three or more parties: what the 2-D view shows; empty for two")
    off_axis: str = Field(description="three or more parties: what a point's colour shows")
    solutions: dict[str, Point]
    deals: list[PlotDeal]


class ConstituencyOut(BaseModel):
    party: str
    name: str
    threshold: float
    approves: int = Field(description="outcomes this constituency ratifies")
    approves_rational: int = Field(description="of those, outcomes in the zone of agreement")


class RatificationOut(BaseModel):
    """Domestic ratification: a deal counts only if every constituency of every party ratifies it."""

    constituencies: list[ConstituencyOut]
    win_set: dict[str, int] = Field(description="per party, outcomes at least as good as its no deal")
    win_set_with_ratification: dict[str, int] = Field(description="of those, outcomes its constituencies ratify")
    zone_of_agreement: int
    zone_of_agreement_with_ratification: int = Field(description="outcomes in the zone every constituency ratifies")
    zone_of_agreement_with_own_ratification: dict[str, int] = Field(
        description="per party, outcomes in the zone its own constituencies ratify")
    solutions: dict[str, DealOut | None] = Field(description="each solution among the ratified outcomes of the zone")


class IssueOut(BaseModel):
    name: str
    kind: Literal["categorical", "integer", "real"]
    values: list[Any]


class ParetoOut(BaseModel):
    points: list[list[float]] = Field(description="distinct utility vectors on the frontier, ascending")
    n_outcomes: int | None = Field(description="outcomes attaining them (ties kept); null where it cannot be exact")
    counts: list[int | None] = Field(description="outcomes attaining each point, in the order of points")


class AnalysisOut(BaseModel):
    """The analysis document, as ``accord analyze --json`` prints it (docs/json.md, "Analysis")."""

    scenario: str
    title: str
    parties: list[str]
    issues: list[IssueOut]
    n_outcomes: int
    reservation: list[float]
    rational_outcomes: int | None = Field(description="null where it cannot be exact within the method's budget")
    zone_of_agreement: bool
    method: str = Field(description="how the frontier was found: enumeration, additive-merge or branch-and-bound")
    pareto: ParetoOut
    solutions: dict[str, DealOut | None]
    best: dict[str, DealOut]
    worst: dict[str, DealOut]
    notes: list[str]
    ratification: RatificationOut | None = Field(description="null: no constituencies")


class CountsOut(BaseModel):
    """The analysis's counts as exact text with thousands separators (JSON numbers past 2⁵³ lose digits in
    JavaScript)."""

    n_outcomes: str
    rational_outcomes: str | None


class AnalyzeView(BaseModel):
    """What the workbench draws: the plot data, the plot as SVG and the time taken."""

    plot: PlotOut
    svg: str | None = None
    legend: str = Field(description="the plot's legend as HTML")
    version: str = Field(description="which version of the scenario this is (content hash, changes from origin)")
    counts: CountsOut
    elapsed_ms: float


class AnalyzeResponse(AnalysisOut):
    view: AnalyzeView


class SimulateRequest(ScenarioRef):
    strategies: list[str] = Field(min_length=1, max_length=16, description="one registered strategy per party",
                                  examples=[["boulware", "conceder"]])
    protocol: ProtocolName = "sao"
    rounds: int = Field(default=100, ge=1, le=MAX_ROUNDS)
    seed: int = Field(default=0, ge=0, le=2**62)
    axes: Axes = (0, 1)
    svg: bool = True


class TraceRowOut(BaseModel):
    round: int
    party: str
    action: str
    offer: dict[str, Any] | None
    position: int | None
    time: float
    utilities: list[float] = Field(description="every party's utility of the offer (empty when there is none)")


class FaultOut(BaseModel):
    party: int
    kind: str
    message: str


class SessionOut(BaseModel):
    """The session document, as ``accord simulate --json`` prints it (docs/json.md, "Simulation")."""

    scenario: str
    protocol: str
    parties: list[str]
    strategies: list[str]
    seed: int
    agreement: bool
    outcome: dict[str, Any] | None
    position: int | None
    utilities: list[float]
    rounds: int
    steps: int
    time: float
    ended_by: str
    breakdown_by: str | None
    fault: FaultOut | None
    pareto_distance: float | None
    nash_distance: float | None
    nash_utilities: list[float] | None
    ratified: bool | None
    rejected_by: list[str]
    trace_truncated: bool = Field(description="the session had more rows than the 100,000 kept; the trace holds "
                                              "the last of them")
    trace: list[TraceRowOut]


class ReportRequest(ScenarioRef):
    strategies: list[str] | None = Field(default=None, max_length=16, description="one per party; default boulware, "
                                                                                  "then conceder")
    protocol: ProtocolName = "sao"
    rounds: int = Field(default=100, ge=1, le=MAX_ROUNDS)
    seed: int = Field(default=0, ge=0, le=2**62)


class SimulateView(BaseModel):
    """What the workbench draws: offer paths, the plot as SVG and how each issue value is shown."""

    paths: list[dict[str, Any]] = Field(description="offer paths per party: [[u_1, ..., u_n, step], ...]")
    svg: str | None = None
    legend: str | None = Field(default=None, description="the plot's legend as HTML (with svg)")
    version: str = Field(description="which version of the scenario ran (content hash, changes from origin)")
    labels: dict[str, dict[str, str]] = Field(description="per issue, how each value is shown to a reader")


class SimulateResponse(SessionOut):
    view: SimulateView


class ClassifierOut(BaseModel):
    """What a strategy's behaviour depends on (see ``accord.strategies.Classifier``)."""

    stochastic: bool = Field(description="its offers depend on the session seed")
    opponent_model: bool = Field(description="it models the opponent's preferences from its offers")
    concession: Concession = Field(description="what drives its concessions")


class StrategyOut(BaseModel):
    """One strategy, as ``accord strategies --json`` lists it (docs/json.md, "Strategies")."""

    name: str
    classifier: ClassifierOut
    description: str
    source: str = Field(description="where it comes from: its module, or its entry point ('module:attribute')")


class ForecastRequest(_Request):
    """Stakeholders: a bundled file by ``name``, or the ``text`` of a stakeholder file (``format`` yaml or csv)."""

    name: str | None = Field(default=None, max_length=200, examples=["japan-russia-2019"])
    text: str | None = Field(default=None, max_length=200_000,
                             description="a stakeholder file's text (at most 300 actors per issue)")
    format: Literal["yaml", "csv"] = "yaml"
    model: ModelName = "eu"
    rounds: int = Field(default=10, ge=0, le=200)
    q: float = Field(default=1.0, ge=0, le=1)
    t: float = Field(default=1.0, ge=0, le=1)

    @model_validator(mode="after")
    def _exactly_one(self) -> "ForecastRequest":
        if (self.name is None) == (self.text is None):
            raise ValueError("give exactly one of 'name' or 'text'")
        return self


class RoundOut(BaseModel):
    round: int
    positions: dict[str, float] = Field(description="each actor's position after the round")
    events: list[str]
    forecast: float
    risk: dict[str, float] | None = Field(description="each actor's risk exponent (eu model, rounds ≥ 1)")


class ActorOut(BaseModel):
    actor: str
    position: float
    salience: float
    capability: float


class ParametersOut(BaseModel):
    rounds: int
    q: float
    t: float


class MonteCarloOut(BaseModel):
    runs: int
    seed: int | None
    median: float
    p5: float
    p95: float
    uncertainty_stated: bool


class ForecastOut(BaseModel):
    """One issue's forecast document (docs/json.md, "Forecast")."""

    model: str
    issue: str
    scale: str
    parameters: ParametersOut
    actors: list[ActorOut] = Field(description="the stated stakeholders")
    rounds: list[RoundOut]
    forecast: float
    converged_at: int | None
    monte_carlo: MonteCarloOut | None = Field(description="null unless Monte Carlo runs were asked for")


class ForecastResponse(BaseModel):
    """The document of ``accord forecast --json``: one forecast per issue."""

    issues: list[ForecastOut]


class Item(_Request):
    name: str = Field(min_length=1, max_length=200)
    points: tuple[float, float] = Field(description="points of the first party, then of the second (≥ 0)")


class DivideRequest(_Request):
    """Adjusted Winner: a bundled divide file by ``name``, or ``parties`` and ``items``."""

    name: str | None = Field(default=None, max_length=200, examples=["kurils-divide"])
    parties: tuple[str, str] | None = None
    items: list[Item] | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_form(self) -> "DivideRequest":
        if (self.name is None) == (self.items is None):
            raise ValueError("give either 'name' or 'parties' and 'items'")
        if self.items is not None and self.parties is None:
            raise ValueError("give 'parties' with 'items'")
        return self


class DivideResponse(BaseModel):
    """The division document, as ``accord divide --json`` prints it (docs/json.md, "Division")."""

    parties: list[str]
    items: list[str]
    item_points: dict[str, list[float]] = Field(description="each item's points, normalised to 100 per party")
    normalised: bool = Field(description="whether the points given had to be rescaled to sum to 100")
    shares: dict[str, float] = Field(description="fraction of each item going to the first party")
    shares_exact: dict[str, str]
    split: str | None
    points: list[float] = Field(description="each party's total on its normalised 100-point scale")
    points_exact: list[str]
    explanation: str


class ScenarioSummary(BaseModel):
    id: str
    name: str
    title: str
    parties: list[str]
    issues: int
    outcomes: int | None = Field(description="feasible outcomes (those the constraints allow); null: too many to "
                                             "count here")
    source: Literal["bundled", "library", "uploaded"]
    version: str = Field(description="a short hash of the scenario's content")
    uploaded: str | None = Field(default=None, description="when it was uploaded (UTC, ISO 8601); null if bundled")
    notes: list[str] = []


class ErrorOut(BaseModel):
    detail: str = Field(description="one line, as the command line prints it after 'error: '")
