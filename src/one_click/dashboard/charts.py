"""Altair charts for the dashboard, built from the frames in `metrics`.

Text on the charts (cell labels, tooltips) is formatted in Python with `labels`, so it reads the same as
the rest of the page; axes use a Russian number locale set in each chart's Vega-Lite config.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from one_click.dashboard import labels
from one_click.profiling.drift import PSI_MODERATE, PSI_SIGNIFICANT

RISK_COLORS = {"низкий": "#6aa84f", "средний": "#f1c232", "высокий": "#cc4125"}
RAISES, LOWERS = "#cc4125", "#3d85c6"
OUTCOME_COLORS = {
    labels.OUTCOMES["declined"]: "#cc4125",
    labels.OUTCOMES["kept"]: "#3d85c6",
    labels.OUTCOMES["unknown"]: "#999999",
    labels.OUTCOMES["all"]: "#6d6d6d",
}
# d3-format locale for axes: decimal comma and non-breaking-space thousands, as in the rest of the page.
RU_LOCALE = {"decimal": ",", "thousands": labels.NBSP, "grouping": [3], "currency": ["", f"{labels.NBSP}₽"]}


def _ru(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    # Vega-Lite's config.locale, not vega-embed's formatLocale: Streamlit drops most embed options.
    return chart.configure(locale={"number": RU_LOCALE})


def _height(rows: int, per_row: int, chrome: int) -> int:
    """Total chart height: Streamlit fits axes and legends inside it, so they need room beyond the rows."""
    return rows * per_row + chrome


def _scale(mapping: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(mapping), range=list(mapping.values()))


def _present(colors: dict[str, str], values: pd.Series) -> dict[str, str]:
    """Only the colours of values in the data, so the legend lists no group the chart does not show."""
    shown = set(values)
    return {name: color for name, color in colors.items() if name in shown}


def _outcome_color(frame: pd.DataFrame) -> alt.Color:
    """Declined / kept / unknown in their fixed colours, legend below the chart."""
    return alt.Color(
        "outcome_label:N",
        title=None,
        scale=_scale(_present(OUTCOME_COLORS, frame["outcome_label"])),
        legend=alt.Legend(orient="bottom"),
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
        .mark_line(strokeDash=[5, 5], color="#999999")
        .encode(x="mean_predicted:Q", y="observed_rate:Q")
    )
    tooltip = [
        alt.Tooltip("predicted_text:N", title="Предсказано"),
        alt.Tooltip("observed_text:N", title="На деле"),
        alt.Tooltip("customers_text:N", title="Покупателей"),
    ]
    base = alt.Chart(frame).encode(x=axis_x, y=axis_y)
    line = base.mark_line(color="#3d85c6")
    # No size legend: under Streamlit's fit-to-width sizing a legend eats the plot's height.
    points = base.mark_circle(color="#3d85c6", opacity=0.9).encode(
        size=alt.Size("customers:Q", legend=None, scale=alt.Scale(range=[30, 400])), tooltip=tooltip
    )
    return _ru((diagonal + line + points).properties(height=380))


def risk_bands(frame: pd.DataFrame) -> alt.TopLevelMixin:
    frame = frame.assign(
        text=[
            f"{labels.fmt_int(count)} ({labels.fmt_share(share)})"
            for count, share in zip(frame["customers"], frame["share"], strict=True)
        ]
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("risk_label:N", title=None, sort=list(RISK_COLORS), axis=alt.Axis(labelFontSize=13)),
        x=alt.X("customers:Q", title="Покупателей", axis=alt.Axis(tickCount=5)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("risk_label:N", scale=_scale(RISK_COLORS), legend=None),
        tooltip=[alt.Tooltip("risk_label:N", title="Риск"), alt.Tooltip("text:N", title="Покупателей")],
    )
    text = base.mark_text(align="left", dx=4).encode(text="text:N")
    return _ru((bars + text).properties(height=150))


def segment_heatmap(grid: pd.DataFrame) -> alt.TopLevelMixin:
    """Risk (columns) × value (rows) cells coloured by expected loss, each with its size and loss."""
    top = float(grid["total_expected_loss"].max()) or 1.0
    frame = grid.assign(
        size_text=[f"{labels.fmt_int(count)} покуп." for count in grid["customers"]],
        loss_text=[
            f"потери {labels.fmt_number(loss)} ({labels.fmt_share(share)})"
            for loss, share in zip(grid["total_expected_loss"], grid["share_of_expected_loss"], strict=True)
        ],
        name_text=[
            f"{name} · целевой" if target else name
            for name, target in zip(grid["segment_name"], grid["is_target_segment"], strict=True)
        ],
        dark=grid["total_expected_loss"] > top * 0.55,
    )
    base = alt.Chart(frame).encode(
        x=alt.X(
            "risk_label:N",
            title="Риск снижения активности →",
            sort=list(labels.RISK_BANDS.values()),
            axis=alt.Axis(labelAngle=0, orient="top", labelFontSize=13),
        ),
        y=alt.Y(
            "value_label:N",
            title="Ценность покупателя (прибыль) →",
            sort=list(reversed(labels.VALUE_BANDS.values())),
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
    outline = base.mark_rect(fillOpacity=0, stroke="#262730", strokeWidth=4).transform_filter(
        "datum.is_target_segment"
    )
    text_color = alt.condition("datum.dark", alt.value("white"), alt.value("#262730"))
    name = base.mark_text(dy=-18, fontSize=12).encode(text="name_text:N", color=text_color)
    size = base.mark_text(dy=2, fontSize=16, fontWeight="bold").encode(text="size_text:N", color=text_color)
    loss = base.mark_text(dy=22, fontSize=12).encode(text="loss_text:N", color=text_color)
    return _ru((cells + outline + name + size + loss).properties(height=380))


def target_profile(profile: pd.DataFrame) -> alt.TopLevelMixin:
    """How far the target segment's mean is from everyone else's, in % of the others' mean."""
    frame = profile.dropna(subset=["relative_difference"])
    frame = frame.assign(
        text=[labels.fmt_signed(value * 100, 0) + " %" for value in frame["relative_difference"]],
        side=np.where(frame["relative_difference"] > 0, "выше", "ниже"),
        target_text=[labels.fmt_number(value) for value in frame["Целевой сегмент"]],
        others_text=[labels.fmt_number(value) for value in frame["Остальные покупатели"]],
    )
    order = frame.sort_values("relative_difference", ascending=False)["Показатель"].tolist()
    base = alt.Chart(frame).encode(
        y=alt.Y("Показатель:N", title=None, sort=order, axis=alt.Axis(labelLimit=320)),
        x=alt.X(
            "relative_difference:Q",
            title="Отличие целевого сегмента от остальных",
            axis=alt.Axis(format="+.0%"),
        ),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("side:N", scale=_scale({"выше": RAISES, "ниже": LOWERS}), legend=None),
        tooltip=[
            alt.Tooltip("Показатель:N"),
            alt.Tooltip("target_text:N", title="Целевой сегмент"),
            alt.Tooltip("others_text:N", title="Остальные"),
            alt.Tooltip("text:N", title="Отличие"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#666666").encode(x="x:Q")
    return _ru((bars + zero).properties(height=_height(len(frame), 30, 70)))


def reasons(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """One customer's top reasons: each factor's push on the risk, with the customer's own value."""
    frame = frame.assign(
        bar_label=[
            f"{name}: {value}" for name, value in zip(frame["label"], frame["value_text"], strict=True)
        ],
        text=[labels.fmt_signed(value) for value in frame["contribution"]],
    )
    order = frame["bar_label"].tolist()
    base = alt.Chart(frame).encode(
        y=alt.Y("bar_label:N", title=None, sort=order, axis=alt.Axis(labelLimit=360)),
        x=alt.X("contribution:Q", title="Вклад в оценку риска"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "effect:N",
            scale=_scale({"повышает риск": RAISES, "снижает риск": LOWERS}),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        tooltip=[alt.Tooltip("bar_label:N", title="Фактор"), alt.Tooltip("text:N", title="Вклад")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#666666").encode(x="x:Q")
    return _ru((bars + zero).properties(height=_height(len(frame), 44, 120)))


def importance(frame: pd.DataFrame) -> alt.TopLevelMixin:
    frame = frame.assign(text=[labels.fmt_number(value, 3) for value in frame["mean_abs_contribution"]])
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", title=None, sort=frame["label"].tolist(), axis=alt.Axis(labelLimit=360)),
        x=alt.X("mean_abs_contribution:Q", title="Средний вклад в оценку риска (по модулю)"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "direction_label:N",
            title=None,
            scale=_scale(_direction_colors(frame["direction_label"])),
            legend=alt.Legend(orient="bottom", labelLimit=400, columns=2),
        ),
        tooltip=[
            alt.Tooltip("label:N", title="Фактор"),
            alt.Tooltip("text:N", title="Средний вклад"),
            alt.Tooltip("direction_label:N", title="Направление"),
        ],
    )
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="text:N")
    return _ru((bars + text).properties(height=_height(len(frame), 28, 150)))


def _direction_colors(directions: pd.Series) -> dict[str, str]:
    """Red where more of the factor means more risk, blue where less does, grey where it depends."""
    palette = {
        "чем больше, тем выше риск": RAISES,
        "чем меньше, тем ниже риск": RAISES,
        "чем больше, тем ниже риск": LOWERS,
        "чем меньше, тем выше риск": LOWERS,
    }
    return {direction: palette.get(direction, "#999999") for direction in dict.fromkeys(directions)}


def driver_heatmap(means: pd.DataFrame) -> alt.TopLevelMixin:
    """Segments (rows) × drivers (columns): how far the segment's mean is from everyone's, in %."""
    frame = means.assign(
        mean_text=[labels.fmt_number(value) for value in means["mean"]],
        overall_text=[labels.fmt_number(value) for value in means["overall_mean"]],
        difference_text=[
            labels.MISSING if pd.isna(value) else labels.fmt_signed(value * 100, 0) + " %"
            for value in means["relative_difference"]
        ],
        # Colour saturates at ±50 %: one extreme cell would otherwise wash out every other difference.
        clipped=means["relative_difference"].clip(-0.5, 0.5),
    )
    base = alt.Chart(frame).encode(
        x=alt.X(
            "label:N",
            title=None,
            sort=list(dict.fromkeys(frame["label"])),
            axis=alt.Axis(labelAngle=-35, labelLimit=220, orient="top", labelOverlap=False),
        ),
        y=alt.Y(
            "segment_name:N",
            title=None,
            sort=list(dict.fromkeys(frame["segment_name"])),
            axis=alt.Axis(labelLimit=280),
        ),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "clipped:Q",
            title="Отличие от среднего по всем",
            scale=alt.Scale(scheme="redblue", domain=[-0.5, 0.5], reverse=True),
            legend=alt.Legend(format="+.0%", orient="bottom", gradientLength=300),
        ),
        tooltip=[
            alt.Tooltip("segment_name:N", title="Сегмент"),
            alt.Tooltip("label:N", title="Фактор"),
            alt.Tooltip("mean_text:N", title="Среднее в сегменте"),
            alt.Tooltip("overall_text:N", title="Среднее по всем"),
            alt.Tooltip("difference_text:N", title="Отличие"),
        ],
    )
    text_color = alt.condition("abs(datum.clipped) > 0.3", alt.value("white"), alt.value("#262730"))
    text = base.mark_text(fontSize=11).encode(text="mean_text:N", color=text_color)
    return _ru((cells + text).properties(height=_height(frame["segment_name"].nunique(), 40, 200)))


def driver_by_segment(means: pd.DataFrame) -> alt.TopLevelMixin:
    """One numeric driver: its mean per segment, against the mean over all customers."""
    frame = means.assign(mean_text=[labels.fmt_number(value) for value in means["mean"]])
    overall = float(frame["overall_mean"].iloc[0]) if len(frame) else 0.0
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "segment_name:N", title=None, sort=frame["segment_name"].tolist(), axis=alt.Axis(labelLimit=280)
        ),
        x=alt.X("mean:Q", title="Среднее значение в сегменте"),
    )
    bars = base.mark_bar(color="#3d85c6").encode(
        tooltip=[alt.Tooltip("segment_name:N", title="Сегмент"), alt.Tooltip("mean_text:N", title="Среднее")]
    )
    text = base.mark_text(align="left", dx=4, color="#555555").encode(text="mean_text:N")
    rule = (
        alt.Chart(pd.DataFrame({"x": [overall], "what": [f"среднее по всем: {labels.fmt_number(overall)}"]}))
        .mark_rule(color="#cc4125", strokeDash=[4, 4], size=2)
        .encode(x="x:Q", tooltip=alt.Tooltip("what:N", title=""))
    )
    return _ru((bars + text + rule).properties(height=_height(len(frame), 36, 60)))


def category_shares(shares: pd.DataFrame) -> alt.TopLevelMixin:
    frame = shares.assign(share_text=[labels.fmt_share(value) for value in shares["share"]])
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "segment_name:N",
                title=None,
                sort=list(dict.fromkeys(frame["segment_name"])),
                axis=alt.Axis(labelLimit=280),
            ),
            x=alt.X(
                "share:Q", title="Доля покупателей сегмента", stack="normalize", axis=alt.Axis(format=".0%")
            ),
            color=alt.Color("category:N", title=None, legend=alt.Legend(orient="bottom", columns=3)),
            tooltip=[
                alt.Tooltip("segment_name:N", title="Сегмент"),
                alt.Tooltip("category:N", title="Значение"),
                alt.Tooltip("share_text:N", title="Доля"),
            ],
        )
    )
    return _ru(chart.properties(height=_height(frame["segment_name"].nunique(), 36, 130)))


def histogram(frame: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """Overlaid per-outcome histograms on common bins, as shares so groups of any size compare."""
    frame = frame.assign(
        range_text=[
            f"{labels.fmt_number(low)} – {labels.fmt_number(high)}"
            for low, high in zip(frame["bin_lower"], frame["bin_upper"], strict=True)
        ],
        share_text=[labels.fmt_share(value) for value in frame["share"]],
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(opacity=0.55, binSpacing=0)
        .encode(
            x=alt.X("bin_lower:Q", title=title, bin="binned"),
            x2="bin_upper:Q",
            y=alt.Y("share:Q", title="Доля группы", stack=None, axis=alt.Axis(format=".0%")),
            color=_outcome_color(frame),
            tooltip=[
                alt.Tooltip("outcome_label:N", title="Группа"),
                alt.Tooltip("range_text:N", title="Значения"),
                alt.Tooltip("share_text:N", title="Доля группы"),
            ],
        )
    )
    return _ru(chart.properties(height=300))


def category_by_outcome(frame: pd.DataFrame) -> alt.TopLevelMixin:
    frame = frame.assign(share_text=[labels.fmt_share(value) for value in frame["share"]])
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("category:N", title=None, axis=alt.Axis(labelLimit=280)),
            yOffset="outcome_label:N",
            x=alt.X("share:Q", title="Доля группы", axis=alt.Axis(format=".0%")),
            color=_outcome_color(frame),
            tooltip=[
                alt.Tooltip("outcome_label:N", title="Группа"),
                alt.Tooltip("category:N", title="Значение"),
                alt.Tooltip("share_text:N", title="Доля"),
            ],
        )
    )
    return _ru(chart.properties(height=_height(frame["category"].nunique(), 60, 110)))


def correlation_heatmap(matrix: pd.DataFrame) -> alt.TopLevelMixin:
    order = list(dict.fromkeys(matrix["label_a"]))  # the order metrics.correlation_matrix put them in
    frame = matrix.assign(
        phik_text=[
            labels.MISSING if pd.isna(value) else labels.fmt_number(value) for value in matrix["phik"]
        ],
        dark=matrix["phik"].fillna(0) > 0.6,
    )
    base = alt.Chart(frame).encode(
        x=alt.X(
            "label_b:N",
            title=None,
            sort=order,
            axis=alt.Axis(labelAngle=-40, labelLimit=220, labelOverlap=False),
        ),
        y=alt.Y("label_a:N", title=None, sort=order, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "phik:Q",
            title="phik",
            scale=alt.Scale(scheme="blues", domain=[0, 1]),
            legend=alt.Legend(orient="right", gradientLength=300),
        ),
        tooltip=[
            alt.Tooltip("label_a:N", title="Признак 1"),
            alt.Tooltip("label_b:N", title="Признак 2"),
            alt.Tooltip("phik_text:N", title="phik"),
            alt.Tooltip("flag:N", title="Отметка"),
        ],
    )
    text = base.mark_text(fontSize=10).encode(
        text="phik_text:N", color=alt.condition("datum.dark", alt.value("white"), alt.value("#262730"))
    )
    return _ru((cells + text).properties(height=_height(len(order), 34, 170)))


def drift(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """PSI per feature with the 0.1 and 0.25 lines the flags are drawn at."""
    data = frame.dropna(subset=["PSI"]).assign(psi_text=lambda f: [labels.fmt_number(v, 3) for v in f["PSI"]])
    base = alt.Chart(data).encode(
        y=alt.Y("Признак:N", title=None, sort=data["Признак"].tolist(), axis=alt.Axis(labelLimit=320)),
        x=alt.X("PSI:Q", title="PSI: насколько распределение сдвинулось от данных обучения модели"),
    )
    flags = dict(zip(labels.PSI_FLAGS.values(), ("#6aa84f", "#f1c232", "#cc4125"), strict=True))
    bars = base.mark_bar().encode(
        color=alt.Color("Сдвиг:N", title=None, scale=_scale(flags), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("Признак:N"), alt.Tooltip("psi_text:N", title="PSI"), alt.Tooltip("Сдвиг:N")],
    )
    lines = pd.DataFrame({"x": [PSI_MODERATE, PSI_SIGNIFICANT]})
    rules = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#666666").encode(x="x:Q")
    return _ru((bars + rules).properties(height=_height(len(data), 28, 110)))
