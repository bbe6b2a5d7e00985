"""Analytics for the online store «В один клик»: sample data, features, model, explanations and offers."""

__version__ = "0.1.0"
