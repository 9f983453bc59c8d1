"""claims: track war claims, their sources, and the evidence that confirms or disputes them.

The public API is the pure core (models, verification, dates) and the store; the CLI lives in
`claims_cli.cli`.
"""

__version__ = "0.2.0"

__all__ = ["__version__"]
