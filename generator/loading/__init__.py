"""Reading YAML input with positions, validating it against the schema, and cross-file checks."""

from generator.loading.catalog import load_catalog, procedure_files

__all__ = ["load_catalog", "procedure_files"]
