"""vonnis: corpus search and annotation for Dutch human-trafficking case law."""

__version__ = "0.1.0"
