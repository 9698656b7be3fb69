"""ODSQL (Opendatasoft's query language): grammar, compiler to sqlglot, functions, fields."""
