"""schema.org ``GovernmentService`` JSON-LD for each procedure page, so search engines know whose service it is.

The JSON goes inside ``<script type="application/ld+json">``, where HTML escaping does not apply. Any
``<``, ``>`` or ``&`` from the YAML is written as a ``\\u003c``-style escape, so a text such as
``</script>`` can never close the tag early; JSON parsers read the escapes back as the same characters.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.loading.strings import string_table
from generator.model import Catalog, Procedure
from generator.site import urls
from generator.vocabulary_words import vocabulary

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def government_service(catalog: Catalog, procedure: Procedure) -> dict[str, Any]:
    """The JSON-LD object describing ``procedure`` as offered by the catalog's municipality."""
    municipality = catalog.municipality
    words = string_table(catalog.strings)
    local = municipality.local(procedure.id)
    department = municipality.department_for(procedure.id)
    organization = {
        "@type": "GovernmentOrganization",
        "name": municipality.name,
        "address": {"@type": "PostalAddress", "addressRegion": municipality.prefecture, "addressCountry": "JP"},
    }
    contact: dict[str, Any] = {"@type": "ContactPoint", "name": department.name}
    if department.phone:
        contact["telephone"] = department.phone
    channels: list[dict[str, Any]] = []
    if local.online == "yes" and local.mynaportal_url:
        channels.append({"@type": "ServiceChannel", "name": words.plain("common.mynaportal"), "serviceUrl": local.mynaportal_url})
    channels.append({"@type": "ServiceChannel", "name": department.name, "servicePhone": contact})
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": procedure.title,
        "alternateName": procedure.official_name,
        "description": procedure.summary,
        "serviceType": vocabulary(catalog.strings).categories[procedure.category].label,
        # Without base_url: "./" is the page itself (a site-relative path would resolve against the page).
        "url": urls.public_url(municipality.base_url, urls.procedure_url(procedure)) if municipality.base_url else "./",
        "provider": organization,
        "serviceOperator": organization,
        "areaServed": {"@type": "AdministrativeArea", "name": f"{municipality.prefecture}{municipality.name}"},
        "availableChannel": channels,
        "dateModified": procedure.reviewed.isoformat(),
    }


def json_ld_script(data: dict[str, Any]) -> Markup:
    """A ``<script type="application/ld+json">`` element whose content cannot break out of the tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None).translate(_SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">{text}</script>')
