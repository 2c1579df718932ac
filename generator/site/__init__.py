"""Everything one municipality's site is made of, rendered from a validated catalog (no MkDocs here)."""
