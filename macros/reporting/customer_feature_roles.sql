{#- The roles of customer_features' columns, in the order one_click.features lists them (the Python side's
    declaration; tests/python/test_reporting_marts.py checks that the reporting marts cover exactly these).
    `boolean` features are also categorical for the model; the reports compare them by their share of true. -#}
{% macro customer_feature_roles() -%}
    {{ return({
        'label': 'is_activity_declined',
        'profit': 'monthly_profit',
        'share': ['promo_purchase_share'],
        'categorical': ['service_type', 'allows_messages', 'favourite_category'],
        'boolean': ['allows_messages'],
        'numeric': [
            'marketing_activity_6m',
            'marketing_activity_current_month',
            'days_since_registration',
            'promo_purchase_share',
            'categories_per_visit',
            'unpaid_items_quarter',
            'service_errors',
            'pages_per_visit',
            'revenue_month_before_previous',
            'revenue_previous_month',
            'revenue_current_month',
            'minutes_previous_month',
            'minutes_current_month',
        ],
    }) }}
{%- endmacro %}
