"""Readers of remote catalogues (Opendatasoft Explore v2.1, CKAN, DCAT) for migration in: they
return metadata and download links; ``services/harvesting`` ingests."""
