"""The SLA engine: appointments (ngày hẹn trả), the clock, verdicts and explanations.

Not built yet: this subpackage is reserved for issue #5 and exports nothing so far.
"""

__all__: list[str] = []
