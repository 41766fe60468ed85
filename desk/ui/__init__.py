"""The Qt layer: windows, views, models, background operations (ops). Thin: the work is in
desk.services."""
