"""The MkDocs adapter: load and render with the core, hand the pages to MkDocs as virtual files."""
