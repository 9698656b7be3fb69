"""Indicators as declarative specs: model, loader, rules, compiler, aggregation up the COG."""
