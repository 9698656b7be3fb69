"""DCAT-AP 3: the catalogue as RDF (``*_to_rdf``) and remote DCAT catalogues read back (``*_from_rdf``)."""
