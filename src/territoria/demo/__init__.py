"""The demo: real public files shipped with the package (licence in each SOURCE.md)."""
