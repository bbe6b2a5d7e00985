"""The next export period of a simulated store, drawn from the last published snapshot.

The simulator closes the loop the project cannot close on the sample alone: it takes the customers scored in
the last published build, draws whether each one's activity declined by the next export from a probability it
knows (the published calibrated probability, lowered by a declared true effect of the offer the customer was
sent), and writes the next period's four exports in the store's format beside a `truth.json` the project never
reads. A build of that period must then find the effects and the model quality the truth says.

    python -m one_click.simulate --published published/current --out DIR
"""

from one_click.simulate.next_period import NextPeriod, simulate_next_period
from one_click.simulate.snapshot import LastPeriod, read_last_period
from one_click.simulate.truth import DEFAULT_OFFER_EFFECTS, Truth

__all__ = [
    "DEFAULT_OFFER_EFFECTS",
    "LastPeriod",
    "NextPeriod",
    "Truth",
    "read_last_period",
    "simulate_next_period",
]
