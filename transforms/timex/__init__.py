"""The TIMEX3 normaliser behind transforms.dates (plain text in, values out)."""
from transforms.timex.core import find_timexes, normalise, value_range  # noqa: F401
