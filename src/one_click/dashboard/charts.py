"""Altair charts over the published reporting marts, as the pages give them (filtered and sorted).

A chart only encodes columns of one mart's rows: no aggregation, binning, joining or reshaping in Vega-Lite
either. Colours are keyed on the marts' codes, words come from their `*_name` columns, and text on a chart
(cell labels, tooltips) is formatted in Python with `labels`, so it reads as the rest of the page does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import altair as alt
import pandas as pd

from one_click.dashboard import labels

RED, BLUE, GREY, GREEN, YELLOW = "#cc4125", "#3d85c6", "#999999", "#6aa84f", "#f1c232"
RISK_COLORS = {"low": GREEN, "medium": YELLOW, "high": RED}
OUTCOME_COLORS = {"declined": RED, "kept": BLUE, "unknown": GREY, "all": "#6d6d6d"}
EFFECT_COLORS = {"raises_risk": RED, "lowers_risk": BLUE}
PSI_COLORS = {"stable": GREEN, "moderate": YELLOW, "significant": RED}
# Red where more of the factor means more risk, blue where more means less, grey where it depends.
DIRECTION_COLORS = {"higher_increases_risk": RED, "higher_decreases_risk": BLUE}
# d3-format locale for axes: decimal comma and non-breaking-space thousands, as in the rest of the page.
RU_LOCALE = {"decimal": ",", "thousands": labels.NBSP, "grouping": [3], "currency": ["", f"{labels.NBSP}₽"]}
DARK_TEXT = "#262730"
SHARE_AXIS = alt.Axis(format=".0%")
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
    """A nominal x or y axis listing the names of `field` in the order given (untitled unless `title`)."""
    return channel(f"{field}:N", title=title, sort=list(order), axis=alt.Axis(**axis))


def _rows(field: str, order: Sequence[str], label_limit: int) -> alt.Y:
    """The y axis of a bar chart: one row per name, in the order given."""
    return _names(alt.Y, field, order, labelLimit=label_limit)


def _bars(frame: pd.DataFrame, label: str, label_limit: int, **encoding: object) -> alt.Chart:
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
    points = base.mark_circle(color=BLUE, opacity=0.9).encode(
        size=alt.Size("customers:Q", legend=None, scale=alt.Scale(range=[30, 400])),
        tooltip=_tooltip(predicted_text="Предсказано", observed_text="На деле", customers_text="Покупателей"),
    )
    return _finish(diagonal + base.mark_line(color=BLUE) + points, 380)


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
    segments: pd.DataFrame, risk_order: Sequence[str], value_order: Sequence[str]
) -> alt.TopLevelMixin:
    """Risk (columns, `risk_order` low to high) × value (rows, `value_order` high to low) cells coloured by
    expected loss, each with its size and loss."""
    frame = segments.assign(
        size_text=[f"{labels.fmt_int(count)} покуп." for count in segments["customers"]],
        loss_text=[
            f"потери {labels.fmt_number(loss)} ({labels.fmt_share(share)})"
            for loss, share in zip(
                segments["total_expected_loss"], segments["share_of_expected_loss"], strict=True
            )
        ],
        name_text=[
            f"{name} · целевой" if target else name
            for name, target in zip(segments["segment_name"], segments["is_target_segment"], strict=True)
        ],
    )
    base = alt.Chart(frame).encode(
        x=_names(
            alt.X,
            "risk_band_name",
            risk_order,
            "Риск снижения активности →",
            labelAngle=0,
            orient="top",
            labelFontSize=13,
        ),
        y=_names(alt.Y, "value_band_name", value_order, "Ценность покупателя (прибыль) →", labelFontSize=13),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color(
            "total_expected_loss:Q",
            title="Потери в месяц",
            scale=alt.Scale(scheme="orangered", domainMin=0),
            legend=alt.Legend(orient="right", gradientLength=240),
        ),
        tooltip=_tooltip(segment_name="Сегмент", size_text="Размер", loss_text="Ожидаемые потери"),
    )
    # The target segment is outlined, so it stands out whatever its colour.
    outline = base.mark_rect(fillOpacity=0, stroke=DARK_TEXT, strokeWidth=4).transform_filter(
        "datum.is_target_segment"
    )
    # A cell holding a quarter of all losses or more is drawn dark enough to need white text.
    color = _white_text_when("datum.share_of_expected_loss >= 0.25")
    name = base.mark_text(dy=-18, fontSize=12).encode(text="name_text:N", color=color)
    size = base.mark_text(dy=2, fontSize=16, fontWeight="bold").encode(text="size_text:N", color=color)
    loss = base.mark_text(dy=22, fontSize=12).encode(text="loss_text:N", color=color)
    return _finish(cells + outline + name + size + loss, 380)


@_reads("measure_name is_share target_segment_value other_customers_value relative_difference")
def target_profile(profile: pd.DataFrame) -> alt.TopLevelMixin:
    """How far the target segment's value is from everyone else's, in % of the others' (report order)."""
    frame = profile[profile["relative_difference"].notna()]
    frame = frame.assign(
        text=[labels.fmt_signed(value * 100, 0) + " %" for value in frame["relative_difference"]],
        target_text=list(map(labels.fmt_measure, frame["target_segment_value"], frame["is_share"])),
        others_text=list(map(labels.fmt_measure, frame["other_customers_value"], frame["is_share"])),
    )
    bars = _bars(
        frame,
        "measure_name",
        320,
        x=alt.X(
            "relative_difference:Q",
            title="Отличие целевого сегмента от остальных",
            axis=alt.Axis(format="+.0%"),
        ),
        color=alt.condition("datum.relative_difference > 0", alt.value(RED), alt.value(BLUE)),
        tooltip=_tooltip(
            measure_name="Показатель", target_text="Целевой сегмент", others_text="Остальные", text="Отличие"
        ),
    )
    return _finish(bars + _zero(), _height(len(frame), 30, 70))


@_reads("feature_name feature_value contribution effect effect_name")
def reasons(reasons: pd.DataFrame) -> alt.TopLevelMixin:
    """One customer's top reasons (report_customer_reasons in rank order): each factor's push on the risk,
    with the customer's own value."""
    frame = reasons.assign(
        bar_label=[
            f"{name}: {labels.fmt_value(value)}"
            for name, value in zip(reasons["feature_name"], reasons["feature_value"], strict=True)
        ],
        text=reasons["contribution"].map(labels.fmt_signed),
    )
    bars = _bars(
        frame,
        "bar_label",
        360,
        x=alt.X("contribution:Q", title="Вклад в оценку риска"),
        color=_named_colors(frame, "effect", "effect_name", EFFECT_COLORS, orient="bottom"),
        tooltip=_tooltip(bar_label="Фактор", text="Вклад"),
    )
    return _finish(bars + _zero(), _height(len(frame), 44, 120))


@_reads("feature_name mean_abs_contribution direction direction_name")
def importance(importance: pd.DataFrame) -> alt.TopLevelMixin:
    """report_feature_importance in rank order, coloured by the direction of each factor's effect."""
    frame = importance.assign(
        text=[labels.fmt_number(value, 3) for value in importance["mean_abs_contribution"]]
    )
    base = alt.Chart(frame).encode(
        y=_rows("feature_name", frame["feature_name"], 360),
        x=alt.X("mean_abs_contribution:Q", title="Средний вклад в оценку риска (по модулю)"),
    )
    bars = base.mark_bar().encode(
        color=_named_colors(
            frame, "direction", "direction_name", DIRECTION_COLORS, orient="bottom", labelLimit=400, columns=2
        ),
        tooltip=_tooltip(feature_name="Фактор", text="Средний вклад", direction_name="Направление"),
    )
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="text:N")
    return _finish(bars + text, _height(len(frame), 28, 150))


@_reads("segment_name feature_name segment_mean overall_mean relative_difference")
def driver_heatmap(
    means: pd.DataFrame, segment_order: Sequence[str], feature_order: Sequence[str]
) -> alt.TopLevelMixin:
    """Segments (rows) × drivers (columns) of report_segment_driver_means: how far the segment's mean is
    from everyone's, in %."""
    frame = means.assign(
        mean_text=means["segment_mean"].map(labels.fmt_number),
        overall_text=means["overall_mean"].map(labels.fmt_number),
        difference_text=[
            labels.MISSING if pd.isna(value) else labels.fmt_signed(value * 100, 0) + " %"
            for value in means["relative_difference"]
        ],
    )
    base = alt.Chart(frame).encode(
        x=_names(
            alt.X,
            "feature_name",
            feature_order,
            labelAngle=-35,
            labelLimit=220,
            orient="top",
            labelOverlap=False,
        ),
        y=_rows("segment_name", segment_order, 280),
    )
    cells = base.mark_rect(stroke="white").encode(
        # Colour saturates at ±50 % (clamp): one extreme cell would otherwise wash out every other one.
        color=alt.Color(
            "relative_difference:Q",
            title="Отличие от среднего по всем",
            scale=alt.Scale(scheme="redblue", domain=[-0.5, 0.5], reverse=True, clamp=True),
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
    return _finish(cells + text, _height(len(segment_order), 40, 200))


@_reads("segment_name segment_mean overall_mean")
def driver_by_segment(means: pd.DataFrame) -> alt.TopLevelMixin:
    """One numeric driver: its mean per segment (rows in segment order), against the mean over everyone."""
    frame = means.assign(
        mean_text=means["segment_mean"].map(labels.fmt_number),
        overall_text=[f"среднее по всем: {labels.fmt_number(value)}" for value in means["overall_mean"]],
    )
    base = alt.Chart(frame).encode(
        y=_rows("segment_name", frame["segment_name"], 280),
        x=alt.X("segment_mean:Q", title="Среднее значение в сегменте"),
    )
    bars = base.mark_bar(color=BLUE).encode(tooltip=_tooltip(segment_name="Сегмент", mean_text="Среднее"))
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="mean_text:N")
    # Every row carries the same overall mean: one dashed line over the bars.
    rule = (
        alt.Chart(frame)
        .mark_rule(color=RED, strokeDash=[4, 4], size=2)
        .encode(x="overall_mean:Q", tooltip=alt.Tooltip("overall_text:N", title=""))
    )
    return _finish(bars + text + rule, _height(len(frame), 36, 60))


@_reads("segment_name category share_of_segment")
def category_shares(shares: pd.DataFrame, segment_order: Sequence[str]) -> alt.TopLevelMixin:
    """report_segment_category_shares of one feature: each segment's customers by category."""
    frame = shares.assign(share_text=shares["share_of_segment"].map(labels.fmt_share))
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=_rows("segment_name", segment_order, 280),
            x=alt.X("share_of_segment:Q", title="Доля покупателей сегмента", axis=SHARE_AXIS),
            color=alt.Color("category:N", title=None, legend=alt.Legend(orient="bottom", columns=3)),
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
    frame = profile.assign(share_text=profile["share"].map(labels.fmt_share))
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("category_name:N", title=None, axis=alt.Axis(labelLimit=280)),
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
    frame = correlations.assign(phik_text=correlations["phik"].map(labels.fmt_number))
    base = alt.Chart(frame).encode(
        x=_names(alt.X, "feature_b_name", order, labelAngle=-40, labelLimit=220, labelOverlap=False),
        y=_names(alt.Y, "feature_a_name", order, labelLimit=260, labelOverlap=False),
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
    data = drift[drift["psi"].notna()]
    data = data.assign(psi_text=[labels.fmt_number(value, 3) for value in data["psi"]])
    bars = _bars(
        data,
        "feature_name",
        320,
        x=alt.X("psi:Q", title="PSI: насколько распределение сдвинулось от данных обучения модели"),
        color=_named_colors(data, "psi_flag", "psi_flag_name", PSI_COLORS, orient="bottom"),
        tooltip=_tooltip(feature_name="Признак", psi_text="PSI", psi_flag_name="Сдвиг"),
    )
    lines = pd.DataFrame(
        {"x": drift[["psi_moderate_from", "psi_significant_from"]].head(1).to_numpy().ravel()}
    )
    rules = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#666666").encode(x="x:Q")
    return _finish(bars + rules, _height(len(data), 28, 110))
