"""Altair charts over the published reporting marts, as the marts give them.

A chart encodes columns of one mart's rows (already filtered and sorted by the page): no aggregation,
binning, joining or reshaping in Vega-Lite either. Colours are keyed on the marts' codes, the words shown
come from their `*_name` columns, and text on the charts (cell labels, tooltips) is formatted in Python with
`labels`, so it reads the same as the rest of the page; axes use a Russian number locale set in each chart's
Vega-Lite config.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from one_click.dashboard import labels
from one_click.profiling.drift import PSI_MODERATE, PSI_SIGNIFICANT

RED, BLUE, GREY = "#cc4125", "#3d85c6", "#999999"
RISK_COLORS = {"low": "#6aa84f", "medium": "#f1c232", "high": RED}
OUTCOME_COLORS = {"declined": RED, "kept": BLUE, "unknown": GREY, "all": "#6d6d6d"}
EFFECT_COLORS = {"raises_risk": RED, "lowers_risk": BLUE}
PSI_COLORS = {"stable": "#6aa84f", "moderate": "#f1c232", "significant": RED}
# Red where more of the factor means more risk, blue where more means less, grey where it depends.
DIRECTION_COLORS = {"higher_increases_risk": RED, "higher_decreases_risk": BLUE}
# d3-format locale for axes: decimal comma and non-breaking-space thousands, as in the rest of the page.
RU_LOCALE = {"decimal": ",", "thousands": labels.NBSP, "grouping": [3], "currency": ["", f"{labels.NBSP}₽"]}
DARK_TEXT = "#262730"


def _ru(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    # Vega-Lite's config.locale, not vega-embed's formatLocale: Streamlit drops most embed options.
    return chart.configure(locale={"number": RU_LOCALE})


def _height(rows: int, per_row: int, chrome: int) -> int:
    """Total chart height: Streamlit fits axes and legends inside it, so they need room beyond the rows."""
    return rows * per_row + chrome


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


def calibration(reliability: pd.DataFrame) -> alt.TopLevelMixin:
    """Predicted against observed decline rate per probability bin; on the diagonal, they are honest."""
    frame = reliability.assign(
        predicted_text=[labels.fmt_share(value) for value in reliability["mean_predicted"]],
        observed_text=[labels.fmt_share(value) for value in reliability["observed_rate"]],
        customers_text=[labels.fmt_int(value) for value in reliability["customers"]],
    )
    axis_x = alt.X(
        "mean_predicted:Q",
        title="Предсказанная вероятность",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format=".0%"),
    )
    axis_y = alt.Y(
        "observed_rate:Q",
        title="Доля снизивших активность на деле",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format=".0%"),
    )
    diagonal = (
        alt.Chart(pd.DataFrame({"mean_predicted": [0.0, 1.0], "observed_rate": [0.0, 1.0]}))
        .mark_line(strokeDash=[5, 5], color=GREY)
        .encode(x="mean_predicted:Q", y="observed_rate:Q")
    )
    tooltip = [
        alt.Tooltip("predicted_text:N", title="Предсказано"),
        alt.Tooltip("observed_text:N", title="На деле"),
        alt.Tooltip("customers_text:N", title="Покупателей"),
    ]
    base = alt.Chart(frame).encode(x=axis_x, y=axis_y)
    line = base.mark_line(color=BLUE)
    # No size legend: under Streamlit's fit-to-width sizing a legend eats the plot's height.
    points = base.mark_circle(color=BLUE, opacity=0.9).encode(
        size=alt.Size("customers:Q", legend=None, scale=alt.Scale(range=[30, 400])), tooltip=tooltip
    )
    return _ru((diagonal + line + points).properties(height=380))


def risk_bands(bands: pd.DataFrame) -> alt.TopLevelMixin:
    """report_risk_bands in band order: customers per band, with their share."""
    frame = bands.assign(
        text=[
            f"{labels.fmt_int(count)} ({labels.fmt_share(share)})"
            for count, share in zip(bands["customers"], bands["share_of_customers"], strict=True)
        ]
    )
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "risk_band_name:N",
            title=None,
            sort=frame["risk_band_name"].tolist(),
            axis=alt.Axis(labelFontSize=13),
        ),
        x=alt.X("customers:Q", title="Покупателей", axis=alt.Axis(tickCount=5)),
    )
    bars = base.mark_bar().encode(
        color=_named_colors(frame, "risk_band", "risk_band_name", RISK_COLORS),
        tooltip=[alt.Tooltip("risk_band_name:N", title="Риск"), alt.Tooltip("text:N", title="Покупателей")],
    )
    text = base.mark_text(align="left", dx=4).encode(text="text:N")
    return _ru((bars + text).properties(height=150))


def segment_heatmap(
    segments: pd.DataFrame, risk_order: Sequence[str], value_order: Sequence[str]
) -> alt.TopLevelMixin:
    """Risk (columns) × value (rows) cells coloured by expected loss, each with its size and loss.

    `risk_order` lists the risk band names from low to high, `value_order` the value band names from high
    to low.
    """
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
        x=alt.X(
            "risk_band_name:N",
            title="Риск снижения активности →",
            sort=list(risk_order),
            axis=alt.Axis(labelAngle=0, orient="top", labelFontSize=13),
        ),
        y=alt.Y(
            "value_band_name:N",
            title="Ценность покупателя (прибыль) →",
            sort=list(value_order),
            axis=alt.Axis(labelFontSize=13),
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color(
            "total_expected_loss:Q",
            title="Потери в месяц",
            scale=alt.Scale(scheme="orangered", domainMin=0),
            legend=alt.Legend(orient="right", gradientLength=240),
        ),
        tooltip=[
            alt.Tooltip("segment_name:N", title="Сегмент"),
            alt.Tooltip("size_text:N", title="Размер"),
            alt.Tooltip("loss_text:N", title="Ожидаемые потери"),
        ],
    )
    # The target segment is outlined, so it stands out whatever its colour.
    outline = base.mark_rect(fillOpacity=0, stroke=DARK_TEXT, strokeWidth=4).transform_filter(
        "datum.is_target_segment"
    )
    # A cell holding a quarter of all losses or more is drawn dark enough to need white text.
    text_color = alt.condition(
        "datum.share_of_expected_loss >= 0.25", alt.value("white"), alt.value(DARK_TEXT)
    )
    name = base.mark_text(dy=-18, fontSize=12).encode(text="name_text:N", color=text_color)
    size = base.mark_text(dy=2, fontSize=16, fontWeight="bold").encode(text="size_text:N", color=text_color)
    loss = base.mark_text(dy=22, fontSize=12).encode(text="loss_text:N", color=text_color)
    return _ru((cells + outline + name + size + loss).properties(height=380))


def target_profile(profile: pd.DataFrame) -> alt.TopLevelMixin:
    """How far the target segment's value is from everyone else's, in % of the others' (report order)."""
    frame = profile[profile["relative_difference"].notna()]
    frame = frame.assign(
        text=[labels.fmt_signed(value * 100, 0) + " %" for value in frame["relative_difference"]],
        target_text=[
            labels.fmt_measure(value, share)
            for value, share in zip(frame["target_segment_value"], frame["is_share"], strict=True)
        ],
        others_text=[
            labels.fmt_measure(value, share)
            for value, share in zip(frame["other_customers_value"], frame["is_share"], strict=True)
        ],
    )
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "measure_name:N",
            title=None,
            sort=frame["measure_name"].tolist(),
            axis=alt.Axis(labelLimit=320),
        ),
        x=alt.X(
            "relative_difference:Q",
            title="Отличие целевого сегмента от остальных",
            axis=alt.Axis(format="+.0%"),
        ),
    )
    bars = base.mark_bar().encode(
        color=alt.condition("datum.relative_difference > 0", alt.value(RED), alt.value(BLUE)),
        tooltip=[
            alt.Tooltip("measure_name:N", title="Показатель"),
            alt.Tooltip("target_text:N", title="Целевой сегмент"),
            alt.Tooltip("others_text:N", title="Остальные"),
            alt.Tooltip("text:N", title="Отличие"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#666666").encode(x="x:Q")
    return _ru((bars + zero).properties(height=_height(len(frame), 30, 70)))


def reasons(reasons: pd.DataFrame) -> alt.TopLevelMixin:
    """One customer's top reasons (report_customer_reasons in rank order): each factor's push on the risk,
    with the customer's own value."""
    frame = reasons.assign(
        bar_label=[
            f"{name}: {labels.fmt_value(value)}"
            for name, value in zip(reasons["feature_name"], reasons["feature_value"], strict=True)
        ],
        text=[labels.fmt_signed(value) for value in reasons["contribution"]],
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("bar_label:N", title=None, sort=frame["bar_label"].tolist(), axis=alt.Axis(labelLimit=360)),
        x=alt.X("contribution:Q", title="Вклад в оценку риска"),
    )
    bars = base.mark_bar().encode(
        color=_named_colors(frame, "effect", "effect_name", EFFECT_COLORS, orient="bottom"),
        tooltip=[alt.Tooltip("bar_label:N", title="Фактор"), alt.Tooltip("text:N", title="Вклад")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#666666").encode(x="x:Q")
    return _ru((bars + zero).properties(height=_height(len(frame), 44, 120)))


def importance(importance: pd.DataFrame) -> alt.TopLevelMixin:
    """report_feature_importance in rank order, coloured by the direction of each factor's effect."""
    frame = importance.assign(
        text=[labels.fmt_number(value, 3) for value in importance["mean_abs_contribution"]]
    )
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "feature_name:N", title=None, sort=frame["feature_name"].tolist(), axis=alt.Axis(labelLimit=360)
        ),
        x=alt.X("mean_abs_contribution:Q", title="Средний вклад в оценку риска (по модулю)"),
    )
    bars = base.mark_bar().encode(
        color=_named_colors(
            frame, "direction", "direction_name", DIRECTION_COLORS, orient="bottom", labelLimit=400, columns=2
        ),
        tooltip=[
            alt.Tooltip("feature_name:N", title="Фактор"),
            alt.Tooltip("text:N", title="Средний вклад"),
            alt.Tooltip("direction_name:N", title="Направление"),
        ],
    )
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="text:N")
    return _ru((bars + text).properties(height=_height(len(frame), 28, 150)))


def driver_heatmap(
    means: pd.DataFrame, segment_order: Sequence[str], feature_order: Sequence[str]
) -> alt.TopLevelMixin:
    """Segments (rows) × drivers (columns) of report_segment_driver_means: how far the segment's mean is
    from everyone's, in %."""
    frame = means.assign(
        mean_text=[labels.fmt_number(value) for value in means["segment_mean"]],
        overall_text=[labels.fmt_number(value) for value in means["overall_mean"]],
        difference_text=[
            labels.MISSING if pd.isna(value) else labels.fmt_signed(value * 100, 0) + " %"
            for value in means["relative_difference"]
        ],
    )
    base = alt.Chart(frame).encode(
        x=alt.X(
            "feature_name:N",
            title=None,
            sort=list(feature_order),
            axis=alt.Axis(labelAngle=-35, labelLimit=220, orient="top", labelOverlap=False),
        ),
        y=alt.Y("segment_name:N", title=None, sort=list(segment_order), axis=alt.Axis(labelLimit=280)),
    )
    cells = base.mark_rect(stroke="white").encode(
        # Colour saturates at ±50 % (clamp): one extreme cell would otherwise wash out every other one.
        color=alt.Color(
            "relative_difference:Q",
            title="Отличие от среднего по всем",
            scale=alt.Scale(scheme="redblue", domain=[-0.5, 0.5], reverse=True, clamp=True),
            legend=alt.Legend(format="+.0%", orient="bottom", gradientLength=300),
        ),
        tooltip=[
            alt.Tooltip("segment_name:N", title="Сегмент"),
            alt.Tooltip("feature_name:N", title="Фактор"),
            alt.Tooltip("mean_text:N", title="Среднее в сегменте"),
            alt.Tooltip("overall_text:N", title="Среднее по всем"),
            alt.Tooltip("difference_text:N", title="Отличие"),
        ],
    )
    text_color = alt.condition(
        "abs(datum.relative_difference) > 0.3", alt.value("white"), alt.value(DARK_TEXT)
    )
    text = base.mark_text(fontSize=11).encode(text="mean_text:N", color=text_color)
    return _ru((cells + text).properties(height=_height(len(segment_order), 40, 200)))


def driver_by_segment(means: pd.DataFrame) -> alt.TopLevelMixin:
    """One numeric driver: its mean per segment (rows in segment order), against the mean over everyone."""
    frame = means.assign(
        mean_text=[labels.fmt_number(value) for value in means["segment_mean"]],
        overall_text=[f"среднее по всем: {labels.fmt_number(value)}" for value in means["overall_mean"]],
    )
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "segment_name:N", title=None, sort=frame["segment_name"].tolist(), axis=alt.Axis(labelLimit=280)
        ),
        x=alt.X("segment_mean:Q", title="Среднее значение в сегменте"),
    )
    bars = base.mark_bar(color=BLUE).encode(
        tooltip=[alt.Tooltip("segment_name:N", title="Сегмент"), alt.Tooltip("mean_text:N", title="Среднее")]
    )
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="mean_text:N")
    # Every row carries the same overall mean: one dashed line over the bars.
    rule = (
        alt.Chart(frame)
        .mark_rule(color=RED, strokeDash=[4, 4], size=2)
        .encode(x="overall_mean:Q", tooltip=alt.Tooltip("overall_text:N", title=""))
    )
    return _ru((bars + text + rule).properties(height=_height(len(frame), 36, 60)))


def category_shares(shares: pd.DataFrame, segment_order: Sequence[str]) -> alt.TopLevelMixin:
    """report_segment_category_shares of one feature: each segment's customers by category."""
    frame = shares.assign(share_text=[labels.fmt_share(value) for value in shares["share_of_segment"]])
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("segment_name:N", title=None, sort=list(segment_order), axis=alt.Axis(labelLimit=280)),
            x=alt.X("share_of_segment:Q", title="Доля покупателей сегмента", axis=alt.Axis(format=".0%")),
            color=alt.Color("category:N", title=None, legend=alt.Legend(orient="bottom", columns=3)),
            tooltip=[
                alt.Tooltip("segment_name:N", title="Сегмент"),
                alt.Tooltip("category:N", title="Значение"),
                alt.Tooltip("share_text:N", title="Доля"),
            ],
        )
    )
    return _ru(chart.properties(height=_height(len(segment_order), 36, 130)))


def distribution(bins: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """report_feature_histogram of one feature: per-outcome shares on the mart's common bins."""
    frame = bins.assign(
        range_text=[
            f"{labels.fmt_number(low)} – {labels.fmt_number(high)}"
            for low, high in zip(bins["bin_lower"], bins["bin_upper"], strict=True)
        ],
        share_text=[labels.fmt_share(value) for value in bins["share"]],
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(opacity=0.55, binSpacing=0)
        .encode(
            x=alt.X("bin_lower:Q", title=title, bin="binned"),
            x2="bin_upper:Q",
            y=alt.Y("share:Q", title="Доля группы", stack=None, axis=alt.Axis(format=".0%")),
            color=_named_colors(frame, "outcome", "outcome_name", OUTCOME_COLORS, orient="bottom"),
            tooltip=[
                alt.Tooltip("outcome_name:N", title="Группа"),
                alt.Tooltip("range_text:N", title="Значения"),
                alt.Tooltip("share_text:N", title="Доля группы"),
            ],
        )
    )
    return _ru(chart.properties(height=300))


def category_by_outcome(profile: pd.DataFrame) -> alt.TopLevelMixin:
    """report_feature_profile rows of one categorical feature: each category's share per outcome."""
    frame = profile.assign(share_text=[labels.fmt_share(value) for value in profile["share"]])
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("category_name:N", title=None, axis=alt.Axis(labelLimit=280)),
            yOffset="outcome_name:N",
            x=alt.X("share:Q", title="Доля группы", axis=alt.Axis(format=".0%")),
            color=_named_colors(frame, "outcome", "outcome_name", OUTCOME_COLORS, orient="bottom"),
            tooltip=[
                alt.Tooltip("outcome_name:N", title="Группа"),
                alt.Tooltip("category_name:N", title="Значение"),
                alt.Tooltip("share_text:N", title="Доля"),
            ],
        )
    )
    return _ru(chart.properties(height=_height(len(frame), 30, 110)))  # a bar per category and outcome


def correlation_heatmap(correlations: pd.DataFrame, order: Sequence[str]) -> alt.TopLevelMixin:
    """report_feature_correlations (both halves and the diagonal), features in `order`."""
    frame = correlations.assign(
        phik_text=[
            labels.MISSING if pd.isna(value) else labels.fmt_number(value) for value in correlations["phik"]
        ],
    )
    base = alt.Chart(frame).encode(
        x=alt.X(
            "feature_b_name:N",
            title=None,
            sort=list(order),
            axis=alt.Axis(labelAngle=-40, labelLimit=220, labelOverlap=False),
        ),
        y=alt.Y(
            "feature_a_name:N",
            title=None,
            sort=list(order),
            axis=alt.Axis(labelLimit=260, labelOverlap=False),
        ),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "phik:Q",
            title="phik",
            scale=alt.Scale(scheme="blues", domain=[0, 1]),
            legend=alt.Legend(orient="right", gradientLength=300),
        ),
        tooltip=[
            alt.Tooltip("feature_a_name:N", title="Признак 1"),
            alt.Tooltip("feature_b_name:N", title="Признак 2"),
            alt.Tooltip("phik_text:N", title="phik"),
            alt.Tooltip("flag_name:N", title="Отметка"),
        ],
    )
    text = base.mark_text(fontSize=10).encode(
        text="phik_text:N", color=alt.condition("datum.phik > 0.6", alt.value("white"), alt.value(DARK_TEXT))
    )
    return _ru((cells + text).properties(height=_height(len(order), 34, 170)))


def drift(drift: pd.DataFrame) -> alt.TopLevelMixin:
    """report_feature_drift in drift order: PSI per feature with the 0.1 and 0.25 lines of the flags."""
    data = drift[drift["psi"].notna()]
    data = data.assign(psi_text=[labels.fmt_number(value, 3) for value in data["psi"]])
    base = alt.Chart(data).encode(
        y=alt.Y(
            "feature_name:N", title=None, sort=data["feature_name"].tolist(), axis=alt.Axis(labelLimit=320)
        ),
        x=alt.X("psi:Q", title="PSI: насколько распределение сдвинулось от данных обучения модели"),
    )
    bars = base.mark_bar().encode(
        color=_named_colors(data, "psi_flag", "psi_flag_name", PSI_COLORS, orient="bottom"),
        tooltip=[
            alt.Tooltip("feature_name:N", title="Признак"),
            alt.Tooltip("psi_text:N", title="PSI"),
            alt.Tooltip("psi_flag_name:N", title="Сдвиг"),
        ],
    )
    lines = pd.DataFrame({"x": [PSI_MODERATE, PSI_SIGNIFICANT]})
    rules = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#666666").encode(x="x:Q")
    return _ru((bars + rules).properties(height=_height(len(data), 28, 110)))
