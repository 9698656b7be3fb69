"""Cell checks: each column compiles to one SQL expression giving an error bitmask per cell.

Bit 0 is the type error, the others one constraint each (see :mod:`.bits`). Common lexical
forms are decided in SQL (:mod:`.fast`); every other cell goes to the exact Python reference
(:mod:`.reference`), which reproduces frictionless' rules, called as a vectorised DuckDB UDF
with a memo of the values already seen. The SQL path is only ever taken for forms it decides
exactly like the reference, so the result does not depend on the path.
"""
