"""The product's entry and the graph."""
import transforms  # noqa: F401  - installs the filter for Beam's optional-client warning first
