"""Altair charts over the published reporting marts, as the pages give them (filtered and sorted).

A chart only encodes columns of one mart's rows: no aggregation, binning, joining or reshaping in Vega-Lite
either. Colours are keyed on the marts' codes, words come from their `*_name` columns, and text on a chart
(cell labels, tooltips) is formatted in Python with `labels`, so it reads as the rest of the page does.

One colour language: the traffic-light `RISK` palette wherever risk is shown (risk bands, what raises or
lowers it, a known decline, a drifting feature), neutral blues and purples for comparisons that are neither
good nor bad, and a legend wherever colour carries meaning. Long names wrap onto lines instead of being cut.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import altair as alt
import pandas as pd

from one_click.dashboard import labels

RED, GREY, GREEN, YELLOW = "#cc4125", "#999999", "#6aa84f", "#f1c232"
RISK = {"low": GREEN, "medium": YELLOW, "high": RED}  # the one risk palette
NEUTRAL, NEUTRAL_LIGHT = "#4a6fa5", "#a9bcd9"  # comparisons: neither good nor bad
NEUTRAL_CATEGORIES = ["#4a6fa5", "#a9bcd9", "#8e6bb0", "#cdb8e0", "#3f8f9c", "#9fd0d6", "#7a7a7a", "#c4c4c4"]
NEUTRAL_DIVERGING = ["#3f8f9c", "#f4f4f4", "#8e6bb0"]  # below ↔ above the average
RISK_COLORS = RISK
OUTCOME_COLORS = {"declined": RISK["high"], "kept": RISK["low"], "unknown": GREY, "all": "#6d6d6d"}
EFFECT_COLORS = {"raises_risk": RISK["high"], "lowers_risk": RISK["low"]}
PSI_COLORS = {"stable": RISK["low"], "moderate": RISK["medium"], "significant": RISK["high"]}
# Red where more of the factor means more risk, green where more means less, grey where it depends.
DIRECTION_COLORS = {"higher_increases_risk": RISK["high"], "higher_decreases_risk": RISK["low"]}
# d3-format locale for axes: decimal comma, non-breaking-space thousands and percent sign, as `labels` writes.
RU_LOCALE = {
    "decimal": ",",
    "thousands": labels.NBSP,
    "grouping": [3],
    "currency": ["", ""],
    "percent": f"{labels.NBSP}%",
    "minus": "−",
}
DARK_TEXT = "#262730"
SHARE_AXIS = alt.Axis(format=".0%")
LINES = "split(datum.label, '\\n')"  # a label wrapped by labels.wrap, drawn line by line
Chart = TypeVar("Chart", bound=Callable[..., alt.TopLevelMixin])


def _reads(columns: str) -> Callable[[Chart], Chart]:
    """Record on a chart function the mart columns it encodes (`.columns`), for the page to read them."""

    def record(chart: Chart) -> Chart:
        chart.columns = tuple(columns.split())  # type: ignore[attr-defined]
        return chart

    return record


def _finish(chart: alt.TopLevelMixin, height: int) -> alt.TopLevelMixin:
    # Vega-Lite's config.locale, not vega-embed's formatLocale: Streamlit drops most embed options.
    return chart.properties(height=height).configure(locale={"number": RU_LOCALE})


def _height(rows: int, per_row: int, chrome: int) -> int:
    """Total chart height: Streamlit fits axes and legends inside it, so they need room beyond the rows."""
    return rows * per_row + chrome


def _tooltip(**titles: str) -> list[alt.Tooltip]:
    """Tooltips of text columns (numbers are pre-formatted into `*_text` columns), field=title."""
    return [alt.Tooltip(f"{field}:N", title=title) for field, title in titles.items()]


def _names(channel: type[alt.X | alt.Y], field: str, order: Sequence[str], title: str | None = None, **axis):
    """A nominal x or y axis listing the names of `field` in the order given (untitled unless `title`);
    names wrapped by `_wrapped` are drawn on several lines."""
    return channel(f"{field}:N", title=title, sort=list(order), axis=alt.Axis(labelExpr=LINES, **axis))


def _wrapped(frame: pd.DataFrame, field: str, width: int) -> pd.DataFrame:
    """`frame` with the names in `field` wrapped to lines of `width` characters."""
    return frame.assign(**{field: [labels.wrap(name, width) for name in frame[field]]})


def _wrap_all(names: Sequence[str], width: int) -> list[str]:
    return [labels.wrap(name, width) for name in names]


def _rows(field: str, order: Sequence[str], label_limit: int = 400) -> alt.Y:
    """The y axis of a bar chart: one row per name, in the order given."""
    return _names(alt.Y, field, order, labelLimit=label_limit)


def _bars(frame: pd.DataFrame, label: str, label_limit: int = 400, **encoding: object) -> alt.Chart:
    """Horizontal bars, one per row of `frame` in its order, each named by its `label` column."""
    return alt.Chart(frame).mark_bar().encode(y=_rows(label, frame[label], label_limit), **encoding)


def _zero() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#666666").encode(x="x:Q")


def _white_text_when(test: str) -> dict:
    """Cell text colour: white where the cell is drawn dark enough (`test`), dark grey elsewhere."""
    return alt.condition(test, alt.value("white"), alt.value(DARK_TEXT))


def _named_colors(
    frame: pd.DataFrame, code: str, name: str, palette: Mapping[str, str], **legend: object
) -> alt.Color:
    """Colour by the code, show its display name: only the names in the data, so the legend lists no group
    the chart does not show."""
    colors = {shown: palette.get(key, GREY) for key, shown in zip(frame[code], frame[name], strict=True)}
    return alt.Color(
        f"{name}:N",
        title=None,
        scale=alt.Scale(domain=list(colors), range=list(colors.values())),
        legend=alt.Legend(**legend) if legend else None,
    )


@_reads("mean_predicted observed_rate customers")
def calibration(reliability: pd.DataFrame) -> alt.TopLevelMixin:
    """Predicted against observed decline rate per probability bin; on the diagonal, they are honest."""
    frame = reliability.assign(
        predicted_text=reliability["mean_predicted"].map(labels.fmt_share),
        observed_text=reliability["observed_rate"].map(labels.fmt_share),
        customers_text=reliability["customers"].map(labels.fmt_int),
    )
    unit = alt.Scale(domain=[0, 1])
    base = alt.Chart(frame).encode(
        x=alt.X("mean_predicted:Q", title="Предсказанная вероятность", scale=unit, axis=SHARE_AXIS),
        y=alt.Y("observed_rate:Q", title="Доля снизивших активность на деле", scale=unit, axis=SHARE_AXIS),
    )
    diagonal = (
        alt.Chart(pd.DataFrame({"mean_predicted": [0.0, 1.0], "observed_rate": [0.0, 1.0]}))
        .mark_line(strokeDash=[5, 5], color=GREY)
        .encode(x="mean_predicted:Q", y="observed_rate:Q")
    )
    # No size legend: under Streamlit's fit-to-width sizing a legend eats the plot's height.
    points = base.mark_circle(color=NEUTRAL, opacity=0.9).encode(
        size=alt.Size("customers:Q", legend=None, scale=alt.Scale(range=[30, 400])),
        tooltip=_tooltip(predicted_text="Предсказано", observed_text="На деле", customers_text="Покупателей"),
    )
    return _finish(diagonal + base.mark_line(color=NEUTRAL) + points, 380)


@_reads("risk_band risk_band_name customers share_of_customers")
def risk_bands(bands: pd.DataFrame) -> alt.TopLevelMixin:
    """report_risk_bands in band order: customers per band, with their share."""
    frame = bands.assign(
        text=[
            f"{labels.fmt_int(count)} ({labels.fmt_share(share)})"
            for count, share in zip(bands["customers"], bands["share_of_customers"], strict=True)
        ]
    )
    base = alt.Chart(frame).encode(
        y=_names(alt.Y, "risk_band_name", frame["risk_band_name"], labelFontSize=13),
        x=alt.X("customers:Q", title="Покупателей", axis=alt.Axis(tickCount=5)),
    )
    bars = base.mark_bar().encode(
        color=_named_colors(frame, "risk_band", "risk_band_name", RISK_COLORS),
        tooltip=_tooltip(risk_band_name="Риск", text="Покупателей"),
    )
    return _finish(bars + base.mark_text(align="left", dx=4).encode(text="text:N"), 150)


@_reads(
    "segment_name is_target_segment risk_band_name value_band_name customers total_expected_loss "
    "share_of_expected_loss"
)
def segment_heatmap(
    segments: pd.DataFrame,
    risk_order: Sequence[str],
    value_order: Sequence[str],
    money: labels.Format = labels.NUMBER,
    compact: bool = False,
) -> alt.TopLevelMixin:
    """Risk (columns, `risk_order` low to high) × value (rows, `value_order` high to low) cells coloured by
    expected loss, each with its size and loss. `compact` (a phone): size and share of the loss only, the
    segment's name and its loss in the tooltip."""
    frame = segments.assign(
        size_text=[f"{labels.fmt_int(count)} покуп." for count in segments["customers"]],
        share_text=[f"{labels.fmt_share(share)} потерь" for share in segments["share_of_expected_loss"]],
        loss_text=[
            f"потери {money.screen(loss)} ({labels.fmt_share(share)})"
            for loss, share in zip(
                segments["total_expected_loss"], segments["share_of_expected_loss"], strict=True
            )
        ],
        name_text=[
            f"{name} · целевой" if target else name
            for name, target in zip(segments["segment_name"], segments["is_target_segment"], strict=True)
        ],
    )
    font = 11 if compact else 13
    base = alt.Chart(frame).encode(
        x=_names(
            alt.X,
            "risk_band_name",
            risk_order,
            "Риск снижения активности →",
            labelAngle=0,
            orient="top",
            labelFontSize=font,
        ),
        y=_names(
            alt.Y,
            "value_band_name",
            value_order,
            "Ценность покупателя (прибыль) →",
            labelFontSize=font,
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color(
            "total_expected_loss:Q",
            title=money.title("Потери в месяц"),
            scale=alt.Scale(scheme="blues", domainMin=0),
            legend=alt.Legend(orient="bottom", gradientLength=200)
            if compact
            else alt.Legend(orient="right", gradientLength=240),
        ),
        tooltip=_tooltip(segment_name="Сегмент", size_text="Размер", loss_text="Ожидаемые потери"),
    )
    # The target segment is outlined, so it stands out whatever its colour.
    outline = base.mark_rect(fillOpacity=0, stroke=DARK_TEXT, strokeWidth=4).transform_filter(
        "datum.is_target_segment"
    )
    # A cell holding a quarter of all losses or more is drawn dark enough to need white text.
    color = _white_text_when("datum.share_of_expected_loss >= 0.25")
    size = base.mark_text(dy=-8 if compact else 2, fontSize=13 if compact else 16, fontWeight="bold")
    layers = [cells, outline, size.encode(text="size_text:N", color=color)]
    if compact:
        layers.append(base.mark_text(dy=10, fontSize=10).encode(text="share_text:N", color=color))
    else:
        layers.append(base.mark_text(dy=-18, fontSize=12).encode(text="name_text:N", color=color))
        layers.append(base.mark_text(dy=22, fontSize=12).encode(text="loss_text:N", color=color))
    return _finish(alt.layer(*layers), 300 if compact else 380)


@_reads("measure_name is_share target_segment_value other_customers_value relative_difference")
def target_profile(profile: pd.DataFrame, wrap_at: int = 34) -> alt.TopLevelMixin:
    """How far the target segment's value is from everyone else's, in % of the others' (report order).
    A comparison, neither good nor bad: one neutral colour, the sign on the axis."""
    frame = _wrapped(profile[profile["relative_difference"].notna()], "measure_name", wrap_at)
    frame = frame.assign(
        text=[labels.fmt_signed_share(value) for value in frame["relative_difference"]],
        target_text=list(map(labels.fmt_measure, frame["target_segment_value"], frame["is_share"])),
        others_text=list(map(labels.fmt_measure, frame["other_customers_value"], frame["is_share"])),
    )
    bars = _bars(
        frame,
        "measure_name",
        x=alt.X(
            "relative_difference:Q",
            title="Отличие целевого сегмента от остальных",
            axis=alt.Axis(format="+.0%", tickCount=4),
        ),
        color=alt.value(NEUTRAL),
        tooltip=_tooltip(
            measure_name="Показатель", target_text="Целевой сегмент", others_text="Остальные", text="Отличие"
        ),
    )
    return _finish(bars + _zero(), _height(len(frame), 34, 70))


@_reads("feature_name feature_value contribution contribution_scale effect effect_name")
def reasons(reasons: pd.DataFrame, wrap_at: int = 28) -> alt.TopLevelMixin:
    """One customer's top reasons (report_customer_reasons in rank order): each factor's push on the risk,
    with the customer's own value, on the build's one scale (contribution_scale), so a long bar means the
    same for every customer."""
    frame = reasons.assign(
        bar_label=[
            labels.wrap(f"{name}: {labels.fmt_value(value)}", wrap_at)
            for name, value in zip(reasons["feature_name"], reasons["feature_value"], strict=True)
        ],
    )
    scale = float(frame["contribution_scale"].iloc[0]) if len(frame) else 1.0
    bars = _bars(
        frame,
        "bar_label",
        x=alt.X(
            "contribution:Q",
            title="← снижает · повышает риск →",
            scale=alt.Scale(domain=[-scale, scale]),
            axis=alt.Axis(labels=False, ticks=False),
        ),
        color=_named_colors(frame, "effect", "effect_name", EFFECT_COLORS, orient="bottom"),
        tooltip=_tooltip(bar_label="Фактор", effect_name="Влияние"),
    )
    return _finish(bars + _zero(), _height(len(frame), 48, 110))


@_reads("feature_name mean_abs_contribution direction direction_name")
def importance(importance: pd.DataFrame) -> alt.TopLevelMixin:
    """report_feature_importance in rank order, coloured by the direction of each factor's effect."""
    frame = _wrapped(importance, "feature_name", 30).assign(
        text=[labels.SCORE.screen(value) for value in importance["mean_abs_contribution"]]
    )
    base = alt.Chart(frame).encode(
        y=_rows("feature_name", frame["feature_name"]),
        x=alt.X("mean_abs_contribution:Q", title="Средний вклад в оценку риска"),
    )
    bars = base.mark_bar().encode(
        color=_named_colors(
            frame, "direction", "direction_name", DIRECTION_COLORS, orient="bottom", labelLimit=300, columns=1
        ),
        tooltip=_tooltip(feature_name="Фактор", text="Средний вклад", direction_name="Направление"),
    )
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="text:N")
    return _finish(bars + text, _height(len(frame), 34, 150))


@_reads("segment_name feature_name segment_mean overall_mean relative_difference")
def driver_heatmap(
    means: pd.DataFrame, segment_order: Sequence[str], feature_order: Sequence[str]
) -> alt.TopLevelMixin:
    """Segments (rows) × drivers (columns) of report_segment_driver_means: how far the segment's mean is
    from everyone's, in %."""
    frame = _wrapped(means, "segment_name", 24).assign(
        mean_text=means["segment_mean"].map(labels.fmt_number),
        overall_text=means["overall_mean"].map(labels.fmt_number),
        difference_text=means["relative_difference"].map(labels.fmt_signed_share),
    )
    base = alt.Chart(frame).encode(
        x=_names(
            alt.X,
            "feature_name",
            feature_order,
            labelAngle=-35,
            labelLimit=300,
            orient="top",
            labelOverlap=False,
        ),
        y=_rows("segment_name", _wrap_all(segment_order, 24)),
    )
    cells = base.mark_rect(stroke="white").encode(
        # Colour saturates at ±50 % (clamp): one extreme cell would otherwise wash out every other one.
        color=alt.Color(
            "relative_difference:Q",
            title="Отличие от среднего по всем",
            scale=alt.Scale(domain=[-0.5, 0, 0.5], range=NEUTRAL_DIVERGING, clamp=True),
            legend=alt.Legend(format="+.0%", orient="bottom", gradientLength=300),
        ),
        tooltip=_tooltip(
            segment_name="Сегмент",
            feature_name="Фактор",
            mean_text="Среднее в сегменте",
            overall_text="Среднее по всем",
            difference_text="Отличие",
        ),
    )
    text = base.mark_text(fontSize=11).encode(
        text="mean_text:N", color=_white_text_when("abs(datum.relative_difference) > 0.3")
    )
    return _finish(cells + text, _height(len(segment_order), 44, 200))


@_reads("segment_name segment_mean overall_mean")
def driver_by_segment(means: pd.DataFrame) -> alt.TopLevelMixin:
    """One numeric driver: its mean per segment (rows in segment order), against the mean over everyone."""
    frame = _wrapped(means, "segment_name", 24).assign(
        mean_text=means["segment_mean"].map(labels.fmt_number),
        overall_text=[f"среднее по всем: {labels.fmt_number(value)}" for value in means["overall_mean"]],
    )
    base = alt.Chart(frame).encode(
        y=_rows("segment_name", frame["segment_name"]),
        x=alt.X("segment_mean:Q", title="Среднее значение в сегменте"),
    )
    bars = base.mark_bar(color=NEUTRAL).encode(tooltip=_tooltip(segment_name="Сегмент", mean_text="Среднее"))
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="mean_text:N")
    # Every row carries the same overall mean: one dashed line over the bars.
    rule = (
        alt.Chart(frame)
        .mark_rule(color=DARK_TEXT, strokeDash=[4, 4], size=2)
        .encode(x="overall_mean:Q", tooltip=alt.Tooltip("overall_text:N", title=""))
    )
    return _finish(bars + text + rule, _height(len(frame), 36, 60))


@_reads("segment_name category share_of_segment")
def category_shares(shares: pd.DataFrame, segment_order: Sequence[str]) -> alt.TopLevelMixin:
    """report_segment_category_shares of one feature: each segment's customers by category."""
    frame = _wrapped(shares, "segment_name", 24)
    frame = frame.assign(share_text=shares["share_of_segment"].map(labels.fmt_share))
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=_rows("segment_name", _wrap_all(segment_order, 24)),
            x=alt.X("share_of_segment:Q", title="Доля покупателей сегмента", axis=SHARE_AXIS),
            color=alt.Color(
                "category:N",
                title=None,
                scale=alt.Scale(range=NEUTRAL_CATEGORIES),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=300),
            ),
            tooltip=_tooltip(segment_name="Сегмент", category="Значение", share_text="Доля"),
        )
    )
    return _finish(chart, _height(len(segment_order), 36, 130))


@_reads("outcome outcome_name bin_lower bin_upper share")
def distribution(bins: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """report_feature_histogram of one feature: per-outcome shares on the mart's common bins."""
    frame = bins.assign(
        range_text=[
            f"{labels.fmt_number(low)} – {labels.fmt_number(high)}"
            for low, high in zip(bins["bin_lower"], bins["bin_upper"], strict=True)
        ],
        share_text=bins["share"].map(labels.fmt_share),
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(opacity=0.55, binSpacing=0)
        .encode(
            x=alt.X("bin_lower:Q", title=title, bin="binned"),
            x2="bin_upper:Q",
            y=alt.Y("share:Q", title="Доля группы", stack=None, axis=SHARE_AXIS),
            color=_named_colors(frame, "outcome", "outcome_name", OUTCOME_COLORS, orient="bottom"),
            tooltip=_tooltip(outcome_name="Группа", range_text="Значения", share_text="Доля группы"),
        )
    )
    return _finish(chart, 300)


@_reads("outcome outcome_name category_name share")
def category_by_outcome(profile: pd.DataFrame) -> alt.TopLevelMixin:
    """report_feature_profile rows of one categorical feature: each category's share per outcome."""
    frame = _wrapped(profile, "category_name", 26).assign(share_text=profile["share"].map(labels.fmt_share))
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("category_name:N", title=None, axis=alt.Axis(labelLimit=400, labelExpr=LINES)),
            yOffset="outcome_name:N",
            x=alt.X("share:Q", title="Доля группы", axis=SHARE_AXIS),
            color=_named_colors(frame, "outcome", "outcome_name", OUTCOME_COLORS, orient="bottom"),
            tooltip=_tooltip(outcome_name="Группа", category_name="Значение", share_text="Доля"),
        )
    )
    return _finish(chart, _height(len(frame), 30, 110))  # a bar per category and outcome


@_reads("feature_a_name feature_b_name phik flag_name")
def correlation_heatmap(correlations: pd.DataFrame, order: Sequence[str]) -> alt.TopLevelMixin:
    """report_feature_correlations (both halves and the diagonal), features in `order`."""
    frame = _wrapped(_wrapped(correlations, "feature_a_name", 28), "feature_b_name", 28)
    frame = frame.assign(phik_text=correlations["phik"].map(labels.fmt_number))
    order = _wrap_all(order, 28)
    base = alt.Chart(frame).encode(
        x=_names(alt.X, "feature_b_name", order, labelAngle=-40, labelLimit=400, labelOverlap=False),
        y=_names(alt.Y, "feature_a_name", order, labelLimit=400, labelOverlap=False),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "phik:Q",
            title="phik",
            scale=alt.Scale(scheme="blues", domain=[0, 1]),
            legend=alt.Legend(orient="right", gradientLength=300),
        ),
        tooltip=_tooltip(
            feature_a_name="Признак 1", feature_b_name="Признак 2", phik_text="phik", flag_name="Отметка"
        ),
    )
    text = base.mark_text(fontSize=10).encode(text="phik_text:N", color=_white_text_when("datum.phik > 0.6"))
    return _finish(cells + text, _height(len(order), 34, 170))


@_reads("feature_name psi psi_flag psi_flag_name psi_moderate_from psi_significant_from")
def drift(drift: pd.DataFrame) -> alt.TopLevelMixin:
    """report_feature_drift in drift order: PSI per feature with the lines where the flags start (the mart's
    thresholds, the same on every row)."""
    data = _wrapped(drift[drift["psi"].notna()], "feature_name", 28)
    data = data.assign(psi_text=[labels.SCORE.screen(value) for value in data["psi"]])
    bars = _bars(
        data,
        "feature_name",
        x=alt.X("psi:Q", title="PSI: сдвиг от данных обучения модели"),
        color=_named_colors(data, "psi_flag", "psi_flag_name", PSI_COLORS, orient="bottom"),
        tooltip=_tooltip(feature_name="Признак", psi_text="PSI", psi_flag_name="Сдвиг"),
    )
    lines = pd.DataFrame(
        {"x": drift[["psi_moderate_from", "psi_significant_from"]].head(1).to_numpy().ravel()}
    )
    rules = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#666666").encode(x="x:Q")
    return _finish(bars + rules, _height(len(data), 34, 110))
