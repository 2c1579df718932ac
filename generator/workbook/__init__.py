"""Municipality settings as a spreadsheet staff can fill in (xlsx or CSV), and back to YAML.

``settings_yaml`` writes the settings file in one canonical layout; ``write_workbook`` / ``write_csv_folder``
make the ready-to-fill spreadsheet; ``read_workbook`` / ``read_csv_folder`` check every cell and return the
settings or every problem at once, each pinned to a sheet, row and column.
"""

from generator.workbook.yaml_out import settings_yaml

__all__ = ["settings_yaml"]
