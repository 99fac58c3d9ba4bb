"""The YAML files' schema: which model validates each data file.

The models mirror the files field for field (they are what ``portal-gen schema`` publishes
for editors, with each field's description and example beside it) and forbid unknown fields
so that typos are caught. The resolved view the templates receive is in ``model.portal``.
"""

from __future__ import annotations

from portal_gen.model.customers import StoriesFile, TestimonialsFile
from portal_gen.model.events import EventsFile, PartnersFile
from portal_gen.model.record import Record
from portal_gen.model.site import Site
from portal_gen.model.tiers import TiersFile

#: Which model validates each data file.
DATA_MODELS: dict[str, type[Record]] = {
    "site": Site,
    "tiers": TiersFile,
    "partners": PartnersFile,
    "events": EventsFile,
    "testimonials": TestimonialsFile,
    "stories": StoriesFile,
}
