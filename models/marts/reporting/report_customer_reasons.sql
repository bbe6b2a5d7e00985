{#- Each explained customer's strongest reasons (customer_top_reasons) with the names people read, the
    sentence staff can repeat on a call (seed reason_sentences), and the one scale every customer's reasons
    chart is drawn on. -#}
select
    reasons.customer_id,
    reasons.reason_rank,
    reasons.feature,
    reasons.feature_label as feature_name,
    reasons.contribution,
    max(abs(reasons.contribution)) over () as contribution_scale,
    reasons.feature_value,
    reasons.effect,
    {{ display_name('contribution_effect', 'reasons.effect') }} as effect_name,
    reasons.reason_code,
    reasons.reason_text,
    sentences.sentence as reason_sentence,
    sentences.value_format,
    sentences.money_measure
from {{ ref('customer_top_reasons') }} as reasons
left join {{ ref('reason_sentences') }} as sentences
    on reasons.feature = sentences.feature and reasons.effect = sentences.effect
