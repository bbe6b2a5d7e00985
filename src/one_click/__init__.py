"""Analytics for the online store «В один клик»: sample data, features, model, explanations and offers."""

import os

# OpenMP threads that spin while they wait collapse on a shared two-core machine: next to other test runs
# (load 3), a gradient-boosting fit on 400k rows took 37-69 s with two spinning threads, 6 s with two passive
# ones, 5.5 s with one. Passive waiting costs a little on an idle machine (800k rows: 9.5 s against 7.5 s)
# and bounds the worst case. libgomp reads the policy once, when scikit-learn loads it, so it is set here,
# before any module of the package imports scikit-learn; a setting in the environment wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__version__ = "0.1.0"
