"""Exact Shapley values of feature groups by enumerating coalitions, for models without a dedicated explainer.

Used for kNN and SVC, whose pipelines read `DISTANCE_MODEL_K` (8) columns, so a customer costs
at most 2**8 model calls. The game is the "baseline Shapley" one: features in the coalition take the
customer's values, the others the reference customer's, v(S) = f(x_S, r_-S). It is exact (no sampling)
and efficient: contributions sum to f(x) - f(r).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import factorial

import numpy as np

MAX_PLAYERS = 12  # 4096 model calls per customer: beyond that the enumeration is the wrong tool


def coalition_weights(n_players: int) -> tuple[np.ndarray, np.ndarray]:
    """All coalitions as a (2**M, M) bool matrix and the (2**M, M) matrix W with phi = v @ W.

    phi_i = sum over S containing i of w(|S| - 1) v(S) - sum over S without i of w(|S|) v(S),
    with w(s) = s! (M - s - 1)! / M!, written as one matrix product.
    """
    codes = np.arange(2**n_players)
    members = ((codes[:, None] >> np.arange(n_players)) & 1).astype(bool)
    size = members.sum(axis=1)
    weight = np.array(
        [factorial(s) * factorial(n_players - s - 1) / factorial(n_players) for s in range(n_players)] + [0.0]
    )
    with_player = weight[np.maximum(size - 1, 0)]
    without_player = weight[np.minimum(size, n_players)]
    return members, np.where(members, with_player[:, None], -without_player[:, None])


def group_shapley(
    f: Callable[[np.ndarray], np.ndarray],
    Z: np.ndarray,
    reference: np.ndarray,
    groups: Sequence[np.ndarray],
    *,
    max_rows_per_call: int = 200_000,
) -> np.ndarray:
    """Shapley values (n_rows, n_groups) of `f` at each row of `Z` against the single row `reference`.

    `groups` lists, per player, the column indices that move together (a feature's one-hot columns);
    columns in no group keep the row's own value, which is only correct if `f` ignores them.
    """
    n_players = len(groups)
    if n_players > MAX_PLAYERS:
        raise ValueError(
            f"{n_players} players need {2**n_players} model calls per row; at most {MAX_PLAYERS}"
        )
    members, weights = coalition_weights(n_players)
    take_row = np.zeros((len(members), Z.shape[1]), dtype=bool)
    for player, columns in enumerate(groups):
        take_row[:, columns] = members[:, [player]]
    in_no_group = np.ones(Z.shape[1], dtype=bool)
    for columns in groups:
        in_no_group[columns] = False
    take_row[:, in_no_group] = True

    phi = np.empty((len(Z), n_players))
    rows_per_chunk = max(1, max_rows_per_call // len(members))
    for start in range(0, len(Z), rows_per_chunk):
        chunk = Z[start : start + rows_per_chunk]
        hybrids = np.where(take_row[None, :, :], chunk[:, None, :], reference[None, None, :])
        values = f(hybrids.reshape(-1, Z.shape[1])).reshape(len(chunk), len(members))
        phi[start : start + len(chunk)] = values @ weights
    return phi
