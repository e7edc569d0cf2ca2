"""Statements: who said what, when (`statement_extractor`; quotes and speakers beside it)."""
from transforms.extract.statements.extractor import StatementExtractor, make_statement_extractor  # noqa: F401
