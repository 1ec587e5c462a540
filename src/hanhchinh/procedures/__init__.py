"""Procedures (thủ tục hành chính): processing times, fees and the shipped catalogue.

Not built yet: this subpackage is reserved for issue #4 and exports nothing so far.
"""

__all__: list[str] = []
