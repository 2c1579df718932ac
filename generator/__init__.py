"""tetsuzuki: turns one YAML file per procedure into a resident guide site and QR flyers.

The core (``generator.model``, ``generator.loading``, ``generator.site``) does not import MkDocs;
``generator.mkdocs_plugin`` is the thin adapter that hands the rendered pages to MkDocs.
"""

__version__ = "0.1.0"
