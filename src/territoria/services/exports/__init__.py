"""One writer per export format, each turning an export plan into a stream of bytes.

The registry is :data:`territoria.services.export_writers.WRITERS`; the plan is
:class:`territoria.services.export_plan.ExportPlan`.
"""
