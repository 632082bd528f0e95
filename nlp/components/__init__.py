"""The registered pipeline components (importing this package registers the factories)."""

from nlp.components import (  # noqa: F401
    articles,
    co_offences,
    compensation,
    defendant,
    demand,
    exploitation,
    outcome,
    punishments,
    quality,
    sections,
    victims,
)
