"""The TIMEX3 normaliser behind transforms.extract.dates (plain text in, values out)."""
from transforms.extract.timex.core import find_timexes, normalise, value_range  # noqa: F401
