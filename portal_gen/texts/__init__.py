"""Every word portal-gen itself writes for customers, in the site's language.

The texts are gettext catalogs, kept the standard Python way: ``pybabel extract`` collects the
English message ids from the code and templates into ``locale/portal_gen.pot``, each language
has its ``locale/<language>/LC_MESSAGES/portal_gen.po``, and ``pybabel update`` merges new ids
in. The catalogs are compiled when first asked for, in memory, so no generated ``.mo`` file is
kept in the repository and a corrected ``.po`` takes effect on the next run.
"""
