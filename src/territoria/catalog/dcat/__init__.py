"""DCAT-AP 3: our catalogue as RDF (``*_to_rdf``), remote catalogues read back (``*_from_rdf``)."""
